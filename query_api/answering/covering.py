"""A program named by what it does, not by its name (租电子政务外网那条专线要花多少钱, 请第三方去政务服务大厅暗访调查，
这笔钱预算多少): when no program's name holds the topic, the programs of the organisations named (their units' too; of
the year asked) are ranked by how much of the topic's content words their texts cover — a word their name holds
counts NAME, one only their target or description (项目概述) holds counts TEXT. Fillers (那条, 这笔), the
organisations' own words (政务服务 of 政务服务数据管理局) and question words count for nothing. The best is answered
when it covers half of the topic (weighed so), two words at least, and more of it than any other, saying which
words matched where; two that tie are asked about, and a topic nothing covers enough gets no answer."""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING

from graph_store.base import Store
from query_api.answering import candidates, programs
from query_api.answering.rows import Result
from query_api.lexicon import ORG_KINDS, normalise, without_year
from query_api.mentions import Mention
from query_api.names import ask_which, content_words
from query_api.program_phrase import told_apart
from query_api.topics import fine_words

if TYPE_CHECKING:
    from query_api.ask import Knowledge
    from query_api.nlu import Question

NAME, TEXT = 2, 1  # what a word of the topic weighs in a program's name, and in its target or description only
LEAST_WORDS = 2  # words a program must cover at the least (one shared word tells no program)
# a word pointing at the thing asked (那条专线, 这笔钱, 那一项): no content of its own
_FILLER = re.compile(r"[那这哪该此][一]?[条笔个项件份块类种批]钱?")
_KINDS = {"program_name": "名称", "program_target": "绩效目标", "program_description": "项目概述"}


@dataclasses.dataclass
class Cover:
    """What one program name (of one or more years' programs) holds of the topic's words."""

    entries: list
    where: dict[str, str]  # word → the kind of text that holds it (its name first)

    @property
    def score(self) -> int:
        return sum(NAME if kind == "program_name" else TEXT for kind in self.where.values())

    def said(self) -> str:
        by_kind: dict[str, list[str]] = {}
        for word, kind in self.where.items():
            by_kind.setdefault(kind, []).append(word)
        return "，".join(f"{_KINDS[kind]}含“{'”“'.join(by_kind[kind])}”" for kind in _KINDS if kind in by_kind)


def topic_words(q: Question, known: Knowledge) -> list[str]:
    """The topic's content words less fillers and the named organisations' own words, each once."""
    lexicon = known.lexicon
    own = [normalise(e.label) for e in q.entries(*ORG_KINDS)]
    # (a filler leaves a stop behind: a space is normalised away, and jieba would glue 建 to 原水管 across 那条)
    words = content_words(lexicon.tokens(_FILLER.sub("、", normalise(q.topic or q.words_left or ""))))
    return [w for w in dict.fromkeys(words) if not any(w in label for label in own)]


def held_count(words: list[str], text: str) -> int:
    """How many of `words` `text` holds."""
    text = normalise(text)
    return sum(1 for w in words if w in text)


def ranked(store: Store, known: Knowledge, q: Question, words: list[str]) -> tuple[list[Cover], int]:
    """The programs of the organisations named (and their units), of the years asked where they have some, that
    hold one of `words` or more, by what they hold: best first; and how many words were looked for — a word no text
    of theirs holds is read by its smaller words (暗访调查 → 暗访, 调查)."""
    lexicon = known.lexicon
    orgs = {e.uri for e in q.entries(*ORG_KINDS)}
    entries = lexicon.of_kind("program", parents=orgs | {e.uri for e in lexicon.of_kind(*ORG_KINDS, parents=orgs)})
    years = set(q.years or ([q.year] if q.year else []))
    if years:  # a program printed again in another year's document is the same program: the year asked's
        entries = [e for e in entries if e.year in years] or entries
    iris = {e.uri for e in entries}
    index = candidates.index_for(store)

    def held(word: str) -> dict[str, set[str]]:
        forms = [[f] for f in lexicon.expand(word)]
        return {kind: index.holding((kind,), forms) & iris for kind in _KINDS}

    holding: dict[str, dict[str, set[str]]] = {}
    for word in words:
        found = held(word)
        if not any(found.values()):
            for part in (p for p in fine_words(word, lexicon.tokenizer) if len(p) >= 2 and p != word):
                holding.setdefault(part, held(part))
            continue
        holding[word] = found
    groups: dict[str, Cover] = {}
    for e in entries:
        where = {w: next(k for k in _KINDS if e.uri in by_kind[k]) for w, by_kind in holding.items()
                 if any(e.uri in iris_ for iris_ in by_kind.values())}
        if not where:
            continue
        key = without_year(e.label, e.year)
        cover = groups.setdefault(key, Cover([], {}))
        cover.entries.append(e)
        if sum(NAME if k == "program_name" else TEXT for k in where.values()) > cover.score:
            cover.where = where
    return sorted(groups.values(), key=lambda c: -c.score), len(holding)


def best(store: Store, known: Knowledge, q: Question) -> tuple[Result, int] | None:
    """The program the topic describes, answered with its amount and why it matched, and how many of the topic's
    words it covers; a reply asking which when two cover it alike; None when the topic has fewer than two content
    words or no program covers enough of it."""
    words = topic_words(q, known)
    if len(words) < LEAST_WORDS or not q.entries(*ORG_KINDS):
        return None
    found, looked_for = ranked(store, known, q, words)
    if not found or len(found[0].where) < LEAST_WORDS or 2 * found[0].score < NAME * looked_for:
        return None
    top = found[0]
    # those covering it alike: one program where each is of another year (a name changed from one year to the next)
    tied = [e for c in found if c.score == top.score for e in c.entries]
    if len(names := told_apart(tied, q.years)) > 1:
        return Result(message=ask_which([(q.words_left or q.topic or "", names)])), len(top.where)
    mention = Mention(q.topic or "", 0, 0, tied)
    found_ = programs.purpose_amounts(store, known, dataclasses.replace(q, mentions=[*q.mentions, mention]))
    why = f"按用途描述匹配：{top.said()}（问题中的词：{'、'.join(words)}）"
    return Result([{**a, "matched": why} for a in found_.answers], found_.sparql, found_.message), len(top.where)


def covers_less(part: Result, words: list[str], covered: int) -> bool:
    """Whether every answer of `part` (a purchase's clause, a printed part) holds fewer of `words` than `covered`."""
    return all(held_count(words, a.get("label") or "") < covered for a in part.answers) if part.answers else True

