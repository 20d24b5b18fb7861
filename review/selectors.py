"""Read the review's state: queues, reviewer suggestions and published review records."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Case, Count, Exists, OuterRef, Q, QuerySet, Value, When
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts.models import User
from accounts.roles import is_roster_member
from accounts.roles import roster_members as roster_member_accounts
from resources.models import Resource
from resources.submission.revisions import FieldChange, fields_changed

from . import workflow
from .conflicts import assignment_conflict, item_organization_keys, reviewer_conflict
from .guidance import Guidance, Stage, decision_guidance, item_stage
from .models import (
    CRITERIA,
    Assignment,
    HistoryEntry,
    Review,
    ReviewerProfile,
    RosterApplication,
    RosterEntry,
    Step,
)
from .panel import PanelStatus, panel_status, panel_statuses


def editor_queue(
    *,
    states: list[str] | None = None,
    objective: str | None = None,
    older_than_days: int | None = None,
    without_link_or_file: bool = False,
) -> QuerySet:
    """Return submitted items for editors, oldest first, with their panel counts."""
    items = Resource.objects.filter(status__in=states or workflow.QUEUE_STATES)
    if without_link_or_file:
        items = items.without_link_or_file()
    if objective:
        items = items.filter(objectives__code=objective)
    if older_than_days:
        items = items.filter(updated_at__lte=timezone.now() - timedelta(days=older_than_days))
    active = Q(assignments__state__in=Assignment.ACTIVE_STATES)
    return (
        items.select_related("submitted_by", "document_type")
        .prefetch_related("languages")  # each title is marked with its item's language
        .annotate(
            reviewers=Count("assignments", filter=active, distinct=True),
            reviews=Count(
                "assignments",
                distinct=True,
                filter=Q(assignments__state=Assignment.State.COMPLETED),
            ),
            no_link_or_file=Exists(
                Resource.objects.without_link_or_file().filter(pk=OuterRef("pk"))
            ),
        )
        .order_by("updated_at", "pk")
    )


@dataclass
class QueueRow:
    """One item of the editor's queue with the stage its review has reached."""

    resource: Resource
    stage: Stage


def queue_rows(*, resources: list[Resource]) -> list[QueueRow]:
    """Mark each item of a queue page with its stage, reading all their panels at once."""
    panels = panel_statuses([resource.pk for resource in resources])
    return [
        QueueRow(resource, item_stage(status=resource.status, panel=panels[resource.pk]))
        for resource in resources
    ]


def reviewer_assignments(*, reviewer: User) -> QuerySet:
    """Return a reviewer's own assignments that still need them, then the finished ones."""
    finished = Case(
        When(state__in=Assignment.OPEN_STATES, then=Value(0)),
        default=Value(1),
    )
    return (
        Assignment.objects.filter(reviewer=reviewer)
        .exclude(state=Assignment.State.REMOVED)
        .select_related("resource")
        .prefetch_related("resource__languages")
        .order_by(finished, "assigned_at", "pk")
    )


def assignment_for_reviewer(*, assignment_id: int, reviewer: User) -> Assignment:
    """Return the reviewer's own assignment with its item and review, or raise Http404."""
    assignments = (
        Assignment.objects.exclude(state=Assignment.State.REMOVED)
        .select_related("resource__document_type", "review")
        .prefetch_related(
            "resource__publishers",
            "resource__objectives",
            "resource__regions",
            "resource__countries",
            "resource__languages",
        )
    )
    return get_object_or_404(assignments, pk=assignment_id, reviewer=reviewer)


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
        ReviewerProfile.objects.filter(user__in=roster_member_accounts())
        .exclude(Exists(assigned))
        .select_related("user__organization")
        .prefetch_related("objectives", "regions", "languages")
        .annotate(
            load=Count(
                "user__review_assignments",
                distinct=True,
                filter=Q(user__review_assignments__state__in=Assignment.OPEN_STATES),
            )
        )
    )
    suggestions = []
    item_keys = item_organization_keys(resource=resource)
    for profile in profiles:
        if reviewer_conflict(resource=resource, reviewer=profile.user, item_keys=item_keys):
            continue
        match = (
            len(objectives & {o.pk for o in profile.objectives.all()})
            + len(regions & {r.pk for r in profile.regions.all()})
            + len(languages & {lang.pk for lang in profile.languages.all()})
        )
        suggestions.append(Suggestion(profile.user, profile.is_confirmed_un, match, profile.load))
    suggestions.sort(key=lambda s: (-s.match, s.load, str(s.user)))
    return suggestions[:limit]


@dataclass
class ReviewRecord:
    reviewers: int
    un: int
    non_un: int


def review_record(*, resource: Resource) -> ReviewRecord | None:
    """Count the completed reviews behind a published item, by affiliation, without names."""
    # A handful of rows counted here: cheaper, on every item page, than an aggregate.
    completed = Assignment.objects.filter(
        resource=resource,
        state=Assignment.State.COMPLETED,
    ).values_list(
        "reviewer_id",
        "reviewer__reviewer_profile__is_un_affiliated",
        "reviewer__reviewer_profile__un_confirmed_at",
        "former_reviewer_un",
    )
    affiliations = [
        bool(is_un and confirmed) if reviewer else bool(former_un)
        for reviewer, is_un, confirmed, former_un in completed
    ]
    if not affiliations:
        return None
    un = sum(affiliations)
    return ReviewRecord(len(affiliations), un, len(affiliations) - un)


