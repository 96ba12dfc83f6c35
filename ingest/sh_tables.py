"""Tables of the Shanghai PDF family: ruled tables whose codes are split into 类/款/项 columns.

`read_tables(doc)` turns the `PdfTable`s of a PDF `Document` into `Cell`s — every number of every
table, in 万元, with the table's title, its row's code and name, and its column's header — and a
table that continues on the next page without a title keeps the title, unit and headers of the
one it continues. `line_items(cells)` groups the coded cells into `LineItem`s.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from ingest.pdf import PdfTable
from ingest.reader import Document, Line
from ingest.record import LineItem, Source
from ingest.text import is_amount, parse_amount, squeeze, yuan_to_wan

UNIT = re.compile(r"单位\s*[：:]\s*(万元|千元|元)")
_CODE_HEAD = ("编码", "类", "款", "项")
ENUMERATOR = re.compile(r"^(?:[一二三四五六七八九十]+、|\d+[\.．、]\s*|（[一二三四五六七八九十]+）)")
_NOT_AMOUNT = {"序号", "编号", "行次", "栏次", "单位编码", "单位代码"}  # numbered columns that are not money
_UNIT_CODE = ("单位编码", "单位代码", "预算单位编码")  # a budget unit's number, not a classification code


@dataclass
class Cell:
    """One number of one table: `label` is the row's name (without its 一、/1. enumerator),
    `header` the column's header path joined by '/', `value` in 万元."""

    table: str
    label: str
    header: str
    value: float
    code: str | None = None
    classification: str | None = None
    line: int | None = None
    page: int | None = None

    @property
    def column(self) -> str:
        return self.header.rsplit("/", 1)[-1]


@dataclass
class _Layout:
    title: str
    unit: str
    headers: list[str]  # header path per column
    code_cols: set[int] = field(default_factory=set)
    classification: str | None = None


def read_tables(doc: Document) -> list[Cell]:
    """Every number of every ruled table, in 万元, in document order; see `Cell`."""
    cells: list[Cell] = []
    layout: _Layout | None = None
    last_page = 0
    first_unit = next((m.group(1) for ln in doc.lines if (m := UNIT.search(ln.text))), "元")
    for page in doc.pdf_pages:
        page_lines = doc.lines[page.first_line: page.first_line + page.line_count]
        for table in page.tables:
            title, unit = _title_and_unit(page_lines, table)
            inner_title, inner_unit, first = _title_rows(table)
            title, unit = title or inner_title, unit or inner_unit
            header_rows = _header_row_count(table)
            width = len(table.filled[0]) if table.filled else 0
            if layout is not None and not title and width == len(layout.headers) and 0 <= page.number - last_page <= 1:
                # A page break: the table goes on, perhaps repeating its header rows. (Only onto the
                # next page: pages out of order must not lend a table another's title.)
                fresh = _layout(table, header_rows, layout.title, unit or layout.unit, first)
                if any(fresh.headers):
                    layout = fresh
                elif unit:
                    layout.unit = unit
            else:
                layout = _layout(table, header_rows, title or "", unit or (layout.unit if layout else first_unit), first)
            cells.extend(_table_cells(table, header_rows, layout))
            last_page = page.number
    return cells


def _title_and_unit(lines: list[Line], table: PdfTable) -> tuple[str | None, str | None]:
    above = [ln for ln in lines if ln.top is not None and ln.top < table.top - 0.5]
    unit = None
    for line in above:
        m = UNIT.search(line.text)
        if m:
            unit = m.group(1)
    title = None
    for line in above:
        text = squeeze(line.text)
        if text.endswith("表") and not UNIT.search(line.text):
            title = text  # the last such line above the table names it
    return title, unit


def _title_rows(table: PdfTable) -> tuple[str | None, str | None, int]:
    """A title or '单位：元' printed inside the table's first rows (one cell across the table):
    (title, unit, index of the first row that is neither)."""
    title = unit = None
    first = 0
    for row in table.rows[:3]:
        texts = [squeeze(c) for c in row if c and c.strip()]
        if len(texts) != 1 or _is_data_row(row):
            break
        m = UNIT.search(texts[0])
        if m:
            unit = m.group(1)
        elif texts[0].endswith("表"):
            title = texts[0]
        else:
            break
        first += 1
    return title, unit, first


def _is_data_row(row: list[str | None]) -> bool:
    return any(c and (is_amount(c) or re.fullmatch(r"\d{3}", c.strip())) for c in row)


def _header_row_count(table: PdfTable) -> int:
    for i, row in enumerate(table.rows):
        if _is_data_row(row):
            return i
    return len(table.rows)


def _layout(table: PdfTable, header_rows: int, title: str, unit: str, first: int = 0) -> _Layout:
    headers = []
    for col in range(len(table.filled[0])):
        path: list[str] = []
        for row in table.filled[first:header_rows]:
            text = squeeze(row[col])
            if text and (not path or path[-1] != text):
                path.append(text)
        headers.append("/".join(path))
    code_cols = {i for i, h in enumerate(headers) if any(p in _CODE_HEAD or "编码" in p for p in h.split("/"))
                 and not any(w in h for w in _UNIT_CODE)}
    if not any(headers):
        code_cols = _leading_code_columns(table.rows[header_rows:])
    heads = title + "".join(headers)
    classification = "economic" if "经济分类" in heads else "functional" if "功能分类" in heads else None
    return _Layout(title, unit, headers, code_cols, classification)


