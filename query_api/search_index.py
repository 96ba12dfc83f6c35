"""The search index as a table of entries that a change of the store is merged into, not rebuilt from every
document: each entry's words (term counts), name, group and facet values are rows of numpy arrays tagged
with their document, so removing a document is a mask and adding one cuts only its own entries' words.

What a search reads (`Table.derived`: BM25 postings, the name characters, the live entries) is made from
the table with numpy alone (no Python per entry), ~1 s at 1,000 documents against ~45 s to read every
document's entries and index them again. BM25 is Lucene's variant with bm25s's parameters, as the index
used through `bm25s.BM25(method="lucene")` (pinned by tests/query_api/test_search.py): bm25s bakes each
word's IDF into its matrix and cannot add or remove a document.

A saved state keeps its table as a base and a delta (Lucene's segments): the table saved whole some changes ago
and the entries added since (`Table.delta`, joined again by `Table.joined`), so a change saves what it adds,
not the whole table (query_api.search decides when the base is saved whole again).

Entries are found by position; what a page shows of one is read from `Rows` (query_api.search_rows).
Imports numpy and our query_api modules only.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import islice

import numpy as np

from query_api.char_postings import stable_order
from query_api.lexicon import normalise
from query_api.search_entries import Hit
from query_api.search_rows import Rows
from query_api.search_select import run_starts

K1, B = 1.5, 0.75  # bm25s.BM25's defaults
FACETS = ("type", "department", "year", "document")


def _ragged(ptr: np.ndarray, rows: np.ndarray, *flats: np.ndarray) -> tuple[np.ndarray, ...]:
    """The rows `rows` (positions, or a mask) of ragged arrays sharing `ptr` (row i of each is
    flat[ptr[i]:ptr[i+1]]): the new ptr, then each flat array's rows; the gather index is made once for all."""
    rows = np.flatnonzero(rows) if rows.dtype == bool else rows
    lengths = np.diff(ptr)[rows]
    new_ptr = np.concatenate(([0], np.cumsum(lengths))).astype(np.int64)
    index = np.repeat(ptr[:-1][rows] - new_ptr[:-1], lengths) + np.arange(new_ptr[-1])
    return (new_ptr, *(flat[index] for flat in flats))


