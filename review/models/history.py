"""Record what happened, append-only: each item's history and the roster's.

An entry is written in the same transaction as the change it records (see
``review.workflow`` and ``review.services``) and is never edited or deleted afterwards.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _

from resources.models import Resource, Status


class Step(models.TextChoices):
    """Name every step an item's history records: its transitions, then the other steps."""

    SUBMIT = "submit", _("Submitted for review")
    RESUBMIT = "resubmit", _("Resubmitted")
    WITHDRAW = "withdraw", _("Withdrawn")
    START_REVIEW = "start_review", _("Review started")
    PUBLISH = "publish", _("Published")
    REQUEST_CHANGES = "request_changes", _("Changes requested")
    REJECT = "reject", _("Rejected")
    ARCHIVE = "archive", _("Archived")
    MARK_DUPLICATE = "mark_duplicate", _("Marked as a duplicate")
    ASSIGN = "assign", _("Reviewer assigned")
    UNASSIGN = "unassign", _("Reviewer removed")
    CONFLICT = "conflict", _("Conflict of interest declared")
    DECLARE = "declare", _("No conflict of interest declared")
    REVIEW = "review", _("Review submitted")
    POSSIBLE_DUPLICATE = "possible_duplicate", _("Possible duplicate found")


class RosterStep(models.TextChoices):
    """Name every step the roster's history records: applications, decisions, members."""

    APPLIED = "applied", _("Applied to the roster")
    ACCEPTED = "accepted", _("Application accepted")
    DECLINED = "declined", _("Application declined")
    REMOVED = "removed", _("Taken off the roster")
    UN_CONFIRMED = "un_confirmed", _("UN affiliation confirmed")


@dataclass(frozen=True)
class StateChange:
    """One change of an assignment's or a roster application's state, and the step it records.

    The states each table allows, and the groups of states the code asks about ("open",
    "active"), are read from these tables rather than listed again.
    """

    name: str
    sources: frozenset[str]
    target: str
    step: str


def state_changes(*changes: StateChange) -> dict[str, StateChange]:
    return {change.name: change for change in changes}


class HistoryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionDenied("The review history is append-only.")

    def delete(self):
        raise PermissionDenied("The review history is append-only.")


class HistoryEntry(models.Model):
    """One step in an item's life: who, when, from which state to which, and why.

    ``message`` is shown to the submitter (an editor's message); ``note`` is for editors
    only. Reviewer names are never part of what a submitter sees.
    """

    resource = models.ForeignKey(
        Resource, on_delete=models.PROTECT, related_name="history", verbose_name=_("resource")
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    action = models.CharField(_("step"), max_length=40, choices=Step)
    from_status = models.CharField(_("from"), max_length=20, choices=Status, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=Status, blank=True)
    message = models.TextField(_("message to the submitter"), blank=True)
    note = models.TextField(_("note for editors"), blank=True)
    visible_to_submitter = models.BooleanField(_("shown to the submitter"), default=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    # What the submitter sent, recorded at each submission and resubmission, so that an
    # editor sees what changed from one round to the next
    # (``resources.submission.revisions``).
    submitted_fields = models.JSONField(
        _("submitted fields"), null=True, blank=True, editable=False
    )

    objects = HistoryQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("history entry")
        verbose_name_plural = _("history")

    def __str__(self) -> str:
        return f"{self.resource}: {self.get_action_display()}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionDenied("The review history is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied("The review history is append-only.")


class RosterEntry(models.Model):
    """One step in the roster's life: who applied, was accepted, declined or taken off, by whom.

    Editors read it on the roster page. Like an item's history it is append-only; a
    person's entries go with their account.
    """

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="roster_history",
        verbose_name=_("person"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    action = models.CharField(_("step"), max_length=20, choices=RosterStep)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    objects = HistoryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("roster history entry")
        verbose_name_plural = _("roster history")

    def __str__(self) -> str:
        return f"{self.person}: {self.get_action_display()}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionDenied("The roster history is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied("The roster history is append-only.")
