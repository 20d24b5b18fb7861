"""Remember what an index derives while it lasts, apart from the bit rows a patch rebuilds."""

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np


@dataclass(frozen=True)
class Matches:
    """The items a text search matched and their ranks (None where nothing ranks them).

    ``unchecked`` are items changed since: not known to match or not, asked again on use.
    A patch only marks them, so that it costs the same however many searches are
    remembered; their old matches are left out when ``pks`` and ``ranks`` are first read.
    ``in_order``: the items are best first, ties in the default order, as an index
    ordered them; the database gives them in no order.
    """

    found: np.ndarray  # the items as the database matched them, changed ones included
    found_ranks: np.ndarray | None
    unchecked: frozenset[int] = frozenset()
    in_order: bool = False

    @cached_property
    def _kept(self) -> np.ndarray | slice:
        if not self.unchecked:
            return slice(None)
        unchecked = np.fromiter(self.unchecked, dtype=np.int64, count=len(self.unchecked))
        return ~np.isin(self.found, unchecked)

    @property
    def pks(self) -> np.ndarray:
        return self.found[self._kept]

    @property
    def ranks(self) -> np.ndarray | None:
        return None if self.found_ranks is None else self.found_ranks[self._kept]

    def without(self, pks: Iterable[int]) -> "Matches":
        """Mark these items to be asked about again."""
        return Matches(
            self.found, self.found_ranks, self.unchecked | frozenset(pks), in_order=self.in_order
        )


class Remembered:
    """Remember recently used values for the life of one index, the least recent dropped first.

    The index is replaced as soon as the catalogue changes, and what it remembers goes with
    it, so nothing remembered can show an item or a term as it no longer is; a patched index
    keeps only what the change cannot have touched (``Remembered.copied``).
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self._entries: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """Return the value remembered for ``key``, computing and remembering it if need be."""
        found = self.peek(key)
        if found is None:
            found = compute()
            self.put(key, found)
        return found

    def peek(self, key: Hashable) -> Any:
        """Return the value remembered for ``key``, or None."""
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                return self._entries[key]
        return None

    def copied(self, value_for: Callable[[Hashable, Any], Any]) -> "Remembered":
        """Return a copy, in the same order, of what ``value_for(key, value)`` keeps (not None)."""
        copy = Remembered(size=self.size)
        with self._lock:
            entries = list(self._entries.items())
        for key, value in entries:
            if (kept := value_for(key, value)) is not None:
                copy._entries[key] = kept
        return copy

    def items(self) -> list[tuple[Hashable, Any]]:
        """Return what is remembered, least recently used first."""
        with self._lock:
            return list(self._entries.items())

    def put(self, key: Hashable, value: Any) -> None:
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def keys(self) -> list[Hashable]:
        """Return the keys remembered now, the least recently used first."""
        with self._lock:
            return list(self._entries)

    def __len__(self) -> int:
        return len(self._entries)
