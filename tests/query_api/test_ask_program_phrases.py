"""Programs named loosely — by the words before 项目 (公车统管那个项目, 请中介的项目), by a subordinate unit and
the program's subject (某中心的长护险补助) — and the indicator asked after them, over invented departments: the
program identifiable from the words is the one answered (its indicator's value or its money, with its line);
two that fit equally are asked about, never one picked; a unit's money on a topic is never all its programs."""

from __future__ import annotations

import pytest
from web_records import store_of

from ingest.record import Indicator, LineItem, Program, Record, Source, Unit
from query_api.app import create_app
from tests.query_api.sample_clients import ask

DEPT = "临江市医疗保障局"
UNIT = "临江市医疗保险事业中心"
AUDIT = "临江市审计局"


@pytest.fixture(scope="module")
def client():
    return create_app({"STORE": store_of(_records()), "TESTING": True}).test_client()


def _records() -> list[Record]:
    medical = Record(DEPT, 2026, "budget", "consolidated", "lj-med-2026.pdf", "a" * 64, "raw")
    medical.subordinate_units = [Unit(UNIT, source=Source("机构设置", 3)), Unit("临江市医疗保障信息中心", source=Source("机构设置", 4))]
    medical.programs = [
        Program("实施公车统管费用", DEPT, amount=8.0, source=Source("项目支出表", 20)),
        Program("医疗救助资金", DEPT, amount=400.0, source=Source("项目支出表", 21)),
        Program("机关运转经费（水电）", DEPT, amount=30.0, source=Source("项目支出表", 26)),
        Program("城乡医疗救助中央补助资金", DEPT, amount=2710.0, source=Source("项目支出表", 28)),
        Program("健康宣传专项", DEPT, amount=12.5, source=Source("项目支出表", 29)),
        Program("医保稽核专项（政策资金）", DEPT, amount=40.0, source=Source("项目支出表", 30),
                description="医保稽核专项40.00万元，主要包括：定点机构飞行检查25.00万元，用于委托第三方检查；培训15.00万元。"),
        Program("公车统管费用", UNIT, amount=6.0, source=Source("项目支出表", 22)),
        Program("长期护理保险补助", UNIT, amount=70.0, source=Source("项目支出表", 23)),
        Program("门诊慢特病管理服务经费", UNIT, amount=260.0, source=Source("项目支出表", 24)),
        Program("城乡居民基本医疗保险市级补助", UNIT, amount=8000.0, source=Source("项目支出表", 25)),
        Program("医保专线及网络运维经费", UNIT, amount=81.0, source=Source("项目支出表", 27))]
    medical.indicators = [
        Indicator("全年租用车辆次数", "<=", 120.0, "次", "实施公车统管费用", text="<=120次", source=Source("绩效目标表", 40)),
        Indicator("全年租用车辆次数", "<=", 150.0, "次", "公车统管费用", text="<=150次", source=Source("绩效目标表", 50)),
        Indicator("长期护理保险待遇享受人数", ">=", 9000.0, "人", "长期护理保险补助", text=">=9000人",
                  source=Source("绩效目标表", 60)),
        Indicator("用水量", "=", 9.2, "万吨", "机关运转经费（水电）", text="=9.2万吨", source=Source("绩效目标表", 61)),
        Indicator("用电量", "=", 65.4, "万度", "机关运转经费（水电）", text="=65.4万度", source=Source("绩效目标表", 62)),
        Indicator("电费", "=", 18.0, "万元", "机关运转经费（水电）", text="=18万元", source=Source("绩效目标表", 65)),
        Indicator("救助对象对救助工作满意度", ">=", 85.0, "%", "城乡医疗救助中央补助资金", text=">=85%",
                  source=Source("绩效目标表", 63)),
        Indicator("儿童三类疾病救助金额", "<=", 50.0, "万元", "医疗救助资金", text="<=50万元", source=Source("绩效目标表", 64))]
    # 城乡医疗救助 is also a functional line's name (2101301)
    medical.line_items = [LineItem("收入总体情况表", "2101301", "城乡医疗救助", {"合计": 4285.0}, "functional",
                                   source=Source("收入总体情况表", 90))]
    audit = Record(AUDIT, 2026, "budget", "standalone", "lj-audit-2026.pdf", "b" * 64, "raw")
    audit.programs = [Program("审计事务", AUDIT, amount=286.0, source=Source("项目支出表", 30)),
                      Program("审计专项补助经费", AUDIT, amount=100.0, source=Source("项目支出表", 31)),
                      Program("购买中介机构审计服务", AUDIT, amount=350.0, source=Source("项目支出表", 32)),
                      Program("审计培训", AUDIT, amount=15.0, source=Source("项目支出表", 33))]
    audit.indicators = [
        Indicator("提交的审计建议数量（条）", ">=", 90.0, None, "审计事务", text=">=90", source=Source("绩效目标表", 70)),
        Indicator("提交的审计建议数量（条）", ">=", 10.0, None, "审计专项补助经费", text=">=10", source=Source("绩效目标表", 71)),
        Indicator("聘请中介机构（家）", ">=", 5.0, None, "购买中介机构审计服务", text=">=5", source=Source("绩效目标表", 72)),
        Indicator("培训场次", "=", 4.0, None, "审计培训", text="=4", source=Source("绩效目标表", 73)),
        Indicator("网络运维", ">=", 2.0, "个", "审计事务", text=">=2个", source=Source("绩效目标表", 75)),
        Indicator("培训人次", "=", 265.0, None, "审计培训", text="=265", source=Source("绩效目标表", 74))]
    # 审计事务 is also the name of a functional line (20108): the program's indicator is asked, not the line's money
    audit.line_items = [LineItem("一般公共预算支出表", "20108", "审计事务", {"合计": 2974.11}, "functional",
                                 source=Source("一般公共预算支出表", 80))]
    return [medical, audit]


