"""A line asked of a scope the store holds no document of (含下属单位 of a 本级 budget) is said so, also when another
department prints a line of that name without a code (its row is then also a reading of the name); never a
bare "no such line" (a real store, fictional records)."""

from __future__ import annotations

from web_records import store_of

from ingest.record import LineItem, Record, Source
from query_api.app import create_app
from tests.query_api.sample_clients import ask

DEPT, OTHER = "临江市审计局", "临江市气象局"


def test_a_scope_not_held_is_said_whichever_reading_of_the_lines_name_was_tried_first():
    own = Record(DEPT, 2026, "budget", "standalone", "a.pdf", "a" * 64, "raw")
    own.line_items = [LineItem("经济分类表", "30216", "培训费", {"合计": 21.0}, "economic", source=Source("经济分类表", 9))]
    other = Record(OTHER, 2026, "budget", "consolidated", "m.pdf", "m" * 64, "raw")
    other.line_items = [LineItem("支出表", "", "商品和服务支出", {"合计": 50.0}, "economic", source=Source("支出表", 3)),
                        LineItem("支出表", "", "培训费", {"合计": 4.0}, "economic", source=Source("支出表", 4),
                                 parent="商品和服务支出")]
    client = create_app({"STORE": store_of([own, other]), "TESTING": True, "QUERY_TIMEOUT": 60.0}).test_client()
    assert [a["value"] for a in ask(client, f"{DEPT}2026年培训费是多少")["answers"]] == [21.0]
    reply = ask(client, f"{DEPT}（含下属单位）2026年培训费是多少")
    assert reply["answers"] == [] and "本级" in reply["message"] and "没有找到这个科目" not in reply["message"]
