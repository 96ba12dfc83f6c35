"""Programs from the national 项目支出表 (one row per project), read from `Grid`s.

The table names its projects in one column (项目名称, 支出项目类别, 单位（项目）名称) or in several
(一级项目 | 二级项目: the innermost is the program), and the unit that spends each in a column of
its own (单位名称, 项目单位) or in rows above them. Where units, categories (通用项目) and 一级项目
are rows of the same column, the rows form a tree whose parents are the exact sums of the rows
below them; its leaves are the programs, and their unit is the nearest unit row above them.

    list_programs(grids)   the programs of every 项目支出表, with the 绩效目标 it prints in a column
                           and the amount per funding source its source columns print

A program's funding is kept only where its sources add up to its total (a misread column gives
none rather than a wrong split).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from functools import cache

from ingest.grid import Grid, GridRow
from ingest.grid_read import column_kinds, label
from ingest.prose import ORG_SUFFIXES
from ingest.record import Program, Source
from ingest.text import half_cent

_UNIT_COLUMN = re.compile(r"单位名称|项目单位|实施单位|预算单位|使用单位|^单位$")
_PROJECT_COLUMN = re.compile(r"项目名称|[一二三]级项目|项目类别|（项目）名称|\(项目\)名称|^项目$")
_NOT_PROJECT = re.compile(r"项目名称|[一二三]级项目|项目类别|（项目）")
_TOTAL = re.compile(r"^(?:总计|合计|小计)$")
# columns of a program's figures, not of its money's sources: a table of them prints no split by source
_PHASE = re.compile(r"[预决]算数|决算|执行|调整|增减|比上年|[率%％]")


def is_program_table(grid: Grid) -> bool:
    """A 项目支出表 (专项业务经费支出表 in some templates), not its 绩效目标表 nor a table by
    classification code."""
    title = grid.title
    return bool(re.search(r"项目支出|专项业务经费", title)) and not re.search(r"绩效|分类|功能|经济|基本支出", title)


def list_programs(grids: list[Grid]) -> list[Program]:
    out: list[Program] = []
    for grid in grids:
        if is_program_table(grid):
            # a row whose long text runs over a page break is printed again on the next page
            out += [p for p in _programs(grid) if not any((q.name, q.amount) == (p.name, p.amount) for q in out)]
    return out


def _programs(grid: Grid) -> list[Program]:
    kinds = column_kinds(grid)
    paths = ["".join(h) for h in grid.header]
    unit_col = next((c for c, k in enumerate(kinds) if k == "name" and _UNIT_COLUMN.search(paths[c])
                     and not _NOT_PROJECT.search(paths[c])), None)
    projects = [c for c, k in enumerate(kinds) if k == "name" and c != unit_col and _PROJECT_COLUMN.search(paths[c])]
    if any("名称" in paths[c] or "级项目" in paths[c] for c in projects):
        projects = [c for c in projects if "类别" not in paths[c]]
    amount_col = next((c for c, k in enumerate(kinds) if k == "value"), None)
    if not projects or amount_col is None:
        return []
    unit_codes = next((c for c, k in enumerate(kinds) if k == "code" and "单位" in paths[c]), None)
    rows = [r for r in grid.rows if any(r.cells[c] for c in projects)
            and not any(label(r.cells[c]) in ("合计", "总计") for c in projects + ([unit_col] if unit_col is not None else []))
            and grid.amount(r.cells[amount_col]) is not None]
    targets = _target_columns(grid)  # the table's, found once for all its rows
    sources = _source_columns(grid, kinds, amount_col)

    def program(row: GridRow, name: str, unit: str | None) -> Program:
        target = next((row.cells[c] for c in targets if c < len(row.cells) and row.cells[c]), None)
        return Program(name=name, unit=unit, amount=grid.amount(row.cells[amount_col]), performance_target=target,
                       funding=_funding(grid, row, amount_col, sources),
                       source=Source(table=grid.title, line=row.line, page=row.page))

    if len(projects) > 1:  # 一级项目 | 二级项目: the innermost level printed is the program level
        deepest = max(max(c for c in projects if r.cells[c]) for r in rows) if rows else None
        rows = [r for r in rows if r.cells[deepest]]
        return [program(r, r.cells[deepest], r.cells[unit_col] if unit_col is not None else None) for r in rows]
    name_col = projects[0]
    if unit_col is not None:
        out, unit = [], None
        for r in rows:
            unit = r.cells[unit_col] or unit  # a merged unit cell covers the rows below it
            out.append(program(r, r.cells[name_col], unit))
        return out
    return _from_tree(grid, rows, name_col, amount_col, unit_codes, program)


def has_targets(grid: Grid) -> bool:
    """Whether the table prints each project's 绩效目标 in a column of its own."""
    return bool(_target_columns(grid))


