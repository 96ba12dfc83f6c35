"""What `govkg ingest` publishes about its inputs, and what it leaves behind when nothing can be stored."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from govkg.cli import main
from graph_store.oxigraph import OxigraphStore
from ingest.reader import file_name

FILE_NAMES = "SELECT ?f WHERE { ?d <https://w3id.org/govkg/def#fileName> ?f }"


def file_names(store: Path) -> list[str]:
    with OxigraphStore(store, read_only=True) as s:
        return sorted(str(row[0]) for row in s.query(FILE_NAMES))


def test_a_text_file_ingested_by_its_absolute_path_publishes_only_its_name(samples_dir, tmp_path):
    source = (samples_dir / "haizhou_data_2025_budget.txt").resolve()
    store = tmp_path / "store"
    assert main(["ingest", str(source), "--store", str(store)]) == 0
    assert file_names(store) == [source.name]
    with OxigraphStore(store, read_only=True) as s:
        assert str(source.parent).encode() not in s.export("nq")


@pytest.mark.parametrize(("raw", "published"), [(b"\xba\xa3\xd6\xdd.txt", "海州.txt"),
                                                (b"\xff\xfe\xff.txt", "\ufffd\ufffd\ufffd.txt")])
def test_a_file_name_that_is_not_utf8_is_stored_readably(samples_dir, tmp_path, raw, published):
    folder = tmp_path / "in"
    folder.mkdir()
    path = Path(os.fsdecode(os.fsencode(folder) + b"/" + raw))
    try:
        path.write_bytes((samples_dir / "haizhou_data_2025_budget.txt").read_bytes())
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system does not take file names that are not UTF-8")
    assert file_name(path) == published
    store = tmp_path / "store"
    assert main(["ingest", str(folder), "--store", str(store)]) == 0
    assert file_names(store) == [published]


def test_a_failed_ingest_creates_no_store(tmp_path, capsys):
    notes = tmp_path / "notes.txt"
    notes.write_text("会议纪要：明天下午三点开会。\n" * 20, encoding="utf-8")
    store = tmp_path / "new" / "store"
    assert main(["ingest", str(notes), "--store", str(store)]) == 1
    err = capsys.readouterr().err
    assert "notes.txt" in err and "nothing was written" in err
    assert not store.exists() and not store.parent.exists()
