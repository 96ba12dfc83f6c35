"""Finding things by meaning: synonyms learned from the graph's own names, abbreviations the texts
show, phrases near a topic, and topic questions answered through them (a real store, fictional records)."""

from __future__ import annotations

import jieba
import pytest
from web_records import store_of

from ingest.record import Duty, Program, Record, Source
from query_api.app import create_app
from query_api.lexicon import Entry
from query_api.topics import TopicIndex, abbreviates, fine_words, learn_synonyms
from tests.query_api.sample_clients import ask


@pytest.fixture(scope="module")
def cut():
    tokenizer = jieba.Tokenizer()
    return lambda text: fine_words(text, tokenizer)


def test_a_code_named_two_ways_gives_a_synonym():
    entries = [Entry("c:1", "item", "设备维修养护费"), Entry("c:1", "item", "设备维护养护费")]
    assert learn_synonyms(entries) == [("维修", "维护")]
    # one code for sure: a shared character is enough; a label made from the code is no name
    entries = [Entry("c:2", "item", "维修（护）费"), Entry("c:2", "item", "维护（护）费"),
               Entry("c:3", "item", "其他科目"), Entry("c:3", "item", "功能分类科目 20103")]
    assert learn_synonyms(entries) == [("维修", "维护")]


def test_a_program_renamed_from_one_year_to_the_next_gives_a_synonym():
    entries = [Entry("p:1", "program", "网格巡查外包服务", year=2024, parent="o:1"),
               Entry("p:2", "program", "网格巡检外包服务", year=2025, parent="o:1")]
    assert learn_synonyms(entries) == [("巡查", "巡检")]


def test_two_programs_of_one_year_are_siblings_not_synonyms():
    entries = [Entry("p:1", "program", "信息系统建设经费", year=2025, parent="o:1"),
               Entry("p:2", "program", "信息系统运维经费", year=2025, parent="o:1"),
               Entry("p:3", "program", "信息系统运维经费", year=2024, parent="o:1"),
               Entry("p:4", "program", "信息系统建设经费", year=2023, parent="o:2")]
    assert learn_synonyms(entries) == []


def test_a_program_renamed_to_its_abbreviation_gives_a_synonym(cut):
    entries = [Entry("p:1", "program", "网络运行维护经费", year=2024, parent="o:1"),
               Entry("p:2", "program", "网络运维经费", year=2025, parent="o:1")]
    assert learn_synonyms(entries, cut) == [("运维", "运行维护")]
    # an insertion that abbreviates nothing is a qualifier (信息系统运维 / 信息系统运维保障): no synonym
    entries = [Entry("p:1", "program", "信息系统运维经费", year=2024, parent="o:1"),
               Entry("p:2", "program", "信息系统运维保障经费", year=2025, parent="o:1")]
    assert learn_synonyms(entries, cut) == []


def test_a_programs_name_running_together_what_its_indicators_spell_out_gives_a_synonym(cut):
    program = Entry("p:1", "program", "经常性运转经费（水电气）", year=2026, parent="o:1")
    spelt = [Entry(f"i:{n}", "indicator", n, parent="p:1") for n in ("水费", "电费", "燃气费", "绿化绿植存活率")]
    assert learn_synonyms([program, *spelt], cut) == [("水电气", "水电燃气")]
    # indicators that do not spell it out, one character each: nothing
    other = [Entry(f"i:{n}", "indicator", n, parent="p:1") for n in ("水质", "电量", "气温")]
    assert learn_synonyms([program, *other], cut) == []


def test_an_abbreviation_takes_an_end_of_each_word(cut):
    assert abbreviates("医保", "医疗保障", cut)
    assert abbreviates("公车", "公务用车", cut)
    assert not abbreviates("医保", "医疗保障工作", cut)  # three words, two characters
    assert not abbreviates("医疗", "医疗保障", cut)  # a word of the phrase itself


def test_a_short_word_is_related_to_its_long_form_where_every_document_saying_it_says_both(cut):
    index = TopicIndex([["临江市医疗保障局", "医保信息平台运维", "负责全市医疗保障基金监督管理"],
                        ["政府雇员公用经费"], ["市级机关公务用车委托管理"]],
                       [Entry("p:1", "program", "医保信息平台运维"), Entry("p:2", "program", "政府雇员公用经费")], cut)
    assert index.related("医保") == ["医疗保障"]
    assert index.shortened("医疗保障") == ["医保"]
    assert index.related("公用") == []  # a document says 公用 without 公务用车: not its short form
    assert index.abbreviated("公车") == ["公务用车"]  # yet a topic typed so finds it when nothing else does


