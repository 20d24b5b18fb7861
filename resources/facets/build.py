"""Read the whole published catalogue into a new facet index.

Rows are fetched with plain cursors and turned into arrays at once: at 100,000 items the
ORM's per-row work was half of the reading. The readers here also serve
``resources.facets.patch``, which reads the same rows for a few items.
"""

from collections.abc import Iterable

import numpy as np
from django.db import connection, connections
from django.db.models import F, QuerySet, Window
from django.db.models.functions import RowNumber

from taxonomy.models import DocumentType

from ..models import Kind, Resource, Scope
from .index import FacetIndex, FacetRows

# The columns of an item that the index reads: its pk, the columns facets are keyed by,
# and those the orders sort by.
ITEM_COLUMNS = (
    "pk",
    "kind",
    "scope",
    "publication_year",
    "document_type_id",
    "publication_month",
    "publication_day",
)
# NULL as the database orders it: after every value on PostgreSQL, before on SQLite.
NULL_KEY = (1 << 40) if connection.features.nulls_order_largest else -(1 << 40)
# Numeric columns the orders sort by, kept per item so that a patch can place a new item:
# field name → its place in ITEM_COLUMNS.
SORT_KEYS = {
    name: ITEM_COLUMNS.index("pk" if name == "id" else name)
    for name in ("id", "scope", "publication_year", "publication_month", "publication_day")
}
# The facets keyed by a column of the item rather than by a tag table: parameter → place.
COLUMN_FACETS = {
    parameter: ITEM_COLUMNS.index(column)
    for parameter, column in (
        ("kind", "kind"),
        ("scope", "scope"),
        ("year", "publication_year"),
        ("type", "document_type_id"),
    )
}


def build_index(
    *, token: str | None, number: int, orderings: dict[str, list[str]], default_sort: str
) -> FacetIndex:
    """Read the published catalogue's tags and orders into a new index."""
    from . import FACETS, SHOWN_TAGS

    published = Resource.objects.published().order_by()
    others = [sort for sort in orderings if sort != default_sort]
    numbered = published.annotate(
        **{
            f"place_{sort}": Window(RowNumber(), order_by=order_expressions(orderings[sort]))
            for sort in others
        }
    ).order_by(*orderings[default_sort])
    rows = fetch(numbered.values_list(*ITEM_COLUMNS, *[f"place_{sort}" for sort in others]))
    size = len(rows)
    columns = list(zip(*rows, strict=True)) if rows else [()] * (len(ITEM_COLUMNS) + len(others))
    ids = np.array(columns[0], dtype=np.int64)
    sorted_ids_order = np.argsort(ids, kind="stable")
    positions = np.arange(size, dtype=np.int64)
    index = FacetIndex(
        token=token,
        number=number,
        ids=ids,
        sorted_ids=ids[sorted_ids_order],
        position_of_sorted=sorted_ids_order,
        years=np.array(columns[COLUMN_FACETS["year"]], dtype=np.int32),
        orders={},
        default_sort=default_sort,
        facets={},
        shown={},
        with_editions=np.zeros(size, dtype=bool),
        sort_keys={name: sort_key_array(columns[column]) for name, column in SORT_KEYS.items()},
    )
    index.orders[default_sort] = positions
    for offset, sort in enumerate(others):
        places = np.array(columns[len(ITEM_COLUMNS) + offset], dtype=np.int64)
        index.orders[sort] = np.argsort(places, kind="stable")
    for spec in FACETS:
        if spec.parameter == "type":
            typed = [
                (position, type_pk)
                for position, type_pk in enumerate(columns[COLUMN_FACETS["type"]])
                if type_pk is not None
            ]
            labels, terms = term_labels(spec)
            index.facets["type"] = _rows(
                index,
                np.array([item for item, _ in typed], dtype=np.int64),
                [key for _, key in typed],
                labels,
                terms=terms,
            )
        elif spec.parameter in COLUMN_FACETS:
            keys = columns[COLUMN_FACETS[spec.parameter]]
            labels = fixed_labels(spec.parameter, set(keys))
            keys = list(keys) if spec.parameter == "kind" else np.array(keys, dtype=np.int64)
            index.facets[spec.parameter] = _rows(index, positions, keys, labels)
        else:
            index.facets[spec.parameter] = _tag_rows(index, spec)
    for spec in SHOWN_TAGS:
        index.shown[spec.parameter] = _tag_rows(index, spec)
    with_editions = pairs(Resource._meta.get_field("language_editions"))[:, 0]
    index.with_editions[index.positions(with_editions)] = True
    return index


