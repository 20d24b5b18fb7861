"""Index and query the catalogue's full text.

On PostgreSQL each resource carries a weighted ``tsvector`` (title A, summary B, publishers,
keywords and authors C) queried with ``websearch_to_tsquery`` and ranked; when nothing
matches, each word of the query is replaced by the catalogue's most similar words (trigram
similarity over the vocabulary of ``SearchWord``), which catches misspellings
("trafficing"). On SQLite the same fields are matched case-insensitively, term by term,
with the same syntax.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramSimilarity,
)
from django.db import connection
from django.db.models import F, FloatField, Q, QuerySet, Value
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

SEARCH_CONFIG = "english"
MAX_QUERY_LENGTH = 500
_MARK_START, _MARK_END = "\ue000", "\ue001"
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ue000\ue001]")


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def clean_query(raw: str) -> str:
    """Strip what no database accepts (NUL and control characters) and bound the length."""
    return " ".join(_CONTROL_CHARACTERS.sub(" ", raw).split())[:MAX_QUERY_LENGTH]


def resource_search_text(resource) -> str:
    """Return the C-weight text of a resource: publishers, keywords and authors."""
    parts = [resource.authors]
    for organization in resource.publishers.all():
        parts.extend([organization.name, organization.acronym])
    parts.extend(keyword.name for keyword in resource.keywords.all())
    return " ".join(part for part in parts if part)


def index_resources(pks: Iterable[int]) -> None:
    """Rebuild the stored search text and, on PostgreSQL, the weighted search vector."""
    from .models import Resource

    pks = list(pks)
    if not pks:
        return
    resources = list(
        Resource.objects.filter(pk__in=pks).prefetch_related("publishers", "keywords")
    )
    for resource in resources:
        resource.search_text = resource_search_text(resource)
    Resource.objects.bulk_update(resources, ["search_text"], batch_size=500)
    if is_postgresql():
        Resource.objects.filter(pk__in=pks).update(search_vector=search_vector_expression())
        record_words(pks)


# The distinct words (three to forty letters, lowercase) of the items' titles and summaries.
_WORDS_OF_ITEMS = (
    "INSERT INTO resources_searchword (word) "
    "SELECT DISTINCT word FROM resources_resource, "
    "regexp_split_to_table(lower(title || ' ' || summary), '[^[:alpha:]]+') AS word "
    "WHERE id = ANY(%s) AND length(word) BETWEEN 3 AND 40 ON CONFLICT DO NOTHING"
)
SIMILAR_WORDS = 3  # vocabulary words tried for each misspelt word


def record_words(pks: list[int]) -> None:
    """Add the words of these items' titles and summaries to the vocabulary (PostgreSQL)."""
    with connection.cursor() as cursor:
        cursor.execute(_WORDS_OF_ITEMS, [list(pks)])


def similar_words(word: str) -> list[str]:
    """Return the catalogue's words most like a (misspelt) word, most similar first."""
    from .models import SearchWord

    return list(
        SearchWord.objects.filter(word__trigram_similar=word.lower())
        .annotate(similarity=TrigramSimilarity("word", word.lower()))
        .order_by("-similarity", "word").values_list("word", flat=True)[:SIMILAR_WORDS]
    )


def search_vector_expression():
    return (
        SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("summary", weight="B", config=SEARCH_CONFIG)
        + SearchVector("search_text", weight="C", config=SEARCH_CONFIG)
    )


@dataclass(frozen=True)
class SearchTerm:
    text: str
    excluded: bool = False


def parse_query(query: str) -> list[list[SearchTerm]]:
    """Split a query the way ``websearch_to_tsquery`` does: OR-groups of AND-ed terms.

    Quoted text is one phrase, ``-word`` excludes, and the word ``or`` separates groups.
    """
    groups: list[list[SearchTerm]] = [[]]
    for match in re.finditer(r'(-?)"([^"]*)"?|(\S+)', query):
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


@dataclass
class SearchResult:
    queryset: QuerySet
    ranked: bool
    similar: bool = False


