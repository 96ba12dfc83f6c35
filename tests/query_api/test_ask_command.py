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
    assert reply["answers"] == [] and "可以这样问" in reply["message"]
