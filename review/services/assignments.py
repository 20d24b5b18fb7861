"""Move reviewers on and off items: assign, declare conflicts, take off, re-check.

Every change of an assignment's state goes through ``assignment_change``, which follows
``Assignment.CHANGES`` and records the step in the item's history.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from accounts.models import User
from accounts.roles import editors, is_editor, is_roster_member
from hub.mail import queue_mail, site_link
from resources.models import Resource

from .. import conflicts, workflow
from ..models import Assignment, ReviewerProfile, Step
from ..workflow import NotAllowed, WorkflowError


def assignment_change(
    *,
    assignment: Assignment,
    name: str,
    actor: User | None,
    note: str = "",
    fields: tuple[str, ...] = (),
) -> None:
    """Move an assignment by the named change of ``Assignment.CHANGES`` and record the step.

    ``fields`` names what else the caller set on the assignment, saved with its state.
    """
    change = Assignment.CHANGES[name]
    if assignment.state not in change.sources:
        raise WorkflowError(
            gettext("This assignment has changed meanwhile; please reload the page."),
            code="wrong_state",
        )
    assignment.state = change.target
    assignment.save(update_fields=["state", *fields])
    workflow.record(resource=assignment.resource, actor=actor, action=change.step, note=note)


def assignment_of_actor(*, assignment_id: int, actor: User) -> Assignment:
    """Lock the actor's assignment, refusing anyone else and anyone off the roster."""
    assignment = (
        Assignment.objects.select_for_update(of=("self",))
        .select_related("resource", "reviewer__organization")
        .get(pk=assignment_id)
    )
    if assignment.reviewer_id != actor.pk:
        raise NotAllowed(gettext("This is not your assignment."), code="forbidden")
    if not is_roster_member(actor):
        raise NotAllowed(
            gettext(
                "You are no longer on the peer review roster, so you cannot act on this assignment."
            ),
            code="forbidden",
        )
    return assignment


def assignment_withdraw_for_conflict(*, assignment: Assignment, reason: str) -> None:
    """Take a reviewer off an item the hub found them in conflict with, and tell the editors."""
    assignment.declared_at = assignment.declared_at or timezone.now()
    assignment.conflict_note = reason
    assignment_change(
        assignment=assignment,
        name="find_conflict",
        actor=None,
        note=gettext("Conflict of interest found by the hub: %(reason)s") % {"reason": reason},
        fields=("declared_at", "conflict_note"),
    )
    resource = assignment.resource
    queue_mail(
        to=editors(),
        subject=gettext_lazy("A reviewer was taken off an item for a conflict of interest"),
        template="email/conflict_found.txt",
        context={
            "title": resource.title,
            "link": site_link("review:item", kwargs={"pk": resource.pk}),
        },
    )


@transaction.atomic
def assignment_create(*, resource_id: int, reviewer: User, actor: User) -> Assignment:
    """Assign a roster reviewer to an item and move it into review."""
    if not is_editor(actor):
        raise NotAllowed(gettext("Only editors assign reviewers."), code="forbidden")
    resource = Resource.objects.select_for_update().get(pk=resource_id)
    if resource.status not in workflow.REVIEWABLE:
        raise WorkflowError(
            gettext("Reviewers can only be assigned to items awaiting review."), code="wrong_state"
        )
    if not is_roster_member(reviewer):
        raise WorkflowError(
            gettext("%(name)s is not on the reviewer roster.") % {"name": reviewer},
            code="not_reviewer",
        )
    conflict = conflicts.reviewer_conflict(resource=resource, reviewer=reviewer)
    if conflict:
        raise WorkflowError(conflict, code="conflict")
    if Assignment.objects.filter(resource=resource, reviewer=reviewer).exists():
        raise WorkflowError(
            gettext("%(name)s is already assigned to this item.") % {"name": reviewer},
            code="duplicate",
        )
    assignment = Assignment.objects.create(
        resource=resource,
        reviewer=reviewer,
        assigned_by=actor,
        submitter_organization=conflicts.submitter_organization_name(resource=resource),
        reviewer_organization=reviewer.affiliation,
    )
    if not resource.is_in_review:
        resource = workflow.transition(resource_id=resource.pk, name=Step.START_REVIEW, actor=actor)
    workflow.record(
        resource=resource,
        actor=actor,
        action=Step.ASSIGN,
        note=gettext("Assigned %(name)s.") % {"name": reviewer},
    )
    queue_mail(
        to=[reviewer],
        subject=gettext_lazy("You have been asked to review a resource"),
        template="email/assigned.txt",
        context={
            "title": resource.title,
            "link": site_link("review:assignment", kwargs={"pk": assignment.pk}),
        },
    )
    return assignment


