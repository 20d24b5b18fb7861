"""Judge a review panel against the hub's rule: at least one UN and two non-UN reviewers.

The rule is configurable with ``HUB_REVIEW_PANEL`` (``{"un": 1, "non_un": 2}``).
Reviewers disagree when one recommends accepting and another rejecting, or when two
recommendations are two or more steps apart on the accept … reject scale.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations

from django.conf import settings
from django.utils.translation import gettext, ngettext

from resources.models import Resource

from .models import Assignment, Recommendation, Review


def panel_rule() -> dict[str, int]:
    rule = getattr(settings, "HUB_REVIEW_PANEL", {}) or {}
    return {"un": int(rule.get("un", 1)), "non_un": int(rule.get("non_un", 2))}


def reviewers_needed(*, un: int, non_un: int) -> dict[str, str]:
    """Name the reviewers the rule needs, each count with its own plural ("1 UN reviewer")."""
    return {
        "un": ngettext("%(count)s UN reviewer", "%(count)s UN reviewers", un) % {"count": un},
        "non_un": ngettext("%(count)s non-UN reviewer", "%(count)s non-UN reviewers", non_un)
        % {"count": non_un},
    }


@dataclass
class PanelStatus:
    assigned_un: int = 0
    assigned_non_un: int = 0
    reviewed_un: int = 0
    reviewed_non_un: int = 0
    reviews: list[Review] = field(default_factory=list)
    rule: dict[str, int] = field(default_factory=panel_rule)

    @property
    def waiting(self) -> int:
        """Count the reviewers on the panel who have not reviewed yet."""
        return self.assigned_un + self.assigned_non_un - self.reviewed_un - self.reviewed_non_un

    @property
    def composition_ok(self) -> bool:
        """Tell whether the reviewers assigned so far can satisfy the rule."""
        return self.assigned_un >= self.rule["un"] and self.assigned_non_un >= self.rule["non_un"]

    @property
    def complete(self) -> bool:
        return self.reviewed_un >= self.rule["un"] and self.reviewed_non_un >= self.rule["non_un"]

    @property
    def composition_warning(self) -> str:
        if self.composition_ok:
            return ""
        return gettext(
            "The panel needs at least %(un)s and %(non_un)s; it has %(assigned_un)s UN and "
            "%(assigned_non_un)s non-UN."
        ) % {
            **reviewers_needed(**self.rule),
            "assigned_un": self.assigned_un,
            "assigned_non_un": self.assigned_non_un,
        }

    @property
    def problem(self) -> str:
        return gettext(
            "The item cannot be published before at least %(un)s and %(non_un)s have "
            "submitted their reviews (so far: %(reviewed_un)s UN, %(reviewed_non_un)s non-UN)."
        ) % {
            **reviewers_needed(**self.rule),
            "reviewed_un": self.reviewed_un,
            "reviewed_non_un": self.reviewed_non_un,
        }

    @property
    def disagreement(self) -> bool:
        steps = [Recommendation(review.recommendation).step for review in self.reviews]
        reject, accept = Recommendation.REJECT.step, Recommendation.ACCEPT.step
        return any({a, b} == {accept, reject} or abs(a - b) >= 2 for a, b in combinations(steps, 2))


def panel_status(resource: Resource) -> PanelStatus:
    """Count the active and completed reviewers of an item by affiliation."""
    return panel_statuses([resource.pk])[resource.pk]


def panel_statuses(resource_ids: Iterable[int]) -> dict[int, PanelStatus]:
    """Count the active and completed reviewers of several items, in one query."""
    statuses = {pk: PanelStatus() for pk in resource_ids}
    assignments = (
        Assignment.objects.filter(resource_id__in=statuses, state__in=Assignment.ACTIVE_STATES)
        .select_related("reviewer__reviewer_profile", "review")
        .order_by("assigned_at", "pk")
    )
    for assignment in assignments:
        status = statuses[assignment.resource_id]
        un = assignment.is_un
        if un:
            status.assigned_un += 1
        else:
            status.assigned_non_un += 1
        review = (
            getattr(assignment, "review", None)
            if assignment.state == (Assignment.State.COMPLETED)
            else None
        )
        if review is not None:
            status.reviews.append(review)
            if un:
                status.reviewed_un += 1
            else:
                status.reviewed_non_un += 1
    return statuses
