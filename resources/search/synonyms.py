"""Expand a query's synonyms and acronyms, as editors list them, into every term they stand for.

A query naming one term of a group ("THB") matches items with any term of it ("trafficking
in human beings", "trafficking in persons"…); the rest of the query is unchanged. The
groups (``Synonym``) are read once per catalogue version: editing them replaces the
version (migration ``0012_synonyms``), so no search remembered with the old groups is used
again.
"""

import threading
from dataclasses import dataclass

from .languages import folded
from .parsing import SearchTerm, parse_query

_lock = threading.Lock()
_loaded: dict[str, "Synonyms"] = {}


@dataclass(frozen=True)
class Synonyms:
    """Every term's words (folded) → all the terms of the groups it belongs to."""

    alternatives: dict[tuple[str, ...], tuple[str, ...]]

    @property
    def longest(self) -> int:
        return max(map(len, self.alternatives), default=0)


@dataclass(frozen=True)
class Part:
    """One condition of a query group: any of its alternatives matches (or, if excluded, none)."""

    alternatives: tuple[str, ...]
    excluded: bool = False


def term_words(text: str) -> tuple[str, ...]:
    """Return a term's words as groups are matched: case, accents and Arabic spellings aside."""
    return tuple(word.strip(".,;:!?()") for word in folded(text).split())


def synonyms_of(groups: list[list[str]]) -> Synonyms:
    """Index groups of terms by each term's words; a term in several groups gets them all."""
    alternatives: dict[tuple[str, ...], dict[str, None]] = {}
    for terms in groups:
        for term in terms:
            found = alternatives.setdefault(term_words(term), {})
            found.update(dict.fromkeys(terms))
    return Synonyms({words: tuple(found) for words, found in alternatives.items()})


def current_synonyms(*, token: str | None) -> Synonyms:
    """Return the editors' groups as of this catalogue version (read once per version)."""
    from ..models import Synonym

    found = _loaded.get(token or "")
    if found is None or token is None:
        found = synonyms_of([group.term_list for group in Synonym.objects.all()])
        with _lock:
            _loaded.clear()
            _loaded[token or ""] = found
    return found


def expanded(query: str, synonyms: Synonyms) -> list[list[Part]] | None:
    """Return the query's OR-groups of AND-ed parts with synonyms expanded, or None if none is.

    A run of plain words is matched against the longest terms first ("human trafficking
    victims" expands "human trafficking"); a quoted phrase or an excluded word expands when
    it is a term itself.
    """
    if not synonyms.alternatives:
        return None
    groups, changed = [], False
    for terms in parse_query(query):
        parts, position = [], 0
        while position < len(terms):
            part, used = _part_at(terms, position, synonyms)
            changed |= part.alternatives != (terms[position].text,)
            parts.append(part)
            position += used
        groups.append(list(dict.fromkeys(parts)))
    return groups if changed else None


def _part_at(terms: list[SearchTerm], start: int, synonyms: Synonyms) -> tuple[Part, int]:
    term = terms[start]
    if term.excluded or " " in term.text:
        found = synonyms.alternatives.get(term_words(term.text))
        return Part(found or (term.text,), excluded=term.excluded), 1
    for length in range(min(synonyms.longest, len(terms) - start), 0, -1):
        run = terms[start : start + length]
        if any(other.excluded or " " in other.text for other in run):
            continue
        found = synonyms.alternatives.get(term_words(" ".join(other.text for other in run)))
        if found:
            return Part(found), length
    return Part((term.text,)), 1


def query_parts(query: str, synonyms: Synonyms) -> list[list[Part]]:
    """Return the query's OR-groups of AND-ed parts, synonyms expanded where there are any."""
    return expanded(query, synonyms) or [
        [Part((term.text,), excluded=term.excluded) for term in group]
        for group in parse_query(query)
    ]