@dataclass
class Table:
    """Every entry of the documents at `versions` (a document's entries in the store's order of documents
    when first added; an entity several documents state is an entry of each, the first one live)."""

    versions: dict[str, str] = field(default_factory=dict)
    graphs: list[str] = field(default_factory=list)  # code → graph IRI
    columns: dict[str, np.ndarray] = field(default_factory=dict)  # one value per entry
    tok_ptr: np.ndarray = field(default_factory=lambda: np.zeros(1, np.int64))
    tok_id: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))
    tok_tf: np.ndarray = field(default_factory=lambda: np.zeros(0, np.float32))
    name_ptr: np.ndarray = field(default_factory=lambda: np.zeros(1, np.int64))
    name_chars: np.ndarray = field(default_factory=lambda: np.zeros(0, np.uint32))
    uris: dict[str, int] = field(default_factory=dict)
    terms: dict[str, int] = field(default_factory=dict)
    groups: dict[tuple, int] = field(default_factory=dict)
    facet_codes: dict[str, dict[str, int]] = field(default_factory=lambda: {f: {} for f in FACETS})
    facet_values: dict[str, list[tuple[str, str | None]]] = field(default_factory=lambda: {f: [] for f in FACETS})
    base: Base | None = None  # the table saved whole this one extends (`delta`, `joined`)

    COLUMNS = ("doc", "n", "uri", "group", *(f"facet_{f}" for f in FACETS))

    def __len__(self) -> int:
        return len(self.tok_ptr) - 1

    def merged(self, versions: dict[str, str], entries_of: Callable[[str, str], list[tuple[Hit, list[str]]]],
               documents: dict, rows: Rows) -> Table:
        """The table of the documents at `versions`: this one's entries of documents still at their version,
        then those of the documents new or changed, read by `entries_of(graph, version)`."""
        table = self._kept(versions)
        table._append(table._read(self.added(versions), entries_of, documents, rows))
        return table

    def _kept(self, versions: dict[str, str]) -> Table:
        """This table's entries of the documents still at their version in `versions`, in its order."""
        still = np.array([versions.get(g) == self.versions.get(g) for g in self.graphs], dtype=bool)
        kept_graphs = [g for g, kept in zip(self.graphs, still, strict=True) if kept]
        keep = still[self.columns.get("doc", np.zeros(0, np.int32))]
        renumber = np.full(len(self.graphs) + 1, -1, dtype=np.int32)
        renumber[:-1][still] = np.arange(len(kept_graphs), dtype=np.int32)
        # the dictionaries only grow (a code never changes meaning); copied, as the old table may still serve
        table = Table(versions=dict(versions), graphs=kept_graphs, uris=dict(self.uris), terms=dict(self.terms),
                      groups=dict(self.groups), facet_codes={f: dict(c) for f, c in self.facet_codes.items()},
                      facet_values={f: list(v) for f, v in self.facet_values.items()})
        table.columns = {name: column[keep] for name, column in self.columns.items()}
        if "doc" in table.columns:
            table.columns["doc"] = renumber[table.columns["doc"]]
        table.tok_ptr, table.tok_id, table.tok_tf = _ragged(self.tok_ptr, keep, self.tok_id, self.tok_tf)
        table.name_ptr, table.name_chars = _ragged(self.name_ptr, keep, self.name_chars)
        if self.base is not None:  # the base's documents kept are still this table's first ones
            base_docs = int(still[:self.base.graphs].sum())
            table.base = Base(self.base.name, base_docs, int(keep[:self.base.entries].sum()), self.base.sizes,
                              self.base.saved)
        return table

    def added(self, versions: dict[str, str]) -> list[tuple[str, str]]:
        """The documents of `versions` this table does not hold at their version, in the store's order."""
        return [(g, v) for g, v in versions.items() if self.versions.get(g) != v]

    def shared_with(self, versions: dict[str, str]) -> int:
        """How many documents of `versions` this table holds at their version (the best base to merge into)."""
        return sum(1 for g, v in versions.items() if self.versions.get(g) == v)

    def _sizes(self) -> dict[str, int]:
        return {"uris": len(self.uris), "terms": len(self.terms), "groups": len(self.groups),
                **{f: len(v) for f, v in self.facet_values.items()}}

    def based_on(self, name: str) -> None:
        """Mark this table as saved whole in the file `name`: from now on a change saves only its `delta`."""
        self.base = Base(name, len(self.graphs), len(self), self._sizes(), len(self))

    def delta(self) -> Table | None:
        """What this table holds beyond its base (`base`): the entries of the documents added since it was
        saved whole, and the words, entities, groups and facet values first met in them (codes as here).
        None when it has no base."""
        base = self.base
        if base is None:
            return None
        delta = Table(versions=dict(self.versions), graphs=self.graphs[base.graphs:],
                      uris=_last(self.uris, len(self.uris) - base.sizes["uris"]),
                      terms=_last(self.terms, len(self.terms) - base.sizes["terms"]),
                      groups=_last(self.groups, len(self.groups) - base.sizes["groups"]),
                      facet_codes={f: {} for f in FACETS},
                      facet_values={f: v[base.sizes[f]:] for f, v in self.facet_values.items()})
        entries = np.arange(base.entries, len(self))
        delta.columns = {name: column[base.entries:] for name, column in self.columns.items()}
        if "doc" in delta.columns:
            delta.columns["doc"] = delta.columns["doc"] - base.graphs
        delta.tok_ptr, delta.tok_id, delta.tok_tf = _ragged(self.tok_ptr, entries, self.tok_id, self.tok_tf)
        delta.name_ptr, delta.name_chars = _ragged(self.name_ptr, entries, self.name_chars)
        delta.base = base
        return delta

    def joined(self, delta: Table) -> Table | None:
        """The table `delta` (of a table based on this one, saved whole) was cut from; None when this is not
        the state it was cut against (its documents kept are not the delta's base's)."""
        base = delta.base
        table = self._kept(delta.versions)
        if base is None or self._sizes() != base.sizes or len(table.graphs) != base.graphs \
                or len(table) != base.entries:
            return None
        table.base = base
        table._append(delta)
        return table

    def _append(self, other: Table) -> None:
        """Add the entries of `other` (new documents, codes of this table's dictionaries or first met in
        `other`'s, which are added)."""
        self.uris.update(other.uris)
        self.terms.update(other.terms)
        self.groups.update(other.groups)
        for facet, values in other.facet_values.items():
            for value in values:
                self.facet_codes[facet][value[0]] = len(self.facet_values[facet])
                self.facet_values[facet].append(value)
        if not len(other):
            self.graphs.extend(other.graphs)
            self.columns = {name: self.columns.get(name, np.zeros(0, np.int64)) for name in self.COLUMNS}
            return
        for name in self.COLUMNS:
            column = other.columns[name] + len(self.graphs) if name == "doc" else other.columns[name]
            self.columns[name] = np.concatenate((self.columns.get(name, np.zeros(0, np.int64)), column))
        self.graphs.extend(other.graphs)
        self.tok_ptr = np.concatenate((self.tok_ptr, self.tok_ptr[-1] + other.tok_ptr[1:]))
        self.tok_id = np.concatenate((self.tok_id, other.tok_id))
        self.tok_tf = np.concatenate((self.tok_tf, other.tok_tf))
        self.name_ptr = np.concatenate((self.name_ptr, self.name_ptr[-1] + other.name_ptr[1:]))
        self.name_chars = np.concatenate((self.name_chars, other.name_chars))

    def _read(self, added: list[tuple[str, str]], entries_of, documents: dict, rows: Rows) -> Table:
        """A table of the entries of the documents `added` (read by `entries_of`), its codes continuing this
        table's dictionaries (which are not changed: `_append` adds them)."""
        new: dict[str, list] = {name: [] for name in self.COLUMNS}
        names, graphs = [], []
        tok_id: list[int] = []  # each entry's distinct words' codes, one entry after another, and how often each is
        tok_tf: list[int] = []
        lengths: list[int] = []
        uris, terms, groups = _Codes(self.uris), _Codes(self.terms), _Codes(self.groups)
        facets = [(_Codes(self.facet_codes[f], listed=True), new[f"facet_{f}"]) for f in FACETS]
        for graph, version in added:
            entries = entries_of(graph, version)
            if not rows.holds(graph, version):  # kept already when read through the rows (search.document_hits)
                rows.add(graph, version, [hit for hit, _ in entries])
            code = len(graphs)
            graphs.append(graph)
            for n, hit, tokens in _one_line_item_per_row(entries):
                name = normalise(hit.label)
                new["doc"].append(code)
                new["n"].append(n)
                new["uri"].append(uris.code(hit.uri))
                key = (hit.kind, name, hit.department) if hit.kind != "line_item" else (hit.uri,)
                new["group"].append(groups.code(key))
                for (codes, column), value in zip(facets, _facet_values(hit, documents), strict=True):
                    column.append(-1 if value is None else codes.code(str(value), hit.doc))
                ids, tfs = terms.counted(tokens)
                tok_id += ids
                tok_tf += tfs
                lengths.append(len(ids))
                names.append(name + "\n")
        table = Table(versions={}, graphs=graphs, uris=uris.new, terms=terms.new, groups=groups.new,
                      facet_values={f: codes.values for f, (codes, _) in zip(FACETS, facets, strict=True)})
        if not lengths:
            return table
        table.columns = {name: np.array(values, dtype=np.int64) for name, values in new.items()}
        table.tok_ptr = np.concatenate(([0], np.cumsum(np.array(lengths, dtype=np.int64)))).astype(np.int64)
        table.tok_id = np.array(tok_id, dtype=np.int32)
        table.tok_tf = np.array(tok_tf, dtype=np.float32)
        name_lengths = np.array([len(n) for n in names], dtype=np.int64)
        table.name_ptr = np.concatenate(([0], np.cumsum(name_lengths))).astype(np.int64)
        table.name_chars = np.frombuffer("".join(names).encode("utf-32-le"), dtype=np.uint32)
        return table

    def derived(self) -> Derived:
        """What a search reads, for the live entries: in the store's order of documents (`versions`), each
        entity's first entry, so that equal scores rank alike whatever order the documents were merged in."""
        columns = self.columns
        uri = columns.get("uri", np.zeros(0, np.int64))
        place = {g: i for i, g in enumerate(self.versions)}
        rank = np.array([place[g] for g in self.graphs] or [0], dtype=np.int64)
        ordered = np.lexsort((columns["n"], rank[columns["doc"]])) if len(uri) else np.zeros(0, np.int64)
        _, first = np.unique(uri[ordered], return_index=True)
        live = ordered[np.sort(first)]
        tok_ptr, tok_id, tok_tf = _ragged(self.tok_ptr, live, self.tok_id, self.tok_tf)
        entry = np.repeat(np.arange(len(live), dtype=np.int64), np.diff(tok_ptr))
        length = np.bincount(entry, weights=tok_tf, minlength=len(live))  # words of each entry, repeats too
        order = stable_order(tok_id)  # postings: term by term, entries in order within a term
        df = np.bincount(tok_id, minlength=len(self.terms))
        indptr = np.concatenate(([0], np.cumsum(df))).astype(np.int64)
        entries = len(length)
        average = float(length.mean()) if entries else 1.0
        idf = np.log(1 + (entries - df + 0.5) / (df + 0.5))  # Lucene's IDF: positive for a word most entries hold
        tf = tok_tf[order].astype(np.float32)
        scaled = K1 * ((1 - B) + B * length[entry[order]] / average)
        data = (idf[tok_id[order]] * (tf / (scaled + tf))).astype(np.float32)
        name_ptr, name_chars = _ragged(self.name_ptr, live, self.name_chars)
        chars = name_chars[:-1] if len(name_chars) else name_chars  # names joined by line breaks
        # the places of each character in all names: a word is found in the names from its first character's
        by_char = stable_order(chars).astype(np.int64)
        ordered_chars = chars[by_char]  # each character's first place among them: where the sorted run changes
        firsts = np.flatnonzero(run_starts(ordered_chars))
        char_keys = ordered_chars[firsts]
        facet_codes = {f: columns[f"facet_{f}"][live] if entries else np.zeros(0, np.int64) for f in FACETS}
        # each distinct combination of the facets' values (a few per document), and each entry's: a search
        # counts its results per cell, and each facet's values from the cells' counts
        cells, cell_of = unique_rows([facet_codes[f] for f in FACETS])
        return Derived(
            terms=self.terms, held=df > 0, indptr=indptr, indices=entry[order].astype(np.int32), data=data,
            chars=chars, by_char=by_char, char_keys=char_keys,
            entry_of_char=np.repeat(np.arange(len(live), dtype=np.int32), np.diff(name_ptr))[:len(chars)],
            char_bounds=np.append(firsts, len(chars)),
            group=columns["group"][live] if entries else np.zeros(0, np.int64),
            doc=columns["doc"][live] if entries else np.zeros(0, np.int64), graphs=list(self.graphs),
            versions=dict(self.versions),
            n=columns["n"][live] if entries else np.zeros(0, np.int64),
            facet_values={f: list(v) for f, v in self.facet_values.items()},
            cells=cells, cell_of=cell_of.reshape(-1).astype(np.int32))


