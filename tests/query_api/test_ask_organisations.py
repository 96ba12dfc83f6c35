"""Organisation questions in people's words: units by the document's own nouns (派出审计处, 局属单位, 总站),
who does a duty named as an office inside a longer name, Traditional Chinese, and an honest no-answer for an
organisation the store does not hold. Fictional records, a real store."""

from __future__ import annotations

import pytest
from web_records import store_of

from ingest.record import Duty, Record, Source, Unit
from query_api.app import create_app
from query_api.names import not_held
from query_api.unit_nouns import asked_noun, names
from tests.query_api.sample_clients import ask


def _record(dept: str, sha: str, internal: list[str], subordinate: list[str], duties: list[str]) -> Record:
    record = Record(dept, 2026, "budget", "consolidated", f"{sha}.pdf", sha * 64, "raw")
    record.internal_units = [Unit(name, source=Source("内设机构", 30)) for name in internal]
    record.subordinate_units = [Unit(name, source=Source("下属单位", 40)) for name in subordinate]
    record.duties = [Duty(text, n + 1, Source("主要职责", 10 + n)) for n, text in enumerate(duties)]
    return record


@pytest.fixture(scope="module")
def client():
    store = store_of([
        _record("临江市审计局", "a", ["办公室", "财政审计处", "金融审计处", "内部审计指导监督处", "派出党群部门审计处", "派出综合审计处"],
                ["临江市审计信息中心"], ["主管全市审计工作。", "负责管理派出审计处。"]),
        _record("临江市信访局", "c", ["办公室", "来访接待一处", "来访接待二处", "督查处", "一大队", "二大队", "综合部"], [], []),
        _record("海州市数据局", "d", ["督查处（交易管理处）"], [], []),
        # numbered sections only, where other departments have a 督查处 of that very name
        _record("东湖市信访局", "f", ["办公室", "督查一处", "督查第二处", "督查3处", "综合督查室"], [], []),
        _record("临江市水务局", "b", ["办公室", "水资源处"],
                ["临江市水文监测总站（市水质监测中心）", "临江市水土保持监测总站", "临江市河道事务中心"],
                ["负责水资源保护工作。", "承担临江市河长制工作领导小组办公室日常工作。"]),
        _record("临江市人民政府办公室", "e", ["秘书处", "对外联络处"],
                ["临江市人民政府驻北京联络处", "临江市人民政府驻沪联络处", "临江市人民政府驻深圳办事处", "临江市机关事务服务中心"], [])])
    return create_app({"STORE": store, "TESTING": True}).test_client()


def _labels(reply: dict) -> set[str]:
    return {a["label"] for a in reply["answers"]}


def test_a_noun_of_the_documents_own_names_the_units_ending_so(client):
    assert _labels(ask(client, "临江审计局有哪几个派出审计处")) == {"派出党群部门审计处", "派出综合审计处"}
    assert _labels(ask(client, "临江市水务局下面有哪些总站")) == {"临江市水文监测总站(市水质监测中心)", "临江市水土保持监测总站"}


def test_a_word_of_belonging_to_the_bureau_asks_for_every_subordinate_unit_also_in_traditional_chinese(client):
    expected = {"临江市水文监测总站(市水质监测中心)", "临江市水土保持监测总站", "临江市河道事务中心"}
    assert _labels(ask(client, "臨江水務局的局屬單位有哪些")) == expected
    (count,) = ask(client, "临江市水务局有几个局属单位")["answers"]
    assert count["value"] == 3 and count["unit"] == "个"


def test_a_noun_no_unit_has_gets_no_answer_and_the_units_there_are(client):
    reply = ask(client, "临江市水务局有哪些监测站")
    assert reply["answers"] == [] and "监测站" in reply["message"] and "水资源处" in reply["message"]


def test_an_office_inside_a_longer_name_is_no_unit_of_the_graph_and_the_duty_s_department_answers(client):
    reply = ask(client, "临江市河长制工作领导小组办公室的日常工作由谁负责")
    (top, *_) = reply["answers"]
    assert top["label"] == "临江市水务局" and "河长制工作领导小组办公室" in top["text"] and "第11行" in top["source"]
    assert ask(client, "哪个部门负责管理派出审计处")["answers"][0]["label"] == "临江市审计局"


