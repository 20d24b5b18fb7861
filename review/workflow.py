"""Own the review workflow: every change of an item's status goes through ``transition``.

Each transition checks the actor's permission and the item's current state, changes the
status with a conditional update inside one database transaction (with a row lock where
the database has them), writes the history entry in that same transaction, and queues
its notifications to be sent after commit. Two simultaneous decisions on one item can
therefore never both apply. Views, admin actions and tasks call this module; the only
other writer of a status is ``resources.services.resource_restore``, which puts items back
as a backup, an import or the demo records them. Both take the status and its moment of
publication from ``Resource.status_changes``.

States (PRODUCT.md section 3): draft → submitted → in review → (changes requested →
resubmitted → in review)* → published | rejected; also withdrawn, duplicate, archived.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.roles import is_editor, is_partner
from resources.models import Resource, Status
from resources.submission.revisions import submitted_fields_record

from .conflicts import panel_conflicts
from .models import HistoryEntry, Step
from .panel import panel_status


class WorkflowError(Exception):
    """A transition that is not allowed now; ``message`` says why in plain words."""

    def __init__(self, message: str, *, code: str):
        super().__init__(message)
        self.message = message
        self.code = code


class NotAllowed(WorkflowError):
    """The actor may not perform this transition on this item."""


def _is_owner(user, resource: Resource) -> bool:
    return bool(user.is_authenticated and resource.submitted_by_id == user.pk)


def _owner(user, resource: Resource) -> bool:
    return _is_owner(user, resource) and is_partner(user)


def _editor(user, resource: Resource) -> bool:
    return is_editor(user)


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: frozenset[str]
    target: str
    allowed: Callable
    needs_message: bool = False
    notify: str = ""
    # What the actor is told once it is done: one sentence saying what happened.
    done: str = ""
    # Whether the step records what the submitter sent, for the next round's comparison.
    records_submission: bool = False


_WITHDRAWABLE = frozenset(
    {Status.DRAFT, Status.SUBMITTED, Status.IN_REVIEW, Status.CHANGES_REQUESTED, Status.RESUBMITTED}
)
_UNDECIDED = frozenset(
    {Status.SUBMITTED, Status.IN_REVIEW, Status.RESUBMITTED, Status.CHANGES_REQUESTED}
)
# A resubmitted item may be decided on the reviews its panel has given, without starting
# its review again; ``start_review`` resumes it for reviewers still to review.
_DECIDABLE = frozenset({Status.IN_REVIEW, Status.RESUBMITTED})

TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in (
        Transition(
            Step.SUBMIT,
            _("Submit for review"),
            frozenset({Status.DRAFT}),
            Status.SUBMITTED,
            _owner,
            notify="submitted",
            records_submission=True,
            done=_("Submitted: the editors will review the item."),
        ),
        Transition(
            Step.RESUBMIT,
            _("Resubmit"),
            frozenset({Status.CHANGES_REQUESTED}),
            Status.RESUBMITTED,
            _owner,
            notify="submitted",
            records_submission=True,
            done=_("Resubmitted: the editors will look at your changes."),
        ),
        Transition(
            Step.WITHDRAW,
            _("Withdraw"),
            _WITHDRAWABLE,
            Status.WITHDRAWN,
            _owner,
            done=_("Withdrawn: the item will not be published."),
        ),
        Transition(
            Step.START_REVIEW,
            _("Start the review"),
            frozenset({Status.SUBMITTED, Status.RESUBMITTED}),
            Status.IN_REVIEW,
            _editor,
            done=_(
                "The review has started: the reviewers still to review can now review the item."
            ),
        ),
        Transition(
            Step.PUBLISH,
            _("Publish"),
            _DECIDABLE,
            Status.PUBLISHED,
            _editor,
            notify="decided",
            done=_("Published: the item is now public and the submitter has been told."),
        ),
        Transition(
            Step.REQUEST_CHANGES,
            _("Request changes"),
            _DECIDABLE,
            Status.CHANGES_REQUESTED,
            _editor,
            needs_message=True,
            notify="decided",
            done=_("Changes requested: the submitter has been asked to revise the item."),
        ),
        Transition(
            Step.REJECT,
            _("Reject"),
            _UNDECIDED - {Status.CHANGES_REQUESTED},
            Status.REJECTED,
            _editor,
            needs_message=True,
            notify="decided",
            done=_("Rejected: the submitter has been told why."),
        ),
        Transition(
            Step.ARCHIVE,
            _("Archive"),
            frozenset({Status.PUBLISHED}),
            Status.ARCHIVED,
            _editor,
            done=_("Archived: the item is no longer public."),
        ),
        Transition(
            Step.MARK_DUPLICATE,
            _("Mark as duplicate"),
            _UNDECIDED | {Status.PUBLISHED},
            Status.DUPLICATE,
            _editor,
            needs_message=True,
            notify="decided",
            done=_("Marked as a duplicate: the submitter has been told why."),
        ),
    )
}


def check(*, resource: Resource, name: str, actor, message: str = "") -> Transition:
    """Raise a WorkflowError unless ``actor`` may apply transition ``name`` now."""
    transition = TRANSITIONS.get(name)
    if transition is None:
        raise WorkflowError(gettext("Unknown action."), code="unknown")
    if not transition.allowed(actor, resource):
        raise NotAllowed(gettext("You are not allowed to do this."), code="forbidden")
    if resource.status not in transition.sources:
        raise WorkflowError(
            gettext("This item is %(status)s; it cannot be changed that way now.")
            % {"status": resource.get_status_display().lower()},
            code="wrong_state",
        )
    if transition.needs_message and not message.strip():
        raise WorkflowError(
            gettext("Please write a message to the submitter."), code="message_required"
        )
    if name == "publish":
        panel = panel_status(resource)
        if not panel.complete:
            raise WorkflowError(panel.problem, code="panel_incomplete")
        in_conflict = panel_conflicts(resource=resource)
        if in_conflict:
            raise WorkflowError(" ".join(in_conflict), code="conflict")
    return transition


def available(*, resource: Resource, actor) -> list[Transition]:
    """List the transitions ``actor`` could apply to ``resource`` now, for buttons."""
    names = []
    for name, transition in TRANSITIONS.items():
        # Assigning a reviewer starts a first review; a resubmission is resumed only for
        # reviewers still to review (it can be decided on the reviews already given).
        if name == Step.START_REVIEW and (
            resource.status != Status.RESUBMITTED or not panel_status(resource).waiting
        ):
            continue
        try:
            check(resource=resource, name=name, actor=actor, message="-")
        except WorkflowError:
            continue
        names.append(transition)
    return names


@transaction.atomic
def transition(
    *, resource_id: int, name: str, actor, message: str = "", note: str = ""
) -> Resource:
    """Apply transition ``name`` to the item, record it, and notify after commit."""
    resource = Resource.objects.select_for_update().get(pk=resource_id)
    rule = check(resource=resource, name=name, actor=actor, message=message)
    from_status = resource.status
    now = timezone.now()
    changes = {**resource.status_changes(status=rule.target, now=now), "updated_at": now}
    updated = Resource.objects.filter(pk=resource.pk, status=from_status).update(**changes)
    if updated != 1:
        raise WorkflowError(
            gettext("Someone else changed this item at the same time; please reload the page."),
            code="conflict",
        )
    for field, value in changes.items():
        setattr(resource, field, value)
    if rule.target == Status.PUBLISHED:
        # Imported here: the submission services themselves import this module.
        from resources.submission.services import proposed_publishers_adopt

        proposed_publishers_adopt(resource=resource)
    submitted_fields = (
        submitted_fields_record(resource=resource) if rule.records_submission else None
    )
    HistoryEntry.objects.create(
        resource=resource,
        actor=actor if actor.is_authenticated else None,
        action=name,
        from_status=from_status,
        to_status=rule.target,
        message=message.strip(),
        note=note.strip(),
        submitted_fields=submitted_fields,
    )
    if rule.notify:
        from . import notifications

        notifications.resource_transitioned(resource_id=resource.pk, event=rule.notify)
    return resource


def record(
    *,
    resource: Resource,
    actor,
    action: str,
    note: str = "",
    message: str = "",
    visible_to_submitter: bool = False,
) -> HistoryEntry:
    """Append a history entry for a step that does not change the status (an assignment)."""
    return HistoryEntry.objects.create(
        resource=resource,
        actor=actor if actor and actor.is_authenticated else None,
        action=action,
        from_status=resource.status,
        to_status=resource.status,
        note=note,
        message=message,
        visible_to_submitter=visible_to_submitter,
    )
