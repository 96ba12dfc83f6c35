"""Entity linking by meaning: short forms derived from a name's structure (街道 for its 街道办事处, the
other names a unit gives in brackets, a unit by the place it runs), abbreviations, part of a program's
name, and no link where two candidates tie (the reply asks which one). Fictional records, a real store."""

from __future__ import annotations

import pytest
from web_records import store_of

from ingest.record import Duty, Fact, Program, Record, Source, Unit
from query_api.app import create_app
from query_api.lexicon import Entry, Lexicon, org_aliases, other_names
from query_api.names import OrgIndex, match_org, ties
from query_api.nlu import understand
from tests.query_api.sample_clients import ask


def test_a_street_office_is_called_by_its_street():
    aliases = org_aliases("临江市东湖区青石街道办事处")
    assert {"青石街道", "青石街道办", "东湖区青石街道"} <= set(aliases)
    assert "长林镇" in org_aliases("临江市东湖区长林镇人民政府")


def test_an_office_administering_a_place_is_called_by_the_place():
    assert org_aliases("临江职业教育基地综合协调办公室") == ["临江职业教育基地"]
    assert "高新技术产业园区" in org_aliases("临江市高新技术产业园区管理委员会")
    assert org_aliases("临江市机关事务管理办公室") == ["机关事务管理办公室"]  # 机关事务 is no place


def test_a_place_s_office_is_found_by_the_place_s_abbreviation():
    lex = Lexicon([Entry("d:1", "department", "临江职业教育基地综合协调办公室"), Entry("c:1", "item", "职业教育")])
    q = understand("临江职教基地的机关运行经费有多少", lex)
    assert [e.uri for e in q.entries("department")] == ["d:1"] and q.measure == "administrative_operating_cost"


def test_a_unit_is_called_by_the_other_names_it_gives_in_brackets():
    assert other_names("临江市水文监测总站（市水质监测中心）") == ["临江市水文监测总站", "市水质监测中心", "水质监测中心"]
    assert other_names("文明窗口项目（二期）") == []


def test_a_unit_running_a_place_is_called_by_the_place_unless_its_department_is():
    lexicon = Lexicon([Entry("d:1", "department", "临江市退役军人事务局"),
                       Entry("s:1", "subordinate_unit", "临江市烈士陵园管理所", parent="d:1"),
                       Entry("s:2", "subordinate_unit", "临江市退役军人服务站", parent="d:1")])
    assert [e.uri for e in lexicon.lookup("烈士陵园")] == ["s:1"]
    assert lexicon.lookup("退役军人") == []


def test_a_bureau_is_found_by_its_common_abbreviation_and_a_place_without_level_word():
    orgs = OrgIndex([Entry("d:1", "department", "临江市市场监督管理局"),
                     Entry("d:2", "department", "临江市政府投资交通市政项目工务中心"), Entry("d:3", "department", "临江市交通运输局")])
    assert [e.uri for e in match_org("市场监管局", orgs)] == ["d:1"]
    assert [e.uri for e in match_org("临江交通市政工务中心", orgs)] == ["d:2"]


def _record(dept: str, year: int, sha: str, programs: list[Program] = ()) -> Record:
    record = Record(dept, year, "budget", "consolidated", f"{sha}.pdf", sha * 64, "raw")
    record.internal_units = [Unit("办公室", f"负责{dept}机关日常运转", source=Source("内设机构", 5)),
                             Unit("数据管理科", "负责数据资源管理", source=Source("内设机构", 6))]
    record.facts = [Fact("revenue_total", 100.0 if sha == "a" else 200.0, source=Source("收支总表", 10))]
    record.programs = list(programs)
    return record


@pytest.fixture(scope="module")
def client():
    store = store_of([
        _record("临江市数据局", 2025, "a", [Program("购买中介机构审计服务", "临江市数据局", 35.0, source=Source("项目表", 20)),
                                       Program("96196电梯应急处置服务平台", "临江市数据局", 12.0, source=Source("项目表", 21)),
                                       Program("数据中心机房运维", "临江市数据局", 8.0, source=Source("项目表", 22)),
                                       Program("数据中心机房改造", "临江市数据局", 9.0, source=Source("项目表", 23))]),
        _record("海州市数据局", 2024, "b")])
    return create_app({"STORE": store, "TESTING": True}).test_client()


