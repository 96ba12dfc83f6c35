"""Which texts of a list hold a character: for each distinct character, the (ascending) numbers of the texts
holding it, in three numpy arrays, so that the texts holding all of a word's characters are found by
intersecting a few postings (from the shortest) — a cost that follows how many texts hold them, not how many
texts there are. Made with numpy alone: the characters are numbered densely so that a stable sort of 16-bit
numbers (a radix sort in numpy) orders them (~40 ms for 72,000 texts of 935,000 characters).

Imports numpy only.
"""

from __future__ import annotations

import numpy as np

_NEWLINE = 10


def stable_order(values: np.ndarray) -> np.ndarray:
    """`np.argsort(values, kind="stable")`; values that fit 16 bits (terms and characters of a store's names
    mostly do) sorted as such, by numpy's radix sort: 4× faster than its timsort of 32-bit values, which was
    most of the arrays made again at each change at 1,000 documents (3 M postings, 2 M characters)."""
    if len(values) and 0 <= values.min() and values.max() < 1 << 16:
        return np.argsort(values.astype(np.uint16), kind="stable")
    return np.argsort(values, kind="stable")


class CharPostings:
    """The texts holding each character of `texts` (texts holding no line break)."""

    def __init__(self, texts: list[str]):
        codes = np.frombuffer("\n".join(texts).encode("utf-32-le"), dtype=np.uint32)
        text_of = np.cumsum(codes == _NEWLINE, dtype=np.int64)  # a text's number: the line breaks before it
        kept = codes != _NEWLINE
        codes, text_of = codes[kept], text_of[kept]
        present = np.bincount(codes) > 0 if len(codes) else np.zeros(0, dtype=bool)
        self.chars = np.flatnonzero(present).astype(np.uint32)  # the distinct characters, ascending
        dense = (np.cumsum(present) - 1)[codes]
        order = stable_order(dense)  # each character's places kept in text order
        dense, text_of = dense[order], text_of[order]
        first = np.ones(len(dense), dtype=bool)  # a character twice in one text: its text once
        first[1:] = (dense[1:] != dense[:-1]) | (text_of[1:] != text_of[:-1])
        dense = dense[first]
        self.texts = text_of[first].astype(np.uint32 if len(texts) < 1 << 32 else np.int64)
        self.starts = np.searchsorted(dense, np.arange(len(self.chars) + 1)).astype(np.int64)

    def holding(self, char: str) -> np.ndarray:
        """The numbers of the texts holding `char`, ascending."""
        at = int(np.searchsorted(self.chars, ord(char)))
        if at >= len(self.chars) or self.chars[at] != ord(char):
            return self.texts[:0]
        return self.texts[self.starts[at]:self.starts[at + 1]]

    def holding_all(self, chars: str) -> np.ndarray:
        """The numbers of the texts holding every character of `chars`, ascending."""
        postings = sorted((self.holding(c) for c in set(chars)), key=len)
        if not postings:
            return self.texts[:0]
        found = postings[0]
        for other in postings[1:]:
            if not len(found):
                break
            at = np.minimum(np.searchsorted(other, found), len(other) - 1)
            found = found[other[at] == found]
        return found
