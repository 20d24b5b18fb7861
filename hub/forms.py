"""Validate the contact form."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import ContactMessage

MESSAGE_MAX_LENGTH = 5000


class ContactForm(forms.Form):
    """Ask a visitor who they are, what the message is about, and the message."""

    name = forms.CharField(
        label=_("Your name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        label=_("Your email address"),
        max_length=254,
        help_text=_("The editors use it only to answer you."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    topic = forms.ChoiceField(
        label=_("Topic"), choices=ContactMessage.Topic.choices, initial=ContactMessage.Topic.GENERAL
    )
    message = forms.CharField(
        label=_("Message"),
        max_length=MESSAGE_MAX_LENGTH,
        help_text=_("At most 5,000 characters."),
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise ValidationError(gettext("Enter your name."), code="required")
        return name

    def clean_message(self) -> str:
        message = self.cleaned_data["message"].strip()
        if not message:
            raise ValidationError(gettext("Write your message."), code="required")
        return message
