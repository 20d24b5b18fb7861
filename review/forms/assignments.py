"""Validate assignments: an editor's choice of reviewer and a reviewer's declaration."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from .fields import MESSAGE_MAX_LENGTH, ChoiceList, text_field


class AssignForm(forms.Form):
    """Choose a roster reviewer for an item from the ranked suggestions."""

    reviewer = forms.ChoiceField(
        label=_("Reviewer"),
        help_text=_(
            "Ranked by how well their expertise matches the item, then by how many "
            "reviews they have open."
        ),
        error_messages={
            "required": _("Choose a reviewer."),
            "invalid_choice": _("Choose a reviewer from the list."),
        },
    )

    def __init__(self, *args, suggestions, **kwargs):
        super().__init__(*args, **kwargs)
        self.suggestions = {str(suggestion.user.pk): suggestion for suggestion in suggestions}
        self.fields["reviewer"].choices = [("", _("Choose a reviewer"))] + [
            (key, suggestion_label(suggestion)) for key, suggestion in self.suggestions.items()
        ]

    def clean_reviewer(self):
        return self.suggestions[self.cleaned_data["reviewer"]].user


def suggestion_label(suggestion) -> str:
    """Describe a suggested reviewer in one line: name, affiliation, match and load."""
    return ngettext(
        "%(name)s · %(affiliation)s · expertise match %(match)s · %(load)s open review",
        "%(name)s · %(affiliation)s · expertise match %(match)s · %(load)s open reviews",
        suggestion.load,
    ) % {
        "name": suggestion.user,
        "affiliation": gettext("UN") if suggestion.is_un else gettext("non-UN"),
        "match": suggestion.match,
        "load": suggestion.load,
    }


class DeclarationForm(forms.Form):
    """Record a reviewer's conflict-of-interest declaration."""

    has_conflict = forms.TypedChoiceField(
        label=_("Do you have a conflict of interest with this item?"),
        widget=ChoiceList,
        choices=[
            ("no", _("I have no conflict of interest with this item")),
            ("yes", _("I have a conflict of interest")),
        ],
        coerce=lambda value: value == "yes",
        error_messages={
            "required": _("Say whether you have a conflict of interest."),
            "invalid_choice": _("Choose one of the two answers."),
        },
    )
    conflict_note = text_field(
        _("Describe the conflict of interest"),
        max_length=MESSAGE_MAX_LENGTH,
        rows=4,
        help_text=_(
            "Only if you have one: for example, you or your organization produced or "
            "funded the item, or you work closely with its authors. Only editors see "
            "this."
        ),
    )

    def clean(self):
        data = super().clean()
        if data.get("has_conflict") and not data.get("conflict_note", "").strip():
            self.add_error(
                "conflict_note",
                ValidationError(
                    gettext("Please describe the conflict of interest."), code="note_required"
                ),
            )
        return data
