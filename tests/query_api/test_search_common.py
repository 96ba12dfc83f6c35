"""A query's common words (held by more than COMMON_SHARE of the entries, and COMMON_LEAST of them) rank the
matches of its other words and add none: what a search returns, on a small synthetic index whose COMMON_LEAST
is lowered to its size."""

from __future__ import annotations

import random

import numpy as np
import pytest

from query_api import search, search_select
from query_api.lexicon import Lexicon
from query_api.search import Hit, SearchIndex, entry_tokens

RARE = ["热线", "机房", "政务云", "普查"]


def _entries() -> list[Hit]:
    """200 entries: 项目 in four of seven (57 %), 经费 in every fifth (20 %), each rare word in a few, and pairs of
    entries worded alike (ties) in other documents and years."""
    rnd = random.Random(3)
    hits = []
    for i in range(200):
        words = ["项目"] * (i % 7 < 4) + ["经费"] * (i % 5 == 0) + [RARE[i // 9 % 4]] * (i % 9 == 0) + ["日常办公"]
        hits.append(Hit(f"urn:e{i}", rnd.choice(["program", "duty", "fact"]), f"条目{i}", "".join(words), None,
                        f"urn:doc{i % 6}", f"urn:dept{i % 3}", 2023 + i % 3))
    # two entries alike in all but their document: equal scores, in the index's order
    hits += [Hit(f"urn:tie{j}", "fact", "同名条目", "热线项目经费", None, f"urn:doc{j}", f"urn:dept{j}", 2024)
             for j in (0, 1)]
    return hits


@pytest.fixture
def index(monkeypatch) -> SearchIndex:
    monkeypatch.setattr(search_select, "COMMON_LEAST", 10)
    return SearchIndex.of_hits(_entries(), Lexicon([]), documents={})


def _bm25(words: list[str]) -> np.ndarray:
    """Each entry's BM25 score over every word of `words`, by bm25s (what the index's scores are: test_search)."""
    import bm25s

    reference, lexicon = bm25s.BM25(method="lucene"), Lexicon([])
    reference.index([entry_tokens(h, lexicon) for h in _entries()], show_progress=False)
    return reference.get_scores(words)


def _holding(hits: list[Hit], words: list[str]) -> set[str]:
    return {h.uri for h in hits if any(w in (h.text or "") for w in words)}


def test_common_words_widen_nothing_and_still_score_the_matches(index):
    hits = _entries()
    words = ["热线", "项目", "经费"]
    found, score, common = index.scorer.matched(words)
    assert common == ["项目", "经费"]
    assert {hits[int(i)].uri for i in found} == _holding(hits, ["热线"])  # only what the rare word matches
    assert np.allclose(score, _bm25(words)[found], rtol=1e-6)  # BM25 over every word, as before
    added = score - _bm25(["热线"])[found]  # what the common words add: to the entries holding one
    holding = np.array([("项目" in hits[int(i)].text) or ("经费" in hits[int(i)].text) for i in found])
    assert holding.any() and not holding.all() and ((added > 1e-6) == holding).all()


def test_a_query_of_common_words_alone_matches_by_all_of_them(index):
    hits = _entries()
    found, score, common = index.scorer.matched(["项目", "经费"])
    assert common == [] and {hits[int(i)].uri for i in found} == _holding(hits, ["项目", "经费"])
    assert np.allclose(score, _bm25(["项目", "经费"])[found], rtol=1e-6)


def test_total_facets_and_pages_are_those_of_the_informative_matches(index):
    hits = _entries()
    expected = _holding(hits, ["热线", "机房"])
    everything = search._search(index, "热线 机房 项目", 200, 0, {})
    assert everything["common"] == ["项目"]
    assert everything["total"] == len(expected) == len(everything["results"])
    assert {r["uri"] for r in everything["results"]} == expected
    assert sum(f["count"] for f in everything["facets"]["type"]) == len(expected)
    by_year = {f["value"]: f["count"] for f in everything["facets"]["year"]}
    year = max(by_year, key=by_year.get)
    one_year = search._search(index, "热线 机房 项目", 200, 0, {"year": year})
    assert one_year["total"] == by_year[year] and {r["year"] for r in one_year["results"]} == {int(year)}
    paged = [r["uri"] for offset in range(0, len(expected), 3)
             for r in search._search(index, "热线 机房 项目", 3, offset, {})["results"]]
    assert paged == [r["uri"] for r in everything["results"]]  # pages follow one another, none lost or repeated


def test_equal_scores_keep_the_index_order(index):
    results = search._search(index, "热线 项目 经费", 200, 0, {})["results"]
    ties = [r["uri"] for r in results if r["uri"].startswith("urn:tie")]
    assert ties == ["urn:tie0", "urn:tie1"]
    assert len({r["score"] for r in results if r["uri"].startswith("urn:tie")}) == 1


def test_in_a_store_smaller_than_common_least_every_word_matches():
    hits = _entries()  # COMMON_LEAST as shipped: 200 entries hold no word a thousand times
    index = SearchIndex.of_hits(hits, Lexicon([]), documents={})
    found, _, common = index.scorer.matched(["热线", "项目"])
    assert common == [] and {hits[int(i)].uri for i in found} == _holding(hits, ["热线", "项目"])


def test_the_common_words_weights_kept_are_bounded_and_never_change_a_score(index, monkeypatch):
    monkeypatch.setattr(search_select, "WEIGHTS_KEPT", 1)  # one word's weights at a time
    first = index.scorer.matched(["热线", "项目", "经费"])
    again = index.scorer.matched(["机房", "经费", "项目"])
    assert len(index.scorer._kept) == 1
    assert np.allclose(again[1], _bm25(["机房", "经费", "项目"])[again[0]], rtol=1e-6)
    assert all(np.array_equal(a, b) for a, b in zip(first[:2], index.scorer.matched(["热线", "项目", "经费"])[:2], strict=True))
