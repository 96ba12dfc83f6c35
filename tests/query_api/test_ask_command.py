"""`govkg ask` over an on-disk store: the same reply as /api/ask, in words or as JSON."""

from __future__ import annotations

import json

from test_ask import fictional_records  # pytest puts this directory on sys.path (rootdir-less test dirs)

from govkg.cli import main
from graph_store.registry import open_store
from ingest.rdf import record_to_graph


def test_ask_prints_answers_with_sources_and_json(tmp_path, capsys):
    with open_store("oxigraph", tmp_path / "store") as store:
        for record in fictional_records():
            store.replace_graph(*record_to_graph(record))
    assert main(["ask", "东湖区政务热线中心有多少个项目", "--store", str(tmp_path / "store"), "--store-kind", "oxigraph"]) == 0
    out = capsys.readouterr().out
    assert "= 1 个" in out and "来源" in out
    assert main(["ask", "深圳市教育局2024年预算是多少", "--json", "--store", str(tmp_path / "store"),
                 "--store-kind", "oxigraph"]) == 0
    reply = json.loads(capsys.readouterr().out)
    assert reply["answers"] == [] and "没有“深圳市教育局”" in reply["message"]


def test_ask_of_a_store_that_does_not_answer_is_an_error_in_plain_words(capsys):
    import socket

    with socket.socket() as s:  # a port nothing listens on: the SPARQL server is down
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    assert main(["ask", "哪些项目涉及热线", "--store-kind", "sparql", "--store", f"http://127.0.0.1:{port}/sparql"]) == 1
    err = capsys.readouterr().err
    assert "图数据库出错" in err and f"127.0.0.1:{port}" in err and "Traceback" not in err
