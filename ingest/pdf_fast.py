"""A PDF page's characters and ruling lines through pdfium (pypdfium2), in pdfplumber's shapes.

pdfplumber interprets every page's content stream in Python (pdfminer): most of a parse's time.
pdfium, in C, gives the same characters (placed as pdfminer places them: from the baseline less the
font's descent, one font size high) and the path objects from which table rulings come. `FastPage` offers what
`ingest.pdf` asks of a pdfplumber page (`extract_words`, `find_tables`), so pdfplumber's own word
grouping and table finder run on pdfium's objects; a rotated page is turned as pdfminer turns it.
A page pdfium cannot stand in for (a crop box, ruling inside form objects) is left to pdfplumber:
`fast_pages` yields None for it.
"""

from __future__ import annotations

import ctypes
import math
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
        from ingest.pdf_cells import TableFinder

        tables = TableFinder(self, table_settings).tables
        # A table reads its cells from the characters inside it only: `pdf_cells.cell_texts` sorts its page's
        # characters for each table (a page of 27 tables: 13 ms narrowed, 15 ms not; its characters made 10,000: 33, 76).
        for table in tables:
            x0, top, x1, bottom = table.bbox
            # by the middle of each character, as pdfplumber assigns characters to cells
            inside = [c for c in self.chars if x0 <= (c["x0"] + c["x1"]) / 2 < x1
                      and top <= (c["top"] + c["bottom"]) / 2 < bottom]
            table.page = FastPage(self.width, self.height, inside, [])
        return tables


