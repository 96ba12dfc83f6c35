"""The on-disk oxigraph store: one writer at a time, readers beside it, data kept across openings."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from rdflib import Graph, Literal, Namespace
from rdflib.namespace import RDFS

from graph_store.base import ReadOnlyStore, StoreError, StoreLocked
from graph_store.oxigraph import OxigraphStore

EX = Namespace("http://example.org/govkg-test/")


def one_label(text: str) -> Graph:
    g = Graph()
    g.add((EX.dept, RDFS.label, Literal(text, lang="zh")))
    return g


def test_data_survives_closing_and_opening_again(tmp_path):
    with OxigraphStore(tmp_path / "s") as store:
        store.replace_graph("urn:doc:1", one_label("市财政局"))
    with OxigraphStore(tmp_path / "s") as store:
        assert store.graphs() == ["urn:doc:1"]
        assert store.triple_count() == 1


def test_a_second_writer_in_the_same_process_is_told_to_share_the_first(tmp_path):
    with OxigraphStore(tmp_path / "s"):
        with pytest.raises(StoreLocked, match="already open for writing in this process"):
            OxigraphStore(tmp_path / "s")


def test_a_writer_in_another_process_locks_the_store_and_readers_still_read(tmp_path):
    path = tmp_path / "s"
    with OxigraphStore(path) as store:
        store.replace_graph("urn:doc:1", one_label("市财政局"))
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys, pyoxigraph
            s = pyoxigraph.Store({str(path)!r})
            print("open", flush=True)
            sys.stdin.read()
        """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(StoreLocked):
            OxigraphStore(path)
        reader = OxigraphStore(path, read_only=True)
        assert reader.graphs() == ["urn:doc:1"]
        with pytest.raises(ReadOnlyStore):
            reader.replace_graph("urn:doc:2", one_label("x"))
    finally:
        holder.stdin.close()
        holder.wait(timeout=10)


def test_a_reader_sees_what_the_writer_commits_after_it_opened(tmp_path):
    path = tmp_path / "s"
    writer = OxigraphStore(path)
    writer.replace_graph("urn:doc:1", one_label("市财政局"))
    reader = OxigraphStore(path, read_only=True)
    assert reader.graphs() == ["urn:doc:1"]
    writer.replace_graph("urn:doc:2", one_label("市教育局"))
    assert reader.graphs() == ["urn:doc:1", "urn:doc:2"]
    writer.remove_graph("urn:doc:1")
    rows = reader.query(f"SELECT ?l WHERE {{ ?s <{RDFS.label}> ?l }}")
    assert [str(r[0]) for r in rows] == ["市教育局"]
    writer.close()


def test_opening_read_only_where_no_store_is_says_so(tmp_path):
    with pytest.raises(StoreError, match="govkg ingest"):
        OxigraphStore(tmp_path / "nothing", read_only=True)


def test_a_readers_graph_versions_follow_each_commit_of_the_writer(tmp_path):
    # versions are read once per generation: a commit raises it, so a reader's next look sees the new ones
    path = tmp_path / "s"
    writer = OxigraphStore(path)
    writer.replace_graph("urn:doc:1", one_label("市财政局"))
    reader = OxigraphStore(path, read_only=True)
    first = reader.graph_versions()
    first["urn:doc:9"] = "changed by its caller"  # a copy: the next look is not changed with it
    assert reader.graph_versions() == {"urn:doc:1": first["urn:doc:1"]}
    writer.replace_graph("urn:doc:1", one_label("市教育局"))  # same size, another label
    second = reader.graph_versions()
    assert set(second) == {"urn:doc:1"} and second["urn:doc:1"] != first["urn:doc:1"]
    writer.replace_graph("urn:doc:2", one_label("市教育局"))
    assert reader.graph_versions() == {**second, "urn:doc:2": writer.graph_versions()["urn:doc:2"]}
    writer.remove_graph("urn:doc:1")
    assert set(reader.graph_versions()) == {"urn:doc:2"} == set(writer.graph_versions())
    writer.close()
