"""Mark text that comes from an item with the item's own language: ``{% item_title %}``."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from hub.reading import language_attributes
from resources.models import Resource

register = template.Library()


@register.simple_tag
def item_title(resource: Resource) -> SafeString:
    """Return the item's title as a ``<cite>``, in the item's language when it has one.

    For use inside a translated sentence: the sentence is in the page's language, the title
    in its own, so each is read out correctly; its ``dir`` isolates it, so the sentence's
    punctuation stays on its side whichever way the title runs.
    """
    return format_html(
        "<cite{}>{}</cite>", language_attributes(resource.text_language), resource.title
    )
