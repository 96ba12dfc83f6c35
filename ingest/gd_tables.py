"""Tables of the Guangdong family, in both layouts: tab-separated rows ("tsv") or raw PDF text.

A table starts at its title line ("支出总体情况表", "一般公共预算支出情况表（按功能分类科目）") and
runs to the next title or part heading; a title repeated after a page break continues the same
table. Its header is the block of lines between the title and the first row of numbers; the same
header lines met again later (a page break) are skipped.

    find_tables(lines, layout)   the tables of a document, with their header and rows
Every classified row (功能/经济分类 code, name, values by column): `ingest.gd_items.line_items`.
Totals printed in the tables (本年收入合计, 基本支出, 行政经费 …): `ingest.gd_totals`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from ingest.prose import PART, is_page_number
from ingest.reader import Line
from ingest.text import parse_amount, squeeze, yuan_to_wan

_TITLE_WORDS = ("预算表", "决算表", "情况表", "总表", "明细表", "支出表", "收入表", "绩效目标表")
_AMOUNT = re.compile(r"^[-－]?\d[\d,，]*(?:\.\d+)?$")
CODE = re.compile(r"^\[?([2-5]\d{2}(?:\d{2}){0,2})\]?$")
_UNIT_LINE = re.compile(r"单位[：:]\s*(万元|元)")
_TRAILING_UNIT = re.compile(r"\s*(?:金额)?单位[：:]\s*万?元\s*$")
_UNIT_NAME = re.compile(r"单位名称[：:]\s*(\S+)")
_NOISE = re.compile(r"^(?:单位[：:]|单位名称[：:]|部门[：:]|表\s*\d+$|注[：:])")

# Column headers in the order the standard tables print them; used where the raw layout scatters
# a header over many lines. The first list whose length is the row's number of values and whose
# words all occur in the header wins.
TEMPLATES: list[list[str]] = [
    ["合计", "一般公共预算", "政府性基金预算", "国有资本经营预算", "教育收费", "其他专户收入拨款", "事业收入", "经营收入",
     "其他收入", "上级补助收入", "附属单位上缴收入", "用事业基金弥补收支差额"],
    ["合计", "基本支出", "项目支出", "事业单位经营支出", "对附属单位补助支出", "上缴上级支出", "结转下年"],
    ["本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"],
    ["本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"],
    ["总计", "合计", "一般公共预算", "政府性基金预算", "国有资本经营预算", "财政专户拨款", "其他资金"],
    ["年初结转和结余", "本年收入", "小计", "基本支出", "项目支出", "年末结转和结余"],
    ["合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"],
    ["小计", "基本支出", "项目支出"],
    ["本年支出合计", "基本支出", "项目支出"],
    ["合计", "基本支出", "项目支出"],
]
_SINGLE = ("预算", "决算数", "金额", "合计", "预算数")


@dataclass
class Row:
    cells: list[str]  # tsv: the cells by column; raw: the whitespace-separated tokens
    line: Line
    repeats_header: bool = False  # the line reads like one of the table's header lines
    unit: str | None = None  # the 单位名称 printed last above the row: a table printed unit by unit


@dataclass
class Table:
    title: str
    layout: str
    header: list[Line] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    in_yuan: bool = False  # "单位：元": amounts are converted to 万元

    def amount(self, cell: str) -> float | None:
        """A printed amount in 万元 (exactly converted when the table is printed in 元); a dash
        printed for nothing is 0."""
        if is_dash(cell):
            return 0.0
        return yuan_to_wan(cell) if self.in_yuan else parse_amount(cell)

    # Cached: a table's header is complete once find_tables has returned it.
    @cached_property
    def header_text(self) -> str:
        return squeeze("".join(line.text for line in self.header))

    @property
    def classification(self) -> str | None:
        if "经济分类" in self.title or "经济分类" in self.header_text or "经济科目" in self.header_text:
            return "economic"
        if "功能分类" in self.title or "功能分类" in self.header_text or "功能科目" in self.header_text:
            return "functional"
        return None

    @cached_property
    def header_names(self) -> set[str]:
        """The names of the tsv header cells. find_tables first asks for them at the table's first
        row, after which no line joins the header."""
        return {_header_name(c) for line in self.header for c in line.text.split("\t") if c.strip()}

    @cached_property
    def columns(self) -> list[str]:
        """Header name per tsv column: the lowest non-empty header cell of each column."""
        names: list[str] = []
        for line in self.header:
            cells = [_header_name(c) for c in line.text.split("\t")]
            if "栏次" in "".join(cells):
                continue
            for i, cell in enumerate(cells):
                while len(names) <= i:
                    names.append("")
                if cell:
                    names[i] = cell
        return names


def _header_name(cell: str) -> str:
    cell = squeeze(cell)
    return cell[3:] if cell.startswith(("其中：", "其中:")) else cell


def layout_of(lines: list[Line]) -> str:
    """'tsv' when table rows are tab-separated, else 'raw'."""
    return "tsv" if sum("\t" in line.text for line in lines) >= 10 else "raw"


_BRACKETED_END = re.compile(r"[（(][^）)]*[）)]$")


def is_title(text: str) -> bool:
    if "表" not in text:  # a title ends with 表 (before any bracketed note): most lines fail here, cheaply
        return False
    s = squeeze(text)
    core = _BRACKETED_END.sub("", s)
    return (4 <= len(s) <= 45 and not s.startswith(("-", "注")) and not PART.match(s) and "。" not in s and "：" not in s
            and core.endswith("表") and any(w in core for w in _TITLE_WORDS) and not _AMOUNT.match(s[:1] or "x"))


# What may stand before a table's own title: its number ("表3", "附表1-2：", "三、", "3.") and the
# department and year ("某局2025年").
_TITLE_PREFIX = re.compile(r"^(?:附?表\s*[\d一二三四五六七八九十]+(?:[-－—]\d+)?[：:、.．]?|[一二三四五六七八九十]+、"
                           r"|\d{1,2}[、.．](?!\d)|\S{0,40}?\d{4}年度?)")


def table_title(text: str) -> str:
    """A title line without its number or its department-and-year prefix: '表3 部门支出总表' →
    '部门支出总表', so that tables are known by what they are whatever the numbering."""
    title = squeeze(text)
    for _ in range(2):  # "表3 2025年部门支出总表"
        rest = _TITLE_PREFIX.sub("", title, count=1)
        if rest == title or not is_title(rest):
            break
        title = rest
    return title


def cells_of(text: str, layout: str) -> list[str]:
    if layout == "tsv" and "\t" in text:
        return [c.strip() for c in text.split("\t")]
    return text.split()


def is_amount(cell: str) -> bool:
    return bool(_AMOUNT.match(cell))


_DASH = re.compile(r"^[-－—–]{1,2}$")


def is_dash(cell: str) -> bool:
    """A dash printed in an amount column for nothing ("-", "—", "--")."""
    return bool(_DASH.match(cell.strip()))


def is_value(cell: str) -> bool:
    """A cell of a row's run of values: an amount or a dash for nothing."""
    return is_amount(cell) or is_dash(cell)


