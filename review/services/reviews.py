"""Store a reviewer's review of the item they are assigned to."""

from django.db import transaction
from django.utils.translation import gettext, gettext_lazy

from accounts.models import User
from accounts.roles import editors
from hub.mail import queue_mail, site_link

from .. import conflicts
from ..models import CRITERIA, Assignment, Recommendation, Review
from ..workflow import WorkflowError
from .assignments import assignment_change, assignment_of_actor, assignment_withdraw_for_conflict


def review_submit(
    *,
    assignment_id: int,
    actor: User,
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
        assignment = assignment_of_actor(assignment_id=assignment_id, actor=actor)
        _check_reviewable(assignment=assignment, scores=scores, recommendation=recommendation)
        found = conflicts.assignment_conflict(assignment=assignment)
        if found:
            assignment_withdraw_for_conflict(assignment=assignment, reason=found)
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
    if not assignment.is_reviewing:
        raise WorkflowError(
            gettext("Declare any conflict of interest before reviewing.")
            if assignment.awaits_declaration
            else gettext("This assignment can no longer be reviewed."),
            code="wrong_state",
        )
    if not assignment.resource.is_in_review:
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
    actor: User,
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
    assignment_change(
        assignment=assignment,
        name="review",
        actor=actor,
        note=gettext("Review submitted: %(recommendation)s")
        % {"recommendation": review.get_recommendation_display()},
    )
    resource = assignment.resource
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
