"""Read a PDF's text layer with pdfplumber into a `Document` (lines numbered across pages)."""

from __future__ import annotations

import io
from pathlib import Path

from ingest.errors import EmptyDocument, UnreadableFile
from ingest.reader import Document, Line


def read_pdf(path: Path, data: bytes, sha256: str) -> Document:
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError

    lines: list[Line] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page_no, page in enumerate(pdf.pages, 1):
                for text in (page.extract_text() or "").split("\n"):
                    lines.append(Line(text, len(lines) + 1, page_no))
    except (PDFSyntaxError, ValueError, KeyError, TypeError) as exc:
        raise UnreadableFile(path, f"PDF 文件已损坏或无法读取 (damaged PDF: {exc.__class__.__name__})") from exc
    except Exception as exc:  # pdfminer raises many private error types on damaged files
        raise UnreadableFile(path, f"PDF 文件已损坏或无法读取 (damaged PDF: {exc})") from exc
    if not any(line.text.strip() for line in lines):
        raise EmptyDocument(path, "PDF 没有文本层 (no text layer; scanned images are not read)")
    return Document(path=path, sha256=sha256, kind="pdf", lines=lines)
