"""What the national tables say, read from their `Grid`s (`ingest.grid`): classified rows, totals.

Columns are told apart by what they hold: a code column (科目编码, or split 类/款/项; of two code
columns, 部门经济 rather than 政府经济), a name column, value columns (amounts). Tables printed as
side-by-side blocks (收支总表, three 基本支出 blocks) are read block by block. A code printed in
split columns or as the row's own part ('13' under '208') is rebuilt from the rows above. A row
keyed by two economic codes keeps the 政府经济 类 beside it as its `Block`, and a row of a table
printed unit by unit (a 预算单位 / 单位名称 column) its unit (`ingest.blocks`); a 单位编码 is no
classification code.

    column_kinds(grid)      'code' | 'name' | 'value' | 'index' per column
    line_items(grids)       one LineItem per classified row, with its full code (empty where the
                            table names its classified rows without codes)
Totals are read by `ingest.grid_totals`, programs by `ingest.grid_programs`, performance targets by
`ingest.grid_targets`.
"""

from __future__ import annotations

import re

from ingest.blocks import mark_pairs, mark_units
from ingest.grid import Grid, GridRow, is_amount
from ingest.record import LineItem, Source

_CODE = re.compile(r"^\[?(\d{2,7})\]?$")
_CODED_NAME = re.compile(r"^\[?(\d{3}(?:\d{2}){0,2})\]?\s*([^\d\s].*)$")
_NAME_HEADER = re.compile(r"名称|项目|科目|单位|类型|类别|指标|目标|说明|简介|备注|内容")
_SPLIT = ("类", "款", "项")
# Columns of a unit (单位编码, 单位名称, 预算单位), not of a classified item.
_UNIT_COLUMN = re.compile(r"^(?:预算)?单位(?:名称|编码|代码)?$|^部门(?:名称|编码|代码)$")
# Columns of numbers that are no amounts of money: counts, models, dates.
_NOT_MONEY = re.compile(r"数量|规格|型号|时间|日期|人数")
_NUMBERING = re.compile(r"[：:]$|^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[、.．](?!\d))")


def label(cell: str) -> str:
    """A row label without its numbering or spaces ('一、本年收入合计' → '本年收入合计')."""
    text = _NUMBERING.sub("", cell.replace("其中：", "").replace("其中:", ""))
    return re.sub(r"[“”\"]", "", text)


def column_kinds(grid: Grid) -> list[str]:
    """'code', 'name', 'value' or 'index' (行次) for each column, by its header and its cells."""
    kinds = []
    for c, parts in enumerate(grid.header):
        leaf = parts[-1] if parts else ""
        cells = [r.cells[c] for r in grid.rows if c < len(r.cells) and r.cells[c]]
        amounts = sum(is_amount(x) for x in cells)
        if re.fullmatch(r"行次|栏次|序号", leaf) or _NOT_MONEY.search(leaf):
            kinds.append("index")  # row numbers, counts, dates: neither a key nor a value
        elif leaf in _SPLIT or re.search(r"编码|代码", leaf):
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
    """A name per value column: its innermost header, with its parent where that alone repeats or
    says only that it is an amount (本级财政拨款/金额)."""
    leaves = [grid.header[c][-1] if grid.header[c] else f"列{c + 1}" for c in columns]
    out = {}
    for c, leaf in zip(columns, leaves, strict=True):
        parts = grid.header[c]
        out[c] = "/".join(parts[-2:]) if (leaves.count(leaf) > 1 or leaf == "金额") and len(parts) > 1 else leaf
    return out


Key = tuple[list[int], int | None]  # the code columns and the name column of a group


def _key_columns(grid: Grid, kinds: list[str], block: list[int]) -> tuple[Key, Key | None]:
    """The code columns and the name column of a block; of two code groups, the 部门 one, with the
    other (the 政府经济 code beside it) second."""
    groups: list[Key] = []
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
        return ([], None), None
    coded = [g for g in groups if g[0]]
    if len(coded) > 1:
        def departmental(g):
            text = "".join("".join(grid.header[c]) for c in g[0] + ([g[1]] if g[1] is not None else []))
            return "部门" in text and "政府" not in text
        chosen = next((g for g in coded if departmental(g)), coded[0])
        return chosen, next(g for g in coded if g is not chosen)
    return (coded[0] if coded else groups[0]), None


def _unit_columns(grid: Grid, kinds: list[str], block: list[int]) -> list[int]:
    """The columns of the unit a row is of (预算单位, 单位名称, 单位编码)."""
    return [c for c in block if kinds[c] in ("code", "name") and grid.header[c] and _UNIT_COLUMN.match(grid.header[c][-1])]


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
            found, name_col = _block_items(grid, kinds, block)
            if any(i.code for i in found):
                out += [i for i in found if i.code]
            elif name_col is not None and "科目" in "".join(grid.header[name_col]):
                # Classified rows printed by name only: kept with their name, the code left empty,
                # and the row they are part of, told by indentation.
                _parents(found, grid, name_col)
                for item in found:
                    item.classification = _classification_by_header(grid, name_col)
                out += found
    return out


