"""Match a text query against the facet index's items, correcting its spelling if that finds more.

The database finds the matching items and their ranks once per index and query
(``FacetIndex.searched``); the index orders them and combines them with the filters.
"""

import numpy as np
from django.contrib.postgres.aggregates import ArrayAgg

from .. import search
from ..filters import ResourceFilter
from ..models import Resource
from .index import FacetIndex
from .remembered import Matches


def searched(
    filterset: ResourceFilter, index: FacetIndex, masks: dict, query: str
) -> tuple[np.ndarray, np.ndarray]:
    """Return the items matching the text query and their order by relevance.

    A correction of the query's spelling is searched instead when it finds more among the
    filtered items (unless the user asked for the query as typed); similar words are tried
    only when neither finds anything. The filterset remembers the choice so that every
    list of this request agrees.
    """
    synonyms = index_synonyms(index)
    # Matches depend on the analysis of the interface language, so each is kept per language.
    analysis = search.languages.query_configs()[0]

    def exact(text: str) -> np.ndarray:
        return index.searched(
            ("exact", analysis, text),
            lambda pks: _ranked_matches(text, similar=False, pks=pks, synonyms=synonyms),
        )

    def filtered_count(positions: np.ndarray) -> int:
        mask = index.mask_of_positions(positions)
        for filter_mask in masks.values():
            mask = mask & filter_mask
        return index.count(mask)

    found = exact(query)
    count = filtered_count(found)
    corrected = (
        None
        if filterset.searches_as_typed
        else search.spelling.correction(
            query,
            candidates=lambda word: _near_words(index, word, analysis),
            frequency=lambda word: len(exact(word)),
        )
    )
    if corrected is not None:
        found_corrected = exact(corrected)
        if filtered_count(found_corrected) > count:
            filterset.remember_search(similar=False, corrected=corrected)
            return index.mask_of_positions(found_corrected), found_corrected
    similar = search.is_postgresql() and search.is_plain(query) and count == 0
    filterset.remember_search(similar=similar)
    if not similar:
        return index.mask_of_positions(found), found
    found = index.searched(
        ("similar", analysis, query), lambda pks: _ranked_matches(query, similar=True, pks=pks)
    )
    return index.mask_of_positions(found), found


def index_synonyms(index: FacetIndex) -> search.Synonyms:
    """Return the synonym groups of the index's catalogue version, read once per index."""
    return index.vocabulary.get(("synonyms",), lambda: search.current_synonyms(token=index.token))


def _near_words(index: FacetIndex, word: str, analysis: str) -> list[str]:
    """Return the vocabulary's words near a word, once per word while the vocabulary lasts.

    On PostgreSQL they depend on the interface's stemmer too, so they are kept per analysis.
    """
    if search.is_postgresql():
        return index.vocabulary.get(
            ("near", word, analysis), lambda: search.spelling.similar_in_search_words(word)
        )
    words = index.vocabulary.get(
        ("words",),
        lambda: search.spelling.vocabulary_words(
            text
            for pair in Resource.objects.published().values_list("title", "summary")
            for text in pair
        ),
    )
    return index.vocabulary.get(
        ("near", word), lambda: search.spelling.similar_in_vocabulary(word, words)
    )


def _ranked_matches(
    query: str, *, similar: bool, pks: list[int] | None, synonyms: search.Synonyms | None = None
) -> Matches:
    """Ask the database for every published item matching the query (or among ``pks``).

    The database neither sorts nor sends a row per item: the ids and ranks come back as
    two arrays and the index orders them (``FacetIndex.ranked_positions``), which halves
    the cost of a word that matches most of the catalogue.
    """
    published = Resource.objects.published()
    if pks is not None:
        published = published.filter(pk__in=pks)
    if similar:
        found = search.search_similar(published, query)
    else:
        found = search.search(published, query, synonyms=synonyms)
    if not found.ranked:
        found_pks = found.queryset.order_by().values_list("pk", flat=True)
        return Matches(np.fromiter(found_pks, dtype=np.int64), None)
    arrays = found.queryset.order_by().aggregate(pks=ArrayAgg("pk"), ranks=ArrayAgg("rank"))
    return Matches(
        np.asarray(arrays["pks"] or [], dtype=np.int64),
        np.asarray(arrays["ranks"] or [], dtype=np.float64),
    )
