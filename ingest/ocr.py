"""Read a PDF without a text layer (a scan) through Tesseract OCR, when Tesseract and its
simplified-Chinese data (Debian: tesseract-ocr, tesseract-ocr-chi-sim) are installed.

Pages are rendered with pypdfium2 (already installed with pdfplumber) at 300 dpi and read by the
`tesseract` command line one page at a time, block mode (--psm 6), which keeps a table's row on
one line. Tesseract puts a space between Chinese characters; those are removed, spaces between
figures kept. The document says it was read by OCR: its figures may be misread.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from functools import lru_cache
from pathlib import Path

from ingest.errors import EmptyDocument, UnreadableFile
from ingest.reader import Document, Line

OCR_WARNING = ("本文件没有文本层，文字由 OCR 识别，数字和名称可能有误，请与原件核对 "
               "(scanned PDF read by OCR: figures and names may be misread)")
_DPI = 300
_HAN_SPACE = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef])\s+(?=[\u3000-\u9fff\uff00-\uffef])")


@lru_cache(maxsize=1)
def available() -> bool:
    """True when the tesseract command and its chi_sim data are installed."""
    if shutil.which("tesseract") is None:
        return False
    try:
        langs = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return False
    return "chi_sim" in (langs.stdout + langs.stderr).split()


def read_scanned_pdf(path: Path, data: bytes, sha256: str) -> Document:
    """The OCR'd lines of every page; `EmptyDocument` when OCR finds no text either."""
    import pypdfium2 as pdfium

    lines: list[Line] = []
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise UnreadableFile(path, f"PDF 文件已损坏或无法读取 (damaged PDF: {exc})") from exc
    with tempfile.TemporaryDirectory(prefix="govkg-ocr-") as tmp:
        for number in range(len(pdf)):
            image = Path(tmp) / f"{number + 1}.png"
            pdf[number].render(scale=_DPI / 72).to_pil().save(image)
            for text in _tesseract(image, path).splitlines():
                text = _HAN_SPACE.sub("", text).strip()
                if text:
                    lines.append(Line(text, len(lines) + 1, number + 1))
    pdf.close()
    if not lines:
        raise EmptyDocument(path, "PDF 没有文本层，OCR 也没有识别出文字 (no text layer, and OCR found no text)")
    return Document(path=path, sha256=sha256, kind="pdf", lines=lines, warnings=[OCR_WARNING])


def _tesseract(image: Path, path: Path) -> str:
    try:
        # one thread a page: Tesseract's own threads only contend on a shared machine
        done = subprocess.run(["tesseract", str(image), "-", "-l", "chi_sim+eng", "--psm", "6"], capture_output=True,
                              text=True, timeout=300, env={**os.environ, "OMP_THREAD_LIMIT": "1"})
    except (OSError, subprocess.SubprocessError) as exc:
        raise UnreadableFile(path, f"OCR 失败 (tesseract failed: {type(exc).__name__})") from exc
    if done.returncode != 0:
        raise UnreadableFile(path, f"OCR 失败 (tesseract failed: {done.stderr.strip()[:120]})")
    return done.stdout
