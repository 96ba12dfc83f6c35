"""Totals printed in the Guangdong tables: the labelled rows (本年收入合计, 年初结转和结余, 总计,
行政经费 …), the 合计 row of the spending table (基本支出, 项目支出) and a budget's 三公 row.

    table_facts(tables, document_type)   a Fact per total found, with its table and line
"""

from __future__ import annotations

import re

from ingest.gd_tables import Row, Table, is_amount, is_data_row, joined_labels, row_values
from ingest.grid_read import label as row_label
from ingest.grid_totals import basic_part_key, is_summary
from ingest.record import REVENUE_SOURCES, TOTAL_ROW_LABELS, Fact, Source, adds_up
from ingest.text import squeeze

_LABELS = {
    **TOTAL_ROW_LABELS,
    "行政经费": "administrative_operating_cost",
    "机关运行经费": "administrative_operating_cost",
    # the same totals as other table sets label them
    "上年结转": "carryover_begin",
    "上年结转结余": "carryover_begin",
    "年初结转结余": "carryover_begin",
    "年末结转结余": "carryover_end",
    "结转下年": "carryover_end",
    "支出总计": "grand_total",
}

_QUOTES = re.compile(r"[“”\"]")


def table_facts(tables: list[Table], document_type: str) -> list[Fact]:
    """Totals printed in the tables: the labelled rows of the first tables that carry them, the
    合计 row of the 支出总体情况表 / 支出决算表 (基本支出, 项目支出) and the 三公 row of a budget."""
    out: list[Fact] = []
    seen: set[str] = set()
    for table in tables:
        summary = is_summary(table.title)  # its income side's sources (其他收入 …): no other table's columns
        for row in table.rows:
            cells = joined_labels(row.cells, table.layout)
            for i, cell in enumerate(cells):
                key = _LABELS.get(squeeze(cell)) or (REVENUE_SOURCES.get(row_label(squeeze(cell))) if summary else None)
                if key is None or key in seen:
                    continue
                value = _next_amount(table, cells, i + 1)
                if value is not None:
                    seen.add(key)
                    # whitespace kept as one space: squeezed, a 行次 cell glues onto the amount (27 858.00 → 27858.00)
                    out.append(Fact(key, value, text=" ".join(row.line.text.split())[:200],
                                    source=Source(table=table.title, line=row.line.no, page=row.line.page)))
            label = _QUOTES.sub("", squeeze("".join(c for c in cells[:2] if c)[:8]))
            first = next((squeeze(c) for c in cells if c.strip()), "")
            if "三公" in table.title and is_data_row(cells) and is_amount(first):
                out += _three_public_row(table, row, document_type, seen)
            elif document_type == "budget" and label.startswith("三公经费") and "three_public_budget" not in seen:
                value = _next_amount(table, cells, 1)  # the 三公 row of a 行政经费及三公经费 table
                if value is not None:
                    seen.add("three_public_budget")
                    out.append(Fact("three_public_budget", value, source=Source(table.title, row.line.no, row.line.page)))
    for label, key in (("收入合计", "revenue_total"), ("支出合计", "expenditure_total")):
        if key in seen:
            continue  # the 本年…合计 rows are the ones to trust; these plainer labels stand in for them
        found = next(((t, r) for t in tables for r in t.rows
                      if label in [squeeze(c) for c in joined_labels(r.cells, t.layout)]), None)
        if found is not None:
            table, row = found
            cells = [squeeze(c) for c in joined_labels(row.cells, table.layout)]
            value = _next_amount(table, cells, cells.index(label) + 1)
            if value is not None:
                out.append(Fact(key, value, source=Source(table.title, row.line.no, row.line.page)))
    spending = next((t for t in tables if _SPENDING_TABLE.match(re.sub(r"[（(].*$", "", t.title))), None)
    if spending:
        out += _spending_split(spending)
    basic = next((f.value for f in out if f.key == "basic_expenditure"), None)
    if basic is not None and not any(f.key == "personnel_expenditure" for f in out):
        out += _basic_by_use(tables, basic)
    return out


def _basic_by_use(tables: list[Table], basic: float) -> list[Fact]:
    """人员经费 and 公用经费 from a 基本支出表's row of their totals ('人员经费合计 560.00 公用经费合计 55.00'),
    kept only when they add up exactly to the department's 基本支出 (else they are one fund's)."""
    for table in (t for t in tables if "基本支出" in t.title):
        for row in table.rows:
            cells = [c for c in joined_labels(row.cells, table.layout) if c.strip()]
            found = {}
            for i, cell in enumerate(cells[:-1]):
                key = basic_part_key(squeeze(cell).removesuffix("合计"))
                value = table.amount(cells[i + 1]) if key and is_amount(cells[i + 1]) else None
                if value is not None:
                    found.setdefault(key, value)
            if len(found) == 2 and adds_up(found.values(), basic):
                src = Source(table=table.title, line=row.line.no, page=row.line.page)
                text = " ".join(row.line.text.split())[:200]
                return [Fact(key, value, text=text, source=src) for key, value in found.items()]
    return []


