"""Change the review's state: assign reviewers, declare conflicts, review, run the roster.

Each function checks who may act, writes in one transaction, records the step in the
item's history and queues its emails after commit. Item status changes themselves go
through ``review.workflow.transition``.
"""

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from accounts.roles import REVIEWER, editors, is_editor, is_roster_member
from hub.mail import queue_mail, site_link
from resources.models import Resource, Status

from . import conflicts, workflow
from .models import (
    CRITERIA,
    Assignment,
    Recommendation,
    Review,
    ReviewerProfile,
    RosterApplication,
)
from .workflow import NotAllowed, WorkflowError

REVIEWABLE = (Status.SUBMITTED, Status.RESUBMITTED, Status.IN_REVIEW)


OPEN_STATES = (Assignment.State.AWAITING_DECLARATION, Assignment.State.REVIEWING)


def _own_assignment(*, assignment_id: int, actor) -> Assignment:
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


def _withdraw_for_conflict(*, assignment: Assignment, reason: str) -> None:
    """Take a reviewer off an item the hub found them in conflict with, and tell the editors."""
    assignment.state = Assignment.State.CONFLICT
    assignment.declared_at = assignment.declared_at or timezone.now()
    assignment.conflict_note = reason
    assignment.save(update_fields=["state", "declared_at", "conflict_note"])
    resource = assignment.resource
    workflow.record(
        resource=resource,
        actor=None,
        action="conflict",
        note=gettext("Conflict of interest found by the hub: %(reason)s") % {"reason": reason},
    )
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
def assignment_create(*, resource_id: int, reviewer, actor) -> Assignment:
    """Assign a roster reviewer to an item and move it into review."""
    if not is_editor(actor):
        raise NotAllowed(gettext("Only editors assign reviewers."), code="forbidden")
    resource = Resource.objects.select_for_update().get(pk=resource_id)
    if resource.status not in REVIEWABLE:
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
    if resource.status != Status.IN_REVIEW:
        resource = workflow.transition(resource_id=resource.pk, name="start_review", actor=actor)
    workflow.record(
        resource=resource,
        actor=actor,
        action="assign",
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
    *, assignment_id: int, actor, has_conflict: bool, note: str = ""
) -> Assignment:
    """Record the reviewer's declaration; declaring a conflict unassigns them.

    A reviewer who declares no conflict while their organization is the item's is taken
    off the item all the same (the editors are told), and the declaration is refused.
    """
    with transaction.atomic():
        assignment = _own_assignment(assignment_id=assignment_id, actor=actor)
        if assignment.state != Assignment.State.AWAITING_DECLARATION:
            raise WorkflowError(
                gettext("You have already made your declaration."), code="wrong_state"
            )
        if has_conflict and not note.strip():
            raise WorkflowError(
                gettext("Please describe the conflict of interest."), code="note_required"
            )
        found = "" if has_conflict else conflicts.assignment_conflict(assignment=assignment)
        if found:
            _withdraw_for_conflict(assignment=assignment, reason=found)
        else:
            _declare(assignment=assignment, actor=actor, has_conflict=has_conflict, note=note)
    if found:
        raise WorkflowError(found, code="conflict")
    return assignment


