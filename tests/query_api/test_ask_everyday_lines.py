"""A classified line or a 三公 part asked in everyday words (招待费, 请客吃饭, 出国的钱, 买公车, 公车的油费, 出差,
电话费): read as the classification's own word where a line of the store bears it, and answered as if the line
were named, saying the reading; a word no line bears, or inside a name, is not read (a real store, fictional
records)."""

from __future__ import annotations

import pytest
from web_records import store_of

from ingest.record import Fact, LineItem, Program, Record, Source
from query_api.app import create_app
from tests.query_api.sample_clients import ask

DEPT, CITY = "临江市数据局", "海州市住房和城乡建设局"
SECTION = "“三公”经费情况说明"


@pytest.fixture(scope="module")
def client():
    record = Record(DEPT, 2026, "budget", "consolidated", "data.pdf", "d" * 64, "raw")
    record.facts = [Fact(key, value, source=Source(SECTION, line)) for key, value, line in (
        ("three_public_budget", 18.3, 1), ("three_public_outbound", 0.0, 2), ("three_public_vehicle", 4.0, 3),
        ("three_public_vehicle_purchase", 0.0, 4), ("three_public_vehicle_operation", 4.0, 5),
        ("three_public_reception", 14.3, 6))]
    record.line_items = [LineItem("经济分类表", code, name, {"合计": value}, "economic", source=Source("经济分类表", line))
                         for code, name, value, line in (("30211", "差旅费", 10.0, 7), ("30207", "邮电费", 3.0, 8),
                                                         ("30217", "公务接待费", 2.0, 9), ("30202", "印刷费", 3.5, 10))]
    record.programs = [Program("招待所运营经费", DEPT, 88.0, source=Source("项目表", 20))]
    heating = Record(CITY, 2026, "budget", "consolidated", "city.pdf", "e" * 64, "raw")
    heating.line_items = [LineItem("经济分类表", code, name, {"合计": value}, "economic", source=Source("经济分类表", line))
                          for code, name, value, line in (("30208", "取暖费", 12.0, 7), ("30211", "差旅费", 6.0, 8))]
    heating.programs = [Program("集中供暖补助", CITY, 500.0, source=Source("项目表", 30)),
                        Program("出差管理系统建设", CITY, 60.0, source=Source("项目表", 31))]
    return create_app({"STORE": store_of([record, heating]), "TESTING": True, "QUERY_TIMEOUT": 60.0}).test_client()


def values(reply: dict) -> list[float | None]:
    return [a["value"] for a in reply["answers"]]


@pytest.mark.parametrize("asked, value, read", [
    ("招待费预算多少", 14.3, "公务接待费"),  # the 三公 part its economic line names, not that line's row (2.0)
    ("请客吃饭的钱有多少", 14.3, "公务接待费"),
    ("出差的钱是多少", 10.0, "差旅费"),
    ("电话费是多少", 3.0, "邮电费"),
])
def test_an_everyday_word_is_read_as_the_name_of_the_line_bearing_its_word(client, asked, value, read):
    reply = ask(client, f"{DEPT}2026年{asked}")
    assert values(reply) == [value] and f"按“{read}”理解" in reply["message"]


@pytest.mark.parametrize("asked, key", [("买公车的钱是多少", "公务用车购置费"), ("添置车辆花了多少", "公务用车购置费"),
                                        ("公车的油费和维修费花多少", "公务用车运行维护费"), ("养车的钱", "公务用车运行维护费")])
def test_buying_or_running_a_car_said_plainly_is_that_half_of_the_vehicle_figure_never_the_whole(client, asked, key):
    reply = ask(client, f"{DEPT}2026年{asked}")
    assert values(reply) == [0.0 if "购置" in key else 4.0] and key in reply["answers"][0]["label"]


def test_a_word_no_line_bears_is_not_read_and_a_word_inside_a_name_stays_the_name(client):
    reply = ask(client, f"{DEPT}2026年房租是多少")  # no 租赁费 line: 房租 is not said to be one
    assert "理解" not in reply["message"]
    reply = ask(client, f"{DEPT}招待所运营经费是多少")  # a program's name holding 招待
    assert values(reply) == [88.0] and "理解" not in reply["message"]


def test_an_everyday_word_inside_a_longer_word_is_not_read_and_going_abroad_is_the_outbound_figure(client):
    assert values(ask(client, f"{DEPT}2026年打印花了多少钱")) == [3.5]
    reply = ask(client, f"{DEPT}2026年买打印机花了多少钱")  # a printer is no printing: never 印刷费
    assert 3.5 not in values(reply) and "理解" not in reply["message"]
    assert values(ask(client, f"{DEPT}2026年出国考察的钱")) == [0.0]  # 出国 inside 出国考察: the 三公 figure
    assert values(ask(client, f"{DEPT}2026年出国的钱预算多少")) == [0.0]  # read by the measure words alone


@pytest.mark.parametrize("asked, value", [("供暖方面花了多少钱", 500.0), ("出差管理花了多少", 60.0), ("暖气费是多少", 12.0)])
def test_a_topic_or_program_said_in_an_everyday_word_is_never_an_economic_line(client, asked, value):
    # 供暖 is district heating (the program), no office's heating bill; 出差管理 is the program's name, not 差旅费;
    # a heating bill said with its money noun is the line
    found = values(ask(client, f"{CITY}2026年{asked}"))  # (a topic's total, then its one program)
    assert found[0] == value and not {12.0, 6.0} - {value} & set(found)



def test_a_program_named_in_everyday_words_wins_with_no_organisation_asked(client):
    # (the program found by a part of its name only with its organisation; never every department's 差旅费, 10 and 6)
    assert not {10.0, 6.0} & set(values(ask(client, "出差管理花了多少")))
