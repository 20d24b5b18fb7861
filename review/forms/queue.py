"""Filter the editor's review queue."""

from django import forms
from django.utils.translation import gettext_lazy as _

from resources.models import Status
from taxonomy.models import Objective

from .fields import CheckboxList

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
