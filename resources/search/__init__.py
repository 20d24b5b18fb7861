"""Index and query the catalogue's full text.

On PostgreSQL each resource carries a weighted ``tsvector`` (title A, summary B, publishers,
keywords and authors C), analysed in the item's language and neutrally (``languages``),
queried with ``websearch_to_tsquery`` for the interface language and neutrally, and
ranked; when nothing matches, each word of the query is replaced by the catalogue's most
similar words (trigram similarity over the vocabulary of ``SearchWord``). On SQLite the
same fields are matched term by term, case and accents aside, with the same syntax. On
both, a term editors list as a synonym or acronym finds every term of its group
(``synonyms``), and the browse page offers a misspelt query's correction (``spelling``).
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    TrigramSimilarity,
)
from django.db import connection
from django.db.models import F, FloatField, Q, QuerySet, Value
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from . import arabic
from . import languages as languages
from . import spelling as spelling
from .parsing import MAX_QUERY_LENGTH as MAX_QUERY_LENGTH
from .parsing import SearchTerm as SearchTerm
from .parsing import clean_query as clean_query
from .parsing import is_plain as is_plain
from .parsing import parse_query as parse_query
from .synonyms import Part, Synonyms, current_synonyms, expanded, query_parts

_MARK_START, _MARK_END = "\ue000", "\ue001"


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def resource_search_text(resource) -> str:
    """Return the C-weight text of a resource: publishers, keywords and authors."""
    parts = [resource.authors]
    for organization in resource.publishers.all():
        parts.extend([organization.name, organization.acronym])
    parts.extend(keyword.name for keyword in resource.keywords.all())
    return " ".join(part for part in parts if part)


def index_resources(pks: Iterable[int]) -> None:
    """Rebuild the stored search text and, on PostgreSQL, the vector in the item's language."""
    from ..models import Resource

    pks = list(pks)
    if not pks:
        return
    resources = list(
        Resource.objects.filter(pk__in=pks).prefetch_related("publishers", "keywords", "languages")
    )
    for resource in resources:
        resource.search_text = resource_search_text(resource)
    if not is_postgresql():
        Resource.objects.bulk_update(resources, ["search_text"], batch_size=500)
        return
    with connection.cursor() as cursor:
        languages.write_vectors(
            cursor,
            (
                (item.pk, item.text_language, item.title, item.summary, item.search_text)
                for item in resources
            ),
        )
    record_words(
        spelling.vocabulary_words(text for item in resources for text in (item.title, item.summary))
    )


SIMILAR_WORDS = 3  # vocabulary words tried for each misspelt word


def record_words(words: Iterable[str]) -> None:
    """Add words of items' titles and summaries to the vocabulary (PostgreSQL)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO resources_searchword (word) SELECT unnest(%s::text[]) "
            "ON CONFLICT DO NOTHING",
            [sorted(words)],
        )


def similar_words(word: str) -> list[str]:
    """Return the catalogue's words most like a (misspelt) word, most similar first."""
    from ..models import SearchWord

    word = arabic.normalised(word.lower())
    return list(
        SearchWord.objects.filter(word__trigram_similar=word)
        .annotate(similarity=TrigramSimilarity("word", word))
        .order_by("-similarity", "word")
        .values_list("word", flat=True)[:SIMILAR_WORDS]
    )


@dataclass
class SearchResult:
    queryset: QuerySet
    ranked: bool
    similar: bool = False


def search(queryset: QuerySet, query: str, *, synonyms: Synonyms | None = None) -> SearchResult:
    """Filter a resource queryset by a free-text query; see the module docstring.

    ``synonyms`` are the editors' groups as of the catalogue version the caller reads;
    by default, the current ones.
    """
    synonyms = synonyms if synonyms is not None else catalogue_synonyms()
    if is_postgresql():
        search_query = text_query(query, synonyms)
        matches = queryset.filter(search_vector=search_query).annotate(
            rank=SearchRank(F("search_vector"), search_query)
        )
        return SearchResult(queryset=matches, ranked=True)
    return SearchResult(
        queryset=queryset.alias(search_folded=languages.folded_text()).filter(
            _substring_condition(query, synonyms)
        ),
        ranked=False,
    )