def _target_columns(grid: Grid) -> list[int]:
    return [c for c, h in enumerate(grid.header) if h and re.search(r"绩效目标|项目目标", "".join(h))]


def _source_columns(grid: Grid, kinds: list[str], amount_col: int) -> dict[int, str]:
    """The funding-source columns after the program's total, each by its name as the template heads it
    (一般公共预算, 政府性基金预算, 事业收入 …; with its parent after it where that name repeats: 一般公共预算（财政拨款结转）);
    a total of several (总计, 财政拨款/小计) is none, nor a phase's figure (预算数 | 执行数 | 执行率), and one column
    alone splits nothing."""
    columns = [c for c in range(amount_col + 1, len(kinds))
               if kinds[c] == "value" and grid.header[c] and not _TOTAL.search(grid.header[c][-1])]
    if len(columns) < 2 or any(_PHASE.search("".join(grid.header[c])) for c in columns):
        return {}
    leaves = [grid.header[c][-1] for c in columns]
    return {c: f"{leaf}（{grid.header[c][-2]}）" if leaves.count(leaf) > 1 and len(grid.header[c]) > 1 else leaf
            for c, leaf in zip(columns, leaves, strict=True)}


def _funding(grid: Grid, row: GridRow, amount_col: int, sources: dict[int, str]) -> dict[str, float]:
    """The row's non-zero amounts per source, or none where they do not add up to its total (within half
    a printed cent per amount)."""
    values = {name: grid.amount(row.cells[c]) if c < len(row.cells) and row.cells[c] else 0.0
              for c, name in sources.items()}
    total = grid.amount(row.cells[amount_col])
    if not values or total is None or None in values.values():
        return {}
    cent = half_cent(grid.unit)
    if abs(sum(Decimal(str(v)) for v in values.values()) - Decimal(str(total))) > cent * len(values):
        return {}
    return {name: v for name, v in values.items() if v}


def _from_tree(grid: Grid, rows: list[GridRow], name_col: int, amount_col: int, unit_codes: int | None,
               program: Callable[[GridRow, str, str | None], Program]) -> list[Program]:
    """The leaves of the tree the rows form by their sums, each with its nearest unit row above
    (None where there is none: the unit is then found elsewhere or is the department), made by `program`."""
    amounts = [Decimal(str(grid.amount(r.cells[amount_col]))) for r in rows]
    n = len(rows)
    # a parent printed rounded may differ from its children's sum by half a cent per child
    cent = half_cent(grid.unit)

    @cache
    def extent(i: int) -> tuple[int, tuple[int, ...]]:
        """(index after row i's subtree, its children) — children only when they sum to row i."""
        total, j, kids = Decimal(0), i + 1, []
        while j < n and total + cent * (len(kids) + 1) < amounts[i]:
            kids.append(j)
            total += amounts[j]
            j = extent(j)[0]
        return (j, tuple(kids)) if kids and abs(total - amounts[i]) <= cent * len(kids) else (i + 1, ())

    parent: dict[int, int] = {}
    i = 0
    while i < n:
        stack = [i]
        while stack:
            k = stack.pop()
            for kid in extent(k)[1]:
                parent[kid] = k
                stack.append(kid)
        i = extent(i)[0]
    has_kids = set(parent.values())

    def is_unit(k: int) -> bool:
        name = rows[k].cells[name_col]
        coded = unit_codes is not None and bool(rows[k].cells[unit_codes])
        return coded or (len(name) >= 4 and name.endswith(ORG_SUFFIXES) and not name.endswith(("费", "项目", "资金")))

    out = []
    for k in range(n):
        if k in has_kids or is_unit(k):
            continue
        up, unit = parent.get(k), None
        while up is not None:
            if is_unit(up):
                unit = rows[up].cells[name_col]
                break
            up = parent.get(up)
        out.append(program(rows[k], rows[k].cells[name_col], unit))
    return out
