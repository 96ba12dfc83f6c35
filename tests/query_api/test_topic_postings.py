"""A word's long forms are looked for only in the clauses holding all its characters (query_api.char_postings):
the phrases found, their counts and their order are those of the plain scan of every clause."""

from __future__ import annotations

import pickle
import random
import re
from collections import Counter

import jieba
import pytest

from query_api import topics
from query_api.char_postings import CharPostings
from query_api.topics import TopicIndex, abbreviates, fine_words

WORDS = ["公务", "用车", "医疗", "保障", "运行", "维护", "信息", "系统", "网络", "建设", "服务", "管理", "公共",
         "车辆", "水土", "保持", "公用", "经费", "IT", "5G", "运维", "平台", "保安", "安保", "工作", "任务"]


@pytest.fixture(scope="module")
def cut():
    tokenizer = jieba.Tokenizer()
    return lambda text: fine_words(text, tokenizer)


def scanned(index: TopicIndex, short: str, most: int = 6) -> list[str]:
    """TopicIndex.abbreviated as it was: one regular expression over every clause, joined."""
    gap = r"[^\n]{0,3}?"
    pattern = re.compile(re.escape(short[0]) + "".join(gap + re.escape(c) for c in short[1:]) + r"[^\n]{0,3}")
    core = re.compile(gap.join(re.escape(c) for c in short))
    counts: Counter = Counter()
    for run, n in Counter(m.group() for m in pattern.finditer("\n".join(index.clauses))).most_common(topics.MAX_RUNS):
        for end in range(core.match(run).end(), len(run) + 1):
            if abbreviates(short, run[:end], index._tokenize):
                counts[run[:end]] += n
                break
    return [p for p, _ in sorted(counts.items(), key=lambda pc: (-pc[1], len(pc[0]), pc[0]))][:most]


def shorts_of(texts: list[str], rng: random.Random) -> list[str]:
    """Words to look up: the ends of two or three words said together, reversed, repeated characters, one
    character, characters no text holds, mixed scripts."""
    ends = [w[0] for w in WORDS] + [w[-1] for w in WORDS]
    out = [a[0] + b[-1] for a in WORDS for b in WORDS][:150] + ["公车", "医保", "运维", "公公", "保保保", "车公", "公",
                                                            "无关", "I运", "5网", "IT运", "公务用车", "水保持"]
    out += ["".join(rng.choice(ends) for _ in range(rng.choice((2, 3, 4)))) for _ in range(80)]
    return list(dict.fromkeys(out))


def synthetic_texts(rng: random.Random, n: int) -> list[list[str]]:
    """`n` documents of clauses run together from WORDS (so that a word's characters are spread over many
    clauses, and a clause repeats a word), with clause breaks between some."""
    docs = []
    for _ in range(n):
        texts = []
        for _ in range(rng.randint(1, 4)):
            clauses = ["".join(rng.choice(WORDS) for _ in range(rng.randint(1, 5))) for _ in range(rng.randint(1, 3))]
            texts.append(rng.choice(("，", "；", "、")).join(clauses))
        docs.append(texts)
    return docs


def test_the_long_forms_found_through_the_postings_are_those_of_the_scan(cut, monkeypatch):
    rng = random.Random(7)
    docs = synthetic_texts(rng, 120) + [["负责全市医疗保障工作", "公务用车管理", "公车"], ["公公务用车车", "IT运维服务"]]
    index = TopicIndex(docs, [], cut)
    shorts = shorts_of([t for d in docs for t in d], rng)
    found = {s: index.abbreviated(s) for s in shorts}
    assert found == {s: scanned(index, s) for s in shorts}
    assert sum(1 for f in found.values() if f) > 50  # many words have long forms here: the comparison says something
    assert "公务用车" in found["公车"] and found["无关"] == [] and found["公"] == []
    assert {s: index.abbreviated(s, most=50) for s in shorts[:80]} == {s: scanned(index, s, 50) for s in shorts[:80]}
    # past MAX_RUNS distinct runs, the first runs of equal counts are kept: the clauses are read in their order
    monkeypatch.setattr(topics, "MAX_RUNS", 2)
    assert {s: index.abbreviated(s) for s in shorts} == {s: scanned(index, s) for s in shorts}


def test_a_store_index_changed_and_saved_finds_what_the_scan_finds(cut):
    rng = random.Random(11)
    docs = synthetic_texts(rng, 60)
    added = Counter(t for d in docs for t in set(d))
    index = TopicIndex.of_store(cut).changed(added, Counter(), [])
    removed = Counter(t for d in docs[:30] for t in set(d))
    index = pickle.loads(pickle.dumps(index.changed(Counter(), removed, [])))
    index.tokenize_with(cut)
    assert index.clauses == sorted({c for t in (added - removed) for c in re.findall(r"[^，；、]+", t) if len(c) >= 2})
    shorts = shorts_of([], rng)
    assert {s: index.abbreviated(s) for s in shorts} == {s: scanned(index, s) for s in shorts}


def test_the_texts_holding_every_character_of_a_word_are_found_by_their_postings():
    rng = random.Random(3)
    alphabet = "公务用车医保IT5G水土a"
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8))) for _ in range(400)] + ["", "车车车"]
    postings = CharPostings(texts)
    for word in ["公", "车车", "公车", "医保T", "IT5G", "水土a", "无", "公无", "a", ""] + \
            ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 4))) for _ in range(100)]:
        expected = [i for i, t in enumerate(texts) if all(c in t for c in word)]
        assert postings.holding_all(word).tolist() == (expected if word else [])
    assert CharPostings([]).holding_all("公").tolist() == []


def test_characters_past_the_sixteen_bit_numbering_are_posted_too():
    texts = [chr(0x4E00 + i) + chr(0x20000 + i) for i in range(70_000 // 2)] + ["𠀀一"]
    postings = CharPostings(texts)
    assert postings.holding_all("𠀀一").tolist() == [0, len(texts) - 1]
    assert postings.holding(chr(0x20000 + 5)).tolist() == [5]


def scanned_near(index: TopicIndex, topic: str, most: int = 6) -> list[str]:
    """TopicIndex.near as it was: every clause's share of the topic's character pairs."""
    pairs = {topic[i:i + 2] for i in range(len(topic) - 1)}
    if len(pairs) < 3:
        return []
    scored = [(-share, len(c), c) for c in index.clauses
              if (share := sum(1 for p in pairs if p in c) / len(pairs)) >= 2 / 3]
    return [c for _, _, c in sorted(scored)[:most]]


def test_the_clauses_near_a_topic_found_through_the_postings_are_those_of_the_scan(cut):
    rng = random.Random(5)
    index = TopicIndex(synthetic_texts(rng, 150) + [["公公务务用车", "务用车公务"]], [], cut)
    topics_ = ["".join(rng.sample(WORDS[:18], rng.randint(2, 4))) for _ in range(120)] + \
        ["公公务务用车", "务务务务", "公务用车运行", "无关的话题啊", "公务", "信息系统建设服务管理"]
    found = {t: index.near(t) for t in topics_}
    assert found == {t: scanned_near(index, t) for t in topics_}
    assert sum(1 for f in found.values() if f) > 40 and found["无关的话题啊"] == []
    assert {t: index.near(t, most=100) for t in topics_} == {t: scanned_near(index, t, 100) for t in topics_}