def sort_key_array(values) -> np.ndarray:
    """Store an order's column as integers, NULL as a number the database sorts alike."""
    return np.array([NULL_KEY if value is None else value for value in values], dtype=np.int64)


def fixed_labels(parameter: str, keys: Iterable) -> dict:
    """Return (code, label, position) for each value of a facet that has no taxonomy model."""
    if parameter == "kind":
        return {code: (code, code, position) for position, code in enumerate(Kind.values)}
    if parameter == "scope":
        return {scope.value: (scope.code, scope.code, scope.value) for scope in Scope}
    return {year: (str(year), str(year), 0) for year in keys}


def pairs(field, pks: list[int] | None = None) -> np.ndarray:
    """Read a many-to-many field's (item, term) pairs, every item's or these items', without a join.

    Those of unpublished items are dropped by the caller, which is cheaper than
    filtering by status in the database.
    """
    source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    through = field.remote_field.through.objects.all()
    if pks is not None:
        through = through.filter(**{f"{source}_id__in": pks})
    return np.array(
        fetch(through.values_list(f"{source}_id", f"{target}_id")), dtype=np.int64
    ).reshape(-1, 2)


def term_queryset(spec) -> QuerySet:
    """Return every term of a taxonomy-valued facet, in its model's order."""
    if spec.parameter == "type":
        return DocumentType.objects.all()
    queryset = Resource._meta.get_field(spec.relation).related_model.objects.all()
    if spec.parameter == "action":
        queryset = queryset.select_related("objective")
    return queryset


def term_labels(spec) -> tuple[dict, dict]:
    """Load a facet's taxonomy objects, with their code, label and place for counting."""
    labels, terms = {}, {}
    for rank, term in enumerate(term_queryset(spec)):
        position = getattr(term, spec.position_field) if spec.position_field else 0
        labels[term.pk] = (
            str(getattr(term, spec.code_field)),
            str(getattr(term, spec.label_field)),
            position,
        )
        terms[term.pk] = (term, rank)
    return labels, terms


def fetch(queryset) -> list[tuple]:
    """Run a values_list queryset with a plain cursor and return every row at once."""
    sql, params = queryset.query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _tag_rows(index: FacetIndex, spec) -> FacetRows:
    """Build the rows of a tag-valued facet, or of tags shown but not counted."""
    found_pairs = pairs(Resource._meta.get_field(spec.relation))
    found = index.positions_of_present(found_pairs[:, 0])
    labels, terms = term_labels(spec)
    return _rows(
        index, index.position_of_sorted[found[0]], found_pairs[found[1], 1], labels, terms=terms
    )


def order_expressions(ordering: list[str]) -> list:
    """Turn an ordering such as ``["scope", "-publication_year"]`` into window expressions."""
    return [F(name[1:]).desc() if name.startswith("-") else F(name).asc() for name in ordering]


def _rows(
    index: FacetIndex,
    items: np.ndarray,
    keys: list | np.ndarray,
    labels: dict,
    *,
    terms: dict | None = None,
) -> FacetRows:
    """Build one facet's bit rows from the positions of items and the value of each."""
    if isinstance(keys, np.ndarray):
        distinct = np.unique(keys).tolist()
    else:
        distinct = set(keys)
    present_keys = sorted(key for key in distinct if key in labels)
    row_of_key = {key: row for row, key in enumerate(present_keys)}
    flags = np.zeros((len(present_keys), index.words * 64), dtype=bool)
    if present_keys and len(items):
        if isinstance(keys, np.ndarray):
            known = np.array(present_keys, dtype=keys.dtype)
            rows = np.minimum(np.searchsorted(known, keys), len(known) - 1)
            rows[known[rows] != keys] = -1
        else:
            rows = np.fromiter(
                (row_of_key.get(key, -1) for key in keys), dtype=np.int64, count=len(keys)
            )
        keep = rows >= 0
        flags[rows[keep], items[keep]] = True
    bits = np.packbits(flags, axis=1, bitorder="little").view(np.uint64)
    return FacetRows(
        codes=[labels[key][0] for key in present_keys],
        labels=[labels[key][1] for key in present_keys],
        positions=[labels[key][2] for key in present_keys],
        bits=bits.reshape(len(present_keys), index.words),
        row_of_key=row_of_key,
        terms=[terms[key][0] for key in present_keys] if terms is not None else None,
        ranks=[terms[key][1] for key in present_keys] if terms is not None else None,
        known_labels=labels if terms is not None else None,
        known_terms=terms,
    )
