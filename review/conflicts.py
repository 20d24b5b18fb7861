"""Decide whether a reviewer may judge an item: never their own, nor their organization's.

Organizations are compared by their keys (``accounts.affiliation.organization_key``), so
"Conflict Org." and "conflict org" are one. An item's organizations are its submitter's
(as recorded on the item, as the submitter's profile says now, and as recorded when each
reviewer was assigned) and its publishers; a reviewer's are their affiliation now and as
recorded at assignment. The rule is checked when an editor assigns, when the reviewer
declares and reviews, when a reviewer changes organization and when an editor publishes.
"""

from django.utils.translation import gettext

from accounts.affiliation import organization_keys, person_organization_keys
from resources.models import Resource

from .models import Assignment


def submitter_organization_name(*, resource: Resource) -> str:
    """Name the submitter's organization as it stands now, to record at assignment."""
    if resource.submitter_organization_id:
        return resource.submitter_organization.name
    submitter = resource.submitted_by
    return submitter.affiliation if submitter else ""


def item_organization_keys(*, resource: Resource) -> set[str]:
    """Return the keys of every organization an item comes from."""
    names = []
    if resource.submitter_organization_id:
        organization = resource.submitter_organization
        names += [organization.name, organization.acronym]
    for publisher in resource.publishers.all():
        names += [publisher.name, publisher.acronym]
    return organization_keys(*names) | person_organization_keys(user=resource.submitted_by)


def reviewer_conflict(
    *,
    resource: Resource,
    reviewer,
    assignment: Assignment | None = None,
    item_keys: set[str] | None = None,
) -> str:
    """Say why a reviewer may never review this item, or return an empty string.

    ``item_keys`` may be given when many reviewers are compared with one item.
    """
    if resource.submitted_by_id == reviewer.pk:
        return gettext("Reviewers cannot review an item they submitted.")
    if item_keys is None:
        item_keys = item_organization_keys(resource=resource)
    reviewer_keys = person_organization_keys(user=reviewer)
    if assignment is not None:
        item_keys = item_keys | organization_keys(assignment.submitter_organization)
        reviewer_keys = reviewer_keys | organization_keys(assignment.reviewer_organization)
    if item_keys & reviewer_keys:
        return gettext(
            "%(name)s cannot review this item: it comes from their own organization."
        ) % {"name": reviewer}
    return ""


def assignment_conflict(*, assignment: Assignment) -> str:
    """Say why an assignment's reviewer may not review its item now, or return ""."""
    if assignment.reviewer_id is None:
        return ""
    return reviewer_conflict(
        resource=assignment.resource, reviewer=assignment.reviewer, assignment=assignment
    )


def panel_conflicts(*, resource: Resource) -> list[str]:
    """List why any active reviewer of an item may not review it, for the publish guard."""
    item_keys = item_organization_keys(resource=resource)
    assignments = Assignment.objects.filter(
        resource=resource, state__in=Assignment.ACTIVE_STATES
    ).select_related("reviewer__organization")
    reasons = []
    for assignment in assignments:
        if assignment.reviewer_id is None:
            continue
        reason = reviewer_conflict(
            resource=resource,
            reviewer=assignment.reviewer,
            assignment=assignment,
            item_keys=item_keys,
        )
        if reason:
            reasons.append(reason)
    return reasons
