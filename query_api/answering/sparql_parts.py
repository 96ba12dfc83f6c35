"""SPARQL parts the query builders share: filters on labels and years, and a topic's words as the
conditions a text must meet (with synonyms, and loosened to smaller words when nothing matches)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from query_api import queries
from query_api.queries import literal

if TYPE_CHECKING:
    from query_api.answering.rows import Result
    from query_api.ask import Knowledge
    from query_api.nlu import Question

def values_in(var: str, values: list[str]) -> str:
    """VALUES `var` { each value as a @zh and as a plain literal }: the test `STR(var) = v1 || …` of a
    variable bound in the same group (not in an OPTIONAL), looked up by the store's index of objects instead of a
    test of every label of the store (labels, texts are @zh; keys plain)."""
    if not values:
        return ""
    terms = " ".join(f"{literal(v)}@zh {literal(v)}" for v in dict.fromkeys(values))
    return f"VALUES {var} {{ {terms} }}"


def year_filter(question: Question, var: str = "?year") -> str:
    """FILTER on the years the question names (one, or several: 2024年和2021年)."""
    years = question.years or ([question.year] if question.year else [])
    return f"FILTER(xsd:integer({var}) IN ({', '.join(map(str, years))}))" if years else ""



# Conditions a topic may add to one query: its words (a text must hold them all) in a few synonym forms.
# A topic of more words than this names no program or duty; its query would only be slow.
MAX_TOPIC_WORDS = 12
MAX_TOPIC_FORMS = 8


def topic_forms(q: Question, known: Knowledge, fine: bool = False) -> list[list[str]]:
    """The topic and its synonyms, each as the list of parts a text must all contain; `fine` splits
    words into their smallest dictionary parts (人民调解 → 人民, 调解) for a second, looser try."""
    if not q.topic:
        return []
    forms = []
    for form in known.lexicon.expand(q.topic):
        parts = re.findall(r"[0-9A-Za-z]+|[\u4e00-\u9fff]+", form)
        words: list[str] = []
        for part in parts:
            if re.fullmatch(r"[0-9A-Za-z]+", part):
                words.append(part)
            else:
                words.extend(_parts(part, known.lexicon.search_tokens(part)) if fine else known.lexicon.tokens(part))
        words = list(dict.fromkeys(words))  # a word said twice is one condition
        if words and len(words) <= MAX_TOPIC_WORDS and words not in forms:
            forms.append(words)
    return forms[:MAX_TOPIC_FORMS]


def _parts(word: str, tokens: list[str]) -> list[str]:
    """`word` cut into consecutive dictionary parts, longest first from the left (人民调解 → 人民, 调解;
    jieba's search mode also lists the overlapping 民调, which is not a part)."""
    smaller = sorted({t for t in tokens if t != word and len(t) > 1}, key=len, reverse=True)
    out, at = [], 0
    while at < len(word):
        part = next((t for t in smaller if word.startswith(t, at)), None)
        if part is None:
            at += 1  # a character no part starts with: leave it out rather than demand it
            continue
        out.append(part)
        at += len(part)
    return out or [word]


def loosened(q: Question, known: Knowledge, run) -> Result:
    """`run(forms)` with the topic's words; if nothing matches, once more with their smallest parts."""
    result = run(topic_forms(q, known))
    if result.answers or not q.topic:
        return result
    fine = topic_forms(q, known, fine=True)
    result = run(fine) if fine != topic_forms(q, known) else result
    meaning = known.lexicon.meaning
    near = meaning.near(q.topic) if meaning is not None and not result.answers else []
    return run([[phrase] for phrase in near]) if near else result  # 公车 for 公务用车 (query_api.topics)


def topic_filter(var: str, forms: list[list[str]]) -> str:
    return "(" + " || ".join(queries.contains_all(var, words) for words in forms) + ")"
