"""Assemble a browse page: results, facets with their links, active-filter chips, errors.

The browse page, the landing pages of the taxonomy and the objective pages all come
through ``browse_page`` so that the same parameters give the same results everywhere.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from urllib.parse import quote_plus

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.http import QueryDict
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from . import search
from .cards import result_cards
from .facets import FacetCounts, index_synonyms, matching, matching_results
from .filters import ResourceFilter, Sort
from .models import Resource
from .vocabulary import FACETS

# Long facets show their first values and fold the next ones behind "more"; beyond those,
# a link leads to a page of all the facet's values, so that a browse page stays light.
FACET_VISIBLE_VALUES = 10
FACET_FOLDED_VALUES = 40


@dataclass
class FacetOption:
    code: str
    label: str
    count: int
    selected: bool
    url: str


class Facet:
    """One facet's values, selected ones first, each made into a linked option on demand.

    Countries, languages and publishers have hundreds of values and the page shows fifty;
    building the link of every value was a tenth of the page's cost.
    """

    def __init__(
        self,
        *,
        parameter: str,
        label: str,
        values: list[tuple[str, str, int, bool]],
        link: Callable[[str, bool], str],
        selected_count: int = 0,
    ) -> None:
        self.parameter, self.label, self.selected_count = parameter, label, selected_count
        self._values, self._link = values, link

    def _options(self, start: int = 0, stop: int | None = None) -> list[FacetOption]:
        return [
            FacetOption(code, label, count, selected, self._link(code, selected))
            for code, label, count, selected in self._values[start:stop]
        ]

    @property
    def option_count(self) -> int:
        return len(self._values)

    @cached_property
    def options(self) -> list[FacetOption]:
        return self._options()

    @cached_property
    def visible(self) -> list[FacetOption]:
        return self._options(0, FACET_VISIBLE_VALUES)

    @cached_property
    def folded(self) -> list[FacetOption]:
        return self._options(FACET_VISIBLE_VALUES, FACET_VISIBLE_VALUES + FACET_FOLDED_VALUES)

    @property
    def has_more(self) -> bool:
        return len(self._values) > FACET_VISIBLE_VALUES + FACET_FOLDED_VALUES


@dataclass
class Chip:
    label: str
    value: str
    remove_url: str


@dataclass
class BrowsePage:
    filterset: ResourceFilter
    page: Page  # of item pks
    cards: list[SafeString]
    facets: list[Facet]
    chips: list[Chip]
    errors: list[str]
    query: str
    sort: str
    sort_options: list[tuple[str, str, str, bool]]
    snippets: dict[int, str] = field(default_factory=dict)
    similar: bool = False
    corrected: str = ""  # the correction whose results are shown, if any
    clear_url: str = "?"
    query_truncated: bool = False

    def _carried(self, *dropped: str) -> list[tuple[str, str]]:
        data = self.filterset.valid_data
        return [
            (key, value)
            for key in data
            if key not in dropped and key != "page"
            for value in data.getlist(key)
        ]

    @property
    def search_carried(self) -> list[tuple[str, str]]:
        """Return the parameters a new text search keeps: every filter, not the sort."""
        return self._carried("q", "sort", "as_typed")

    @property
    def corrected_url(self) -> str:
        """Return the query string of a search for the correction, filters kept."""
        return _url(
            self.filterset.valid_data, set_values={"q": [self.corrected]}, remove={"as_typed": None}
        )

    @property
    def as_typed_url(self) -> str:
        """Return the query string of a search for the query as typed, not corrected."""
        return _url(self.filterset.valid_data, set_values={"as_typed": ["1"]})

    @property
    def years_carried(self) -> list[tuple[str, str]]:
        return self._carried("year_from", "year_to")

    @property
    def filtered(self) -> bool:
        """Tell whether a filter other than the text search is chosen."""
        return len(self.chips) > (1 if self.query else 0)

    @property
    def total(self) -> int:
        return self.page.paginator.count

    @property
    def current_query(self) -> str:
        """Return the query string of these results, page aside: ``?objective=10``."""
        return _url(self.filterset.valid_data)

    def facet(self, parameter: str) -> "Facet | None":
        return next((facet for facet in self.facets if facet.parameter == parameter), None)

    def page_url(self, number: int) -> str:
        return _url(self.filterset.valid_data, set_values={"page": [str(number)]})

    @property
    def page_links(self) -> list[tuple[int | None, str]]:
        """Return the page numbers to link to, with None standing for an elided range."""
        paginator = self.page.paginator
        links = []
        for number in paginator.get_elided_page_range(self.page.number, on_each_side=2):
            links.append(
                (None, "") if number == paginator.ELLIPSIS else (number, self.page_url(number))
            )
        return links

    @property
    def previous_url(self) -> str | None:
        return self.page_url(self.page.previous_page_number()) if self.page.has_previous() else None

    @property
    def next_url(self) -> str | None:
        return self.page_url(self.page.next_page_number()) if self.page.has_next() else None


def browse_page(
    *, params: QueryDict, preset: dict[str, list[str]] | None = None, page_size: int | None = None
) -> BrowsePage:
    """Filter, search, sort, count facets and paginate the published catalogue."""
    data = params.copy()
    for name, values in (preset or {}).items():
        for value in values:
            if value not in data.getlist(name):
                data.appendlist(name, value)
    filterset = ResourceFilter(data, queryset=Resource.objects.published())
    errors = filterset.error_messages()
    found = matching(filterset)
    # A page lists pks; their cards are made once the search snippets are known.
    paginator = Paginator(matching_results(found, load=list), page_size or settings.HUB_PAGE_SIZE)
    page = paginator.get_page(data.get("page"))

    query = filterset.query
    snippets = {}
    if query:
        snippets = search.headlines(
            Resource.objects.published(),
            filterset.searched_query,
            page.object_list,
            synonyms=index_synonyms(found.index),
        )

    counts = found.facet_counts()
    links = _Links(filterset.valid_data)
    return BrowsePage(
        filterset=filterset,
        page=page,
        cards=result_cards(page.object_list, index=found.index, snippets=snippets),
        facets=[_facet(filterset, facet_counts, links) for facet_counts in counts],
        chips=_chips(filterset),
        errors=errors,
        query=query,
        sort=filterset.sort_order,
        sort_options=_sort_options(filterset),
        snippets=snippets,
        similar=filterset.searched_similar,
        corrected=filterset.corrected_query,
        clear_url=_url(QueryDict(), set_values={}),
        query_truncated=len(" ".join(params.get("q", "").split())) > search.MAX_QUERY_LENGTH,
    )


def _facet(filterset: ResourceFilter, counts: FacetCounts, links: "_Links") -> Facet:
    declared = counts.spec
    parameter = declared.parameter
    selected = [] if parameter in filterset.errors else declared.selected(filterset.data)
    values = [
        (value.code, declared.option_label(value.label), value.count, value.code in selected)
        for value in counts.values
    ]
    counted = {value.code for value in counts.values}
    chosen = {code: label for _name, code, label in declared.chosen(filterset)}
    values[:0] = [
        (code, chosen.get(code, code), 0, True)
        for code in reversed(selected)
        if code not in counted
    ]
    values.sort(key=lambda value: not value[3])

    def link(code: str, is_selected: bool) -> str:
        return links.setting(declared.choosing(links.values, code, remove=is_selected))

    return Facet(
        parameter=parameter,
        label=str(declared.label),
        values=values,
        link=link,
        selected_count=len(selected),
    )


class _Links:
    """Build the link of every facet option from one encoding of the current query.

    A browse page links to hundreds of facet values; re-encoding the whole query for each
    was most of the page's cost. The result is exactly what ``_toggle_url`` and ``_url``
    give.
    """

    def __init__(self, data: QueryDict) -> None:
        self.keys = [key for key in data if key != "page"]
        self.values = {key: list(data.getlist(key)) for key in self.keys}
        self.encoded = {key: self._encode(key, values) for key, values in self.values.items()}

    @staticmethod
    def _encode(key: str, values: list[str]) -> str:
        name = _quoted(key)
        return "&".join(f"{name}={_quoted(value)}" for value in values)

    def toggle(self, parameter: str, code: str, *, remove: bool) -> str:
        """Return the query with one value of a facet chosen, or no longer chosen."""
        values = [value for value in self.values.get(parameter, []) if value != code]
        if not remove:
            values.append(code)
        return self.setting({parameter: values})

    def setting(self, chosen: dict[str, list[str]]) -> str:
        """Return the query with these parameters set to these values, on its first page."""
        parts = [
            self._encode(key, chosen[key]) if key in chosen else self.encoded[key]
            for key in self.keys
        ]
        parts += [
            self._encode(key, values) for key, values in chosen.items() if key not in self.values
        ]
        encoded = "&".join(part for part in parts if part)
        return f"?{encoded}" if encoded else "?"


@lru_cache(maxsize=8192)
def _quoted(text: str) -> str:
    """Quote a parameter or value for a query string; the taxonomy's codes recur endlessly."""
    return quote_plus(text)


