"""Shift and set the bits of facet rows, apart from the patch that decides where items go."""

import bisect
from dataclasses import dataclass

import numpy as np

from .index import FacetRows

ONE = np.uint64(1)
TOP = np.uint64(63)


@dataclass
class PatchedRows:
    """One facet's rows while they are patched: the values in row order and their bits."""

    keys: list
    bits: np.ndarray
    values: dict | None  # key → (code, position) for taxonomy-valued facets
    terms: dict | None  # key → (term, rank)

    @classmethod
    def of(cls, rows: FacetRows) -> "PatchedRows":
        keys = sorted(rows.row_of_key, key=rows.row_of_key.__getitem__)
        return cls(keys, rows.bits, rows.known_values, rows.known_terms)  # replaced, not changed

    def add(self, key) -> int:
        """Return the row of a value, adding an empty one in its sorted place if need be."""
        place = bisect.bisect_left(self.keys, key)
        if place == len(self.keys) or self.keys[place] != key:
            self.keys.insert(place, key)
            self.bits = np.insert(self.bits, place, np.uint64(0), axis=0)
        return place

    def frozen(self, declared) -> FacetRows:
        """Return the rows as an index holds them, without values no item has any more."""
        used = self.bits.any(axis=1)
        keys = [key for key, keep in zip(self.keys, used.tolist(), strict=True) if keep]
        bits = self.bits if len(keys) == len(self.keys) else self.bits[used]
        if self.values is None:
            values, _terms = declared.known(keys)
        else:
            if any(key not in self.values for key in keys):
                self.values, self.terms = declared.known(keys)  # a term added since the build
            values = self.values
        return FacetRows(
            codes=[values[key][0] for key in keys],
            positions=[values[key][1] for key in keys],
            bits=np.ascontiguousarray(bits),
            row_of_key={key: row for row, key in enumerate(keys)},
            terms=[self.terms[key][0] for key in keys] if self.terms is not None else None,
            ranks=[self.terms[key][1] for key in keys] if self.terms is not None else None,
            known_values=self.values,
            known_terms=self.terms,
        )


def without_bit(bits: np.ndarray, position: int, size: int) -> np.ndarray:
    """Remove bit ``position`` from every row: the bits after it move down by one."""
    word, bit = divmod(position, 64)
    out = np.empty_like(bits)
    out[:, :word] = bits[:, :word]
    tail, out_tail = bits[:, word:], out[:, word:]
    np.right_shift(tail, ONE, out=out_tail)
    out_tail[:, :-1] |= tail[:, 1:] << TOP  # each word's lowest bit ends the word before
    below = np.uint64((1 << bit) - 1)
    out[:, word] = (tail[:, 0] & below) | (out[:, word] & ~below)
    words = (size - 1 + 63) // 64
    return out if words == out.shape[1] else np.ascontiguousarray(out[:, :words])


def with_bit(bits: np.ndarray, position: int, size: int) -> np.ndarray:
    """Open a cleared bit at ``position`` in every row: the bits from it move up by one."""
    words = (size + 1 + 63) // 64
    out = np.zeros((bits.shape[0], words), dtype=np.uint64)
    word, bit = divmod(position, 64)
    out[:, :word] = bits[:, :word]
    tail = bits[:, word:]
    width = tail.shape[1]
    if not width:  # the new bit starts a word of its own
        return out
    np.left_shift(tail, ONE, out=out[:, word : word + width])
    end = min(word + 1 + width, words)
    out[:, word + 1 : end] |= (tail >> TOP)[:, : end - word - 1]  # each top bit starts the next
    below = np.uint64((1 << bit) - 1)
    at_or_below = np.uint64((1 << (bit + 1)) - 1)
    out[:, word] = (tail[:, 0] & below) | (out[:, word] & ~at_or_below)
    return out
