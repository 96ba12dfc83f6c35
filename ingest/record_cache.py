"""Records parsed before, kept by what they were parsed from: a file `govkg ingest` has parsed before (the same
bytes under the same name) with the same parser code costs a file read, not a parse (a PDF's is ~0.3 s).

    FOLDER/<code>/<key>.pickle.zz                     one record, pickled and compressed (~10 KB)
    FOLDER/<code>/derived/<digest>/<key>.pickle.zz    what ingest made of it in the parsing process (`Derived`)

FOLDER is the caller's (`govkg ingest`: $GOVKG_CACHE/records, the service's cache, not the store's folder: a
record does not depend on the store, so a new store of the same files — another kind, a changed mapping — reads
them too). <code> is a digest of what a record is made by: every source of the `ingest` package and the
ontology module it reads, the versions of the libraries that read PDFs and office files, Python's, and the
setting choosing the PDF reader — computed once a process, so a changed parser never reads a record of the code
before it. <key> is of the file's name (the record holds it) and its bytes' sha256.

Only a file read as a publication of its own is kept: one in parts (ingest.parts) is parsed again with its
partner. An entry is written to a file of its own and renamed, so processes parsing beside each other never
read half of one; an entry that cannot be read is parsed again and written anew. The folders of the KEEP
newest parser codes are kept, older ones removed when a new code's is made, with the pieces (.part) a process
killed while writing left behind; removing FOLDER clears it all.

A record read by OCR is not kept: what Tesseract and its chi_sim data read is not in the code digest (a new
version of either may read other text from the same scan), so such a file is parsed again each time.

What `govkg ingest` makes of a record where it is parsed (its mapped N-Quads, the shared statements' lines, the
service's row texts: nothing of the store) is kept beside it (`Derived`), so a record read back is not mapped
again either; <digest> is of every source and setting that making depends on (the caller's), the KEEP_DERIVED
newest kept under each parser code's folder: at most KEEP × KEEP_DERIVED digest folders in all (~85 KB a document
each). "Newest" is by the folder's mtime, set each time a cache opens it, so a folder only read is as new as one
written; a folder is pruned while in use only when KEEP_DERIVED other digests are made meanwhile (another branch,
a test run), and then what is written into it is lost and what is read from it is made again, nothing wrong.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import sys
import tempfile
import time
import zlib
from functools import cache
from importlib import metadata
from pathlib import Path

import ingest
from ingest import limits
from ingest.errors import IngestError
from ingest.ocr import OCR_WARNING
from ingest.reader import file_name
from ingest.record import Record

KEEP = 4  # parser codes whose records are kept (a user going back and forth between two versions keeps both)
# digests whose Derived entries are kept for a parser code's records: an entry is ~85 KB a text document (8 times
# its record), and any change of the mapping or the service's code gives a new digest
KEEP_DERIVED = 2
STALE_PART = 3600  # seconds after which a .part no process renamed is a leftover of a killed one
# What reads a file besides our code: a new version of one may read other text from the same bytes.
READERS = ("pdfplumber", "pdfminer.six", "pypdfium2", "python-docx", "openpyxl", "xlrd")
SOURCES = (Path(ingest.__file__).parent, Path(ingest.__file__).parent.parent / "ontology" / "fact_kinds.py")


@cache
def code_digest(sources: tuple[Path, ...] = SOURCES, libraries: tuple[str, ...] = READERS,
                settings: str | None = None) -> str:
    """The digest of what makes a thing kept (default: the parser's code): every .py file under `sources`
    (folders, or files of any kind) by its path there and its bytes, the `libraries`' versions, Python's, and
    `settings` (default: GOVKG_PDF_READER)."""
    digest = hashlib.sha256()
    for source in sources:
        files = sorted(source.rglob("*.py")) if source.is_dir() else [source]
        for path in files:
            digest.update(f"{path.relative_to(source.parent)}\0".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    for name in libraries:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"{name}={version}\0".encode())
    settings = os.environ.get("GOVKG_PDF_READER", "") if settings is None else settings
    digest.update(f"{sys.version}\0{settings}".encode())
    return digest.hexdigest()[:20]


class _Kept:
    """Pickled values in `folder` (one a key, compressed), its sibling folders pruned to the `keep` newest when it
    is made. `reuse` False: nothing is read back, each value is kept anew."""

    def __init__(self, folder: Path, reuse: bool = True, keep: int = KEEP) -> None:
        self.folder, self.reuse = folder, reuse
        try:
            made = not self.folder.is_dir()
            self.folder.mkdir(parents=True, exist_ok=True)
            os.utime(self.folder)  # used now: the last to be pruned
        except OSError:
            return  # a cache that cannot be made: every `keep` keeps nothing
        if made:
            _prune(self.folder.parent, keep)
        else:
            _clear_parts(self.folder)

    def _read(self, key: str | None) -> object:
        """The value kept under `key`, or None (none kept, not reused, or unreadable)."""
        if key is None or not self.reuse:
            return None
        try:
            return pickle.loads(zlib.decompress((self.folder / f"{key}.pickle.zz").read_bytes()))
        except Exception:  # noqa: BLE001 - absent, cut short, or of a shape no longer ours: made again
            return None

    def _write(self, key: str, value: object) -> bool:
        """Keep `value` under `key`; a cache that cannot be written, or a value that cannot be pickled, keeps
        nothing (False). Written to a file of its own and renamed: a process beside never reads half of one."""
        part = None
        try:
            data = zlib.compress(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), 1)
            handle, part = tempfile.mkstemp(dir=self.folder, prefix=".", suffix=".part")
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(part, self.folder / f"{key}.pickle.zz")
            return True
        except Exception:  # noqa: BLE001 - not writable, or not picklable (PicklingError): nothing is kept
            if part is not None:
                Path(part).unlink(missing_ok=True)
            return False


class RecordCache(_Kept):
    """The records kept in `folder` for the running parser code. Made once by the process that starts the
    parsing (the digest is computed there) and handed to the parsing processes."""

    def __init__(self, folder: Path, reuse: bool = True, derived: str | None = None) -> None:
        """`reuse` False: no record is read (every file parsed again), each one parsed is kept anew. `derived`:
        the digest of what the parsing's `prepare` makes of a record depends on besides it (`Derived`)."""
        super().__init__(Path(folder) / code_digest(), reuse)
        self.derived = Derived(self, derived) if derived is not None else None

    def lookup(self, path: Path) -> tuple[str | None, Record | None]:
        """(the key of `path`'s record, the record kept for it or None). The key is None when the file cannot
        be read here (the reader then says why)."""
        key = self._key(path)
        record = self._read(key)
        return key, record if isinstance(record, Record) else None

    def holds(self, path: Path) -> bool:
        """Whether a record of `path` will be read back (read as it is by `lookup`, not tested)."""
        key = self._key(path) if self.reuse else None
        return key is not None and (self.folder / f"{key}.pickle.zz").is_file()

    def made_before(self, paths: list[Path]) -> bool:
        """Whether every file of `paths` has its record and what was made of it (`Derived`) kept: a rebuild of a store
        from files ingested before, which parses and makes nothing (as far as the entries are read as they are)."""
        for path in paths:
            key = self._key(path) if self.reuse and self.derived is not None else None
            if key is None or not all((kept.folder / f"{key}.pickle.zz").is_file() for kept in (self, self.derived)):
                return False
        return True

    def _key(self, path: Path) -> str | None:
        try:
            limits.check_file(path, path.stat().st_size)  # as the reader: a file over the limit is never read
            data = path.read_bytes()
        except (OSError, IngestError):
            return None
        return hashlib.sha256(f"{file_name(path)}\0{hashlib.sha256(data).hexdigest()}".encode()).hexdigest()

    def keep(self, key: str | None, record: Record) -> bool:
        """Keep `record` under `key` (a key from `lookup`); whether it was kept: a cache that cannot be written, or
        a record that cannot be pickled, keeps nothing (the parse stands); a record read by OCR is not kept
        (module docstring)."""
        if key is None or any(OCR_WARNING in warning for warning in record.warnings):
            return False
        return self._write(key, record)


class Derived(_Kept):
    """What the parsing's `prepare` made of a record kept in `records` (ingest.parse.parse_paths), kept beside it
    under the record's key, in a folder of the digest of every other thing it depends on (the code that made it,
    its settings), the KEEP_DERIVED newest digests' kept. Read back only for a record read back (one parsed again, or
    one not kept, is prepared again): what is kept of it is never of other bytes, parser code or digest."""

    def __init__(self, records: RecordCache, digest: str) -> None:
        super().__init__(records.folder / "derived" / digest, records.reuse, KEEP_DERIVED)

    def lookup(self, key: str) -> object:
        """What was kept of the record under `key`, or None."""
        return self._read(key)

    def keep(self, key: str, made: object) -> None:
        self._write(key, made)


def _prune(folder: Path, keep: int = KEEP) -> None:
    """All but the `keep` newest folders in `folder` (parser codes, or digests) go (another process removing one too
    is fine)."""
    try:
        codes = sorted((p for p in folder.iterdir() if p.is_dir()), key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError:
        return
    for old in codes[keep:]:
        shutil.rmtree(old, ignore_errors=True)
    for code in codes[:keep]:
        _clear_parts(code)


def _clear_parts(folder: Path) -> None:
    """Remove the .part files in `folder` older than STALE_PART: left by a process killed while writing (one
    being written now is younger)."""
    try:
        parts = list(folder.glob(".*.part"))
    except OSError:
        return
    now = time.time()
    for part in parts:
        try:
            if now - part.stat().st_mtime > STALE_PART:
                part.unlink()
        except OSError:
            pass  # gone already (another process cleared it)
