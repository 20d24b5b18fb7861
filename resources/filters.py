"""Declare the catalogue's filters once, for pages, API, feeds and exports alike.

Facets combine as AND across parameters and OR within one parameter; see PRODUCT.md
section 4 for the parameters. ``ResourceFilter.filter_queryset`` can leave out chosen
filters, which is what the disjunctive facet counts in ``resources.facets`` need.
"""

from collections.abc import Iterable

import django_filters
from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.functional import cached_property
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from . import search
from .vocabulary import FACETS


class Sort:
    RELEVANCE = "relevance"
    SCOPE = "scope"
    NEWEST = "newest"
    OLDEST = "oldest"
    TITLE = "title"
    CHOICES = [
        (RELEVANCE, _("Relevance")),
        (SCOPE, _("Global first")),
        (NEWEST, _("Newest first")),
        (OLDEST, _("Oldest first")),
        (TITLE, _("Title A–Z")),
    ]


ORDERINGS = {
    Sort.SCOPE: ["scope", "-publication_year", "-publication_month", "-publication_day", "-id"],
    Sort.NEWEST: ["-publication_year", "-publication_month", "-publication_day", "-id"],
    Sort.OLDEST: ["publication_year", "publication_month", "publication_day", "id"],
    Sort.TITLE: ["title", "id"],
}

# Each parameter's values in canonical case, so that "afg" finds AFG.
_NORMALISED = {
    **{name: declared.normalise for declared in FACETS for name in declared.url_names},
    "sort": str.lower,
}


# Every facet link repeats the whole query, so a query's size multiplies a page's cost:
# beyond these, a request is refused (400) instead of being worked on.
MAX_VALUES_PER_PARAMETER = 20
MAX_PARAMETERS = 60


def normalise_parameters(data) -> dict[str, list[str]]:
    """Copy query parameters without NUL or control characters, with codes in canonical case.

    Each value is kept once, in the order first given: ``country=NGA&country=nga`` is one
    country, and the links built from the query never repeat it.
    """
    cleaned: dict[str, list[str]] = {}
    for key in data:
        values = [search.clean_query(value) for value in data.getlist(key)]
        if key in _NORMALISED:
            values = [_NORMALISED[key](value) for value in values]
        cleaned[key] = list(dict.fromkeys(value for value in values if value != ""))
    return cleaned


def too_many_parameters(count: int) -> ValidationError:
    """Refuse a request with more than ``MAX_PARAMETERS`` parameters, naming the limit."""
    return ValidationError(
        ngettext(
            "A request may have at most %(limit)d parameter; this one has %(count)d.",
            "A request may have at most %(limit)d parameters; this one has %(count)d.",
            MAX_PARAMETERS,
        ),
        code="too_many_parameters",
        params={"limit": MAX_PARAMETERS, "count": count},
    )


def too_many_values(count: int) -> ValidationError:
    """Refuse a parameter with more than ``MAX_VALUES_PER_PARAMETER`` values, naming the limit."""
    return ValidationError(
        ngettext(
            "Choose at most %(limit)d value for one filter; %(count)d were given.",
            "Choose at most %(limit)d values for one filter; %(count)d were given.",
            MAX_VALUES_PER_PARAMETER,
        ),
        code="too_many_values",
        params={"limit": MAX_VALUES_PER_PARAMETER, "count": count},
    )


class BoundedFilterForm(forms.Form):
    """Report the parameters refused before validation beside the fields' own errors.

    ``refused`` maps a parameter (or ``NON_FIELD_ERRORS``) to its error; a refused
    parameter is then absent from ``cleaned_data``, so no channel applies it.
    """

    refused: dict[str, ValidationError] = {}

    def clean(self) -> dict:
        cleaned = super().clean()
        for name, error in self.refused.items():
            self.add_error(None if name == NON_FIELD_ERRORS else name, error)
        return cleaned