def test_a_name_two_departments_share_is_asked_back(client):
    reply = ask(client, "数据局有哪些内设机构")
    assert reply["answers"] == []
    assert "临江市数据局" in reply["message"] and "海州市数据局" in reply["message"] and "哪一个" in reply["message"]


def test_the_year_asked_leaves_the_one_department_with_a_document_of_that_year(client):
    answers = ask(client, "数据局2024年的收入总额是多少")["answers"]
    assert [a["value"] for a in answers] == [200.0]


def test_a_unit_of_the_department_named_is_that_department_s():
    lexicon = Lexicon([Entry("d:1", "department", "临江市数据局"), Entry("d:2", "department", "海州市数据局"),
                       Entry("u:1", "internal_unit", "办公室", parent="d:1"),
                       Entry("u:2", "internal_unit", "办公室", parent="d:2")])
    question = understand("临江市数据局的办公室负责什么", lexicon)
    assert ties(question.mentions, lexicon) == []
    assert [e.uri for e in question.entries("internal_unit")] == ["u:1"]
    assert ties(understand("办公室负责什么", lexicon).mentions, lexicon) == [("办公室", ["临江市数据局办公室", "海州市数据局办公室"])]


def test_a_program_named_by_a_part_of_its_name(client):
    answers = ask(client, "电梯应急处置平台的预算是多少")["answers"]
    assert [(a["label"], a["value"]) for a in answers] == [("96196电梯应急处置服务平台", 12.0)]


def test_a_program_named_by_words_of_its_name(client):
    answers = ask(client, "临江市数据局请中介机构做审计的那个项目预算多少万元")["answers"]
    assert [(a["label"], a["value"]) for a in answers] == [("购买中介机构审计服务", 35.0)]


def test_two_programs_fitting_the_words_are_asked_back(client):
    reply = ask(client, "临江市数据局机房的那个项目预算多少")
    assert reply["answers"] == [] and "数据中心机房运维" in reply["message"] and "数据中心机房改造" in reply["message"]


@pytest.fixture(scope="module")
def sections_client():
    record = Record("临江市政务服务局", 2025, "budget", "consolidated", "sections.pdf", "c" * 64, "raw")
    record.internal_units = [
        Unit("热线管理科", "负责12345热线的日常运行管理和话务统计", source=Source("内设机构", 5)),
        Unit("督查科", "负责对热线承办商进行考核评估，督办群众诉求", source=Source("内设机构", 6)),
        Unit("网络股", "负责门户网站的建设和维护", source=Source("内设机构", 7))]
    return create_app({"STORE": store_of([record]), "TESTING": True}).test_client()


def test_the_section_responsible_for_a_work_is_the_one_whose_duties_say_it(sections_client):
    answers = ask(sections_client, "临江市政务服务局哪个科室负责对12345热线承办商进行考核？")["answers"]
    assert [a["label"] for a in answers] == ["督查科"]  # 热线 and 12345 are said by two sections, 考核 by one
    answers = ask(sections_client, "臨江市政務服務局由哪個股負責門戶網站的建設和維護？")["answers"]
    assert [a["label"] for a in answers] == ["网络股"]
    assert len(ask(sections_client, "临江市政务服务局有哪些内设机构")["answers"]) == 3


def test_a_work_named_by_a_number_the_duties_leave_out_is_read_by_its_words(sections_client):
    # 96196热线: no section's duties hold the number; those whose duties say 热线 are the answer, not 网络股
    answers = ask(sections_client, "临江市政务服务局哪个科室负责96196热线")["answers"]
    assert sorted(a["label"] for a in answers) == ["热线管理科", "督查科"]


@pytest.fixture(scope="module")
def water_client():
    dept = "临江市水利局"
    record = Record(dept, 2026, "budget", "consolidated", "water.pdf", "9" * 64, "raw")
    record.duties = [Duty("负责全市水土保持工作，组织水土流失综合防治", 1, Source("主要职责", 3))]
    record.internal_units = [Unit("水保处", source=Source("内设机构", 5)), Unit("规划处", source=Source("内设机构", 6))]
    record.subordinate_units = [Unit("临江市水利电力职业技术学院", source=Source("下属单位", 8)),
                                Unit("临江市水文监测总站（市水质监测中心）", source=Source("下属单位", 9))]
    return create_app({"STORE": store_of([record]), "TESTING": True}).test_client()


