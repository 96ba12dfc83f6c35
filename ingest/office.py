"""Read Word (.docx) and Excel (.xlsx, .xls) publications into a `Document`'s lines, so that the
same parsers read them as extracted text: a paragraph is a line, a table row is a line of
tab-separated cells (the layout the table readers know as "tsv").

Word: python-docx, body paragraphs and tables in document order; a cell merged over several columns
is written once. Excel: openpyxl (.xlsx) or xlrd (.xls), one sheet after the other, the sheet's
number as the line's page; numbers written as the sheet shows them (two decimals for amounts
formatted so, all their digits otherwise).
"""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal
from pathlib import Path

from ingest.errors import UnreadableFile
from ingest.reader import Document, Line

OFFICE_SUFFIXES = (".docx", ".xlsx", ".xls")


def read_office(path: Path, data: bytes, sha256: str) -> Document:
    """The lines of a .docx/.xlsx/.xls file; `UnreadableFile` when it is damaged or not what its
    name says."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".docx":
            texts = [(t, None) for t in _docx_lines(data)]
        elif suffix == ".xlsx":
            texts = _xlsx_lines(data)
        else:
            texts = _xls_lines(data)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise UnreadableFile(path, f"{suffix} 文件已损坏或无法读取 (damaged or not a {suffix} file: "
                                   f"{type(exc).__name__})") from exc
    except Exception as exc:  # the libraries raise their own private errors on damaged files
        if type(exc).__module__.split(".")[0] in ("docx", "openpyxl", "xlrd"):
            raise UnreadableFile(path, f"{suffix} 文件已损坏或无法读取 (damaged {suffix} file: "
                                       f"{type(exc).__name__})") from exc
        raise
    lines = [Line(text, no, page) for no, (text, page) in enumerate(texts, 1)]
    return Document(path=path, sha256=sha256, kind=suffix.lstrip("."), lines=lines)


def _docx_lines(data: bytes) -> list[str]:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(io.BytesIO(data))
    out: list[str] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            out += Paragraph(child, document).text.split("\n")
        elif tag == "tbl":
            for row in Table(child, document).rows:
                cells, seen = [], set()
                for cell in row.cells:
                    if id(cell._tc) in seen:  # a merged cell is returned once per column it spans
                        continue
                    seen.add(id(cell._tc))
                    cells.append(" ".join(cell.text.split()))
                out.append(_row(cells))
    return out


def _row(cells: list[str]) -> str:
    while cells and not cells[-1]:
        cells.pop()
    return "\t".join(cells)


def _number(value: float | int, two_decimals: bool) -> str:
    """A cell's number as the sheet shows it: '1,234.50' formats keep two decimals; codes and
    counts stay whole; nothing is rounded away."""
    exact = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if exact == exact.to_integral_value() and not two_decimals:
        return str(int(exact))
    text = format(exact.normalize(), "f")
    decimals = len(text.split(".")[1]) if "." in text else 0
    return format(exact, f".{max(decimals, 2)}f")


def _cell(value: object, number_format: str = "") -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        return _number(value, "0.00" in number_format)
    return " ".join(str(value).split())


def _xlsx_lines(data: bytes) -> list[tuple[str, int]]:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    out: list[tuple[str, int]] = []
    for number, sheet in enumerate(book.worksheets, 1):
        rows = [_row([_cell(c.value, getattr(c, "number_format", "") or "") for c in row]) for row in sheet.iter_rows()]
        rows = [text for text in rows if text.strip()]
        out += [(text, number) for text in _titled(sheet.title, rows)]
    book.close()
    return out


def _xls_lines(data: bytes) -> list[tuple[str, int]]:
    import xlrd

    book = xlrd.open_workbook(file_contents=data)
    out: list[tuple[str, int]] = []
    for number in range(book.nsheets):
        sheet = book.sheet_by_index(number)
        rows = []
        for r in range(sheet.nrows):
            cells = []
            for value, kind in zip(sheet.row_values(r), sheet.row_types(r), strict=True):
                # xlrd gives every number as a float: a whole one is a code or a count
                cells.append(_cell(value) if kind == xlrd.XL_CELL_NUMBER else _cell(value if value != "" else None))
            if _row(cells).strip():
                rows.append(_row(cells))
        out += [(text, number + 1) for text in _titled(sheet.name, rows)]
    return out


def _titled(title: str, rows: list[str]) -> list[str]:
    """A sheet's rows, after its name when the name is a table's title the rows do not print
    ('表1 收支总表' on the tab, the sheet starting at its header)."""
    named = any("\u4e00" <= ch <= "\u9fff" for ch in title) and title.strip().endswith("表")
    if named and not any(title.strip() in row for row in rows[:3]):
        return [title.strip(), *rows]
    return rows
