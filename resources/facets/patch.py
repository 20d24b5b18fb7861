"""Patch the changes of a few published items into a copy of a facet index.

Publishing, unpublishing or editing one item used to make every worker read the whole
catalogue again (about 1.5 s at 100,000 items) while its requests waited. Instead, the
changed items are taken out of a copy of the index and those still published are read and
put back at their places: their bits in every facet row (the rows after them shift by one
bit), a row for a value no published item had, and their places in every order. A place
in an order by numbers (scope, dates) is counted from the items' kept values, NULL where
the database puts it; in an order by title the database itself sorts a few hundred evenly
spaced items with the new one and then the few hundred around it, so that its collation
decides. An item edited without a change to its numbers keeps its position: its bits are
changed where they are and only its place by title is found again. The result equals an
index read whole (``tests/resources/facets/test_patch.py``).

Rendered cards of the other items stay valid and go along; parts rendered from counts or
from several items do not. Remembered searches go along without the changed items, which
are asked about again (only they) when the search is next made and merged into the order
the search had. The synonym groups go along, and so do the words near each searched word
unless a word of a changed item is near it too (``resources.search.spelling.still_near``).
"""

from collections.abc import Iterable

import numpy as np
from django.db.models import Value, Window
from django.db.models.functions import RowNumber

from ..models import Resource
from ..search import spelling
from ..vocabulary import BY_NAME, PARAMETERS
from .bitrows import ONE, PatchedRows, with_bit, without_bit
from .build import (
    COLUMN_FACETS,
    ITEM_COLUMNS,
    SORT_KEYS,
    YEAR_COLUMN,
    fetch,
    order_expressions,
    sort_key_array,
)
from .index import FacetIndex
from .remembered import Remembered

# Evenly spaced items the database sorts with a new one, in an order by text, to find the
# few it lies between.
PROBES = 256


def patched_index(
    index: FacetIndex,
    *,
    changed: Iterable[int],
    token: str,
    number: int,
    orderings: dict[str, list[str]],
) -> FacetIndex:
    """Return a copy of ``index`` in which the changed items are as the database has them now."""
    changed = sorted(set(changed))
    patch = _Patch(index, orderings)
    published = fetch(
        Resource.objects.published().filter(pk__in=changed).order_by().values_list(*ITEM_COLUMNS)
    )
    pks = [row[0] for row in published]
    staying = _staying(index, published)
    kept = set(staying.values())
    for position in sorted(index.positions(changed).tolist(), reverse=True):
        if position not in kept:
            patch.remove(position)
    relations = {
        declared.parameter: declared.relation
        for declared in PARAMETERS
        if declared.parameter not in COLUMN_FACETS
    }
    tags = _tags(pks, {**relations, "editions": "language_editions"})
    editions = set(tags.pop("editions"))
    patch.reorder_by_text(list(staying))
    published = sorted(published, key=lambda row: row[0] not in staying)  # staying first
    for row in published:
        keys = {
            parameter: [row[column]]
            for parameter, column in COLUMN_FACETS.items()
            if row[column] is not None
        }
        keys.update({parameter: found.get(row[0], []) for parameter, found in tags.items()})
        if row[0] in staying:
            patch.retag(
                patch.position_of(row[0]),
                year=row[COLUMN_FACETS["year"]],
                keys=keys,
                with_editions=row[0] in editions,
            )
            continue
        patch.insert(
            row[0],
            year=row[YEAR_COLUMN],
            keys=keys,
            with_editions=row[0] in editions,
            sort_keys=_sort_keys(row),
        )
    gone = set(changed)
    return patch.index(
        token=token,
        number=number,
        rendered=index.rendered.copied(
            lambda key, card: card if key[0] == "card" and key[-1] not in gone else None
        ),
        matched=index.matched.copied(lambda key, matches: matches.without(gone)),
        vocabulary=_vocabulary_kept(index, pks),
    )


def _sort_keys(row: tuple) -> dict[str, int]:
    return {name: int(sort_key_array([row[column]])[0]) for name, column in SORT_KEYS.items()}


def _staying(index: FacetIndex, published: list[tuple]) -> dict[int, int]:
    """Return the changed items that keep their position: pk → position in ``index``.

    An item still published whose numbers (scope, dates, id) are as the index has them
    keeps its place in the default order and in every order by numbers, so its bits are
    changed where they are instead of every row's bits after it being moved twice.
    """
    pks = np.array([row[0] for row in published], dtype=np.int64)
    slots, present = index.positions_of_present(pks)
    staying = {}
    positions = index.position_of_sorted[slots].tolist()
    for position, row in zip(positions, present.tolist(), strict=True):
        values = _sort_keys(published[row])
        if all(int(index.sort_keys[name][position]) == values[name] for name in values):
            staying[int(pks[row])] = position
    return staying


