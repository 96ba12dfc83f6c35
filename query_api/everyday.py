"""Everyday words for a classified line (招待费 → 公务接待费, 出差的钱 → 差旅费, 电话费 → 邮电费):
read as the word the classification's own names use, from a small list of such words
(`data/everyday.txt`), and only where a 三公 part or a line the store holds bears that word in its name — so a question
said in people's words is answered as if it named the line, by the same readers (measures, items, topics).

    formal(text, taken, lexicon)   the text with its everyday words read so, and what was read as what

An everyday word is read as the whole name of the one 三公 part bearing the word (招待 → 公务接待费: every
document's figure), or, with a money noun after it (费, 经费, 费用, 的钱), of the one economic line (出差费 → 差旅费);
else as the word alone (a topic's words then name the line: 开会 → 会议; 供暖方面 is no 取暖费). A word inside a name
the question holds (an organisation's, a program's), a word a program name of the organisation asked holds (出差管理
of its 出差管理系统建设: the program wins), or a part of a longer word (打印 of 打印机), is never read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from ingest.record import FACT_KEYS
from query_api.lexicon import normalise

_PATH = Path(__file__).parent / "data" / "everyday.txt"
_MONEY_NOUN = r"(?:费用|经费|费|的钱)?"
_MONEY_SAID = re.compile(r"(?:费用?|经费|钱|金)$")  # the money said, after the word or in it (电话费, 租金)
# the 三公 parts' names (因公出国（境）费, 公务接待费 …): figures every document prints under these names
_THREE_PUBLIC = {key: normalise(label) for key, label in FACT_KEYS.items()
                 if key.startswith("three_public_") and not key.endswith(("_budget", "_actual", "_change", "_pct"))}


@cache
def _words() -> tuple[tuple[str, str], ...]:
    """(everyday word, the classification's word), the longest everyday words first."""
    pairs = []
    for line in _PATH.read_text(encoding="utf-8").splitlines():
        words = [normalise(w) for w in line.split("#", 1)[0].split()]
        pairs.extend((said, words[0]) for said in words[1:])
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


def _line_name(word: str, lexicon, money: bool) -> str | None:
    """The one name bearing `word` of the 三公 parts (接待 → 公务接待费) or else, where a money noun was said
    (`money`), of the store's economic lines (差旅 → 差旅费); `word` itself when only lines of other kinds, or
    several, bear it; None when none does."""
    items = [(e, normalise(e.label)) for e in lexicon.of_kind("item")]
    for names in ({n for key, n in _THREE_PUBLIC.items() if word in n},
                  {label for e, label in items if money and "/economic/" in e.uri and word in label}):
        if len(names) == 1:
            return names.pop()
    return word if any(word in label for _, label in items) else None


class _Names:
    """Program names, normalised when first needed (a question with no everyday word reads none of them)."""

    def __init__(self, names: Iterable[str]) -> None:
        self._names, self._read = names, None

    def all(self) -> list[str]:
        if self._read is None:
            self._read = [normalise(name) for name in self._names]
        return self._read


def _bounds(text: str, lexicon) -> set[int]:
    """Where the words of `text` begin and end, as the lexicon's tokenizer cuts it."""
    at, out = 0, {0}
    for token in lexicon.tokenizer.cut(text):  # every token, punctuation too: their lengths add up to the text's
        at += len(token)
        out.add(at)
    return out


def formal(text: str, taken: list[tuple[int, int]], lexicon,
           programs: Iterable[str] = ()) -> tuple[str, list[tuple[str, str]]] | None:
    """`text` with each everyday word outside the spans `taken` and held by none of the names `programs` (the
    organisation's asked, else all: read only when a word is found) read as its classification's word (with the
    money noun after it, as the name of the one economic line bearing the word), and the (said, read) pairs; None
    when nothing is read."""
    names = _Names(programs)
    read: list[tuple[str, str]] = []
    covered = [False] * len(text)
    for start, end in taken:
        covered[start:end] = [True] * (end - start)
    cuts: list[tuple[int, int, str]] = []
    bounds = _bounds(text, lexicon)
    for said, word in _words():
        if word in text:  # the question says the line's own word already
            continue
        for m in re.finditer(re.escape(said) + _MONEY_NOUN, text):
            # inside a name, or a part of a longer word (打印 of 打印机 is no printing): not read
            if any(covered[m.start():m.end()]) or m.start() not in bounds or m.end() not in bounds:
                continue
            # the word with the question's words beside it held by the organisation's program (出差管理 of its
            # 出差管理系统建设): the program is asked, it wins (招待费 is not the 招待所运营经费 program's)
            around = (text[max(m.start() - 1, 0):m.start() + len(said)], text[m.start():m.start() + len(said) + 1])
            if any(len(part) > len(said) and part in name for part in around for name in names.all()):
                continue
            name = _line_name(word, lexicon, bool(_MONEY_SAID.search(m.group())))
            if name is None:
                continue
            cuts.append((m.start(), m.end() if name != word else m.start() + len(said), name))
            covered[m.start():m.end()] = [True] * (m.end() - m.start())
    if not cuts:
        return None
    for start, end, name in sorted(cuts, reverse=True):
        read.append((text[start:end], name))
        text = text[:start] + name + text[end:]
    return text, read[::-1]
