"""How large a document may be. Budget disclosures are small: the largest of the real ones we hold
(measured with benchmarks/document_size.py) has 47 pages, 1,266 lines, 21,543 characters and 308
records (line items, programs, indicators, facts), mapped to 14,654 triples. The limits below are
20 to 80 times that, so any real disclosure passes, while a file far beyond them (a 5 MB text, a
thousand-page report) is refused at once in plain words instead of taking minutes and gigabytes.
At the record limit an ingest takes ~20 s and ~600 MB (mapping costs ~1 KB per triple, 30-50
triples per record; oxigraph's one-transaction load grows faster than linearly, 5 s for 240k
triples, 20 s for 480k), so time and memory stay bounded per document.
"""

from __future__ import annotations

from pathlib import Path

from ingest.errors import TooLarge

MAX_TEXT_BYTES = 10_000_000  # a .txt file, checked before it is read
MAX_PDF_BYTES = 200_000_000  # a .pdf file, checked before it is read
MAX_PAGES = 1_000
MAX_LINES = 100_000
MAX_CHARACTERS = 1_000_000
MAX_RECORDS = 10_000  # line items + programs + indicators + facts of one document


def _refuse(path: object, what: str, size: int, limit: int) -> TooLarge:
    return TooLarge(path, f"文件过大，不像部门预算或决算 (too large for a budget document: {size:,} {what}, "
                          f"the limit is {limit:,})")


def check_file(path: Path, size: int) -> None:
    limit = MAX_PDF_BYTES if path.suffix.lower() == ".pdf" else MAX_TEXT_BYTES
    if size > limit:
        raise _refuse(path, "bytes", size, limit)


def check_pages(path: object, pages: int) -> None:
    if pages > MAX_PAGES:
        raise _refuse(path, "pages", pages, MAX_PAGES)


def check_text(path: object, lines: list) -> None:
    if len(lines) > MAX_LINES:
        raise _refuse(path, "lines", len(lines), MAX_LINES)
    characters = sum(len(line.text) for line in lines)
    if characters > MAX_CHARACTERS:
        raise _refuse(path, "characters", characters, MAX_CHARACTERS)


def check_record(path: object, record) -> None:
    records = len(record.line_items) + len(record.programs) + len(record.indicators) + len(record.facts)
    if records > MAX_RECORDS:
        raise _refuse(path, "records (table rows, programs, indicators, facts)", records, MAX_RECORDS)
