"""Totals the national tables print, read from their `Grid`s: the 收支总表's 本年收入合计 / 本年支出合计
/ 总计 / 结转 rows and its income by fund (一般公共预算, 政府性基金, 国有资本经营预算), 基本支出 and 项目支出 from the 支出总表's total row, a budget's “三公”经费 of its
own year (its three parts, never 会议费 or 培训费), 机关运行经费 and 政府采购. Each Fact keeps its
table and line; amounts are exact in 万元.

    table_facts(grids, document_type, year)
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from ingest.grid import Grid, GridRow
from ingest.grid_read import blocks, column_kinds, label
from ingest.record import REVENUE_SOURCES, Fact, Source, adds_up

# Row labels of the summary tables, by total key (numbering and spaces removed).
_ROW_TOTALS = {
    "本年收入合计": "revenue_total", "收入合计": "revenue_total",
    "本年支出合计": "expenditure_total", "支出合计": "expenditure_total",
    "收入总计": "grand_total", "支出总计": "grand_total", "总计": "grand_total",
    # the expenditure side of some 收支总表s splits the spending by kind (人员经费和公用经费 = 基本支出;
    # 专项业务经费 is 项目支出 in the templates that use the word)
    "基本支出": "basic_expenditure", "人员经费和公用经费支出": "basic_expenditure",
    "项目支出": "project_expenditure", "专项业务经费支出": "project_expenditure",
}
# Carry-over rows by their wording rather than a list of spellings: 上年结转, 年初结转和结余, 上年结余、结转,
# 上年实户资金余额 …; 年末结转和结余, 年终结转结余, 结转下年 ….
_CARRYOVER = (("carryover_begin", re.compile(r"^(?:上年|年初)\S*?(?:结转|结余|余额)")),
              ("carryover_end", re.compile(r"^(?:年末|年终)\S*?(?:结转|结余)|^结转下年")))


# The income side's rows by fund (一般公共预算拨款收入, 政府性基金预算资金, 国有资本经营预算): this year's
# appropriation of each; a carry-over of one (…拨款结余、结转) is none of them.
_FUND_REVENUE = tuple((key, re.compile(rf"^{fund}(?:财政)?(?:拨款)?(?:收入|资金)?$"))
                      for key, fund in (("general_budget_revenue", "一般公共预算"),
                                        ("government_fund_revenue", "政府性基金(?:预算)?"),
                                        ("state_capital_revenue", "国有资本经营预算")))


def _row_total(text: str, side: str = "") -> str | None:
    """The total key a summary-table row label names, if any (the funds' rows on the income `side` only)."""
    key = _ROW_TOTALS.get(text)
    if key is None and "收入" in side:
        key = next((k for k, pattern in _FUND_REVENUE if pattern.match(text)), None) or REVENUE_SOURCES.get(text)
    return key or next((k for k, pattern in _CARRYOVER if pattern.match(text)), None)


def is_summary(title: str) -> bool:
    """The 收支总表 (not the 财政拨款 one): 部门收支总表, 收支预算总表, 财务收支预算总表,
    收入支出决算总表 …"""
    return ("收支" in title or "收入支出" in title) and "财政拨款" not in title and "总" in title


def table_facts(grids: list[Grid], document_type: str, year: int) -> list[Fact]:
    """Totals printed in the national tables, each with its table and line; the first found wins."""
    out: list[Fact] = []
    spending = [g for g in grids if re.search(r"支出(?:预算)?总(?:体情况)?表$|^(?:部门)?支出决算表$", g.title)
                and "基本" not in g.title and "项目" not in g.title and "财政拨款" not in g.title]
    for grid in spending[:1]:
        out += _spending_split(grid)
    basic = next((f.value for f in out if f.key == "basic_expenditure"), None)
    if basic is not None and not any(f.key == "personnel_expenditure" for f in out):
        for grid in grids:  # 人员经费 / 公用经费 of a 基本支出表 whose parts add up to the department's 基本支出
            if "基本支出" in grid.title:
                parts = [f for f in _spending_split(grid) if f.key in ("personnel_expenditure", "public_expenditure")]
                if len(parts) == 2 and adds_up((f.value for f in parts), basic):
                    out += parts
                    break
    for grid in grids:
        if is_summary(grid.title):
            out += _summary_totals(grid)
    for grid in grids:  # the 财政拨款收支总表's spending of the year: 财政拨款支出合计, a whole shares are asked of
        if "财政拨款" in grid.title and ("收支" in grid.title or "收入支出" in grid.title):
            found = _summary_totals(grid)  # (its income of the year: 当年财政拨款, 财政拨款收入合计)
            for total, key in (("expenditure_total", "fiscal_appropriation_expenditure"),
                               ("revenue_total", "fiscal_appropriation_revenue")):
                out += [replace(f, key=key) for f in found if f.key == total][:1]
    for grid in grids:
        if "三公" in grid.title and document_type == "budget":
            out += _three_public(grid, year)
        if "机关运行经费" in grid.title or any("机关运行经费" in "".join(h) for h in grid.header):
            out += _column_total(grid, "administrative_operating_cost", "机关运行经费")
        if "政府采购" in grid.title and document_type == "budget":
            out += _column_total(grid, "government_procurement", "")
    seen: set[str] = set()
    return [f for f in out if not (f.key in seen or seen.add(f.key))]


def _fact(key: str, value: float, grid: Grid, kinds: list[str], row: GridRow) -> Fact:
    """The fact with its row as evidence: the cells apart, without the row number (行次) or a count,
    so that no figure is glued to another ('本年支出合计 7,666.19', not '本年支出合计57,666.19')."""
    cells = [c for i, c in enumerate(row.cells) if c and (i >= len(kinds) or kinds[i] != "index")]
    return Fact(key, value, text=" ".join(cells)[:200], source=Source(table=grid.title, line=row.line, page=row.page))


def _summary_totals(grid: Grid) -> list[Fact]:
    """The labelled total rows of a 收支总表, block by block; a 合计 row stands for the block's
    本年 total when the table prints no 本年…合计 (the side is told by the block's header)."""
    out = []
    kinds = column_kinds(grid)
    for block in blocks(kinds):
        keys = [c for c in block if kinds[c] == "name"] or [c for c in block if kinds[c] == "code"]
        values = [c for c in block if kinds[c] == "value"]
        if not keys or not values:
            continue
        side = "".join(grid.header[block[0]][:1])
        labels = {label(r.cells[keys[-1]] or r.cells[keys[0]]) for r in grid.rows}
        for row in grid.rows:
            text = label(row.cells[keys[-1]] or row.cells[keys[0]])
            key = _row_total(text, side)
            if text in ("收入合计", "支出合计") and ("本年" + text) in labels:
                key = "grand_total"  # 本年收入合计 + 结转 = 收入合计
            if key is None and text == "合计":
                key = "revenue_total" if "收入" in side else "expenditure_total" if "支出" in side else None
            value = grid.amount(row.cells[values[0]]) if key else None
            if value is not None:
                out.append(_fact(key, value, grid, kinds, row))
    return out


def _spending_split(grid: Grid) -> list[Fact]:
    """基本支出 and 项目支出 (and 政府采购 where the table has such columns) from the total row of the
    支出总表; a 基本支出 printed only as its parts (人员支出 + 日常公用支出) is their exact sum."""
    kinds = column_kinds(grid)
    row = _total_row(grid, kinds)
    if row is None:
        return []
    whole, parts, project, procurement = None, [], None, None
    by_use: dict[str, float] = {}  # 人员支出 / 日常公用支出, the parts of 基本支出 by use
    for c, kind in enumerate(kinds):
        value = grid.amount(row.cells[c]) if kind == "value" and c < len(row.cells) else None
        head = grid.header[c]
        if value is None or not head:
            continue
        use = basic_part_key(head[-1])
        if any("政府采购" in h for h in head):
            procurement = value if procurement is None else procurement
        elif head[-1] == "基本支出" or "基本支出" in head[:-1] and head[-1] in ("小计", "合计"):
            whole = value if whole is None else whole
        elif "基本支出" in head[:-1] or use:
            parts.append(Decimal(str(value)))
            if use and use not in by_use:
                by_use[use] = value
        elif head[-1] == "项目支出" and project is None:
            project = value
    basic = whole if whole is not None else float(sum(parts)) if parts else None
    out = []
    for key, value in (("basic_expenditure", basic), ("project_expenditure", project),
                       ("government_procurement", procurement), *by_use.items()):
        if value is not None:
            out.append(_fact(key, value, grid, kinds, row))
    return out


def _total_row(grid: Grid, kinds: list[str]) -> GridRow | None:
    """The 合计 / 总计 row; else a first row without a code (the department's own row) whose first
    amount is the largest of its column."""
    for row in grid.rows:
        if any(label(c) in ("合计", "总计") for c, k in zip(row.cells, kinds, strict=False) if k != "value"):
            return row
    first_value = next((c for c, k in enumerate(kinds) if k == "value"), None)
    codes = [c for c, k in enumerate(kinds) if k == "code"]
    if not grid.rows or first_value is None or any(grid.rows[0].cells[c] for c in codes):
        return None
    amounts = [grid.amount(r.cells[first_value]) or 0.0 for r in grid.rows]
    return grid.rows[0] if amounts[0] and amounts[0] >= max(amounts) else None


_PERSONNEL, _PUBLIC = re.compile(r"人员(?:支出|经费)"), re.compile(r"(?:日常)?公用(?:支出|经费)")


def basic_part_key(head: str) -> str | None:
    """The fact key of a part of 基本支出 by use a column or phrase names: 人员经费 / 人员支出 →
    personnel_expenditure, 公用经费 / 日常公用支出 → public_expenditure (人员经费和公用经费 is neither)."""
    if _PERSONNEL.fullmatch(head):
        return "personnel_expenditure"
    return "public_expenditure" if _PUBLIC.fullmatch(head) else None


def _three_public(grid: Grid, year: int) -> list[Fact]:
    """A budget's 三公 total: the sum of its three parts (因公出国（境）, 公务接待, 公务用车 — never
    会议费 or 培训费) in the row and columns of the budget's own year, exactly."""
    kinds = column_kinds(grid)
    columns = [c for c, k in enumerate(kinds) if k == "value"]
    this_year = [c for c in columns if _of_year("".join(grid.header[c][:-1]), year)]
    if any(re.search(r"\d{4}年|上年|当年|本年", "".join(grid.header[c][:-1])) for c in columns):
        columns = this_year
    rows = ([r for r in grid.rows if any(c == f"{year}年" for c in r.cells)]
            or [r for r in grid.rows if any(label(c) in ("合计", "总计") for c in r.cells)] or grid.rows[:1])
    if not rows or not columns:
        return []
    row = rows[0]
    sums: dict[str, Decimal] = {}
    for c in columns:  # the parts as columns of the row
        which = _part(grid.header[c])
        if which:
            sums[which] = sums.get(which, Decimal(0)) + Decimal(str(grid.amount(row.cells[c]) or 0))
    if not sums and columns:  # the parts as rows (项目 | 预算数)
        keys = [c for c, k in enumerate(kinds) if k != "value"]
        for r in grid.rows:
            which = _part([label(r.cells[c]) for c in keys if r.cells[c]])
            if which:
                sums[which] = sums.get(which, Decimal(0)) + Decimal(str(grid.amount(r.cells[columns[0]]) or 0))
    if "公务用车" in sums:
        sums.pop("公务用车/半", None)
    if not sums:
        return []
    return [_fact("three_public_budget", float(sum(sums.values())), grid, kinds, row)]


def _part(path: list[str]) -> str | None:
    """Which part of the 三公 a header path or row label names; 购置费 and 运行（维护）费 are the two
    halves of the 公务用车 whole (小计), counted only where the whole is not printed."""
    text = "".join(path)
    if re.search(r"会议|培训", text):
        return None
    if "出国" in text:
        return "出国"
    if "接待" in text:
        return "接待"
    if "公务用车" in text or re.fullmatch(r"(?:车辆)?购置费|运行(?:维护)?费", text):
        half = any(re.search(r"购置费?$|运行(?:维护)?费$", p) and "及" not in p for p in path)
        return "公务用车/半" if half else "公务用车"
    return None


def _of_year(text: str, year: int) -> bool:
    return str(year) in text or ("当年" in text or "本年" in text) and "上年" not in text


def _column_total(grid: Grid, key: str, word: str) -> list[Fact]:
    """A total from the 合计 row: the column named `word`, else the first value column."""
    kinds = column_kinds(grid)
    columns = [c for c, k in enumerate(kinds) if k == "value"]
    named = [c for c in columns if word and word in "".join(grid.header[c])]
    for row in grid.rows:
        if named or any(label(c) in ("合计", "总计") for c in row.cells):
            for c in named or columns[:1]:
                value = grid.amount(row.cells[c])
                if value is not None:
                    return [_fact(key, value, grid, kinds, row)]
            if named:
                continue
    return []
