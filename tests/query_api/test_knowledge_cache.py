"""What makes a cold question cheap: the saved jieba dictionary read word by word, the EntityRuler given
only the names a question can hold, jieba and spaCy imported without their command lines."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from query_api import knowledge_cache
from query_api.lexicon import Entry, Lexicon
from query_api.mentions import EntityPipeline

ROOT = Path(__file__).resolve().parents[2]


def test_the_saved_dictionary_answers_as_the_dictionary_did_word_by_word_then_whole(tmp_path, monkeypatch):
    freq = {"政": 0, "政务": 5, "政务云": 7, "云": 3}
    knowledge_cache.save(tmp_path / "knowledge-x.sqlite", freq=freq, total=15, patterns={("政务云",): "政务云"})
    saved = knowledge_cache.load(tmp_path / "knowledge-x.sqlite")
    assert saved["total"] == 15 and saved["patterns"] == {("政务云",): "政务云"}
    words = saved["freq"]
    assert words["政务云"] == 7 and words.get("政", 1) == 0 and "政" in words  # a prefix is held, with 0
    assert "热线" not in words and words.get("热线") is None and words.get("热线", 1) == 1
    monkeypatch.setattr(knowledge_cache.SavedFreq, "EAGER", 2)
    assert words["云"] == 3  # a third distinct word: the whole dictionary is read now
    assert words._all is not None and all(words.get(w) == n for w, n in freq.items()) and "热线" not in words
    words["热线"] = 9  # jieba's add_word
    assert words["热线"] == 9
    assert knowledge_cache.load(tmp_path / "absent.sqlite") is None
    (tmp_path / "knowledge-bad.sqlite").write_bytes(b"not a database")
    assert knowledge_cache.load(tmp_path / "knowledge-bad.sqlite") is None


def test_a_dictionary_made_from_a_base_keeps_only_its_own_words_and_answers_as_the_whole(tmp_path, monkeypatch):
    import sqlite3

    base = {"政": 0, "政务": 5, "云": 3, "热": 0, "热线": 4}
    freq = {**base, "政务云": 1000, "云": 9, "政务云租": 0}  # jieba's add_word: a word, a changed one, a prefix
    for name in ("knowledge-a.sqlite", "knowledge-b.sqlite"):
        knowledge_cache.save(tmp_path / name, freq=freq, total=99, base=base, patterns={})
    shared = list(tmp_path.glob("jiebabase-*.sqlite"))
    assert len(shared) == 1  # one base file for every state
    with sqlite3.connect(tmp_path / "knowledge-a.sqlite") as db:
        assert dict(db.execute("SELECT word, n FROM freq")) == {"政务云": 1000, "云": 9, "政务云租": 0}
    words = knowledge_cache.load(tmp_path / "knowledge-a.sqlite")["freq"]
    assert all(words[w] == n for w, n in freq.items()) and "热线路" not in words and words.get("x", 1) == 1
    monkeypatch.setattr(knowledge_cache.SavedFreq, "EAGER", 0)
    whole = knowledge_cache.load(tmp_path / "knowledge-b.sqlite")["freq"]
    assert whole["热线"] == 4 and whole["政务云"] == 1000  # the second look-up reads it whole
    assert whole._all == freq  # the base, then the file's own words over it
    shared[0].unlink()
    assert knowledge_cache.load(tmp_path / "knowledge-a.sqlite") is None  # made again, never half a dictionary


def test_the_ruler_finds_the_names_of_each_question_however_many_came_before():
    lexicon = Lexicon([Entry("d:1", "department", "临江市东湖区数据资源局"), Entry("p:1", "program", "政务云租赁服务"),
                       Entry("p:2", "program", "政务云"), Entry("u:1", "internal_unit", "热线运营股")])
    names = EntityPipeline(lexicon)
    assert names("今天天气怎么样") == [] and not names._added  # no name: nothing given to the ruler
    assert [s for _, _, s in names("政务云租赁服务花了多少")] == ["政务云租赁服务"]  # the longest of two
    assert [s for _, _, s in names("热线运营股和政务云")] == ["热线运营股", "政务云"]
    assert [s for _, _, s in names("政务云租赁服务花了多少")] == ["政务云租赁服务"]


def test_lean_imports_leave_the_libraries_whole():
    code = ("from govkg import lean_imports; lean_imports.load(); import sys; "
            "assert 'typer' not in sys.modules and 'pkg_resources' not in sys.modules, 'loaded anyway'; "
            "import spacy; nlp = spacy.blank('zh'); nlp.add_pipe('entity_ruler'); "
            "import spacy.cli, pkg_resources; assert callable(spacy.cli.download); print('ok')")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)})
    assert done.stdout.strip() == "ok", done.stderr[-2000:]


def test_a_document_kept_in_an_earlier_file_is_taken_over_not_read_again(tmp_path, monkeypatch):
    from query_api import entries_cache

    monkeypatch.setenv("GOVKG_CACHE", str(tmp_path))
    key = entries_cache._key("kind", "urn:g", "v1")
    entries_cache._earlier_file(key).parent.mkdir(parents=True)
    entries_cache._earlier_file(key).write_text('{"a": 1}', encoding="utf-8")
    assert entries_cache.has("kind", "urn:g", "v1") and not entries_cache.has("kind", "urn:g", "v2")
    entries_cache._earlier_file(key).unlink()  # taken into the table by has()

    class Store:
        persistent = True

    assert entries_cache.cached("kind", Store(), "urn:g", "v1", read=lambda: {"a": 2}) == {"a": 1}


def test_each_lexicon_adds_its_words_to_a_copy_of_jiebas_dictionary_loaded_once():
    import jieba

    from query_api.lexicon import base_dictionary

    base, total = base_dictionary()
    assert base_dictionary()[0] is base  # loaded once per process
    lexicon = Lexicon([Entry("p:1", "program", "热线运营股驻点服务")])
    tokens = lexicon.tokens("热线运营股驻点服务开支")
    assert "热线运营股驻点服务" in tokens and "热线运营股驻点服务" not in base  # the words went to its copy
    plain = jieba.Tokenizer()
    plain.initialize()  # what each Lexicon loaded for itself before
    assert plain.FREQ == base and plain.total == total


def test_a_new_cache_takes_jiebas_base_from_the_machines_copy_and_saves_the_same_words(tmp_path, monkeypatch):
    import sqlite3
    import tempfile

    from query_api.lexicon import _tokenizer_from

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "machine"))  # where jieba keeps its own cache
    (tmp_path / "machine").mkdir()
    base = {"政": 0, "政务": 5, "云": 3, "热": 0, "热线": 4, "服": 0, "服务": 6}
    first, second = tmp_path / "first", tmp_path / "second"
    assert knowledge_cache.jieba_base_file(first) is None  # no copy on this machine yet
    name = knowledge_cache.save_base(base, first, total=21)  # jieba's total: not the sum of its words
    knowledge_cache.leave_machine_copy(name, first)
    path = knowledge_cache.jieba_base_file(second)
    assert path == second / name and path.read_bytes() == (first / name).read_bytes()
    words = knowledge_cache.SavedFreq.over(path)
    assert words.total == 21
    loaded, read = _tokenizer_from(dict(base), 21), _tokenizer_from(words, words.total)
    for tokenizer in (loaded, read):
        tokenizer.add_word("政务云", freq=1000)  # a new word, with a prefix of its own (政务云), and a changed one
        tokenizer.add_word("云", freq=9)
    assert list(read.cut("政务云热线服务")) == list(loaded.cut("政务云热线服务")) == ["政务云", "热线", "服务"]
    assert read.total == loaded.total
    knowledge_cache.save(first / "knowledge-a.sqlite", freq=loaded.FREQ, total=loaded.total, base=base,
                         base_total=21, patterns={})
    knowledge_cache.save(second / "knowledge-a.sqlite", freq=read.FREQ, total=read.total, patterns={})
    kept = []
    for cache in (first, second):
        with sqlite3.connect(cache / "knowledge-a.sqlite") as db:
            kept.append((sorted(db.execute("SELECT word, n FROM freq")), db.execute("SELECT * FROM knowledge").fetchone()))
    assert kept[0] == kept[1] and kept[0][0] == [("云", 9), ("政务云", 1000)]
    assert knowledge_cache.load(second / "knowledge-a.sqlite")["freq"].whole() == loaded.FREQ
    assert [p.name for p in second.glob("jiebabase-*")] == [name]  # the base is the copy's, not written again
