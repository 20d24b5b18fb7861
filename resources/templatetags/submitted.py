"""Give templates the answers a submitter gave for an item: ``{% submitted_fields %}``."""

from django import template

from resources.models import Resource
from resources.submission.selectors import SubmittedField
from resources.submission.selectors import submitted_fields as select_submitted_fields

register = template.Library()


@register.simple_tag
def submitted_fields(resource: Resource) -> list[SubmittedField]:
    """Return every field of the item's submission form with its answer, in the form's order.

    {% submitted_fields resource as fields %}
    """
    return select_submitted_fields(resource=resource)
