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
from ingest.sh_tables import ENUMERATOR, UNIT, Cell, classification_by_code, to_wan
from ingest.text import is_amount, squeeze

# The code may touch its name ('2012601行政运行') where an extraction joins close glyphs.
_TEXT_ROW = re.compile(r"^(\d{3})(?:\s*(\d{2}))?(?:\s*(\d{2}))?\s*([\u4e00-\u9fff（(“A-Za-z][^\s]*?)((?:\s+-?[\d,]+(?:\.\d+)?)+)\s*$")
_HEADER_SKIP = {"项目", "类", "款", "项", "科目名称", "功能分类科目名称", "经济分类科目名称"}
_HEADER_WORDS = ("合计", "支出", "收入", "经费", "决算数", "预算数", "小计")


def text_cells(doc: Document, pages: set[int] | None = None) -> list[Cell]:
    """Cells read from text lines (all lines, or only those on `pages`), for tables without ruling."""
    out: list[Cell] = []
    title, unit = "", next((m.group(1) for ln in doc.lines if (m := UNIT.search(ln.text))), "元")
    headers: list[str] = []
    block: list[list] = []  # the positioned runs of the header lines above the rows (PDF only)
    columns: list[tuple[float, float, str]] | None = None
    runs = {no: r for page in doc.pdf_pages for no, r in getattr(page, "runs", {}).items()}
    text = ""
    for line in doc.lines:
        previous, text = text, line.text.strip()
        squeezed = squeeze(text)
        if (m := UNIT.search(text)) is not None:
            unit = m.group(1)
        if squeezed.endswith("表") and len(squeezed) < 60 and not UNIT.search(text):
            title, headers, block, columns = squeezed, [], [], None
            continue
        tokens = text.split()
        line_runs = runs.get(line.no) if [r[2] for r in runs.get(line.no, [])] == tokens else None
        if tokens and not any(is_amount(t) for t in tokens):
            if any(w in t for t in tokens for w in _HEADER_WORDS) and all(len(t) <= 16 for t in tokens):
                keep = [t for t in tokens if t not in _HEADER_SKIP and "编码" not in t]
                if len(keep) >= 2 or "合计" in keep:
                    headers = keep
                block, columns = (block if columns is None else []) + [line_runs or []], None
                continue
            if block and columns is None:
                # A header line wrapped ('本年收入合' / '计'): short words; a sentence ends the block.
                short = len(block) < 6 and all(len(t) <= 12 for t in tokens)
                block = block + [line_runs or []] if short else []
                continue
        if pages is not None and line.page not in pages:
            continue
        if columns is None:
            columns = _columns(block)
        row = _rejoined(previous, text)
        placed = _placed(columns, line_runs) if row == text else None
        out.extend(_text_row(row, title, unit, headers, line, placed))
    return out


_COMPLETE = ("合计", "小计", "支出", "收入", "经费", "数", "预算", "决算", "费", "金额")


def _columns(block: list[list]) -> list[tuple[float, float, str]] | None:
    """The figure columns of a header block, as (x0, x1, header path). Tokens of the block's lines
    that overlap in x are one column, read top down: a token continues the name above it when that
    was cut ('本年收入合' + '计'), or comes under it when it reads complete ('支出预算/基本支出'); a
    token spanning two tokens of a lower line heads a group and names no column."""
    if not block or not all(block):
        return None
    tokens = [(k, a, b, t) for k, line_runs in enumerate(block) for a, b, t in line_runs]

    def spans(k: int, a: float, b: float) -> bool:
        return any(sum(1 for j, c, d, _t in tokens if j == lower and c < b and d > a) >= 2
                   for lower in range(k + 1, len(block)))

    clusters: list[list] = []  # [x0, x1, parts]
    for k, a, b, t in tokens:
        if spans(k, a, b):
            continue
        cluster = next((c for c in clusters if c[0] - 2 <= b and a <= c[1] + 2), None)
        if cluster is None:
            clusters.append([a, b, [t]])
            continue
        cluster[0], cluster[1] = min(cluster[0], a), max(cluster[1], b)
        cluster[2].append(("/" if cluster[2][-1].endswith(_COMPLETE) else "") + t)
    out = []
    for x0, x1, parts in sorted(clusters, key=lambda c: c[0]):
        name = "".join(parts)
        leaf = name.rsplit("/", 1)[-1]
        if leaf not in _HEADER_SKIP and "编码" not in leaf and "科目" not in leaf:
            out.append((x0, x1, name))
    return out or None


def _placed(columns: list[tuple[float, float, str]] | None, line_runs: list | None):
    """A function naming the row's last n figures by the header column nearest above each, or None."""
    if not columns or not line_runs:
        return None

    def nearest(a: float, b: float) -> str:
        # A figure about as near to two headers lies in the left one: figures are right-aligned in
        # their cells, so they end just before the next column starts.
        distance = [abs((c[0] + c[1]) / 2 - (a + b) / 2) for c in columns]
        best = min(distance)
        return next(c for c, d in zip(columns, distance, strict=True) if d <= best + 1.0)[2]

    def name(n: int) -> list[str]:
        return [nearest(a, b) for a, b, _t in line_runs[-n:]]
    return name


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


def _text_row(text: str, title: str, unit: str, headers: list[str], line: Line, placed=None) -> list[Cell]:
    m = _TEXT_ROW.match(text)
    if m:
        code = "".join(p for p in m.group(1, 2, 3) if p)
        label, amounts = ENUMERATOR.sub("", m.group(4)), m.group(5).split()
    else:
        tokens = text.split()
        if len(tokens) < 2 or tokens[0] not in ("合计", "总计") or not all(is_amount(t) for t in tokens[1:]):
            return _label_pairs(tokens, title, unit, line)
        code, label, amounts = None, tokens[0], tokens[1:]
    # Blank cells vanish from text: without positions, headers fit only when every column has a figure.
    if placed is not None and len(set(placed(len(amounts)))) == len(amounts):
        names = placed(len(amounts))
    elif len(headers) == len(amounts):
        names = headers
    else:
        names = headers[:1] or ["金额"]
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
