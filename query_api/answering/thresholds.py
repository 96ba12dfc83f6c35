"""Departments whose figure passes a threshold said in the question (哪些单位单价100万元以上的设备超过20台, 哪些部门车辆
超过5辆, 哪些部门三公经费超过10万元): each department's own figure — of the year asked, else its latest — tested, and only
those passing it listed with the figure and its line; none listed, and said so, when none passes. Each department is
judged on one document — of the year asked, else its latest; held at a year's end (到2025年底), that year's final
account or the next year's budget — and of a final account on its actual, never the plan it prints beside it (the order
of `figures.fact_keys`); each label says the figure's year and phase. A threshold said in another unit than the
figure's (超过20万元 of a count of vehicles) is no test of it: no answer."""

from __future__ import annotations

import operator
import re
from typing import TYPE_CHECKING

from ingest.record import FACT_UNITS, UNIT_WAN
from ingest.stated import AT_A_DATE
from query_api.answering.alike import PHASE_WORDS
from query_api.answering.cell_readers import (
    MEASURE_LABELS,
    cell_label,
    cell_source,
    cube_reply,
    per_department,
)
from query_api.answering.rows import Result, answer_row, plain

if TYPE_CHECKING:
    from query_api.answering.compiler import Compiled
    from query_api.ask import Knowledge
    from query_api.nlu import Question

TESTS = {">": (operator.gt, "超过"), ">=": (operator.ge, "不少于"), "<": (operator.lt, "少于"), "<=": (operator.le, "不超过")}
# a number said with a count's unit (20台, 5辆, 3个): no amount in 万元
_COUNT_UNIT = r"\s*(?:辆|台|套|个|家|人|项|件)"


def said(q: Question, keys: list[str]) -> bool:
    """Whether the question tests the figure of `keys` against a number said in the figure's own unit: a count
    by a number with a count's unit, an amount by one without."""
    if q.comparator not in TESTS or q.number is None or q.change or q.share:
        return False
    counted = any(FACT_UNITS.get(key, UNIT_WAN) != UNIT_WAN for key in keys)
    with_count_unit = re.search(rf"(?<![\d.]){re.escape(plain(q.number))}{_COUNT_UNIT}", q.text) is not None
    return counted == with_count_unit


def keep(q: Question):
    """The test a figure must pass."""
    test, number = TESTS[q.comparator][0], q.number
    return lambda value: test(value, number)


def read(known: Knowledge, q: Question, compiled: Compiled, cells: list[dict], cube: dict) -> Result:
    """The departments whose figure — each its own latest year's where no year is asked — passes the test."""
    cells = _one_document_each(known, q, compiled, cells)
    figures = per_department(q, compiled, cells)
    hits = sorted((c for c in figures if compiled.keep(c["value"])), key=lambda c: c["value"], reverse=True)
    unit = next((c.get("measure_unit") for c in figures if c.get("measure_unit")), UNIT_WAN)
    rows = [answer_row(_labelled(c), c["value"],
                       c.get("measure_unit") or UNIT_WAN, "amount", c["department"], cell_label(c, q), cell_source(known, c))
            for c in hits]
    test = f"{MEASURE_LABELS.get(q.measure, '这个数字')}{TESTS[q.comparator][1]}{plain(q.number)}{unit}"
    if not rows:
        return cube_reply([], f"{len(figures)} 个有这项数字的部门中，没有{test}的。", cube)
    return cube_reply(rows, f"{len(figures)} 个有这项数字的部门中，{len(rows)} 个{test}。", cube)


def _one_document_each(known: Knowledge, q: Question, compiled: Compiled, cells: list[dict]) -> list[dict]:
    """Each department's cells of one document — held at a year's end (到2025年底) that year's final account or the
    next year's budget; else of the phase asked, its latest year's, a budget before a final account of one year — and
    of that document's figures the first of `figures.fact_keys` (a final account's actual before its plan); each cell
    with its document's phase (`doc_phase`)."""
    from query_api.answering.figures import fact_keys

    def kind(c: dict) -> tuple[int, str]:
        info = known.documents.get(str(c.get("document")))
        return (info.year or c["year"], info.type or c["phase"]) if info else (c["year"], c["phase"])

    cells = [{**c, "doc_year": kind(c)[0], "doc_phase": kind(c)[1]} for c in cells]
    if q.as_of is not None and set(compiled.keys) <= AT_A_DATE:
        ends = ((q.as_of, "final_account"), (q.as_of + 1, "budget"))
        cells = [c for c in cells if (c["doc_year"], c["doc_phase"]) in ends]
    if q.doc_type:
        cells = [c for c in cells if c["doc_phase"] == q.doc_type]
    chosen: dict[str, tuple] = {}
    for c in cells:  # the latest year, then its budget (like the departments ranked), as one department's document
        rank = (c["doc_year"], c["doc_phase"] == "budget")
        chosen[c["department"]] = max(chosen.get(c["department"], rank), rank)
    cells = [c for c in cells if (c["doc_year"], c["doc_phase"] == "budget") == chosen[c["department"]]]
    order = {phase: fact_keys(q.measure, phase, False) if q.measure else compiled.keys
             for phase in ("budget", "final_account")}

    def place(c: dict) -> int:
        keys = order.get(c["doc_phase"], compiled.keys)
        return keys.index(c.get("fact")) if c.get("fact") in keys else len(keys)

    first: dict[tuple, int] = {}
    for c in cells:
        at = (c["department"], c["scope"])
        first[at] = min(first.get(at, place(c)), place(c))
    return [c for c in cells if place(c) == first[(c["department"], c["scope"])]]


def _labelled(c: dict) -> str:
    """The department with its figure's year and phase (临江市档案局（2021年决算）; a final account's plan 预算数)."""
    phase = PHASE_WORDS.get(c["doc_phase"], "")
    plan = "，预算数" if c["doc_phase"] == "final_account" and c["phase"] == "budget" else ""
    return f"{c['department_label']}（{c['doc_year']}年{phase}{plan}）"
