"""Choosing a backend by name, and where the store lives when nobody says."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph_store.base import StoreError
from graph_store.registry import default_kind, default_location, open_store


def test_an_unknown_backend_names_the_choices():
    with pytest.raises(StoreError, match="oxigraph, memory, sparql"):
        open_store("postgres")


def test_the_store_lives_in_govkg_store_or_the_xdg_data_home(monkeypatch, tmp_path):
    monkeypatch.delenv("GOVKG_STORE", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert default_location() == tmp_path / "data" / "govkg" / "store"
    monkeypatch.delenv("XDG_DATA_HOME")
    assert default_location() == Path.home() / ".local" / "share" / "govkg" / "store"
    monkeypatch.setenv("GOVKG_STORE", str(tmp_path / "mine"))
    assert default_location() == tmp_path / "mine"


def test_the_backend_defaults_to_oxigraph_unless_the_environment_says(monkeypatch):
    monkeypatch.delenv("GOVKG_STORE_KIND", raising=False)
    assert default_kind() == "oxigraph"
    monkeypatch.setenv("GOVKG_STORE_KIND", "memory")
    assert open_store().name == "memory"


def test_the_sparql_backend_needs_an_endpoint_url(monkeypatch, tmp_path):
    monkeypatch.setenv("GOVKG_STORE", str(tmp_path))
    with pytest.raises(StoreError, match="endpoint URL"):
        open_store("sparql")
    with pytest.raises(StoreError, match="endpoint URL"):
        open_store("sparql", tmp_path)


def test_options_a_backend_does_not_know_are_refused():
    with pytest.raises(StoreError):
        open_store("memory", colour="blue")
    with pytest.raises(StoreError, match="colour.*read_only"):
        open_store("oxigraph", None, colour="blue")


def test_sparql_endpoints_and_credentials_can_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("GOVKG_SPARQL_UPDATE_URL", "http://h:3030/ds/update")
    monkeypatch.setenv("GOVKG_SPARQL_GSP_URL", "http://h:3030/ds/data")
    store = open_store("sparql", "http://h:3030/ds/query")
    assert store.connector.update_url == "http://h:3030/ds/update"
    assert store.connector.gsp_url == "http://h:3030/ds/data"
    assert open_store("sparql", "http://h:3030/ds/query", gsp_url="").connector.gsp_url == ""


def test_a_sparql_store_of_its_own_catalog_has_its_own_reference_graph(monkeypatch):
    monkeypatch.setenv("GOVKG_SPARQL_CATALOG", "urn:govkg:catalog:mine")
    store = open_store("sparql", "http://h:3030/ds/query")
    assert (store.catalog, store.shared_graph) == ("urn:govkg:catalog:mine", "urn:govkg:catalog:mine:shared")
    monkeypatch.delenv("GOVKG_SPARQL_CATALOG")
    assert open_store("sparql", "http://h:3030/ds/query").shared_graph == "urn:govkg:shared"
