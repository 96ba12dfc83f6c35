"""Counts a final account's narrative states done, with no target (热线配置38个职场坐席，平台工作人员61人:
ingest.output_counts), asked one or two at once (配置了多少个职场坐席、平台有多少工作人员): each its count, unit and line,
never said to have a target. An invented department, a real store."""

from __future__ import annotations

from web_records import store_of

from ingest.record import Indicator, Program, Record, Source
from query_api.app import create_app
from tests.query_api.sample_clients import ask

DEPT = "临江市政务服务数据管理局"
SAID = "坐席规模和人员规模的情况。2021年热线配置38个职场坐席，热线平台工作人员61人。"


def _client():
    final = Record(DEPT, 2021, "final_account", "standalone", "lj-data-2021.txt", "f" * 64, "raw")
    final.programs = [Program("热线外包服务", DEPT, amount=593.76, source=Source("绩效自评", 580))]
    final.indicators = [
        Indicator("职场坐席", None, None, "个", "热线外包服务", actual=38.0, text=SAID, source=Source("绩效自评", 590)),
        Indicator("热线平台工作人员", None, None, "人", "热线外包服务", actual=61.0, text=SAID, source=Source("绩效自评", 590)),
        Indicator("接通率", ">=", 80.0, "%", "热线外包服务", actual=78.1, met=False, text="接通率目标值≥80%",
                  source=Source("绩效自评", 610))]
    return create_app({"STORE": store_of([final]), "TESTING": True}).test_client()


def test_two_counts_asked_at_once_are_each_answered_with_their_unit_and_no_target():
    client = _client()
    for asked in ("决算里说，热线配置了多少个职场坐席、平台有多少工作人员？", "热线有多少个职场坐席和多少名工作人员"):
        reply = ask(client, f"{DEPT}2021年{asked}")
        got = {(a["label"], a["value"], a["unit"]) for a in reply["answers"]}
        assert got == {("职场坐席", 38.0, "个"), ("热线平台工作人员", 61.0, "人")}, asked
    assert all("未列目标值" in a["text"] and "第590行" in a["source"] for a in reply["answers"])
    # one asked: that one only
    assert [a["value"] for a in ask(client, f"{DEPT}2021年热线平台有多少工作人员")["answers"]] == [61.0]
    # two asks of one indicator (its target, its actual) stay one indicator's
    labels = {a["label"] for a in ask(client, f"{DEPT}2021年接通率目标是多少，实际完成多少")["answers"]}
    assert labels == {"接通率（目标值）", "接通率（实际完成值）"}
