"""Synonyms learned again per change (query_api.learned.Memo): what a change learns with the memo of the state
before is what it learns from nothing, whatever the order the documents come and go in, and a group of names
is learned again when the tokenizer gains or loses a word it holds (fictional names)."""

from __future__ import annotations

import functools
import itertools

import jieba
import pytest

from query_api.learned import Memo, learn_synonyms
from query_api.lexicon import Entry
from query_api.topics import fine_words

# three documents' entries: each teaches (or, beside another, undoes) a synonym
DOCUMENTS = {
    "a": [Entry("p:1", "program", "网格巡查外包服务", year=2024, parent="o:1"),
          Entry("c:1", "item", "设备维修养护费"),
          Entry("p:3", "program", "经常性运转经费（水电气）", year=2024, parent="o:2"),
          *(Entry(f"i:{n}", "indicator", n, parent="p:3") for n in ("水费", "电费", "燃气费"))],
    "b": [Entry("p:2", "program", "网格巡检外包服务", year=2025, parent="o:1"),
          Entry("c:1", "item", "设备维护养护费"),
          Entry("p:4", "program", "网络运行维护经费", year=2024, parent="o:3")],
    "c": [Entry("p:5", "program", "网格巡检外包服务", year=2024, parent="o:1"),  # beside 巡查 in 2024: siblings
          Entry("p:6", "program", "网络运维经费", year=2025, parent="o:3")],
}


@functools.cache  # a tokenizer takes ~1 s to make; a few word lists recur
def _tokenizer(words: tuple[str, ...]):
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for word in words:
        tokenizer.add_word(word, freq=max(1000, 200 * len(word)))
    return tokenizer


def tokenizer_of(words: list[str]):
    """A jieba tokenizer of its own with `words` added, cut finely as the topic index cuts (and its words)."""
    tokenizer = _tokenizer(tuple(sorted(words)))
    return (lambda text: fine_words(text, tokenizer)), sorted(words)


def state(held: list[str]):
    entries = list(dict.fromkeys(e for d in held for e in DOCUMENTS[d]))
    # the store's own words, as a lexicon's: its names (a change gains and loses some)
    return entries, tokenizer_of([e.label for e in entries if e.kind == "program"])


@pytest.mark.parametrize("order", list(itertools.permutations(DOCUMENTS)))
def test_learned_through_every_change_with_the_memo_is_learned_from_nothing(order):
    memo = Memo()
    changes = [list(order[:n]) for n in range(1, len(order) + 1)] + [list(order[1:]), [order[-1]], []]
    learned = []
    for held in changes:
        entries, (cut, words) = state(held)
        merged = learn_synonyms(entries, cut, memo, words)
        assert merged == learn_synonyms(entries, cut), held
        learned.append(merged)
    assert any(learned) and learned[-1] == [] and not memo.groups


def longest_words(words: list[str]):
    """A tokenizer cutting the longest of `words` first (a character alone where none fits), and its words."""
    def cut(text: str) -> list[str]:
        out, at = [], 0
        while at < len(text):
            word = max((w for w in words if text.startswith(w, at)), key=len, default=text[at])
            out.append(word)
            at += len(word)
        return out
    return cut, sorted(words)


def test_a_group_is_learned_again_when_the_tokenizer_gains_a_word_it_holds():
    entries = [Entry("p:1", "program", "网络运行维护经费", year=2024, parent="o:1"),
               Entry("p:2", "program", "网络运维经费", year=2025, parent="o:1")]
    memo = Memo()
    cut, words = longest_words(["网络", "运行", "维护", "运维", "经费"])
    first = learn_synonyms(entries, cut, memo, words)
    # 运行维护 one word: 运维 no longer abbreviates two words of the name
    joined, words = longest_words(["网络", "运行", "维护", "运维", "经费", "运行维护"])
    again = learn_synonyms(entries, joined, memo, words)
    assert first == [("运维", "运行维护")] and again == learn_synonyms(entries, joined) == []


def test_without_the_tokenizers_words_the_memo_learns_every_group_again():
    memo = Memo()
    cut, words = tokenizer_of([])
    entries = DOCUMENTS["a"] + DOCUMENTS["b"]
    learn_synonyms(entries, cut, memo, words)
    assert memo.groups
    calls = []
    learn_synonyms(entries, lambda text: calls.append(text) or cut(text), memo, None)
    assert calls  # nothing reused: every group cut again
