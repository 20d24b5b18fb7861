"""Read the whole published catalogue into a new facet index.

Rows are fetched with plain cursors and turned into arrays at once: at 100,000 items the
ORM's per-row work was half of the reading. The readers here also serve
``resources.facets.patch``, which reads the same rows for a few items.
"""

import numpy as np
from django.db import connection, connections
from django.db.models import F, Window
from django.db.models.functions import RowNumber

from ..models import Resource
from ..vocabulary import PARAMETERS
from .index import FacetIndex, FacetRows

# The columns of an item that the index reads: its pk, the columns facets are keyed by
# (``item_column`` of their declarations), and those the orders sort by.
ITEM_COLUMNS = tuple(
    dict.fromkeys(
        (
            "pk",
            *[declared.item_column for declared in PARAMETERS if declared.item_column],
            "scope",
            "publication_year",
            "publication_month",
            "publication_day",
        )
    )
)
# NULL as the database orders it: after every value on PostgreSQL, before on SQLite.
NULL_KEY = (1 << 40) if connection.features.nulls_order_largest else -(1 << 40)
# Numeric columns the orders sort by, kept per item so that a patch can place a new item:
# field name → its place in ITEM_COLUMNS.
SORT_KEYS = {
    name: ITEM_COLUMNS.index("pk" if name == "id" else name)
    for name in ("id", "scope", "publication_year", "publication_month", "publication_day")
}
# The parameters keyed by a column of the item rather than by a tag table: name → place.
COLUMN_FACETS = {
    declared.parameter: ITEM_COLUMNS.index(declared.item_column)
    for declared in PARAMETERS
    if declared.item_column
}
# Where the publication year is, which the index keeps per item.
YEAR_COLUMN = ITEM_COLUMNS.index("publication_year")


def build_index(
    *, token: str | None, number: int, orderings: dict[str, list[str]], default_sort: str
) -> FacetIndex:
    """Read the published catalogue's tags and orders into a new index."""
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
        years=np.array(columns[YEAR_COLUMN], dtype=np.int32),
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
    for declared in PARAMETERS:
        rows = _column_rows if declared.item_column else _tag_rows
        group = index.facets if declared.counted else index.shown
        group[declared.parameter] = rows(index, declared, columns)
    with_editions = pairs(Resource._meta.get_field("language_editions"))[:, 0]
    index.with_editions[index.positions(with_editions)] = True
    return index


def sort_key_array(values) -> np.ndarray:
    """Store an order's column as integers, NULL as a number the database sorts alike."""
    return np.array([NULL_KEY if value is None else value for value in values], dtype=np.int64)


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


def fetch(queryset) -> list[tuple]:
    """Run a values_list queryset with a plain cursor and return every row at once."""
    sql, params = queryset.query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _tag_rows(index: FacetIndex, declared, columns: list) -> FacetRows:
    """Build the rows of a parameter read from a tag table, counted or only shown."""
    found_pairs = pairs(Resource._meta.get_field(declared.relation))
    found = index.positions_of_present(found_pairs[:, 0])
    values, terms = declared.known(())
    return _rows(
        index, index.position_of_sorted[found[0]], found_pairs[found[1], 1], values, terms=terms
    )


def _column_rows(index: FacetIndex, declared, columns: list) -> FacetRows:
    """Build the rows of a parameter read from a column of the item, NULL being no value."""
    column = columns[COLUMN_FACETS[declared.parameter]]
    if None in column:
        items = [position for position, key in enumerate(column) if key is not None]
        present = [column[position] for position in items]
        items = np.array(items, dtype=np.int64)
    else:
        present, items = column, np.arange(len(column), dtype=np.int64)
    values, terms = declared.known(set(present))
    return _rows(index, items, declared.index_keys(present), values, terms=terms)


def order_expressions(ordering: list[str]) -> list:
    """Turn an ordering such as ``["scope", "-publication_year"]`` into window expressions."""
    return [F(name[1:]).desc() if name.startswith("-") else F(name).asc() for name in ordering]


def _rows(
    index: FacetIndex,
    items: np.ndarray,
    keys: list | np.ndarray,
    values: dict,
    *,
    terms: dict | None = None,
) -> FacetRows:
    """Build one facet's bit rows from the positions of items and the value of each."""
    if isinstance(keys, np.ndarray):
        distinct = np.unique(keys).tolist()
    else:
        distinct = set(keys)
    present_keys = sorted(key for key in distinct if key in values)
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
        codes=[values[key][0] for key in present_keys],
        positions=[values[key][1] for key in present_keys],
        bits=bits.reshape(len(present_keys), index.words),
        row_of_key=row_of_key,
        terms=[terms[key][0] for key in present_keys] if terms is not None else None,
        ranks=[terms[key][1] for key in present_keys] if terms is not None else None,
        known_values=values if terms is not None else None,
        known_terms=terms,
    )