def _vocabulary_kept(index: FacetIndex, pks: list[int]) -> Remembered:
    """Keep what the words of the items put back cannot have changed of the vocabulary."""
    remembered = index.vocabulary.items()
    added = frozenset()
    if pks and any(key[0] != "synonyms" for key, _ in remembered):
        added = spelling.vocabulary_words(
            text
            for pair in Resource.objects.filter(pk__in=pks).values_list("title", "summary")
            for text in pair
        )
    kept = spelling.still_near(remembered, added)
    return index.vocabulary.copied(lambda key, value: kept.get(key))


def _tags(pks: list[int], relations: dict[str, str]) -> dict[str, dict[int, list[int]]]:
    """Read these items' terms of every many-to-many relation in one query: name → item → terms."""
    found: dict[str, dict[int, list[int]]] = {name: {} for name in relations}
    if not pks:
        return found
    names = list(relations)
    queries = []
    for number, relation in enumerate(relations.values()):
        field = Resource._meta.get_field(relation)
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        queries.append(
            field.remote_field.through.objects.filter(**{f"{source}_id__in": pks})
            .order_by()
            .annotate(relation=Value(number))
            .values_list(f"{source}_id", f"{target}_id", "relation")
        )
    for item, term, number in fetch(queries[0].union(*queries[1:], all=True)):
        found[names[number]].setdefault(item, []).append(term)
    return found


