"""Other inputs people have: Word and Excel publications read into the same lines as extracted
text (tables as tab-separated rows), and scanned PDFs read through Tesseract OCR when it is
installed, flagged as OCR. Every file here is written by the test."""

from __future__ import annotations

import io

import pytest

from ingest import ocr
from ingest.errors import EmptyDocument, NotABudgetDocument, UnreadableFile
from ingest.parse import parse_file
from ingest.reader import read_document

NARRATIVE = ["2026年", "东海市样例局部门预算", "一、主要职责", "（一）负责样例工作。", "（二）完成交办的其他任务。",
             "二、机构设置", "东海市样例局内设两个科室，分别为：综合科、业务科。本局无下属单位，部门预算为本级预算。",
             "三、收支预算总体情况", "2026年支出预算合计100.00万元，其中：基本支出60.00万元，项目支出40.00万元。"]
TABLE = [["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
         ["201", "一般公共服务支出", 100.0, 60.0, 40.0],
         ["20103", "政府办公厅（室）及相关机构事务", 100.0, 60.0, 40.0],
         ["2010301", "行政运行", 60.0, 60.0, 0.0],
         ["2010399", "其他政府办公厅（室）及相关机构事务支出", 40.0, 0.0, 40.0]]


def test_a_word_document_reads_paragraphs_and_table_rows_in_order(tmp_path):
    docx = pytest.importorskip("docx", reason="python-docx reads .docx")
    document = docx.Document()
    for text in NARRATIVE:
        document.add_paragraph(text)
    document.add_paragraph("表1 支出总体情况表")
    document.add_paragraph("单位：万元")
    table = document.add_table(rows=0, cols=5)
    for row in TABLE:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = f"{value:.2f}" if isinstance(value, float) else value
    path = tmp_path / "预算.docx"
    document.save(path)
    lines = [line.text for line in read_document(path).lines]
    assert lines[:2] == ["2026年", "东海市样例局部门预算"]
    assert "2010301\t行政运行\t60.00\t60.00\t0.00" in lines
    record = parse_file(path)
    assert (record.department, record.fiscal_year, record.scope) == ("东海市样例局", 2026, "standalone")
    assert [u.name for u in record.internal_units] == ["综合科", "业务科"]
    assert any(i.code == "2010301" and 60.0 in i.values.values() for i in record.line_items)


def test_a_workbook_reads_each_sheet_as_tab_separated_rows(tmp_path):
    openpyxl = pytest.importorskip("openpyxl", reason="openpyxl reads .xlsx")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["支出总体情况表"])
    sheet.append(["单位：万元"])
    for row in TABLE:
        sheet.append(row)
    for cells in sheet.iter_rows(min_row=4):
        for cell in cells[2:]:
            cell.number_format = "#,##0.00"
    book.create_sheet("表2 收入总表").append(["单位：元", 1234.5678])
    path = tmp_path / "报表.xlsx"
    book.save(path)
    doc = read_document(path)
    lines = [(line.text, line.page) for line in doc.lines]
    assert ("2010301\t行政运行\t60.00\t60.00\t0.00", 1) in lines  # codes whole, amounts as formatted
    assert lines[-2:] == [("表2 收入总表", 2), ("单位：元\t1234.5678", 2)]  # titled by its tab; digits kept


def test_an_old_excel_file_that_is_not_one_is_refused_in_plain_words(tmp_path):
    path = tmp_path / "报表.xls"
    path.write_bytes(b"not a workbook at all")
    with pytest.raises(UnreadableFile, match="xls"):
        read_document(path)


def scanned_pdf(tmp_path):
    """A one-page PDF holding only an image of Chinese text (no text layer)."""
    canvas = pytest.importorskip("reportlab.pdfgen.canvas", reason="reportlab writes the PDF to scan")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfium = pytest.importorskip("pypdfium2")
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=(360, 120))
    c.setFont("STSong-Light", 24)
    c.drawString(20, 75, "东海市样例局")
    c.drawString(20, 35, "2026年部门预算")
    c.save()
    image = pdfium.PdfDocument(buffer.getvalue())[0].render(scale=3).to_pil().convert("RGB")
    path = tmp_path / "scan.pdf"
    image.save(path)
    return path


@pytest.mark.skipif(not ocr.available(), reason="tesseract with chi_sim is not installed (apt-get install tesseract-ocr-chi-sim)")
def test_a_scanned_pdf_is_read_by_ocr_and_says_so(tmp_path):
    doc = read_document(scanned_pdf(tmp_path))
    text = "".join(line.text for line in doc.lines)
    assert "2026年部门预算" in text and doc.warnings == [ocr.OCR_WARNING]


def test_without_ocr_a_scanned_pdf_is_refused_as_before(tmp_path, monkeypatch):
    path = scanned_pdf(tmp_path)
    monkeypatch.setattr(ocr, "available", lambda: False)
    with pytest.raises(EmptyDocument, match="no text layer"):
        read_document(path)


def notice_pdf(tmp_path):
    """A one-page PDF notice with a text layer: Chinese, but no budget."""
    canvas = pytest.importorskip("reportlab.pdfgen.canvas", reason="reportlab writes the PDF")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "通知.pdf"
    c = canvas.Canvas(str(path))
    c.setFont("STSong-Light", 14)
    for k, text in enumerate(["关于开展2026年安全生产检查的通知", "各有关单位：", "请于本月底前完成自查，并报送检查报告。"]):
        c.drawString(60, 760 - 24 * k, text)
    c.save()
    return path


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_a_notice_in_any_format_is_refused_in_one_line(tmp_path, kind):
    if kind == "pdf":
        path = notice_pdf(tmp_path)
    else:
        docx = pytest.importorskip("docx", reason="python-docx writes the notice")
        document = docx.Document()
        for text in ["关于开展2026年安全生产检查的通知", "各有关单位：", "请于本月底前完成自查。"]:
            document.add_paragraph(text)
        path = tmp_path / "通知.docx"
        document.save(path)
    with pytest.raises(NotABudgetDocument) as err:
        parse_file(path)
    assert "\n" not in str(err.value) and str(path) in str(err.value)
