"""Show a published item's peer review record without names."""

from django import template

from resources.models import Resource
from review.selectors import review_record as review_record_for

register = template.Library()


@register.inclusion_tag("review/review_record.html")
def review_record(resource: Resource) -> dict:
    """Render "Peer reviewed by N reviewers (x UN, y non-UN) · published <date>"."""
    if not resource.is_published:
        return {"record": None}
    return {"record": review_record_for(resource=resource), "resource": resource}
