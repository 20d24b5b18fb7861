"""Hold the published catalogue's facet data in memory as bitsets, for counts at any size.

Each facet value (a country, a publisher, a year…) is a row of bits, one bit per published
item, items numbered in the Hub's default order. A filter is the OR of its chosen rows, a
combination of filters their AND, and a facet's counts are the population counts of its
rows ANDed with the other filters: a few megabytes of integer operations at 100,000 items
instead of a scan of the tag tables per facet. Results in any sort order come from the same
bits, so counting and paging never rescan the catalogue.

An index is read whole from the database (``resources.facets.build``) and then follows
the catalogue's changes (``CatalogueChange``): a change to a few published items is patched
into a copy (``resources.facets.patch``), and only a bulk change is read whole again. The
version is read first, so an index is never labelled newer than its data.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from .remembered import Matches, Remembered

ORDER_SLICE = 8192  # positions read at a time when looking for a page of results
# Rendered cards and fragments kept per index: about a kilobyte each, a few megabytes at most.
RENDERED_REMEMBERED = 4096
# Positions are looked up in a table of pks while the largest pk is within this many times
# the number of items (beyond, by a binary search among the sorted pks).
PK_TABLE_SPREAD = 16


@dataclass(frozen=True)
class FacetRows:
    """The values of one facet that occur in published items, with one bit row each.

    Rows hold codes and terms, never labels: a label is looked up in the language of the
    request that shows it (``resources.facets.value_labels``).
    """

    codes: list[str]
    positions: list[int]
    bits: np.ndarray  # shape (values, words), uint64
    row_of_key: dict  # taxonomy pk, kind code, scope or year → row
    terms: list | None = None  # the taxonomy object of each row, for tag-valued facets
    ranks: list[int] | None = None  # each row's place in its model's default ordering
    # Every term of a taxonomy-valued facet, used or not: key → (code, position) and
    # key → (term, rank), so that a patch can add a row for a term newly in use.
    known_values: dict | None = None
    known_terms: dict | None = None

    @cached_property
    def keys(self) -> list:
        """Return the key of each row, in row order."""
        return sorted(self.row_of_key, key=self.row_of_key.__getitem__)


@dataclass(frozen=True)
class FacetIndex:
    token: str | None
    number: int  # the catalogue version's number: changes after it are not in the index
    ids: np.ndarray  # item pk at each position (default order)
    sorted_ids: np.ndarray
    position_of_sorted: np.ndarray
    years: np.ndarray
    orders: dict[str, np.ndarray]  # sort → positions in that order
    default_sort: str  # the sort whose order the positions are
    facets: dict[str, FacetRows]
    shown: dict[str, FacetRows]  # tags that pages show but nobody filters by: keywords
    with_editions: np.ndarray  # whether each item has other language editions
    # Each item's value of the numeric columns the orders sort by (``build.SORT_KEYS``).
    sort_keys: dict[str, np.ndarray] = field(default_factory=dict)
    # What is derived from this version of the catalogue and worth keeping while it lasts:
    # the matches of recent text searches as the database gave them (``matched``) and in
    # this index's positions, best first (``searches``), and rendered result cards and
    # fragments of pages (``resources.cards``, ``{% catalogue_fragment %}``).
    matched: "Remembered" = field(default_factory=lambda: Remembered(size=256))
    searches: "Remembered" = field(default_factory=lambda: Remembered(size=256))
    rendered: "Remembered" = field(default_factory=lambda: Remembered(size=RENDERED_REMEMBERED))
    # What search reads of the catalogue's words: the synonym groups, and the vocabulary's
    # words near each word searched for (``resources.search.spelling``). A patch keeps what
    # the words of the items it adds cannot have changed (``spelling.still_near``).
    vocabulary: "Remembered" = field(default_factory=lambda: Remembered(size=1024))
    # Each facet's labels per language, (parameter, language) → key → label, read from the
    # terms when a page in that language first shows them.
    labels: "Remembered" = field(default_factory=lambda: Remembered(size=256))

    @property
    def size(self) -> int:
        return len(self.ids)

    @property
    def words(self) -> int:
        return (self.size + 63) // 64

    def everything(self) -> np.ndarray:
        return self.pack(np.ones(self.size, dtype=bool))

    def nothing(self) -> np.ndarray:
        return np.zeros(self.words, dtype=np.uint64)

    def pack(self, flags: np.ndarray) -> np.ndarray:
        """Turn one boolean per item into bit words."""
        padded = np.zeros(self.words * 64, dtype=bool)
        padded[: len(flags)] = flags
        return np.packbits(padded, bitorder="little").view(np.uint64)

    def unpack(self, mask: np.ndarray) -> np.ndarray:
        return np.unpackbits(mask.view(np.uint8), bitorder="little")[: self.size].astype(bool)

    def positions(self, pks: Iterable[int]) -> np.ndarray:
        """Map item pks to positions, dropping pks that are not published."""
        slots, _ = self.positions_of_present(np.fromiter(pks, dtype=np.int64))
        return self.position_of_sorted[slots]

    def positions_of_present(self, pks: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Return, for the pks that are in the index, their sorted-order slots and indices."""
        if not len(pks) or not self.size:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        found = np.minimum(np.searchsorted(self.sorted_ids, pks), self.size - 1)
        present = np.flatnonzero(self.sorted_ids[found] == pks)
        return found[present], present

    def mask_of_pks(self, pks: Iterable[int]) -> np.ndarray:
        return self.mask_of_positions(self.positions(pks))

    def mask_of_positions(self, positions: np.ndarray) -> np.ndarray:
        flags = np.zeros(self.size, dtype=bool)
        flags[positions] = True
        return self.pack(flags)

    def mask_of_values(self, parameter: str, keys: Iterable) -> np.ndarray:
        """Return the items having any of the given values of one facet (OR within it)."""
        rows = self.facets[parameter]
        chosen = [rows.row_of_key[key] for key in keys if key in rows.row_of_key]
        if not chosen:
            return self.nothing()
        return np.bitwise_or.reduce(rows.bits[chosen], axis=0)

    def count(self, mask: np.ndarray) -> int:
        return int(np.bitwise_count(mask).sum())

    def counts(self, parameter: str, mask: np.ndarray) -> np.ndarray:
        """Count, for each value of a facet, the items it shares with ``mask``."""
        bits = self.facets[parameter].bits
        if not len(bits):
            return np.zeros(0, dtype=np.int64)
        return np.bitwise_count(bits & mask).sum(axis=1, dtype=np.int64)

    def ordered_pks(self, mask: np.ndarray, order: np.ndarray, start: int, stop: int) -> list[int]:
        """Return the pks of matching items ``start:stop`` in the given order of positions.

        The order is read a slice at a time until enough items match, so the first pages
        of a broad result do not sort out all 100,000 positions. In the default order,
        where positions are the order itself, only the mask's first words are read.
        """
        if order is self.orders.get(self.default_sort):
            positions = self._first_positions(mask, stop)
            return [int(pk) for pk in self.ids[positions[start:stop]]]
        flags = self.unpack(mask)
        found, needed, step = [], stop, ORDER_SLICE
        for offset in range(0, len(order), step):
            chunk = order[offset : offset + step]
            found.append(chunk[flags[chunk]])
            needed -= len(found[-1])
            if needed <= 0:
                break
        positions = np.concatenate(found) if found else np.zeros(0, dtype=np.int64)
        return [int(pk) for pk in self.ids[positions[start:stop]]]

    def _first_positions(self, mask: np.ndarray, stop: int) -> np.ndarray:
        """Return the positions of the first ``stop`` items a mask holds, in position order."""
        found, needed, words = [], stop, max(1, ORDER_SLICE // 64)
        for first in range(0, len(mask), words):
            flags = np.unpackbits(mask[first : first + words].view(np.uint8), bitorder="little")
            hits = np.flatnonzero(flags[: self.size - first * 64]) + first * 64
            found.append(hits)
            needed -= len(hits)
            if needed <= 0:
                break
        return np.concatenate(found) if found else np.zeros(0, dtype=np.int64)

    def tags(self, pk: int, parameters: Iterable[str]) -> dict[str, list] | None:
        """Return the taxonomy objects an item is tagged with, per facet, in model order.

        None when the item is not in the index (not published, or published since).
        """
        positions = self.positions([pk])
        if not len(positions):
            return None
        word, bit = divmod(int(positions[0]), 64)
        tags = {}
        for parameter in parameters:
            rows = self.facets.get(parameter) or self.shown[parameter]
            tagged = np.flatnonzero((rows.bits[:, word] >> np.uint64(bit)) & np.uint64(1))
            tags[parameter] = [
                rows.terms[row] for row in sorted(tagged.tolist(), key=rows.ranks.__getitem__)
            ]
        return tags

    def may_have_editions(self, pk: int) -> bool:
        """Tell whether an item may have other language editions, published or not.

        True for an item the index does not hold (published since it was built).
        """
        positions = self.positions([pk])
        return not len(positions) or bool(self.with_editions[positions[0]])

    def term(self, parameter: str, key: int) -> object | None:
        """Return the taxonomy object of one value of a facet, if a published item has it."""
        rows = self.facets[parameter]
        row = rows.row_of_key.get(key)
        return None if row is None or rows.terms is None else rows.terms[row]

    def searched(self, key: tuple, matches: Callable[[list[int] | None], "Matches"]) -> np.ndarray:
        """Return the positions a text search matches, best first, computed once per index.

        ``matches(None)`` asks the database for every match; ``matches(pks)``, for matches
        among those items only: a patched index asks only about the items it changed, and
        merges them into the order the search had, which a patch leaves as it was for the
        other items (their ranks and their order by default are their own).
        """

        def ranked() -> np.ndarray:
            found = self.matched.peek(key)
            if found is None:
                fresh = matches(None)
                positions, ranks = self.ranked_positions(fresh.pks, fresh.ranks)
            elif found.in_order:
                positions, present = self._positions_present(found.pks)
                ranks = None if found.ranks is None else found.ranks[present]
            else:
                positions, ranks = self.ranked_positions(found.pks, found.ranks)
            if found is not None and found.unchecked:
                more = matches(sorted(found.unchecked))
                positions, ranks = self._merged(
                    positions, ranks, *self.ranked_positions(more.pks, more.ranks)
                )
            self.matched.put(key, Matches(self.ids[positions], ranks, in_order=True))
            return positions

        return self.searches.get(key, ranked)

    def ranked_positions(
        self, pks: np.ndarray, ranks: np.ndarray | None
    ) -> tuple[np.ndarray, np.ndarray | None]:
        """Order matched items by rank, best first, ties (or no ranks) in the default order.

        Positions are the default order, so they break ties as ``ORDER BY -rank, scope…``
        would. Items the index does not hold are left out. Returns the positions and their
        ranks in that order.
        """
        positions, present = self._positions_present(pks)
        if ranks is None:
            return np.sort(positions), None
        ranks = ranks[present]
        order = np.lexsort((positions, -ranks))
        return positions[order], ranks[order]

    def _merged(
        self,
        positions: np.ndarray,
        ranks: np.ndarray | None,
        more: np.ndarray,
        more_ranks: np.ndarray | None,
    ) -> tuple[np.ndarray, np.ndarray | None]:
        """Insert a few ranked positions into a ranked list, each where a full sort puts it."""
        if not len(more):
            return positions, ranks
        if ranks is None or more_ranks is None:
            return np.insert(positions, np.searchsorted(positions, more), more), None
        worse = -ranks  # ascending, as searchsorted needs
        places = []
        for position, rank in zip(more.tolist(), (-more_ranks).tolist(), strict=True):
            low = int(np.searchsorted(worse, rank, side="left"))
            high = int(np.searchsorted(worse, rank, side="right"))
            places.append(low + int(np.searchsorted(positions[low:high], position)))
        return np.insert(positions, places, more), np.insert(ranks, places, more_ranks)

    def _positions_present(self, pks: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Return the positions of the pks the index holds, in the pks' order, and their indices."""
        table = self._position_of_pk
        if table is None:
            slots, present = self.positions_of_present(pks)
            return self.position_of_sorted[slots], present
        if not len(pks):
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        found = table[np.clip(pks, 0, len(table) - 1)]
        present = np.flatnonzero((found >= 0) & (pks >= 0) & (pks < len(table)))
        return found[present], present

    @cached_property
    def _position_of_pk(self) -> np.ndarray | None:
        """Each pk's position (-1 for none), when pks are few enough for a table of them.

        Looking tens of thousands of pks up in it costs a twentieth of a binary search.
        """
        if not self.size or int(self.sorted_ids[0]) < 0:
            return None
        top = int(self.sorted_ids[-1])
        if top > PK_TABLE_SPREAD * self.size + PK_TABLE_SPREAD * 4096:
            return None
        table = np.full(top + 1, -1, dtype=np.int64)
        table[self.ids] = np.arange(self.size, dtype=np.int64)
        return table
