"""Parser for the Shanghai PDF family: amounts in 元, functional codes split into 类/款/项 columns."""

from __future__ import annotations

from ingest.reader import Document
from ingest.record import Record


def matches(doc: Document) -> bool:
    return doc.kind == "pdf"


def parse(doc: Document) -> Record:
    raise NotImplementedError("shanghai parser: not written yet")