def test_a_section_named_by_the_abbreviation_of_the_work(water_client):
    answers = ask(water_client, "临江市水利局哪个处负责水土保持")["answers"]
    assert [a["label"] for a in answers] == ["水保处"]  # 水保 abbreviates 水土保持, which the document says


def test_a_college_and_a_unit_by_its_other_name_find_their_department(water_client):
    assert [a["label"] for a in ask(water_client, "临江水利学院隶属于哪个部门")["answers"]] == ["临江市水利局"]
    assert [a["label"] for a in ask(water_client, "临江市水质监测中心隶属于哪个部门")["answers"]] == ["临江市水利局"]


def test_a_unit_named_after_its_department_is_what_is_asked_about():
    dept = "临江市退役军人事务局"
    record = Record(dept, 2026, "budget", "consolidated", "veterans.pdf", "8" * 64, "raw")
    record.subordinate_units = [Unit("临江市烈士陵园管理所", source=Source("下属单位", 8))]
    record.programs = [Program("革命烈士纪念及保护", "临江市烈士陵园管理所", 166.5, source=Source("项目表", 30)),
                       Program("优抚对象走访慰问", dept, 50.0, source=Source("项目表", 31))]
    client = create_app({"STORE": store_of([record]), "TESTING": True}).test_client()
    answers = ask(client, "临江退役军人局下面烈士陵园的项目预算是多少？")["answers"]
    assert answers[0]["value"] == 166.5  # the unit's program, not the department's 216.5
    assert answers[0]["label"] == "革命烈士纪念及保护"  # its one program, by its name


def test_an_indicator_asked_of_a_department_is_never_another_departments():
    from ingest.record import Indicator

    records = []
    for dept, indicator, target in (("临江市信访局", "来访接待人员数量", 18), ("临江市医疗保障局", "审核驻场人员数量", 3)):
        record = Record(dept, 2026, "budget", "consolidated", f"{dept}.pdf", str(len(records)) * 64, "raw")
        record.programs = [Program(f"{dept[3:5]}业务经费", dept, 100.0, source=Source("项目表", 20))]
        record.indicators = [Indicator(indicator, "<=", target, "人", f"{dept[3:5]}业务经费", source=Source("绩效表", 30))]
        records.append(record)
    client = create_app({"STORE": store_of(records), "TESTING": True}).test_client()
    own = ask(client, "临江市医疗保障局审核驻场人员数量的目标值是多少")["answers"]
    assert [(a["label"], a["value"]) for a in own] == [("审核驻场人员数量", 3.0)]
    # the words fit the other department's indicator best; the department named has none of that name
    other = ask(client, "临江市信访局审核驻场人员数量的目标值是多少")
    assert other["answers"] == [] and "没有找到" in other["message"]


@pytest.fixture(scope="module")
def works_client():
    dept = "临江市交通工务中心"
    record = Record(dept, 2026, "budget", "consolidated", "works.pdf", "7" * 64, "raw")
    record.programs = [
        Program("东岭泵站至西湖水库原水管道工程-2026年", dept, 300.0, performance_target="提高供水安全性",
                source=Source("项目支出表", 20)),
        Program("南山隧道维修工程", dept, 120.0, performance_target="保障通行安全", source=Source("项目支出表", 21)),
        Program("事业人员工资", dept, 50.0, source=Source("项目支出表", 22))]
    return create_app({"STORE": store_of([record]), "TESTING": True}).test_client()


def test_programs_on_a_topic_whose_words_are_split_between_name_and_target(works_client):
    # 供水 only in the target, 管道工程 only in the name; 工程 asks for programs as 项目 does
    for question in ("有哪些供水管道工程", "临江交通工务中心有哪些供水管道工程？只列名称"):
        labels = [a["label"] for a in ask(works_client, question)["answers"]]
        assert labels == ["东岭泵站至西湖水库原水管道工程-2026年"], question
    # the organisation's programs when no topic is said
    assert len(ask(works_client, "临江交通工务中心有哪些项目")["answers"]) == 3
