"""Patch the changes of a few published items into a copy of a facet index.

Publishing, unpublishing or editing one item used to make every worker read the whole
catalogue again (about 1.5 s at 100,000 items) while its requests waited. Instead, the
changed items are taken out of a copy of the index and those still published are read and
put back at their places: their bits in every facet row (the rows after them shift by one
bit), a row for a value no published item had, and their places in every order. Their
places are found by the database itself, which sorts a few hundred evenly spaced items
with the new one and then the few hundred around it, so the order is the database's
``ORDER BY`` exactly, collation and NULLs included. The result equals an index read whole
(``tests/resources/test_facet_patch.py``).

Rendered cards of the other items stay valid and go along; parts rendered from counts or
from several items do not. Remembered searches go along without the changed items, which
are asked about again (only they) when the search is next made.
"""

import bisect
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from ..models import Resource
from .build import COLUMN_FACETS, ITEM_COLUMNS, fetch, fixed_labels, pairs, term_labels
from .index import FacetIndex, FacetRows, Remembered

# Evenly spaced items sorted with a new one to find the few it lies between.
PROBES = 256
ONE = np.uint64(1)


def patched_index(index: FacetIndex, *, changed: Iterable[int], token: str, number: int,
                  orderings: dict[str, list[str]]) -> FacetIndex:
    """Return a copy of ``index`` in which the changed items are as the database has them now."""
    from . import FACETS, SHOWN_TAGS

    changed = sorted(set(changed))
    patch = _Patch(index, orderings)
    for position in sorted(index.positions(changed).tolist(), reverse=True):
        patch.remove(position)
    published = fetch(Resource.objects.published().filter(pk__in=changed).order_by()
                      .values_list(*ITEM_COLUMNS))
    pks = [row[0] for row in published]
    tags = {}
    for spec in (*FACETS, *SHOWN_TAGS):
        if spec.parameter not in COLUMN_FACETS:
            found = pairs(Resource._meta.get_field(spec.relation), pks) if pks else []
            tags[spec.parameter] = _by_item(found)
    editions = set(pairs(Resource._meta.get_field("language_editions"), pks)[:, 0].tolist()
                   if pks else ())
    for row in published:
        keys = {parameter: [row[column]] for parameter, column in COLUMN_FACETS.items()
                if row[column] is not None}
        keys.update({parameter: found.get(row[0], []) for parameter, found in tags.items()})
        patch.insert(row[0], year=row[3], keys=keys, with_editions=row[0] in editions)
    gone = set(changed)
    return patch.index(
        token=token, number=number,
        rendered=index.rendered.copied(
            lambda key, card: card if key[0] == "card" and key[-1] not in gone else None),
        matched=index.matched.copied(lambda key, matches: matches.without(gone)),
    )


def _by_item(found) -> dict[int, list[int]]:
    by_item: dict[int, list[int]] = {}
    for item, term in (found.tolist() if len(found) else []):
        by_item.setdefault(item, []).append(term)
    return by_item


@dataclass
class _Rows:
    """One facet's rows while they are patched: the values in row order and their bits."""

    keys: list
    bits: np.ndarray
    labels: dict | None  # key → (code, label, position) for taxonomy-valued facets
    terms: dict | None  # key → (term, rank)

    @classmethod
    def of(cls, rows: FacetRows) -> "_Rows":
        keys = sorted(rows.row_of_key, key=rows.row_of_key.__getitem__)
        return cls(keys, rows.bits.copy(), rows.known_labels, rows.known_terms)

    def add(self, key) -> int:
        """Return the row of a value, adding an empty one in its sorted place if need be."""
        place = bisect.bisect_left(self.keys, key)
        if place == len(self.keys) or self.keys[place] != key:
            self.keys.insert(place, key)
            self.bits = np.insert(self.bits, place, np.uint64(0), axis=0)
        return place

    def frozen(self, parameter: str, spec) -> FacetRows:
        """Return the rows as an index holds them, without values no item has any more."""
        used = self.bits.any(axis=1)
        keys = [key for key, keep in zip(self.keys, used.tolist(), strict=True) if keep]
        if self.labels is None:
            labels = fixed_labels(parameter, keys)
        else:
            if any(key not in self.labels for key in keys):
                self.labels, self.terms = term_labels(spec)  # a term added since the build
            labels = self.labels
        return FacetRows(
            codes=[labels[key][0] for key in keys],
            labels=[labels[key][1] for key in keys],
            positions=[labels[key][2] for key in keys],
            bits=np.ascontiguousarray(self.bits[used]),
            row_of_key={key: row for row, key in enumerate(keys)},
            terms=[self.terms[key][0] for key in keys] if self.terms is not None else None,
            ranks=[self.terms[key][1] for key in keys] if self.terms is not None else None,
            known_labels=self.labels,
            known_terms=self.terms,
        )