def assignment_declare(
    *, assignment_id: int, actor: User, has_conflict: bool, note: str = ""
) -> Assignment:
    """Record the reviewer's declaration; declaring a conflict unassigns them.

    A reviewer who declares no conflict while their organization is the item's is taken
    off the item all the same (the editors are told), and the declaration is refused.
    """
    with transaction.atomic():
        assignment = assignment_of_actor(assignment_id=assignment_id, actor=actor)
        if not assignment.awaits_declaration:
            raise WorkflowError(
                gettext("You have already made your declaration."), code="wrong_state"
            )
        if has_conflict and not note.strip():
            raise WorkflowError(
                gettext("Please describe the conflict of interest."), code="note_required"
            )
        found = "" if has_conflict else conflicts.assignment_conflict(assignment=assignment)
        if found:
            assignment_withdraw_for_conflict(assignment=assignment, reason=found)
        else:
            _declare(assignment=assignment, actor=actor, has_conflict=has_conflict, note=note)
    if found:
        raise WorkflowError(found, code="conflict")
    return assignment


def _declare(*, assignment: Assignment, actor: User, has_conflict: bool, note: str) -> None:
    assignment.declared_at = timezone.now()
    assignment.conflict_note = note.strip()
    fields = ("declared_at", "conflict_note")
    if not has_conflict:
        assignment_change(assignment=assignment, name="declare", actor=actor, fields=fields)
        return
    assignment_change(
        assignment=assignment,
        name="declare_conflict",
        actor=actor,
        note=gettext("Declared a conflict of interest: %(note)s")
        % {"note": assignment.conflict_note},
        fields=fields,
    )
    resource = assignment.resource
    queue_mail(
        to=editors(),
        subject=gettext_lazy("A reviewer declared a conflict of interest"),
        template="email/conflict.txt",
        context={
            "title": resource.title,
            "link": site_link("review:item", kwargs={"pk": resource.pk}),
        },
    )


@transaction.atomic
def assignment_remove(*, assignment_id: int, actor: User) -> Assignment:
    """Take a reviewer off an item before they review it, or whose review cannot count.

    A submitted review can be taken off the panel only when its reviewer turns out to be
    in conflict with the item (see ``review.conflicts``): publishing refuses it until then.
    """
    if not is_editor(actor):
        raise NotAllowed(gettext("Only editors change panels."), code="forbidden")
    assignment = (
        Assignment.objects.select_for_update().select_related("resource").get(pk=assignment_id)
    )
    in_conflict = assignment.is_completed and conflicts.assignment_conflict(assignment=assignment)
    if not assignment.is_open and not in_conflict:
        raise WorkflowError(
            gettext("Only a pending assignment can be removed."), code="wrong_state"
        )
    assignment_change(
        assignment=assignment,
        name="remove" if assignment.is_open else "remove_review",
        actor=actor,
        note=gettext("Removed %(name)s.") % {"name": assignment.reviewer},
    )
    return assignment


def reviewer_assignments_withdraw(*, reviewer: User, actor: User | None, note: str) -> list[str]:
    """Withdraw a reviewer's unfinished assignments, each recorded in its item's history.

    Called in the transaction that takes them off the roster or deletes their account;
    returns the titles of the items that now need another reviewer.
    """
    titles = []
    for assignment in (
        Assignment.objects.select_for_update(of=("self",))
        .filter(reviewer=reviewer, state__in=Assignment.OPEN_STATES)
        .select_related("resource")
    ):
        assignment_change(assignment=assignment, name="remove", actor=actor, note=note)
        titles.append(assignment.resource.title)
    return titles


def reviewer_organization_changed(*, user: User, previous: str) -> None:
    """Show editors a roster member's new organization and check their open assignments.

    Called in the transaction that saved the profile. A UN affiliation confirmed for the
    old organization needs confirming again; an open assignment that the new organization
    puts in conflict is withdrawn, recorded and reported to the editors.
    """
    profile = ReviewerProfile.objects.select_for_update().filter(user=user).first()
    if profile is not None:
        profile.previous_affiliation = previous
        profile.affiliation_changed_at = timezone.now()
        profile.un_confirmed_at, profile.un_confirmed_by = None, None
        profile.save(
            update_fields=[
                "previous_affiliation",
                "affiliation_changed_at",
                "un_confirmed_at",
                "un_confirmed_by",
            ]
        )
    for assignment in (
        Assignment.objects.select_for_update(of=("self",))
        .filter(reviewer=user, state__in=Assignment.OPEN_STATES)
        .select_related("resource", "reviewer__organization")
    ):
        reason = conflicts.assignment_conflict(assignment=assignment)
        if reason:
            assignment_withdraw_for_conflict(assignment=assignment, reason=reason)