def catalogue_synonyms() -> Synonyms:
    """Return the synonym groups of the catalogue's current version."""
    from ..facets.current import catalogue_token

    return current_synonyms(token=catalogue_token())


def text_query(query: str, synonyms: Synonyms) -> SearchQuery:
    """Return the PostgreSQL query of a search, its synonyms expanded into alternatives.

    The query is analysed for the interface language and neutrally, the two OR-ed
    (``languages``). A query without synonyms is ``websearch_to_tsquery`` of the
    text as typed, Arabic normalised and Chinese cut into words.
    """
    groups = expanded(query, synonyms)
    combined = None
    for config in languages.query_configs():
        if groups is None:
            analysed = SearchQuery(
                languages.prepared_query(query), search_type="websearch", config=config
            )
        else:
            analysed = _expanded_query(groups, config)
        combined = analysed if combined is None else combined | analysed
    return combined


def _expanded_query(groups: list[list[Part]], config: str) -> SearchQuery:
    combined = None
    for parts in groups:
        condition = None
        for part in parts:
            matches = _any_of(part, config)
            condition = matches if condition is None else condition & matches
        combined = condition if combined is None else combined | condition
    return combined


def _any_of(part: Part, config: str) -> SearchQuery:
    """Match any alternative of a part, or, for an excluded part, none of them."""
    found = None
    for text in part.alternatives:
        one = SearchQuery(
            languages.prepared(text).strip(),
            search_type="phrase" if " " in text else "websearch",
            config=config,
            invert=part.excluded,
        )
        if found is None:
            found = one
        else:
            found = (found & one) if part.excluded else (found | one)
    return found


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
        ranked=True,
        similar=True,
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
    search_query = None
    for config in languages.query_configs():
        analysed = SearchQuery(text, search_type="raw", config=config)
        search_query = analysed if search_query is None else search_query | analysed
    matches = queryset.filter(search_vector=search_query).annotate(
        rank=SearchRank(F("search_vector"), search_query)
    )
    return SearchResult(queryset=matches, ranked=True, similar=True)


def _substring_condition(query: str, synonyms: Synonyms) -> Q:
    """Match each term in the item's folded text (SQLite: its LIKE folds ASCII letters only)."""
    groups = query_parts(query, synonyms)
    condition = Q(pk__in=[])
    for parts in groups:
        group_condition = Q()
        for part in parts:
            matches = Q(pk__in=[])
            for text in part.alternatives:
                matches |= Q(search_folded__contains=languages.folded(text))
            group_condition &= ~matches if part.excluded else matches
        condition |= group_condition
    return condition


def headlines(
    queryset: QuerySet, query: str, pks: list[int], *, synonyms: Synonyms | None = None
) -> dict[int, SafeString]:
    """Return an HTML-safe snippet of each summary with the matched words in ``<mark>``."""
    if not pks:
        return {}
    synonyms = synonyms if synonyms is not None else catalogue_synonyms()
    if is_postgresql():
        from django.contrib.postgres.search import SearchHeadline

        search_query = text_query(query, synonyms)
        rows = (
            queryset.model.objects.filter(pk__in=pks)
            .annotate(
                snippet=SearchHeadline(
                    "summary",
                    search_query,
                    config=languages.query_configs()[0],
                    start_sel=_MARK_START,
                    stop_sel=_MARK_END,
                    max_words=35,
                    min_words=15,
                    max_fragments=2,
                    fragment_delimiter=" … ",
                )
            )
            .values_list("pk", "snippet")
        )
        return {pk: _marked(snippet) for pk, snippet in rows}
    groups = query_parts(query, synonyms)
    words = [
        text
        for parts in groups
        for part in parts
        if not part.excluded
        for text in part.alternatives
    ]
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
