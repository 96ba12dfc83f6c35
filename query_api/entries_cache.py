"""What the service reads from one document, kept on disk under the document graph's version
(graph_store.base.Store.graph_versions), so a server starting on a store it has seen reads nothing
again and a change costs the documents written, not the whole store; and what it makes of all of them
(the search index), kept under the versions of every graph (`merged_path`), so a restart loads it.

Files live in $GOVKG_CACHE (default ~/.cache/govkg; query_api.knowledge_cache), one JSON file per document
and kind, named by a hash of (graph IRI, version, FORMAT): a version is a fresh token per write, so a
file never needs invalidating; one that cannot be read is read from the store again.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import tempfile
from pathlib import Path

from query_api.knowledge_cache import cache_dir, prune

FORMAT = "1"  # raised when what is kept per document changes shape


def path(kind: str, graph: str, version: str) -> Path:
    """The file of what `kind` (search, lexicon) keeps of one version of one graph."""
    digest = hashlib.sha256(f"{FORMAT}\n{kind}\n{graph}\n{version}".encode()).hexdigest()[:32]
    return cache_dir() / "documents" / digest[:2] / f"{digest}.json"


def cached(kind: str, store, graph: str, version: str, read, encode=lambda v: v, decode=lambda v: v):
    """What `read()` returns for one version of one graph: from the file when a store on disk has been
    read before, else read and saved (`encode`/`decode` turn it into JSON values and back)."""
    file = path(kind, graph, version) if store.persistent else None
    if file is not None:
        try:
            return decode(json.loads(file.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError, KeyError):
            pass  # absent or unreadable: read it again
    value = read()
    if file is not None:
        _save(file, encode(value))
    return value


def _save(file: Path, value) -> None:
    """Write atomically (a reader never sees half a file); a cache that cannot be written is only slower,
    never an error."""
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=file.parent, delete=False, suffix=".tmp") as out:
            out.write(json.dumps(value, ensure_ascii=False))  # dumps is C; dump to a file encodes in Python
        os.replace(out.name, file)
    except OSError:
        pass


MERGED_KEPT = 8  # files of whole-store states kept per kind (a store and its previous states, several stores)


_CODE: list[str] = []


def _code() -> str:
    """A digest of the code that shapes what is merged (the lexicon's rules, the synonyms, the search
    entries): a merged file made by other code is never loaded."""
    if not _CODE:
        here = Path(__file__).parent
        digest = hashlib.sha256()
        for part in ("lexicon.py", "search.py", "search_entries.py", "search_index.py", "ask.py", "topics.py", "data/synonyms.txt"):
            digest.update((here / part).read_bytes())
        _CODE.append(digest.hexdigest())
    return _CODE[0]


def merged_path(kind: str, versions: dict[str, str], suffix: str = ".pickle") -> Path:
    """The file of what `kind` makes of a whole store whose graphs are at `versions` (a digest of them:
    versions are fresh tokens per write, so the same digest is the same content)."""
    digest = hashlib.sha256(repr((FORMAT, _code(), kind, sorted(versions.items()))).encode()).hexdigest()[:32]
    return cache_dir() / "merged" / f"{kind}-{digest}{suffix}"


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


class _Parts(int):
    """The mark at the start of a file of a tuple saved part by part: how many parts follow."""

    @property
    def count(self) -> int:
        return int(self)


def merged_files(kind: str) -> list[Path]:
    """The saved whole-store states of `kind`, newest first."""
    try:
        return sorted((cache_dir() / "merged").glob(f"{kind}-*.pickle"), key=lambda p: p.stat().st_mtime,
                      reverse=True)
    except OSError:
        return []


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
