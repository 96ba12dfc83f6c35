"""What a search works out over its matches — which entries match and their BM25 scores (`Scorer`), which
entries' names hold a word, each group's best entry, the page, each facet's counts — as numpy operations over
the matches (or over fixed arrays made when the index is loaded), never a sort of every match. A question's
common words (项目, 预算, 支出) are held by a third of a city's 138,000 entries: they rank the matches of its
other words and add none (COMMON_SHARE), so a search costs what its informative words match
(benchmarks/README.md).

Imports numpy and the standard library only.
"""

from __future__ import annotations

import threading

import numpy as np

FACET_VALUES = 30  # values listed per facet, most frequent first (the page shows 12; a city has hundreds of documents)
NAMED_KEPT = 2_000_000  # entry positions kept of the words looked for in the names (8 MB), the latest words'
# A word more than this share of the entries hold (项目 13 %, 预算 53 %, 支出 67 % of a city's) is common: its BM25
# weight is small (IDF under 3.0, against 7–12 for a name's words) and its matches are a share of the store, so it
# ranks the matches of the query's other words and adds none (Lucene's CommonTermsQuery, by document frequency,
# not a list of words); a query of common words alone matches by all of them. A word fewer than COMMON_LEAST
# entries hold is never common: scoring all its matches costs less than reading a page's rows, and in a small
# store a share of 5 % is a topic of a few entries, not a word every entry says.
COMMON_SHARE = 0.05
COMMON_LEAST = 1000
WEIGHTS_KEPT = 16 * 2**20  # bytes of common words' weights kept, one float32 per entry a word (the latest words')


def run_starts(ordered: np.ndarray) -> np.ndarray:
    """Whether each value of the sorted `ordered` begins a run of equal values (the first one of each)."""
    return np.concatenate(([True], ordered[1:] != ordered[:-1])) if len(ordered) else np.zeros(0, dtype=bool)


