"""Count, for each facet value, how many items a user would get by choosing it.

Counts, totals and result order come from the in-memory facet index
(``resources.facets.index``), which is rebuilt as soon as the catalogue changes; only the
text search itself and the loading of a page of results ask the database. The facets are
the browse parameters declared in ``resources.vocabulary``:

- ``counts``: the items a filterset selects, as bit masks, and each facet's counts;
- ``searching``: the text search's matches, spelling corrected;
- ``results``: a page of results in the chosen order;
- ``preloaded``: items' tags and terms attached from the index.
"""

from ..vocabulary import FACETS, SHOWN_TAGS
from .counts import (
    FacetCounts,
    FacetValue,
    Matching,
    facet_counts,
    first_pks,
    matching,
    term_counts,
    value_labels,
    with_term_counts,
)
from .preloaded import attach_tags, attach_terms
from .results import MatchingResults, matching_results, published_in_order
from .searching import index_synonyms

__all__ = [
    "FACETS",
    "SHOWN_TAGS",
    "FacetCounts",
    "FacetValue",
    "Matching",
    "MatchingResults",
    "attach_tags",
    "attach_terms",
    "facet_counts",
    "first_pks",
    "index_synonyms",
    "matching",
    "matching_results",
    "published_in_order",
    "term_counts",
    "value_labels",
    "with_term_counts",
]
