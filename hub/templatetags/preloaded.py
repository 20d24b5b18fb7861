"""Read relations read ahead of time in templates, as ``hub.preloaded.related`` does in code."""

from django import template

from hub import preloaded

register = template.Library()


@register.filter
def related(instance, relation: str) -> list:
    """Return an item's rows of a relation: ``{{ resource|related:"publishers" }}``."""
    return preloaded.related(instance, relation)
