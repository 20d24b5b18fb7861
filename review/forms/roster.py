"""Validate roster applications and editors' decisions on them."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from taxonomy.models import Language, Objective, Region

from .fields import MESSAGE_MAX_LENGTH, CheckboxList, ChoiceList, text_field


class RosterApplicationForm(forms.Form):
    """Apply to the peer review roster with one's expertise and affiliation."""

    objectives = forms.ModelMultipleChoiceField(
        label=_("GCM objectives you know well"),
        queryset=Objective.objects.all(),
        to_field_name="code",
        widget=CheckboxList,
        error_messages={
            "required": _("Choose at least one objective."),
            "invalid_choice": _("Choose objectives from the list."),
            "invalid_pk_value": _("Choose objectives from the list."),
        },
    )
    regions = forms.ModelMultipleChoiceField(
        label=_("Regions you know well"),
        queryset=Region.objects.all(),
        required=False,
        to_field_name="slug",
        widget=CheckboxList,
        error_messages={
            "invalid_choice": _("Choose regions from the list."),
            "invalid_pk_value": _("Choose regions from the list."),
        },
    )
    un_languages = forms.ModelMultipleChoiceField(
        label=_("United Nations languages you can review in"),
        required=False,
        queryset=Language.objects.filter(is_un_official=True),
        to_field_name="code",
        widget=CheckboxList,
        help_text=_("Choose at least one language, here or in the list of other languages."),
        error_messages={
            "invalid_choice": _("Choose languages from the list."),
            "invalid_pk_value": _("Choose languages from the list."),
        },
    )
    other_languages = forms.ModelMultipleChoiceField(
        label=_("Other languages you can review in"),
        required=False,
        queryset=Language.objects.filter(is_un_official=False),
        to_field_name="code",
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Hold Ctrl (or Cmd on a Mac) to choose more than one."),
        error_messages={
            "invalid_choice": _("Choose languages from the list."),
            "invalid_pk_value": _("Choose languages from the list."),
        },
    )
    is_un_affiliated = forms.TypedChoiceField(
        label=_("Affiliation"),
        widget=ChoiceList,
        choices=[
            ("un", _("I work for a United Nations entity")),
            ("non_un", _("I do not work for the United Nations")),
        ],
        coerce=lambda value: value == "un",
        error_messages={
            "required": _("Say whether you work for a United Nations entity."),
            "invalid_choice": _("Choose one of the two answers."),
        },
    )
    years_of_experience = forms.IntegerField(
        label=_("Years of relevant experience"),
        min_value=0,
        max_value=80,
        error_messages={
            "required": _("Give your years of experience (0 is fine)."),
            "invalid": _("Give a whole number of years."),
            "min_value": _("The number of years cannot be negative."),
            "max_value": _("Give at most 80 years."),
        },
    )
    publications = text_field(
        _("Publications"),
        rows=4,
        help_text=_("Optional: a few relevant publications, one per line."),
    )
    statement = text_field(
        _("Why you would like to review"),
        required=True,
        max_length=MESSAGE_MAX_LENGTH,
        help_text=_("A short statement of your interest and relevant work."),
        required_message=_("Please write a short statement."),
    )

    def clean(self):
        data = super().clean()
        if (
            "un_languages" in data
            and "other_languages" in data
            and not data["un_languages"]
            and not data["other_languages"]
        ):
            self.add_error(
                "un_languages",
                ValidationError(
                    gettext("Choose at least one language you can review in."),
                    code="languages_required",
                ),
            )
        return data

    def application(self) -> dict:
        """Return the service's arguments."""
        data = self.cleaned_data
        return {
            "is_un_affiliated": data["is_un_affiliated"],
            "objectives": data["objectives"],
            "regions": data["regions"],
            "languages": [*data["un_languages"], *data["other_languages"]],
            "years_of_experience": data["years_of_experience"],
            "publications": data["publications"],
            "statement": data["statement"],
        }


class RosterDecisionForm(forms.Form):
    """Accept or decline a roster application, with an optional message."""

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("Accept")), ("decline", _("Decline"))],
        error_messages={
            "required": _("Choose to accept or decline."),
            "invalid_choice": _("Choose to accept or decline."),
        },
    )
    message = text_field(
        _("Message to the applicant"),
        max_length=MESSAGE_MAX_LENGTH,
        rows=3,
        help_text=_("Optional; sent with the decision."),
    )

    @property
    def accept(self) -> bool:
        return self.cleaned_data["decision"] == "accept"