class Scorer:
    """BM25 over a query's matches (search_index.Derived's term-major matrix): the entries holding one of its
    informative words are found and scored through those words' postings, then the common words' weights are
    added for those entries alone, read from a dense array per common word (made on its first use, kept)."""

    def __init__(self, derived):
        self.d = derived
        self._kept: dict[int, np.ndarray] = {}
        self._lock = threading.Lock()

    def matched(self, words: list[str]) -> tuple[np.ndarray, np.ndarray, list[str]]:
        """The positions of the entries matching `words` (ascending), their BM25 scores over every word (a word
        given twice counts twice), and the common words, which matched none (COMMON_SHARE)."""
        d = self.d
        held = [(w, t) for w in words if (t := d.terms.get(w)) is not None and t < len(d.indptr) - 1]
        limit = max(COMMON_SHARE * len(d.group), COMMON_LEAST)
        common = [(w, t) for w, t in held if d.indptr[t + 1] - d.indptr[t] > limit]
        informative = [(w, t) for w, t in held if d.indptr[t + 1] - d.indptr[t] <= limit]
        if not informative:
            informative, common = held, []
        if not informative:
            return np.zeros(0, dtype=np.int64), np.zeros(0), []
        # the informative words' postings, each entry's together in the words' order (so that entries worded
        # alike sum alike and tie): no array as long as the index (BM25 weights are > 0: a posting is a match)
        entries = np.concatenate([d.indices[d.indptr[t]:d.indptr[t + 1]] for _, t in informative])
        order = np.argsort(entries, kind="stable")
        entries, weights = entries[order], np.concatenate([d.data[d.indptr[t]:d.indptr[t + 1]] for _, t in informative])[order]
        starts = np.flatnonzero(run_starts(entries))
        found = entries[starts].astype(np.int64)
        score = np.add.reduceat(weights, starts) if len(weights) else weights
        for _, t in common:
            score += self._weights(t)[found]
        return found, score.astype(np.float64), list(dict.fromkeys(w for w, _ in common))

    def _weights(self, t: int) -> np.ndarray:
        with self._lock:
            weights = self._kept.get(t)
        if weights is None:
            d = self.d
            weights = np.zeros(len(d.group), dtype=np.float32)
            weights[d.indices[d.indptr[t]:d.indptr[t + 1]]] = d.data[d.indptr[t]:d.indptr[t + 1]]
            with self._lock:
                self._kept[t] = weights
                while len(self._kept) > max(1, WEIGHTS_KEPT // max(1, weights.nbytes)):  # the oldest word goes first
                    self._kept.pop(next(iter(self._kept)))
        return weights


class Names:
    """Which entries' names hold a word: the names' characters in one array (names joined by line breaks)
    with, for each character, its places, sorted (`by_char`, `char_keys`, `char_bounds`, `entry_of_char`:
    search_index.Derived). A word is looked for from the places of its rarest character; the entries found
    for each word are kept (the latest words', NAMED_KEPT positions in all), as a question's common words
    recur from one search to the next."""

    def __init__(self, derived, entries: int):
        self.d, self.entries = derived, entries
        self._kept: dict[str, np.ndarray] = {}
        self._size, self._lock = 0, threading.Lock()

    def holding(self, words) -> np.ndarray:
        """For each entry, whether its name holds one of `words`."""
        named = np.zeros(self.entries, dtype=bool)
        for word in words:
            named[self.of(word)] = True
        return named

    def of(self, word: str) -> np.ndarray:
        """The positions of the entries whose name holds `word`, ascending."""
        with self._lock:
            found = self._kept.get(word)
        if found is None:
            found = self._found(word)
            with self._lock:
                self._kept[word] = found
                self._size += len(found)
                while self._size > NAMED_KEPT and len(self._kept) > 1:  # the oldest word goes first
                    self._size -= len(self._kept.pop(next(iter(self._kept))))
        return found

    def _found(self, word: str) -> np.ndarray:
        d = self.d
        codes = np.frombuffer(word.encode("utf-32-le"), dtype=np.uint32)
        keys = np.searchsorted(d.char_keys, codes)
        if not len(codes) or "\n" in word or (keys >= len(d.char_keys)).any() \
                or (d.char_keys[np.minimum(keys, len(d.char_keys) - 1)] != codes).any():
            return np.zeros(0, dtype=np.int64)  # a character no name holds
        rarest = int(np.argmin(d.char_bounds[keys + 1] - d.char_bounds[keys]))
        places = d.by_char[d.char_bounds[keys[rarest]]:d.char_bounds[keys[rarest] + 1]] - rarest
        places = places[(places >= 0) & (places + len(codes) <= len(d.chars))]
        for i in range(len(codes)):
            if i != rarest:
                places = places[d.chars[places + i] == codes[i]]
        entries = d.entry_of_char[places]  # ascending, as the places are
        return entries[run_starts(entries)]


class Groups:
    """Entries of the same kind, name and department are one result, shown by the group's best-scored entry.
    Made once per index: each entry's group as a number among the groups of several entries (-1: alone in
    its group), and its place among its group's entries in the index's order."""

    def __init__(self, group: np.ndarray):
        by_group = np.argsort(group, kind="stable")  # each group's entries together, in the index's order
        ordered = group[by_group]
        starts = run_starts(ordered)
        number = np.cumsum(starts) - 1
        first = np.flatnonzero(starts)
        sizes = np.diff(np.append(first, len(group)))
        self.number_of = np.full(len(group), -1, dtype=np.int32)
        shared = sizes[number] > 1
        _, self.number_of[by_group[shared]] = np.unique(number[shared], return_inverse=True)
        self.count = int(self.number_of.max()) + 1 if len(group) else 0
        self.place = np.empty(len(group), dtype=np.int32)  # among its group's entries
        self.place[by_group] = np.arange(len(group)) - first[number]

    def best(self, found: np.ndarray, score: np.ndarray) -> np.ndarray:
        """Which of the matches `found` (ascending, with their `score`) are their group's best: its highest
        score, on a tie the first in the index's order (so the first of each group in `ranked`'s order)."""
        groups = self.number_of[found]
        best = groups < 0  # an entry alone in its group is its best
        shared = np.flatnonzero(~best)
        if not len(shared):
            return best
        top = np.zeros(self.count)
        np.maximum.at(top, groups[shared], score[shared])  # each group's highest score (scores are > 0)
        tops = shared[score[shared] == top[groups[shared]]]
        places, first = self.place[found[tops]], np.full(self.count, np.iinfo(np.int32).max, dtype=np.int32)
        np.minimum.at(first, groups[tops], places)  # entries of equal highest score: the first in the index
        best[tops[places == first[groups[tops]]]] = True
        return best


def best_first(scores: np.ndarray, count: int) -> np.ndarray:
    """The places of the `count` highest `scores`, highest first, equal ones in their order: `ranked`'s order
    for the first `count`, without sorting every match."""
    if count < len(scores):
        cut = len(scores) - count
        chosen = np.flatnonzero(scores >= np.partition(scores, cut)[cut])  # the count best, and any equal to the last
    else:
        chosen = np.arange(len(scores))
    return chosen[np.argsort(-scores[chosen], kind="stable")][:count]


class Facet:
    """One facet's values, each an integer code (the entries' codes are in the cells, search_index.Derived),
    with each code's value and label (`values`)."""

    def __init__(self, values: list[tuple[str, str]]):
        self.values = values  # code -> (value, label)
        self.code_of = {value: code for code, (value, _) in enumerate(self.values)}
        labels_order = sorted(range(len(self.values)), key=lambda c: self.values[c][1])
        self.label_rank = np.empty(len(self.values), dtype=np.int64)
        self.label_rank[labels_order] = np.arange(len(self.values))

    def listed(self, counts: np.ndarray) -> list[dict]:
        """The values of `counts` (one per code) that any entry has, most frequent first (ties by label), each
        with its label and count; FACET_VALUES of them at most."""
        present = np.flatnonzero(counts)
        if len(present) > FACET_VALUES:  # a city's hundreds of documents: the first FACET_VALUES chosen, then sorted
            key = self.label_rank[present] - counts[present] * len(self.values)  # by count, then label: unique
            present = present[np.argpartition(key, FACET_VALUES - 1)[:FACET_VALUES]]
        best = present[np.lexsort((self.label_rank[present], -counts[present]))]
        return [{"value": self.values[c][0], "label": self.values[c][1], "count": n}
                for c, n in zip(best.tolist(), counts[best].tolist(), strict=True)]


class Facets:
    """Every facet's counts over a search's results, from the cells of the index (search_index.Derived: each
    distinct combination of the facets' values): the results are counted per cell, in one pass, and each
    facet's values and the filters are worked out over the cells, a few thousand, not the results."""

    def __init__(self, facets: dict[str, Facet], cells: np.ndarray, cell_of: np.ndarray):
        self.facets, self.cells, self.cell_of = facets, cells, cell_of

    def counted(self, positions: np.ndarray, filters: dict[str, str]) -> tuple[dict[str, list[dict]], np.ndarray | None]:
        """Each facet's values (`Facet.listed`) among the entries at `positions` that pass the filters of the
        other facets, and which entries pass every filter (None: no filter, every one)."""
        per_cell = np.bincount(self.cell_of[positions], minlength=len(self.cells))
        held = np.flatnonzero(per_cell)  # the results' cells: those of their documents, not the store's
        cells, per_cell = self.cells[held], per_cell[held]
        passing = {}
        for name, value in filters.items():
            code = self.facets[name].code_of.get(value)
            column = cells[:, list(self.facets).index(name)]
            passing[name] = column == code if code is not None else np.zeros(len(cells), dtype=bool)

        def passes(skip: str | None = None) -> np.ndarray | None:
            masks = [mask for name, mask in passing.items() if name != skip]
            return np.logical_and.reduce(masks) if masks else None

        counted = {}
        for i, (name, facet) in enumerate(self.facets.items()):
            mask = passes(name)
            codes, counts = (cells[:, i], per_cell) if mask is None else (cells[mask, i], per_cell[mask])
            counted[name] = facet.listed(np.bincount(codes + 1, weights=counts, minlength=len(facet.values) + 1)[1:]
                                         .astype(np.int64))
        mask = passes()
        if mask is None:
            return counted, None
        every = np.zeros(len(self.cells), dtype=bool)
        every[held[mask]] = True
        return counted, every[self.cell_of[positions]]
