"""The ontology `govkg ingest` writes (ingest.rdf.ontology_document, read by pyoxigraph): rdflib's reading of the same
Turtle, and not written again into a store that holds it."""

from __future__ import annotations

from rdflib.compare import isomorphic

from govkg.cli import main
from graph_store.oxigraph import OxigraphStore
from ingest.rdf import ontology_document, ontology_graph
from ontology.files import ONTOLOGY_IRI


def test_the_ontology_written_is_the_turtle_rdflib_reads():
    document = ontology_document()
    assert document.iri == ONTOLOGY_IRI and len(document) == len(ontology_graph())
    assert isomorphic(document.graph(), ontology_graph())


def test_an_ingest_into_a_store_holding_the_ontology_leaves_its_version(samples_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("GOVKG_CACHE", str(tmp_path / "cache"))
    paths = [str(p) for p in sorted(samples_dir.glob("*.txt"))[:2]]
    assert main(["ingest", paths[0], "--store", str(tmp_path / "store"), "--jobs", "1"]) == 0
    with OxigraphStore(tmp_path / "store", read_only=True) as store:
        before = store.graph_versions()[store.ontology_graph]
    assert main(["ingest", paths[1], "--store", str(tmp_path / "store"), "--jobs", "1"]) == 0
    with OxigraphStore(tmp_path / "store", read_only=True) as store:
        assert store.graph_versions()[store.ontology_graph] == before
