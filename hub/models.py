"""Store messages sent to the editors through the contact form."""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

MESSAGE_MAX_LENGTH = 5000


class ContactMessage(models.Model):
    """A message from a visitor to the hub's editors."""

    class Topic(models.TextChoices):
        GENERAL = "general", _("A general question or comment")
        RESOURCE = "resource", _("A resource: a correction or a suggestion")
        REVIEW = "review", _("Contributing or peer review")
        ACCESSIBILITY = "accessibility", _("Accessibility or a technical problem")
        PRIVACY = "privacy", _("Privacy or my personal data")

    name = models.CharField(pgettext_lazy("a person's", "name"), max_length=200)
    email = models.EmailField(_("email address"), max_length=254)
    topic = models.CharField(
        _("topic"), max_length=20, choices=Topic.choices, default=Topic.GENERAL
    )
    # A text field's max_length only reaches its form field; the validator holds it for
    # every caller of full_clean().
    message = models.TextField(
        _("message"),
        max_length=MESSAGE_MAX_LENGTH,
        validators=[MaxLengthValidator(MESSAGE_MAX_LENGTH)],
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("account"),
        help_text=_("The account of the sender, if they were signed in."),
    )
    created_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)
    handled = models.BooleanField(_("handled"), default=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("contact message")
        verbose_name_plural = _("contact messages")

    def __str__(self) -> str:
        return f"{self.get_topic_display()} — {self.name}"
