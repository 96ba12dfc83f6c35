"""The classified rows of a Guangdong table (功能/经济分类), in both layouts.

    line_items(table)   a LineItem per row that carries a code, with warnings for rows that cannot
                        be read. A code may be printed as one cell ("2010301", "[30101]",
                        "20106财政事务") or in 类/款/项 parts; a raw row may spread over lines: its
                        code, then its name, then its numbers.
"""

from __future__ import annotations

import re

from ingest.blocks import mark_pairs, mark_units
from ingest.gd_tables import CODE, Row, Table, first_amount, is_amount, is_data_row, row_values
from ingest.reader import Line
from ingest.record import LineItem, Source
from ingest.text import squeeze

_GLUED_CODE = re.compile(r"^([23]\d{2}(?:\d{2}){0,2})\s*([\u4e00-\u9fff（(].*)$")  # 20106财政事务
_BRACKET_CODE = re.compile(r"^\[([2-5]\d{2}(?:\d{2}){0,2})\]\s*(.*)$")
def line_items(table: Table) -> tuple[list[LineItem], list[str]]:
    """Every row that carries a classification code, with warnings for rows that cannot be read.
    A raw-layout row may spread over lines: its code, then its name, then its numbers."""
    items: list[LineItem] = []
    warnings: list[str] = []
    skipped: list[Row] = []  # rows of numbers without a code, other than totals
    pending: list | None = None  # [code, name parts, first line]
    just_read: LineItem | None = None  # the item completed on the row before
    split = _split_code_columns(table)
    context: list[str] = []  # the 类 and 款 of the rows above, for rows that print only the 款 or 项
    pairs: dict[int, tuple[str, str]] = {}  # by item: the other economic code printed beside it, and its name
    for row in table.rows:
        cells = _join_split_code(row.cells, split, context) if split is not None else row.cells
        previous, just_read = just_read, None
        if (previous is not None and table.layout == "raw" and not is_data_row(cells) and not starts_code(cells)
                and len(squeeze(row.line.text)) <= 20 and not any(is_amount(c) for c in cells)):
            previous.name += squeeze(row.line.text)  # a name that wraps after its numbers
            continue
        if pending is None and is_data_row(cells) and not any(_code_at(cells, i)[0] for i in range(len(cells))):
            label = squeeze("".join(c for c in cells if not is_amount(c)))
            if label and not label.endswith(("合计", "总计", "小计")) and not (table.layout == "raw" and not label):
                skipped.append(row)
            continue
        if pending is not None:
            if is_data_row(cells):
                k = first_amount(cells)
                lead = cells[:k]
                values, _ = row_values(table, cells, k)
                name = squeeze("".join(pending[1] + lead))
                items.append(_item(table, pending[0], name, values, pending[2]))
                pending = None
                continue
            if not starts_code(cells):
                pending[1].append("".join(cells))
                continue
            warnings.append(f"{table.title}: 第{pending[2].no}行 [{pending[0]}] 没有金额，已跳过 (row without amounts)")
            pending = None
        i = 0
        while i < len(cells):
            code, name, nxt = _code_at(cells, i)
            if code is None:
                i += 1
                continue
            pair = _paired(cells, code, name, nxt)
            if pair is not None:  # 部门经济 and 政府经济 codes side by side: the 部门 one keys the row
                (code, name), (other, other_name), nxt = pair
                pairs[len(items)] = (other, other_name)
            if nxt >= len(cells) or not any(is_amount(c) for c in cells[nxt:]):
                if table.layout == "raw" or not any(is_amount(c) for c in cells):
                    pending = [code, [name], row.line]
                break
            values, i = row_values(table, cells, nxt)
            items.append(_item(table, code, name, values, row.line))
            just_read = items[-1]
    if pending is not None:
        warnings.append(f"{table.title}: 第{pending[2].no}行 [{pending[0]}] 没有金额，已跳过 (row without amounts)")
    mark_pairs(items, [pairs.get(n) for n in range(len(items))])
    unit_of = {row.line.no: row.unit for row in table.rows}  # a table printed unit by unit: each row's unit
    mark_units(items, [unit_of.get(item.source.line) for item in items])
    if items and skipped:
        where = ", ".join(str(r.line.no) for r in skipped[:5]) + ("…" if len(skipped) > 5 else "")
        first = squeeze(" ".join(skipped[0].cells))[:30]
        warnings.append(f"{table.title}: {len(skipped)} 行没有科目编码，已跳过 (rows without a code skipped) "
                        f"第{where}行: {first}")
    return items, warnings


