"""What the service reads from one document, kept on disk under the document graph's version
(graph_store.base.Store.graph_versions), so a server starting on a store it has seen reads nothing
again and a change costs the documents written, not the whole store; and what it makes of all of them
(the search index), kept under the versions of every graph (`merged_path`), so a restart loads it.

What each document gives each kind is a row of one SQLite table, `$GOVKG_CACHE/documents.sqlite` (default
~/.cache/govkg; query_api.knowledge_cache), its value JSON, keyed by a hash of (kind, graph IRI, version,
FORMAT): a version is a fresh token per write, so a row never needs invalidating; one that cannot be read
is read from the store again. One table rather than a file per document: a change at 1,000 documents read
3,000 files again (2.2 s of a re-ingest's 44 under load), where it now reads 3,000 rows of one file.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import sqlite3
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

from query_api.knowledge_cache import cache_dir, prune

FORMAT = "3"  # raised when what is kept per document changes shape (3: lines without a code at the top level)


def _key(kind: str, graph: str, version: str) -> str:
    return hashlib.sha256(f"{FORMAT}\n{kind}\n{graph}\n{version}".encode()).hexdigest()[:32]


_DATABASES: dict[Path, sqlite3.Connection] = {}
_LOCK = threading.Lock()


def _database() -> sqlite3.Connection | None:
    """This process's connection to the documents' table in the cache directory (made on first use), or None
    when it cannot be opened (a cache is then only slower)."""
    file = cache_dir() / "documents.sqlite"
    with _LOCK:
        db = _DATABASES.get(file)
        if db is None:
            try:
                file.parent.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(file, timeout=30, check_same_thread=False, isolation_level=None)
                db.execute("PRAGMA journal_mode = WAL")  # a server reads while an ingest writes
                db.execute("PRAGMA synchronous = NORMAL")  # no fsync a commit (3.6 ms; 1,000 at 1,000 documents): a cache
                db.execute("CREATE TABLE IF NOT EXISTS kept (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID")
                # whose each row is (rows kept by a govkg before it have none, and are never pruned)
                db.execute("CREATE TABLE IF NOT EXISTS owner (graph TEXT, version TEXT, key TEXT, "
                           "PRIMARY KEY (graph, version, key)) WITHOUT ROWID")
            except (OSError, sqlite3.Error):
                return None
            _DATABASES[file] = db
        return db


def _earlier_file(key: str) -> Path:
    return cache_dir() / "documents" / key[:2] / f"{key}.json"


def _lookup(db: sqlite3.Connection, key: str) -> str | None:
    """The JSON kept under `key`: its row, or the file a govkg that wrote a file per document kept (taken over
    into the table, not read from the store again); None when neither is there."""
    with _LOCK:
        row = db.execute("SELECT value FROM kept WHERE key = ?", (key,)).fetchone()
    if row is not None:
        return row[0]
    earlier = _earlier_file(key)
    if not earlier.is_file():
        return None
    text = earlier.read_text(encoding="utf-8")
    with _LOCK:
        db.execute("INSERT OR REPLACE INTO kept VALUES (?, ?)", (key, text))
    return text


def has(kind: str, graph: str, version: str) -> bool:
    """Whether what `kind` keeps of this version of this graph is saved."""
    db = _database()
    try:
        return db is not None and _lookup(db, _key(kind, graph, version)) is not None
    except (OSError, sqlite3.Error):
        return False


def kept(kind: str, graph: str, version: str):
    """What `kind` keeps of this version of this graph (its JSON values), or None when it is not kept."""
    db = _database()
    try:
        text = _lookup(db, _key(kind, graph, version)) if db is not None else None
        return json.loads(text) if text is not None else None
    except (OSError, sqlite3.Error, ValueError):
        return None


def held(kind: str, versions: dict[str, str]) -> set[str]:
    """The graphs of `versions` whose `kind` is saved at their version: a few statements for a whole store
    (a server's start looks at every document: 3,000 lookups one by one were 1 s at 1,000 documents)."""
    db = _database()
    keys = {_key(kind, graph, version): graph for graph, version in versions.items()}
    try:
        found = {keys[key] for (key,) in _select_in(db, list(keys), "key")} if db is not None else set()
    except sqlite3.Error:
        return set()
    # a document kept as a file by an earlier govkg is taken over into the table (`has`)
    return found | {g for g, v in versions.items() if g not in found and _earlier_file(_key(kind, g, v)).is_file()
                    and has(kind, g, v)}


def kept_many(kind: str, versions: dict[str, str]) -> dict[str, object]:
    """What `kind` keeps of each document at `versions` (its JSON values), by graph, read in a few statements;
    the documents whose is not kept are left out (read them through `cached`). One look-up per document was
    0.6 s of a change at 1,000 documents for the lexicon's rows alone."""
    db = _database()
    if db is None:
        return {}
    keys = {_key(kind, graph, version): graph for graph, version in versions.items()}
    found = {}
    try:
        for key, text in _select_in(db, list(keys), "key, value"):
            try:
                found[keys[key]] = json.loads(text)
            except ValueError:
                pass  # unreadable: read again through `cached`
    except sqlite3.Error:
        return {}
    return found


def _select_in(db: sqlite3.Connection, keys: list[str], cols: str) -> list[tuple]:
    """The `cols` of the rows of `kept` under `keys`, 500 keys a statement (SQLite's bound on parameters)."""
    rows: list[tuple] = []
    for start in range(0, len(keys), 500):
        chunk = keys[start:start + 500]
        with _LOCK:
            rows += db.execute(f"SELECT {cols} FROM kept WHERE key IN ({', '.join('?' * len(chunk))})",
                               chunk).fetchall()
    return rows


def cached_each(kind: str, store, read, versions: dict[str, str] | None = None) -> dict:
    """What `read(store, graph, version)` gives each document of `store` (or each at `versions`), in their
    order: for a store on disk what is kept of them read at once (`kept_many`), the others read (`read` keeps
    them through `cached`)."""
    versions = store.document_versions() if versions is None else versions
    found = kept_many(kind, versions) if store.persistent else {}
    return {graph: found[graph] if graph in found else read(store, graph, version)
            for graph, version in versions.items()}


def cached(kind: str, store, graph: str, version: str, read, encode=lambda v: v, decode=lambda v: v):
    """What `read()` returns for one version of one graph: from the table when a store on disk has been
    read before, else read and saved (`encode`/`decode` turn it into JSON values and back)."""
    db = _database() if store.persistent else None
    if db is not None:
        try:
            text = _lookup(db, _key(kind, graph, version))
            if text is not None:
                return decode(json.loads(text))
        except (OSError, sqlite3.Error, ValueError, TypeError, KeyError):
            pass  # unreadable: read it again
    value = read()
    if db is not None:
        keep([(kind, graph, version, encode(value))])
    return value


def keep(values: list[tuple[str, str, str, object]]) -> None:
    """Keep each (kind, graph, version, value) as `cached` would once it has read it, in one transaction (a
    transaction per value was most of what `govkg ingest` spent keeping its documents' rows; one transaction: a
    reader never sees half a value; a row already kept is replaced, as an unreadable one must be)."""
    keep_texts([(kind, graph, version, value_text(value)) for kind, graph, version, value in values])


def value_text(value) -> str:
    """A value as its row keeps it (JSON)."""
    return json.dumps(value, ensure_ascii=False)


def keep_texts(values: list[tuple[str, str, str, str]]) -> None:
    """`keep` of values already written as their rows' text (`value_text`): `govkg ingest` makes it in the
    processes that parse, so the process that writes the store only files it."""
    db = _database()
    if db is None or not values:
        return
    try:
        with _LOCK, db:
            db.execute("BEGIN")
            db.executemany("INSERT OR REPLACE INTO kept VALUES (?, ?)", [
                (_key(kind, graph, version), text) for kind, graph, version, text in values])
            db.executemany("INSERT OR IGNORE INTO owner VALUES (?, ?, ?)", [
                (graph, version, _key(kind, graph, version)) for kind, graph, version, _ in values])
    except sqlite3.Error:
        pass  # not kept: read from the store when asked for


def prune_versions(keep: set[tuple[str, str]]) -> int:
    """Drop the rows of every document version not in `keep` (graph, version); how many versions went."""
    db = _database()
    if db is None:
        return 0
    try:
        with _LOCK:
            gone = [gv for gv in db.execute("SELECT DISTINCT graph, version FROM owner") if gv not in keep]
            with db:
                db.execute("BEGIN")
                for graph, version in gone:
                    db.execute("DELETE FROM kept WHERE key IN (SELECT key FROM owner WHERE graph = ? AND version = ?)",
                               (graph, version))
                    db.execute("DELETE FROM owner WHERE graph = ? AND version = ?", (graph, version))
        return len(gone)
    except sqlite3.Error:
        return 0


MERGED_KEPT = 8  # files of whole-store states kept per kind (a store and its previous states, several stores)


_CODE: list[str] = []


def code() -> str:
    """A digest of the code that shapes what is merged (the lexicon's rules, the synonyms, the search
    entries) and of FORMAT: a merged file made by other code is never loaded, nor merged into."""
    if not _CODE:
        here = Path(__file__).parent
        digest = hashlib.sha256()
        for part in ("lexicon.py", "search.py", "search_entries.py", "search_index.py", "ask.py", "topics.py",
                     "topic_store.py", "char_postings.py", "learned.py", "data/synonyms.txt"):
            digest.update((here / part).read_bytes())
        digest.update(FORMAT.encode())
        _CODE.append(digest.hexdigest())
    return _CODE[0]


def merged_dir() -> Path:
    """The folder of the saved whole-store states (`merged_path`)."""
    return cache_dir() / "merged"


def merged_path(kind: str, versions: dict[str, str], suffix: str = ".pickle") -> Path:
    """The file of what `kind` makes of a whole store whose graphs are at `versions` (a digest of them:
    versions are fresh tokens per write, so the same digest is the same content)."""
    digest = hashlib.sha256(repr((FORMAT, code(), kind, sorted(versions.items()))).encode()).hexdigest()[:32]
    return merged_dir() / f"{kind}-{digest}{suffix}"


def load_merged(file: Path, parts: int | None = None):
    """What `save_merged` wrote to `file`, or None (none yet, or unreadable: made again). `parts`: only the
    first so many parts of a tuple (saved part by part, so that a reader can stop early)."""
    try:
        with file.open("rb") as f:
            value = pickle.load(f)
            if not isinstance(value, _Parts):
                return value
            return tuple(pickle.load(f) for _ in range(min(value.count, parts or value.count)))
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError, TypeError):
        return None


