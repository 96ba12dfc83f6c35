"""A writer's log is empty when the store opens (RocksDB writes what it held to its files on opening), so a write
right after opening is not flushed: the next flush comes once SETTLE_SECONDS have passed since the open, as after
any flush, and what is not flushed is read all the same."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef

from graph_store import oxigraph_write
from graph_store.oxigraph import OxigraphStore


def _graph(n: int) -> Graph:
    g = Graph()
    g.add((URIRef(f"urn:s{n}"), URIRef("urn:p"), Literal(f"值{n}")))
    return g


def test_a_write_right_after_opening_is_not_flushed_a_later_one_is(tmp_path, monkeypatch):
    with OxigraphStore(tmp_path / "store") as store:
        flushes: list[int] = []
        real = store.flush
        monkeypatch.setattr(store, "flush", lambda: (flushes.append(1), real())[1])
        store.replace_graph("urn:g:1", _graph(1))
        assert flushes == []
        with OxigraphStore(tmp_path / "store", read_only=True) as view:  # in the log, and read
            assert "urn:g:1" in view.graphs()
        store._flushed -= oxigraph_write.SETTLE_SECONDS  # as if the open were that long ago
        store.replace_graph("urn:g:2", _graph(2))
        assert flushes == [1]
    with OxigraphStore(tmp_path / "store", read_only=True) as view:
        assert {"urn:g:1", "urn:g:2"} <= set(view.graphs())
