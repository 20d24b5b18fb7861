"""Describe the three sorts of browse parameter: taxonomy terms, fixed choices, a year range.

A declaration knows everything about its parameter that a channel needs — its filters,
how a value in an address is written, the facet index's keys of an item and of chosen
values, the values' codes and labels, the API schema — so that no code elsewhere asks
which parameter it holds. ``resources.vocabulary`` declares the hub's parameters.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum
from functools import cached_property

import django_filters
import numpy as np
from django.conf import settings
from django.db.models import Model, QuerySet
from django.utils import translation
from django.utils.functional import Promise
from django.utils.http import urlencode
from drf_spectacular.utils import OpenApiParameter

from ..models import Resource
from .filters import CodeChoiceFilter, TagFilter, YearFilter

MAX_VALUE_LENGTH = 100


@dataclass(frozen=True, kw_only=True)
class BrowseParameter:
    """One browse parameter: its address name, label, order of values and API description.

    ``order_by`` orders a facet's values: "position", "label", "count" or "code-descending".
    ``counted`` is False for tags the index holds for item pages but nobody filters by.
    ``column`` is the heading of the parameter's column in exports.
    """

    parameter: str
    label: Promise
    description: Promise
    order_by: str = "position"
    counted: bool = True
    column: str = ""

    @property
    def url_names(self) -> tuple[str, ...]:
        """Name the address parameters this parameter reads."""
        return (self.parameter,)

    @property
    def excluded_filters(self) -> tuple[str, ...]:
        """Name the filters a disjunctive count of this facet leaves out: its own."""
        return self.url_names

    @property
    def item_column(self) -> str:
        """Name the item's column the index keys an item by, or "" for a tag table."""
        return ""

    @property
    def tables(self) -> tuple[str, ...]:
        """Name the database tables this parameter's values are read from."""
        return (Resource._meta.db_table,)

    def normalise(self, value: str) -> str:
        """Write a value from an address in its canonical case: codes are lower case."""
        return value.lower()

    def filters(self) -> dict[str, django_filters.Filter]:
        raise NotImplementedError

    def openapi_parameters(self) -> list[OpenApiParameter]:
        raise NotImplementedError

    def chosen_keys(self, cleaned: dict, data) -> list | None:
        """Return the index keys of the values chosen in a request, or None if none are."""
        values = cleaned.get(self.parameter) if self.parameter in (data or ()) else None
        return [self.key_of(value) for value in values] if values else None

    def key_of(self, value) -> object:
        """Return the index key of one cleaned value."""
        return value

    def index_keys(self, values: Iterable) -> list | np.ndarray:
        """Turn the column values the index reads into keys, as its rows are found by."""
        return np.array(list(values), dtype=np.int64)

    def known(self, keys: Iterable) -> tuple[dict, dict | None]:
        """Return every value that may be a facet row, with its code, place and term.

        Key → (code, position), and for taxonomy terms key → (term, rank) (None for other
        parameters). ``keys`` are the keys the items have, for values that are not listed.
        """
        raise NotImplementedError

    def labels(self, terms: dict | None) -> dict:
        """Return key → label in the active language, from the terms ``known`` returned.

        Labels are looked up when a page is rendered, never kept in the index, so that
        each visitor reads them in the language of the request.
        """
        return {}

    def option_label(self, label: str) -> str:
        """Show a value's label as a facet option shows it."""
        return label

    def selected(self, data) -> list[str]:
        """Return the codes a facet shows as chosen."""
        return list(data.getlist(self.parameter))

    def choosing(self, values: dict[str, list[str]], code: str, *, remove: bool) -> dict:
        """Return the address parameters that choose a value, or no longer choose it."""
        kept = [value for value in values.get(self.parameter, []) if value != code]
        return {self.parameter: kept if remove else [*kept, code]}

    def chosen(self, filterset) -> list[tuple[str, str, str]]:
        """Return (address parameter, code, label) of each valid value a request chose."""
        codes = filterset.valid_data.getlist(self.parameter)
        if not codes:
            return []
        cleaned = filterset.form.cleaned_data.get(self.parameter) or []
        labels = {self.code_of(value).lower(): self.value_label(value) for value in cleaned}
        return [(self.parameter, code, labels.get(code.lower(), code)) for code in codes]

    def described(self, cleaned: dict) -> list[str]:
        """Name the chosen values as people know them, as a feed's title does."""
        return [self.value_label(value) for value in cleaned.get(self.parameter) or []]

    def code_of(self, value) -> str:
        """Return the address code of one cleaned value."""
        return str(value)

    def value_label(self, value) -> str:
        """Name one cleaned value as people know it: a country's name, not its code."""
        return str(value)

    def mask(self, index, keys: list) -> np.ndarray:
        """Return the index's items having any of the chosen values (OR within a facet)."""
        return index.mask_of_values(self.parameter, keys)


