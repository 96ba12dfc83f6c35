"""What the service reads from one document, kept on disk under the document graph's version
(graph_store.base.Store.graph_versions), so a server starting on a store it has seen reads nothing
again and a change costs the documents written, not the whole store.

Files live in $GOVKG_CACHE (default ~/.cache/govkg; query_api.knowledge_cache), one JSON file per document
and kind, named by a hash of (graph IRI, version, FORMAT): a version is a fresh token per write, so a
file never needs invalidating; one that cannot be read is read from the store again.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from query_api.knowledge_cache import cache_dir

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
            json.dump(value, out, ensure_ascii=False)
        os.replace(out.name, file)
    except OSError:
        pass
