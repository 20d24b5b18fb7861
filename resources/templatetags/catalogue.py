"""Show a registered part of a page, rendered once per catalogue version."""

from django import template
from django.utils.safestring import SafeString

from ..catalogue_fragments import render_fragment

register = template.Library()


@register.simple_tag(takes_context=True)
def catalogue_fragment(context: template.Context, name: str) -> SafeString:
    """Show the part registered under ``name`` (``resources.catalogue_fragments``).

        {% catalogue_fragment "home-entry-points" %}

    The view puts the facet index it read in the context as ``catalogue``: the part is
    rendered from that index, once per language, and kept with it.
    """
    return render_fragment(name=name, index=context["catalogue"])
