"""Read a .txt, .pdf, .docx, .xlsx or .xls file into a `Document`: its lines, each with its 1-based
line and page number.

Text files may be UTF-8 (with or without BOM), UTF-16 (with BOM) or GB18030/GBK. PDFs are read
through their text layer with pdfplumber (see `ingest.pdf`), or through OCR when they have none
(`ingest.ocr`); Word and Excel files through python-docx, openpyxl and xlrd (`ingest.office`).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from ingest import limits
from ingest.errors import EmptyDocument, UnreadableFile

SUFFIXES = (".txt", ".pdf", ".docx", ".xlsx", ".xls")


@dataclass
class Line:
    text: str
    no: int  # 1-based line number in the text the parser reads
    page: int | None = None
    top: float | None = None  # PDF only: the line's distance from the top of its page (pt)


@dataclass
class Document:
    path: Path
    sha256: str
    kind: str  # "txt", "pdf", "docx", "xlsx" or "xls"
    lines: list[Line]
    pdf_pages: list = field(default_factory=list)  # per-page extras from ingest.pdf (tables, words)
    warnings: list[str] = field(default_factory=list)  # what the reader could not do plainly (OCR), for the record

    @property
    def name(self) -> str:
        """The file name to publish (never the directory it was read from), as readable text."""
        return file_name(self.path)

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


def file_name(path: str | Path) -> str:
    """The last part of `path` as text that can be stored and printed. A name whose bytes are not
    UTF-8 (Python keeps them as lone surrogates) is read as GB18030, as Chinese archives name files,
    else with U+FFFD for the bytes that cannot be read."""
    name = Path(path).name
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        raw = name.encode("utf-8", "surrogateescape")
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        return raw.decode("utf-8", "replace")


def decode_text(data: bytes, path: Path) -> str:
    """Decode the bytes of a text file, trying BOMs, then UTF-8, then GB18030."""
    if data.startswith(b"\xef\xbb\xbf"):
        # A BOM settles the encoding; a damaged byte becomes U+FFFD rather than an error.
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    if b"\x00" in data[:4096]:
        # UTF-16 without a BOM shows NULs between ASCII bytes; anything else with NULs is binary.
        # ASCII in UTF-16-LE puts the NUL second in each pair, in UTF-16-BE first.
        head = data[:4096]
        even, odd = head[0::2].count(0), head[1::2].count(0)
        for enc in (("utf-16-le", "utf-16-be") if odd >= even else ("utf-16-be", "utf-16-le")):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if _looks_like_text(text):
                return text
        raise UnreadableFile(path, "二进制文件，不是文本 (binary file, not text)")
    # UTF-8 first, also when cut off inside its last character (a truncated download), then GB18030,
    # which would otherwise "decode" such UTF-8 into nonsense.
    for cut in (0, 1, 2, 3):
        try:
            text = data[: len(data) - cut].decode("utf-8")
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return text
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = ""
    if text and _looks_like_text(text):
        return text
    raise UnreadableFile(path, "无法识别的文本编码 (not UTF-8, UTF-16 or GB18030 text)")


# control characters other than \t \n \f \r: text has next to none (a regex counts them ~50 times faster
# than a Python loop over every character)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


def _looks_like_text(text: str) -> bool:
    if not text:
        return True
    return len(_CONTROL.findall(text)) / len(text) < 0.01


def read_document(path: str | Path) -> Document:
    path = Path(path)
    if not path.exists():
        raise UnreadableFile(path, "文件不存在 (no such file)")
    if path.is_dir():
        raise UnreadableFile(path, "是目录，不是文件 (a directory, not a file)")
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise UnreadableFile(path, f"不支持的文件类型 {suffix or '(无扩展名)'} (only {', '.join(SUFFIXES)} are read)")
    try:
        limits.check_file(path, path.stat().st_size)
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableFile(path, f"无法读取 ({exc.strerror})") from exc
    if not data.strip():
        raise EmptyDocument(path, "空文件 (empty file)")
    sha256 = hashlib.sha256(data).hexdigest()
    doc = _read_kind(path, suffix, data, sha256)
    limits.check_text(path, doc.lines)  # whatever the kind, before any parser sees it
    if doc.kind == "txt" and not any(line.text.strip() for line in doc.lines):
        raise EmptyDocument(path, "没有文本内容 (no text)")
    return doc


def _read_kind(path: Path, suffix: str, data: bytes, sha256: str) -> Document:
    """The document in `data`, read as its suffix says."""
    if suffix == ".pdf":
        if not data.lstrip()[:5].startswith(b"%PDF"):
            raise UnreadableFile(path, "不是有效的 PDF 文件 (no %PDF header: not a PDF, or damaged)")
        from ingest.pdf import read_pdf

        try:
            return read_pdf(path, data, sha256)
        except EmptyDocument:  # no text layer: a scan, read by OCR where Tesseract is installed
            from ingest import ocr

            if not ocr.available():
                raise
            return ocr.read_scanned_pdf(path, data, sha256)
    if suffix in (".docx", ".xlsx", ".xls"):
        from ingest.office import read_office

        return read_office(path, data, sha256)
    text = decode_text(data, path)
    lines = [Line(t, i) for i, t in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1)]
    return Document(path=path, sha256=sha256, kind="txt", lines=lines)