def last_part(loaded, parts: int, kind: type):
    """The last of the `parts` parts `load_merged` read (a tuple) when it is a `kind`, else None: a state saved
    in another shape, by another version, or not at all reads as none."""
    ok = isinstance(loaded, tuple) and len(loaded) == parts and isinstance(loaded[-1], kind)
    return loaded[-1] if ok else None


class _Parts(int):
    """The mark at the start of a file of a tuple saved part by part: how many parts follow."""

    @property
    def count(self) -> int:
        return int(self)


def merged_files(kind: str) -> list[Path]:
    """The saved whole-store states of `kind`, newest first."""
    try:
        return sorted(merged_dir().glob(f"{kind}-*.pickle"), key=lambda p: p.stat().st_mtime,
                      reverse=True)
    except OSError:
        return []


def saved_states(kind: str, code: str | None = None) -> Iterator[tuple[Path, dict[str, str]]]:
    """(file, versions) of each saved whole-store state of `kind` whose header (the first part: the code
    digest and the graphs' versions) is well-formed and, when `code` is given, was made by that code;
    newest first."""
    for file in merged_files(kind):
        header = load_merged(file, parts=1)
        if isinstance(header, tuple) and isinstance(header[0], tuple) and isinstance(header[0][1], dict):
            if code is None or header[0][0] == code:
                yield file, header[0][1]


def save_merged(file: Path, value) -> None:
    """Pickle `value` to `file` atomically (only ever read back by us, from our own cache directory); older
    states of the same kind beyond MERGED_KEPT go."""
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=file.parent, delete=False, suffix=".tmp") as out:
            for part in ((_Parts(len(value)), *value) if isinstance(value, tuple) else (value,)):
                pickle.dump(part, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(out.name, file)
        prune(file, MERGED_KEPT)
    except OSError:
        pass
