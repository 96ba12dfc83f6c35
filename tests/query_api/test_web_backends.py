"""The entity pages, their figures and their triples are the same on oxigraph and on a real Virtuoso
($GOVKG_VIRTUOSO_URL): the bundled samples are loaded into both under a base of this run's own."""

from __future__ import annotations

import os
import uuid

import pytest
from rdflib import Graph

from graph_store.registry import open_store
from ingest.parse import expand_paths, parse_paths
from ingest.rdf import record_to_graph
from query_api import entities
from query_api.app import create_app

pytestmark = pytest.mark.virtuoso


@pytest.fixture(scope="module")
def stores(samples_dir, tmp_path_factory):
    url = os.environ.get("GOVKG_VIRTUOSO_URL")
    if not url:
        pytest.skip("GOVKG_VIRTUOSO_URL is not set (start one with .ci/virtuoso.sh)")
    base = f"https://w3id.org/govkg-test/{uuid.uuid4()}/"
    graphs = [record_to_graph(o.record, base=base) for o in parse_paths(expand_paths([str(samples_dir)]))]
    oxigraph = open_store("oxigraph", tmp_path_factory.mktemp("oxigraph") / "store")
    virtuoso = open_store("sparql", url, catalog=f"urn:govkg:test-catalog:{uuid.uuid4()}")
    for store in (oxigraph, virtuoso):
        for iri, graph in graphs:
            store.replace_graph(iri, graph)
    yield base, oxigraph, virtuoso
    for iri, _ in graphs:
        virtuoso.remove_graph(iri)
    virtuoso.connector.update(f"DROP SILENT GRAPH <{virtuoso.catalog}>")
    virtuoso.close()
    oxigraph.close()


def _departments(store) -> list[str]:
    from query_api.ask import knowledge_for

    return sorted({d.department_uri for d in knowledge_for(store).documents.values()})


def test_department_pages_hold_the_same_data(stores):
    _, oxigraph, virtuoso = stores
    assert _departments(oxigraph) == _departments(virtuoso)
    for iri in _departments(oxigraph):
        on = {}
        for name, store in (("oxigraph", oxigraph), ("virtuoso", virtuoso)):
            view = entities.page(store, iri, ["Department"])
            view.pop("documents")
            view["held"] = [d.uri for d in view["held"]]
            view["properties"] = sorted((p["predicate"], p["value"]) for p in view["properties"])
            view["facts"] = sorted((f["obs"], f["value"]) for f in view["facts"])
            view["tables"] = sorted(str(t) for t in view["tables"])
            on[name] = view
        assert on["virtuoso"] == on["oxigraph"]
        assert on["oxigraph"]["programs"] and on["oxigraph"]["facts"]


def test_entity_triples_agree(stores):
    _, oxigraph, virtuoso = stores
    for iri in _departments(oxigraph):
        path = "/" + iri.split("://", 1)[1].split("/", 1)[1]
        turtle = [Graph().parse(data=create_app({"STORE": s, "TESTING": True}).test_client()
                                .get(path, headers={"Accept": "text/turtle"}).data, format="turtle")
                  for s in (oxigraph, virtuoso)]
        assert len(turtle[0]) > 5 and set(turtle[0]) == set(turtle[1])