def _values(reply: dict) -> list[tuple]:
    return [(a["label"], a["value"], a["source"].split("第")[-1]) for a in reply["answers"]]


@pytest.mark.parametrize("asked", [f"{UNIT}的长护险补助多少钱", f"{UNIT}管长期护理保险的项目预算是多少"])
def test_a_units_program_is_found_by_its_subject_not_all_its_programs_added(client, asked):
    # not 8,417 万元, the unit's programs added up: the one program the words name
    values = [(a["label"], a["value"]) for a in ask(client, asked)["answers"]]
    assert ("长期护理保险补助", 70.0) in values and 8417.0 not in [v for _, v in values]
    assert {v for _, v in values} == {70.0}


def test_a_units_program_named_by_words_before_xiangmu_keeps_its_indicators_bound(client):
    # 公车 of 公车统管 is the program's word, not the 三公 vehicle figure; 最多 is the bound, not the largest program
    reply = ask(client, f"{UNIT}的公车统管项目一年最多租几次车")
    assert reply["intent"] == "indicator" and _values(reply) == [("全年租用车辆次数", 150.0, "50行")]


def test_two_programs_fitting_the_words_equally_are_asked_about(client):
    # the department's 实施公车统管费用 and its unit's 公车统管费用 both fit 公车统管: no number picked
    reply = ask(client, f"{DEPT}公车统管那个项目一年最多租几次车")
    assert reply["answers"] == [] and "公车统管费用" in reply["message"] and "实施公车统管费用" in reply["message"]


@pytest.mark.parametrize(("asked", "expected"), [
    (f"{AUDIT}请中介的项目要聘请几家中介机构", [("聘请中介机构（家）", 5.0, "72行")]),  # not its units named 中介机构
    (f"{DEPT}长护险那个项目要求多少人享受待遇", [("长期护理保险待遇享受人数", 9000.0, "60行")]),
    # 城乡医疗救助 names the 2101301 line too: among the words before 项目 it describes the program (not 4,285 万元)
    (f"{DEPT}城乡医疗救助中央补助那个项目对救助工作满意度要多少", [("救助对象对救助工作满意度", 85.0, "63行")]),
    # 协助 is no program's word; 中介机构 and 审计 are 购买中介机构审计服务's, 审计 alone the others'
    (f"{AUDIT}有一个请中介机构协助审计的项目，这个项目要聘请多少家中介机构", [("聘请中介机构（家）", 5.0, "72行")]),
    # an indicator named whole with its bound asked, though its name says money (not the program's 400 万元)
    (f"{DEPT}医疗救助资金项目儿童三类疾病救助金额上限是多少", [("儿童三类疾病救助金额", 50.0, "64行")])])
