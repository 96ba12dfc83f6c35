"""Backends by name, imported only when asked for.

    open_store()                                   # $GOVKG_STORE_KIND or oxigraph, at default_location()
    open_store("memory")                           # for tests
    open_store("oxigraph", "var/store", read_only=True)
    open_store("sparql", "http://127.0.0.1:8890/sparql", update_url=..., gsp_url=...)
"""

from __future__ import annotations

import importlib
import inspect
import os
from pathlib import Path

from graph_store.base import Store, StoreError

DEFAULT_KIND = "oxigraph"

# name -> "module:class"; a backend's dependencies are imported only when it is opened.
BACKENDS: dict[str, str] = {
    "oxigraph": "graph_store.oxigraph:OxigraphStore",
    "memory": "graph_store.memory:MemoryStore",
    "sparql": "graph_store.sparql:SparqlStore",
}


# Options of the sparql backend that may come from the environment (a server other than Virtuoso:
# Fuseki wants GOVKG_SPARQL_UPDATE_URL=http://host:3030/ds/update, GOVKG_SPARQL_GSP_URL=…/ds/data).
# GOVKG_SPARQL_CATALOG: the catalog graph naming the store's graphs (and so its reference, ontology and union
# graphs), for several stores on one server. GOVKG_SPARQL_UNION: graph (the default: the store's own union
# graph, graph_store.sparql_union), explicit (each request names every graph: Virtuoso 0.1-1.4 s a request at
# 1,000 graphs) or server (the server's own union, for a server that holds this store alone).
SPARQL_ENVIRONMENT = {"update_url": "GOVKG_SPARQL_UPDATE_URL", "gsp_url": "GOVKG_SPARQL_GSP_URL",
                      "user": "GOVKG_SPARQL_USER", "password": "GOVKG_SPARQL_PASSWORD",
                      "catalog": "GOVKG_SPARQL_CATALOG", "union": "GOVKG_SPARQL_UNION"}


def backend_names() -> list[str]:
    return list(BACKENDS)


def default_kind() -> str:
    """$GOVKG_STORE_KIND, or oxigraph."""
    return os.environ.get("GOVKG_STORE_KIND") or DEFAULT_KIND


def default_location() -> Path:
    """$GOVKG_STORE, or ${XDG_DATA_HOME:-~/.local/share}/govkg/store."""
    if os.environ.get("GOVKG_STORE"):
        return Path(os.environ["GOVKG_STORE"]).expanduser()
    data_home = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(data_home).expanduser() / "govkg" / "store"


def open_store(kind: str | None = None, location: str | Path | None = None, **options) -> Store:
    """Open the backend named `kind` (default: $GOVKG_STORE_KIND or oxigraph) at `location`.

    For oxigraph `location` is a directory (default `default_location()`); for sparql it is the
    endpoint's query URL (default $GOVKG_STORE when that is a URL); memory takes none. `options` go
    to the backend (oxigraph: read_only; sparql: update_url, gsp_url, user, password, ..., which
    default to $GOVKG_SPARQL_UPDATE_URL, $GOVKG_SPARQL_GSP_URL, $GOVKG_SPARQL_USER, $GOVKG_SPARQL_PASSWORD,
    $GOVKG_SPARQL_CATALOG).
    """
    kind = (kind or default_kind()).lower()
    if kind not in BACKENDS:
        raise StoreError(f"unknown store kind {kind!r}; choose one of {', '.join(BACKENDS)}")
    module_name, _, class_name = BACKENDS[kind].partition(":")
    try:
        backend = getattr(importlib.import_module(module_name), class_name)
    except ImportError as exc:
        raise StoreError(f"{kind}: its library is not installed ({exc.name}); pip install it") from exc
    if location in (None, "") and kind == "oxigraph":
        location = default_location()
    if location in (None, "") and kind == "sparql":
        env = os.environ.get("GOVKG_STORE", "")
        if not env.startswith(("http://", "https://")):
            raise StoreError("sparql: give the endpoint URL as the location (--store http://host:8890/sparql)")
        location = env
    if kind == "sparql":
        for option, variable in SPARQL_ENVIRONMENT.items():
            if option not in options and os.environ.get(variable) is not None:
                options[option] = os.environ[variable]
    accepted = inspect.signature(backend).parameters
    if not any(p.kind is inspect.Parameter.VAR_KEYWORD for p in accepted.values()):
        unknown = sorted(set(options) - set(accepted))
        if unknown:
            known = [n for n in accepted if n != "location"]
            raise StoreError(f"{kind}: unknown option(s) {', '.join(unknown)}; it takes {', '.join(known)}")
    return backend(location, **options)
