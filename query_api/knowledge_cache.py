"""The slow part of the question layer's knowledge, saved on disk so a cold `govkg ask` does not rebuild it.

What is saved: the jieba prefix dictionary with the lexicon's words added, and the EntityRuler's
patterns (~2 s to build: jieba alone loads its 500,000-word dictionary in ~1.4 s). Both are made from
the lexicon's words only, so the file is named after a digest of those words: a store whose names
change gets a fresh one, and two stores with the same names share one. Older files are removed.

    $GOVKG_CACHE (default ~/.cache/govkg)/knowledge-<digest>.pickle

A file that cannot be read (another version, a partial write) is ignored and rebuilt; it is only ever
written by us (pickle), in our own cache directory.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path

VERSION = 2  # bump when what is saved changes shape
KEEP = 8  # state files kept (several stores, or a store and its previous states)


def cache_dir() -> Path:
    return Path(os.environ.get("GOVKG_CACHE") or Path.home() / ".cache" / "govkg")


def path_for(words: list[str]) -> Path:
    """The file of the knowledge made from these words (the lexicon's words and surface forms)."""
    digest = hashlib.sha1(repr((VERSION, words)).encode("utf-8")).hexdigest()[:20]
    return cache_dir() / f"knowledge-{digest}.pickle"


def load(path: Path) -> dict | None:
    """The saved knowledge at `path`, or None (no file, or one we cannot read)."""
    try:
        with path.open("rb") as f:
            saved = pickle.load(f)
        return saved if isinstance(saved, dict) and saved.get("version") == VERSION else None
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError):
        return None


def save(path: Path, **parts) -> None:
    """Write the knowledge atomically (a temporary file renamed); a cache that cannot be written is skipped."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False, suffix=".tmp") as f:
            pickle.dump({"version": VERSION, **parts}, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(f.name, path)
        old = sorted(path.parent.glob("knowledge-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in old[KEEP:]:
            stale.unlink(missing_ok=True)
    except OSError:
        pass
