"""Put the open-data channels on pages: feed and export links, citations, embedded metadata."""

from django import template
from django.utils.safestring import SafeString

from ..citations import Citation
from ..exports import results_query
from ..metadata import item_metadata, site_url

register = template.Library()


@register.simple_tag
def channel_query(browse) -> str:
    """Return the query string that gives feeds and exports the results of this browse page."""
    return results_query(browse.filterset)


@register.simple_tag(takes_context=True)
def item_head_metadata(context, resource) -> SafeString:
    """Render the citation, Dublin Core and Open Graph tags and JSON-LD of an item page."""
    return item_metadata(context["request"], resource).head


@register.inclusion_tag("resources/cite.html", takes_context=True)
def item_citation(context, resource) -> dict:
    """Render the "Cite" section of an item page: formatted text and citation downloads."""
    citation = Citation(resource, base_url=site_url(context["request"]))
    return {"resource": resource, "citation": citation}
