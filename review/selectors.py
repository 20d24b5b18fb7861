"""Read the review's state: queues, reviewer suggestions and published review records."""

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from accounts.roles import REVIEWER
from resources.models import Resource, Status

from .models import Assignment, ReviewerProfile
from .services import reviewer_conflict

QUEUE_STATES = (Status.SUBMITTED, Status.IN_REVIEW, Status.CHANGES_REQUESTED,
                Status.RESUBMITTED)


def editor_queue(*, states: list[str] | None = None, objective: str | None = None,
                 older_than_days: int | None = None) -> QuerySet:
    """Return submitted items for editors, oldest first, with their panel counts."""
    items = Resource.objects.filter(status__in=states or QUEUE_STATES)
    if objective:
        items = items.filter(objectives__code=objective)
    if older_than_days:
        items = items.filter(updated_at__lte=timezone.now() - timedelta(days=older_than_days))
    active = Q(assignments__state__in=Assignment.ACTIVE_STATES)
    return (items.select_related("submitted_by", "document_type")
            .annotate(reviewers=Count("assignments", filter=active, distinct=True),
                      reviews=Count("assignments", distinct=True,
                                    filter=Q(assignments__state=Assignment.State.COMPLETED)))
            .order_by("updated_at", "pk"))


def reviewer_assignments(*, reviewer) -> QuerySet:
    """Return a reviewer's own assignments that still need them, then the finished ones."""
    return (Assignment.objects.filter(reviewer=reviewer)
            .exclude(state=Assignment.State.REMOVED)
            .select_related("resource")
            .order_by("state", "assigned_at"))


@dataclass
class Suggestion:
    user: object
    is_un: bool
    match: int
    load: int


def reviewer_suggestions(*, resource: Resource, limit: int = 10) -> list[Suggestion]:
    """Rank roster members for an item by shared expertise, then by fewest open reviews."""
    objectives = set(resource.objectives.values_list("pk", flat=True))
    regions = set(resource.regions.values_list("pk", flat=True))
    languages = set(resource.languages.values_list("pk", flat=True))
    assigned = Assignment.objects.filter(resource=resource, reviewer=OuterRef("user"))
    profiles = (
        ReviewerProfile.objects.filter(is_active=True, user__is_active=True,
                                       user__groups__name=REVIEWER)
        .exclude(Exists(assigned))
        .select_related("user")
        .prefetch_related("objectives", "regions", "languages")
        .annotate(load=Count("user__review_assignments", distinct=True, filter=Q(
            user__review_assignments__state__in=(Assignment.State.AWAITING_DECLARATION,
                                                 Assignment.State.REVIEWING))))
    )
    suggestions = []
    for profile in profiles:
        if reviewer_conflict(resource=resource, reviewer=profile.user):
            continue
        match = (len(objectives & {o.pk for o in profile.objectives.all()})
                 + len(regions & {r.pk for r in profile.regions.all()})
                 + len(languages & {lang.pk for lang in profile.languages.all()}))
        suggestions.append(Suggestion(profile.user, profile.is_un_affiliated, match,
                                      profile.load))
    suggestions.sort(key=lambda s: (-s.match, s.load, str(s.user)))
    return suggestions[:limit]


@dataclass
class ReviewRecord:
    reviewers: int
    un: int
    non_un: int


def review_record(*, resource: Resource) -> ReviewRecord | None:
    """Count the completed reviews behind a published item, by affiliation, without names."""
    completed = Assignment.objects.filter(resource=resource,
                                          state=Assignment.State.COMPLETED)
    counts = completed.aggregate(
        total=Count("pk"),
        un=Count("pk", filter=Q(reviewer__reviewer_profile__is_un_affiliated=True)),
    )
    if not counts["total"]:
        return None
    return ReviewRecord(counts["total"], counts["un"], counts["total"] - counts["un"])


def roster_members() -> QuerySet:
    return get_user_model().objects.filter(groups__name=REVIEWER, is_active=True)
