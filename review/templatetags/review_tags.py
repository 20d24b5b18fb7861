"""Show a published item's peer review record without names, and name history steps."""

from django import template
from django.utils.translation import gettext_lazy as _

from resources.models import Resource
from review.selectors import review_record as review_record_for
from review.workflow import TRANSITIONS

register = template.Library()


@register.inclusion_tag("review/review_record.html")
def review_record(resource: Resource) -> dict:
    """Render "Peer reviewed by N reviewers (x UN, y non-UN) · published <date>"."""
    if not resource.is_published:
        return {"record": None}
    return {"record": review_record_for(resource=resource), "resource": resource}


# Steps recorded in the history that are not status transitions.
STEP_LABELS = {
    "assign": _("Reviewer assigned"),
    "unassign": _("Reviewer removed"),
    "conflict": _("Conflict of interest declared"),
    "review": _("Review submitted"),
}


@register.filter
def step_label(action: str) -> str:
    """Name a history entry's action in words: ``{{ entry.action|step_label }}``."""
    if action in TRANSITIONS:
        return TRANSITIONS[action].label
    return STEP_LABELS.get(action, action)
