"""Cheap self-consistency checks on what the Guangdong parser read. A table adds up when it was read
right; when it does not, something was probably misread (a wrapped name taken for a row, a value
put in the wrong column), and the user is told where. Nothing is dropped because of a check.

    consistency_warnings(tables, items, progs, program_tables)   a warning per total that does not add up
    totals_warnings(facts)                                       a warning per pair of totals that disagree
"""

from __future__ import annotations

from collections import defaultdict

from ingest.blocks import side_by_side as _side_by_side
from ingest.checks import children as _children
from ingest.checks import tolerance as _tolerance
from ingest.gd_tables import Table, first_amount, is_data_row, row_values
from ingest.record import Fact, LineItem, Program
from ingest.text import squeeze


def _total_row(table: Table) -> tuple[dict[str, float], int] | None:
    """The values and line of the table's 合计 row (the first one whose label is just 合计)."""
    for row in table.rows:
        cells = row.cells
        if not is_data_row(cells):
            continue
        k = first_amount(cells)
        if squeeze("".join(cells[:k])) in ("合计", "总计"):
            values, _ = row_values(table, cells, k)
            return values, row.line.no
    return None


def _table_warnings(table: Table, items: list[LineItem]) -> list[str]:
    """Items in printed order. A code may come again (a table printed unit by unit), so the rows
    under a parent are the ones that follow it, up to the next row at its level or above; in a table
    of two blocks side by side, where codes do not repeat, they are the rows whose code extends it."""
    out: list[str] = []
    if len({item.code[0] == "2" for item in items}) > 1:
        return out  # a table of both classifications side by side has no single 合计 row
    by_parent = None
    if _side_by_side(items):
        by_parent = defaultdict(list)
        for item in items:
            by_parent[item.code[:-2]].append(item)
    for i, parent in enumerate(items):
        kids = _children(items, i, by_parent)
        column, value = next(iter(parent.values.items()), (None, None))
        if not kids or column is None or not all(column in k.values for k in kids):
            continue
        total = sum(k.values[column] for k in kids)
        if abs(total - value) > _tolerance(len(kids)):
            out.append(f"{table.title}: 第{parent.source.line}行 [{parent.code}] {column} {value:g} ≠ 下级科目之和 "
                       f"{total:.2f} (a parent row does not equal the sum of its rows: check the rows below it)")
    total_row = _total_row(table)
    if total_row is None or not items:
        return out
    values, line = total_row
    top = min(len(item.code) for item in items)
    tops = [item for item in items if len(item.code) == top]
    column, value = next(iter(values.items()), (None, None))
    if column is not None and all(column in t.values for t in tops):
        total = sum(t.values[column] for t in tops)
        if abs(total - value) > _tolerance(len(tops)):
            out.append(f"{table.title}: 第{line}行 合计 {column} {value:g} ≠ 各科目之和 {total:.2f} "
                       f"(the total row does not equal the sum of the classified rows: a row may be misread)")
    return out


def _program_warnings(table: Table, progs: list[Program]) -> list[str]:
    total_row = _total_row(table)
    mine = [p for p in progs if p.source.table == table.title and p.amount is not None]
    if total_row is None or not mine:
        return []
    values, line = total_row
    if not values:
        return []
    value = next(iter(values.values()))
    total = sum(p.amount for p in mine)
    if abs(total - value) <= _tolerance(len(mine)):
        return []
    return [f"{table.title}: 第{line}行 合计 {value:g} ≠ 各项目之和 {total:.2f} "
            f"(the programs read do not add up to the table's total: a program may be missed or misread)"]


def consistency_warnings(tables: list[Table], items: list[LineItem], progs: list[Program],
                         program_tables: list[Table]) -> list[str]:
    """Warnings, with table and line, for totals that do not equal the sum of the rows read."""
    by_table: dict[str, list[LineItem]] = defaultdict(list)
    for item in items:
        by_table[item.table].append(item)
    out: list[str] = []
    seen: set[str] = set()
    for table in tables:
        if table.title in seen or table.title not in by_table:
            continue  # tables of one title share their items; check them once
        seen.add(table.title)
        out += _table_warnings(table, by_table[table.title])
    for table in program_tables:
        out += _program_warnings(table, progs)
    return out


def totals_warnings(facts: list[Fact]) -> list[str]:
    """基本支出 + 项目支出 cannot exceed 本年支出合计, and 总计 cannot be less than 本年收入合计."""
    first: dict[str, Fact] = {}
    for fact in facts:
        if isinstance(fact.value, (int, float)):
            first.setdefault(fact.key, fact)
    out = []
    basic, project, spent = (first.get(k) for k in ("basic_expenditure", "project_expenditure", "expenditure_total"))
    if basic and project and spent and basic.value + project.value > spent.value + 0.015:
        out.append(f"{basic.source.table or ''}: 第{basic.source.line}行 基本支出 {basic.value:g} + 项目支出 "
                   f"{project.value:g} > 本年支出合计 {spent.value:g} (the spending split was probably misread)")
    revenue, grand = first.get("revenue_total"), first.get("grand_total")
    if revenue and grand and grand.value + 0.015 < revenue.value:
        out.append(f"{grand.source.table or ''}: 第{grand.source.line}行 总计 {grand.value:g} < 本年收入合计 "
                   f"{revenue.value:g} (a total was probably misread)")
    return out