def search(queryset: QuerySet, query: str) -> SearchResult:
    """Filter a resource queryset by a free-text query; see the module docstring."""
    if is_postgresql():
        search_query = SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)
        matches = queryset.filter(search_vector=search_query).annotate(
            rank=SearchRank(F("search_vector"), search_query)
        )
        return SearchResult(queryset=matches, ranked=True)
    return SearchResult(queryset=queryset.filter(_substring_condition(query)), ranked=False)


def search_similar(queryset: QuerySet, query: str) -> SearchResult:
    """Find resources with words resembling the query's (PostgreSQL), ranked as a search.

    Each word of the query is replaced by the catalogue's words most like it
    (``similar_words``) and every word must still be matched by one of its replacements:
    "trafficing victms" searches for (trafficking or …) and (victims or …).
    """
    words = [term.text for group in parse_query(query) for term in group if not term.excluded]
    if not is_postgresql():
        return SearchResult(queryset=queryset.none(), ranked=False, similar=True)
    # Still ranked when empty, so that results ordered by relevance can be asked of it.
    nothing = SearchResult(
        queryset=queryset.none().annotate(rank=Value(0.0, output_field=FloatField())),
        ranked=True, similar=True,
    )
    alternatives = []
    for word in dict.fromkeys(word.lower() for word in words):
        found = similar_words(word)
        if not found:  # one lookup, not one per word, for a query of nonsense
            return nothing
        alternatives.append(found)
    if not alternatives:
        return nothing
    # Vocabulary words are letters only, so they cannot carry tsquery operators.
    text = " & ".join("(" + " | ".join(found) + ")" for found in alternatives)
    search_query = SearchQuery(text, search_type="raw", config=SEARCH_CONFIG)
    matches = queryset.filter(search_vector=search_query).annotate(
        rank=SearchRank(F("search_vector"), search_query)
    )
    return SearchResult(queryset=matches, ranked=True, similar=True)


def _substring_condition(query: str) -> Q:
    condition = Q(pk__in=[])
    for group in parse_query(query):
        group_condition = Q()
        for term in group:
            matches = (
                Q(title__icontains=term.text)
                | Q(summary__icontains=term.text)
                | Q(search_text__icontains=term.text)
            )
            group_condition &= ~matches if term.excluded else matches
        condition |= group_condition
    return condition


def headlines(queryset: QuerySet, query: str, pks: list[int]) -> dict[int, SafeString]:
    """Return an HTML-safe snippet of each summary with the matched words in ``<mark>``."""
    if not pks:
        return {}
    if is_postgresql():
        from django.contrib.postgres.search import SearchHeadline

        search_query = SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)
        rows = queryset.model.objects.filter(pk__in=pks).annotate(
            snippet=SearchHeadline(
                "summary", search_query, config=SEARCH_CONFIG,
                start_sel=_MARK_START, stop_sel=_MARK_END, max_words=35, min_words=15,
                max_fragments=2, fragment_delimiter=" … ",
            )
        ).values_list("pk", "snippet")
        return {pk: _marked(snippet) for pk, snippet in rows}
    words = [term.text for group in parse_query(query) for term in group if not term.excluded]
    rows = queryset.model.objects.filter(pk__in=pks).values_list("pk", "summary")
    return {pk: _marked(_mark_words(summary, words)) for pk, summary in rows}


def _mark_words(text: str, words: list[str], length: int = 260) -> str:
    if not words:
        return text[:length]
    pattern = re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)
    first = pattern.search(text)
    start = max(0, first.start() - 80) if first else 0
    excerpt = ("…" if start else "") + text[start : start + length]
    excerpt += "…" if start + length < len(text) else ""
    return pattern.sub(lambda m: f"{_MARK_START}{m.group(0)}{_MARK_END}", excerpt)


def _marked(snippet: str) -> SafeString:
    escaped = escape(snippet or "")
    return mark_safe(escaped.replace(_MARK_START, "<mark>").replace(_MARK_END, "</mark>"))