def _split_code_columns(table: Table) -> list[int] | None:
    """A table whose code is printed in 类 / 款 / 项 columns: the tsv columns of those parts (an
    empty list in raw text, where the parts are the row's leading tokens); None for a single code."""
    if table.layout == "tsv":
        cols = [i for i, c in enumerate(table.columns) if c in ("类", "款", "项")]
        return cols if len(cols) >= 2 else None
    return [] if re.search(r"类款项|类款|款项", table.header_text) else None


def _join_split_code(cells: list[str], columns: list[int], context: list[str]) -> list[str]:
    """The row with its 类/款/项 parts joined into one code cell ("201", "03", "01" → "2010301"); a
    part left blank is taken from the rows above ("", "", "01" under 201 / 03 → "2010301")."""
    if columns:  # tsv: the parts sit in known columns
        parts = [cells[i].strip() if i < len(cells) else "" for i in columns]
    else:  # raw: the leading tokens, a class of three digits then parts of two
        lead = []
        for token in cells[:3]:
            if re.fullmatch(r"[2-5]\d{2}" if not lead else r"\d{2}", token) or (not lead and context and re.fullmatch(r"\d{2}", token)):
                lead.append(token)
            else:
                break
        if not lead or (len(lead[0]) == 2 and len(lead) == 1 and len(context) != 1):
            return cells  # a lone two-digit part could be a 款 or a 项: leave the row as printed
        parts = ([""] if len(lead[0]) == 2 else []) + lead
    if not all(re.fullmatch(r"\d{2,3}|", p) for p in parts) or not any(parts):
        return cells
    last = max(i for i, p in enumerate(parts) if p)
    filled = []
    for depth in range(last + 1):
        part = parts[depth] or (context[depth] if depth < len(context) else "")
        if not part:
            return cells
        filled.append(part)
    code = "".join(filled)
    if not CODE.match(code):
        return cells
    context[:] = filled[:2]
    if columns:
        out = list(cells)
        for i in columns:
            if i < len(out):
                out[i] = ""
        out[columns[0]] = code
        return out
    return [code] + cells[len(lead):]


def starts_code(cells: list[str]) -> bool:
    nonempty = [c for c in cells if c]
    return bool(nonempty) and any(p.match(nonempty[0]) for p in (CODE, _BRACKET_CODE, _GLUED_CODE))


def _code_at(cells: list[str], i: int) -> tuple[str | None, str, int]:
    """(code, name, index after the name) when a code starts at cell i."""
    cell = cells[i]
    if not cell or cell[0] not in "[2345":  # every code form starts so; most cells are amounts or blank
        return None, "", i + 1
    m = _BRACKET_CODE.match(cell)
    if m:
        if m.group(2):
            return m.group(1), squeeze(m.group(2)), i + 1
        j = i + 1
        while j < len(cells) and not cells[j]:
            j += 1
        if j < len(cells) and not is_amount(cells[j]):
            return m.group(1), squeeze(cells[j]), j + 1
        return m.group(1), "", j
    m = _GLUED_CODE.match(cell)
    if m:
        return m.group(1), squeeze(m.group(2)), i + 1
    m = CODE.match(cell)
    if m and not cell.startswith("["):
        j = i + 1
        name = []
        while j < len(cells) and (not cells[j] or not is_amount(cells[j])):
            name.append(cells[j])
            j += 1
        if name and squeeze("".join(name)) or j >= len(cells):
            return m.group(1), squeeze("".join(name)), j
    return None, "", i + 1


def _paired(cells: list[str], code: str, name: str, nxt: int) -> tuple[tuple[str, str], tuple[str, str], int] | None:
    """A 部门经济 code and a 政府经济 code printed side by side, each with its name ('301 工资福利支出 501
    机关工资福利支出 493.12'): ((部门 code, name), (政府 code, name), index after both); None otherwise.
    The second must be of the other scheme (3xx ↔ 5xx) and named, so that no amount is taken for it."""
    if nxt >= len(cells) or code[0] not in "35":
        return None
    other, other_name, after = _code_at(cells, nxt)
    if other is None or not other_name or {code[0], other[0]} != {"3", "5"}:
        return None
    pair = ((code, name), (other, other_name))
    return (pair if code[0] == "3" else pair[::-1]) + (after,)


def _item(table: Table, code: str, name: str, values: dict[str, float], line: Line) -> LineItem:
    cls = table.classification
    if cls is None or (cls == "functional" and code[0] != "2") or (cls == "economic" and code[0] == "2"):
        cls = "functional" if code[0] == "2" else "economic"
    return LineItem(table=table.title, code=code, name=name, values=values, classification=cls,
                    source=Source(table=table.title, line=line.no, page=line.page))
