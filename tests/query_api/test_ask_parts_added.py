"""Two parts of one figure added up, the second named without the head the first gives (政府采购货物和服务加起来): each
part with its line and the sum, never the last part alone nor a part not named. The department and figures are
invented; a real store, a real app."""

from __future__ import annotations

import pytest
from web_records import store_of

from ingest.record import Fact, Record, Source
from query_api.app import create_app
from tests.query_api.sample_clients import ask

DEPT = "临江市气象局"


@pytest.fixture(scope="module")
def client():
    record = Record(DEPT, 2024, "final_account", "standalone", "a.txt", "d" * 64, "raw")
    record.facts = [Fact(key, value, unit="万元", text="政府采购支出总额40.5万元，其中…", source=Source("政府采购支出情况说明", line))
                    for key, value, line in (("government_procurement", 40.5, 70), ("procurement_goods", 12.25, 71),
                                             ("procurement_works", 8.0, 72), ("procurement_services", 20.25, 73))]
    return create_app({"STORE": store_of([record]), "TESTING": True}).test_client()


@pytest.mark.parametrize("asked", ["政府采购货物和服务加起来多少", "采购货物类与服务类一共多少"])
def test_two_parts_named_once_are_added_each_shown(client, asked):
    answers = ask(client, f"{DEPT}2024年{asked}")["answers"]
    parts = {(a["value"], a["source"].rsplit("第", 1)[-1]) for a in answers[:-1]}
    assert parts == {(12.25, "71行"), (20.25, "73行")} and answers[-1]["value"] == 32.5, answers