def test_the_indicator_is_found_of_the_program_the_words_before_xiangmu_describe(client, asked, expected):
    assert _values(ask(client, asked)) == expected


@pytest.mark.parametrize("asked", [f"{AUDIT}购买中介审计服务，计划聘请多少家中介机构", f"{AUDIT}计划聘请多少家中介机构"])
def test_how_many_of_an_indicator_s_counted_noun_is_its_target_never_units_of_that_noun(client, asked):
    # 中介审计服务 says 购买中介机构审计服务 loosely (no program named while the words are read): 多少家中介机构 with
    # 聘请 is the indicator 聘请中介机构（家）'s target, not the department's units named …中介机构
    assert _values(ask(client, asked)) == [("聘请中介机构（家）", 5.0, "72行")]


def test_of_the_programs_the_words_fit_those_with_the_indicator_asked_decide(client):
    # 审计 fits three programs; 聘请几家中介机构 is an indicator of one of them only: that one
    assert _values(ask(client, f"{AUDIT}做审计的那个项目要聘请几家中介机构")) == [("聘请中介机构（家）", 5.0, "72行")]
    # 审计建议 is an indicator of two of them: asked which, never one of the two figures
    reply = ask(client, f"{AUDIT}那个做审计的项目要提交多少条审计建议")
    assert reply["answers"] == [] and "审计事务" in reply["message"] and "审计专项补助经费" in reply["message"]


def test_a_program_sharing_its_name_with_a_line_answers_its_indicator_not_the_lines_money(client):
    reply = ask(client, f"{AUDIT}审计事务要提交多少条审计建议")
    assert _values(reply) == [("提交的审计建议数量（条）", 90.0, "70行")]  # not the 20108 line's 2,974.11 万元
    assert [a["value"] for a in ask(client, f"{AUDIT}审计事务项目预算多少")["answers"]] == [286.0]


@pytest.mark.parametrize(("asked", "expected"), [
    # 办 before 几 is the verb, no office's name (培训那个项目一年办…); 几场 counts 场次 as well as 场数
    (f"{AUDIT}培训那个项目一年办几场培训", [("培训场次", 4.0, "73行")]),
    # 吨 is how the water is counted, no word of the indicator's name
    (f"{DEPT}水电那个项目一年用多少吨水", [("用水量", 9.2, "61行")]),
    (f"{DEPT}机关运转经费一年计划用多少度电", [("用电量", 65.4, "62行")])])
def test_the_words_counting_what_is_asked_are_no_words_of_its_name(client, asked, expected):
    assert _values(ask(client, asked)) == expected


def test_a_unit_named_after_its_department_leaves_no_topic_behind(client):
    # 临江市医疗保障局医疗保险事业中心: the department's words are the unit's name, no topic of its programs
    values = [a["value"] for a in ask(client, f"{DEPT}医疗保险事业中心的项目预算是多少")["answers"]]
    assert 8000.0 in values and 70.0 in values
    assert [a["value"] for a in ask(client, f"{DEPT}医疗保险事业中心的长护险补助是多少")["answers"]] == [70.0]


@pytest.mark.parametrize("asked", [f"{UNIT}的运维经费是多少",  # a cost no line is, that a program's name holds
                                   f"{UNIT}专线网络运维花多少钱"])  # money, whatever another's indicator 网络运维 says
