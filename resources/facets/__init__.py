"""Count, for each facet value, how many items a user would get by choosing it.

Counts are disjunctive: the counts of one facet apply every other active filter but not
the facet's own, so choosing a second country widens the result instead of emptying it.
Counts, totals and result order come from the in-memory facet index
(``resources.facets.index``), which is rebuilt as soon as the catalogue changes; only the
text search itself and the loading of a page of results ask the database.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property

import numpy as np
from django.contrib.postgres.aggregates import ArrayAgg
from django.db.models import Case, IntegerField, QuerySet, Value, When, prefetch_related_objects
from django.utils.translation import gettext_lazy as _

from .. import search
from ..filters import ResourceFilter, Sort
from ..models import Kind, Resource, Scope
from .current import current_index
from .index import FacetIndex, Matches


@dataclass(frozen=True)
class FacetSpec:
    """How one browse parameter is counted: which relation, which code, which label."""

    parameter: str
    label: str
    relation: str = ""
    code_field: str = ""
    label_field: str = ""
    position_field: str = ""
    excludes: tuple[str, ...] = ()
    order_by: str = "position"  # "position", "label", "count" or "code-descending"

    @property
    def excluded_filters(self) -> tuple[str, ...]:
        return self.excludes or (self.parameter,)


FACETS: tuple[FacetSpec, ...] = (
    FacetSpec("objective", _("GCM objective"), "objectives", "code", "short_name", "position"),
    FacetSpec("principle", _("Guiding principle"), "principles", "slug", "name", "position"),
    FacetSpec("region", _("Region"), "regions", "slug", "name", "position"),
    FacetSpec("country", _("Country"), "countries", "iso3", "name", order_by="label"),
    FacetSpec("type", _("Type of document"), "document_type", "slug", "name", "position"),
    FacetSpec("kind", _("Kind")),
    FacetSpec("scope", _("Geographic scope")),
    FacetSpec("language", _("Language"), "languages", "code", "name", "position"),
    FacetSpec("publisher", _("Publisher"), "publishers", "slug", "name", order_by="count"),
    FacetSpec("action", _("Objective 10 action"), "actions", "letter", "letter", order_by="label"),
    FacetSpec(
        "year",
        _("Year of publication"),
        excludes=("year_from", "year_to"),
        order_by="code-descending",
    ),
)


# Tags that item pages show from the index but that are not facets: never counted.
SHOWN_TAGS: tuple[FacetSpec, ...] = (
    FacetSpec("keyword", _("Keyword"), "keywords", "slug", "name", order_by="label"),
)


@dataclass
class FacetValue:
    code: str
    label: str
    count: int
    position: int = 0


@dataclass
class FacetCounts:
    spec: FacetSpec
    values: list[FacetValue] = field(default_factory=list)


@dataclass
class Matching:
    """The published items a filterset selects, as bits of the facet index."""

    filterset: ResourceFilter
    index: FacetIndex
    base: np.ndarray  # published items that match the text search, if any
    masks: dict[str, np.ndarray]  # one per active filter; "year" for the year range
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
        """Return every facet's values with disjunctive counts."""
        kind_labels = dict(Kind.choices)
        counted = []
        for spec in FACETS:
            rows = self.index.facets[spec.parameter]
            counts = self.index.counts(spec.parameter, self._combined(excluding=spec.parameter))
            values = []
            for row, count in enumerate(counts.tolist()):
                if not count:
                    continue
                code, label = rows.codes[row], rows.labels[row]
                if spec.parameter == "kind":
                    label = kind_labels.get(code, code)
                elif spec.parameter == "scope":
                    label = Scope.from_code(code).label
                values.append(FacetValue(code, str(label), count, rows.positions[row]))
            counted.append(FacetCounts(spec, _sorted(spec, values)))
        return counted


def matching(filterset: ResourceFilter) -> Matching:
    """Select the published items a filterset asks for, with every filter as a bit mask."""
    index = current_index()
    filterset.errors  # noqa: B018 - validates the form so cleaned_data exists
    cleaned = filterset.form.cleaned_data if filterset.is_bound else {}
    masks = {}
    for parameter in ResourceFilter.FACET_PARAMETERS:
        # An absent filter's cleaned value is an empty queryset; asking it would compile SQL.
        values = cleaned.get(parameter) if parameter in (filterset.data or ()) else None
        if not values:
            continue
        if parameter == "kind":
            keys = list(values)
        elif parameter == "scope":
            keys = [Scope.from_code(code).value for code in values]
        else:
            keys = [value.pk for value in values]
        masks[parameter] = index.mask_of_values(parameter, keys)
    first, last = cleaned.get("year_from"), cleaned.get("year_to")
    if first is not None or last is not None:
        masks["year"] = index.mask_of_years(first, last)
    base, relevance = index.everything(), None
    query = filterset.query
    if query:
        base, relevance = _searched(filterset, index, masks, query)
    return Matching(filterset=filterset, index=index, base=base, masks=masks, relevance=relevance)


