"""Say how text is read: its direction, its page-language tag, and how to shorten it.

Pages mix the interface's language with each item's own; every element that shows an
item's text says which language it is in and which way it runs, so screen readers use the
right voice and Arabic text keeps its punctuation on the right side on an English page (and
English text on an Arabic page). Chinese and Japanese put no spaces between words, so a
word count shortens nothing: ``shorten`` counts their characters instead.
"""

import re

from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import to_locale

# Languages written right to left (ISO 639-1 and the few 639-3 codes items may carry).
RTL_LANGUAGES = frozenset(
    {"ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ps", "sd", "syr", "ug", "ur", "yi"}
)

# Scripts written without spaces between words: Han, kana, CJK punctuation, full-width forms.
_UNSPACED = (
    "\u3000-\u303f\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uf900-\ufaff\uff00-\uffef\U00020000-\U0002fa1f"
)
_UNSPACED_CHARACTER = re.compile(rf"[{_UNSPACED}]")
_UNITS = re.compile(rf"[{_UNSPACED}]|[^\s{_UNSPACED}]+")
# One character of unspaced script says about half of what a word does.
CHARACTERS_PER_WORD = 2
ELLIPSIS = "…"


def text_direction(language: str) -> str:
    """Return "rtl" or "ltr" for text in this language, "auto" when it is not known.

    "auto" lets the browser take the direction from the text's first strong character.
    """
    if not language:
        return "auto"
    return "rtl" if language.split("-")[0].lower() in RTL_LANGUAGES else "ltr"


def language_attributes(language: str) -> SafeString:
    """Return ` lang="…" dir="…"` for text in this language; only ` dir="auto"` when unknown.

    For every element that shows an item's own text: its title, its summary, a snippet.
    """
    direction = text_direction(language)
    if not language:
        return format_html(' dir="{}"', direction)
    return format_html(' lang="{}" dir="{}"', language, direction)


def figure(count: int) -> str:
    """Show a count with its digits grouped as the active language does: 12,345 or 12 345.

    For displayed text only: addresses, attributes, feeds and data keep plain digits.
    """
    return number_format(count, force_grouping=True)


def language_tag(code: str) -> str:
    """Return a Django language code as a BCP 47 tag: "zh-hans" → "zh-Hans", "en" → "en"."""
    return to_locale(code).replace("_", "-")


def shorten(text: str, words: int) -> str:
    """Cut text to about ``words`` words, or twice as many characters of Chinese, with "…".

    Words of spaced scripts count one each, characters of unspaced scripts half a word each,
    so mixed text is cut where its reading length reaches the budget. Text within the
    budget is returned unchanged.
    """
    text = text or ""
    budget = words * CHARACTERS_PER_WORD
    used = 0
    for unit in _UNITS.finditer(text):
        cost = 1 if _UNSPACED_CHARACTER.fullmatch(unit.group()) else CHARACTERS_PER_WORD
        if used + cost > budget:
            return text[: unit.start()].rstrip(" \t\n,;:、，；：،؛") + ELLIPSIS
        used += cost
    return text
