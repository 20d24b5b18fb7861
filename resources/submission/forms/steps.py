"""Validate the steps around the item's form: choosing its kind and confirming a submission."""

from django import forms
from django.utils.translation import gettext_lazy as _

from resources.models import Kind


class KindForm(forms.Form):
    """Choose what is being submitted, the first step of a submission."""

    kind = forms.ChoiceField(
        label=_("What are you submitting?"),
        choices=Kind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose what you are submitting."),
            "invalid_choice": _("Choose one of the kinds listed."),
        },
    )


class ConfirmSubmitForm(forms.Form):
    """Confirm submitting an item that may duplicate others."""

    confirm = forms.BooleanField(label=_("Submit anyway"), required=False)