def _searched(
    filterset: ResourceFilter, index: FacetIndex, masks: dict, query: str
) -> tuple[np.ndarray, np.ndarray]:
    """Return the items matching the text query and their order by relevance.

    A correction of the query's spelling is searched instead when it finds more among the
    filtered items (unless the user asked for the query as typed); similar words are tried
    only when neither finds anything. The filterset remembers the choice so that every
    list of this request agrees.
    """
    synonyms = index_synonyms(index)

    def exact(text: str) -> np.ndarray:
        return index.searched(
            ("exact", text),
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
            candidates=lambda word: _near_words(index, word),
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
        ("similar", query), lambda pks: _ranked_matches(query, similar=True, pks=pks)
    )
    return index.mask_of_positions(found), found


def index_synonyms(index: FacetIndex) -> search.Synonyms:
    """Return the synonym groups of the index's catalogue version, read once per index."""
    return index.vocabulary.get(("synonyms",), lambda: search.current_synonyms(token=index.token))


def _near_words(index: FacetIndex, word: str) -> list[str]:
    """Return the vocabulary's words near a word, once per word while the vocabulary lasts."""
    if search.is_postgresql():
        return index.vocabulary.get(
            ("near", word), lambda: search.spelling.similar_in_search_words(word)
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


PARAMETER_OF_RELATION = {
    spec.relation: spec.parameter
    for spec in (*FACETS, *SHOWN_TAGS)
    if spec.relation and spec.relation != "document_type"
}


@cache
def _tag_model(relation: str) -> type:
    return Resource._meta.get_field(relation).related_model


def attach_tags(
    resources: list[Resource], relations: tuple[str, ...], *, index: FacetIndex | None = None
) -> None:
    """Give published items their tags from the facet index, as ``prefetch_related`` would.

    Afterwards ``item.countries.all()`` and the like answer without a query. Items the
    index does not hold (not published, or published since it was built) get their tags
    from the database instead.
    """
    index = index or current_index()
    parameters = [PARAMETER_OF_RELATION[relation] for relation in relations]
    missing = []
    for resource in resources:
        tags = index.tags(resource.pk, parameters)
        if tags is None:
            missing.append(resource)
            continue
        for relation, parameter in zip(relations, parameters, strict=True):
            set_prefetched(resource, relation, tags[parameter])
    if missing:
        prefetch_related_objects(missing, *relations)


def set_prefetched(resource: Resource, relation: str, objects: list) -> None:
    """Store an item's related objects as ``prefetch_related`` would, without its queries.

    What prefetch_related_objects stores is a done queryset under the field's name, which
    the related manager's ``all()`` returns as it is.
    """
    queryset = QuerySet(model=_tag_model(relation))
    queryset._result_cache = objects
    queryset._prefetch_done = True
    resource.__dict__.setdefault("_prefetched_objects_cache", {})[relation] = queryset


# Foreign keys to taxonomy terms that the facet index also holds, by browse parameter.
PARAMETER_OF_FOREIGN_KEY = {"document_type": "type", "primary_objective": "objective"}


def attach_terms(resources: list[Resource], fields: tuple[str, ...], *, index: FacetIndex) -> None:
    """Give items their document type or primary objective from the index, as select_related would.

    A term no published item is tagged with is not in the index; the field then loads it
    from the database when it is read.
    """
    for name in fields:
        field = Resource._meta.get_field(name)
        for resource in resources:
            key = getattr(resource, field.attname)
            term = None if key is None else index.term(PARAMETER_OF_FOREIGN_KEY[name], key)
            if key is None or term is not None:
                field.set_cached_value(resource, term)


def facet_counts(filterset: ResourceFilter) -> list[FacetCounts]:
    """Return every facet's values with disjunctive counts over the published catalogue."""
    return matching(filterset).facet_counts()


class MatchingResults(Sequence):
    """Page through matching items: the order from the index, the items from ``load``.

    A Paginator takes it as its object list: it counts without a query and loads only the
    items of the page shown, through ``load``, which is given their pks in order and
    returns what the page lists (rows with their related data, or rendered cards).
    """

    def __init__(self, found: Matching, *, sort: str, load: Callable[[list[int]], list]):
        self.found, self.sort, self.load = found, sort, load

    def count(self) -> int:
        return self.found.count

    def __len__(self) -> int:
        return self.found.count

    def __getitem__(self, key):
        if not isinstance(key, slice):
            return self[key : key + 1][0]
        start, stop = key.start or 0, key.stop if key.stop is not None else self.found.count
        return self.load(self.found.pks(self.sort, start, stop))


def published_in_order(
    pks: list[int], *, load: Callable[[QuerySet], Iterable[Resource]]
) -> list[Resource]:
    """Read these items with ``load`` and return those still published, in the order given."""
    rows = {row.pk: row for row in load(Resource.objects.published().filter(pk__in=pks))}
    return [rows[pk] for pk in pks if pk in rows]


def matching_results(found: Matching, *, load: Callable[[list[int]], list]) -> MatchingResults:
    """Return the filterset's results in its sort order, relevance included."""
    return MatchingResults(found, sort=found.filterset.sort_order, load=load)


def _sorted(spec: FacetSpec, values: list[FacetValue]) -> list[FacetValue]:
    if spec.order_by == "label":
        return sorted(values, key=lambda value: value.label.casefold())
    if spec.order_by == "count":
        return sorted(values, key=lambda value: (-value.count, value.label.casefold()))
    if spec.order_by == "code-descending":
        return sorted(values, key=lambda value: value.code, reverse=True)
    return sorted(values, key=lambda value: (value.position, value.label))