class BrowseFilterSet(django_filters.FilterSet):
    """Bound the parameters, validate them, and apply the valid ones; see ``ResourceFilter``."""

    # Searching and sorting are not filters in the facet sense: they are applied by search().
    _NOT_FILTERS = {"q", "sort", "as_typed"}

    class Meta:
        form = BoundedFilterForm

    def __init__(self, data=None, *args, **kwargs):
        self._refused: dict[str, ValidationError] = {}
        if data is not None:
            data = self._bounded(data)
        super().__init__(data, *args, **kwargs)
        self._similar: bool | None = None
        self._corrected: str | None = None

    def _bounded(self, data) -> QueryDict:
        """Keep this FilterSet's parameters, each value once, refusing what is over a limit.

        Unknown parameters are ignored and never carried into links. Over
        ``MAX_PARAMETERS`` parameters, known or not, nothing is used; a parameter with
        over ``MAX_VALUES_PER_PARAMETER`` values is left out, and both answer 400.
        """
        bounded = QueryDict(mutable=True)
        if len(data) > MAX_PARAMETERS:
            self._refused[NON_FIELD_ERRORS] = too_many_parameters(len(data))
            return bounded
        for key, values in normalise_parameters(data).items():
            if key not in self.base_filters:
                continue
            if len(values) > MAX_VALUES_PER_PARAMETER:
                self._refused[key] = too_many_values(len(values))
            else:
                bounded.setlist(key, values)
        return bounded

    @property
    def form(self) -> forms.Form:
        """Return the bound form, told which parameters were refused before validation."""
        if not hasattr(self, "_form"):
            super().form.refused = self._refused
        return self._form

    def filter_nothing(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return queryset

    @property
    def query(self) -> str:
        if not self.is_bound:
            return ""
        self.errors  # noqa: B018 - validates the form so cleaned_data exists
        return self.form.cleaned_data.get("q") or ""

    @property
    def sort_order(self) -> str:
        chosen = None
        if self.is_bound:
            self.errors  # noqa: B018 - validates the form so cleaned_data exists
            chosen = self.form.cleaned_data.get("sort")
        if chosen == Sort.RELEVANCE and not self.query:
            return Sort.SCOPE
        return chosen or (Sort.RELEVANCE if self.query else Sort.SCOPE)

    def filter_queryset(self, queryset: QuerySet, *, exclude: Iterable[str] = ()) -> QuerySet:
        """Apply every valid filter except those named in ``exclude``, then the text search.

        When the query has no exact match among the fully filtered items, every result set
        of this request switches to similar-word matching, so facet counts stay consistent.
        """
        exclude = set(exclude)
        filtered = self._apply_filters(queryset, exclude)
        if not self.query:
            return filtered
        if self._similar is None:
            everything = self._apply_filters(queryset, set()) if exclude else filtered
            self._similar = (
                search.is_postgresql()
                and search.is_plain(self.query)
                and not search.search(everything, self.query).queryset.exists()
            )
        if self._similar:
            return search.search_similar(filtered, self.query).queryset
        return search.search(filtered, self.query).queryset

    def _apply_filters(self, queryset: QuerySet, exclude: set[str]) -> QuerySet:
        self.errors  # noqa: B018 - validates the form so cleaned_data exists
        for name, value in self.form.cleaned_data.items():
            if name not in self._NOT_FILTERS and name not in exclude:
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def error_messages(self) -> list[str]:
        """Name each parameter that could not be used and why, for every channel's 400."""
        messages = []
        for name, field_errors in self.errors.items():
            if name not in self.filters:
                messages.extend(str(error) for error in field_errors)
                continue
            for error in field_errors:
                messages.append(
                    gettext("%(filter)s: %(error)s")
                    % {"filter": self.filters[name].label, "error": error}
                )
        return messages

    @cached_property
    def valid_data(self) -> QueryDict:
        """Return the parameters without those that failed validation, for building links.

        They are this FilterSet's parameters only, each value once (``_bounded``).
        """
        valid = self.data.copy()
        for name in self.errors:
            valid.pop(name, None)
        return valid

    def remember_search(self, *, similar: bool, corrected: str | None = None) -> None:
        """Fix how this request searches, as the facet index decided.

        The query's correction if it finds more, else similar words if the query finds
        nothing, else the query as typed.
        """
        self._similar, self._corrected = similar, corrected

    @property
    def searched_similar(self) -> bool:
        return bool(self._similar)

    @property
    def corrected_query(self) -> str:
        """Return the correction searched instead of the query, or "" if there is none."""
        return self._corrected or ""

    @property
    def searched_query(self) -> str:
        """Return the query whose results are shown: its correction, or the query as typed."""
        return self._corrected or self.query

    @property
    def searches_as_typed(self) -> bool:
        if not self.is_bound:
            return False
        self.errors  # noqa: B018 - validates the form so cleaned_data exists
        return bool(self.form.cleaned_data.get("as_typed"))

    @property
    def ranked(self) -> bool:
        return bool(self.query) and search.is_postgresql()

    def ordered(self, queryset: QuerySet) -> QuerySet:
        """Order results by the chosen sort; relevance falls back to the Hub's order."""
        if self.sort_order == Sort.RELEVANCE and self.ranked:
            return queryset.order_by("-rank", *ORDERINGS[Sort.SCOPE])
        return queryset.order_by(*ORDERINGS.get(self.sort_order, ORDERINGS[Sort.SCOPE]))


def _declared_filters() -> dict[str, django_filters.Filter]:
    """Return the catalogue's filters in the order forms show them: the search, each browse
    parameter's (``resources.vocabulary``), then the sort."""
    return {
        "q": django_filters.CharFilter(label=_("Search"), method="filter_nothing"),
        **{name: found for declared in FACETS for name, found in declared.filters().items()},
        "sort": django_filters.ChoiceFilter(
            label=_("Sort by"), choices=Sort.CHOICES, method="filter_nothing", empty_label=None
        ),
        # "Search instead for" the query as typed: its spelling is not corrected.
        "as_typed": django_filters.ChoiceFilter(
            label=_("Search as typed"),
            choices=(("1", _("yes")),),
            method="filter_nothing",
            empty_label=None,
        ),
    }


ResourceFilter = type(BrowseFilterSet)(
    "ResourceFilter",
    (BrowseFilterSet,),
    {
        "__module__": __name__,
        "__doc__": "Filter the catalogue by the search, every browse parameter and the sort.",
        **_declared_filters(),
    },
)
