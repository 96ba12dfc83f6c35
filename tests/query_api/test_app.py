"""The app factory and the life of the store resource."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
import urllib.request

from graph_store.registry import open_store
from query_api.app import create_app
from query_api.store import close_store, get_store


def test_each_app_gets_its_own_configuration_and_blueprints():
    first = create_app({"TESTING": True, "STORE_KIND": "memory", "QUERY_TIMEOUT": 1})
    second = create_app({"TESTING": True, "STORE_KIND": "memory"})
    assert first is not second
    assert (first.config["QUERY_TIMEOUT"], second.config["QUERY_TIMEOUT"]) == (1, 5.0)
    assert second.config["MAX_ROWS"] == 10000
    assert {"sparql", "api", "pages"} <= set(first.blueprints)


def test_the_store_opens_once_per_app_and_is_shared_by_requests_and_threads():
    app = create_app({"TESTING": True, "STORE_KIND": "memory"})
    other = create_app({"TESTING": True, "STORE_KIND": "memory"})
    seen = []

    def look() -> None:
        with app.app_context():
            seen.append(get_store())

    threads = [threading.Thread(target=look) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with app.test_request_context("/"):
        seen.append(get_store())
    assert len({id(s) for s in seen}) == 1
    with other.app_context():
        assert get_store() is not seen[0]


def test_closing_the_app_releases_an_on_disk_store_it_opened(tmp_path):
    location = tmp_path / "store"
    app = create_app({"TESTING": True, "STORE_KIND": "oxigraph", "STORE_LOCATION": str(location)})
    with app.app_context():
        assert get_store().graphs() == []
    close_store(app)
    close_store(app)  # twice is harmless
    # RocksDB admits one writer: opening again for writing works only if the app let go.
    with open_store("oxigraph", location) as again:
        assert again.graphs() == []


def test_closing_the_app_leaves_an_injected_store_open(store, make_app):
    app = make_app(store)
    close_store(app)
    assert len(store.graphs()) == 2
    with app.app_context():
        assert get_store() is store


def test_serve_refuses_a_missing_store_in_plain_words(tmp_path, capsys):
    from govkg.cli import build_parser
    from govkg.serve_command import run

    args = build_parser().parse_args(["serve", "--store", str(tmp_path / "nothing-here"), "--store-kind", "oxigraph",
                                      "--port", "0", "--threads", "1", "--query-timeout", "1"])
    assert run(args) == 1
    err = capsys.readouterr().err
    assert "cannot open the oxigraph store" in err and "nothing-here" in err


def test_govkg_serve_answers_sparql_over_http_until_stopped():
    with socket.socket() as probe:  # a free port (released again just before serve takes it)
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "govkg.cli", "serve", "--store-kind", "memory", "--port", str(port)],
                              stderr=subprocess.PIPE, text=True)
    try:
        url = f"http://127.0.0.1:{port}/sparql?query=ASK%20%7B%7D"
        deadline = time.monotonic() + 120  # a bound against hanging (a cold start under load takes 10 s and more)
        while True:
            try:
                with urllib.request.urlopen(url, timeout=10) as response:
                    assert json.load(response)["boolean"] is True
                break
            except OSError:
                assert server.poll() is None, server.stderr.read()
                assert time.monotonic() < deadline, "govkg serve did not answer within 120 s"
                time.sleep(0.1)
    finally:
        server.terminate()
        server.wait(10)
