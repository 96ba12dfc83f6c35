"""A topic's programs are those whose names hold it whole, else its words in order — never a name that only scatters
its characters (政务外网服务器运维 is no 政务服务 program) — added up only among themselves (a real store, fictional
records)."""

from __future__ import annotations

import pytest
from web_records import store_of

from ingest.record import Program, Record, Source
from query_api.app import create_app
from tests.query_api.sample_clients import ask

DEPT = "临江市东湖区行政审批局"
PROGRAMS = (("政务服务中心运行", 30.0), ("政务外网服务器运维", 500.0), ("信息公开专栏维护", 12.0),
            ("信息化公共平台开发", 200.0), ("安全生产检查", 5.0), ("安全保卫生活区生产设施", 80.0),
            ("公共资源交易工作保障经费", 34.0))


@pytest.fixture(scope="module")
def client():
    record = Record(DEPT, 2026, "budget", "standalone", "t.txt", "t" * 64, "tsv")
    record.programs = [Program(name, DEPT, amount, source=Source("项目支出表", 40 + i))
                       for i, (name, amount) in enumerate(PROGRAMS)]
    return create_app({"STORE": store_of([record]), "TESTING": True, "QUERY_TIMEOUT": 60.0}).test_client()


@pytest.mark.parametrize("topic, own, scattered", [("政务服务", 30.0, 500.0), ("信息公开", 12.0, 200.0),
                                                   ("安全生产", 5.0, 80.0)])
def test_a_name_scattering_the_topic_s_characters_is_not_added(client, topic, own, scattered):
    values = [a["value"] for a in ask(client, f"{DEPT}2026年{topic}相关的项目一共安排了多少")["answers"]]
    assert values[0] == own and own + scattered not in values, values


def test_the_topic_s_words_in_order_name_a_program(client):
    values = [a["value"] for a in ask(client, f"{DEPT}2026年公共资源交易保障预算多少")["answers"]]
    assert values[:1] == [34.0], values
