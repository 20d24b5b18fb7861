"""Build the review forms' shared widgets and text fields, with their limits and messages."""

from django import forms
from django.utils.translation import gettext_lazy as _

MESSAGE_MAX_LENGTH = 5000
TEXT_MAX_LENGTH = 10000


class ChoiceList(forms.RadioSelect):
    """Show radio buttons as a list, each input inside its label."""

    template_name = "review/widgets/choice_list.html"


class CheckboxList(forms.CheckboxSelectMultiple):
    """Show checkboxes as a list, each input inside its label."""

    template_name = "review/widgets/choice_list.html"


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