def joined_labels(cells: list[str], layout: str) -> list[str]:
    """Raw-text tokens with the words of one label joined ("本年收入 合 计" → "本年收入合计"), for
    finding labelled rows; tab-separated cells are already whole."""
    if layout == "tsv":
        return cells
    out: list[str] = []
    for cell in cells:
        if out and not is_value(cell) and not is_value(out[-1]):
            out[-1] += cell
        else:
            out.append(cell)
    return out


def first_amount(cells: list[str]) -> int:
    """Index of the row's first printed amount (with a decimal point or thousands separator), so
    that numbers inside a name ("12345 热线", "2021 年") are not taken for its values."""
    printed = (i for i, c in enumerate(cells) if is_amount(c) and ("." in c or "," in c))
    return next(printed, next(i for i, c in enumerate(cells) if is_amount(c)))


def is_data_row(cells: list[str]) -> bool:
    """A row with at least one printed amount (a decimal or thousands separator), not a 栏次 row."""
    if any("栏" in c and ("栏次" in squeeze(c) or squeeze(c) == "栏") for c in cells[:2]):
        return False
    return any(("." in c or "," in c) and _AMOUNT.match(c) for c in cells)


def find_tables(lines: list[Line], layout: str, contents: set[int] | frozenset[int] = frozenset()) -> list[Table]:
    """The tables of the document in order; consecutive tables of the same title are merged. A title
    on a line of `contents` (the 目录) opens no table: the lines after it are the document's text."""
    tables: list[Table] = []
    current: Table | None = None
    header_seen: set[str] = set()
    in_header = False
    in_yuan = False  # the latest "单位：元/万元" statement; raw text prints it above the title
    skip: Line | None = None  # the second line of a title wrapped over two
    unit_name: str | None = None  # the latest 单位名称: above or below its table's title
    for n, line in enumerate(lines):
        text = line.text.strip()
        if not text or is_page_number(text) or line is skip:
            continue
        wrapped = _wrapped_title(text, lines, n)
        if wrapped is not None:
            text, skip = wrapped
        named = _UNIT_NAME.search(text)
        if named:
            unit_name = named.group(1)
        unit = _UNIT_LINE.search(text)
        if unit:
            in_yuan = unit.group(1) == "元"
            if current is not None and in_header:
                current.in_yuan = in_yuan
            titled = _TRAILING_UNIT.sub("", text)
            if titled != text and is_title(titled):
                text = titled  # "部门收支总表 单位：元": the title with its unit on the same line
        key = squeeze(text)
        title_line = is_title(text)
        if PART.match(key) and current is not None and not title_line:
            current, in_header = None, False
            continue
        if title_line and line.no in contents:
            current, in_header = None, False
            continue
        if title_line:
            title = table_title(text)
            if current is not None and current.title == title:
                in_header = False  # the title repeated after a page break: same table
                continue
            current = Table(title=title, layout=layout, in_yuan=in_yuan)
            tables.append(current)
            header_seen, in_header = set(), True
            continue
        if current is None or _NOISE.match(key):
            continue
        cells = cells_of(line.text, layout)
        if in_header and not is_data_row(cells):
            current.header.append(line)
            header_seen.add(key)
            continue
        in_header = False
        repeat = key in header_seen or (layout == "tsv" and _is_header_repeat(cells, current))
        current.rows.append(Row(cells, line, repeats_header=repeat, unit=unit_name))
    for table in tables:
        table.rows = _without_repeated_headers(table.rows, layout)
    return tables


