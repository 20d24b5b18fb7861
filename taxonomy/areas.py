"""Name the UN M49 areas a country belongs to in the reader's language, from Unicode CLDR.

A country records its sub-region and intermediate region by their English M49 names
("Sub-Saharan Africa", "Western Africa"). CLDR names the same areas by their M49 codes in
every language; where CLDR's English name differs from M49's, the English name is shown,
marked as English.
"""

from dataclasses import dataclass
from functools import cache

from babel import Locale
from django.utils.translation import get_language_info, to_locale


@dataclass(frozen=True)
class AreaName:
    name: str
    lang: str


@cache
def _codes() -> dict[str, str]:
    english = Locale("en").territories
    return {name: code for code, name in english.items() if code.isdigit()}


@cache
def _names(language: str) -> dict[str, str]:
    return dict(Locale.parse(to_locale(language)).territories)


def area_name(english: str, language: str) -> AreaName:
    """Return an M49 area's name in a language, or its English name marked as English."""
    code = _codes().get(english)
    name = _names(language).get(code) if code else None
    if name:
        return AreaName(name=name, lang=get_language_info(language)["code"])
    return AreaName(name=english, lang="en")
