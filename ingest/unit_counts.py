"""How many units a department's narrative says it has, as printed, whether or not it lists them:

    内设4个机构 / 设9个内设机构 / 内设处室15个 / 包括27个机关行政科室 / 下设A、B等七个处室  → internal_unit_count
    下属12个二级预算单位 / 下属1家预算单位 / 12个下属单位 / 所属事业单位3个  → subordinate_unit_count
    无下属单位 / 没有其他二级预算单位                                       → subordinate_unit_count 0
    纳入…编制范围的二级预算单位共有1个 / 纳入…编报范围的单位共1个          → budget_unit_count
    本级及下属单位共6个 (the department's own 本级 counted in)            → budget_unit_count
    撤销2个下属事业单位 / 拟新设3个内设机构 / 合并 / 划转                   → no count (not the units now)

    unit_counts(paras, listed)   a Fact per kind, the first sentence stating it (its line the fact's source);
                                 the budget's units counted from their table (`listed`, prose_units.table_of_units:
                                 序号 单位名称 1 … 13 …) where no sentence states how many, its text saying so

A count of the units a budget covers (纳入…范围) is its own: it counts the department's own 本级 too, which
is no subordinate unit. The question layer answers the printed count where the units are not listed one
by one (query_api/answering/organisations.py).
"""

from __future__ import annotations

import re

from ingest.prose import Paragraph, canonical
from ingest.reader import Line
from ingest.record import Fact, Source
from ingest.text import chinese_number, squeeze

# a count as printed, in digits or Chinese numerals (ingest.text.chinese_number reads it), as the group `n`
COUNTED = r"(?P<n>\d+|[一二两三四五六七八九十百]+)"
_OFFICES = r"(?:内设机构|职能处室|职能科室|行政科室|机关行政科室|处室|科室|股室|机构)"
_UNITS = r"(?:二级预算单位|预算单位|事业单位|行政单位|单位)"
_FILLER = r"(?:共有|共|有|为|计)*"
PATTERNS: list[tuple[str, re.Pattern]] = [
    ("budget_unit_count", re.compile(rf"纳入[^。；]{{0,30}}?(?:编制|编报)范围的{_UNITS}{_FILLER}{COUNTED}个")),
    ("internal_unit_count", re.compile(rf"(?:内设|设立|设置|设有|下设|设){_FILLER}{COUNTED}个(?:内设)?{_OFFICES}")),
    ("internal_unit_count", re.compile(rf"内设{_OFFICES}{_FILLER}{COUNTED}个")),
    ("internal_unit_count", re.compile(rf"(?:包括|等){COUNTED}个{_OFFICES}")),
    ("subordinate_unit_count", re.compile(rf"(?:下属|所属|直属){_FILLER}{COUNTED}[个家](?:二级)?(?:预算)?(?:事业|行政)?单位")),
    ("subordinate_unit_count", re.compile(rf"{COUNTED}[个家](?:下属|所属|直属)(?:二级)?(?:预算)?(?:事业|行政)?单位")),
    ("subordinate_unit_count", re.compile(rf"(?:下属|所属|直属)(?:二级)?(?:预算)?(?:事业|行政)?单位{_FILLER}{COUNTED}[个家]")),
    # none: 无下属单位 / 没有其他二级预算单位 (a count of 0, as printed)
    ("subordinate_unit_count", re.compile(r"(?:无|没有)(?:其他)?(?:下属|所属|直属|二级预算)(?:事业|行政)?单位")),
]


def unit_counts(paras: list[Paragraph], listed: list[Line] = ()) -> list[Fact]:
    """The counts of units the paragraphs print (module docstring), the first of each kind; the rows of the
    table of the budget's units counted where no sentence states their number."""
    found: dict[str, Fact] = {}
    for p in paras:
        text = squeeze(canonical(p.text))
        for key, pattern in PATTERNS:
            for m in pattern.finditer(text):
                clause = _clause(text, m.start(), m.end())
                if _NOT_NOW.search(clause):
                    continue  # 撤销2个下属事业单位, 拟新设3个内设机构: units gone or to come, not the units now
                n = chinese_number(m.group("n")) if "n" in pattern.groupindex else 0
                # 本级及下属单位共6个: the department's own 本级 counted in, the budget's units, not subordinate ones
                kind = "budget_unit_count" if key == "subordinate_unit_count" and n and "本级" in \
                    clause[: m.start() - _clause_start(text, m.start())] else key
                if n is not None and kind not in found:
                    found[kind] = Fact(kind, n, "个", text=_sentence(text, m.start(), m.end()), source=p.source())
                break
    if listed and "budget_unit_count" not in found:
        # counted, not printed: the text says so and quotes the table's first and last rows
        rows = f"{squeeze(listed[0].text)} … {squeeze(listed[-1].text)}" if len(listed) > 1 else squeeze(listed[0].text)
        found["budget_unit_count"] = Fact("budget_unit_count", len(listed), "个",
                                          text=f"（由单位表的行数计得，非原文）{len(listed)}行：{rows}",
                                          source=Source(None, listed[0].no, listed[0].page))
    return list(found.values())


# a clause of units abolished, merged, moved or planned: no count of the units the department has now
_NOT_NOW = re.compile(r"撤销|拟|新设|合并|划转")


def _clause_start(text: str, start: int) -> int:
    return max(text.rfind(mark, 0, start) for mark in "。；，,") + 1


def _clause(text: str, start: int, end: int) -> str:
    """The clause of `text` (between 。；，) holding the span start:end."""
    last = min((i for i in (text.find(mark, end) for mark in "。；，,") if i >= 0), default=len(text))
    return text[_clause_start(text, start):last]


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence of `text` holding the span start:end."""
    first = max(text.rfind(mark, 0, start) for mark in "。；") + 1
    last = min((i for i in (text.find(mark, end) for mark in "。；") if i >= 0), default=len(text))
    return text[first:last + 1]
