"""Read the interface's catalogues and the glossary for the tests that hold them to account."""

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po
from django.conf import settings
from django.utils.translation import to_locale

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
GLOSSARY = LOCALE_DIR / "glossary.csv"
TRANSLATED_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != "en"]


def catalogue_path(language: str, suffix: str = "po") -> Path:
    """Return the path of a language's catalogue (``.po``) or its compiled form (``.mo``)."""
    return LOCALE_DIR / to_locale(language) / "LC_MESSAGES" / f"django.{suffix}"


@cache
def catalogue(language: str):
    """Return a language's catalogue as Babel reads it (once a run: tests only read it)."""
    with catalogue_path(language).open("rb") as source:
        return read_po(source, locale=to_locale(language))


@dataclass(frozen=True)
class Term:
    english: str
    translations: dict[str, tuple[str, ...]]
    source: str


@cache
def glossary() -> tuple[Term, ...]:
    """Return the glossary's terms, each with the accepted translations per language."""
    with GLOSSARY.open(encoding="utf-8", newline="") as rows:
        return tuple(
            Term(
                english=row["en"],
                translations={
                    language: tuple(row[language].split("|")) for language in TRANSLATED_LANGUAGES
                },
                source=row["source"],
            )
            for row in csv.DictReader(rows)
        )


def mentions(english_text: str, term: str) -> bool:
    """Tell whether English text uses a term (an acronym only in capitals)."""
    flags = 0 if term.isupper() else re.IGNORECASE
    return re.search(rf"(?<![\w-]){re.escape(term)}(?![\w-])", english_text, flags) is not None


ARABIC_ARTICLE = re.compile(r"^(?:[وفبلك]?ال|لل)")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold().replace("ё", "е")
    return re.sub("[أإآ]", "ا", text)


def _stems(term: str, language: str) -> list[str]:
    words = [word for word in re.findall(r"\w+", _fold(term)) if len(word) > 3 or term.isupper()]
    if language == "ar":
        return [ARABIC_ARTICLE.sub("", word) for word in words]
    if language == "ru":
        return [word[:-2] if len(word) >= 7 else word for word in words]
    return [word.removesuffix("s") for word in words]


def uses(text: str, term: str, language: str) -> bool:
    """Tell whether a translation uses a term, allowing for its inflections.

    Chinese has no inflection, so the term must appear whole. Elsewhere every word of the
    term longer than three letters must begin a word of the text: French and Spanish words
    may take a plural "s", Russian words of seven letters or more may change their last
    two, and Arabic words may carry a prefix before the article.
    """
    folded = _fold(text)
    if language.startswith("zh"):
        return _fold(term) in folded
    words = re.findall(r"\w+", folded)
    if language == "ar":
        return all(any(stem in word for word in words) for stem in _stems(term, language))
    return all(any(word.startswith(stem) for word in words) for stem in _stems(term, language))