def test_clauses_near_a_topic_hold_most_of_its_character_pairs(cut):
    index = TopicIndex([["建设热线大数据分析系统与工单管理系统", "采购办公设备"]], [], cut)
    assert index.near("数据分析平台系统") == []  # 3 of 7 pairs
    assert index.near("大数据分析系统") == ["建设热线大数据分析系统与工单管理系统"]


def test_a_short_word_no_text_says_is_spelled_out_inside_a_topic(cut):
    index = TopicIndex([["长期护理保险补助", "医疗救助补助"]], [], cut)
    assert index.spelled_out("长护险补助") == ["长期护理保险补助"]
    assert index.spelled_out("医疗救助补助") == []  # every word said as it is: nothing to spell out
    assert index.spelled_out("轨道交通补助") == []  # a word no text says nor abbreviates


def test_a_short_form_keeps_a_names_characters_in_order_from_its_first_to_its_last():
    from query_api.answering.topic_money import shortens
    assert shortens("物业费", "物业管理费") and shortens("公车运行维护费", "公务用车运行维护费")
    assert not shortens("电费", "电力费")  # two characters: too short to say
    assert not shortens("车辆费", "公务用车运行维护费")  # not the name's first character
    assert not shortens("费物业", "物业管理费") and not shortens("物业管理费", "物业管理费")


DEPT = "临江市南湖区医疗保障局"


@pytest.fixture(scope="module")
def client():
    record = Record(DEPT, 2026, "budget", "consolidated", "medins.pdf", "d" * 64, "raw")
    record.duties = [Duty("负责全区医疗保障基金的监督管理", 1, Source("主要职责", 3))]
    record.programs = [Program("医保信息平台运维", DEPT, 30.0, source=Source("项目表", 20)),
                       Program("城乡居民医疗救助", DEPT, 80.0, performance_target="保障困难群众基本医疗",
                               source=Source("项目表", 21)),
                       Program("机关公务用车运行维护", DEPT, 5.0, source=Source("项目表", 22)),
                       Program("政府雇员公用经费", DEPT, 2.0, source=Source("项目表", 23))]
    return create_app({"STORE": store_of([record]), "TESTING": True}).test_client()


def labels(reply: dict) -> set[str]:
    return {a["label"] for a in reply["answers"]}


def test_a_topic_finds_the_programs_named_by_its_long_form(client):
    assert labels(ask(client, "哪些项目和医疗保障有关")) == {"医保信息平台运维"}


def test_a_topic_typed_short_finds_the_long_form_when_nothing_holds_it(client):
    assert labels(ask(client, "哪些项目涉及公车")) == {"机关公务用车运行维护"}


def test_a_topic_in_no_text_finds_nothing(client):
    assert labels(ask(client, "哪些项目涉及轨道交通")) == set()


def test_programs_said_to_be_about_a_topic_are_added_up(client):
    answers = ask(client, "跟医疗有关的项目一共多少钱？")["answers"]
    assert answers[0]["value"] == 80.0 and "合计" in answers[0]["label"]  # 城乡居民医疗救助, its name holds 医疗


def test_a_topic_found_as_it_is_is_not_widened_to_words_that_merely_abbreviate_it(client):
    # 公用 (of 政府雇员公用经费) could abbreviate 公务用车, and both are in one document: the topic is
    # in a name as it is, so no shorter word is tried
    assert labels(ask(client, "哪些项目涉及公务用车")) == {"机关公务用车运行维护"}


def test_a_documents_texts_are_read_whole_a_page_at_a_time(monkeypatch, tmp_path):
    # a server may cap an answer's rows (Virtuoso's ResultSetMaxRows): the texts come in pages, none lost
    from graph_store.registry import open_store
    from ingest.rdf import record_to_graph
    from query_api import topic_store

    record = Record("临江市分页测试局", 2025, "budget", "consolidated", "p.txt", "c" * 64, "tsv")
    record.programs = [Program(f"分页项目{n:02d}", record.department, 1.0, source=Source("项目表", n)) for n in range(7)]
    monkeypatch.setenv("GOVKG_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(topic_store, "TEXTS_PAGE", 3)
    store = open_store("memory")
    store.replace_graph(*record_to_graph(record))
    texts = {t for graph_texts in topic_store.document_texts(store).values() for t in graph_texts}
    assert {f"分页项目{n:02d}" for n in range(7)} <= texts and "临江市分页测试局" in texts
