"""Analyse text for search in its own language: its stemmer, accents ignored, its script prepared.

On PostgreSQL an item's text is indexed twice in one vector: with its language's text
search configuration and with a language-neutral one. A query is analysed for the
interface language and neutrally, the two OR-ed, so an English query finds English items
from the French interface through the neutral words, and a French query without accents
finds "sécurité" through French stems. The configurations (``hub_english`` …, the stock
stemmer behind ``unaccent``; ``hub_simple`` for other languages and the neutral analysis)
are created by migration ``0016_search_languages``. Arabic and Chinese text is prepared in
Python first, the same way for items and queries (``arabic``, ``chinese``). On SQLite,
text and query are both folded (``folded``): case, accents and Arabic spellings ignored.
"""

import re
import unicodedata
from collections.abc import Iterable

from django.conf import settings
from django.db.models import F, Func, TextField
from django.utils.translation import get_language

from . import arabic, chinese
from .parsing import TERM

# Stock configuration each language's hub configuration copies; other languages are neutral.
STEMMED = {"en": "english", "fr": "french", "es": "spanish", "ru": "russian", "ar": "arabic"}
NEUTRAL = "hub_simple"


def config_name(language: str) -> str:
    """Return the text search configuration of an ISO 639-1 language (neutral if none)."""
    return f"hub_{STEMMED[language]}" if language in STEMMED else NEUTRAL


def query_configs(language: str | None = None) -> list[str]:
    """Return the configurations a query is analysed with: the interface's, then neutral."""
    code = (language or get_language() or "").split("-")[0]
    return [config_name(code), NEUTRAL] if code in STEMMED else [NEUTRAL]


_CYRILLIC = re.compile("[\u0400-\u04ff]")


def is_cyrillic(word: str) -> bool:
    return bool(_CYRILLIC.search(word))


def stemmer(word: str, language: str | None = None) -> str:
    """Return the snowball dictionary to stem a word with: by its script, else the interface's.

    Latin words take the interface language's stemmer when it has one, English otherwise.
    """
    if arabic.is_arabic(word):
        return "arabic_stem"
    if is_cyrillic(word):
        return "russian_stem"
    code = (language or get_language() or "").split("-")[0]
    return f"{STEMMED[code]}_stem" if code in {"en", "fr", "es"} else "english_stem"


def prepared(text: str, *, for_index: bool = False) -> str:
    """Normalise Arabic and cut Chinese into words, as items and queries are both analysed."""
    return chinese.segmented(arabic.normalised(text), for_index=for_index)


def prepared_query(query: str) -> str:
    """Prepare a query's words like ``prepared`` without breaking its search syntax.

    A word that Chinese segmentation cuts in several stays one term: its words are AND-ed,
    or, behind a minus sign, excluded together as a phrase.
    """

    def term(match: re.Match) -> str:
        minus, phrase, word = match.groups()
        if phrase is not None:
            return f'{minus}"{prepared(phrase).strip()}"'
        sign = "-" if word.startswith("-") else ""
        text = prepared(word.lstrip("-") if sign else word).strip()
        if sign and " " in text:
            return f'-"{text}"'
        return sign + text

    return TERM.sub(term, query)


def folded(text: str) -> str:
    """Return text lowercased, without accents and with Arabic normalised (SQLite's matching)."""
    decomposed = unicodedata.normalize("NFKD", arabic.normalised(text).casefold())
    return unicodedata.normalize(
        "NFC", "".join(letter for letter in decomposed if not unicodedata.combining(letter))
    )


def _folded_parts(*parts: str | None) -> str:
    return folded(" ".join(part for part in parts if part))


def register_folding(sender, connection, **kwargs) -> None:
    """Give each new SQLite connection ``hub_folded(text, …)``, the parts folded as one text."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("hub_folded", -1, _folded_parts, deterministic=True)


def folded_text() -> Func:
    """Return the folded title, summary and search text of an item, as SQLite searches them."""
    return Func(
        F("title"), F("summary"), F("search_text"), function="hub_folded", output_field=TextField()
    )


def vector_sql(config: str, neutral: str, title: str, summary: str, rest: str) -> str:
    """Write the SQL of an item's weighted vector from SQL expressions of its parts.

    ``neutral`` is NULL for an item already analysed neutrally: its words are not doubled.
    """

    def both(text: str) -> str:
        return (
            f"to_tsvector({config}::regconfig, coalesce({text}, '')) || "
            f"coalesce(to_tsvector({neutral}::regconfig, coalesce({text}, '')), ''::tsvector)"
        )

    return (
        f"setweight({both(title)}, 'A') || setweight({both(summary)}, 'B') || "
        f"setweight({both(rest)}, 'C')"
    )


_WRITE_VECTORS = (
    "UPDATE resources_resource AS item SET search_text = given.search_text, search_vector = "
    + vector_sql("given.config", "given.neutral", "given.title", "given.summary", "given.rest")
    + " FROM unnest(%s::bigint[], %s::text[], %s::text[], %s::text[], %s::text[], %s::text[], "
    "%s::text[]) AS given(id, config, neutral, title, summary, rest, search_text) "
    "WHERE item.id = given.id"
)


def write_vectors(cursor, items: Iterable[tuple[int, str, str, str, str]]) -> None:
    """Store items' search text and vectors in one statement (PostgreSQL).

    ``items`` are (id, language code of its text, title, summary, search text). An item
    that names no language is most likely described in the hub's default language.
    """
    columns = [[] for _ in range(7)]
    for pk, language, title, summary, search_text in items:
        config = config_name(language or settings.LANGUAGE_CODE)
        row = (
            pk,
            config,
            None if config == NEUTRAL else NEUTRAL,
            prepared(title, for_index=True),
            prepared(summary, for_index=True),
            prepared(search_text, for_index=True),
            search_text,
        )
        for column, value in zip(columns, row, strict=True):
            column.append(value)
    if columns[0]:
        cursor.execute(_WRITE_VECTORS, columns)