@dataclass(frozen=True, kw_only=True)
class TermParameter(BrowseParameter):
    """A parameter whose values are taxonomy terms an item is tagged with.

    ``relation`` is the item's many-to-many field or foreign key; ``code_field`` writes a
    term in addresses, ``label_field`` names it on facets and in the API, and
    ``chosen_field`` names a chosen term on chips and feeds. ``choices`` are the terms a
    filter accepts, the relation's model's by default.
    """

    relation: str
    code_field: str
    label_field: str
    position_field: str = ""
    chosen_field: str = ""
    upper_case: bool = False
    choices: Callable[[], QuerySet] | None = None
    related: tuple[str, ...] = ()
    option_format: str = "{}"

    @cached_property
    def field(self):
        return Resource._meta.get_field(self.relation)

    @property
    def model(self) -> type[Model]:
        return self.field.related_model

    @property
    def item_column(self) -> str:
        return "" if self.field.many_to_many else self.field.attname

    @property
    def tables(self) -> tuple[str, ...]:
        own = (
            self.field.remote_field.through._meta.db_table
            if self.field.many_to_many
            else Resource._meta.db_table
        )
        return (own, self.model._meta.db_table)

    def normalise(self, value: str) -> str:
        return value.upper() if self.upper_case else value.lower()

    def filters(self) -> dict[str, django_filters.Filter]:
        return {
            self.parameter: TagFilter(
                label=self.label,
                field_name=self.relation,
                to_field_name=self.code_field,
                queryset=self.choices() if self.choices else self.model.objects.all(),
            )
        }

    def openapi_parameters(self) -> list[OpenApiParameter]:
        schema = {"type": "string", "maxLength": MAX_VALUE_LENGTH}
        return [_list_parameter(self.parameter, schema, self.description)]

    def key_of(self, value) -> object:
        return value.pk

    def terms(self) -> QuerySet:
        """Return every term the index may hold, in its model's order."""
        terms = self.model.objects.all()
        return terms.select_related(*self.related) if self.related else terms

    def known(self, keys: Iterable = ()) -> tuple[dict, dict]:
        values, terms = {}, {}
        # A model ordered by name is read in one language, so that the index's ranks are
        # the same whichever visitor's request builds it.
        with translation.override(settings.LANGUAGE_CODE):
            ordered = list(self.terms())
        for rank, term in enumerate(ordered):
            position = getattr(term, self.position_field) if self.position_field else 0
            values[term.pk] = (str(getattr(term, self.code_field)), position)
            terms[term.pk] = (term, rank)
        return values, terms

    def labels(self, terms: dict | None) -> dict:
        return {key: str(getattr(term, self.label_field)) for key, (term, _) in terms.items()}

    def option_label(self, label: str) -> str:
        return self.option_format.format(label)

    def code_of(self, value) -> str:
        return str(getattr(value, self.code_field))

    def query(self, term) -> str:
        """Return the query string that chooses one term: ``objective=10``."""
        return urlencode({self.parameter: self.code_of(term)})

    def value_label(self, value) -> str:
        if self.chosen_field:
            return str(getattr(value, self.chosen_field))
        return self.option_format.format(getattr(value, self.label_field))


