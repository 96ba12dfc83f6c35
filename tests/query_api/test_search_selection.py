"""A search's page, total and facet counts are chosen from the matches without sorting them all (each group's
best by a mask, the page by a partial selection): the same answer as sorting every match, pinned here
against that way on synthetic entries full of ties, groups spread over documents, and filters."""

from __future__ import annotations

import random

import numpy as np
import pytest

from query_api import search
from query_api.lexicon import Lexicon
from query_api.search import FACETS, Hit, SearchIndex

WORDS = ["信息化", "运维", "项目", "经费", "热线", "培训", "政务云", "机房", "服务", "建设"]
QUERIES = ["信息化", "项目 经费", "热线 服务 建设", "机房运维", "政务云 培训 项目 经费", "没有的词", "项目"]


def _entries(seed: int) -> list[Hit]:
    """Entries with few distinct names and texts (so many scores tie), the same kind, name and department in
    several documents (one group of several entries), and each facet with several values."""
    rnd = random.Random(seed)
    hits = []
    for i in range(400):
        name = "".join(rnd.sample(WORDS, rnd.randint(1, 3)))
        text = rnd.choice([None, "用于" + "".join(rnd.sample(WORDS, 2)), "日常" + rnd.choice(WORDS)])
        kind = rnd.choice(["program", "program", "duty", "indicator", "fact"])
        hits.append(Hit(f"urn:e{i}", kind, name, text, rnd.choice([None, 10.0, 20.5]), f"urn:doc{rnd.randint(0, 7)}",
                        f"urn:dept{rnd.randint(0, 3)}", rnd.choice([2023, 2024, None])))
    return hits


def facet_counts(index: SearchIndex, name: str, positions: np.ndarray) -> list[dict]:
    """The facet's values among the entries at `positions`, counted entry by entry."""
    facet = index.facets[name]
    return facet.listed(np.bincount(_codes(index, name)[positions] + 1, minlength=len(facet.values) + 1)[1:])


def facet_mask(index: SearchIndex, name: str, positions: np.ndarray, value: str) -> np.ndarray:
    """Which entries at `positions` have `value` for the facet."""
    return _codes(index, name)[positions] == index.facets[name].code_of.get(value, -2)  # -1: no value


def _codes(index: SearchIndex, name: str) -> np.ndarray:
    """Each entry's code of the facet (-1: no value), from its cell."""
    return index.derived.cells[index.derived.cell_of, FACETS.index(name)]


def _by_sorting_every_match(index: SearchIndex, query: str, limit: int, offset: int, filters: dict) -> dict:
    """The search as it was made before: every match sorted, each group's first kept, the page sliced."""
    positions, scores = index.ranked(query)
    _, first = np.unique(index.group[positions], return_index=True)
    kept = np.sort(first)
    positions, scores = positions[kept], scores[kept]
    masks = {name: facet_mask(index, name, positions, value) for name, value in filters.items()}

    def matching(skip: str | None = None) -> np.ndarray:
        mask = np.ones(len(positions), dtype=bool)
        for name, m in masks.items():
            if name != skip:
                mask &= m
        return mask

    facets = {name: facet_counts(index, name, positions[matching(name)]) for name in FACETS}
    mask = matching()
    page = slice(offset, offset + limit)
    return {"total": int(mask.sum()), "facets": facets,
            "results": [(index.hit(int(i)).uri, round(float(s), 3))
                        for s, i in zip(scores[mask][page], positions[mask][page], strict=True)]}


@pytest.mark.parametrize("seed", range(4))
def test_the_page_total_and_facets_are_those_of_sorting_every_match(seed):
    index = SearchIndex.of_hits(_entries(seed), Lexicon([]), documents={})
    rnd = random.Random(seed)
    compared = 0
    for query in QUERIES:
        for limit, offset in ((20, 0), (5, 0), (7, 3), (1, 40), (200, 0), (10, 1000)):
            filters = rnd.choice([{}, {"type": "program"}, {"year": "2024"}, {"department": "urn:dept1", "type": "duty"},
                                  {"document": "urn:doc3"}])
            found = search._search(index, query, limit, offset, filters)
            expected = _by_sorting_every_match(index, query, limit, offset, filters)
            assert found["total"] == expected["total"] and found["facets"] == expected["facets"]
            assert [(r["uri"], r["score"]) for r in found["results"]] == expected["results"]
            compared += bool(expected["results"])
    assert compared > 20  # most cases have results to compare


