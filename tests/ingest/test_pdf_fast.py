"""Reading a PDF through pdfium gives what pdfplumber alone gives: the same lines and the same ruled
table cells, on an upright and on a rotated (landscape) page, with digits in a Latin font whose box
is taller than its size; a page whose Chinese is in a font the PDF does not carry is pdfplumber's. The PDF
is written here with reportlab; its content is invented."""

from __future__ import annotations

import pytest

from ingest.grid import grids
from ingest.grid_read import line_items
from ingest.pdf_fast import fast_pages
from ingest.reader import read_document
from tests.ingest import carried_font

ROWS = [("科目编码", "科目名称", "合计"), ("2010301", "行政运行", "1,234.56"), ("2010302", "一般行政管理事务", "78.90")]


def _write(path, rotate: int, chinese: str) -> None:
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=(595, 842))
    pdf.setPageRotation(rotate)
    if rotate == 90:  # a landscape page: drawn turned, so that it reads upright once the page is turned
        pdf.translate(595, 0)
        pdf.rotate(90)
    pdf.setFont(chinese, 14)
    pdf.drawString(150, 560, "某某局2026年部门支出总表")
    pdf.setFont(chinese, 9)
    pdf.drawString(450, 540, "单位：万元")
    xs, ys = [60, 160, 400, 520], [520, 500, 480, 460]
    pdf.grid(xs, ys)
    for k, row in enumerate(ROWS):
        for j, text in enumerate(row):
            font = "Times-Roman" if text[:1].isdigit() else chinese
            pdf.setFont(font, 10)
            pdf.drawString(xs[j] + 4, ys[k] - 14, text)
    pdf.save()


def _read(path, monkeypatch, reader: str | None):
    if reader:
        monkeypatch.setenv("GOVKG_PDF_READER", reader)
    else:
        monkeypatch.delenv("GOVKG_PDF_READER", raising=False)
    return read_document(path)


@pytest.mark.parametrize("rotate", [0, 90])
def test_pdfium_reads_the_same_lines_and_cells_as_pdfplumber(tmp_path, monkeypatch, rotate):
    pytest.importorskip("reportlab", reason="reportlab writes the PDF")
    pytest.importorskip("fontTools", reason="fontTools makes the font the PDF carries")
    path = tmp_path / f"table_{rotate}.pdf"
    _write(path, rotate, carried_font.register(tmp_path))
    assert None not in list(fast_pages(path.read_bytes()))  # pdfium read it
    fast = _read(path, monkeypatch, None)
    slow = _read(path, monkeypatch, "pdfplumber")
    assert [ln.text for ln in fast.lines] == [ln.text for ln in slow.lines]
    assert [[t.rows for t in p.tables] for p in fast.pdf_pages] == [[t.rows for t in p.tables] for p in slow.pdf_pages]
    [table] = fast.pdf_pages[0].tables
    assert table.rows == [list(r) for r in ROWS]
    items = line_items(grids(fast))
    assert [(i.table, i.code, i.values) for i in items] == [
        ("部门支出总表", "2010301", {"合计": 1234.56}), ("部门支出总表", "2010302", {"合计": 78.9})]


def test_chinese_in_a_font_the_pdf_does_not_carry_is_read_by_pdfplumber(tmp_path, monkeypatch):
    # pdfium would lay STSong-Light out in whatever CJK font this machine has (wider figures, or dropped
    # characters without one): the record must not depend on the machine's fonts
    pytest.importorskip("reportlab", reason="reportlab writes the PDF")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "named.pdf"
    _write(path, 0, "STSong-Light")
    assert list(fast_pages(path.read_bytes())) == [None]
    fast = _read(path, monkeypatch, None)
    assert [ln.text for ln in fast.lines] == [ln.text for ln in _read(path, monkeypatch, "pdfplumber").lines]
