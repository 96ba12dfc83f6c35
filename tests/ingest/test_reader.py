"""Reading files: encodings of text files, empty/binary/truncated input, damaged PDFs — each failure
is one `IngestError` that names the file and says why in plain words."""

from __future__ import annotations

import pytest

from ingest.errors import EmptyDocument, IngestError, UnreadableFile
from ingest.reader import read_document

TEXT = "某某局2025年部门预算\n一、部门主要职能\n收入合计 1,234.56\n"

# One empty page, no text layer (what a scanned document without OCR looks like to us).
BLANK_PDF = b"""%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj
trailer << /Root 1 0 R >>
%%EOF
"""


@pytest.mark.parametrize("encoding,data", [
    ("utf-8", TEXT.encode("utf-8")),
    ("utf-8 with BOM", b"\xef\xbb\xbf" + TEXT.encode("utf-8")),
    ("gbk", TEXT.encode("gbk")),
    ("gb18030", TEXT.encode("gb18030")),
    ("utf-16 with BOM", TEXT.encode("utf-16")),
    ("utf-16-le without BOM", TEXT.encode("utf-16-le")),
    ("utf-16-be without BOM", TEXT.encode("utf-16-be")),
    ("windows line ends", TEXT.replace("\n", "\r\n").encode("utf-8")),
])
def test_text_files_are_decoded_whatever_their_encoding(tmp_path, encoding, data):
    path = tmp_path / "doc.txt"
    path.write_bytes(data)
    doc = read_document(path)
    assert [line.text for line in doc.lines[:3]] == TEXT.splitlines()
    assert [line.no for line in doc.lines[:3]] == [1, 2, 3]


def test_utf8_cut_inside_its_last_character_keeps_the_whole_characters(tmp_path):
    path = tmp_path / "cut.txt"
    path.write_bytes(TEXT.rstrip("\n").encode("utf-8") + "预".encode()[:2])
    assert read_document(path).text == TEXT.rstrip("\n")


@pytest.mark.parametrize("name,data,error,words", [
    ("empty.txt", b"", EmptyDocument, "空文件"),
    ("blank.txt", b"\n \r\n\t\n", EmptyDocument, "空文件"),
    ("binary.txt", bytes(range(256)) * 20, UnreadableFile, "binary"),
    ("not-a-pdf.pdf", b"hello, world\n", UnreadableFile, "not a PDF"),
    ("random.pdf", b"%PDF-1.4\n" + bytes(range(256)) * 20, UnreadableFile, "damaged PDF"),
    ("blank.pdf", BLANK_PDF, EmptyDocument, "no text layer"),
    ("doc.docx", b"PK\x03\x04", UnreadableFile, ".docx"),
])
def test_bad_input_is_one_error_naming_the_file_and_the_reason(tmp_path, name, data, error, words):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(error) as caught:
        read_document(path)
    assert str(path) in str(caught.value)
    assert words in caught.value.reason


def test_a_truncated_pdf_is_reported_as_damaged(tmp_path, samples_dir):
    path = tmp_path / "truncated.pdf"
    path.write_bytes((samples_dir / "pdf" / "sample_budget.pdf").read_bytes()[:4000])
    with pytest.raises(UnreadableFile, match="damaged PDF"):
        read_document(path)


def test_an_encrypted_pdf_asks_for_a_password(tmp_path):
    encryption = pytest.importorskip("reportlab.lib.pdfencrypt", reason="reportlab writes the encrypted PDF")
    from reportlab.pdfgen import canvas

    path = tmp_path / "locked.pdf"
    page = canvas.Canvas(str(path), encrypt=encryption.StandardEncryption("secret", ownerPassword="owner"))
    page.drawString(100, 700, "budget")
    page.save()
    with pytest.raises(UnreadableFile, match="encrypted"):
        read_document(path)


def test_missing_files_and_directories_are_errors_not_tracebacks(tmp_path):
    for path in (tmp_path / "nowhere.txt", tmp_path):
        with pytest.raises(IngestError) as caught:
            read_document(path)
        assert str(path) in str(caught.value)


def test_pdf_lines_carry_page_numbers_and_offset_digits_join_their_sentence(samples_dir):
    doc = read_document(samples_dir / "pdf" / "sample_budget.pdf")
    assert doc.kind == "pdf" and doc.lines[0].page == 1 and doc.lines[-1].page == len(doc.pdf_pages)
    assert [line.no for line in doc.lines] == list(range(1, len(doc.lines) + 1))
    assert any("预算数为5.00万元" in line.text for line in doc.lines)


def test_a_pdf_whose_fonts_have_no_unicode_map_is_unreadable_not_a_wrong_record(samples_dir, monkeypatch):
    from ingest import pdf

    garbled = [(10.0, "(cid:1201)(cid:877)(cid:45) (cid:3)", [(0.0, 50.0, "(cid:1201)(cid:877)(cid:45)"),
                                                           (60.0, 70.0, "(cid:3)")])]
    monkeypatch.setattr(pdf, "page_runs", lambda page: garbled)
    with pytest.raises(UnreadableFile, match="Unicode"):
        read_document(samples_dir / "pdf" / "sample_budget.pdf")


def test_kangxi_radicals_some_pdf_writers_emit_read_as_ordinary_characters():
    from ingest.pdf import unify_ideographs

    assert unify_ideographs("⼀般公共服务⽀出（类）") == "一般公共服务支出（类）"
    assert unify_ideographs("单位：元（本级）") == "单位：元（本级）"  # full-width punctuation stays