@dataclass
class Derived:
    """The arrays a search works on (see `Table.derived`): BM25 scores as a term-major sparse matrix
    (`indptr`, `indices`, `data`, as bm25s keeps them), the live entries' names, groups and facet cells,
    and each entry's document and position for its row."""

    terms: dict[str, int]
    held: np.ndarray
    indptr: np.ndarray
    indices: np.ndarray
    data: np.ndarray
    chars: np.ndarray
    by_char: np.ndarray
    char_keys: np.ndarray
    entry_of_char: np.ndarray  # the entry whose name each character is of
    char_bounds: np.ndarray
    group: np.ndarray
    doc: np.ndarray
    graphs: list[str]
    versions: dict[str, str]
    n: np.ndarray
    facet_values: dict[str, list[tuple[str, str | None]]]
    cells: np.ndarray  # each cell's code of each facet (a row, facets in FACETS' order)
    cell_of: np.ndarray  # each entry's cell

    def row_of(self, position: int) -> tuple[str, str, int]:
        """The document graph, its version and the entry's place among its entries (`Rows.get_many`)."""
        graph = self.graphs[int(self.doc[position])]
        return graph, self.versions[graph], int(self.n[position])

    def holds(self, word: str) -> bool:
        t = self.terms.get(word)
        return t is not None and t < len(self.held) and bool(self.held[t])