def test_an_organisation_the_store_does_not_hold_is_named_with_the_nearest_ones_held(client):
    reply = ask(client, "临江市民政局的下属单位有哪些")
    assert reply["answers"] == [] and "没有“临江市民政局”" in reply["message"]
    assert "临江市水务局" in reply["message"] and "可以这样问" not in reply["message"]


def test_the_nearest_departments_are_a_few_of_the_same_place_never_the_whole_list():
    held = [f"海州市第{n}局" for n in range(100)] + ["临江市水务局"]
    message = not_held(["临江市民政局"], held)
    assert "临江市水务局" in message and "海州市" not in message and "101 个部门" in message


@pytest.mark.parametrize(("text", "noun"), [
    ("     有哪几个派出审计处", "派出审计处"), ("     的局属单位有哪些", "局属单位"), ("     下面有哪些总站", "总站"),
    ("     有哪些内设机构", None), ("     的所属事业单位是哪个", None), ("     下设哪些处室", None), ("     哪些项目", None)])
def test_the_noun_asked_for_is_read_unless_every_document_shares_it(text, noun):
    assert asked_noun(text) == noun


def test_a_unit_is_named_by_the_nouns_last_words_and_the_rest_in_order():
    assert names("派出审计处", "派出党群部门审计处") and not names("派出审计处", "财政审计处")
    assert not names("审计处", "内部审计指导监督处")  # only 处 is its ending
    assert names("总站", "临江市水文监测总站（市水质监测中心）") and not names("中心", "临江市水文监测总站（市水质监测中心）")


def test_a_section_guessed_by_name_says_so_with_the_department_s_duty_line_as_evidence(client):
    reply = ask(client, "临江市水务局里谁负责水资源保护")
    (top,) = reply["answers"]
    assert top["label"] == "水资源处" and "按名称推断" in top["text"] and "第10行" in top["source"]
    assert "没有写明" in reply["message"]


def test_a_duty_no_section_s_name_says_is_the_department_s_own_line(client):
    reply = ask(client, "临江市审计局里谁负责主管全市审计工作")
    (top,) = reply["answers"]
    assert top["label"] == "临江市审计局" and "第10行" in top["source"] and "没有写明" in reply["message"]


def test_a_typed_name_is_tested_only_against_the_organisations_holding_its_characters():
    from query_api.lexicon import Entry
    from query_api.names import OrgIndex, match_org

    index = OrgIndex([Entry("d:1", "department", "临江市市场监督管理局"), Entry("d:2", "department", "临江市交通运输局"),
                      Entry("d:3", "department", "海州市市场监督管理局")])
    assert [index.entries[at].uri for at in index.holding("市场监管局")] == ["d:1", "d:3"]
    assert [e.uri for e in match_org("临江市场监管局", index)] == ["d:1"]  # a place without its level word
    assert match_org("临江市民政局", index) == []


def test_a_name_after_a_comparing_word_and_a_name_going_on_past_an_organisation_word_are_found():
    from query_api.lexicon import Entry, Lexicon
    from query_api.nlu import understand

    lexicon = Lexicon([Entry("d:1", "department", "临江市数据局"), Entry("d:2", "department", "海州市医疗保障局"),
                       Entry("d:3", "department", "临江职业教育基地综合协调办公室")])
    q = understand("临江数据局的三公经费比海州医保局多多少", lexicon)
    assert [e.uri for e in q.entries("department")] == ["d:1", "d:2"] and q.unknown_orgs == []
    q = understand("海州医保局和临江职教基地办2026年项目支出相差多少", lexicon)
    assert [e.uri for e in q.entries("department")] == ["d:2", "d:3"] and q.unknown_orgs == []
    assert understand("临江市教育和体育局有哪些内设机构", lexicon).unknown_orgs == ["临江市教育和体育局"]


def test_numbered_units_are_ones_of_the_noun_without_their_number(client):
    assert _labels(ask(client, "临江市信访局的来访接待处有哪些")) == {"来访接待一处", "来访接待二处"}
    (count,) = ask(client, "临江信访局下面有几个大队")["answers"]  # 下面有几个大队: no organisation's name
    assert count["value"] == 2
    assert _labels(ask(client, "临江市信访局有哪几个部")) == {"综合部"}  # one character of the document's own


