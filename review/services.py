"""Change the review's state: assign reviewers, declare conflicts, review, run the roster.

Each function checks who may act, writes in one transaction, records the step in the
item's history and queues its emails after commit. Item status changes themselves go
through ``review.workflow.transition``.
"""

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from accounts.roles import REVIEWER, is_editor, is_reviewer
from resources.models import Resource, Status

from . import notifications, workflow
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


def reviewer_conflict(*, resource: Resource, reviewer) -> str:
    """Say why a reviewer may never review this item, or return an empty string."""
    if resource.submitted_by_id == reviewer.pk:
        return gettext("Reviewers cannot review an item they submitted.")
    organization = resource.submitter_organization_id
    if organization and organization == reviewer.organization_id:
        return gettext("Reviewers cannot review an item from their own organization.")
    return ""


@transaction.atomic
def assignment_create(*, resource_id: int, reviewer, actor) -> Assignment:
    """Assign a roster reviewer to an item and move it into review."""
    if not is_editor(actor):
        raise NotAllowed(gettext("Only editors assign reviewers."), code="forbidden")
    resource = Resource.objects.select_for_update().get(pk=resource_id)
    if resource.status not in REVIEWABLE:
        raise WorkflowError(gettext("Reviewers can only be assigned to items awaiting review."),
                            code="wrong_state")
    if not is_reviewer(reviewer):
        raise WorkflowError(gettext("%(name)s is not on the reviewer roster.")
                            % {"name": reviewer}, code="not_reviewer")
    conflict = reviewer_conflict(resource=resource, reviewer=reviewer)
    if conflict:
        raise WorkflowError(conflict, code="conflict")
    if Assignment.objects.filter(resource=resource, reviewer=reviewer).exists():
        raise WorkflowError(gettext("%(name)s is already assigned to this item.")
                            % {"name": reviewer}, code="duplicate")
    assignment = Assignment.objects.create(resource=resource, reviewer=reviewer,
                                           assigned_by=actor)
    if resource.status != Status.IN_REVIEW:
        resource = workflow.transition(resource_id=resource.pk, name="start_review",
                                       actor=actor)
    workflow.record(resource=resource, actor=actor, action="assign",
                    note=gettext("Assigned %(name)s.") % {"name": reviewer})
    transaction.on_commit(lambda: notifications.queue_email(
        subject=gettext("You have been asked to review a resource"),
        template="email/assigned.txt",
        context={"title": resource.title, "path": f"/review/assignments/{assignment.pk}/"},
        recipients=[reviewer.email],
    ))
    return assignment


@transaction.atomic
def assignment_declare(*, assignment_id: int, actor, has_conflict: bool,
                       note: str = "") -> Assignment:
    """Record the reviewer's declaration; declaring a conflict unassigns them."""
    assignment = Assignment.objects.select_for_update().select_related("resource").get(
        pk=assignment_id)
    if assignment.reviewer_id != actor.pk:
        raise NotAllowed(gettext("This is not your assignment."), code="forbidden")
    if assignment.state != Assignment.State.AWAITING_DECLARATION:
        raise WorkflowError(gettext("You have already made your declaration."),
                            code="wrong_state")
    if has_conflict and not note.strip():
        raise WorkflowError(gettext("Please describe the conflict of interest."),
                            code="note_required")
    assignment.declared_at = timezone.now()
    assignment.conflict_note = note.strip()
    assignment.state = (Assignment.State.CONFLICT if has_conflict
                        else Assignment.State.REVIEWING)
    assignment.save(update_fields=["declared_at", "conflict_note", "state"])
    if has_conflict:
        workflow.record(resource=assignment.resource, actor=actor, action="conflict",
                        note=gettext("Declared a conflict of interest: %(note)s")
                        % {"note": assignment.conflict_note})
        resource = assignment.resource
        transaction.on_commit(lambda: notifications.queue_email(
            subject=gettext("A reviewer declared a conflict of interest"),
            template="email/conflict.txt",
            context={"title": resource.title, "path": f"/review/items/{resource.pk}/"},
            recipients=notifications.editor_emails(),
        ))
    return assignment