def _three_public_row(table: Table, row: Row, document_type: str, seen: set[str]) -> list[Fact]:
    """The one unlabelled row of a 三公经费支出表: a budget's first value is its 三公 budget; a final
    account prints the budget block (预算数) then the same columns for the actual (决算数)."""
    values = [table.amount(squeeze(c)) for c in row.cells if c.strip()]
    if not values or any(v is None for v in values):
        return []
    src = Source(table.title, row.line.no, row.line.page)
    header = table.header_text
    found: list[tuple[str, float]] = []
    if document_type == "budget":
        found.append(("three_public_budget", values[0]))
    elif "预算数" in header and "决算数" in header and len(values) % 2 == 0:
        half = len(values) // 2
        first, second = values[:half], values[half:]
        budget, actual = (first, second) if header.index("预算数") < header.index("决算数") else (second, first)
        found += [("three_public_budget", budget[0]), ("three_public_actual", actual[0])]
        found += [(f"{key}_budget", value) for key, value in _three_public_parts(budget, header)]
    out = []
    for key, value in found:
        if key not in seen:
            seen.add(key)
            out.append(Fact(key, value, source=src))
    return out


# the parts of a 三公 block in the national template's order, after its 合计: 因公出国（境）费, 公务用车购置及运行费
# (its 小计, 购置费, 运行费), 公务接待费 — or without the vehicles' two columns
_PARTS_OF_SIX = ("three_public_outbound", "three_public_vehicle", "three_public_vehicle_purchase",
                 "three_public_vehicle_operation", "three_public_reception")
_PARTS_OF_FOUR = ("three_public_outbound", "three_public_vehicle", "three_public_reception")


def _three_public_parts(block: list[float], header: str) -> list[tuple[str, float]]:
    """Each part of one 三公 block (a final account's 预算数 columns) by its column, only when the header names
    the parts in the template's order and the block adds up as they do (合计 = 出国 + 用车 + 接待, 用车 = 购置 +
    运行): a column is never given to a part it may not be of."""
    at = [header.find(word) for word in ("出国", "公务用车", "接待")]
    if -1 in at or at != sorted(at):
        return []
    if len(block) == 6 and adds_up(block[1:3] + block[5:], block[0]) and adds_up(block[3:5], block[2]):
        return list(zip(_PARTS_OF_SIX, block[1:], strict=True))
    if len(block) == 4 and adds_up(block[1:], block[0]):
        return list(zip(_PARTS_OF_FOUR, block[1:], strict=True))
    return []


# 支出总体情况表, 支出决算表, 支出预算总表, 部门支出总表: the table whose 合计 row splits the spending.
_SPENDING_TABLE = re.compile(r"^(?:部门)?支出(?:决算|预算)?(?:总体情况|总|情况)?表$")


def _next_amount(table: Table, cells: list[str], start: int) -> float | None:
    rest = [c for c in cells[start:] if c]
    if len(rest) >= 2 and re.fullmatch(r"\d{1,2}", rest[0]) and is_amount(rest[1]):
        rest = rest[1:]  # skip the 行次 (row number) column of a final account
    if rest and is_amount(rest[0]):
        return table.amount(rest[0])
    return None


def _spending_split(table: Table) -> list[Fact]:
    for row in table.rows:
        all_cells = joined_labels(row.cells, table.layout)
        cells = [c for c in all_cells if c]
        if not cells or squeeze(cells[0]) != "合计":
            continue
        values, _ = row_values(table, all_cells, all_cells.index(cells[1]) if len(cells) > 1 else 1)
        nums = list(values.values())
        basic = values.get("基本支出", nums[1] if len(nums) > 2 else None)
        if "基本支出" not in values and "人员经费" in values and "公用经费" in values:
            basic = round(values["人员经费"] + values["公用经费"], 2)  # 基本支出 printed as its two parts
        project = values.get("项目支出", nums[2] if len(nums) > 2 else None)
        src = Source(table=table.title, line=row.line.no, page=row.line.page)
        out = []
        if basic is not None:
            out.append(Fact("basic_expenditure", basic, source=src))
        for column, value in values.items():  # 人员经费 / 日常公用支出: the parts of 基本支出 by use
            key = basic_part_key(column)
            if key and not any(f.key == key for f in out):
                out.append(Fact(key, value, source=src))
        if project is not None:
            out.append(Fact("project_expenditure", project, source=src))
        if nums:
            out.append(Fact("expenditure_total", nums[0], source=src))
        return out
    return []
