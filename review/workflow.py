"""Own the review workflow: every change of an item's status goes through ``transition``.

Each transition is declared once in ``TRANSITIONS``: who may take it, its guards, its
button, its effects and its mail. ``transition`` applies any of them the same way: it
checks the actor's permission, the item's current state and the guards, changes the
status with a conditional update inside one database transaction (with a row lock where
the database has them), writes the history entry in that same transaction, and queues
the mail and the ``resource_transitioned`` announcement for after commit. Two
simultaneous decisions on one item can therefore never both apply. Views, admin actions
and tasks call this module, and the state groups the hub asks about are read from the
table below. The only other writer of a status is ``resources.services.resource_restore``,
which puts items back as a backup, an import or the demo records them. Both take the
status and its moment of publication from ``Resource.status_changes``.

States (PRODUCT.md section 3): draft → submitted → in review → (changes requested →
resubmitted → in review)* → published | rejected; also withdrawn, duplicate, archived.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.roles import is_item_editor, is_item_submitter
from resources.models import Resource, Status
from resources.submission.revisions import submitted_fields_record

from . import notifications
from .conflicts import panel_conflicts
from .models import HistoryEntry, Step
from .panel import panel_status
from .signals import ResourceTransition, resource_transitioned


class WorkflowError(Exception):
    """A transition that is not allowed now; ``message`` says why in plain words."""

    def __init__(self, message: str, *, code: str):
        super().__init__(message)
        self.message = message
        self.code = code


class NotAllowed(WorkflowError):
    """The actor may not perform this transition on this item."""


# Guards: each refuses a transition the item is not ready for, saying why.


def panel_complete(resource: Resource) -> None:
    """Refuse while the panel rule is unmet: too few UN or non-UN reviews are in."""
    panel = panel_status(resource)
    if not panel.complete:
        raise WorkflowError(panel.problem, code="panel_incomplete")


def panel_free_of_conflict(resource: Resource) -> None:
    """Refuse while a counted reviewer is in conflict with the item (checked again now)."""
    in_conflict = panel_conflicts(resource=resource)
    if in_conflict:
        raise WorkflowError(" ".join(in_conflict), code="conflict")


# Offers: whether a transition the actor may take is worth a button now.


def always(resource: Resource) -> bool:
    return True


def reviewers_still_to_review(resource: Resource) -> bool:
    """Offer to resume a resubmitted item's review only for reviewers still to review.

    Assigning a reviewer starts a first review; a resubmission can be decided on the
    reviews already given.
    """
    return resource.status in RESUBMITTED_STATES and bool(panel_status(resource).waiting)


# Effects: what else a transition writes, in its transaction.


def adopt_proposed_publishers(resource: Resource) -> None:
    """Turn the publishers a submitter typed into organizations as the item goes public."""
    # Imported here: the submission services themselves import this module.
    from resources.submission.services import proposed_publishers_adopt

    proposed_publishers_adopt(resource=resource)


# Notifications: the mail each transition sends after commit (``review.notifications``).
SUBMISSION_MAIL = partial(notifications.resource_transitioned, event="submitted")
DECISION_MAIL = partial(notifications.resource_transitioned, event="decided")

PRIMARY = ""
SECONDARY = "button-secondary"


@dataclass(frozen=True)
class Transition:
    """One change of an item's status, and everything the generic code needs to apply it.

    ``permission`` (from ``accounts.roles``) says who may take it; ``guards`` refuse it
    while the item is not ready; ``offered`` says whether a permitted, unguarded
    transition is worth a button now; ``effects`` write what else it changes;
    ``notification`` is the mail sent after commit.
    """

    name: str
    label: str
    sources: frozenset[str]
    target: str
    permission: Callable[[User, Resource], bool]
    guards: tuple[Callable[[Resource], None], ...] = ()
    offered: Callable[[Resource], bool] = always
    effects: tuple[Callable[[Resource], None], ...] = ()
    # The button's class on the editor's and submitter's pages.
    button: str = SECONDARY
    needs_message: bool = False
    notification: Callable[..., None] | None = None
    # What the actor is told once it is done: one sentence saying what happened.
    done: str = ""
    # Whether the step records what the submitter sent, for the next round's comparison.
    records_submission: bool = False
    # Whether the step decides on the submission; the submitter then sees the reviewers'
    # comments given before it.
    decision: bool = False

    @property
    def is_editors(self) -> bool:
        """Tell whether editors take this transition (the decision form's choices)."""
        return self.permission is is_item_editor


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
            is_item_submitter,
            button=PRIMARY,
            notification=SUBMISSION_MAIL,
            records_submission=True,
            done=_("Submitted: the editors will review the item."),
        ),
        Transition(
            Step.RESUBMIT,
            _("Resubmit"),
            frozenset({Status.CHANGES_REQUESTED}),
            Status.RESUBMITTED,
            is_item_submitter,
            button=PRIMARY,
            notification=SUBMISSION_MAIL,
            records_submission=True,
            done=_("Resubmitted: the editors will look at your changes."),
        ),
        Transition(
            Step.WITHDRAW,
            _("Withdraw"),
            _WITHDRAWABLE,
            Status.WITHDRAWN,
            is_item_submitter,
            done=_("Withdrawn: the item will not be published."),
        ),
        Transition(
            Step.START_REVIEW,
            _("Start the review"),
            frozenset({Status.SUBMITTED, Status.RESUBMITTED}),
            Status.IN_REVIEW,
            is_item_editor,
            offered=reviewers_still_to_review,
            button=PRIMARY,
            done=_(
                "The review has started: the reviewers still to review can now review the item."
            ),
        ),
        Transition(
            Step.PUBLISH,
            _("Publish"),
            _DECIDABLE,
            Status.PUBLISHED,
            is_item_editor,
            guards=(panel_complete, panel_free_of_conflict),
            effects=(adopt_proposed_publishers,),
            button=PRIMARY,
            notification=DECISION_MAIL,
            decision=True,
            done=_("Published: the item is now public and the submitter has been told."),
        ),
        Transition(
            Step.REQUEST_CHANGES,
            _("Request changes"),
            _DECIDABLE,
            Status.CHANGES_REQUESTED,
            is_item_editor,
            needs_message=True,
            notification=DECISION_MAIL,
            decision=True,
            done=_("Changes requested: the submitter has been asked to revise the item."),
        ),
        Transition(
            Step.REJECT,
            _("Reject"),
            _UNDECIDED - {Status.CHANGES_REQUESTED},
            Status.REJECTED,
            is_item_editor,
            needs_message=True,
            notification=DECISION_MAIL,
            decision=True,
            done=_("Rejected: the submitter has been told why."),
        ),
        Transition(
            Step.ARCHIVE,
            _("Archive"),
            frozenset({Status.PUBLISHED}),
            Status.ARCHIVED,
            is_item_editor,
            button=PRIMARY,
            done=_("Archived: the item is no longer public."),
        ),
        Transition(
            Step.MARK_DUPLICATE,
            _("Mark as duplicate"),
            _UNDECIDED | {Status.PUBLISHED},
            Status.DUPLICATE,
            is_item_editor,
            needs_message=True,
            notification=DECISION_MAIL,
            decision=True,
            done=_("Marked as a duplicate: the submitter has been told why."),
        ),
    )
}


