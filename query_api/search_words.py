"""The words a document's search entries are found by, kept beside its record (ingest.record_cache.Derived)
under what they are made of: the entries' texts and the words the lexicon adds to jieba's. A store rebuilt from
files ingested before (a new store, the records read back) makes the same lexicon from the same documents and so
cuts nothing again: cutting every entry with jieba was ~0.3 s of CPU of a rebuild of 8 documents (~1.2 s).

The key is a digest of the texts cut and of the lexicon's words, in the folder of the digest of the code that cuts
and of jieba's version (govkg.derived): what is read back is what cutting would give, never another document's or
another lexicon's. Only `govkg ingest` keeps them (it has the record cache); `govkg serve` and `remove` cut as
before.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Protocol

from query_api.lexicon import Lexicon
from query_api.search_entries import Hit


class Kept(Protocol):
    """Where values are kept by key (ingest.record_cache.Derived)."""

    def lookup(self, key: str) -> object: ...

    def keep(self, key: str, made: object) -> None: ...


class KeptWords:
    """The words of documents' entries cut by one lexicon, read from `kept` or made and kept there."""

    def __init__(self, kept: Kept, lexicon: Lexicon) -> None:
        self.kept = kept
        # the tokenizer is jieba's dictionary with these words added (Lexicon.tokenizer), whichever way it was made
        self.lexicon = hashlib.sha256("\0".join(lexicon.user_words()).encode()).hexdigest()

    def of(self, hits: list[Hit], cut: Callable[[Hit], list[str]]) -> list[list[str]]:
        """`cut` of each hit: kept when the same texts were cut with the same lexicon's words before."""
        digest = hashlib.sha256(f"search words\0{self.lexicon}".encode())
        for hit in hits:
            digest.update(f"\0{hit.label!r}\0{hit.text!r}".encode())
        key = f"words-{digest.hexdigest()}"
        words = self.kept.lookup(key)
        if isinstance(words, list) and len(words) == len(hits):
            return words
        words = [cut(hit) for hit in hits]
        self.kept.keep(key, words)
        return words
