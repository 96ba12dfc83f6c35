"""A PDF page's characters and ruling lines through pdfium (pypdfium2), in pdfplumber's shapes.

pdfplumber interprets every page's content stream in Python (pdfminer): most of a parse's time.
pdfium, in C, gives the same characters with their loose (font ascent/descent) boxes — the boxes
pdfminer gives — and the path objects from which table rulings come. `FastPage` offers what
`ingest.pdf` asks of a pdfplumber page (`extract_words`, `find_tables`), so pdfplumber's own word
grouping and table finder run on pdfium's objects. A page pdfium cannot stand in for (rotated, an
origin off zero, ruling inside form objects) is left to pdfplumber: `fast_pages` yields None for it.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator


class FastPage:
    """The parts of a pdfplumber `Page` that `ingest.pdf` uses, built from pdfium."""

    def __init__(self, width: float, height: float, chars: list[dict], edges: list[dict]):
        self.width, self.height = width, height
        self.bbox = (0.0, 0.0, width, height)
        self.chars = chars
        self.edges = edges

    def extract_words(self, **kwargs) -> list[dict]:
        from pdfplumber import utils

        return utils.extract_words(self.chars, **kwargs)

    def find_tables(self, table_settings: dict | None = None) -> list:
        from pdfplumber.table import TableFinder, TableSettings

        return TableFinder(self, TableSettings.resolve(table_settings)).tables  # type: ignore[arg-type]


def fast_pages(data: bytes) -> Iterator[FastPage | None]:
    """Each page of the PDF as a `FastPage`, or None where pdfplumber must read it."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pdf = pdfium.PdfDocument(data)
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            try:
                yield _page(page, raw)
            finally:
                page.close()
    finally:
        pdf.close()


def _page(page, raw) -> FastPage | None:
    left, bottom, right, top = page.get_mediabox()
    if page.get_rotation() or left or bottom or page.get_cropbox() != (left, bottom, right, top):
        return None
    if any(True for _ in page.get_objects(filter=(raw.FPDF_PAGEOBJ_FORM,), max_depth=1)):
        return None  # paths inside forms sit in the form's own space
    width, height = right - left, top - bottom
    chars = _chars(page, raw, height)
    if chars is None:
        return None
    return FastPage(width, height, chars, _edges(page, raw, height))


def _chars(page, raw, height: float) -> list[dict] | None:
    textpage = page.get_textpage()
    try:
        count = textpage.count_chars()
        text = textpage.get_text_range(0, count) if count else ""
        if len(text) != count:
            return None  # characters outside the BMP: indices and text no longer line up
        out: list[dict] = []
        for i in range(count):
            if raw.FPDFText_IsGenerated(textpage.raw, i) or text[i] in "\r\n":
                continue
            x0, y0, x1, y1 = textpage.get_charbox(i, loose=True)
            ch = text[i]
            if raw.FPDFText_HasUnicodeMapError(textpage.raw, i):
                ch = "(cid:0)"  # as pdfminer shows a glyph without a Unicode map
            out.append({"text": ch, "x0": x0, "x1": x1, "top": height - y1, "bottom": height - y0,
                        "doctop": height - y1, "width": x1 - x0, "height": y1 - y0, "upright": True,
                        "size": y1 - y0, "fontname": "", "object_type": "char"})
        return out
    finally:
        textpage.close()


def _edges(page, raw, height: float) -> list[dict]:
    """Horizontal and vertical edges of every path, as pdfplumber derives them from lines, rects
    and curves: each straight axis-parallel segment, in top-down coordinates."""
    out: list[dict] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    for obj in page.get_objects(filter=(raw.FPDF_PAGEOBJ_PATH,), max_depth=0):
        m = obj.get_matrix()
        points: list[tuple[float, float]] = []
        start: tuple[float, float] | None = None
        for j in range(raw.FPDFPath_CountSegments(obj.raw)):
            seg = raw.FPDFPath_GetPathSegment(obj.raw, j)
            raw.FPDFPathSegment_GetPoint(seg, x, y)
            px, py = m.a * x.value + m.c * y.value + m.e, m.b * x.value + m.d * y.value + m.f
            kind = raw.FPDFPathSegment_GetType(seg)
            if kind == raw.FPDF_SEGMENT_MOVETO:
                start = (px, py)
            elif kind == raw.FPDF_SEGMENT_LINETO and points:
                _edge(out, points[-1], (px, py), height)
            points.append((px, py))
            if raw.FPDFPathSegment_GetClose(seg) and start is not None:
                _edge(out, (px, py), start, height)
    return out


def _edge(out: list[dict], a: tuple[float, float], b: tuple[float, float], height: float) -> None:
    (ax, ay), (bx, by) = a, b
    if abs(ay - by) < 0.01 and abs(ax - bx) >= 0.01:
        x0, x1, top = min(ax, bx), max(ax, bx), height - ay
        out.append({"x0": x0, "x1": x1, "top": top, "bottom": top, "width": x1 - x0, "height": 0.0,
                    "orientation": "h", "object_type": "line", "doctop": top})
    elif abs(ax - bx) < 0.01 and abs(ay - by) >= 0.01:
        top, bottom = height - max(ay, by), height - min(ay, by)
        out.append({"x0": ax, "x1": ax, "top": top, "bottom": bottom, "width": 0.0, "height": bottom - top,
                    "orientation": "v", "object_type": "line", "doctop": top})
