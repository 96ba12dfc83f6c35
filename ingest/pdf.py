"""Read a PDF's text layer into a `Document`: lines numbered across pages, plus ruled tables.

Pages are read through pdfium (`ingest.pdf_fast`: characters and ruling lines, several times faster
than pdfminer) with pdfplumber's own word grouping and table finder run on them; a page pdfium
cannot stand in for, or the whole file when GOVKG_PDF_READER=pdfplumber, is read by pdfplumber.

Lines are built from words by vertical overlap rather than pdfplumber's fixed `y_tolerance`: some
disclosures set digits and quotation marks in a second font whose baseline sits ~5pt lower, and a
fixed tolerance would put "2024" or "“三公”" on a line of their own, away from their sentence.

Each page's ruled tables (pdfplumber `find_tables`) are kept as `PdfTable`s: the raw cells, the
cells with merged (spanning) cells filled in — which is what a column's header needs — and the
1-based document line of each row, so that values keep their source line. What the tables mean is
read by `ingest.grid` and the modules after it (`ingest.tables`).
"""

from __future__ import annotations

import io
import logging
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ingest import limits
from ingest.errors import EmptyDocument, TooLarge, UnreadableFile
from ingest.reader import Document, Line

# Kangxi radicals, CJK radicals supplement, compatibility ideographs.
_ODD_HAN = re.compile(r"[\u2e80-\u2fdf\uf900-\ufaff]")
# pdfminer's stand-in for a glyph whose font has no Unicode map.
_CID = re.compile(r"\(cid:\d+\)")
# Words closer than this (pt) are one run of text; farther apart they are separate cells or words.
_JOIN_GAP = 3.0
# A word joins a line when at least this share of its height overlaps the line's band.
_OVERLAP = 0.5


@dataclass
class PdfTable:
    """One ruled table of one page. `rows` are raw cells (None where a merged cell spans);
    `filled` repeats a merged cell's text in every position it covers; `row_lines` holds the
    document line number of each row (None if no text line falls in it)."""

    page: int
    top: float
    bottom: float
    rows: list[list[str | None]]
    filled: list[list[str]]
    row_lines: list[int | None] = field(default_factory=list)
    column_x: list[float] = field(default_factory=list)  # each column's left edge, then the table's right edge


@dataclass
class PdfPage:
    number: int
    first_line: int  # index into Document.lines of the page's first line
    line_count: int
    tables: list[PdfTable] = field(default_factory=list)
    problem: str | None = None  # why the page's tables could not be read, if they could not
    # Per document line number: the line's runs of text as (x0, x1, text), one per space-separated
    # token of the line's text, so that a table without ruling can still be read by column.
    runs: dict[int, list[tuple[float, float, str]]] = field(default_factory=dict)


def import_readers() -> None:
    """Import what reading a PDF uses (pdfplumber, pdfium and our modules over them: ~0.3 s, imported at the first
    PDF otherwise): a caller about to fork parsing processes imports them once for all of them."""
    import pdfplumber  # noqa: F401
    import pypdfium2  # noqa: F401
    import pypdfium2.raw  # noqa: F401
    from pdfplumber import utils  # noqa: F401

    from ingest import pdf_cells, pdf_fast  # noqa: F401


def read_pdf(path: Path, data: bytes, sha256: str, tables: bool = True) -> Document:
    """Read every page's text (and, if `tables`, its ruled tables); raise `UnreadableFile` for a
    damaged or encrypted PDF and `EmptyDocument` when there is no text layer."""
    import pdfplumber

    # pdfminer logs warnings for every odd object in damaged files; our error says it once.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    lines: list[Line] = []
    pages: list[PdfPage] = []
    fast = _fast_pages(data, path)
    try:
        if fast is not None and all(page is not None for page in fast):
            for page_no, page in enumerate(fast, 1):
                pages.append(_read_page(page, page_no, lines, tables))
        else:
            with pdfplumber.open(io.BytesIO(data)) as pdf:
                limits.check_pages(path, len(pdf.pages))
                for page_no, page in enumerate(pdf.pages, 1):
                    own = fast[page_no - 1] if fast is not None and page_no <= len(fast) else None
                    pages.append(_read_page(own or page, page_no, lines, tables))
    except TooLarge:
        raise
    except Exception as exc:  # pdfminer raises many private error types on damaged files
        # pdfplumber wraps pdfminer's error: look at the wrapped one too (PDFPasswordIncorrect).
        names = " ".join(type(e).__name__ for e in (exc, *exc.args) if isinstance(e, BaseException))
        if "password" in names.lower() or "encrypt" in str(exc).lower():
            raise UnreadableFile(path, "PDF 已加密，无法读取 (encrypted PDF: a password is needed)") from exc
        raise UnreadableFile(path, f"PDF 文件已损坏或无法读取 (damaged PDF: {_reason(exc)})") from exc
    if not any(line.text.strip() for line in lines):
        raise EmptyDocument(path, "PDF 没有文本层 (no text layer; scanned images are not read)")
    text = "".join(line.text for line in lines)
    unmapped = sum(len(m) for m in _CID.findall(text))
    if unmapped > 0.3 * len(text.replace(" ", "")):
        raise UnreadableFile(path, "PDF 的字体没有 Unicode 映射，文字无法读取 (fonts without a Unicode map: text unreadable)")
    return Document(path=path, sha256=sha256, kind="pdf", lines=lines, pdf_pages=pages)


