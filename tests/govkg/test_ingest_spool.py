"""`govkg ingest` that parses nothing (every record read back from the record cache: a rebuild) loads the new documents
after its first SPOOL_AFTER quads once, from a file beside the store, after the last record: the store is the one
loading them batch by batch makes, no file is left, and a load that fails fails those documents and leaves none of
them half-written. An ingest that parses loads its batches beside the parsing, never from the file."""

from __future__ import annotations

from govkg import store_commands
from govkg.cli import main
from graph_store.oxigraph import OxigraphStore


def _quads(path) -> set[str]:
    with OxigraphStore(path, read_only=True) as store:
        data = store.export("nq").decode()
    return {line for line in data.splitlines() if "_:" not in line and "urn:govkg:store#" not in line}


def _ingest(samples_dir, store, monkeypatch, tmp_path, spool_after: int) -> int:
    monkeypatch.setattr(store_commands, "SPOOL_AFTER", spool_after)
    monkeypatch.setenv("GOVKG_CACHE", str(tmp_path / "cache"))  # one cache: the first ingest parses, the others read back
    return main(["ingest", str(samples_dir), "--store", str(store), "--jobs", "1"])


def test_documents_loaded_from_the_file_make_the_store_loading_them_in_batches_makes(samples_dir, tmp_path,
                                                                                    monkeypatch):
    loads = []
    write_new = OxigraphStore.write_new
    monkeypatch.setattr(OxigraphStore, "write_new", lambda self, docs, spooled=None: (
        loads.append((len(docs), spooled)), write_new(self, docs, spooled))[-1])
    assert _ingest(samples_dir, tmp_path / "parsed", monkeypatch, tmp_path, 0) == 0
    assert loads and all(spooled is None for _, spooled in loads)  # records parsed: loaded beside the parsing
    loads.clear()
    assert _ingest(samples_dir, tmp_path / "batches", monkeypatch, tmp_path, 10**12) == 0
    assert all(spooled is None for _, spooled in loads)
    loads.clear()
    assert _ingest(samples_dir, tmp_path / "spooled", monkeypatch, tmp_path, 0) == 0
    (count, spooled), = loads  # every document from one file, loaded after the last record
    assert count == 3 and spooled is not None and spooled.parent == tmp_path
    assert not spooled.exists() and not list(tmp_path.glob(".govkg-ingest-*"))
    assert _quads(tmp_path / "spooled") == _quads(tmp_path / "batches")
    # removed as exactly as a document loaded in a batch
    with OxigraphStore(tmp_path / "spooled", read_only=True) as store:
        spooled_graphs = sorted(g for g in store.graph_versions() if g != store.shared_graph)
    assert main(["remove", spooled_graphs[-1], "--store", str(tmp_path / "spooled")]) == 0
    assert main(["remove", spooled_graphs[-1], "--store", str(tmp_path / "batches")]) == 0
    assert _quads(tmp_path / "spooled") == _quads(tmp_path / "batches")


def test_a_spooled_load_that_fails_leaves_its_documents_unwritten_and_no_file(samples_dir, tmp_path, monkeypatch):
    def cut_short(self, docs, spooled=None):
        if spooled is not None:  # a file the load cannot read to its end: some of it is loaded, then it fails
            with spooled.open("ab") as out:
                out.write(b"<urn:a> <urn:b> not a term .\n")
        return write_new(self, docs, spooled)

    write_new = OxigraphStore.write_new
    monkeypatch.setattr(OxigraphStore, "write_new", cut_short)
    assert _ingest(samples_dir, tmp_path / "parsed", monkeypatch, tmp_path, 0) == 0  # parsed: no file, no cut
    assert _ingest(samples_dir, tmp_path / "store", monkeypatch, tmp_path, 0) == 1
    assert not list(tmp_path.glob(".govkg-ingest-*"))
    with OxigraphStore(tmp_path / "store", read_only=True) as store:
        assert not [g for g in store.graphs() if "/graph/" in g]
        assert not [g for g in store.graph_versions() if "/graph/" in g]
    with OxigraphStore(tmp_path / "store") as writer:  # the next writer drops what the load left
        assert not [q for q in writer._store if "/graph/" in str(q.graph_name)]


def test_a_folder_that_cannot_hold_the_file_loads_batch_by_batch(samples_dir, tmp_path, monkeypatch):
    def no_file(*args, **kwargs):
        raise PermissionError("read-only folder")

    assert _ingest(samples_dir, tmp_path / "parsed", monkeypatch, tmp_path, 0) == 0  # the records kept to read back
    monkeypatch.setattr(store_commands.tempfile, "NamedTemporaryFile", no_file)
    assert _ingest(samples_dir, tmp_path / "store", monkeypatch, tmp_path, 0) == 0
    with OxigraphStore(tmp_path / "store", read_only=True) as store:
        assert len([g for g in store.graphs() if "/graph/" in g]) == 3
