"""Store the people who contribute to the hub: partners, peer reviewers and editors.

The hub has its own user model from the start so that a person's name, organization and
confirmed email live with the account; roles are Django groups.
"""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from taxonomy.models import Organization


class User(AbstractUser):
    """A registered person; they sign in with their username or their email address."""

    email = models.EmailField(_("email address"), unique=True)
    name = models.CharField(_("full name"), max_length=200, blank=True)
    organization = models.ForeignKey(
        Organization, on_delete=models.SET_NULL, null=True, blank=True, related_name="members",
        verbose_name=_("organization"),
    )
    email_confirmed = models.BooleanField(_("email confirmed"), default=False)

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        constraints = [
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_unique_ci",
                                    violation_error_message=_(
                                        "An account with this email address already exists.")),
        ]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.name or self.get_full_name() or self.username
