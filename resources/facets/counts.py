"""Select the items a filterset asks for as bit masks, and count each facet value's items.

Counts are disjunctive: the counts of one facet apply every other active filter but not
the facet's own, so choosing a second country widens the result instead of emptying it.
Each filter's mask comes from its declaration (``resources.vocabulary``); labels are
looked up in the request's language when the counts are made, never kept in the index.
"""

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.utils import translation

from hub.collation import sort_key

from ..filters import ResourceFilter, Sort
from ..vocabulary import FACETS, BrowseParameter
from .current import current_index
from .index import FacetIndex
from .searching import searched


@dataclass
class FacetValue:
    code: str
    label: str
    count: int
    position: int = 0


@dataclass
class FacetCounts:
    spec: BrowseParameter
    values: list[FacetValue] = field(default_factory=list)


@dataclass
class Matching:
    """The published items a filterset selects, as bits of the facet index."""

    filterset: ResourceFilter
    index: FacetIndex
    base: np.ndarray  # published items that match the text search, if any
    masks: dict[str, np.ndarray]  # one per active browse parameter
    relevance: np.ndarray | None = None  # positions matching the text search, best first

    @cached_property
    def mask(self) -> np.ndarray:
        return self._combined(excluding=None)

    @cached_property
    def count(self) -> int:
        return self.index.count(self.mask)

    def pks(self, sort: str, start: int, stop: int) -> list[int]:
        """Return the pks of matching items ``start:stop`` in the given sort order."""
        if sort == Sort.RELEVANCE and self.relevance is not None:
            order = self.relevance
        else:
            order = self.index.orders.get(sort, self.index.orders[Sort.SCOPE])
        return self.index.ordered_pks(self.mask, order, start, stop)

    def _combined(self, *, excluding: str | None) -> np.ndarray:
        mask = self.base
        for name, filter_mask in self.masks.items():
            if name != excluding:
                mask = mask & filter_mask
        return mask

    def facet_counts(self) -> list[FacetCounts]:
        """Return every facet's values with disjunctive counts, named in the active language."""
        counted = []
        for declared in FACETS:
            rows = self.index.facets[declared.parameter]
            counts = self.index.counts(
                declared.parameter, self._combined(excluding=declared.parameter)
            )
            labels = value_labels(self.index, declared)
            values = [
                FacetValue(
                    rows.codes[row],
                    labels.get(rows.keys[row], rows.codes[row]),
                    count,
                    rows.positions[row],
                )
                for row, count in enumerate(counts.tolist())
                if count
            ]
            counted.append(FacetCounts(declared, _sorted(declared, values)))
        return counted


def value_labels(index: FacetIndex, declared: BrowseParameter) -> dict:
    """Return key → label of one facet's values in the active language, once per index.

    The index holds codes and terms only; the labels are read from the terms under the
    request's language, so that each visitor reads the facets in their own language.
    """
    rows = index.facets[declared.parameter]
    return index.labels.get(
        (declared.parameter, translation.get_language()),
        lambda: declared.labels(rows.known_terms),
    )


def matching(filterset: ResourceFilter) -> Matching:
    """Select the published items a filterset asks for, with every filter as a bit mask."""
    index = current_index()
    filterset.errors  # noqa: B018 - validates the form so cleaned_data exists
    cleaned = filterset.form.cleaned_data if filterset.is_bound else {}
    masks = {}
    for declared in FACETS:
        # An absent filter's cleaned value is an empty queryset; asking it would compile SQL.
        keys = declared.chosen_keys(cleaned, filterset.data)
        if keys is not None:
            masks[declared.parameter] = declared.mask(index, keys)
    base, relevance = index.everything(), None
    query = filterset.query
    if query:
        base, relevance = searched(filterset, index, masks, query)
    return Matching(filterset=filterset, index=index, base=base, masks=masks, relevance=relevance)


def facet_counts(filterset: ResourceFilter) -> list[FacetCounts]:
    """Return every facet's values with disjunctive counts over the published catalogue."""
    return matching(filterset).facet_counts()


def term_counts(parameter: str, index: FacetIndex | None = None) -> dict:
    """Count the published items of each value of one facet: taxonomy pk (or code) → count.

    Values no published item has are absent.
    """
    index = index or current_index()
    rows = index.facets[parameter]
    totals = index.counts(parameter, index.everything()).tolist()
    return {key: totals[row] for key, row in rows.row_of_key.items() if totals[row]}


def with_term_counts(
    queryset: QuerySet,
    parameter: str,
    name: str = "published_count",
    *,
    index: FacetIndex | None = None,
) -> QuerySet:
    """Annotate taxonomy terms with their published item counts from the facet index."""
    counts = term_counts(parameter, index)
    if not counts:
        return queryset.annotate(**{name: Value(0, output_field=IntegerField())})
    return queryset.annotate(
        **{
            name: Case(
                *[When(pk=pk, then=Value(count)) for pk, count in counts.items()],
                default=Value(0),
                output_field=IntegerField(),
            )
        }
    )


def first_pks(
    mask: np.ndarray, *, limit: int, index: FacetIndex | None = None, sort: str = Sort.SCOPE
) -> list[int]:
    """Return the first ``limit`` items of a mask in a browse order, the Hub's by default."""
    index = index or current_index()
    return index.ordered_pks(mask, index.orders[sort], 0, limit)


def _sorted(declared: BrowseParameter, values: list[FacetValue]) -> list[FacetValue]:
    if declared.order_by == "label":
        return sorted(values, key=lambda value: sort_key(value.label))
    if declared.order_by == "count":
        return sorted(values, key=lambda value: (-value.count, sort_key(value.label)))
    if declared.order_by == "code-descending":
        return sorted(values, key=lambda value: value.code, reverse=True)
    return sorted(values, key=lambda value: (value.position, value.label))
