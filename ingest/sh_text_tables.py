"""Tables of the Shanghai family read from text lines: pages whose tables have no ruling, or .txt
extractions of the family.

A row such as '201 13 01 行政运行 9,389,913.00 9,389,913.00' under a '合计 基本支出 项目支出' header
line gives one `Cell` per figure. In a PDF each token keeps its x position (`PdfPage.runs`), so a
figure goes to the header it stands under even when blank cells vanish from the text; in plain text
the headers fit only when every column has a figure.
"""

from __future__ import annotations

import re

from ingest.reader import Document, Line
from ingest.sh_tables import ENUMERATOR, UNIT, Cell, classification_by_code, squeeze, to_wan
from ingest.text import is_amount

_TEXT_ROW = re.compile(r"^(\d{3})(?:\s+(\d{2}))?(?:\s+(\d{2}))?\s+([^\d\s][^\s]*?)((?:\s+-?[\d,]+(?:\.\d+)?)+)\s*$")
_HEADER_SKIP = {"项目", "类", "款", "项", "科目名称", "功能分类科目名称", "经济分类科目名称"}
_HEADER_WORDS = ("合计", "支出", "收入", "经费", "决算数", "预算数", "小计")


def text_cells(doc: Document, pages: set[int] | None = None) -> list[Cell]:
    """Cells read from text lines (all lines, or only those on `pages`), for tables without ruling."""
    out: list[Cell] = []
    title, unit = "", next((m.group(1) for ln in doc.lines if (m := UNIT.search(ln.text))), "元")
    headers: list[str] = []
    text = ""
    for line in doc.lines:
        previous, text = text, line.text.strip()
        squeezed = squeeze(text)
        if (m := UNIT.search(text)) is not None:
            unit = m.group(1)
        if squeezed.endswith("表") and len(squeezed) < 60 and not UNIT.search(text):
            title, headers = squeezed, []
            continue
        tokens = text.split()
        if tokens and not any(is_amount(t) for t in tokens) and any(w in t for t in tokens for w in _HEADER_WORDS):
            found = [t for t in tokens if t not in _HEADER_SKIP and "编码" not in t]
            if len(found) >= 2 or "合计" in found:
                headers = found
            continue
        if pages is not None and line.page not in pages:
            continue
        out.extend(_text_row(_rejoined(previous, text), title, unit, headers, line))
    return out


def _rejoined(previous: str, text: str) -> str:
    """A row whose figures an extraction put on a line of their own, below their names (digits in
    a second font): '本年收入合计 本年支出合计' / '2,946.25 2,940.05' → label, figure, label, figure;
    '行政运行' / '201 06 01 1,511.90 1,511.89' → the code row with its name."""
    tokens, labels = text.split(), previous.split()
    if not tokens or not labels or any(is_amount(t) for t in labels) or _TEXT_ROW.match(text):
        return text
    if all(is_amount(t) for t in tokens) and len(tokens) == len(labels):
        return " ".join(f"{a} {b}" for a, b in zip(labels, tokens, strict=True))
    m = re.match(r"^(\d{3}(?:\s+\d{2}){0,2})((?:\s+-?[\d,]+(?:\.\d+)?)+)\s*$", text)
    if m and len(labels) == 1 and not labels[0].endswith("表"):
        return f"{m.group(1)} {ENUMERATOR.sub('', labels[0])}{m.group(2)}"
    return text


def _text_row(text: str, title: str, unit: str, headers: list[str], line: Line) -> list[Cell]:
    m = _TEXT_ROW.match(text)
    if m:
        code = "".join(p for p in m.group(1, 2, 3) if p)
        label, amounts = ENUMERATOR.sub("", m.group(4)), m.group(5).split()
    else:
        tokens = text.split()
        if len(tokens) < 2 or tokens[0] not in ("合计", "总计") or not all(is_amount(t) for t in tokens[1:]):
            return _label_pairs(tokens, title, unit, line)
        code, label, amounts = None, tokens[0], tokens[1:]
    # Blank cells vanish from text: column headers fit only when every column has a number.
    names = headers if len(headers) == len(amounts) else headers[:1] or ["金额"]
    cells = []
    for name, amount in zip(names, amounts, strict=False):
        value = to_wan(amount, unit)
        if value is not None:
            classification = classification_by_code(code) if code else None
            cells.append(Cell(title, label, name, value, code, classification, line.no, line.page))
    return cells


def _label_pairs(tokens: list[str], title: str, unit: str, line: Line) -> list[Cell]:
    """'本年收入合计 2,946.25 本年支出合计 2,940.05' → a cell per label with the number after it."""
    cells, label = [], None
    for token in tokens:
        if is_amount(token) and label:
            value = to_wan(token, unit)
            if value is not None:
                cells.append(Cell(title, label, "", value, None, None, line.no, line.page))
            label = None
        elif not is_amount(token):
            label = ENUMERATOR.sub("", token)
    return cells
