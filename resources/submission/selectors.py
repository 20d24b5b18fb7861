"""Read what a submitter may see of their own items, and who may download an item's file.

A submitter sees their items' states, dates and the editors' messages, and the reviewers'
comments for them once a decision has been made, numbered "Reviewer 1, 2…". They never
see who reviewed, editors' notes, confidential comments or other people's unpublished
items.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext

from accounts.roles import can_open_submission, is_roster_member
from resources.models import Resource, Status
from review import workflow
from review.models import Assignment, HistoryEntry, Review

DECISIONS = ("publish", "request_changes", "reject", "mark_duplicate")


def my_items(*, user) -> QuerySet:
    """Return the items a user submitted, most recently changed first."""
    return (Resource.objects.filter(submitted_by=user).select_related("document_type")
            .order_by("-updated_at", "-pk"))


def my_item_get(*, user, pk: int) -> Resource:
    """Return one of the user's own items, or raise Http404 (also for other people's)."""
    resource = (Resource.objects.filter(pk=pk, submitted_by=user)
                .select_related("document_type", "primary_objective").first()
                if user.is_authenticated else None)
    if resource is None:
        raise Http404(gettext("You have no item with this number."))
    return resource


def my_item_actions(*, user, resource: Resource) -> set[str]:
    """Name what the submitter can do with their item now: edit, submit, resubmit, withdraw."""
    names = {transition.name for transition in workflow.available(resource=resource, actor=user)}
    if resource.status in (Status.DRAFT, Status.CHANGES_REQUESTED) and names & {"submit",
                                                                              "resubmit"}:
        names.add("edit")
    return names


@dataclass(frozen=True)
class Step:
    """One entry of an item's history as its submitter sees it."""

    when: datetime
    by: str
    from_status: str
    to_status: str
    message: str


def submitter_history(*, resource: Resource) -> list[Step]:
    """Return the item's history for its submitter, naming only them ("You") or "The editors"."""
    entries = (HistoryEntry.objects.filter(resource=resource, visible_to_submitter=True)
               .order_by("created_at", "pk")
               .values("created_at", "actor_id", "from_status", "to_status", "message"))
    labels = dict(Status.choices)
    steps = []
    for entry in entries:
        by = (gettext("You") if entry["actor_id"] == resource.submitted_by_id
              else gettext("The editors"))
        steps.append(Step(
            when=entry["created_at"], by=by,
            from_status=str(labels.get(entry["from_status"], "")),
            to_status=str(labels.get(entry["to_status"], "")),
            message=entry["message"],
        ))
    return steps


@dataclass(frozen=True)
class ReviewerComment:
    reviewer: str
    comments: str


def reviewer_comments(*, resource: Resource) -> list[ReviewerComment]:
    """Return reviewers' comments for the submitter made before the latest decision.

    Reviewers are numbered by the order of their assignment; nothing else about them is read.
    """
    decided = (HistoryEntry.objects.filter(resource=resource, action__in=DECISIONS)
               .order_by("-created_at", "-pk").values_list("created_at", flat=True).first())
    if decided is None:
        return []
    reviews = (Review.objects.filter(assignment__resource=resource)
               .order_by("assignment__assigned_at", "assignment__pk")
               .values_list("submitted_at", "comments_for_submitter"))
    comments = []
    for number, (submitted_at, text) in enumerate(reviews, start=1):
        if submitted_at <= decided and text.strip():
            comments.append(ReviewerComment(
                reviewer=gettext("Reviewer %(number)s") % {"number": number}, comments=text))
    return comments


def can_download(*, user, resource: Resource) -> bool:
    """Tell whether a user may download an item's file: published, or theirs to handle."""
    if resource.status == Status.PUBLISHED:
        return True
    if not user.is_authenticated or not user.is_active:
        return False
    if resource.submitted_by_id == user.pk or can_open_submission(user, resource):
        return True
    return is_roster_member(user) and Assignment.objects.filter(
        resource=resource, reviewer=user, state__in=Assignment.ACTIVE_STATES).exists()


def downloadable_file_get(*, user, pk: int) -> Resource:
    """Return the item whose file the user asked for, or raise Http404 if they may not have it."""
    resource = Resource.objects.filter(pk=pk).exclude(file="").first()
    if resource is None or not can_download(user=user, resource=resource):
        raise Http404(gettext("There is no file at this address."))
    return resource
