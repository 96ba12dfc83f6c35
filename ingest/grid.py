"""The ruled tables of a PDF as the national templates print them, whatever the region.

Every 部门预算 / 部门决算 publishes the Ministry of Finance's tables (收支总表, 支出总表,
一般公共预算支出表, “三公”经费表, 项目支出表 …) under its own numbering (表一, 公开05表, 预算表9,
附表3) and layout. This module turns each ruled table that pdfplumber found (`ingest.pdf.PdfTable`)
into a `Grid`: its title (the nearest title line above it, its number removed), its unit of money
from its own 单位 line (元, 千元, 万元, 亿元), its header (one name per column, merged header
cells spread over the columns they cover) and its body rows with the document line of each.
A table without a title of its own at the top of a page continues the table of the page before.

What the rows mean (codes, totals, programs) is read by `ingest.grid_read`.

    grids(doc)    the document's tables, in page order
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from ingest.gd_tables import is_title, table_title
from ingest.reader import Document
from ingest.text import UNIT_FACTORS, squeeze

# Amounts in a table's unit → 万元.
_UNIT = re.compile(r"(?:金额)?单位[：:]\s*(千元|万元|亿元|元)")
_AMOUNT = re.compile(r"^-?\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^-?\d+(?:\.\d+)?$")
_DASH = re.compile(r"^[-－—–]{1,2}$")
# "表一", "公开05表", "预算表9", "附表3-1", "表 1": a table's number on a line of its own.
_NUMBER_ONLY = re.compile(r"^(?:附?表[\d一二三四五六七八九十]+(?:[-－]\d+)?|[\u4e00-\u9fff]{0,4}\d{1,2}表|预算表\d+)$")
_COLUMN_NUMBERS = re.compile(r"^(?:\*\*|栏次|[\d一二三四五六七八九十]{1,3}|[A-Z])$")


@dataclass
class GridRow:
    cells: list[str]  # one text per column, wrapped lines joined, merged cells only in their first column
    line: int | None  # 1-based document line of the row
    page: int
    indents: list[float | None] = field(default_factory=list)  # per column: text's distance from the rule (pt)


@dataclass
class Grid:
    title: str
    page: int
    unit: str = "万元"
    header: list[list[str]] = field(default_factory=list)  # per column: its header names, outermost first
    rows: list[GridRow] = field(default_factory=list)
    lead: list[GridRow] = field(default_factory=list)  # the rows read as its header, as printed

    @property
    def columns(self) -> list[str]:
        """The innermost header name of each column ('' where the column has none)."""
        return [parts[-1] if parts else "" for parts in self.header]

    def amount(self, cell: str) -> float | None:
        """A printed amount in 万元, converted exactly from the table's unit; a dash is 0."""
        text = squeeze(cell).replace("，", ",")
        if _DASH.match(text):
            return 0.0
        if not _AMOUNT.match(text):
            return None
        try:
            value = Decimal(text.replace(",", "")) * UNIT_FACTORS[self.unit]
        except InvalidOperation:
            return None
        return float(value.normalize())


def is_amount(cell: str) -> bool:
    text = squeeze(cell)
    return bool(_AMOUNT.match(text) or _DASH.match(text))


def _printed_amount(cell: str) -> bool:
    """An amount as tables print them (with a decimal point or thousands separator)."""
    text = squeeze(cell)
    return bool(_AMOUNT.match(text)) and ("." in text or "," in text)


def grids(doc: Document) -> list[Grid]:
    """Every ruled table of the PDF as a `Grid`, continuations merged into the table they continue."""
    out: list[Grid] = []
    for page in doc.pdf_pages:
        lines = doc.lines[page.first_line: page.first_line + page.line_count]
        above_from = 0.0
        for n, table in enumerate(sorted(page.tables, key=lambda t: t.top)):
            above = [ln for ln in lines if ln.top is not None and above_from - 1 <= ln.top < table.top - 0.5]
            inside = [ln for ln in lines if ln.top is not None and table.top - 0.5 <= ln.top < table.bottom]
            above_from = table.bottom
            title = _title(above)
            unit = _unit(above) or _unit(inside[:3])
            rows = [[squeeze(c) if c else "" for c in row] for row in table.rows]
            filled = [[squeeze(c) for c in row] for row in table.filled]
            start = _body_start(rows)
            captions = _captions(filled[:start])
            if captions:
                title = next(filter(None, map(clean_title, filter(None, captions))), None) or title
                unit = unit or _unit_of(captions)
                rows, filled, start = rows[len(captions):], filled[len(captions):], start - len(captions)
                row_lines = table.row_lines[len(captions):]
            else:
                row_lines = table.row_lines
            previous = out[-1] if out else None
            # A table at the top of a page, without a title or under its title repeated, with as
            # many columns as the table before: that table going on over a page break.
            continues = (n == 0 and previous is not None and bool(rows) and len(previous.header) == len(rows[0])
                         and (title is None or title == previous.title and _header(filled[:start]) == previous.header))
            if continues:
                grid = previous
                if _header(filled[:start]) != previous.header:
                    start = 0  # no header repeated: every row is the table's
            else:
                # the first table of a page without a title goes on with the title before it
                same_width = previous is not None and bool(rows) and len(previous.header) == len(rows[0])
                grid = Grid(title=title or (previous.title if same_width and n == 0 else ""), page=page.number,
                            unit=unit or "万元", header=_header(filled[:start]),
                            lead=[GridRow(c, ln, page.number) for c, ln in zip(rows[:start], row_lines, strict=False)])
                out.append(grid)
            if unit and not continues:
                grid.unit = unit
            for cells, line in zip(rows[start:], row_lines[start:], strict=False):
                if any(cells) and not all(_COLUMN_NUMBERS.match(c) for c in cells if c):
                    grid.rows.append(GridRow(cells, line, page.number, _indents(page.runs.get(line), table.column_x)))
    return [g for g in out if g.rows or g.lead]


