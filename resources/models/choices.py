"""Name the catalogue's choices: kinds, scopes and statuses, apart so any module can name them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    DOCUMENT = "document", _("Document")
    PRACTICE = "practice", _("Practice")
    EVENT = "event", _("Event")
    PROJECT = "project", _("Project")
    TRAINING = "training", _("Training and guidance")
    VIDEO = "video", _("Video")


class Scope(models.IntegerChoices):
    """Geographic scope, numbered so that the Hub's order (global first) is a plain sort."""

    GLOBAL = 1, _("Global")
    REGIONAL = 2, _("Regional")
    NATIONAL = 3, _("National")
    LOCAL = 4, _("Local")

    @property
    def code(self) -> str:
        """Name the scope in addresses: ``?scope=global``."""
        return self.name.lower()

    @classmethod
    def from_code(cls, code: str) -> "Scope":
        return cls[code.upper()]


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    IN_REVIEW = "in_review", _("In review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    RESUBMITTED = "resubmitted", _("Resubmitted")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    DUPLICATE = "duplicate", _("Duplicate")
    ARCHIVED = "archived", _("Archived")


def choice_label(choices: type[models.Choices], value) -> str:
    """Return a value's label, or the value itself when it is not one of the choices."""
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)
