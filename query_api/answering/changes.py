"""A change on last year, two ways through the cube: as one document states it (比上年增减: a fact
`*_change`) and recomputed by the cube's compare from two documents of consecutive years (this year's
figure − last year's, of the same department, phase and scope). Where both exist they are checked
against each other: a disagreement is shown as two answers and said in the message, never silently
picked; where only the two documents exist, the recomputed change is the answer, said to be one.

    checked(store, known, q, stated, labels, figure, what)   the stated changes checked, and completed where unstated
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from graph_store.base import Store
from query_api.answering.rows import TIMEOUT, UNIT_WAN, answer_row, asked_years, plain, source_of
from query_api.cube import Compare, CubeQuery, Cut, run

if TYPE_CHECKING:
    from query_api.ask import DocInfo, Knowledge
    from query_api.nlu import Question

# Two figures printed to two decimals, each rounded: their difference and a stated change may be a cent apart.
TOLERANCE = 0.011


@dataclass
class Recomputed:
    """This year's figure less last year's, each the one figure of its document (count_a = count_b = 1)."""

    difference: float
    before: float
    after: float
    document: DocInfo  # this year's
    previous: DocInfo  # last year's
    cube: dict  # the compare's reply (its cube query and SPARQL)


def previous_document(known: Knowledge, doc: str) -> DocInfo | None:
    """Last year's document of the same department, phase and scope as `doc`, when the store holds one."""
    info = known.documents.get(doc)
    if info is None or not info.year:
        return None
    same = [d for d in known.documents.values() if d.department == info.department and d.year == info.year - 1
            and d.type == info.type and d.scope == info.scope]
    return same[0] if len(same) == 1 else None


def compare_query(key: str, before: str, after: str) -> CubeQuery:
    """The figure `key` of two documents (IRIs) side by side: the two documents' observations read first."""
    return CubeQuery([Cut("fact", key), Cut("document", f"{before}|{after}")], ["fact"],
                     compare=Compare((Cut("document", before),), (Cut("document", after),)))


def recompute(store: Store, known: Knowledge, doc: str, key: str) -> Recomputed | None:
    """The change of the figure `key` from last year's document to `doc`, by the cube's compare of the two
    documents; None when last year's document is not held or either does not print the figure once."""
    info, previous = known.documents.get(doc), previous_document(known, doc)
    if info is None or previous is None:
        return None
    reply = run(store, compare_query(key, previous.uri, doc), timeout=TIMEOUT)
    # the figure of the phase the key is of (a final account's *_budget is its plan), else the document's
    phase = "budget" if key.endswith("_budget") else "final_account" if key.endswith("_actual") else info.type
    for c in reply["cells"]:
        if c["phase"] == phase and c.get("count_a") == 1 and c.get("count_b") == 1:
            return Recomputed(c["difference"], c["value_a"], c["value_b"], info, previous, reply)
    return None


def change_word(value: float, unit: str = UNIT_WAN) -> str:
    """A signed change in words: 增加/减少 and its size, or 持平."""
    return f"{'增加' if value > 0 else '减少'}{plain(abs(value))}{unit}" if value else "持平"


def disagreement(name: str, said: float, recomputed: float) -> str:
    """The note that the change `name`'s document states and the two years' figures' difference disagree."""
    return (f"{name}：文件写明比上年{change_word(said)}，而两年文件的数字相减为{plain(recomputed)}万元，"
            "两者不一致（上年数字可能经过调整或口径不同），两个都列出")


def checked(store: Store, known: Knowledge, q: Question, stated: list[tuple[str, dict]], labels: list[str],
            figure: Callable[[str | None], str], what: str) -> tuple[list[dict], list[str], list[dict]]:
    """The changes documents state (`stated`: (document, answer) pairs, in the order answered), each checked
    against the two years' figures, and, for the years asked, the recomputed change of every other document
    of `labels` whose last year's document is held. `figure(phase)` is the key of the figure changed in a
    document of that phase, `what` its name. (answers, notes on disagreements, the compares' replies)."""
    asked = set(asked_years(q))
    held = sorted((d for d in known.docs_of(set(labels)) if d.year in asked), key=lambda d: (d.year, d.uri))
    held = [d for d in held if not q.doc_type or d.type == q.doc_type]
    held = [d.uri for d in held if not q.scope or d.scope == q.scope]
    answers, notes, replies = [], [], []
    by_doc = dict(stated)
    for doc in dict.fromkeys([*by_doc, *held]):
        info, own = known.documents.get(doc), by_doc.get(doc)
        again = recompute(store, known, doc, figure(info.type)) if info else None
        if again is None:
            answers += [own] if own is not None else []
            continue
        replies.append(again.cube)
        shown = -again.difference if q.change_sign < 0 else again.difference  # asked as a decrease: positive
        sum_text = (f"{again.document.year}年{plain(again.after)}万元 − {again.previous.year}年{plain(again.before)}万元 = "
                    f"{plain(again.difference)}万元")
        source = "；".join(filter(None, (source_of(known, again.previous.uri), source_of(known, doc))))
        name = f"{info.department}{info.year}年{what}"
        if own is None:  # no change stated: the two documents' figures
            answers.append(answer_row(f"{name}比上年{change_word(again.difference)}（两年文件相减）", shown, UNIT_WAN, "change",
                                      None, f"文件没有写明比上年增减；{sum_text}", source))
            continue
        stated_value = -own["value"] if q.change_sign < 0 else own["value"]
        if abs(stated_value - again.difference) <= TOLERANCE:
            answers.append({**own, "text": f"{own['text'] or ''}；与两年文件相减一致：{sum_text}".lstrip("；")})
            continue
        answers += [own, answer_row(f"{name}（两年文件相减）", shown, UNIT_WAN, "change", None, sum_text, source)]
        notes.append(disagreement(name, stated_value, again.difference))
    return answers, notes, replies
