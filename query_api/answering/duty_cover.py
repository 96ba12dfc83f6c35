"""Who does a work asked in a long paraphrase of its printed wording (受理群众写给领导的来信、接待来访，是哪个部门的职责？,
printed 负责受理人民群众…给市委、市政府领导的来信，接待来访): no duty holds every word of the question (写给 is nowhere), so
the duties holding any of its content words (covering.topic_words: jieba's words less fillers and the organisations'
own) are read, and the one holding the most answers — its organisation with the printed duty and its line, the words
it holds and those it does not said beside. More than half of the words must stand in it, three words asked at the
least: a duty sharing a word or two (群众, 工作) states no work asked, and is refused with the best it found.

    best(store, known, q, duties)   the organisations whose duty covers the most of the question's words, tied at the
                                    top (a Result); a refusal saying so when none covers most of them; None when the
                                    question has too few content words to be read so (`duties`: the duties' query)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from graph_store.base import Store
from query_api import queries
from query_api.answering import candidates
from query_api.answering.covering import topic_words
from query_api.answering.rows import TIMEOUT, Result, answer_row, in_order, source_of
from query_api.answering.sparql_parts import topic_filter
from query_api.lexicon import normalise

if TYPE_CHECKING:
    from query_api.ask import Knowledge
    from query_api.nlu import Question

LEAST_WORDS = 3  # a paraphrase: fewer words are the topic's own test (every word held)


def best(store: Store, known: Knowledge, q: Question, duties: str) -> Result | None:
    words = topic_words(q, known)
    if len(words) < LEAST_WORDS:
        return None
    forms = {w: [f for f in known.lexicon.expand(w) if f] or [w] for w in words}
    any_word = [[f] for fs in forms.values() for f in fs]
    found = candidates.index_for(store).holding(("duty", "responsibilities"), any_word)
    text = queries.sparql(duties, candidates=candidates.values("?d", found), filters=f"FILTER{topic_filter('?text', any_word)}")
    by_org: dict[str, tuple[list[str], object]] = {}
    for r in in_order(store.query(text, timeout=TIMEOUT) if found else [], "orgLabel", "-year", "line", "doc", "kind", "text"):
        duty = normalise(str(r.text))
        held = [w for w, fs in forms.items() if any(normalise(f) in duty for f in fs)]
        if str(r.orgLabel) not in by_org or len(held) > len(by_org[str(r.orgLabel)][0]):
            by_org[str(r.orgLabel)] = (held, r)
    top = max((len(held) for held, _ in by_org.values()), default=0)
    asked = "、".join(words)
    if 2 * top <= len(words):
        closest = next((f"最接近的是{org}的职责，只写到其中{top}个。" for org, (held, _) in by_org.items() if len(held) == top), "")
        return Result(message=f"没有哪个部门或单位的职责写到问题中的大部分词（{asked}），无法判断是谁的职责。" + (closest if top else ""))
    answers = []
    for org, (held, r) in by_org.items():
        if len(held) == top:
            missing = [w for w in words if w not in held]
            why = f"职责原文写到“{'”“'.join(held)}”" + (f"，没有写到“{'”“'.join(missing)}”" if missing else "")
            answers.append({**answer_row(org, kind="department", text=str(r.text), source=source_of(known, r.doc, r.table, r.line)),
                            "matched": why})
    return Result(answers, text, f"按职责原文与问题的词（{asked}）的重合找到：{answers[0]['matched']}。" if len(answers) == 1
                  else f"{len(answers)}个部门的职责同样写到问题中的{top}个词（{asked}）。")
