"""Fixtures for the service: a real store (memory, or oxigraph on disk) holding two small document
graphs, an app over it, Flask's test client, and a real waitress server on a free port for the tests
that need real HTTP clients."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import pytest
from flask import Flask
from rdflib import Graph
from waitress import wasyncore
from waitress.server import create_server

from graph_store.base import Store
from graph_store.registry import open_store
from query_api.app import create_app

EX = "http://example.org/"
GRAPH_1 = "http://example.org/graph/baiyun-2023-budget"
GRAPH_2 = "http://example.org/graph/yuexiu-2023-final"

DOC_1 = """@prefix ex: <http://example.org/> .
ex:dept1 a ex:Department ; ex:name "白云区财政局"@zh ; ex:budget 1234.56 ;
    ex:note "第一行\\t制表符\\n第二行" .
"""
DOC_2 = """@prefix ex: <http://example.org/> .
ex:dept2 a ex:Department ; ex:name "越秀区教育局"@zh ; ex:budget 78.9 .
"""
TRIPLES = 7  # in DOC_1 and DOC_2 together


def fill(store: Store) -> Store:
    """`store` holding the two test documents, one named graph each."""
    store.replace_graph(GRAPH_1, Graph().parse(data=DOC_1, format="turtle"))
    store.replace_graph(GRAPH_2, Graph().parse(data=DOC_2, format="turtle"))
    return store


@pytest.fixture
def graph_iris() -> tuple[str, str]:
    """The named graphs of the two test documents."""
    return GRAPH_1, GRAPH_2


@pytest.fixture
def store() -> Iterator[Store]:
    with open_store("memory") as s:
        yield fill(s)


@pytest.fixture(params=["memory", "oxigraph"])
def any_store(request, tmp_path) -> Iterator[Store]:
    """The test documents in each backend that runs queries in this process."""
    location = tmp_path / "store" if request.param == "oxigraph" else None
    with open_store(request.param, location) as s:
        yield fill(s)


@pytest.fixture
def make_app() -> Callable[..., Flask]:
    """make_app(store, **config): a testing app over `store`."""

    def make(store: Store, **config) -> Flask:
        return create_app({"TESTING": True, "STORE": store, **config})

    return make


@pytest.fixture
def app(store, make_app) -> Flask:
    return make_app(store)


@pytest.fixture
def client(app):
    return app.test_client()


def start_server(app) -> tuple[str, Callable[[], None]]:
    """A waitress server for `app` on a free port in a thread: (base URL, stop)."""
    # a short loop timeout lets the server notice close() quickly
    server = create_server(app, host="127.0.0.1", port=0, threads=4, asyncore_loop_timeout=0.05)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()

    def stop() -> None:
        server.task_dispatcher.shutdown()
        # Close the sockets from the server's own loop thread (closing them under its select() races);
        # with nothing left to watch, the loop returns.
        server.trigger.pull_trigger(lambda: wasyncore.close_all(server._map))
        thread.join(5)

    return f"http://127.0.0.1:{server.effective_port}", stop


@pytest.fixture
def serve() -> Iterator[Callable[[Flask], str]]:
    """serve(app): the base URL of a real waitress server for `app`, stopped after the test."""
    stops = []

    def start(app: Flask) -> str:
        url, stop = start_server(app)
        stops.append(stop)
        return url

    yield start
    for stop in stops:
        stop()


@pytest.fixture(scope="module")
def live_server() -> Iterator[str]:
    """The base URL of a real waitress server serving the test documents (shared by a module: do not write)."""
    with open_store("memory") as s:
        url, stop = start_server(create_app({"TESTING": True, "STORE": fill(s)}))
        yield url
        stop()