def _declare(*, assignment: Assignment, actor, has_conflict: bool, note: str) -> None:
    assignment.declared_at = timezone.now()
    assignment.conflict_note = note.strip()
    assignment.state = Assignment.State.CONFLICT if has_conflict else Assignment.State.REVIEWING
    assignment.save(update_fields=["declared_at", "conflict_note", "state"])
    if has_conflict:
        workflow.record(
            resource=assignment.resource,
            actor=actor,
            action="conflict",
            note=gettext("Declared a conflict of interest: %(note)s")
            % {"note": assignment.conflict_note},
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


def review_submit(
    *,
    assignment_id: int,
    actor,
    scores: dict[str, int],
    recommendation: str,
    comments_for_submitter: str = "",
    confidential_comments: str = "",
) -> Review:
    """Store a reviewer's review of their assigned item.

    A reviewer whose organization is the item's is taken off it instead (the editors are
    told), and the review is refused.
    """
    with transaction.atomic():
        assignment = _own_assignment(assignment_id=assignment_id, actor=actor)
        _check_reviewable(assignment=assignment, scores=scores, recommendation=recommendation)
        found = conflicts.assignment_conflict(assignment=assignment)
        if found:
            _withdraw_for_conflict(assignment=assignment, reason=found)
        else:
            review = _review(
                assignment=assignment,
                actor=actor,
                scores=scores,
                recommendation=recommendation,
                comments_for_submitter=comments_for_submitter,
                confidential_comments=confidential_comments,
            )
    if found:
        raise WorkflowError(found, code="conflict")
    return review


def _check_reviewable(
    *, assignment: Assignment, scores: dict[str, int], recommendation: str
) -> None:
    if assignment.state != Assignment.State.REVIEWING:
        raise WorkflowError(
            gettext("Declare any conflict of interest before reviewing.")
            if assignment.state == Assignment.State.AWAITING_DECLARATION
            else gettext("This assignment can no longer be reviewed."),
            code="wrong_state",
        )
    if assignment.resource.status != Status.IN_REVIEW:
        raise WorkflowError(gettext("This item is no longer in review."), code="wrong_state")
    criteria = {name for name, _label in CRITERIA}
    if set(scores) != criteria or any(
        not isinstance(score, int) or not 1 <= score <= 5 for score in scores.values()
    ):
        raise WorkflowError(
            gettext("Give every criterion a score from 1 to 5."), code="invalid_scores"
        )
    if recommendation not in Recommendation.values:
        raise WorkflowError(gettext("Choose a recommendation."), code="invalid_recommendation")


def _review(
    *,
    assignment: Assignment,
    actor,
    scores: dict[str, int],
    recommendation: str,
    comments_for_submitter: str,
    confidential_comments: str,
) -> Review:
    review = Review.objects.create(
        assignment=assignment,
        recommendation=recommendation,
        comments_for_submitter=comments_for_submitter.strip(),
        confidential_comments=confidential_comments.strip(),
        **scores,
    )
    assignment.state = Assignment.State.COMPLETED
    assignment.save(update_fields=["state"])
    resource = assignment.resource
    workflow.record(
        resource=resource,
        actor=actor,
        action="review",
        note=gettext("Review submitted: %(recommendation)s")
        % {"recommendation": review.get_recommendation_display()},
    )
    queue_mail(
        to=editors(),
        subject=gettext_lazy("A review was submitted"),
        template="email/review_submitted.txt",
        context={
            "title": resource.title,
            "link": site_link("review:item", kwargs={"pk": resource.pk}),
        },
    )
    return review


@transaction.atomic
def assignment_remove(*, assignment_id: int, actor) -> Assignment:
    """Take a reviewer off an item before they review it, or whose review cannot count.

    A submitted review can be taken off the panel only when its reviewer turns out to be
    in conflict with the item (see ``review.conflicts``): publishing refuses it until then.
    """
    if not is_editor(actor):
        raise NotAllowed(gettext("Only editors change panels."), code="forbidden")
    assignment = (
        Assignment.objects.select_for_update().select_related("resource").get(pk=assignment_id)
    )
    in_conflict = assignment.state == Assignment.State.COMPLETED and conflicts.assignment_conflict(
        assignment=assignment
    )
    if assignment.state not in OPEN_STATES and not in_conflict:
        raise WorkflowError(
            gettext("Only a pending assignment can be removed."), code="wrong_state"
        )
    assignment.state = Assignment.State.REMOVED
    assignment.save(update_fields=["state"])
    workflow.record(
        resource=assignment.resource,
        actor=actor,
        action="unassign",
        note=gettext("Removed %(name)s.") % {"name": assignment.reviewer},
    )
    return assignment


@transaction.atomic
def roster_apply(
    *,
    applicant,
    is_un_affiliated: bool,
    objectives,
    regions,
    languages,
    years_of_experience: int,
    publications: str,
    statement: str,
) -> RosterApplication:
    """File an application to join the peer review roster."""
    if not applicant.is_authenticated:
        raise NotAllowed(gettext("Please sign in to apply."), code="forbidden")
    if not applicant.email_confirmed:
        raise NotAllowed(
            gettext(
                "Please confirm your email address before applying: follow "
                "the link we sent you, or ask for a new one."
            ),
            code="email_unconfirmed",
        )
    if is_roster_member(applicant):
        raise WorkflowError(gettext("You are already on the peer review roster."), code="duplicate")
    if RosterApplication.objects.filter(
        applicant=applicant, state=RosterApplication.State.PENDING
    ).exists():
        raise WorkflowError(
            gettext("You already have an application waiting for a decision."), code="duplicate"
        )
    application = RosterApplication.objects.create(
        applicant=applicant,
        is_un_affiliated=is_un_affiliated,
        years_of_experience=years_of_experience,
        publications=publications.strip(),
        statement=statement.strip(),
    )
    application.objectives.set(objectives)
    application.regions.set(regions)
    application.languages.set(languages)
    queue_mail(
        to=editors(),
        subject=gettext_lazy("New application to the peer review roster"),
        template="email/roster_application.txt",
        context={"name": str(applicant), "link": site_link("review:roster")},
    )
    return application


@transaction.atomic
def roster_decide(*, application_id: int, actor, accept: bool, note: str = "") -> RosterApplication:
    """Accept or decline a roster application; accepting makes the applicant a reviewer."""
    if not is_editor(actor):
        raise NotAllowed(gettext("Only editors decide on roster applications."), code="forbidden")
    application = RosterApplication.objects.select_for_update().get(pk=application_id)
    if application.state != RosterApplication.State.PENDING:
        raise WorkflowError(
            gettext("This application has already been decided."), code="wrong_state"
        )
    applicant = application.applicant
    if accept and not applicant.email_confirmed:
        raise WorkflowError(
            gettext(
                "%(name)s has not confirmed their email address yet, so "
                "they cannot join the roster."
            )
            % {"name": applicant},
            code="email_unconfirmed",
        )
    application.state = (
        RosterApplication.State.ACCEPTED if accept else RosterApplication.State.DECLINED
    )
    application.decided_by = actor
    application.decided_at = timezone.now()
    application.decision_note = note.strip()
    application.save(update_fields=["state", "decided_by", "decided_at", "decision_note"])
    if accept:
        profile, _ = ReviewerProfile.objects.update_or_create(
            user=applicant,
            defaults={
                "is_un_affiliated": application.is_un_affiliated,
                "years_of_experience": application.years_of_experience,
                "publications": application.publications,
                "statement": application.statement,
                "is_active": True,
                "un_confirmed_at": None,
                "un_confirmed_by": None,
            },
        )
        profile.objectives.set(application.objectives.all())
        profile.regions.set(application.regions.all())
        profile.languages.set(application.languages.all())
        applicant.groups.add(Group.objects.get_or_create(name=REVIEWER)[0])
    queue_mail(
        to=[applicant],
        subject=gettext_lazy("Your application to the peer review roster"),
        template="email/roster_decision.txt",
        context={
            "accepted": accept,
            "message": application.decision_note,
            "link": site_link("review:queue"),
        },
    )
    return application


@transaction.atomic
def roster_remove(*, profile_id: int, actor) -> ReviewerProfile:
    """Take a reviewer off the roster and withdraw the assignments they have not finished.

    Their submitted reviews stay and count; each withdrawn assignment is recorded in its
    item's history, and the editors get one mail listing the items that need a reviewer.
    """
    if not is_editor(actor):
        raise NotAllowed(gettext("Only editors change the roster."), code="forbidden")
    profile = ReviewerProfile.objects.select_for_update().select_related("user").get(pk=profile_id)
    if not profile.is_active:
        raise WorkflowError(
            gettext("%(name)s is not on the roster.") % {"name": profile.user}, code="wrong_state"
        )
    profile.is_active = False
    profile.save(update_fields=["is_active"])
    reviewer = profile.user
    titles = []
    for assignment in (
        Assignment.objects.select_for_update(of=("self",))
        .filter(reviewer=reviewer, state__in=OPEN_STATES)
        .select_related("resource")
    ):
        assignment.state = Assignment.State.REMOVED
        assignment.save(update_fields=["state"])
        workflow.record(
            resource=assignment.resource,
            actor=actor,
            action="unassign",
            note=gettext("%(name)s was taken off the roster; their assignment was withdrawn.")
            % {"name": reviewer},
        )
        titles.append(assignment.resource.title)
    queue_mail(
        to=editors(),
        subject=gettext_lazy("A reviewer was taken off the roster"),
        template="email/roster_removed.txt",
        context={"name": str(reviewer), "titles": titles, "link": site_link("review:queue")},
    )
    return profile


@transaction.atomic
def roster_confirm_un(*, profile_id: int, actor) -> ReviewerProfile:
    """Confirm a reviewer's claimed UN affiliation, so that it counts for the UN seat."""
    if not is_editor(actor):
        raise NotAllowed(gettext("Only editors confirm UN affiliations."), code="forbidden")
    profile = ReviewerProfile.objects.select_for_update().select_related("user").get(pk=profile_id)
    if not profile.is_un_affiliated:
        raise WorkflowError(
            gettext("%(name)s has not claimed a UN affiliation.") % {"name": profile.user},
            code="wrong_state",
        )
    if profile.un_confirmed_at is not None:
        raise WorkflowError(gettext("This UN affiliation is already confirmed."), code="duplicate")
    profile.un_confirmed_at = timezone.now()
    profile.un_confirmed_by = actor
    profile.save(update_fields=["un_confirmed_at", "un_confirmed_by"])
    return profile


def reviewer_organization_changed(*, user, previous: str) -> None:
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
        .filter(reviewer=user, state__in=OPEN_STATES)
        .select_related("resource", "reviewer__organization")
    ):
        reason = conflicts.assignment_conflict(assignment=assignment)
        if reason:
            _withdraw_for_conflict(assignment=assignment, reason=reason)
