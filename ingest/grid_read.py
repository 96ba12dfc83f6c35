"""What the national tables say, read from their `Grid`s (`ingest.grid`): classified rows, totals.

Columns are told apart by what they hold: a code column (科目编码, or split 类/款/项; of two code
columns, 部门经济 rather than 政府经济), a name column, value columns (amounts). Tables printed as
side-by-side blocks (收支总表, three 基本支出 blocks) are read block by block. A code printed in
split columns or as the row's own part ('13' under '208') is rebuilt from the rows above.

    column_kinds(grid)      'code' | 'name' | 'value' per column
    line_items(grids)       one LineItem per classified row, with its full code
    table_facts(grids, t)   totals the tables print: 收支 totals, 基本/项目支出, 三公, 机关运行经费, 政府采购
Programs are read by `ingest.grid_programs`.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ingest.grid import Grid, GridRow, is_amount
from ingest.record import Fact, LineItem, Source

_CODE = re.compile(r"^\[?(\d{2,7})\]?$")
_CODED_NAME = re.compile(r"^\[?(\d{3}(?:\d{2}){0,2})\]?\s*([^\d\s].*)$")
_NAME_HEADER = re.compile(r"名称|项目|科目|单位|类型|类别|指标|目标|说明|简介|备注")
_SPLIT = ("类", "款", "项")
_NUMBERING = re.compile(r"[：:]$|^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[、.．](?!\d))")


def label(cell: str) -> str:
    """A row label without its numbering or spaces ('一、本年收入合计' → '本年收入合计')."""
    text = _NUMBERING.sub("", cell.replace("其中：", "").replace("其中:", ""))
    return re.sub(r"[“”\"]", "", text)


def column_kinds(grid: Grid) -> list[str]:
    kinds = []
    for c, parts in enumerate(grid.header):
        leaf = parts[-1] if parts else ""
        cells = [r.cells[c] for r in grid.rows if c < len(r.cells) and r.cells[c]]
        amounts = sum(is_amount(x) for x in cells)
        if leaf in _SPLIT or re.search(r"编码|代码", leaf):
            kinds.append("code")
        elif cells and amounts >= 0.6 * len(cells) and not re.search(r"名称|编号|序号", leaf):
            kinds.append("value")
        elif not cells and not _NAME_HEADER.search("".join(parts)):
            kinds.append("value")
        else:
            kinds.append("name")
    return kinds


def blocks(kinds: list[str]) -> list[list[int]]:
    """Column indices of each side-by-side block: key columns followed by value columns."""
    out: list[list[int]] = []
    for i, kind in enumerate(kinds):
        if not out or (kind != "value" and kinds[i - 1] == "value"):
            out.append([])
        out[-1].append(i)
    return out


def value_names(grid: Grid, columns: list[int]) -> dict[int, str]:
    """A name per value column: its innermost header, with its parent where that alone repeats."""
    leaves = [grid.header[c][-1] if grid.header[c] else f"列{c + 1}" for c in columns]
    out = {}
    for c, leaf in zip(columns, leaves, strict=True):
        parts = grid.header[c]
        out[c] = "/".join(parts[-2:]) if leaves.count(leaf) > 1 and len(parts) > 1 else leaf
    return out


def _key_columns(grid: Grid, kinds: list[str], block: list[int]) -> tuple[list[int], int | None]:
    """The code columns and the name column of a block; of two code groups, the 部门 one."""
    groups: list[tuple[list[int], int | None]] = []
    codes: list[int] = []
    for c in block:
        if kinds[c] == "code":
            codes.append(c)
        elif kinds[c] == "name":
            groups.append((codes, c))
            codes = []
    if codes:
        groups.append((codes, None))
    if not groups:
        return [], None
    coded = [g for g in groups if g[0]]
    if len(coded) > 1:
        def departmental(g):
            text = "".join("".join(grid.header[c]) for c in g[0] + ([g[1]] if g[1] is not None else []))
            return "部门" in text and "政府" not in text
        return next((g for g in coded if departmental(g)), coded[0])
    return coded[0] if coded else groups[0]


def _classification(grid: Grid, code: str) -> str | None:
    if "经济" in grid.title or code[0] in "35":
        return "economic"
    if "功能" in grid.title or code[0] == "2":
        return "functional"
    return None


def line_items(grids: list[Grid]) -> list[LineItem]:
    """Every row of every table that carries a classification code, with its full code."""
    out: list[LineItem] = []
    for grid in grids:
        kinds = column_kinds(grid)
        for block in blocks(kinds):
            codes, name_col = _key_columns(grid, kinds, block)
            values = [c for c in block if kinds[c] == "value"]
            if not values or (not codes and name_col is None):
                continue
            names = value_names(grid, values)
            last: dict[int, str] = {}  # the latest code of each length, for codes printed in part
            for row in grid.rows:
                code, name = _row_code(row, codes, name_col, last)
                if not code:
                    continue
                vals = {names[c]: v for c in values if c < len(row.cells) and (v := grid.amount(row.cells[c])) is not None}
                if not vals:
                    continue
                out.append(LineItem(table=grid.title, code=code, name=name, values=vals,
                                    classification=_classification(grid, code),
                                    source=Source(table=grid.title, line=row.line, page=row.page)))
    return out


def _row_code(row: GridRow, codes: list[int], name_col: int | None, last: dict[int, str]) -> tuple[str, str]:
    name = row.cells[name_col] if name_col is not None and name_col < len(row.cells) else ""
    parts = [row.cells[c] if c < len(row.cells) else "" for c in codes]
    code = ""
    if len(parts) > 1:
        if all(not p or _CODE.match(p) for p in parts) and any(parts):
            filled = [i for i, p in enumerate(parts) if p]
            joined = "".join(parts[i] for i in filled)
            if filled[0] == 0:
                code = joined
            else:  # the row prints only its own part: the rest is its parent's code above it
                parent = last.get(3 + 2 * (filled[0] - 1))
                code = parent + joined if parent else ""
    elif parts:
        m = _CODE.match(parts[0].replace(" ", ""))
        code = m.group(1) if m and len(m.group(1)) >= 3 else ""
    elif name:
        m = _CODED_NAME.match(name)
        if m:
            code, name = m.group(1), m.group(2).strip()
    if code and len(code) in (3, 5, 7):
        last[len(code)] = code
        for longer in (5, 7):
            if longer > len(code):
                last.pop(longer, None)
        return code, label(name)
    return "", name


# Row labels of the summary tables, by total key (numbering and spaces removed).
_ROW_TOTALS = {
    "本年收入合计": "revenue_total", "收入合计": "revenue_total",
    "本年支出合计": "expenditure_total", "支出合计": "expenditure_total",
    "收入总计": "grand_total", "支出总计": "grand_total", "总计": "grand_total",
    "上年结转": "carryover_begin", "上年结转结余": "carryover_begin", "年初结转和结余": "carryover_begin",
    "上年结余结转": "carryover_begin", "上年结转和结余": "carryover_begin",
    "年末结转和结余": "carryover_end", "年终结转结余": "carryover_end", "结转下年": "carryover_end",
}


def _is_summary(title: str) -> bool:
    """The 收支总表 (not the 财政拨款 one): 部门收支总表, 收支预算总表, 财务收支预算总表 …"""
    return "收支" in title and "财政拨款" not in title and "总" in title


def table_facts(grids: list[Grid], document_type: str, year: int) -> list[Fact]:
    """Totals printed in the national tables, each with its table and line; the first found wins."""
    out: list[Fact] = []
    for grid in grids:
        if _is_summary(grid.title):
            out += _summary_totals(grid)
    spending = [g for g in grids if re.search(r"支出(?:预算)?总(?:体情况)?表$", g.title) and "基本" not in g.title
                and "项目" not in g.title and "财政拨款" not in g.title]
    for grid in spending[:1]:
        out += _spending_split(grid)
    for grid in grids:
        if "三公" in grid.title and document_type == "budget":
            out += _three_public(grid, year)
        if "机关运行经费" in grid.title or any("机关运行经费" in "".join(h) for h in grid.header):
            out += _column_total(grid, "administrative_operating_cost", "机关运行经费")
        if "政府采购" in grid.title and document_type == "budget":
            out += _column_total(grid, "government_procurement", "")
    seen: set[str] = set()
    return [f for f in out if not (f.key in seen or seen.add(f.key))]


def _fact(key: str, value: float, grid: Grid, row: GridRow) -> Fact:
    return Fact(key, value, text="".join(row.cells)[:200], source=Source(table=grid.title, line=row.line, page=row.page))


def _summary_totals(grid: Grid) -> list[Fact]:
    """The labelled total rows of a 收支总表, block by block; a 合计 row stands for the block's
    本年 total when the table prints no 本年…合计 (the side is told by the block's header)."""
    out = []
    kinds = column_kinds(grid)
    for block in blocks(kinds):
        keys = [c for c in block if kinds[c] != "value"]
        values = [c for c in block if kinds[c] == "value"]
        if not keys or not values:
            continue
        side = "".join(grid.header[block[0]][:1])
        for row in grid.rows:
            text = label(row.cells[keys[-1]] or row.cells[keys[0]])
            key = _ROW_TOTALS.get(text)
            if key is None and text == "合计":
                key = "revenue_total" if "收入" in side else "expenditure_total" if "支出" in side else None
            value = grid.amount(row.cells[values[0]]) if key else None
            if value is not None:
                out.append(_fact(key, value, grid, row))
    return out


def _spending_split(grid: Grid) -> list[Fact]:
    """基本支出 and 项目支出 from the 合计 row of the 支出总表; a 基本支出 printed only as its parts
    (人员支出 + 日常公用支出) is their exact sum."""
    kinds = column_kinds(grid)
    for row in grid.rows:
        if not any(label(c) in ("合计", "总计") for c, k in zip(row.cells, kinds, strict=False) if k != "value"):
            continue
        whole, parts, project = None, [], None
        for c, kind in enumerate(kinds):
            value = grid.amount(row.cells[c]) if kind == "value" and c < len(row.cells) else None
            head = grid.header[c]
            if value is None or not head:
                continue
            if head[-1] == "基本支出" or "基本支出" in head[:-1] and head[-1] in ("小计", "合计"):
                whole = value if whole is None else whole
            elif "基本支出" in head[:-1] or _BASIC_PART.fullmatch(head[-1]):
                parts.append(Decimal(str(value)))
            elif head[-1] == "项目支出" and project is None:
                project = value
        basic = whole if whole is not None else float(sum(parts)) if parts else None
        out = []
        if basic is not None:
            out.append(_fact("basic_expenditure", basic, grid, row))
        if project is not None:
            out.append(_fact("project_expenditure", project, grid, row))
        return out
    return []


_BASIC_PART = re.compile(r"人员(?:支出|经费)|(?:日常)?公用(?:支出|经费)")


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
    for c in columns:
        path = grid.header[c]
        text = "".join(path)
        value = Decimal(str(grid.amount(row.cells[c]) or 0)) if c < len(row.cells) else Decimal(0)
        if "出国" in text:
            which = "出国"
        elif "接待" in text:
            which = "接待"
        elif "公务用车" in text:
            # 购置费 and 运行（维护）费 are the two halves of the 公务用车 whole (小计)
            half = any(re.search(r"购置费?$|运行(?:维护)?费$", p) and "及" not in p for p in path)
            which = "公务用车/半" if half else "公务用车"
        else:
            continue
        sums[which] = sums.get(which, Decimal(0)) + value
    if "公务用车" in sums:
        sums.pop("公务用车/半", None)
    if not sums:
        return []
    return [_fact("three_public_budget", float(sum(sums.values())), grid, row)]


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
                    return [_fact(key, value, grid, row)]
            if named:
                continue
    return []
