"""Departments whose figure passes a threshold said in the question (哪些单位单价100万元以上的设备超过20台, 哪些部门车辆
超过5辆, 哪些部门三公经费超过10万元): each department's own figure — of the year asked, else its latest — tested, and only
those passing it listed with the figure and its line; none listed, and said so, when none passes. A threshold said
in another unit than the figure's (超过20万元 of a count of vehicles) is no test of it: no answer."""

from __future__ import annotations

import operator
import re
from typing import TYPE_CHECKING

from ingest.record import FACT_UNITS, UNIT_WAN
from query_api.answering.cell_readers import MEASURE_LABELS, _label, _per_department, _reply, _source
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
    if not compiled.years:  # a department's latest figure, not the store's latest year only (its documents may be older)
        newest: dict[str, int] = {}
        for c in cells:
            newest[c["department"]] = max(newest.get(c["department"], 0), c["year"])
        cells = [c for c in cells if c["year"] == newest[c["department"]]]
    figures = _per_department(q, compiled, cells)
    hits = sorted((c for c in figures if compiled.keep(c["value"])), key=lambda c: c["value"], reverse=True)
    unit = next((c.get("measure_unit") for c in figures if c.get("measure_unit")), UNIT_WAN)
    rows = [answer_row(c["department_label"], c["value"], c.get("measure_unit") or UNIT_WAN, "amount", c["department"],
                       _label(c, q), _source(known, c)) for c in hits]
    test = f"{MEASURE_LABELS.get(q.measure, '这个数字')}{TESTS[q.comparator][1]}{plain(q.number)}{unit}"
    if not rows:
        return _reply([], f"{len(figures)} 个有这项数字的部门中，没有{test}的。", cube)
    return _reply(rows, f"{len(figures)} 个有这项数字的部门中，{len(rows)} 个{test}。", cube)
