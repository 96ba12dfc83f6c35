"""Programs asked for together, over an invented department: a count asked beside its members (有哪些项目？
一共几个), programs over a threshold said after its amount (2023年预算500万元以上), and programs named by a word
their names share added up (公车统管的钱加起来多少) — each member with its figure and line, the total said to be
computed. Fictional records, a real store."""

from __future__ import annotations

import pytest

from graph_store.registry import open_store
from ingest.rdf import record_to_graph
from ingest.record import Fact, Program, Record, Source, Unit
from query_api.app import create_app
from query_api.nlu import Question
from query_api.slots import amount_slots, output_wish
from tests.query_api.sample_clients import ask

DEPT = "临江市河务局"
UNIT = "临江市河务保障中心"


def _record() -> Record:
    record = Record(DEPT, 2023, "budget", "consolidated", "hewu2023.txt", "f" * 64, "raw")
    record.subordinate_units = [Unit(UNIT, source=Source("下属单位", 8))]
    priced = [("2023堤防巡查经费", DEPT, 600.0), ("河道疏浚工程", DEPT, 520.0), ("防汛物资储备", UNIT, 480.0),
              ("实施公车统管费用", DEPT, 8.0), ("公车统管费用", UNIT, 8.0), ("水文监测运行费", UNIT, 90.0)]
    record.programs = [Program(name, unit, amount, source=Source("项目支出表", 20 + n))
                       for n, (name, unit, amount) in enumerate(priced)]
    # the same programs printed again in the targets' table, with their year or the department's name before
    # them and no amount: no more programs
    record.programs += [Program("2023年堤防巡查经费", DEPT, source=Source("项目支出绩效目标表", 40)),
                        Program(f"{DEPT}河道疏浚工程", DEPT, source=Source("项目支出绩效目标表", 41))]
    record.facts = [Fact("three_public_vehicle", 0.0, source=Source("三公经费", 50)),
                    # more programs set targets for than the store holds (a table it did not read)
                    Fact("performance_target_programs", 9, "个", text="编报绩效目标的项目共9个", source=Source("说明", 60))]
    return record


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    # on disk: the memory store leaves out the programs printed without an amount that Oxigraph lists
    store = open_store("oxigraph", tmp_path_factory.mktemp("members") / "store")
    store.replace_graph(*record_to_graph(_record()))
    yield create_app({"STORE": store, "TESTING": True}).test_client()
    store.close()


def _labels(reply: dict) -> list[str]:
    return [a["label"] for a in reply["answers"]]


@pytest.mark.parametrize("question, rest, wish", [
    ("某局有哪些项目？一共几个", "某局有哪些项目？一共几个", "members"),  # the count after a question mark
    ("某局一共有多少个项目，列出来", "某局一共有多少个项目", "members"),  # 列出来 is no 列出… instruction
    ("某局有几个下属单位？列出来", "某局有几个下属单位", "members"),
    ("某局哪些项目超过100万元？列出名称即可", "某局哪些项目超过100万元？", "names"),
])
def test_a_count_and_its_members_asked_in_either_order_is_one_wish(question, rest, wish):
    assert output_wish(question) == (rest, wish)


@pytest.mark.parametrize("text, comparator, number", [
    ("某局2023年预算500万元以上的项目有哪些", ">", 500.0),
    ("某局2023年100万元以下的项目", "<", 100.0),
    ("某局2023年预算超过2000万的项目", ">", 2000.0),
])
def test_a_threshold_said_after_its_amount_is_not_the_year_before_it(text, comparator, number):
    q = Question(text=text)
    amount_slots(q, text)
    assert (q.comparator, q.number, q.year) == (comparator, number, 2023)


def test_a_count_asked_beside_its_members_gives_every_member_and_the_count(client):
    for question in (f"{DEPT}有哪些项目？一共几个", f"{DEPT}一共有多少个项目，列出来"):
        reply = ask(client, question)
        assert sorted(_labels(reply)) == sorted(["2023堤防巡查经费", "河道疏浚工程", "防汛物资储备", "实施公车统管费用",
                                                 "公车统管费用", "水文监测运行费"])
        assert "共有6个项目" in reply["message"] and all(a["source"] for a in reply["answers"])


