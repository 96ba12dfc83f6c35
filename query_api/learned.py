"""Synonyms learned from the graph itself (`learn_synonyms`): words the graph shows to name one thing. Precision
comes before recall — a wrong synonym gives a wrong number — so each rule asks for the graph to say it twice:

- **Two names of one thing** that differ in one run of characters name it by either run: one IRI labelled
  differently by two documents (a code's 名称), or one spending unit's program named differently in different
  years, when no one year lists both names (two programs of one year are two things: 信息化建设经费 and
  信息化运维经费 are siblings, not synonyms). 维修 / 维护 where the runs are of one length; where one run is
  longer, the shorter must abbreviate it, word by word (运维 / 运行维护: each character an end of a word).
- **A program's name and its indicators' names**: a run of the name whose characters each end (or start) the
  stem of one of the program's indicators, the stems sharing what follows them (水电气 and the indicators 水费,
  电费, 燃气费: 水电气 / 水电燃气). The program's own facts spell out what its name runs together.

The hand list (`data/synonyms.txt`) stays the seed; what is learned is added to it (topics.TopicIndex).
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from itertools import combinations, permutations

from query_api.lexicon import Entry, normalise

# How far a learned substitution may reach: a run of at most this many characters on each side, in names
# sharing at least this many characters around it.
MAX_RUN, MIN_SHARED = 8, 3
_CHINESE = re.compile(r"[\u4e00-\u9fff]+")
# A year, a number or a bracketed note is no word of a name (2024年 vs 2025年 is the same program).
_NOT_WORD = re.compile(r"(?:19|20)\d\d年?度?|[0-9]+|[（(][^（）()]*[）)]|[-—－─]+.*$")
_MINTED = re.compile(r"\d{3,}$")  # a label made from a code (功能分类科目 20103) is no name
_BRACKETED = re.compile(r"[（(]([\u4e00-\u9fff]{2,4})[）)]")  # a name's note: 经常性运转经费（水电气）
MAX_STEM = 3  # characters of an indicator's stem (燃气 of 燃气费): a longer one is a phrase, not a word

Tokenize = Callable[[str], list[str]]


def name_of(label: str) -> str:
    return _NOT_WORD.sub("", normalise(label))


def _runs(a: str, b: str) -> tuple[int, int]:
    """The lengths of the prefix and the suffix `a` and `b` share (not overlapping)."""
    p = 0
    while p < min(len(a), len(b)) and a[p] == b[p]:
        p += 1
    s = 0
    while s < min(len(a), len(b)) - p and a[-1 - s] == b[-1 - s]:
        s += 1
    return p, s


def substitution(a: str, b: str, shared: int = MIN_SHARED) -> tuple[str, str] | None:
    """(x, y) when `a` is p+x+s and `b` is p+y+s with x and y short Chinese runs neither empty, and p+s at
    least `shared` characters; None otherwise (an insertion is a qualifier, not a synonym)."""
    if a == b:
        return None
    p, s = _runs(a, b)
    x, y = a[p:len(a) - s], b[p:len(b) - s]
    if len(x) == len(y) == 1:  # one character is no word: take it with the one before it (维修 / 维护)
        if p and _CHINESE.fullmatch(a[p - 1]):
            x, y, p = a[p - 1] + x, b[p - 1] + y, p - 1
        elif s and _CHINESE.fullmatch(a[len(a) - s]):
            x, y, s = x + a[len(a) - s], y + b[len(b) - s], s - 1
    if not x or not y or p + s < shared or max(len(x), len(y)) > MAX_RUN:
        return None
    if not (_CHINESE.fullmatch(x) and _CHINESE.fullmatch(y)) or min(len(x), len(y)) < 2:
        return None
    return (x, y) if x < y else (y, x)


def _words_over(text: str, start: int, end: int, tokenize: Tokenize) -> str:
    """The words of `text` (as `tokenize` cuts it) that overlap characters start…end-1 (or touch `start` when
    the span is empty), joined."""
    out, at = [], 0
    for word in tokenize(text):
        lo, hi = at, at + len(word)
        at = hi
        if (lo < end and hi > start) if end > start else lo <= start < hi or hi == start:
            out.append(word)
    return "".join(out)


def abbreviation(a: str, b: str, tokenize: Tokenize, shared: int = MIN_SHARED) -> tuple[str, str] | None:
    """(short, long) when `a` and `b` differ in one place, and the words there of one abbreviate those of the
    other (网络运维经费 / 网络运行维护经费: 运维 / 运行维护); None otherwise."""
    from query_api.topics import abbreviates

    if a == b:
        return None
    p, s = _runs(a, b)
    if p + s < shared:
        return None
    x = _words_over(a, p, len(a) - s, tokenize)
    y = _words_over(b, p, len(b) - s, tokenize)
    short, long = sorted((x, y), key=len)
    if len(short) == len(long) or len(long) > MAX_RUN or not _CHINESE.fullmatch(short + long):
        return None
    return (short, long) if abbreviates(short, long, tokenize) else None


def coordinated(name: str, indicators: list[str], tokenize: Tokenize) -> list[tuple[str, str]]:
    """(short, long) pairs of a program: a run of its name (a bracketed note, or a word) whose every character
    ends or starts the stem of one of its indicators, in order, the stems sharing one last character (水电气 with 水费,
    电费, 燃气费 → 水电气 / 水电燃气); at least one stem longer than a character, so the long form says more."""
    runs = set(_BRACKETED.findall(normalise(name)))
    runs |= {w for w in tokenize(name_of(name)) if 2 <= len(w) <= 4 and _CHINESE.fullmatch(w)}
    names = sorted({normalise(i) for i in indicators if _CHINESE.fullmatch(normalise(i) or "")})
    # parallel items share what follows their stems (水费, 电费, 燃气费: 费): names that share nothing are no list
    tails = [t for t, n in Counter(n[-1] for n in names).items() if n >= 2]
    out = []
    for run in sorted(runs):
        long = next((long for tail in tails if (long := _spelt_out(run, names, tail))), None)
        if long and len(long) > len(run) and long not in name:
            out.append((run, long))
    return out


def _spelt_out(run: str, names: list[str], tail: str) -> str | None:
    """The stems (before `tail`) of `names` whose ends are the characters of `run`, in its order, joined."""
    stems = [n[:len(n) - len(tail)] for n in names if n.endswith(tail)]
    stems = [st for st in stems if 1 <= len(st) <= MAX_STEM]
    if len(stems) > 8:  # too many to try every order: a program of many indicators says no list
        return None
    return next(("".join(chosen) for chosen in permutations(stems, len(run))
                 if all(c in (st[0], st[-1]) for c, st in zip(run, chosen, strict=True))), None)


class Memo:
    """What `learn_synonyms` found in each group of names it compares (the names of one IRI, one unit's programs
    with their years, one program and its indicators), kept from one state of a store to the next (in the
    topic index, topic_store): a change learns again only the groups whose names changed or hold a word the
    tokenizer gained or lost (a word changes the cut of a text only where the text holds it), not every name
    of the store — 0.6 s of CPU at 1,000 documents, two thirds of it cutting names."""

    MOST_CHANGED = 5000  # words gained or lost past which every group is learned again (one pattern of them all)

    def __init__(self) -> None:
        self.words: frozenset[str] = frozenset()  # the tokenizer's own words when the groups were learned
        self.groups: dict = {}

    def start(self, words: Iterable[str] | None):
        """A test of whether a group's names must be cut again (a word the tokenizer gained or lost is in
        one), the memo then holding `words`; without `words`, every group is learned again."""
        words = frozenset(words) if words is not None else None
        changed = self.words ^ words if words is not None else None
        self.words = words or frozenset()
        if changed is None or len(changed) > self.MOST_CHANGED:
            self.groups = {}
            return lambda names: False
        if not changed:
            return lambda names: False
        pattern = re.compile("|".join(re.escape(w) for w in sorted(changed, key=len, reverse=True)))
        return lambda names: any(pattern.search(n) for n in names)


def learn_synonyms(entries: Iterable[Entry], tokenize: Tokenize | None = None, memo: Memo | None = None,
                   words: Iterable[str] | None = None) -> list[tuple[str, ...]]:
    """Pairs of interchangeable words learned from the names of `entries` (see the module docstring); with
    `tokenize`, abbreviations between two names of one thing and a program's name and indicators too. `memo`:
    what an earlier call learned of each group (updated to this call's groups), `words` the tokenizer's own
    words now (without them a memo is learned again whole); the result is the one learned without it."""
    if tokenize is not None:  # the same names are cut again and again (each pair, each rule): cut each once
        tokenize = functools.lru_cache(maxsize=None)(tokenize)
    labels: dict[str, set[str]] = defaultdict(set)  # one IRI, its names
    years: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))  # unit → program name → years
    programs: dict[str, str] = {}
    indicators: dict[str, list[str]] = defaultdict(list)  # program IRI → its indicators' names
    for entry in entries:
        if entry.kind in ("item", "program", "indicator") and not _MINTED.search(entry.label):
            labels[entry.uri].add(name_of(entry.label))
        if entry.kind == "program":
            programs[entry.uri] = entry.label
            if entry.parent:
                years[entry.parent][name_of(entry.label)].add(entry.year)
        if entry.kind == "indicator" and entry.parent:
            indicators[entry.parent].append(entry.label)
    memo = memo if memo is not None and tokenize is not None else Memo()
    stale, before, memo.groups = memo.start(words), memo.groups, {}

    def learned(key, names: Iterable[str], learn_group):
        """What `learn_group()` gives, from the memo when it learned these names and no word of the
        tokenizer's changed within them."""
        found = before.get(key)
        if found is None or stale(names):
            found = learn_group()
        memo.groups[key] = found
        return found

    def learn(a: str, b: str, shared: int):
        return substitution(a, b, shared) or (tokenize and abbreviation(a, b, tokenize, shared))

    found: set[tuple[str, str]] = set()
    siblings: set[tuple[str, str]] = set()
    for names in labels.values():  # one thing for sure: one shared character is enough (维修费 / 维护费)
        names = sorted(n for n in names if n)
        if len(names) > 1:
            found.update(learned(("names", *names), names, lambda names=names: [
                pair for a, b in combinations(names, 2) if (pair := learn(a, b, 1))]))
    for named in years.values():  # one unit's programs: a pair of names in no one year, else siblings
        listed = sorted(named.items())
        if len(listed) > 1:
            key = ("years", *((n, tuple(sorted(y, key=str))) for n, y in listed))
            pairs = learned(key, named, lambda listed=listed: [
                (pair, bool(ya & yb)) for (a, ya), (b, yb) in combinations(listed, 2)
                if (pair := learn(a, b, MIN_SHARED))])
            for pair, side_by_side in pairs:
                (siblings if side_by_side else found).add(pair)
    if tokenize is not None:
        for iri, said in indicators.items():
            if iri in programs:
                name = programs[iri]
                found.update(learned(("said", name, *sorted(set(said))), [name],
                                     lambda name=name, said=said: coordinated(name, said, tokenize)))
    return sorted(pair for pair in found if pair not in siblings)