# What may stand before a title: its number in any of the national numberings and the department
# and year ("表3", "公开05表", "预算表9", "（十）", "三、", "1.", "某局2026年").
_TITLE_PREFIX = re.compile(r"^(?:附?表\s*(?:\d+|[一二三四五六七八九十]+)(?:[-－—]\d+)?[：:、.．]?|[\u4e00-\u9fff]{0,4}\d{1,2}表"
                           r"|预算表\d+|[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+[、.．]"
                           r"|\d{1,2}[、.．](?!\d)|\S{0,40}?\d{4}年度?)")
_TITLE_NOTE = re.compile(r"[（(](?:[^（）()]*表\s*\d+|\d{4}年度?)[）)]$")  # "(预算表1)", "（2026年度）"


def clean_title(text: str) -> str | None:
    """A title line as the table's name ('表一 2026年部门收支总体情况表' → '部门收支总体情况表'), or
    None when the line is no table title."""
    title = _TITLE_NOTE.sub("", _UNIT.split(squeeze(text))[0])
    for _ in range(3):
        title = _TITLE_PREFIX.sub("", title, count=1) if not is_title(title) or _TITLE_PREFIX.match(title) else title
        if is_title(title) and not _TITLE_PREFIX.match(title):
            break
    # a title may open with a number of its own name ('96196电梯…项目绩效目标表')
    core = title.lstrip("0123456789")
    if is_title(core) or 4 <= len(core) <= 45 and _OTHER_TITLES.search(core) and "。" not in core:
        return table_title(title)
    return None


_OTHER_TITLES = re.compile(r"(?:预算|决算|绩效|情况|明细|汇总|支出|收入|目标|经费)表$")


def _indents(runs, column_x: list[float]) -> list[float | None]:
    """How far each column's text of a row starts from the column's left rule: the level of a
    classified row printed by name only (类 flush, 款 and 项 indented)."""
    out: list[float | None] = []
    for left, right in zip(column_x, column_x[1:], strict=False):
        starts = [x0 - left for x0, _x1, _t in runs or () if left <= x0 < right]
        out.append(min(starts) if starts else None)
    return out


def _title(lines) -> str | None:
    """The title among the lines above a table: the nearest line (or two lines joined) that reads
    as a table title, without its number and year."""
    texts = [squeeze(ln.text) for ln in lines]
    for i in range(len(texts) - 1, -1, -1):
        for candidate in (texts[i], texts[i - 1] + texts[i] if i else ""):
            title = clean_title(candidate) if candidate else None
            if title:
                return title
    return None


def _unit(lines) -> str | None:
    return _unit_of([ln.text for ln in lines])


def _unit_of(texts: list[str]) -> str | None:
    for text in texts:
        m = _UNIT.search(squeeze(text))
        if m:
            return m.group(1)
    return None


def _captions(header: list[list[str]]) -> list[str]:
    """The caption rows that open a ruled table (its number and title, '预算单位：…', '单位：万元'
    printed inside the ruling): leading rows whose every text is one of those."""
    out = []
    for cells in header:
        distinct = list(dict.fromkeys(c for c in cells if c))
        if not distinct:  # a blank row of the ruling
            out.append("")
            continue
        if not all(clean_title(c) or _NUMBER_ONLY.match(c) or _CAPTION.search(c) for c in distinct):
            break
        if len(distinct) > 1 and any(_YEAR.match(c) for c in distinct):
            break  # '2025年 | 2026年' heads columns
        out.append("".join(distinct))
    while out and not out[-1]:
        out.pop()
    return out


_CAPTION = re.compile(r"单位[：:]|部门[：:]|编制单位|^部门名称|^[（(]?\d{4}年度?[）)]?$")
_YEAR = re.compile(r"^[（(]?\d{4}年度?[）)]?$")


def _body_start(rows: list[list[str]]) -> int:
    """Index of the first body row: the first with a printed amount, after the header."""
    for i, cells in enumerate(rows):
        if any(_printed_amount(c) for c in cells):
            return i
    return len(rows)


def _header(rows: list[list[str]]) -> list[list[str]]:
    """Per column, the header names from the top down, repeats of a merged cell and the row of
    column numbers (栏次) left out."""
    width = max((len(r) for r in rows), default=0)
    out: list[list[str]] = [[] for _ in range(width)]
    for cells in rows:
        if cells and all(_COLUMN_NUMBERS.match(c) for c in cells if c):
            continue
        for i, cell in enumerate(cells):
            name = cell.removeprefix("其中：").removeprefix("其中:")
            if name and (not out[i] or out[i][-1] != name):
                out[i].append(name)
    return out