def fast_pages(data: bytes, check_count=None) -> Iterator[FastPage | None]:
    """Each page of the PDF as a `FastPage`, or None where pdfplumber must read it; `check_count`,
    if given, is called with the page count before any page is read (and may raise)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pdf = pdfium.PdfDocument(data)
    try:
        if check_count is not None:
            check_count(len(pdf))
        for index in range(len(pdf)):
            page = pdf[index]
            try:
                yield _page(page, raw)
            finally:
                page.close()
    finally:
        pdf.close()


def _page(page, raw) -> FastPage | None:
    box = page.get_mediabox()
    rotation = page.get_rotation() % 360
    if page.get_cropbox() != box or rotation not in (0, 90, 180, 270):
        return None
    objects = [raw.FPDFPage_GetObject(page.raw, i) for i in range(raw.FPDFPage_CountObjects(page.raw))]
    if any(raw.FPDFPageObj_GetType(obj) == raw.FPDF_PAGEOBJ_FORM for obj in objects):
        return None  # paths inside forms sit in the form's own space
    left, bottom, right, top = box
    width, height = (top - bottom, right - left) if rotation in (90, 270) else (right - left, top - bottom)

    def place(x: float, y: float) -> tuple[float, float]:
        """User space → pdfplumber's (x, top) on the page as displayed (pdfminer's rotation)."""
        if rotation == 90:
            return y - bottom, x - left
        if rotation == 180:
            return right - x, y - bottom
        if rotation == 270:
            return top - y, right - x
        return x - left, top - y

    chars = _chars(page, raw, place)
    if chars is None:
        return None
    paths = [obj for obj in objects if raw.FPDFPageObj_GetType(obj) == raw.FPDF_PAGEOBJ_PATH]
    return FastPage(width, height, chars, _edges(paths, raw, place))


def _chars(page, raw, place) -> list[dict] | None:
    """The page's characters. Horizontally their loose boxes; vertically pdfminer's box, which is
    what pdfplumber's cell assignment is tuned to: from the baseline less the font's descent, one
    font size high (pdfium's loose box follows the font's bounding box, 22pt high for a 12pt
    Times New Roman digit, and puts its middle in the cell above)."""
    textpage = page.get_textpage()
    try:
        count = textpage.count_chars()
        text = textpage.get_text_range(0, count) if count else ""
        if len(text) != count:
            return None  # characters outside the BMP: indices and text no longer line up
        out: list[dict] = []
        ox, oy = ctypes.c_double(), ctypes.c_double()
        descent = ctypes.c_float()
        matrix = raw.FS_MATRIX()
        box = raw.FS_RECTF()
        metrics: dict[int | None, tuple[float, float, bool]] = {}  # text object → (size, descent, font carried)
        # pdfium's functions bound once: a page has thousands of characters, each asked six things
        tp, generated, loose_box, text_object = (textpage.raw, raw.FPDFText_IsGenerated, raw.FPDFText_GetLooseCharBox,
                                                 raw.FPDFText_GetTextObject)
        origin, map_error = raw.FPDFText_GetCharOrigin, raw.FPDFText_HasUnicodeMapError
        for i in range(count):
            if generated(tp, i) or text[i] in "\r\n":
                continue
            if not loose_box(tp, i, box):
                raise ValueError(f"pdfium gives no box for character {i}")  # the page is left to pdfplumber
            (xa, ya), (xb, yb) = place(box.left, box.bottom), place(box.right, box.top)
            x0, x1, top, bottom = min(xa, xb), max(xa, xb), min(ya, yb), max(ya, yb)
            obj = text_object(tp, i)
            key = ctypes.addressof(obj.contents) if obj else None  # (ctypes.cast costs 8 times as much)
            if key not in metrics:
                metrics[key] = _metrics(raw, obj, raw.FPDFText_GetFontSize(tp, i), matrix, descent)
            size, font_descent, carried = metrics[key]
            if not carried and ord(text[i]) > 0x2E7F:
                return None  # Chinese in a font the PDF does not carry (`_metrics`): the page is pdfplumber's
            upright = False
            if size > 0 and origin(tp, i, ox, oy):
                baseline = place(ox.value, oy.value)[1]
                upright = top - 0.5 <= baseline <= bottom + 0.5  # its baseline runs across the page as shown
                if upright:
                    bottom = baseline - font_descent
                    top = bottom - size
            ch = "(cid:0)" if map_error(tp, i) else text[i]  # as pdfminer shows it
            out.append({"text": ch, "x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top,
                        "width": x1 - x0, "height": bottom - top, "upright": upright, "size": bottom - top,
                        "fontname": "", "object_type": "char"})
        return out
    finally:
        textpage.close()


def _metrics(raw, obj, size: float, matrix, descent) -> tuple[float, float, bool]:
    """A text object's font size and descent on the page: pdfium gives both in the object's own
    space (720 under a 0.05 matrix for 36pt type); and whether the PDF carries its font. Chinese text in a
    font the PDF names but does not carry (STSong-Light, SimSun …) pdfium lays out in whichever CJK font this
    machine has installed — boxes a point or two wider or taller, enough to move a figure into the next
    column, and without one it drops characters — where pdfminer reads the widths the PDF declares: the
    same document must give the same record on every machine, so such a page is left to pdfplumber. (Latin
    text in a font not carried is measured alike by both: pdfium has the standard fonts' metrics built in.)"""
    font = raw.FPDFTextObj_GetFont(obj) if obj else None
    if not font or size <= 0 or not raw.FPDFPageObj_GetMatrix(obj, matrix):
        return 0.0, 0.0, True
    carried = bool(raw.FPDFFont_GetIsEmbedded(font))
    scale = math.hypot(matrix.c, matrix.d)
    if not raw.FPDFFont_GetDescent(font, ctypes.c_float(size), descent):
        return size * scale, 0.0, carried
    return size * scale, descent.value * scale, carried


def _edges(paths: list, raw, place) -> list[dict]:
    """Horizontal and vertical edges of every path, as pdfplumber derives them from lines, rects
    and curves: each straight axis-parallel segment, in top-down coordinates."""
    out: list[dict] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    m = raw.FS_MATRIX()
    for obj in paths:
        if not raw.FPDFPageObj_GetMatrix(obj, m):
            continue
        points: list[tuple[float, float]] = []
        start: tuple[float, float] | None = None
        for j in range(raw.FPDFPath_CountSegments(obj)):
            seg = raw.FPDFPath_GetPathSegment(obj, j)
            raw.FPDFPathSegment_GetPoint(seg, x, y)
            point = place(m.a * x.value + m.c * y.value + m.e, m.b * x.value + m.d * y.value + m.f)
            kind = raw.FPDFPathSegment_GetType(seg)
            if kind == raw.FPDF_SEGMENT_MOVETO:
                start = point
            elif kind == raw.FPDF_SEGMENT_LINETO and points:
                _edge(out, points[-1], point)
            points.append(point)
            if raw.FPDFPathSegment_GetClose(seg) and start is not None:
                _edge(out, point, start)
    return out


def _edge(out: list[dict], a: tuple[float, float], b: tuple[float, float]) -> None:
    """An edge between two points given as (x, top), if the segment is horizontal or vertical."""
    (ax, at), (bx, bt) = a, b
    if abs(at - bt) < 0.01 and abs(ax - bx) >= 0.01:
        x0, x1 = min(ax, bx), max(ax, bx)
        out.append({"x0": x0, "x1": x1, "top": at, "bottom": at, "width": x1 - x0, "height": 0.0,
                    "orientation": "h", "object_type": "line", "doctop": at})
    elif abs(ax - bx) < 0.01 and abs(at - bt) >= 0.01:
        top, bottom = min(at, bt), max(at, bt)
        out.append({"x0": ax, "x1": ax, "top": top, "bottom": bottom, "width": 0.0, "height": bottom - top,
                    "orientation": "v", "object_type": "line", "doctop": top})
