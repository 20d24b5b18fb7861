"""Store the people who contribute to the hub: partners, peer reviewers and editors.

The hub has its own user model from the start so that a person's name, affiliation and
confirmed email live with the account; roles are Django groups. A person's affiliation is
the text they typed; it is linked to an ``Organization`` only when one by that name already
exists (or an editor links it), so signing up never adds a publisher to the catalogue.
Mail to a person is written in their ``language`` (``hub.mail``).
"""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from taxonomy.models import Organization


class User(AbstractUser):
    """A registered person; they sign in with their username or their email address."""

    email = models.EmailField(_("email address"), unique=True)
    name = models.CharField(_("full name"), max_length=200, blank=True)
    affiliation = models.CharField(
        _("affiliation"),
        max_length=300,
        blank=True,
        help_text=_("The organization the person works for, as they typed it."),
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("organization"),
        help_text=_("An organization already known to the hub that the affiliation names."),
    )
    email_confirmed = models.BooleanField(_("email confirmed"), default=False)
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_(
            "The language of the hub's emails to this person: the interface language they "
            "signed up in, until they change it on their profile."
        ),
    )

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="accounts_user_email_unique_ci",
                violation_error_message=_("An account with this email address already exists."),
            ),
        ]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.name or self.get_full_name() or self.username

    @property
    def email_domain(self) -> str:
        """Name the domain of the email address, which editors may see instead of the address."""
        return self.email.rpartition("@")[2].lower()
