"""Keyword search over a small fictional graph: BM25 ranks entities of every type, names stay whole."""

from __future__ import annotations

import json

from test_ask import fictional_records  # pytest puts this directory on sys.path (rootdir-less test dirs)

from graph_store.registry import open_store
from ingest.rdf import record_to_graph
from query_api.app import create_app


def test_search_ranks_programs_and_units_and_reports_amounts_and_source():
    store = open_store("memory")
    for record in fictional_records():
        store.replace_graph(*record_to_graph(record))
    client = create_app({"STORE": store, "TESTING": True}).test_client()
    reply = json.loads(client.get("/api/search", query_string={"q": "政务热线"}).data)
    results = reply["results"]
    assert results and {r["type"] for r in results} >= {"program"}
    program = next(r for r in results if r["label"] == "政务热线外包服务项目")
    assert program["value"] == 300.0 and program["unit"] == "万元" and program["source"]
    assert all(r["label"] != "机房运维经费" for r in results)
    assert client.get("/api/search", query_string={"q": "x", "limit": "0"}).status_code == 400


def test_index_is_rebuilt_when_the_store_changes():
    from query_api.search import search

    records = fictional_records()
    store = open_store("memory")
    store.replace_graph(*record_to_graph(records[1]))  # 本级 only: no 热线中心日常运作经费
    assert not any(r["label"] == "热线中心日常运作经费" for r in search(store, "日常运作")["results"])
    store.replace_graph(*record_to_graph(records[0]))
    assert any(r["label"] == "热线中心日常运作经费" for r in search(store, "日常运作")["results"])
