"""Figures asked added up (人员经费和公用经费合计, 培训费和会议费一共多少, 公务接待费和会议费一共): whether they are parts of
one whole, each found once in one document, and their sum — or which part was found nowhere, never a partial sum
called the whole's."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from graph_store.base import Store
from ingest.record import FACT_KEYS
from ontology.fact_kinds import KIND_OF_KEY, KINDS
from query_api.answering import figures
from query_api.answering.line_compare import table_of
from query_api.answering.rows import Result, summed

if TYPE_CHECKING:
    from query_api.ask import Knowledge
    from query_api.nlu import Question


def parts_of_one(measures: list[str]) -> bool:
    """Whether the figures are parts of one whole and none a part of another (ontology: a broader kind above
    each, none above another), so that their sum means something: 人员经费 and 公用经费 are, 公务接待费 and
    公务用车运行维护费 are (both of 三公经费, one a part of its 公务用车 part), 收入 and 支出 are not, nor 公务用车
    购置及运行费 and its 运行维护费."""
    above = [_wholes_above(m) for m in measures]
    if any(not a for a in above) or len(set(measures)) != len(measures):
        return False
    return bool(set.intersection(*map(set, above))) and not any(KIND_OF_KEY[m] in a for m in measures for a in above)


def _wholes_above(measure: str) -> list[str]:
    """The kinds `measure`'s kind is a part of, the nearest first (ontology: its broader kinds)."""
    chain, kind = [], KIND_OF_KEY.get(measure)
    while kind is not None and (kind := KINDS[kind].broader) is not None and kind not in chain:
        chain.append(kind)
    return chain


def figure_and_items(store: Store, known: Knowledge, q: Question, labels: list[str]) -> Result | None:
    """A 三公 part and other classified items asked added up (公务接待费和会议费一共多少): the part's figure (one answer),
    each other item's one row (rows.summed: of the same document), and their sum; None unless each is found once."""
    named = {FACT_KEYS.get(m) for m in q.measures}  # the words each figure is printed by
    others = [m for m in q.mentions if "item" in m.kinds and not any(e.label in named for e in m.entries)]
    if len(q.measures) != 1 or not others:
        return None
    part = figures.facts(store, known, q, labels, q.measure).answers
    rows = figures.items(store, known, dataclasses.replace(
        q, mentions=[m for m in q.mentions if "item" not in m.kinds or m in others])).answers
    each = [[a for a in rows if any(e.label in (a.get("label") or "") for e in m.entries)] for m in others]
    if len(part) != 1 or any(len(found) != 1 for found in each):
        return None
    answers = [part[0], *(found[0] for found in each)]
    total = summed(answers, "、".join(a["label"] for a in answers) + "合计")
    return Result([*answers, total], None, total["text"] + "。") if total else None


def parts_missing(q: Question, answers: list[dict]) -> list[str]:
    """The parts asked to be added up (figures by their printed words, items by name) no answer is of."""
    named = [*(FACT_KEYS[m] for m in q.measures if m in FACT_KEYS), *(e.label for e in q.entries("item"))]
    named = [n for n in dict.fromkeys(named) if not any(n in (a.get("label") or "") for a in answers)]
    return named if len(dict.fromkeys([*q.measures, *(e.label for e in q.entries("item"))])) > 1 else []


def items_added(q: Question, answers: list[dict]) -> dict | None:
    """The sum of classified items asked together (培训费和会议费一共多少), each answered by exactly one row of one
    document (rows.summed), else None: an item of two rows (two tables, two scopes) is never added twice."""
    named = list(dict.fromkeys(e.label for e in q.entries("item")))
    if len(named) < 2 or len(answers) != len(named):
        return None
    each = [[a for a in answers if name in (a.get("label") or "")] for name in named]
    if any(len(rows) != 1 for rows in each) or len({id(rows[0]) for rows in each}) != len(named):
        return None
    rows = [rows[0] for rows in each]
    total = summed(rows, "、".join(named) + "合计")
    basic = [name for name, row in zip(named, rows, strict=True) if "基本支出" in table_of(row)]
    if total is None or not basic:
        return total
    # a line of a table of the basic expenditure only (经济分类 printed for 基本支出) is not all that kind's money:
    # the sum says so, never passed off as the whole 培训费 and 会议费 (the document may print those in its 说明)
    return {**total, "label": total["label"] + "（只含基本支出）",
            "text": f"{total['text']}；{'、'.join(basic)}取自只列基本支出的表，不含项目支出里的同类费用"}


def added(results: list[Result]) -> dict | None:
    """The sum of several figures asked together, each one answer (rows.summed: in 万元, of one and the same
    document), else None: figures of two documents are never added."""
    answers = [r.answers[0] for r in results if len(r.answers) == 1]
    if len(answers) != len(results):
        return None
    return summed(answers, "、".join(a["label"] for a in answers) + "合计")
