"""Mark a taxonomy text with the language it is shown in, which may be English.

A text without a version in the request's language falls back to English (the
Compact's commitment and actions are entered only in their official wording), and a
screen reader must then read it with an English voice, left to right.
"""

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.utils import translation
from modeltranslation.utils import build_localized_fieldname

from taxonomy.areas import AreaName, area_name

register = template.Library()


@dataclass(frozen=True)
class Shown:
    lang: str
    dir: str
    fallback: bool


@register.simple_tag
def shown_in(instance, field: str) -> Shown:
    """Tell which language one translated field of an instance is shown in."""
    active = translation.get_language() or settings.LANGUAGE_CODE
    own = getattr(instance, build_localized_fieldname(field, active), "")
    lang = active if own else settings.LANGUAGE_CODE
    return Shown(
        lang=lang,
        dir="rtl" if translation.get_language_info(lang)["bidi"] else "ltr",
        fallback=lang != active,
    )


@register.simple_tag
def m49_area(english: str) -> AreaName:
    """Name an M49 area (a country's sub-region) in the request's language."""
    return area_name(english, translation.get_language() or settings.LANGUAGE_CODE)
