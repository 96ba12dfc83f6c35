"""Figures of the Shanghai family: totals from the tables' total rows, and narrative facts.

`table_facts(cells)` reads the contract's totals (本年收入合计, 基本支出, 年初结转和结余, “三公”经费 …)
from the `Cell`s of `ingest.sh_tables`; `narrative_facts(lines)` reads the sentences of the
说明 sections (“三公”经费预算数为…万元, 机关运行经费…, 政府采购…, 平均得分…). The parser keeps the
first fact of each key, so table facts come first where a table states the figure.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter

from ingest.reader import Line
from ingest.record import FACT_UNITS, TOTAL_ROW_LABELS, UNIT_WAN, Fact, Source
from ingest.sh_tables import Cell, to_wan
from ingest.stated import AT_A_DATE, THREE_PUBLIC_PARTS, of_year, of_year_before
from ingest.text import parse_amount

_NUM = r"(-?\d[\d,]*(?:\.\d+)?)"
# An amount in prose, in 万元 or (converted exactly) in 元: the number, then its unit as a group.
_MONEY = rf"{_NUM}\s*([万亿]?元)"



def table_facts(cells: list[Cell]) -> list[Fact]:
    """Totals read from table rows and columns; tables of 财政拨款 only are not the department's."""
    out: list[Fact] = []
    whole = [c for c in cells if "财政拨款" not in c.table or "三公" in c.table]
    for cell in whole:
        key = TOTAL_ROW_LABELS.get(cell.label)
        if key:
            out.append(_fact(key, cell.value, cell))
    if not any(f.key == "revenue_total" for f in out):
        # A budget prints no 本年收入合计: its 收入总计 is this year's revenue (no carry-over).
        for cell in whole:
            if cell.label in ("收入总计", "收入合计") and not _has(whole, "年初结转和结余"):
                out.append(_fact("revenue_total", cell.value, cell))
            if cell.label in ("支出总计", "支出合计") and not _has(whole, "年末结转和结余"):
                out.append(_fact("expenditure_total", cell.value, cell))
    for cell in whole:
        if (cell.label in ("合计", "总计") or cell.label.endswith(("支出合计", "支出总计"))) and not cell.code:
            if cell.column == "基本支出":
                out.append(_fact("basic_expenditure", cell.value, cell))
            elif cell.column == "项目支出":
                out.append(_fact("project_expenditure", cell.value, cell))
    three = [c for c in cells if "三公" in c.table or "三公" in c.header]
    finals = {c.table for c in three if "决算" in c.table or "决算" in c.header}
    found = [(cell, fact) for cell in three for fact in _three_public(cell, cell.table in finals)]
    # A row giving one part twice has columns for several years (上年 | 当年 | 增减) whose headers were
    # not read: which one is this year's cannot be told, and a wrong year is worse than none.
    per_row = Counter((cell.table, cell.line, fact.key) for cell, fact in found)
    out += [fact for cell, fact in found if per_row[(cell.table, cell.line, fact.key)] == 1 and "上年" not in cell.header]
    return out


def _has(cells: list[Cell], label: str) -> bool:
    return any(c.label == label for c in cells)


def _three_public(cell: Cell, final: bool) -> list[Fact]:
    """The “三公” figure of one cell. Its header path names the part ('公务用车购置及运行费/小计') and,
    at any level, whether it is a 预算数 or a 决算数 column; a final account's parts are its 决算数, and its
    预算数 columns give each part's plan (`three_public_reception_budget`)."""
    parts = cell.header.split("/")
    if "机关运行经费" in cell.header:
        return [_fact("administrative_operating_cost", cell.value, cell)]
    actual = any("决算" in p for p in parts)
    names = [p for p in parts if not p.endswith(("预算数", "决算数"))]
    head = names[-1] if names else ""
    # a 小计 is the 公务用车's under its heading ('公务用车购置及运行费/小计'), else the whole's
    # ('三公经费预（决）算数/小计' before the parts' columns)
    if head == "合计" or head == "小计" and not any("公务用车" in p for p in names[:-1]):
        return [_fact("three_public_actual" if actual else "three_public_budget", cell.value, cell)]
    key = None
    if "因公出国" in head:
        key = "three_public_outbound"
    elif "接待" in head:
        key = "three_public_reception"
    elif head == "小计" or "购置及运行" in head:
        key = "three_public_vehicle"
    elif "购置" in head:
        key = "three_public_vehicle_purchase"
    elif "运行" in head:
        key = "three_public_vehicle_operation"
    if key and final and not actual:  # the plan the final account prints beside the part's actual, when its
        if not any("预算" in p for p in parts):  # header says so: a column saying neither is no plan
            return []
        key = f"{key}_budget"
    return [_fact(key, cell.value, cell)] if key else []