def _leading_code_columns(rows: list[list[str | None]]) -> set[int]:
    """Without a header, the leftmost columns holding only bare codes ('201', '26', '2012601')."""
    out: set[int] = set()
    for col in range(len(rows[0]) if rows else 0):
        texts = [squeeze(r[col]) for r in rows if col < len(r) and squeeze(r[col])]
        if not texts or not all(re.fullmatch(r"\d{2,7}", t) for t in texts):
            break
        out.add(col)
    return out if any(len(squeeze(r[c])) >= 3 for r in rows for c in out if c < len(r)) else set()


def to_wan(text: str, unit: str) -> float | None:
    """A printed amount in 万元, converted exactly from 元, 千元 or 亿元 (Decimal, no float rounding)."""
    text = text.strip().replace("－", "-").replace("−", "-")
    if unit == "元":
        return yuan_to_wan(text)
    if unit in ("千元", "亿元"):
        value = parse_amount(text)
        if value is None:
            return None
        scaled = Decimal(text.replace(",", "").replace("，", "")) * (Decimal("0.1") if unit == "千元" else 10000)
        return float(scaled.normalize())
    return parse_amount(text)


def _table_cells(table: PdfTable, header_rows: int, layout: _Layout) -> list[Cell]:
    out = []
    for r in range(header_rows, len(table.rows)):
        row = [(c or "").strip() for c in table.rows[r]]
        line = table.row_lines[r] if r < len(table.row_lines) else None
        for code, label, values in _segments(row, layout.code_cols):
            for col, text in values:
                value = to_wan(text, layout.unit)
                if value is None:
                    continue
                header = layout.headers[col] if col < len(layout.headers) else ""
                if header.rsplit("/", 1)[-1] in _NOT_AMOUNT:
                    continue
                classification = layout.classification or (classification_by_code(code) if code else None)
                out.append(Cell(layout.title, label, header, value, code, classification, line, table.page))
    return out


def classification_by_code(code: str) -> str | None:
    return {"2": "functional", "3": "economic", "5": "economic"}.get(code[:1])


_CODE_AND_NAME = re.compile(r"^[\[【]?(\d{3}(?:\s?\d{2}){0,2})[\]】]?(?!\d)\s*(\D.*)?$", re.S)


_SPACED_AMOUNT = re.compile(r"^-?\d{1,3}(?: \d{3})+\.\d+$")


def _cells(row: list[str], code_cols: set[int]) -> list[tuple[int, str, bool]]:
    """(column, text, is in a code column); a code cell printed with spaces ('201 26 01') or with
    its name ('2012601 行政运行', '[2012601]行政运行') gives the code, then the name."""
    out = []
    for col, text in enumerate(row):
        plain = text.strip()
        if _SPACED_AMOUNT.match(plain):
            text = plain = plain.replace(" ", "")  # '1 234 567.89': thousands set apart by spaces
        m = _CODE_AND_NAME.match(plain) if col in code_cols and (plain.isdigit() or not is_amount(plain)) else None
        if m:
            out.append((col, m.group(1).replace(" ", ""), True))
            if m.group(2) and m.group(2).strip():
                out.append((col, m.group(2).strip(), False))
        else:
            out.append((col, text, col in code_cols))
    return out


def _segments(row: list[str], code_cols: set[int]) -> list[tuple[str | None, str, list[tuple[int, str]]]]:
    """Split a row into (code, label, [(column, amount text)]) runs: a row of a two-column table
    ("收入 | 决算数 | 支出 | 决算数", or two economic-code columns side by side) holds two runs."""
    out: list[tuple[str | None, str, list[tuple[int, str]]]] = []
    code_parts: list[str] = []
    label, values = "", []

    def flush():
        if code_parts or label or values:
            out.append(("".join(code_parts) or None, label, list(values)))

    for col, text, is_code_col in _cells(row, code_cols):
        if text in ("类", "款", "项"):
            continue
        if is_code_col and re.fullmatch(r"\d{2,7}", text):
            if (label or values) or (len(text) >= 3 and code_parts):
                flush()
                code_parts, label, values = [], "", []
            code_parts.append(text)
        elif text and is_amount(text) and not (is_code_col and not label):
            values.append((col, text))
        elif text:
            if label and values or (label and not code_parts):
                flush()
                code_parts, label, values = [], "", []
            label = (label + squeeze(text)) if label else ENUMERATOR.sub("", squeeze(text))
    flush()
    return out


def line_items(cells: list[Cell]) -> list[LineItem]:
    """The coded rows, one `LineItem` per (table, row): `values` by column header, in 万元."""
    items: dict[tuple, LineItem] = {}
    for cell in cells:
        if not cell.code:
            continue
        key = (cell.table, cell.code, cell.label, cell.page if not cell.table else None)
        item = items.get(key)
        if item is None:
            item = items[key] = LineItem(cell.table, cell.code, cell.label, {}, cell.classification,
                                         source=Source(cell.table, cell.line, cell.page))
        name = cell.column if cell.column not in item.values else cell.header
        item.values[name or "金额"] = cell.value
    return list(items.values())
