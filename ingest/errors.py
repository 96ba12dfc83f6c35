"""Errors raised while reading a document. Callers catch `IngestError`; each message names the file.

    IngestError                  a document could not be turned into a record
    ├── UnreadableFile           missing, unreadable, binary, undecodable, or a damaged PDF
    ├── EmptyDocument            no text at all, or too little to be a document
    ├── TooLarge                 larger than any budget document (pages, characters, rows): see ingest.limits
    └── NotABudgetDocument       text, but not a 部门预算 / 部门决算 (or its department/year not found)
"""

from __future__ import annotations


class IngestError(Exception):
    """A document could not be turned into a record."""

    def __init__(self, path: object, reason: str, line: int | None = None):
        self.path, self.reason, self.line = str(path), reason, line
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {reason}")

    def __reduce__(self):  # rebuilt from its parts when it comes back from a parsing process
        return type(self), (self.path, self.reason, self.line)


class UnreadableFile(IngestError):
    """Missing, unreadable, binary or undecodable file, or a damaged PDF."""


class EmptyDocument(IngestError):
    """The file holds no text, or too little to be a budget document."""


class TooLarge(IngestError):
    """Far larger than any budget document (bytes, pages, lines, characters or records)."""


class NotABudgetDocument(IngestError):
    """The text is not a 部门预算 or 部门决算, or its department or year cannot be found."""
