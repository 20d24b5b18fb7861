"""Read a search query the way ``websearch_to_tsquery`` does, on every database."""

import re
from dataclasses import dataclass

from hub.text import clean_text

MAX_QUERY_LENGTH = 500
# One term of a query: a quoted phrase (maybe unclosed) or a word, either after a minus sign.
TERM = re.compile(r'(-?)"([^"]*)"?|(\S+)')


def clean_query(raw: str) -> str:
    """Strip what no database accepts (NUL and control characters) and bound the length."""
    return clean_text(raw, max_length=MAX_QUERY_LENGTH)


@dataclass(frozen=True)
class SearchTerm:
    text: str
    excluded: bool = False


def parse_query(query: str) -> list[list[SearchTerm]]:
    """Split a query the way ``websearch_to_tsquery`` does: OR-groups of AND-ed terms.

    Quoted text is one phrase, ``-word`` excludes, and the word ``or`` separates groups.
    """
    groups: list[list[SearchTerm]] = [[]]
    for match in TERM.finditer(query):
        minus, phrase, word = match.groups()
        if word is not None and word.lower() == "or":
            if groups[-1]:
                groups.append([])
            continue
        excluded = bool(minus) or (word is not None and word.startswith("-"))
        text = (phrase if phrase is not None else word.lstrip("-")).strip()
        if text:
            groups[-1].append(SearchTerm(text=text, excluded=excluded))
    return [group for group in groups if any(not term.excluded for term in group)]


def is_plain(query: str) -> bool:
    """Tell whether a query is only words, so that matching similar words is what it means.

    A query using phrases, exclusions or ``or`` asked for something precise: it is never
    widened to similar words.
    """
    groups = parse_query(query)
    return len(groups) == 1 and not any(term.excluded or " " in term.text for term in groups[0])