def _block_items(grid: Grid, kinds: list[str], block: list[int]) -> tuple[list[LineItem], int | None]:
    """The rows of one side-by-side block with amounts and a name, and the block's name column."""
    units = _unit_columns(grid, kinds, block)
    keyed = [k if c not in units else "unit" for c, k in enumerate(kinds)]
    (codes, name_col), paired = _key_columns(grid, keyed, block)
    values = [c for c in block if kinds[c] == "value"]
    if not values or (not codes and name_col is None):
        return [], name_col
    names = value_names(grid, values)
    last: dict[int, str] = {}  # the latest code of each length, for codes printed in part
    paired_last: dict[int, str] = {}
    found, unit_of, pair_of, heads, unit = [], [], [], [], None
    for row in grid.rows:
        cell = {c: row.cells[c] if c < len(row.cells) else "" for c in units}
        # the unit is named by its name (a 单位编码 alone names none)
        unit = next((cell[c] for c in units if kinds[c] == "name" and cell[c]), unit)
        code, name = _row_code(row, codes, name_col, last)
        beside = _row_code(row, paired[0], paired[1], paired_last) if paired else None
        vals = {names[c]: v for c in values if c < len(row.cells) and (v := grid.amount(row.cells[c])) is not None}
        if vals and name and label(name) not in ("合计", "总计", "小计"):
            found.append(LineItem(table=grid.title, code=code, name=name, values=vals,
                                  classification=_classification(grid, code) if code else None,
                                  source=Source(table=grid.title, line=row.line, page=row.page)))
            unit_of.append(unit)
            pair_of.append(beside if beside and beside[0] else None)
            heads.append(any(cell.values()))
    mark_pairs(found, pair_of)
    mark_units(found, unit_of)
    return [i for n, i in enumerate(found) if not _heads_rows(found, heads, n)], name_col


def _heads_rows(found: list[LineItem], heads: list[bool], n: int) -> bool:
    """Whether row n, printing a unit (单位编码 117001 西安市审计局, or a fund's '1 全额'), heads the rows
    of its code below it: the next row printing no unit has its code. Such a row repeats their sum."""
    if not heads[n]:
        return False
    below = next((i for i, head in zip(found[n + 1:], heads[n + 1:], strict=True) if not head), None)
    return below is not None and bool(below.code) and below.code == found[n].code


# a row's numbering says its level ('一、部门预算' > '1、人员经费和公用经费支出' > '(1)工资福利支出') where it has one
_MARK_LEVELS = [(re.compile(r"^[一二三四五六七八九十]+[、.．]"), 1), (re.compile(r"^[（(][一二三四五六七八九十]+[）)]"), 2),
                (re.compile(r"^\d{1,2}[、.．](?!\d)"), 3), (re.compile(r"^[（(]\d{1,2}[）)]"), 4)]
_TOTAL_ROW = re.compile(r"(?:合计|总计|小计|共计)$")


def _mark_level(name: str) -> int | None:
    return next((level for mark, level in _MARK_LEVELS if mark.match(name)), None)


def _parents(items: list[LineItem], grid: Grid, name_col: int) -> None:
    """Each item's parent: the nearest row above it of a higher numbering level ('一、' over '1、' over '(1)'),
    or, unnumbered, printed less indented. A table's total printed as a row (本年支出合计) is part of nothing
    and nothing is part of it. The items (rows printed without a code) are named without their numbering (the
    source line has it as printed)."""
    indent = {(r.page, r.line): r.indents[name_col] for r in grid.rows if name_col < len(r.indents)}
    stack: list[tuple[float, str]] = []
    marked: list[tuple[int, str]] = []
    for item in items:
        level = indent.get((item.source.page, item.source.line))
        mark = _mark_level(item.name)
        item.name = label(item.name).strip() or item.name
        if level is None or _TOTAL_ROW.search(item.name):
            stack, marked = [], []
            continue
        if mark is not None:
            while marked and marked[-1][0] >= mark:
                marked.pop()
            item.parent = marked[-1][1] if marked else None
            marked.append((mark, item.name))
        else:
            while stack and stack[-1][0] >= level - 1.0:
                stack.pop()
            item.parent = stack[-1][1] if stack else None
        stack.append((level, item.name))


def _classification_by_header(grid: Grid, name_col: int) -> str | None:
    text = grid.title + "".join(grid.header[name_col])
    return "economic" if "经济" in text else "functional" if "功能" in text else None


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
