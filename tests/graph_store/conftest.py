"""The `store` fixture: each registered backend (memory, oxigraph on disk, the sparql backend over HTTP on a
plain SPARQL 1.1 server (pyoxigraph, in this process), and on Virtuoso when $GOVKG_VIRTUOSO_URL names a running
one, e.g. from .ci/virtuoso.sh), for the contract tests."""

from __future__ import annotations

import os
import uuid

import pytest

from graph_store.base import Store
from graph_store.registry import backend_names, open_store
from tests.graph_store.sparql_endpoint import sparql_endpoint


def _virtuoso_url() -> str | None:
    return os.environ.get("GOVKG_VIRTUOSO_URL") or None


@pytest.fixture(params=[*(n for n in backend_names() if n != "sparql"), "sparql-http", "virtuoso",
                        "virtuoso-update-only"])
def store(request, tmp_path) -> Store:
    if request.param == "sparql-http":
        with sparql_endpoint() as url:
            s = open_store("sparql", url)
            yield s
            s.close()
        return
    if request.param.startswith("virtuoso"):
        url = _virtuoso_url()
        if url is None:
            pytest.skip("GOVKG_VIRTUOSO_URL is not set (start one with .ci/virtuoso.sh)")
        # A catalog of its own per test: runs sharing the server never see each other's graphs.
        # "update-only" writes with SPARQL Update alone, as for a store without the Graph Store Protocol.
        options = {"gsp_url": ""} if request.param.endswith("update-only") else {}
        s = open_store("sparql", url, catalog=f"urn:govkg:test-catalog:{uuid.uuid4()}", **options)
    elif request.param == "oxigraph":
        s = open_store("oxigraph", tmp_path / "store")
    else:
        s = open_store(request.param)
    yield s
    if request.param.startswith("virtuoso"):
        for g in (g for g in s.graphs() if g != s.shared_graph):  # the reference graph empties with them
            s.remove_graph(g)
        s.connector.update(f"DROP SILENT GRAPH <{s.catalog}>")
    s.close()