def roster_profiles() -> QuerySet:
    """Return the roster's active members for editors, with what the roster page shows."""
    return (
        ReviewerProfile.objects.filter(is_active=True)
        .select_related("user__organization", "un_confirmed_by")
        .order_by("-affiliation_changed_at", "user__name", "pk")
    )


@dataclass
class ReviewColumn:
    reviewer: object
    is_un: bool
    review: Review


@dataclass
class SideBySide:
    """Hold reviews as a table: one column per reviewer, one row per criterion."""

    columns: list[ReviewColumn]
    scores: list[tuple[str, list[int]]]


def reviews_side_by_side(reviews: list[Review]) -> SideBySide:
    """Arrange completed reviews so that each criterion's scores can be read across."""
    columns = [
        ReviewColumn(review.assignment.reviewer_label, review.assignment.is_un, review)
        for review in reviews
    ]
    scores = [(label, [getattr(review, name) for review in reviews]) for name, label in CRITERIA]
    return SideBySide(columns, scores)


@dataclass
class ItemReview:
    """Hold everything the editor's item page shows about one submitted item."""

    resource: Resource
    assignments: list[Assignment]
    panel: PanelStatus
    reviews: SideBySide
    suggestions: list[Suggestion]
    transitions: list
    history: list[HistoryEntry]
    guidance: Guidance
    # What the submitter changed in their latest resubmission; None unless resubmitted.
    resubmission: "Resubmission | None"

    @property
    def can_assign(self) -> bool:
        return self.resource.status in workflow.REVIEWABLE


@dataclass
class Resubmission:
    """What a resubmission changed, field by field, since the round before it.

    ``recorded`` is False for an item first submitted before submissions were recorded:
    its changes cannot be shown.
    """

    at: object
    recorded: bool
    changes: list[FieldChange]


def latest_resubmission(*, history: list[HistoryEntry]) -> Resubmission | None:
    """Compare the latest submission with the one before it, if the latest is a resubmission."""
    rounds = [entry for entry in history if entry.action in workflow.SUBMISSION_STEPS]
    if not rounds or rounds[-1].action != Step.RESUBMIT:
        return None
    latest, previous = rounds[-1], (rounds[-2] if len(rounds) > 1 else None)
    if latest.submitted_fields is None or previous is None or (previous.submitted_fields is None):
        return Resubmission(at=latest.created_at, recorded=False, changes=[])
    return Resubmission(
        at=latest.created_at,
        recorded=True,
        changes=fields_changed(before=previous.submitted_fields, after=latest.submitted_fields),
    )


def submitted_item(*, resource_id: int) -> Resource:
    """Return an item that has left its submitter's drafts, or raise Http404."""
    return get_object_or_404(
        Resource.objects.exclude(status__in=workflow.DRAFT_STATES)
        .select_related("document_type", "submitted_by", "submitter_organization")
        .prefetch_related("publishers", "objectives", "regions", "countries", "languages"),
        pk=resource_id,
    )


def item_review(*, resource_id: int, actor: User, suggestion_limit: int = 50) -> ItemReview:
    """Gather a submitted item's panel, reviews, possible decisions and history, or 404."""
    resource = submitted_item(resource_id=resource_id)
    assignments = list(
        resource.assignments.select_related(
            "reviewer__reviewer_profile", "reviewer__organization"
        ).order_by("assigned_at", "pk")
    )
    for assignment in assignments:
        # Shown beside the reviewer: a conflict found since they were assigned.
        assignment.conflict_now = (
            assignment_conflict(assignment=assignment) if assignment.is_active else ""
        )
    panel = panel_status(resource)
    suggestions = (
        reviewer_suggestions(resource=resource, limit=suggestion_limit)
        if resource.status in workflow.REVIEWABLE
        else []
    )
    transitions = workflow.available(resource=resource, actor=actor)
    history = list(resource.history.select_related("actor"))
    return ItemReview(
        resource=resource,
        assignments=assignments,
        panel=panel,
        reviews=reviews_side_by_side(panel.reviews),
        suggestions=suggestions,
        transitions=transitions,
        history=history,
        guidance=decision_guidance(
            status=resource.status,
            panel=panel,
            can_add_reviewer=bool(suggestions),
            transitions=transitions,
        ),
        resubmission=latest_resubmission(history=history),
    )


def roster_history(*, limit: int = 100) -> QuerySet:
    """Return the roster's latest steps, newest first, for the editors' roster page."""
    return RosterEntry.objects.select_related("person", "actor").order_by("-created_at", "-pk")[
        :limit
    ]


def roster_applications() -> QuerySet:
    """Return roster applications, pending ones first, with what the editor's list shows."""
    decided = Case(When(state=RosterApplication.State.PENDING, then=Value(0)), default=Value(1))
    return (
        RosterApplication.objects.select_related("applicant", "decided_by")
        .prefetch_related("objectives", "regions", "languages")
        .order_by(decided, "-submitted_at", "-pk")
    )


@dataclass
class RosterStanding:
    member: bool
    pending: RosterApplication | None


def roster_standing(*, user: User) -> RosterStanding:
    """Tell whether a person is on the roster already or has an application waiting."""
    member = is_roster_member(user)
    pending = RosterApplication.objects.filter(
        applicant=user, state=RosterApplication.State.PENDING
    ).first()
    return RosterStanding(member, pending)