def _wrapped_title(text: str, lines: list[Line], n: int) -> tuple[str, Line] | None:
    """A title wrapped over two lines ("一般公共预算支出情况表（按功能分类科" / "目）", "…“三公”
    经费支出决算" / "表"): the joined title and the line that ends it."""
    if is_title(text) or not 4 <= len(squeeze(text)) <= 45:  # the joined title would be as long at least
        return None
    following = next((line for line in lines[n + 1:n + 4] if line.text.strip()), None)
    if following is None:
        return None
    rest = following.text.strip()
    joined = text + rest
    if not is_title(joined) or is_title(rest) or any(is_amount(c) for c in text.split()) or (
            len(squeeze(rest)) > 12 and "（" not in text and "(" not in text):
        return None
    return joined, following


def _without_repeated_headers(rows: list[Row], layout: str) -> list[Row]:
    """Drop the header printed again after a page break. In raw text that is a run of two or more
    header-like lines, or a single header line of several cells that follows a complete row
    ("[30226]劳务费 3.33" / "部门预算支出经济科目 预算"). Any other single one is kept, for it is a
    wrapped name that happens to read like a header fragment ("支出")."""
    out: list[Row] = []
    i = 0
    while i < len(rows):
        if rows[i].repeats_header:
            j = i
            while j < len(rows) and rows[j].repeats_header:
                j += 1
            after_complete_row = i > 0 and is_data_row(rows[i - 1].cells)
            whole_header_line = j - i == 1 and len(rows[i].cells) >= 2 and after_complete_row
            if layout == "tsv" or j - i >= 2 or whole_header_line:
                i = j
                continue
        out.append(rows[i])
        i += 1
    return out