def _chips(filterset: ResourceFilter) -> list[Chip]:
    chips = []
    data = filterset.valid_data
    if filterset.query:
        chips.append(
            Chip(
                str(_("Search")),
                filterset.query,
                _url(data, remove={"q": None, "sort": None, "as_typed": None}),
            )
        )
    for declared in FACETS:
        for name, code, label in declared.chosen(filterset):
            chips.append(
                Chip(
                    str(filterset.filters[name].label),
                    label,
                    _toggle_url(data, name, code, remove=True),
                )
            )
    return chips


def _sort_options(filterset: ResourceFilter) -> list[tuple[str, str, str, bool]]:
    options = []
    for code, label in Sort.CHOICES:
        if code == Sort.RELEVANCE and not filterset.query:
            continue
        options.append(
            (
                code,
                str(label),
                _url(filterset.valid_data, set_values={"sort": [code]}),
                code == filterset.sort_order,
            )
        )
    return options


def _toggle_url(data: QueryDict, parameter: str, code: str, *, remove: bool) -> str:
    if remove:
        return _url(data, remove={parameter: code})
    values = [value for value in data.getlist(parameter) if value != code] + [code]
    return _url(data, set_values={parameter: values})


def _url(
    data: QueryDict,
    *,
    set_values: dict[str, list[str]] | None = None,
    remove: dict[str, str | None] | None = None,
) -> str:
    """Build a query string from the current one; any change returns to the first page."""
    query = QueryDict(mutable=True)
    for key in data:
        query.setlist(key, list(data.getlist(key)))
    if "page" not in (set_values or {}):
        query.pop("page", None)
    for key, values in (set_values or {}).items():
        query.setlist(key, values)
    for key, value in (remove or {}).items():
        if value is None:
            query.pop(key, None)
        else:
            query.setlist(key, [item for item in query.getlist(key) if item != value])
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"
