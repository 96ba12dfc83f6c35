"""Kinds a held-out set asked that read no program by name — over an invented unit: programs ranked top-N with N said
by a classifier (预算最大的三类项目, 哪三个项目预算最多), programs summed as many as the question says (两条原水管道工程:
exactly those two, three said of two refused with the list), and costs named with no program (项目支出里，水费、电费、
燃气费哪项最多: the one program whose indicators hold them all; two programs holding them, never one picked)."""

from __future__ import annotations

import pytest
from web_records import store_of

from ingest.record import Indicator, Program, Record, Source
from query_api.app import create_app
from tests.query_api.sample_clients import ask

UNIT = "临江市水务工程中心"


@pytest.fixture(scope="module")
def client():
    record = Record(UNIT, 2026, "budget", "standalone", "lj-water-2026.pdf", "a" * 64, "raw")
    record.programs = [Program("北线第二条原水管道工程", UNIT, amount=2579.0, source=Source("项目支出表", 40)),
                       Program("南库至东厂第二条原水管建设工程", UNIT, amount=4237.0, source=Source("项目支出表", 41)),
                       Program("经常性运转经费（水电气）", UNIT, amount=270.0, source=Source("项目支出表", 42)),
                       Program("物业管理经费", UNIT, amount=50.0, source=Source("项目支出表", 43)),
                       Program("公益二类事业人员工资", UNIT, amount=691.81, source=Source("项目支出表", 44))]
    record.indicators = [Indicator(name, "=", value, "万元", "经常性运转经费（水电气）", text=f"={value}万元",
                                   source=Source("项目支出绩效目标表", 70 + n))
                         for n, (name, value) in enumerate([("水费", 120.0), ("电费", 140.0), ("燃气费", 10.0)])]
    return create_app({"STORE": store_of([record]), "TESTING": True}).test_client()


def _pairs(reply: dict) -> list[tuple]:
    return [(a["label"], a["value"]) for a in reply["answers"]]


@pytest.mark.parametrize("asked", ["预算金额最大的三类项目是哪些", "预算最多的是哪三个项目", "哪三个项目预算最多",
                                   "预算金额最大的三个项目"])
def test_top_n_said_with_a_classifier_gives_n_programs(client, asked):
    assert [v for _, v in _pairs(ask(client, f"{UNIT}2026年{asked}"))] == [4237.0, 2579.0, 691.81]


def test_a_class_inside_a_programs_name_is_no_count(client):
    # 公益二类 names a program: no two of anything asked
    reply = ask(client, f"{UNIT}2026年公益二类事业人员工资预算多少")
    assert _pairs(reply)[:1] == [("公益二类事业人员工资", 691.81)]


def test_two_pipes_said_by_what_they_share_are_each_and_their_sum(client):
    reply = ask(client, f"{UNIT}2026年两条原水管道工程一共安排了多少预算")
    total, *each = reply["answers"]
    assert total["value"] == 6816.0 and "计算所得" in reply["message"]
    assert {a["label"] for a in each} == {"北线第二条原水管道工程", "南库至东厂第二条原水管建设工程"}
    assert all("第4" in a["source"] for a in each)


def test_a_number_of_programs_not_found_is_refused_with_the_list(client):
    reply = ask(client, f"{UNIT}2026年三条原水管道工程合计多少钱")
    assert reply["answers"] == [] and "3个" in reply["message"] and "北线第二条原水管道工程" in reply["message"]


@pytest.mark.parametrize(("asked", "first"), [("项目支出里，水费、电费、燃气费哪项最多", ("电费", 140.0)),
                                              ("项目支出中，水费、电费和燃气费哪一项最少", ("燃气费", 10.0))])
def test_costs_named_with_no_program_are_ranked_within_the_program_holding_them(client, asked, first):
    reply = ask(client, f"{UNIT}2026年{asked}")
    assert _pairs(reply)[0] == first and len(reply["answers"]) == 3  # never the program's 270 万元
    assert "第7" in reply["answers"][0]["source"]


def test_two_costs_named_with_no_program_are_compared_with_the_difference(client):
    answers = ask(client, f"{UNIT}的项目里水费和电费哪个钱多？多多少？")["answers"]
    assert [(a["label"].split("（")[0], a["value"]) for a in answers[:2]] == [("电费", 140.0), ("水费", 120.0)]
    assert answers[2]["value"] == 20.0 and "计算所得" in answers[2]["text"]


def test_costs_two_programs_hold_are_never_ranked_as_one():
    record = Record(UNIT, 2026, "budget", "standalone", "lj-water-2026.pdf", "a" * 64, "raw")
    record.programs = [Program(name, UNIT, amount=amount, source=Source("项目支出表", 40 + n))
                       for n, (name, amount) in enumerate([("东区运转经费", 100.0), ("西区运转经费", 90.0)])]
    record.indicators = [Indicator(name, "=", value, "万元", program, text=f"={value}万元",
                                   source=Source("项目支出绩效目标表", 70 + n))
                         for n, (program, name, value) in enumerate([("东区运转经费", "水费", 60.0),
                                                                     ("东区运转经费", "电费", 40.0),
                                                                     ("西区运转经费", "水费", 30.0),
                                                                     ("西区运转经费", "电费", 60.0)])]
    client = create_app({"STORE": store_of([record]), "TESTING": True}).test_client()
    for asked in ("项目支出里，水费、电费哪项最多", "项目里水费和电费哪个钱多"):
        reply = ask(client, f"{UNIT}2026年{asked}")  # two programs' costs: no one ranking or difference of them
        assert reply["answers"] == [] and "东区运转经费" in reply["message"] and "西区运转经费" in reply["message"]