def _fact(key: str, value: float, cell: Cell) -> Fact:
    return Fact(key, value, FACT_UNITS.get(key, UNIT_WAN), text=f"{cell.table} {cell.label} {cell.header}".strip(),
                source=Source(cell.table or None, cell.line, cell.page))


# Sentence patterns: (key, regex with the amount as its last group, sign group or None).
_PATTERNS: list[tuple[str, str]] = [
    ("three_public_budget", rf"“?三公”?经费(?:财政拨款)?(?:支出)?(?:年初)?预算(?:数)?(?:支出|安排)?(?:为|合计|总额为?|共计)?{_MONEY}"),
    ("three_public_actual", rf"“?三公”?经费财政拨款支出[^。]{{0,24}}?支出决算为{_MONEY}"),
    ("three_public_actual", rf"“?三公”?经费(?:财政拨款)?(?:支出)?决算(?:数)?为{_MONEY}"),
    # not the last of a list of parts ('…公务接待费及公务用车购置及运行费X万元' is their total)
    *((key, rf"(?<![及和])(?:{name})(?:支出|决算|预算|为)*{_MONEY}") for key, name in THREE_PUBLIC_PARTS),
    ("administrative_operating_cost", rf"机关运行经费(?:预算|支出|决算)?(?:数)?为?{_MONEY}"),
    ("government_procurement", rf"政府采购(?:预算|金额|支出)(?:总额)?(?:（[^）]*）)?为?{_MONEY}"),
    ("procurement_goods", rf"货物(?:采购)?(?:预算|金额|支出)?{_MONEY}"),
    ("procurement_works", rf"工程(?:采购)?(?:预算|金额|支出)?{_MONEY}"),
    ("procurement_services", rf"服务(?:采购)?(?:预算|金额|支出)?{_MONEY}"),
    ("procurement_sme", rf"面向中小企业预留政府采购项目预算(?:金额)?为?{_MONEY}"),
    ("vehicles", r"共有车辆(\d+)辆"),
    ("execution_rate", rf"完成(?:年初)?预算的{_NUM}%"),
    ("performance_score", rf"平均得分{_NUM}分"),
    ("performance_target_programs", r"编报绩效目标的(?:\d{4}年度)?项目(?:共)?(\d+)个"),
    ("performance_target_amount", rf"编报绩效目标的[^。；]{{0,20}}?个，涉及(?:项目)?预算(?:资金|金额){_MONEY}"),
    ("basic_expenditure", rf"(?:其中|支出合计[^。；]{{0,20}}?)：?基本支出(?:预算)?{_MONEY}"),
    ("project_expenditure", rf"；?项目支出(?:预算)?{_MONEY}，占"),
    ("general_budget_expenditure", rf"一般公共预算(?:财政)?拨款支出(?:预算|决算)?{_MONEY}"),
    ("fiscal_appropriation_revenue", rf"财政拨款收入{_MONEY}"),
]
# 'X万元，比2024年预算增加Y万元' / '较上年减少': the change is the last amount; the word before it its sign.
_THAN = r"(?:比|较)(?:(?P<year>\d{4})年度?|上年度?|上一年度?)"
# The fiscal appropriation's change is its own, never the department's 收入 or 支出 (other revenue, this year's
# or last year's, would make the total's change another figure; ingest.changes reads the same way).
_REVENUE_CHANGE = rf"财政拨款收入{_MONEY}，{_THAN}[^，。；]{{0,10}}?(增加|减少){_MONEY}"
_EXPENDITURE_CHANGE = rf"财政拨款支出预算{_MONEY}，{_THAN}[^，。；]{{0,10}}?(增加|减少){_MONEY}"
# A final account: '与2023年度相比，收入支出总计减少56.95万元' — one change for both totals.
_TOTALS_CHANGE = rf"与(?P<year>\d{{4}})年度?相比，收入(?:和|与)?支出总计各?(增加|减少){_MONEY}"
# In the facts' order; a pattern two keys share is matched for each (~3 µs): grouped, the keys would reorder them.
_CHANGES: list[tuple[str, str]] = [
    ("administrative_operating_cost_change", rf"机关运行经费[^。]{{0,20}}?{_MONEY}，{_THAN}[^，。]{{0,8}}?(增加|减少){_MONEY}"),
    ("fiscal_appropriation_revenue_change", _REVENUE_CHANGE),
    ("fiscal_appropriation_expenditure_change", _EXPENDITURE_CHANGE),
    ("three_public_change", rf"“?三公”?经费[^。]{{0,24}}?{_MONEY}，{_THAN}[^，。；]{{0,10}}?(增加|减少){_MONEY}"),
    ("revenue_change", _TOTALS_CHANGE),
    ("expenditure_change", _TOTALS_CHANGE),
]


