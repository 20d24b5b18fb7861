"""Validate what reviewers, editors and roster applicants send, with messages tied to fields."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import get_text_list
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from resources.models import Status
from taxonomy.models import Language, Objective, Region

from .models import CRITERIA, Recommendation, Review
from .workflow import EDITOR_ACTIONS, TRANSITIONS

MESSAGE_MAX_LENGTH = 5000
TEXT_MAX_LENGTH = 10000


class ChoiceList(forms.RadioSelect):
    """Show radio buttons as a list, each input inside its label."""

    template_name = "review/widgets/choice_list.html"


class CheckboxList(forms.CheckboxSelectMultiple):
    """Show checkboxes as a list, each input inside its label."""

    template_name = "review/widgets/choice_list.html"


class ScoreChoices(ChoiceList):
    """Show the 1–5 scores of one criterion in a row."""

    template_name = "review/widgets/score_list.html"


REQUIRED_TEXT = _("Please fill in this field.")
TOO_LONG = _(
    "Please shorten this text to at most %(limit_value)d characters (it has %(show_value)d)."
)


def text_field(
    label,
    *,
    required=False,
    help_text="",
    max_length=TEXT_MAX_LENGTH,
    rows=5,
    required_message=REQUIRED_TEXT,
):
    return forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": required_message, "max_length": TOO_LONG},
    )


# The queue's age filter: items whose last change is at least this many days old.
AGE_CHOICES = (
    ("", _("Any age")),
    ("7", _("Waiting more than a week")),
    ("14", _("Waiting more than two weeks")),
    ("30", _("Waiting more than a month")),
    ("90", _("Waiting more than three months")),
)


class QueueFilterForm(forms.Form):
    """Filter the editor's queue by state, objective and age; every field is optional."""

    state = forms.MultipleChoiceField(
        label=_("State"),
        required=False,
        widget=CheckboxList,
        choices=[(value, label) for value, label in Status.choices if value != Status.DRAFT],
        error_messages={"invalid_choice": _("Choose states from the list.")},
        help_text=_("Without a choice, the queue shows items waiting for a decision."),
    )
    objective = forms.ModelChoiceField(
        label=_("Objective"),
        required=False,
        queryset=Objective.objects.all(),
        to_field_name="code",
        empty_label=_("Any objective"),
        error_messages={"invalid_choice": _("Choose an objective from the list.")},
    )
    age = forms.TypedChoiceField(
        label=_("Age"),
        required=False,
        choices=AGE_CHOICES,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": _("Choose an age from the list.")},
    )
    no_link_or_file = forms.BooleanField(
        label=_("Only items with no link or file"),
        required=False,
        help_text=_("Items a reader could not open: neither a link nor a file is recorded."),
    )

    def filters(self) -> dict:
        """Return the selector's arguments from the fields that are valid."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        objective = data.get("objective")
        return {
            "states": data.get("state") or None,
            "objective": objective.code if objective else None,
            "older_than_days": data.get("age"),
            "without_link_or_file": bool(data.get("no_link_or_file")),
        }


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


class DecisionForm(forms.Form):
    """Take an editor's decision on an item: the action, a message and a private note."""

    action = forms.ChoiceField(
        label=_("Decision"),
        choices=[(name, TRANSITIONS[name].label) for name in EDITOR_ACTIONS],
        error_messages={
            "required": _("Choose a decision."),
            "invalid_choice": _("Choose one of the decisions offered."),
        },
    )
    message = text_field(_("Message to the submitter"), max_length=MESSAGE_MAX_LENGTH)
    note = text_field(
        _("Note for editors"),
        max_length=MESSAGE_MAX_LENGTH,
        rows=3,
        help_text=_("Only editors see it, in the item's history."),
    )

    def __init__(self, *args, transitions=(), **kwargs):
        """Say, for the decisions offered (``transitions``), when the message is required."""
        super().__init__(*args, **kwargs)
        message = self.fields["message"]
        needed = [transition for transition in transitions if transition.needs_message]
        # Read by the field template: required for some decisions, so never "(optional)".
        message.required_for = [transition.name for transition in needed]
        message.help_text = message_help(needed=needed, offered=list(transitions))

    def clean(self):
        data = super().clean()
        action = data.get("action")
        if action and TRANSITIONS[action].needs_message and not data.get("message", "").strip():
            self.add_error(
                "message",
                ValidationError(
                    gettext("Please write a message to the submitter explaining this decision."),
                    code="message_required",
                ),
            )
        return data


def _quoted(transitions) -> str:
    return get_text_list(
        [gettext("“%(decision)s”") % {"decision": transition.label} for transition in transitions],
        gettext("and"),
    )


def message_help(*, needed: list, offered: list) -> str:
    """Say for which of the offered decisions the message to the submitter is required."""
    optional = [transition for transition in offered if transition not in needed]
    seen = gettext("The submitter receives it by email and sees it on their submissions page.")
    if needed and optional:
        rule = gettext("Required for %(needed)s; optional for %(optional)s.") % {
            "needed": _quoted(needed),
            "optional": _quoted(optional),
        }
    elif needed:
        rule = gettext("Required for every decision offered.")
    else:
        rule = gettext("Optional.")
    return f"{rule} {seen}"


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


SCORE_CHOICES = (
    (1, _("1 (poor)")),
    (2, "2"),
    (3, "3"),
    (4, "4"),
    (5, _("5 (excellent)")),
)


def score_field(label) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=SCORE_CHOICES,
        coerce=int,
        widget=ScoreChoices,
        error_messages={
            "required": _("Give a score from 1 to 5 for this criterion."),
            "invalid_choice": _("The score must be a whole number from 1 to 5."),
        },
    )


class ReviewForm(forms.ModelForm):
    """Collect a review: a 1–5 score per criterion, a recommendation and two kinds of comments.

    A ``ModelForm`` of ``Review``, whose rules (scores from 1 to 5, the recommendations,
    the comments' length) it takes; it validates only, ``services.review_submit`` stores.
    """

    recommendation = forms.ChoiceField(
        label=_("Your recommendation"),
        widget=ChoiceList,
        choices=Recommendation.choices,
        error_messages={
            "required": _("Choose a recommendation."),
            "invalid_choice": _("Choose one of the recommendations listed."),
        },
    )

    class Meta:
        model = Review
        fields = (
            *(name for name, _label in CRITERIA),
            "recommendation",
            "comments_for_submitter",
            "confidential_comments",
        )
        help_texts = {
            "comments_for_submitter": _("Shared with the submitter without your name."),
            "confidential_comments": _("Only editors see these."),
        }
        widgets = {
            "comments_for_submitter": forms.Textarea(attrs={"rows": 6}),
            "confidential_comments": forms.Textarea(attrs={"rows": 4}),
        }
        error_messages = {
            "comments_for_submitter": {"max_length": TOO_LONG},
            "confidential_comments": {"max_length": TOO_LONG},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in CRITERIA:
            self.fields[name] = score_field(label)

    @property
    def score_fields(self):
        return [self[name] for name, _label in CRITERIA]

    def scores(self) -> dict[str, int]:
        return {name: self.cleaned_data[name] for name, _label in CRITERIA}


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
