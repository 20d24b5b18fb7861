"""Validate the contact form: a ``ModelForm`` of ``ContactMessage``, whose rules it takes."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import ContactMessage


class ContactForm(forms.ModelForm):
    """Ask a visitor who they are, what the message is about, and the message.

    The form validates only; ``services.contact_message_create`` stores and mails.
    """

    class Meta:
        model = ContactMessage
        fields = ("name", "email", "topic", "message")
        labels = {
            "name": _("Your name"),
            "email": _("Your email address"),
        }
        help_texts = {
            "email": _("The editors use it only to answer you."),
            "message": _("At most 5,000 characters."),
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "message": forms.Textarea(attrs={"rows": 8}),
        }

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
