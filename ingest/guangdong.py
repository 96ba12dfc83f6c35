"""Parser for the Guangdong family: extracted text, tab-separated tables or raw PDF text."""

from __future__ import annotations

from ingest.reader import Document
from ingest.record import Record


def parse(doc: Document) -> Record:
    raise NotImplementedError("guangdong parser: not written yet")
