"""Two economic lines of one department compared (培训费和会议费哪个预算多？差多少？): both, the larger first, the
difference; a line of the basic expenditure's table only is replaced by the whole the document prints of that kind
(said so), or its scope said beside it — never set against a whole unsaid. Departments and figures are invented
(a real store)."""

from __future__ import annotations

import pytest
from web_records import store_of

from ingest.record import Fact, LineItem, Record, Source
from query_api.app import create_app
from tests.query_api.sample_clients import ask

WHOLE, BASIC_ONLY = "临江市档案局", "临江市地震局"
GENERAL, BASIC = "一般公共预算支出表（按经济分类）", "一般公共预算基本支出表"


def _line(table: str, code: str, name: str, amount: float, line: int) -> LineItem:
    return LineItem(table, code, name, {"合计": amount}, "economic", source=Source(table, line))


@pytest.fixture(scope="module")
def client():
    # its economic table covers all its money
    whole = Record(WHOLE, 2026, "budget", "standalone", "archives.pdf", "a" * 64, "raw")
    whole.line_items = [_line(GENERAL, "302", "商品和服务支出", 400.0, 20), _line(GENERAL, "30201", "办公费", 40.0, 21),
                        _line(GENERAL, "30211", "差旅费", 120.0, 22), _line(GENERAL, "30215", "会议费", 8.5, 23),
                        _line(GENERAL, "30216", "培训费", 30.0, 24)]
    # its economic table covers the basic expenditure only; the whole 培训费 printed in the 说明
    basic = Record(BASIC_ONLY, 2026, "budget", "standalone", "quake.pdf", "q" * 64, "raw")
    basic.line_items = [_line(BASIC, "302", "商品和服务支出", 200.0, 40), _line(BASIC, "30211", "差旅费", 50.0, 41),
                        _line(BASIC, "30215", "会议费", 3.0, 42), _line(BASIC, "30216", "培训费", 2.5, 43)]
    basic.facts = [Fact("training_costs", 60.0, text="全年培训费预算60.00万元", source=Source("说明", 90))]
    return create_app({"STORE": store_of([whole, basic]), "TESTING": True, "QUERY_TIMEOUT": 60.0}).test_client()


def _values(reply: dict) -> list[tuple[str, float]]:
    return [(a["label"], a["value"]) for a in reply["answers"]]


def test_both_the_larger_first_and_the_difference(client):
    reply = ask(client, f"{WHOLE}会议费和培训费哪个预算多？差多少？")
    values = _values(reply)
    assert [v for _, v in values] == [30.0, 8.5, 21.5]
    assert "培训费" in values[0][0] and values[2][0] == "培训费比会议费多"
    assert "第24行" in reply["answers"][0]["source"] and "相差21.5万元" in reply["message"]
    assert _values(ask(client, f"{WHOLE}差旅费比办公费多多少"))[2] == ("差旅费比办公费多", 80.0)


def test_a_basic_only_line_gives_way_to_the_whole_printed(client):
    reply = ask(client, f"{BASIC_ONLY}培训费和会议费哪个多，差多少")
    assert [v for _, v in _values(reply)] == [60.0, 3.0, 57.0]
    assert "说明 · 第90行" in reply["answers"][0]["source"]
    assert "只列基本支出（2.5万元）" in reply["message"] and "会议费只含基本支出" in reply["message"]


def test_two_basic_only_lines_say_their_scope(client):
    reply = ask(client, f"{BASIC_ONLY}差旅费和会议费哪个多")
    assert [v for _, v in _values(reply)] == [50.0, 3.0, 47.0]
    assert all("只含基本支出" in label for label, _ in _values(reply)[:2])


def test_basic_only_lines_added_up_say_their_scope(client):
    """培训费和会议费一共多少 of lines a basic expenditure's table prints: their sum, said to be the basic spending's
    only — never the whole 培训费 (60, printed in the 说明) and 会议费 it may be taken for."""
    total = ask(client, f"{BASIC_ONLY}培训费和会议费一共多少")["answers"][-1]
    assert (total["value"], total["label"]) == (5.5, "培训费、会议费合计（只含基本支出）")
    assert "不含项目支出" in total["text"]
    assert ask(client, f"{WHOLE}培训费和会议费一共多少")["answers"][-1]["label"] == "培训费、会议费合计"


def test_their_changes_asked_are_not_their_amounts_compared(client):
    reply = ask(client, f"{WHOLE}培训费和会议费比上年哪个增加得多")
    assert not any("比会议费多" in label for label, _ in _values(reply))
