"""A figure asked of a budget unit that has no documents of its own (清远市政务服务中心2024年收入预算是多少): its
department's documents print that kind of figure for the department only, so the unit's own is nowhere. What
they do print of the unit — its row of a 收入总表 with a row per unit (answering.unit_totals), the programs it
spends (their sum is its 项目支出) — answers its own kind only; a kind none prints for the unit is refused with
the reason and the department named, never answered with the unit's programs added up (no income, no basic
expenditure among them) nor with the department's figure in the unit's name.

    department_only(known, q, measure)   that refusal, naming the unit, the figure asked and its department
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ingest.record import FACT_KEYS
from query_api.answering.rows import Result
from query_api.slots import MEASURE_WORDS

if TYPE_CHECKING:
    from query_api.ask import Knowledge
    from query_api.nlu import Question

# a unit's own figures its department's documents may print: its programs (added up, its 项目支出)
PRINTED_OF_UNITS = (None, "project_expenditure")


def department_only(known: Knowledge, q: Question, measure: str | None) -> Result:
    """No figure of the kind asked (`measure`, None: no kind named) printed for the unit named: the reason, with the
    department whose documents print it for the department as a whole, and what may be asked instead."""
    units = q.entries("subordinate_unit", "internal_unit")
    unit = units[0].label if units else "这个单位"
    parents = {e.parent for e in units if e.parent}
    department = next((e.label for e in known.lexicon.of_kind("department") if e.uri in parents), "")
    what = _said(q.text, measure) if measure else ""
    if not department:
        return Result(message=f"{unit}没有单独公开的{what or '预算或决算'}。")
    return Result(message=f"文件只列出{department}（整个部门）的{what or '收支数'}，没有单列{unit}的"
                          f"{what or '数'}，不以部门的数或该单位的项目预算合计代替；可以问{department}的"
                          f"{what or '收入或支出'}，或{unit}的基本支出、项目支出（文件按单位列出的数）。")


def _said(text: str, measure: str) -> str:
    """The figure `measure` in the question's own words (收入预算 → 收入, 三公经费 with its noun), else its name in the
    tables."""
    said = next((m.group() for pattern, key in MEASURE_WORDS if key == measure and (m := re.search(f"“?(?:{pattern})”?(?:经费)?", text))), "")
    return said or FACT_KEYS.get(measure, "这个数")