def _is_header_repeat(cells: list[str], table: Table) -> bool:
    if is_data_row(cells):
        return False
    names = {squeeze(c) for c in cells if c.strip()}
    return bool(names) and names <= table.header_names | {"栏次"}


_LABEL_COLUMN = re.compile(r"科目名称|科目编码|编码|^项目$|名称|类别|^功能分类科目$|^经济分类科目$")


def _aligned(cols: list[str], positions: list[int]) -> list[int]:
    """Positions moved right when a row lost its leading empty cells (an extractor that strips the
    line): a first amount under a label column (科目名称) belongs to the first value column."""
    first = positions[0]
    if first >= len(cols) or not _LABEL_COLUMN.search(cols[first]):
        return positions
    target = next((j for j in range(first + 1, len(cols)) if cols[j] and not _LABEL_COLUMN.search(cols[j])), None)
    if target is None or positions[-1] + target - first >= len(cols):
        return positions
    return [i + target - first for i in positions]


def value_names(table: Table, first: int, count: int, positions: list[int] | None) -> list[str]:
    """Names for `count` values of a row: the tsv header columns at their positions, or a template
    of the standard headers found in the raw header, or '列1'…"""
    if table.layout == "tsv" and positions:
        cols = table.columns
        positions = _aligned(cols, positions)
        names = [cols[i] if i < len(cols) and cols[i] else "" for i in positions]
        if all(names) and len(set(names)) == len(names):
            return names
    header = table.header_text
    for template in TEMPLATES:
        if len(template) == count and all(word in header for word in template):
            return template
    if count == 1:
        word = next((w for w in _SINGLE if w in header), None)
        if word:
            return [word]
    found = _header_words(header)
    if len(found) == count and len(set(found)) == count:
        return found
    return [f"列{i + 1}" for i in range(count)]


# Column words of other table sets (the 2025 部门收入总表: 财政专户管理资金, 单位资金; 上年结转 …).
_MORE_WORDS = {"决算数", "预算数", "执行数", "年初预算数", "财政专户管理资金", "单位资金", "财政拨款", "上年结转",
               "财政拨款结转", "单位自有资金", "事业单位经营收入", "人员经费", "公用经费", "小计"}
_VOCABULARY = sorted({w for t in TEMPLATES for w in t} | set(_SINGLE) | _MORE_WORDS, key=len, reverse=True)


def _header_words(header: str) -> list[str]:
    """The standard column words of a header in reading order, longest first where they overlap."""
    taken = [False] * len(header)
    hits: list[tuple[int, str]] = []
    for word in _VOCABULARY:
        start = header.find(word)
        while start >= 0:
            if not any(taken[start:start + len(word)]):
                hits.append((start, word))
                for k in range(start, start + len(word)):
                    taken[k] = True
            start = header.find(word, start + 1)
    return [w for _, w in sorted(hits)]


def row_values(table: Table, row_cells: list[str], start: int) -> tuple[dict[str, float], int]:
    """The run of amounts from `start`, named by column; returns the values and the index after."""
    positions, amounts = [], []
    i = start
    while i < len(row_cells):
        cell = row_cells[i]
        if CODE.match(cell) and i + 1 < len(row_cells) and row_cells[i + 1] and not is_amount(row_cells[i + 1]):
            break  # the next code of a two-column table
        if cell and not is_value(cell) or (not cell and table.layout != "tsv"):
            break
        if cell:
            positions.append(i)
            amounts.append(table.amount(cell))
        i += 1
    names = value_names(table, start, len(amounts), positions)
    return {n: a for n, a in zip(names, amounts, strict=True) if a is not None}, i