def _fast_pages(data: bytes, path: Path) -> list | None:
    """The pages read through pdfium (`ingest.pdf_fast`), None for each page it leaves to
    pdfplumber; None altogether when pdfium cannot open the file (pdfplumber then says why) or
    when GOVKG_PDF_READER=pdfplumber asks for the slow reader."""
    if os.environ.get("GOVKG_PDF_READER") == "pdfplumber":
        return None
    try:
        from ingest.pdf_fast import fast_pages

        return list(fast_pages(data, lambda count: limits.check_pages(path, count)))
    except TooLarge:
        raise
    except Exception:  # pypdfium2 raises PdfiumError for damaged or encrypted files
        return None


def _read_page(page, page_no: int, lines: list[Line], tables: bool) -> PdfPage:
    """One page's lines (appended to `lines`) and ruled tables; `page` is a pdfplumber page or a
    `FastPage` in its shape."""
    first = len(lines)
    runs = {}
    for top, text, line_runs in page_runs(page):
        lines.append(Line(text, len(lines) + 1, page_no, top))
        runs[len(lines)] = line_runs
    info = PdfPage(page_no, first, len(lines) - first, runs=runs)
    if tables:
        try:
            info.tables = page_tables(page, page_no, lines[first:])
        except Exception as exc:  # odd drawing operators: keep the page's text
            info.problem = _reason(exc)
    return info


def _reason(exc: Exception) -> str:
    inner = next((e for e in exc.args if isinstance(e, BaseException)), None)
    if inner is not None:
        return _reason(inner)  # type: ignore[arg-type]
    text = str(exc).strip().splitlines()[0][:120] if str(exc).strip() else ""
    return f"{exc.__class__.__name__}: {text}" if text else exc.__class__.__name__


def page_lines(page) -> list[tuple[float, str]]:
    """The page's text lines, top to bottom, as (top, text); words that overlap vertically by at
    least half their height share a line, and are joined without a space when they touch."""
    return [(top, text) for top, text, _runs in page_runs(page)]


def page_runs(page) -> list[tuple[float, str, list[tuple[float, float, str]]]]:
    """As `page_lines`, with each line's runs of touching words as (x0, x1, text)."""
    words = page.extract_words(x_tolerance=_JOIN_GAP, y_tolerance=3, keep_blank_chars=False)
    bands: list[list] = []  # [top, bottom, words]
    for word in sorted(words, key=lambda w: (w["top"], w["x0"])):
        height = max(word["bottom"] - word["top"], 0.1)
        for band in reversed(bands[-4:]):
            overlap = min(band[1], word["bottom"]) - max(band[0], word["top"])
            if overlap >= _OVERLAP * min(height, band[1] - band[0]):
                band[2].append(word)
                break
        else:
            bands.append([word["top"], word["bottom"], [word]])
    out = []
    for top, _bottom, band_words in sorted(bands, key=lambda b: b[0]):
        band_words.sort(key=lambda w: w["x0"])
        runs: list[list] = []  # [x0, x1, text]
        for word in band_words:
            if runs and word["x0"] - runs[-1][1] <= _JOIN_GAP:
                runs[-1][1], runs[-1][2] = word["x1"], runs[-1][2] + word["text"]
            else:
                runs.append([word["x0"], word["x1"], word["text"]])
        runs = [[x0, x1, unify_ideographs(text)] for x0, x1, text in runs]
        out.append((top, " ".join(r[2] for r in runs), [tuple(r) for r in runs]))
    return out


def unify_ideographs(text: str) -> str:
    """Kangxi radicals and compatibility ideographs, which some PDF writers map their glyphs to
    ('⼀般公共服务⽀出'), as the ordinary characters ('一般公共服务支出'); nothing else changes."""
    if not _ODD_HAN.search(text):
        return text
    return _ODD_HAN.sub(lambda m: unicodedata.normalize("NFKC", m.group(0)), text)


def page_tables(page, page_no: int, lines: list[Line]) -> list[PdfTable]:
    """The page's ruled tables with merged cells resolved; see `PdfTable`."""
    from ingest.pdf_cells import cell_texts  # pdfplumber, imported where a PDF is read

    out = []
    for table in page.find_tables():
        raw = [[None if c is None else unify_ideographs(c) for c in row] for row in cell_texts(table)]
        texts: dict[tuple, str] = {}
        for row, cells in zip(table.rows, raw, strict=True):
            for bbox, text in zip(row.cells, cells, strict=True):
                if bbox is not None:
                    texts[tuple(bbox)] = text or ""
        # Columns start at every distinct left edge of a cell (as pdfplumber's own rows do).
        edges = sorted({round(c[0], 1) for c in table.cells}) + [table.bbox[2]]
        centres = [(a + b) / 2 for a, b in zip(edges, edges[1:], strict=False)]
        filled, row_lines = [], []
        for row in table.rows:
            _, top, _, bottom = row.bbox
            # Just below the row's top edge: a cell spanning rows below (单位编码 over four header
            # rows) makes the row's box tall, and its middle would fall in another row's cells.
            y = top + min(1.0, (bottom - top) / 2)
            filled.append([_covering(texts, x, y) for x in centres])
            row_lines.append(next((ln.no for ln in lines if ln.top is not None and top - 1 <= ln.top < bottom), None))
        out.append(PdfTable(page_no, table.bbox[1], table.bbox[3], raw, filled, row_lines, edges))
    return out


def _covering(texts: dict[tuple, str], x: float, y: float) -> str:
    for (x0, top, x1, bottom), text in texts.items():
        if x0 <= x <= x1 and top <= y <= bottom:
            return text
    return ""
