"""An indicator named by a short word (单位, printed 覆盖全区32个单位及以上) asked with the words around its value as
printed (覆盖单位有多少个): its target, with its clause and line — never the program's money, and no indicator where
the words stand in none of their clauses. The department, program and figures are invented; a real store, a real app."""

from __future__ import annotations

import pytest
from web_records import store_of

from ingest.record import Indicator, Program, Record, Source
from query_api.app import create_app
from tests.query_api.sample_clients import ask

DEPT = "临江市数据局"
SOURCE = Source("项目支出预算表", 567)


@pytest.fixture(scope="module")
def client():
    record = Record(DEPT, 2026, "budget", "consolidated", "a.txt", "e" * 64, "raw")
    record.programs = [Program("云平台租赁经费", DEPT, 950.0, source=SOURCE)]
    record.indicators = [
        Indicator("单位", ">=", 32.0, "个", "云平台租赁经费", text="覆盖全区32个单 位及以上", source=SOURCE),
        Indicator("服务器数量", ">=", 550.0, "台", "云平台租赁经费", text="2.开通服务器数量550台及以上", source=SOURCE),
        Indicator("一致率", ">=", 95.0, "%", "云平台租赁经费", text="实际使用资源与申请资源一致率达95%及以上",
                  source=SOURCE)]
    return create_app({"STORE": store_of([record]), "TESTING": True, "QUERY_TIMEOUT": 60.0}).test_client()


@pytest.mark.parametrize("asked", ["云平台租赁经费覆盖单位有多少个", "云平台租赁经费要覆盖几个单位",
                                   "云平台租赁经费覆盖的单位数是多少"])
def test_an_indicator_of_a_short_name_is_found_by_the_words_printed_around_its_value(client, asked):
    reply = ask(client, asked)
    assert [(a["label"], a["value"], a["unit"]) for a in reply["answers"]] == [("单位", 32.0, "个")], reply
    assert "覆盖全区32个单 位及以上" in reply["answers"][0]["text"] and "第567行" in reply["answers"][0]["source"]


def test_words_no_indicator_s_clause_holds_get_no_indicator_and_no_money(client):
    reply = ask(client, "云平台租赁经费培训讲师有多少个")
    assert reply["answers"] == [] and "没有这一项" in reply["message"], reply