def _sources(*names: str) -> frozenset[str]:
    return frozenset().union(*(TRANSITIONS[name].sources for name in names))


# State groups, read from the table so that a new transition or state changes them too.
SUBMISSION_STEPS = tuple(name for name, t in TRANSITIONS.items() if t.records_submission)
# The submitter edits an item in the states from which they can send it to the editors.
EDITABLE_STATES = _sources(*SUBMISSION_STEPS)
# Where a draft stands; the states a submitter resubmits from once changes are requested.
DRAFT_STATES = _sources(Step.SUBMIT)
CHANGES_REQUESTED_STATES = _sources(Step.RESUBMIT)
RESUBMITTED_STATES = frozenset({TRANSITIONS[Step.RESUBMIT].target})
# Items submitted and not yet decided: those their submitter may still withdraw, but drafts.
QUEUE_STATES = _sources(Step.WITHDRAW) - DRAFT_STATES
# Reviewers may be assigned while the review can start, and once it has.
REVIEW_STATES = frozenset({TRANSITIONS[Step.START_REVIEW].target})
REVIEWABLE = _sources(Step.START_REVIEW) | REVIEW_STATES
DECISIONS = tuple(name for name, t in TRANSITIONS.items() if t.decision)
EDITOR_ACTIONS = tuple(name for name, t in TRANSITIONS.items() if t.is_editors)


def check(*, resource: Resource, name: str, actor: User, message: str = "") -> Transition:
    """Raise a WorkflowError unless ``actor`` may apply transition ``name`` now."""
    transition = TRANSITIONS.get(name)
    if transition is None:
        raise WorkflowError(gettext("Unknown action."), code="unknown")
    if not transition.permission(actor, resource):
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
    for guard in transition.guards:
        guard(resource)
    return transition


def available(*, resource: Resource, actor: User) -> list[Transition]:
    """List the transitions ``actor`` could apply to ``resource`` now, for buttons."""
    offered = []
    for name, transition in TRANSITIONS.items():
        if not transition.offered(resource):
            continue
        try:
            check(resource=resource, name=name, actor=actor, message="-")
        except WorkflowError:
            continue
        offered.append(transition)
    return offered


@transaction.atomic
def transition(
    *, resource_id: int, name: str, actor: User, message: str = "", note: str = ""
) -> Resource:
    """Apply transition ``name`` to the item, record it, and notify after commit.

    The one action behind every status change: permission and guards, the conditional
    write, its effects, the history entry, then the mail and ``resource_transitioned``
    once the transaction commits (never if it rolls back).
    """
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
    for effect in rule.effects:
        effect(resource)
    submitted_fields = (
        submitted_fields_record(resource=resource) if rule.records_submission else None
    )
    actor_or_none = actor if actor.is_authenticated else None
    HistoryEntry.objects.create(
        resource=resource,
        actor=actor_or_none,
        action=name,
        from_status=from_status,
        to_status=rule.target,
        message=message.strip(),
        note=note.strip(),
        submitted_fields=submitted_fields,
    )
    if rule.notification is not None:
        notification = rule.notification
        transaction.on_commit(lambda: notification(resource_id=resource.pk))
    payload = ResourceTransition(
        resource_id=resource.pk,
        transition=name,
        from_status=from_status,
        to_status=rule.target,
        actor_id=actor_or_none.pk if actor_or_none else None,
    )

    def announce() -> None:
        resource_transitioned.send(sender=Resource, transition=payload)

    # Robust: a failing receiver is logged and cannot turn a committed change into an error.
    transaction.on_commit(announce, robust=True)
    return resource


def record(
    *,
    resource: Resource,
    actor: User | None,
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