class _Patch:
    """A copy of an index's arrays that items are taken out of and put into, one at a time."""

    def __init__(self, index: FacetIndex, orderings: dict[str, list[str]]) -> None:
        self.source, self.orderings = index, orderings
        self.default_sort = index.default_sort
        self.ids, self.years = index.ids.copy(), index.years.copy()
        self.with_editions = index.with_editions.copy()
        self.orders = {sort: order.copy() for sort, order in index.orders.items()
                       if sort != index.default_sort}
        self.rows = {
            **{("facet", name): _Rows.of(rows) for name, rows in index.facets.items()},
            **{("shown", name): _Rows.of(rows) for name, rows in index.shown.items()},
        }

    @property
    def size(self) -> int:
        return len(self.ids)

    def remove(self, position: int) -> None:
        size = self.size
        for rows in self.rows.values():
            rows.bits = _without_bit(rows.bits, position, size)
        self.ids = np.delete(self.ids, position)
        self.years = np.delete(self.years, position)
        self.with_editions = np.delete(self.with_editions, position)
        for sort, order in self.orders.items():
            order = order[order != position]
            order[order > position] -= 1
            self.orders[sort] = order

    def insert(self, pk: int, *, year: int, keys: dict[str, list], with_editions: bool) -> None:
        """Put an item at its place in the default order, and in every other order."""
        position = self.place(pk, self.default_sort)
        places = {sort: self.place(pk, sort) for sort in self.orders}
        size = self.size
        word, bit = divmod(position, 64)
        for (_, name), rows in self.rows.items():
            rows.bits = _with_bit(rows.bits, position, size)
            for key in keys.get(name, ()):
                row = rows.add(key)
                rows.bits[row, word] |= ONE << np.uint64(bit)
        self.ids = np.insert(self.ids, position, pk)
        self.years = np.insert(self.years, position, year)
        self.with_editions = np.insert(self.with_editions, position, with_editions)
        for sort, order in self.orders.items():
            order[order >= position] += 1
            self.orders[sort] = np.insert(order, places[sort], position)

    def place(self, pk: int, sort: str) -> int:
        """Count the items of the index before ``pk`` in an order, as the database sorts."""
        size = self.size
        if not size:
            return 0
        order = self.orders.get(sort)
        step = -(-size // PROBES)
        probes = np.arange(0, size, step)
        before = self._sorted_before(self._pks_at(order, probes), pk, sort)
        if before == 0:
            return 0
        low = int(probes[before - 1]) + 1
        high = int(probes[before]) if before < len(probes) else size
        if low >= high:
            return low
        return low + self._sorted_before(self._pks_at(order, np.arange(low, high)), pk, sort)

    def _pks_at(self, order: np.ndarray | None, places: np.ndarray) -> list[int]:
        return self.ids[places if order is None else order[places]].tolist()

    def _sorted_before(self, pks: list[int], pk: int, sort: str) -> int:
        ordered = list(Resource.objects.filter(pk__in=[*pks, pk])
                       .order_by(*self.orderings[sort]).values_list("pk", flat=True))
        return ordered.index(pk)

    def index(self, *, token: str, number: int, rendered: Remembered,
              matched: Remembered) -> FacetIndex:
        from . import FACETS, SHOWN_TAGS

        specs = {spec.parameter: spec for spec in (*FACETS, *SHOWN_TAGS)}
        sorted_ids_order = np.argsort(self.ids, kind="stable")
        frozen = {key: rows.frozen(key[1], specs[key[1]]) for key, rows in self.rows.items()}
        return FacetIndex(
            token=token, number=number, ids=self.ids, sorted_ids=self.ids[sorted_ids_order],
            position_of_sorted=sorted_ids_order, years=self.years,
            orders={self.default_sort: np.arange(self.size, dtype=np.int64), **self.orders},
            default_sort=self.default_sort,
            facets={name: rows for (group, name), rows in frozen.items() if group == "facet"},
            shown={name: rows for (group, name), rows in frozen.items() if group == "shown"},
            with_editions=self.with_editions, rendered=rendered, matched=matched,
        )


def _without_bit(bits: np.ndarray, position: int, size: int) -> np.ndarray:
    """Remove bit ``position`` from every row: the bits after it move down by one."""
    word, bit = divmod(position, 64)
    tail = bits[:, word:]
    carry = np.zeros_like(tail)
    carry[:, :-1] = (tail[:, 1:] & ONE) << np.uint64(63)
    shifted = (tail >> ONE) | carry
    below = np.uint64((1 << bit) - 1)
    shifted[:, 0] = (tail[:, 0] & below) | (shifted[:, 0] & ~below)
    out = bits.copy()
    out[:, word:] = shifted
    return np.ascontiguousarray(out[:, :(size - 1 + 63) // 64])


def _with_bit(bits: np.ndarray, position: int, size: int) -> np.ndarray:
    """Open a cleared bit at ``position`` in every row: the bits from it move up by one."""
    out = np.zeros((bits.shape[0], (size + 1 + 63) // 64), dtype=np.uint64)
    out[:, :bits.shape[1]] = bits
    word, bit = divmod(position, 64)
    tail = out[:, word:].copy()
    carry = np.zeros_like(tail)
    carry[:, 1:] = tail[:, :-1] >> np.uint64(63)
    shifted = (tail << ONE) | carry
    below = np.uint64((1 << bit) - 1)
    at_or_below = np.uint64((1 << (bit + 1)) - 1)
    shifted[:, 0] = (tail[:, 0] & below) | (shifted[:, 0] & ~at_or_below)
    out[:, word:] = shifted
    return out
