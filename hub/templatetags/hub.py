"""Provide the small template helpers the hub's pages share."""

from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """Look a key up in a dictionary from a template: ``{{ snippets|get_item:resource.pk }}``."""
    return mapping.get(key) if mapping else None