@dataclass(frozen=True, kw_only=True)
class ChoiceParameter(BrowseParameter):
    """A parameter whose values are the choices of an item's column (kind, scope).

    ``code`` writes a choice in addresses (its value by default); the index keys an item
    by the column's stored value.
    """

    field_name: str
    choices: type[Enum]
    code: Callable[[Enum], str] = lambda choice: str(choice.value)

    @property
    def item_column(self) -> str:
        return self.field_name

    @cached_property
    def _by_code(self) -> dict[str, Enum]:
        return {self.code(choice): choice for choice in self.choices}

    def filters(self) -> dict[str, django_filters.Filter]:
        return {
            self.parameter: CodeChoiceFilter(
                label=self.label,
                field_name=self.field_name,
                choices=[(code, choice.label) for code, choice in self._by_code.items()],
                key_of=self.key_of,
            )
        }

    def openapi_parameters(self) -> list[OpenApiParameter]:
        schema = {"type": "string", "enum": list(self._by_code)}
        return [_list_parameter(self.parameter, schema, self.description)]

    def key_of(self, value) -> object:
        return self._by_code[value].value

    def index_keys(self, values: Iterable) -> list | np.ndarray:
        if issubclass(self.choices, int):
            return np.array(values, dtype=np.int64)
        return list(values)

    def known(self, keys: Iterable = ()) -> tuple[dict, None]:
        values = {
            choice.value: (self.code(choice), position)
            for position, choice in enumerate(self.choices)
        }
        return values, None

    def labels(self, terms: dict | None) -> dict:
        return {choice.value: str(choice.label) for choice in self.choices}

    def value_label(self, value) -> str:
        return str(self._by_code[value].label)


@dataclass(frozen=True, kw_only=True)
class RangeParameter(BrowseParameter):
    """A parameter chosen as a range of a numeric column, from and to (publication year).

    Each value in range is a facet row; choosing one value sets both ends to it.
    """

    field_name: str
    minimum: int
    maximum: int
    bounds: dict[str, tuple[str, Promise, Promise]]  # address name → (lookup, label, help)

    @property
    def url_names(self) -> tuple[str, ...]:
        return tuple(self.bounds)

    @property
    def item_column(self) -> str:
        return self.field_name

    def filters(self) -> dict[str, django_filters.Filter]:
        return {
            name: YearFilter(
                label=label,
                field_name=self.field_name,
                lookup_expr=lookup,
                min_value=self.minimum,
                max_value=self.maximum,
            )
            for name, (lookup, label, _help) in self.bounds.items()
        }

    def openapi_parameters(self) -> list[OpenApiParameter]:
        schema = {"type": "integer", "minimum": self.minimum, "maximum": self.maximum}
        return [
            OpenApiParameter(name, schema, OpenApiParameter.QUERY, description=help_text)
            for name, (_lookup, _label, help_text) in self.bounds.items()
        ]

    def chosen_keys(self, cleaned: dict, data) -> list | None:
        ends = [cleaned.get(name) for name in self.bounds]
        return None if all(end is None for end in ends) else ends

    def mask(self, index, keys: list) -> np.ndarray:
        """Return the items whose value lies between the chosen ends, either one open."""
        first, last = keys
        values = [
            key
            for key in index.facets[self.parameter].row_of_key
            if (first is None or key >= first) and (last is None or key <= last)
        ]
        return index.mask_of_values(self.parameter, values)

    def known(self, keys: Iterable) -> tuple[dict, None]:
        return {key: (str(key), 0) for key in keys}, None

    def selected(self, data) -> list[str]:
        return []

    def choosing(self, values: dict[str, list[str]], code: str, *, remove: bool) -> dict:
        return dict.fromkeys(self.bounds, [code])

    def chosen(self, filterset) -> list[tuple[str, str, str]]:
        data = filterset.valid_data
        return [(name, data.get(name), data.get(name)) for name in self.bounds if name in data]

    def described(self, cleaned: dict) -> list[str]:
        first, last = (cleaned.get(name) for name in self.bounds)
        if not first and not last:
            return []
        return [f"{first or '…'}–{last or '…'}"]


def _list_parameter(name: str, items: dict, description) -> OpenApiParameter:
    return OpenApiParameter(
        name,
        {"type": "array", "items": items},
        OpenApiParameter.QUERY,
        description=description,
        explode=True,
        style="form",
    )