def test_a_unit_of_another_department_said_after_the_question_word_is_the_noun_asked_for(client):
    assert _labels(ask(client, "臨江信訪局有哪些督查處")) == {"督查处"}
    (count,) = ask(client, "臨江水務局的下屬單位有幾個")["answers"]  # counted in Traditional Chinese too
    assert count["value"] == 3


@pytest.mark.parametrize("asked", ["东湖市信访局有哪些督查处", "东湖信访局的督查处有哪几个"])
def test_numbered_units_are_the_noun_asked_where_another_department_has_a_unit_of_that_very_name(client, asked):
    # 督查处 is 临江's and 海州's unit, never a name the graph lacks; 东湖's are its numbered ones (not 综合督查室)
    reply = ask(client, asked)
    assert _labels(reply) == {"督查一处", "督查第二处", "督查3处"}, reply
    (count,) = ask(client, "东湖市信访局的督查处有几个")["answers"]
    assert count["value"] == 3


def test_units_asked_of_an_organisation_the_store_does_not_hold_are_no_list_of_departments(client):
    reply = ask(client, "北京市审计局有哪些派出审计处")
    assert reply["answers"] == [] and "没有“北京市审计局”" in reply["message"]


def test_a_unit_s_name_before_how_many_is_the_noun_counted(client):
    (count,) = ask(client, "临江市信访局的来访接待处有几个")["answers"]
    assert count["value"] == 2 and "来访接待一处" in count["text"]


def test_the_departments_set_up_under_a_department_are_its_internal_units(client):
    assert "综合部" in _labels(ask(client, "临江市信访局下设哪些部门"))
    # 部门 inside a department are its sections, also where it lists subordinate units
    offices = _labels(ask(client, "临江市审计局下设哪些部门"))
    assert "财政审计处" in offices and "临江市审计信息中心" not in offices


ABROAD = {"临江市人民政府驻北京联络处", "临江市人民政府驻沪联络处", "临江市人民政府驻深圳办事处"}


@pytest.mark.parametrize("question", ["临江市人民政府办公室在外地设了哪些驻外联络处、办事处", "临江市人民政府办公室有哪些驻外机构"])
def test_units_asked_by_kinds_of_name_together_are_those_any_names_never_an_internal_section(client, question):
    # 驻外 is 驻 and a place each name says (驻北京, 驻沪); the internal 对外联络处 is stationed nowhere
    assert _labels(ask(client, question)) == ABROAD
    # without 驻外, 联络处 names the internal one too
    assert _labels(ask(client, "临江市人民政府办公室的联络处和办事处有哪些")) == ABROAD | {"对外联络处"}


def test_a_qualifier_said_with_de_before_nouns_joined_qualifies_each(client):
    # 驻外地的办事处和联络处: both stationed away; the internal 对外联络处 is no answer
    assert _labels(ask(client, "临江市政府办下面有哪些驻外地的办事处和联络处")) == ABROAD
    assert asked_noun("     下面有哪些驻外地的办事处和联络处？") == "驻外地办事处、驻外地联络处"


def test_nei_she_said_as_the_verb_asks_for_the_sections_whatever_noun_follows(client):
    # 内设了哪些机构: 机构 alone would be any organisation; 内设 before the question word makes them the sections
    expected = {"办公室", "来访接待一处", "来访接待二处", "督查处", "一大队", "二大队", "综合部"}
    assert _labels(ask(client, "临江市信访局内设了哪些机构？")) == expected
    (count,) = ask(client, "临江市信访局内设几个机构")["answers"]
    assert count["value"] == 7


def test_nouns_joined_are_each_read_and_a_count_is_of_those_any_names(client):
    assert asked_noun("     在外地设了哪些驻外联络处、办事处") == "驻外联络处、驻外办事处"  # 驻外 qualifies each
    assert asked_noun("     的联络处和办事处有哪些") == "联络处、办事处"
    assert asked_noun("     有哪些规划和发展处") == "规划和发展处"  # 和 inside one name
    (count,) = ask(client, "临江市人民政府办公室有几个驻外联络处")["answers"]
    assert count["value"] == 2 and "对外联络处" not in count["text"]
