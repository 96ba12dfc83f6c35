"""The words of the documents' search entries kept beside their records (query_api.search_words): a store rebuilt
from files ingested before cuts none again and searches the same; another lexicon, or other texts, cut again."""

from __future__ import annotations

import shutil

from govkg.cli import main
from graph_store.oxigraph import OxigraphStore
from query_api import search
from query_api.search_entries import Hit
from query_api.search_words import KeptWords
from tests.govkg.test_prepare import _a_new_process

QUERIES = ("热线中心日常运作", "数据", "项目支出")


def _searched(store_dir) -> list:
    _a_new_process()
    with OxigraphStore(store_dir, read_only=True) as store:
        return [search.search(store, q) for q in QUERIES]


def _cutting_counted(monkeypatch) -> list[str]:
    cut: list[str] = []
    real = search.entry_tokens

    def counted(hit, lexicon, memo=None):
        cut.append(hit.label)
        return real(hit, lexicon, memo)
    monkeypatch.setattr(search, "entry_tokens", counted)
    return cut


def _records_only(tmp_path, name: str) -> None:
    """A new cache holding only the records (and what was made of them) of the first ingest's cache."""
    shutil.copytree(tmp_path / "cache" / "records", tmp_path / name / "records")


def test_a_rebuild_reads_the_words_back_and_searches_the_same(samples_dir, tmp_path, monkeypatch):
    paths = [str(p) for p in sorted(samples_dir.glob("*.txt"))[:3]]
    monkeypatch.setenv("GOVKG_CACHE", str(tmp_path / "cache"))
    _a_new_process()
    cut = _cutting_counted(monkeypatch)
    assert main(["ingest", *paths, "--store", str(tmp_path / "first"), "--jobs", "1"]) == 0
    assert cut  # made, and kept beside the records
    first = _searched(tmp_path / "first")
    assert any(found["total"] for found in first)

    _records_only(tmp_path, "rebuilt-cache")
    monkeypatch.setenv("GOVKG_CACHE", str(tmp_path / "rebuilt-cache"))
    _a_new_process()
    cut.clear()
    assert main(["ingest", *paths, "--store", str(tmp_path / "rebuilt"), "--jobs", "1"]) == 0
    assert cut == []  # the same texts, the same lexicon: nothing cut again
    assert _searched(tmp_path / "rebuilt") == first

    # fewer documents: another lexicon, so the words are cut with it, not read back
    _records_only(tmp_path, "fewer-cache")
    monkeypatch.setenv("GOVKG_CACHE", str(tmp_path / "fewer-cache"))
    _a_new_process()
    assert main(["ingest", *paths[:1], "--store", str(tmp_path / "fewer"), "--jobs", "1"]) == 0
    assert cut


class _Folder:
    def __init__(self) -> None:
        self.values: dict[str, object] = {}

    def lookup(self, key: str) -> object:
        return self.values.get(key)

    def keep(self, key: str, made: object) -> None:
        self.values[key] = made


class _Lexicon:
    def __init__(self, *words: str) -> None:
        self.words = list(words)

    def user_words(self) -> list[str]:
        return self.words


def test_the_words_are_kept_under_the_texts_and_the_lexicons_words():
    folder, calls = _Folder(), []
    hits = [Hit("urn:a", "program", "热线服务", None, None, None), Hit("urn:b", "duty", "数据", "管理", None, None)]

    def cut(hit: Hit) -> list[str]:
        calls.append(hit.uri)
        return [hit.label, *([hit.text] if hit.text else [])]

    words = KeptWords(folder, _Lexicon("热线"))
    made = words.of(hits, cut)
    assert made == [["热线服务"], ["数据", "管理"]] and len(calls) == 2
    assert KeptWords(folder, _Lexicon("热线")).of(hits, cut) == made and len(calls) == 2  # read back
    KeptWords(folder, _Lexicon("热线", "服务")).of(hits, cut)  # another lexicon's words
    assert len(calls) == 4
    other = [hits[0], Hit("urn:b", "duty", "数据", "None", None, None)]  # a text of "None" is not no text
    assert KeptWords(folder, _Lexicon("热线")).of([hits[0], Hit("urn:b", "duty", "数据", None, None, None)], cut)
    assert KeptWords(folder, _Lexicon("热线")).of(other, cut)[1] == ["数据", "None"]
    for key in folder.values:  # a value of another length (cut short, another shape) is cut again
        folder.values[key] = [["?"]]
    assert KeptWords(folder, _Lexicon("热线")).of(hits, cut) == made
