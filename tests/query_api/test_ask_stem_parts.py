"""Program rows sharing a stem and told apart by a part after a dash or in brackets (定额补助经费——项目经费, 定额补助
经费——运行经费; 救助资金（市级）): asked by the stem and two of the parts (两笔定额补助经费（项目经费和运行经费）合计多少),
each named row answers with its line and their sum is computed — never a row the question does not name, never a
row of another year's document (a real store, invented records)."""

from __future__ import annotations

import pytest
from web_records import store_of

from ingest.record import Fact, Program, Record, Source
from query_api.app import create_app
from tests.query_api.sample_clients import ask

DEPT = "南湖市交通工程建设中心"


def _record(year: int, scale: float) -> Record:
    record = Record(DEPT, year, "budget", "standalone", f"nh-{year}.pdf", str(year)[-1] * 64, "raw")
    record.programs = [
        Program("定额补助经费——项目经费", DEPT, amount=5.4 * scale, source=Source("项目支出表", 20)),
        Program("定额补助经费——运行经费", DEPT, amount=39.71 * scale, source=Source("项目支出表", 21)),
        Program("定额补助经费——人员经费", DEPT, amount=100.0 * scale, source=Source("项目支出表", 22)),
        Program("道路养护资金（市级）", DEPT, amount=300.0 * scale, source=Source("项目支出表", 23)),
        Program("道路养护资金（区级）", DEPT, amount=120.0 * scale, source=Source("项目支出表", 24)),
        Program("道路养护资金（省级）", DEPT, amount=50.0 * scale, source=Source("项目支出表", 25))]
    # 运行经费 also names a figure of the department's own (机关运行经费): never the answer in the rows' place
    record.facts = [Fact("administrative_operating_cost", 211.0, source=Source("机关运行经费安排情况说明", 60))]
    return record


@pytest.fixture(scope="module")
def client():
    store = store_of([_record(2026, 1.0), _record(2025, 2.0)])
    return create_app({"STORE": store, "TESTING": True, "QUERY_TIMEOUT": 60.0}).test_client()


@pytest.mark.parametrize("asked, rows, total", [
    ("2026年两笔定额补助经费（项目经费和运行经费）合计多少", {("定额补助经费——项目经费", 5.4, "第20行"),
                                                         ("定额补助经费——运行经费", 39.71, "第21行")}, 45.11),
    ("2026年道路养护资金的市级和区级加起来多少", {("道路养护资金（市级）", 300.0, "第23行"),
                                             ("道路养护资金（区级）", 120.0, "第24行")}, 420.0)])
def test_the_rows_a_stem_and_its_parts_name_are_each_answered_and_added(client, asked, rows, total):
    answers = ask(client, f"{DEPT}{asked}")["answers"]
    named = {(a["label"], a["value"], a["source"].split(" · ")[-1]) for a in answers if a["type"] != "sum"}
    assert named == rows  # (人员经费 and 省级, not named, are no part of it; no 211 of 机关运行经费)
    assert [a["value"] for a in answers if a["type"] == "sum"] == [total]
    assert all("2026年" in a["source"] for a in answers)