def test_a_group_is_shown_by_its_best_entry_and_on_a_tie_by_its_first():
    hits = [Hit("urn:a", "program", "信息化运维", "日常办公开支及其他开支", None, "urn:doc1", "urn:dept", 2023),  # longer
            Hit("urn:b", "program", "信息化运维", None, None, "urn:doc2", "urn:dept", 2024),  # shorter: higher
            Hit("urn:c", "program", "信息化运维", None, None, "urn:doc3", "urn:dept", 2025),  # ties with b, comes after
            Hit("urn:d", "duty", "信息化运维", None, None, "urn:doc1", "urn:dept", 2023)]  # another kind: its own group
    index = SearchIndex.of_hits(hits, Lexicon([]), documents={})
    found = search._search(index, "信息化", 20, 0, {})
    assert found["total"] == 2 and {r["uri"] for r in found["results"]} == {"urn:b", "urn:d"}
    assert {f["value"]: f["count"] for f in found["facets"]["year"]} == {"2024": 1, "2023": 1}  # b's year, d's


def test_a_name_holds_a_word_wherever_its_characters_are_and_never_across_names():
    rnd = random.Random(7)
    hits = _entries(7)
    index = SearchIndex.of_hits(hits, Lexicon([]), documents={})
    words = ["项目", "目经", "运维项", "云", "费信", "没有", "建设服务经费"] + [rnd.choice(WORDS) for _ in range(5)]
    for word in words:
        assert np.flatnonzero(index.names.holding([word])).tolist() == [i for i, h in enumerate(hits) if word in h.label]


def test_a_search_looks_at_the_store_state_once_whatever_its_words(monkeypatch):
    from test_ask import fictional_records

    from graph_store.registry import open_store
    from ingest.rdf import record_to_graph

    store = open_store("memory")
    for record in fictional_records():
        store.replace_graph(*record_to_graph(record))
    search.search(store, "热线")  # the indexes made
    looks = []
    state = store.state
    monkeypatch.setattr(store, "state", lambda: looks.append(1) or state())
    found = search.search(store, "热线 日常运作 信息化 项目 经费")
    assert found["results"] and len(looks) == 1  # not one per word (each looks at the topic index)


def test_the_words_looked_for_in_the_names_are_kept_within_their_bound(monkeypatch):
    from query_api import search_select

    monkeypatch.setattr(search_select, "NAMED_KEPT", 60)
    hits = _entries(3)
    index = SearchIndex.of_hits(hits, Lexicon([]), documents={})
    for _ in range(2):  # found again after being let go
        for word in WORDS:
            assert [int(i) for i in index.names.of(word)] == [i for i, h in enumerate(hits) if word in h.label]
            assert sum(len(v) for v in index.names._kept.values()) <= 60 or len(index.names._kept) == 1


@pytest.mark.parametrize("values", [5, 31, 400])
def test_a_facet_lists_the_values_sorting_them_all_would(values):
    from query_api.search_select import FACET_VALUES, Facet

    rnd = random.Random(values)
    facet = Facet([(f"v{i}", rnd.choice(["甲", "乙", "丙"]) + f"{rnd.randint(0, 999):03d}{i}") for i in range(values)])
    for _ in range(20):
        counts = np.array([rnd.choice([0, 0, 1, 2, 2, 3, 50]) for _ in range(values)], dtype=np.int64)
        everything = sorted((c for c in range(values) if counts[c]), key=lambda c: (-counts[c], facet.values[c][1]))
        assert facet.listed(counts) == [{"value": facet.values[c][0], "label": facet.values[c][1], "count": int(counts[c])}
                                        for c in everything[:FACET_VALUES]]