def unique_rows(columns: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """`np.unique(np.stack(columns, axis=1), axis=0, return_inverse=True)` (the distinct rows, sorted, and each
    row's place among them) for columns of codes ≥ -1: each row as one int64 in mixed radix, which sorts as
    the rows do. numpy's unique by rows sorts them as raw bytes (0.2-0.3 s for 146,000 rows, a third of the
    arrays made again at each change at 1,000 documents); one int64 a row sorts in a few ms."""
    if not len(columns[0]):
        return np.zeros((0, len(columns)), dtype=np.int64), np.zeros(0, dtype=np.int64)
    radix = [int(c.max()) + 2 for c in columns]  # codes -1 … max, shifted to 0 … max + 1
    if float(np.prod(radix, dtype=np.float64)) >= 2.0 ** 62:  # cannot happen below ~10^15 codes; kept exact
        cells, cell_of = np.unique(np.stack(columns, axis=1), axis=0, return_inverse=True)
        return cells, cell_of.reshape(-1)
    key = np.zeros(len(columns[0]), dtype=np.int64)
    for column, base in zip(columns, radix, strict=True):
        key = key * base + (column.astype(np.int64) + 1)
    keys, cell_of = np.unique(key, return_inverse=True)
    cells = np.empty((len(keys), len(columns)), dtype=np.int64)
    for i in range(len(columns) - 1, -1, -1):  # the last column is the key's lowest digit
        keys, cells[:, i] = np.divmod(keys, radix[i])
        cells[:, i] -= 1
    return cells, cell_of.reshape(-1)


def _facet_values(hit: Hit, documents: dict) -> tuple:
    """An entry's value of each facet, in FACETS' order (None: none)."""
    info = documents.get(hit.doc or "")
    return hit.kind, hit.department, hit.year or (info.year if info else None), hit.doc


class _Codes:
    """Codes of keys: those of `known` (not changed), then new ones numbered after them, kept in `new` (and,
    when `listed` (a facet), its (value, document) in `values`)."""

    def __init__(self, known: dict, listed: bool = False):
        self.known, self.new, self.start = known, {}, len(known)
        self.values, self.listed = [], listed
        self.memo: dict[tuple, tuple[list[int], list[int]]] = {}  # `counted`'s

    def code(self, key, doc=None) -> int:
        found = self.known.get(key)
        if found is None:
            found = self.new.get(key)
            if found is None:
                found = self.new[key] = self.start + len(self.new)
                if self.listed:
                    self.values.append((key, doc))
        return found

    def counted(self, keys: list) -> tuple[list[int], list[int]]:
        """The codes of the distinct `keys` in the order first met, and how often each is (of keys not `listed`): what
        `Counter(self.code(k) for k in keys)` holds, with one look-up a distinct key, not a call a key (an entry's
        ~40 words, its name's twice: 8 million calls at 1,000 documents, a fifth of the prepare after an ingest), and
        once for words met before in that order (a code's line, its table's name: the same in every document)."""
        whole = tuple(keys)
        found = self.memo.get(whole)
        if found is not None:
            return found
        counts = Counter(keys)
        known, new, ids = self.known, self.new, []
        for key in counts:
            code = known.get(key)
            if code is None:
                code = new.get(key)
                if code is None:
                    code = new[key] = self.start + len(new)
            ids.append(code)
        found = self.memo[whole] = (ids, list(counts.values()))
        return found


def _last(codes: dict, n: int) -> dict:
    """The `n` keys last given a code (a code is the number of keys before it), with their codes."""
    return dict(reversed(list(islice(reversed(codes.items()), n)))) if n > 0 else {}


@dataclass(frozen=True)
class Base:
    """Where a table's entries begin to be its own: the file `name` of the table it extends (saved whole, with
    `saved` entries), its first `graphs` documents and `entries` entries that table's (those of its documents
    still at their version), its dictionaries' sizes then (`sizes`)."""

    name: str
    graphs: int
    entries: int
    sizes: dict = field(hash=False)
    saved: int = 0

    def outgrown(self, delta: int, share: float) -> bool:
        """Whether the entries added (`delta`) and dropped since the base was saved are past `share` of it."""
        return delta + self.saved - self.entries > share * self.saved


def _one_line_item_per_row(entries: list[tuple[Hit, list[str]]]) -> list[tuple[int, Hit, list[str]]]:
    """One entry per entity of the document (its first), and a table row, one observation per column that
    tables repeat, one entry per code, document and department: the largest figure (a row's 合计 is never
    below one of its parts). Each with its place among the document's entries (its row)."""
    by_uri: dict[str, tuple[int, Hit, list[str]]] = {}
    for n, (hit, tokens) in enumerate(entries):
        by_uri.setdefault(hit.uri, (n, hit, tokens))
    best: dict[tuple, Hit] = {}
    for _, hit, _ in by_uri.values():
        if hit.kind == "line_item":
            key = (hit.label, hit.doc, hit.department)
            if key not in best or (hit.amount or 0) > (best[key].amount or 0):
                best[key] = hit
    kept = {h.uri for h in best.values()}
    return [(n, h, t) for n, h, t in by_uri.values() if h.kind != "line_item" or h.uri in kept]