def test_a_name_printed_again_without_its_amount_is_not_listed_as_one_more_program(client):
    listed = _labels(ask(client, f"{DEPT}有哪些项目"))
    assert len(listed) == 6 and "2023年堤防巡查经费" not in listed and f"{DEPT}河道疏浚工程" not in listed


def test_units_counted_and_listed_together(client):
    reply = ask(client, f"{DEPT}有几个下属单位？列出来")
    assert _labels(reply) == [UNIT] and "共有1个" in reply["message"]


def test_programs_over_a_threshold_said_after_the_amount_are_all_of_them(client):
    reply = ask(client, f"{DEPT}2023年预算500万元以上的项目有哪些")
    assert [(a["label"], a["value"]) for a in reply["answers"]] == [("2023堤防巡查经费", 600.0), ("河道疏浚工程", 520.0)]
    below = ask(client, f"{DEPT}2023年100万元以下的项目有哪些")
    assert sorted(a["value"] for a in below["answers"]) == [8.0, 8.0, 90.0]


def test_programs_over_a_threshold_added_up_say_the_threshold_and_the_addition(client):
    total = ask(client, f"{DEPT}2023年500万元以上的项目加起来多少钱")["answers"][0]
    assert total["value"] == 1120.0 and "超过500万元" in total["label"]
    assert "600 + 520 = 1120万元" in total["text"] and "算得" in total["text"]


def test_programs_sharing_a_word_are_added_up_each_shown_never_a_figure_a_part_of_the_words_names(client):
    # 公车 alone names the 三公 vehicle figure (0.00 here): the two programs named 公车统管 are what is asked
    reply = ask(client, f"{DEPT}公车统管的钱加起来多少")
    total, *each = reply["answers"]
    assert (total["value"], total["unit"]) == (16.0, "万元") and "计算所得" in reply["message"]
    assert sorted(a["label"] for a in each) == ["公车统管费用", "实施公车统管费用"]
    assert all(a["source"] for a in each)


def test_programs_sharing_a_word_are_counted_not_asked_which_one_is_meant(client):
    reply = ask(client, f"{DEPT}公车统管的项目有几个")
    assert reply["answers"][0]["value"] == 2 and reply["answers"][0]["unit"] == "个"
    assert "请说明" not in reply["message"]


def test_a_demonstrative_before_a_number_of_programs_is_no_word_of_their_topic(client):
    reply = ask(client, f"{DEPT}那两个公车统管项目加起来多少钱")
    assert reply["answers"][0]["value"] == 16.0 and "“公车统管" in reply["message"]


def test_a_program_named_whole_is_its_own_figure_not_added_to_those_holding_its_name(client):
    # 实施公车统管费用 holds the name 公车统管费用 too: the one named is asked
    (answer,) = ask(client, f"{DEPT}公车统管费用一共多少钱")["answers"]
    assert (answer["label"], answer["value"], answer["text"].startswith(UNIT)) == ("公车统管费用", 8.0, True)


def test_a_count_unlike_the_one_the_document_prints_is_shown_beside_it_with_its_line(client):
    reply = ask(client, f"{DEPT}有几个项目")
    assert [(a["value"], a["unit"]) for a in reply["answers"]] == [(6, "个"), (9, "个")]
    assert "第60行" in reply["answers"][1]["source"] and "不一致" in reply["message"]
    members = ask(client, f"{DEPT}有哪些项目？一共几个")
    assert len(members["answers"]) == 6 and "为9个" in members["message"]


def test_a_topic_s_programs_counted_with_their_members_are_the_members_and_no_total(client):
    # 一共 asks how many here, not money: no sum row, and no count row as one more member
    reply = ask(client, f"{DEPT}公车统管的项目一共有几个，都是哪些")
    assert sorted(_labels(reply)) == ["公车统管费用", "实施公车统管费用"] and "有2个" in reply["message"]