@transaction.atomic
def review_submit(*, assignment_id: int, actor, scores: dict[str, int], recommendation: str,
                  comments_for_submitter: str = "", confidential_comments: str = "") -> Review:
    """Store a reviewer's review of their assigned item."""
    assignment = Assignment.objects.select_for_update().select_related("resource").get(
        pk=assignment_id)
    if assignment.reviewer_id != actor.pk:
        raise NotAllowed(gettext("This is not your assignment."), code="forbidden")
    if assignment.state != Assignment.State.REVIEWING:
        raise WorkflowError(
            gettext("Declare any conflict of interest before reviewing.")
            if assignment.state == Assignment.State.AWAITING_DECLARATION
            else gettext("This assignment can no longer be reviewed."),
            code="wrong_state")
    if assignment.resource.status != Status.IN_REVIEW:
        raise WorkflowError(gettext("This item is no longer in review."), code="wrong_state")
    criteria = {name for name, _label in CRITERIA}
    if set(scores) != criteria or any(
        not isinstance(score, int) or not 1 <= score <= 5 for score in scores.values()
    ):
        raise WorkflowError(gettext("Give every criterion a score from 1 to 5."),
                            code="invalid_scores")
    if recommendation not in Recommendation.values:
        raise WorkflowError(gettext("Choose a recommendation."), code="invalid_recommendation")
    review = Review.objects.create(
        assignment=assignment, recommendation=recommendation,
        comments_for_submitter=comments_for_submitter.strip(),
        confidential_comments=confidential_comments.strip(), **scores,
    )
    assignment.state = Assignment.State.COMPLETED
    assignment.save(update_fields=["state"])
    resource = assignment.resource
    workflow.record(resource=resource, actor=actor, action="review",
                    note=gettext("Review submitted: %(recommendation)s")
                    % {"recommendation": review.get_recommendation_display()})
    transaction.on_commit(lambda: notifications.queue_email(
        subject=gettext("A review was submitted"), template="email/review_submitted.txt",
        context={"title": resource.title, "path": f"/review/items/{resource.pk}/"},
        recipients=notifications.editor_emails(),
    ))
    return review


@transaction.atomic
def assignment_remove(*, assignment_id: int, actor) -> Assignment:
    """Take a reviewer off an item before they review it."""
    if not is_editor(actor):
        raise NotAllowed(gettext("Only editors change panels."), code="forbidden")
    assignment = Assignment.objects.select_for_update().select_related("resource").get(
        pk=assignment_id)
    if assignment.state not in (Assignment.State.AWAITING_DECLARATION,
                                Assignment.State.REVIEWING):
        raise WorkflowError(gettext("Only a pending assignment can be removed."),
                            code="wrong_state")
    assignment.state = Assignment.State.REMOVED
    assignment.save(update_fields=["state"])
    workflow.record(resource=assignment.resource, actor=actor, action="unassign",
                    note=gettext("Removed %(name)s.") % {"name": assignment.reviewer})
    return assignment


@transaction.atomic
def roster_apply(*, applicant, is_un_affiliated: bool, objectives, regions, languages,
                 years_of_experience: int, publications: str, statement: str
                 ) -> RosterApplication:
    """File an application to join the peer review roster."""
    if not applicant.is_authenticated:
        raise NotAllowed(gettext("Please sign in to apply."), code="forbidden")
    if is_reviewer(applicant) and ReviewerProfile.objects.filter(user=applicant,
                                                                 is_active=True).exists():
        raise WorkflowError(gettext("You are already on the peer review roster."),
                            code="duplicate")
    if RosterApplication.objects.filter(applicant=applicant,
                                        state=RosterApplication.State.PENDING).exists():
        raise WorkflowError(gettext("You already have an application waiting for a decision."),
                            code="duplicate")
    application = RosterApplication.objects.create(
        applicant=applicant, is_un_affiliated=is_un_affiliated,
        years_of_experience=years_of_experience, publications=publications.strip(),
        statement=statement.strip(),
    )
    application.objectives.set(objectives)
    application.regions.set(regions)
    application.languages.set(languages)
    transaction.on_commit(lambda: notifications.queue_email(
        subject=gettext("New application to the peer review roster"),
        template="email/roster_application.txt",
        context={"name": str(applicant), "path": "/review/roster/"},
        recipients=notifications.editor_emails(),
    ))
    return application


@transaction.atomic
def roster_decide(*, application_id: int, actor, accept: bool, note: str = ""
                  ) -> RosterApplication:
    """Accept or decline a roster application; accepting makes the applicant a reviewer."""
    if not is_editor(actor):
        raise NotAllowed(gettext("Only editors decide on roster applications."),
                         code="forbidden")
    application = RosterApplication.objects.select_for_update().get(pk=application_id)
    if application.state != RosterApplication.State.PENDING:
        raise WorkflowError(gettext("This application has already been decided."),
                            code="wrong_state")
    application.state = (RosterApplication.State.ACCEPTED if accept
                         else RosterApplication.State.DECLINED)
    application.decided_by = actor
    application.decided_at = timezone.now()
    application.decision_note = note.strip()
    application.save(update_fields=["state", "decided_by", "decided_at", "decision_note"])
    applicant = application.applicant
    if accept:
        profile, _ = ReviewerProfile.objects.update_or_create(user=applicant, defaults={
            "is_un_affiliated": application.is_un_affiliated,
            "years_of_experience": application.years_of_experience,
            "publications": application.publications, "statement": application.statement,
            "is_active": True,
        })
        profile.objectives.set(application.objectives.all())
        profile.regions.set(application.regions.all())
        profile.languages.set(application.languages.all())
        applicant.groups.add(Group.objects.get_or_create(name=REVIEWER)[0])
    transaction.on_commit(lambda: notifications.queue_email(
        subject=gettext("Your application to the peer review roster"),
        template="email/roster_decision.txt",
        context={"accepted": accept, "message": application.decision_note, "path": "/review/"},
        recipients=[applicant.email],
    ))
    return application