def test_money_asked_by_words_a_units_program_name_holds_is_that_programs(client, asked):
    assert [(a["label"], a["value"]) for a in ask(client, asked)["answers"] if a["type"] == "program"] \
        == [("医保专线及网络运维经费", 81.0)]



def test_a_pipe_asked_of_a_program_is_no_question_who_manages_it():
    works = "临江市政府投资项目工务中心"
    record = Record(works, 2026, "budget", "standalone", "lj-works-2026.pdf", "e" * 64, "raw")
    record.programs = [Program("第二条原水管道工程", works, amount=2579.0, source=Source("项目支出表", 40))]
    record.indicators = [Indicator("管道铺设长度", ">=", 12.5, "公里", "第二条原水管道工程", text=">=12.5公里",
                                   source=Source("绩效目标表", 50))]
    own = create_app({"STORE": store_of([record]), "TESTING": True}).test_client()
    # 管道 is a pipe: not the program's owner with its 2,579 万元
    assert _values(ask(own, f"{works}第二条原水管道工程要铺设多少公里管道")) == [("管道铺设长度", 12.5, "50行")]


def test_vehicles_said_of_a_program_are_its_indicators_words_and_cars_are_no_trips(client):
    # 下属 before the unit is no part of its name; 车辆 of a program is its indicator's word, no vehicle count
    reply = ask(client, f"{DEPT}下属医疗保险事业中心公车统管费用车辆租用次数上限")
    assert _values(reply) == [("全年租用车辆次数", 150.0, "50行")]
    # 几辆车 asks for cars: never the trips 租用车辆次数 counts
    assert all(a["type"] != "indicator" for a in ask(client, f"{UNIT}公车统管费用有几辆车")["answers"])


def test_a_unit_with_no_program_of_its_own_is_said_to_have_none(client):
    reply = ask(client, "临江市医疗保障信息中心有哪些项目")
    assert reply["answers"] == [] and "没有单列的项目" in reply["message"]


def test_programs_listed_by_the_heads_of_their_names_are_each_and_their_sum(client):
    reply = ask(client, f"{DEPT}健康宣传、医保稽核这两个专项加起来多少钱")
    assert [(a["label"], a["value"]) for a in reply["answers"]][-1][1] == 52.5
    assert {a["label"] for a in reply["answers"][:-1]} == {"健康宣传专项", "医保稽核专项（政策资金）"}
    assert "12.5" in reply["answers"][-1]["text"] and "40" in reply["answers"][-1]["text"]  # the addition shown


@pytest.mark.parametrize("asked", [f"{DEPT}2026年的健康宣传、医保稽核两个专项一共多少钱",  # 的 after the year
                                   f"{DEPT}的医保稽核、健康宣传两个专项一共多少钱"])
def test_programs_listed_by_their_heads_after_de_are_each_and_their_sum(client, asked):
    reply = ask(client, asked)
    assert sorted((a["label"], a["value"]) for a in reply["answers"][:-1]) == [
        ("健康宣传专项", 12.5), ("医保稽核专项（政策资金）", 40.0)] and reply["answers"][-1]["value"] == 52.5, reply


def test_a_listed_head_naming_no_program_is_said_and_nothing_summed(client):
    reply = ask(client, f"{DEPT}2026年的健康宣传、医保稽核、药品集采三个专项一共多少钱")
    assert reply["answers"] == [] and "药品集采专项" in reply["message"] and "没有找到" in reply["message"], reply


def test_a_cost_a_programs_indicator_names_is_that_part_of_its_money(client):
    # 电费 of the 水电 program is its indicator's 18 万元, not the program's 30 万元
    assert _values(ask(client, f"{DEPT}水电那个项目里电费安排了多少钱")) == [("电费", 18.0, "65行")]


def test_a_part_a_programs_description_prints_is_never_answered_with_the_whole_programs_amount(client):
    reply = ask(client, f"{DEPT}定点机构飞行检查要花多少钱")
    assert 40.0 not in [a["value"] for a in reply["answers"]]  # the program's whole amount
    assert "飞行检查25.00万元" in reply["message"] and "医保稽核专项" in reply["message"]