class _Patch:
    """A copy of an index's arrays that items are taken out of and put into, one at a time."""

    def __init__(self, index: FacetIndex, orderings: dict[str, list[str]]) -> None:
        self.source, self.orderings = index, orderings
        self.default_sort = index.default_sort
        self.ids, self.years, self.with_editions = index.ids, index.years, index.with_editions
        self.sorted_ids, self.position_of_sorted = index.sorted_ids, index.position_of_sorted
        self.sort_keys = dict(index.sort_keys)
        self.orders = {
            sort: order.copy() for sort, order in index.orders.items() if sort != index.default_sort
        }
        self.rows = {
            **{("facet", name): PatchedRows.of(rows) for name, rows in index.facets.items()},
            **{("shown", name): PatchedRows.of(rows) for name, rows in index.shown.items()},
        }

    @property
    def size(self) -> int:
        return len(self.ids)

    def remove(self, position: int) -> None:
        size = self.size
        for rows in self.rows.values():
            rows.bits = without_bit(rows.bits, position, size)
        slot = int(np.searchsorted(self.sorted_ids, self.ids[position]))
        self.sorted_ids = np.delete(self.sorted_ids, slot)
        self.position_of_sorted = np.delete(self.position_of_sorted, slot)
        self.position_of_sorted -= self.position_of_sorted > position
        self.ids = np.delete(self.ids, position)
        self.years = np.delete(self.years, position)
        self.sort_keys = {name: np.delete(keys, position) for name, keys in self.sort_keys.items()}
        self.with_editions = np.delete(self.with_editions, position)
        for sort, order in self.orders.items():
            order = order[order != position]
            order -= order > position
            self.orders[sort] = order

    def insert(
        self,
        pk: int,
        *,
        year: int,
        keys: dict[str, list],
        with_editions: bool,
        sort_keys: dict[str, int],
    ) -> None:
        """Put an item at its place in the default order, and in every other order."""
        places = self.places(pk, sort_keys)
        position = places[self.default_sort]
        size = self.size
        word, bit = divmod(position, 64)
        for (_, name), rows in self.rows.items():
            rows.bits = with_bit(rows.bits, position, size)
            for key in keys.get(name, ()):
                row = rows.add(key)
                rows.bits[row, word] |= ONE << np.uint64(bit)
        moved = self.position_of_sorted >= position
        self.position_of_sorted = self.position_of_sorted + moved
        slot = int(np.searchsorted(self.sorted_ids, pk))
        self.sorted_ids = np.insert(self.sorted_ids, slot, pk)
        self.position_of_sorted = np.insert(self.position_of_sorted, slot, position)
        self.ids = np.insert(self.ids, position, pk)
        self.years = np.insert(self.years, position, year)
        self.sort_keys = {
            name: np.insert(values, position, sort_keys[name])
            for name, values in self.sort_keys.items()
        }
        self.with_editions = np.insert(self.with_editions, position, with_editions)
        for sort, order in self.orders.items():
            order += order >= position
            self.orders[sort] = np.insert(order, places[sort], position)

    def position_of(self, pk: int) -> int:
        return int(self.position_of_sorted[np.searchsorted(self.sorted_ids, pk)])

    def retag(
        self, position: int, *, year: int, keys: dict[str, list], with_editions: bool
    ) -> None:
        """Give the item at ``position`` these tags, where it is (``_staying``)."""
        word, bit = divmod(position, 64)
        flag = ONE << np.uint64(bit)
        for (_, name), rows in self.rows.items():
            rows.bits = rows.bits.copy()  # the source index's rows are shared: never changed
            rows.bits[:, word] &= ~flag
            for key in keys.get(name, ()):
                row = rows.add(key)  # may replace rows.bits
                rows.bits[row, word] |= flag
        self.years = self.years.copy()
        self.years[position] = year
        self.with_editions = self.with_editions.copy()
        self.with_editions[position] = with_editions

    def reorder_by_text(self, pks: list[int]) -> None:
        """Put these items (each at its position) back in the orders by text, as they are now."""
        texts = [sort for sort in self.orders if not self._by_numbers(sort)]
        if not pks or not texts:
            return
        positions = [self.position_of(pk) for pk in pks]
        for sort in texts:
            order = self.orders[sort]
            self.orders[sort] = order[~np.isin(order, positions)]
        for pk, position in zip(pks, positions, strict=True):
            for sort, place in self._text_places(pk, texts).items():
                self.orders[sort] = np.insert(self.orders[sort], place, position)

    def _by_numbers(self, sort: str) -> bool:
        return all(name.lstrip("-") in self.sort_keys for name in self.orderings[sort])

    def places(self, pk: int, sort_keys: dict[str, int]) -> dict[str, int]:
        """Count, for every order, the items of the index before ``pk``, as the database sorts.

        An order by numbers (scope, dates, id) is counted from the items' kept values, NULL
        placed where the database places it. An order by text is left to the database,
        whose collation decides: it ranks ``PROBES`` evenly spaced items of the order with
        the new one, then the items between the two probes it falls between.
        """
        places = {}
        sorts = []
        for sort in (self.default_sort, *self.orders):
            fields = [(name.lstrip("-"), name.startswith("-")) for name in self.orderings[sort]]
            if self._by_numbers(sort):
                places[sort] = self._counted_before(fields, sort_keys)
            else:
                sorts.append(sort)
        return {**places, **self._text_places(pk, sorts)}

    def _text_places(self, pk: int, sorts: list[str]) -> dict[str, int]:
        """Find ``pk``'s place in each of these orders by text, as the database sorts it."""
        if not sorts:
            return {}
        size = len(self.orders.get(sorts[0], self.ids))  # the orders by text hold the same items
        if not size:
            return dict.fromkeys(sorts, 0)
        step = -(-size // PROBES)
        probes = np.arange(0, size, step)
        before = self._ranked_before(pk, {sort: self._pks_at(sort, probes) for sort in sorts})
        brackets = {}
        places = {}
        for sort, count in before.items():
            low = int(probes[count - 1]) + 1 if count else 0
            high = int(probes[count]) if count < len(probes) else size
            if low >= high:
                places[sort] = low
            else:
                brackets[sort] = (low, np.arange(low, high))
        if brackets:
            counts = self._ranked_before(
                pk, {sort: self._pks_at(sort, between) for sort, (_, between) in brackets.items()}
            )
            places.update({sort: low + counts[sort] for sort, (low, _) in brackets.items()})
        return places

    def _counted_before(self, fields: list[tuple[str, bool]], values: dict[str, int]) -> int:
        """Count the items whose values come first, column by column, as ORDER BY compares."""
        before = np.zeros(self.size, dtype=bool)
        tied = np.ones(self.size, dtype=bool)
        for name, descending in fields:
            column, value = self.sort_keys[name], values[name]
            before |= tied & ((column > value) if descending else (column < value))
            tied &= column == value
        return int(np.count_nonzero(before))

    def _pks_at(self, sort: str, places: np.ndarray) -> list[int]:
        order = self.orders.get(sort)
        return self.ids[places if order is None else order[places]].tolist()

    def _ranked_before(self, pk: int, candidates: dict[str, list[int]]) -> dict[str, int]:
        """Count, for each order, the candidates the database sorts before ``pk``."""
        everyone = {pk}.union(*candidates.values())
        ranked = (
            Resource.objects.filter(pk__in=everyone)
            .order_by()
            .annotate(
                **{
                    f"place_{sort}": Window(
                        RowNumber(), order_by=order_expressions(self.orderings[sort])
                    )
                    for sort in candidates
                }
            )
            .values_list("pk", *[f"place_{sort}" for sort in candidates])
        )
        place = {row[0]: row[1:] for row in ranked}
        counts = {}
        for column, (sort, pks) in enumerate(candidates.items()):
            mine = place[pk][column]
            counts[sort] = sum(1 for other in pks if other in place and place[other][column] < mine)
        return counts

    def index(
        self,
        *,
        token: str,
        number: int,
        rendered: Remembered,
        matched: Remembered,
        vocabulary: Remembered,
    ) -> FacetIndex:
        frozen = {key: rows.frozen(BY_NAME[key[1]]) for key, rows in self.rows.items()}
        return FacetIndex(
            token=token,
            number=number,
            ids=self.ids,
            sorted_ids=self.sorted_ids,
            position_of_sorted=self.position_of_sorted,
            years=self.years,
            sort_keys=self.sort_keys,
            orders={self.default_sort: np.arange(self.size, dtype=np.int64), **self.orders},
            default_sort=self.default_sort,
            facets={name: rows for (group, name), rows in frozen.items() if group == "facet"},
            shown={name: rows for (group, name), rows in frozen.items() if group == "shown"},
            with_editions=self.with_editions,
            rendered=rendered,
            matched=matched,
            vocabulary=vocabulary,
        )
