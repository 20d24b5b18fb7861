"""Mark and shorten text for reading in templates: ``{% load reading %}``.

``{{ resource|own_language }}`` gives the ``lang`` and ``dir`` attributes of an item's own
text, ``{{ text|shorten:45 }}`` shortens by words or by Chinese characters,
``{{ count|figure }}`` groups a count's digits as the page's language does, and
``{{ LANGUAGE_CODE|language_tag }}`` names the page's language for ``<html lang>``.
"""

from django import template
from django.utils.safestring import SafeString

from hub import reading

register = template.Library()


@register.filter
def own_language(resource) -> SafeString:
    """Return ` lang="…" dir="…"` for text from this item; only `dir="auto"` when unknown."""
    return reading.language_attributes(resource.text_language)


@register.filter
def shorten(text: str, words: int) -> str:
    """Shorten text to about this many words, or twice as many characters of Chinese."""
    return reading.shorten(str(text or ""), int(words))


@register.filter
def figure(value) -> str:
    """Show a count with the digits grouped as in the page's language: 12,345 or 12 345."""
    return reading.figure(value)


@register.filter
def language_tag(code: str) -> str:
    """Return a language code as the BCP 47 tag ``lang`` wants: "zh-hans" → "zh-Hans"."""
    return reading.language_tag(code)