class _Joined:
    """The lines joined without breaks (sentences wrap anywhere), with a way back to a line."""

    def __init__(self, lines: list[Line]):
        self.lines = lines
        self.starts, parts, pos = [], [], 0
        for ln in lines:
            text = re.sub(r"\s+", "", ln.text)
            self.starts.append(pos)
            parts.append(text)
            pos += len(text)
        self.text = "".join(parts)

    def line_at(self, offset: int) -> Line:
        return self.lines[max(bisect_right(self.starts, offset) - 1, 0)]


def narrative_facts(lines: list[Line], year: int | None = None) -> list[Fact]:
    """Facts stated in sentences, the first of each key of the document's `year` (a sentence may state
    last year's before it; a stock at a date is read as stated), with the sentence as `text`."""
    joined = _Joined(lines)
    out: list[Fact] = []
    text = joined.text
    procurement = re.search(r"政府采购(?:预算|金额|支出)", text)

    def this_year(key: str, m: re.Match) -> bool:
        return key in AT_A_DATE or of_year(text, _number_at(m), year)

    for key, pattern in _PATTERNS:
        if key in ("procurement_goods", "procurement_works", "procurement_services"):
            # Only the parts listed right after the procurement total (服务 is a common word).
            if not procurement:
                continue
            found = re.compile(pattern).finditer(text, procurement.start(), procurement.start() + 200)
        else:
            found = re.finditer(pattern, text)
        m = next((m for m in found if this_year(key, m)), None)
        if m:
            value = _value(m)
            if value is not None:
                out.append(_narrative(key, value, m, joined))
    for key, pattern in _CHANGES:
        m = next((m for m in re.finditer(pattern, text) if of_year_before(m, year)), None)
        if m:
            value = _value(m)
            if value is not None:
                out.append(_narrative(key, -value if m.group(m.lastindex - 2) == "减少" else value, m, joined))
    return out


def _number_group(m: re.Match) -> int:
    """The match's group holding its amount: the last, or the one before a unit after it (元 → 万元)."""
    return m.lastindex - 1 if m.group(m.lastindex) in ("万元", "元", "亿元") else m.lastindex


def _number_at(m: re.Match) -> int:
    """Where the match's amount starts."""
    return m.start(_number_group(m))


def _value(m: re.Match) -> float | None:
    """The match's amount in 万元."""
    number = _number_group(m)
    return to_wan(m.group(number), m.group(number + 1)) if number != m.lastindex else parse_amount(m.group(number))


def _narrative(key: str, value: float, m: re.Match, joined: _Joined) -> Fact:
    line = joined.line_at(_number_at(m))  # the line printing the amount (a match may open in the heading above it)
    start = joined.text.rfind("。", 0, m.start()) + 1
    end = joined.text.find("。", m.end())
    sentence = joined.text[start: end + 1 if end >= 0 else len(joined.text)][:200]
    return Fact(key, value, FACT_UNITS.get(key, UNIT_WAN), text=sentence, source=Source("说明", line.no, line.page))


def performance(lines: list[Line]) -> dict:
    """The 绩效 summary: programs with targets, self-evaluated programs, average score, ratings."""
    text = _Joined(lines).text
    out: dict = {}
    for key, pattern in (("target_programs", r"编报绩效目标的(?:\d{4}年度)?项目(?:共)?(\d+)个"),
                         ("self_evaluated_programs", r"绩效自评的(?:\d{4}年度)?项目(\d+)个"),
                         ("average_score", rf"平均得分{_NUM}分")):
        m = re.search(pattern, text)
        if m:
            value = parse_amount(m.group(1))
            out[key] = int(value) if key.endswith("programs") and value is not None else value
    ratings = {m.group(1): int(m.group(2)) for m in re.finditer(r"绩效评级为“?(优|良|合格|不合格|中|差)”?的项目(\d+)个", text)}
    if ratings:
        out["ratings"] = ratings
    return out
