"""The largest (or smallest) of one figure's printed parts (政府采购里哪类最多, 三公经费里哪一项最少, 外贸发展专项资金里哪一块
分得最多, 除了甲哪一项最多): the top part with its amount and line, never the whole, never parts of two figures mixed; one
kind of a procurement asked after a pause (政府采购里，货物类的). The department and figures are invented; a real store,
a real app."""

from __future__ import annotations

import pytest
from web_records import store_of

from ingest.prose import Paragraph
from ingest.record import Fact, LineItem, Program, Record, Source
from ingest.stated_parts import stated_parts
from query_api.app import create_app
from tests.query_api.sample_clients import ask

DEPT = "临江市水务局"
BUY = "2026年本部门政府采购预算300万元，其中：货物类采购预算40.5万元，工程类采购预算180万元，服务类采购预算79.5万元。"
THREE = "“三公”经费12万元，其中：因公出国（境）费1万元；公务用车购置及运行维护费6.5万元；公务接待费4.5万元。"
CUTS = "因公出国（境）费比上年减少0.5万元，公务用车购置及运行维护费比上年减少2万元，公务接待费比上年增加0.8万元。"
WHOLE = "河道管理业务900万元，主要包括："


@pytest.fixture(scope="module")
def client():
    record = Record(DEPT, 2026, "budget", "standalone", "a.txt", "f" * 64, "raw")
    kinds = [("government_procurement", 300.0, BUY, 70), ("procurement_goods", 40.5, BUY, 70),
             ("procurement_works", 180.0, BUY, 70), ("procurement_services", 79.5, BUY, 70),
             ("three_public_budget", 12.0, THREE, 60), ("three_public_outbound", 1.0, THREE, 60),
             ("three_public_vehicle", 6.5, THREE, 60), ("three_public_reception", 4.5, THREE, 60),
             ("three_public_outbound_change", -0.5, CUTS, 62), ("three_public_vehicle_change", -2.0, CUTS, 62),
             ("three_public_reception_change", 0.8, CUTS, 62)]
    record.facts = [Fact(key, value, text=text, source=Source("说明", line)) for key, value, text, line in kinds]
    record.facts += stated_parts([Paragraph("安排防汛专项资金500万元，其中堤防巡查资金120万元，设备运维资金260万元，"
                                            "物资储备资金120万元。", 40),
                                  Paragraph("安排节水宣传资金50万元，其中社区宣传资金30万元，学校宣传资金20万元。", 41),
                                  # a 元 document's places: 15 元 apart (0.0015万元) are two amounts
                                  Paragraph("安排档案数字化资金10.0000万元，其中扫描资金3.1249万元，著录资金3.1234万元，"
                                            "存储资金3.7517万元。", 42),
                                  Paragraph(WHOLE + "河道保洁工作610万元，用于保洁；河道巡查工作290万元。", 88)], 2026)
    record.programs = [Program("河道管理业务", DEPT, 900.0, description=WHOLE + "河道保洁工作610万元，用于保洁；"
                               "河道巡查工作290万元", source=Source("项目支出表", 30))]
    return create_app({"STORE": store_of([record]), "TESTING": True, "QUERY_TIMEOUT": 60.0}).test_client()


def _top(reply: dict) -> list[tuple]:
    return [(a["value"], a["source"].rsplit("第", 1)[-1]) for a in reply["answers"]]


@pytest.mark.parametrize(("asked", "top", "part"), [
    ("政府采购里哪类最多", (180.0, "70行"), "工程类"), ("政府采购中哪一类最少", (40.5, "70行"), "货物类"),
    ("政府采购中除了工程类，哪一类钱最多", (79.5, "70行"), "服务类"),
    ("三公经费里哪一项最多", (6.5, "60行"), "公务用车"),
    ("三公经费里哪一项比上年压得最多", (2.0, "62行"), "公务用车"), ("三公经费哪一项比上年减少得最少", (0.5, "62行"), "出国"),
    ("三公经费中哪一项比上年增加最多", (0.8, "62行"), "接待"),
    ("防汛专项资金里哪一块分得最多", (260.0, "40行"), "设备运维"),
    ("防汛专项资金中除了设备运维，哪一项最少", None, None),
    ("节水宣传资金里哪部分最多", (30.0, "41行"), "社区宣传"),
    ("档案数字化资金里哪一块分得最少", (3.1234, "42行"), "著录"),
    ("河道管理业务里哪一项钱最多", (610.0, "88行"), "河道保洁"),
    # traditional script: every reading of the question's words is of its Simplified form
    ("「三公」經費裡哪一項預算最多", (6.5, "60行"), "公务用车"), ("政府採購裡哪類最多", (180.0, "70行"), "工程类")])
def test_the_top_part_of_the_figure_asked_with_its_line(client, asked, top, part):
    reply = ask(client, f"{DEPT}2026年{asked}")
    if top is None:  # 堤防巡查 and 物资储备 tie: both, each with its line
        assert _top(reply) == [(120.0, "40行"), (120.0, "40行")]
        return
    assert _top(reply) == [top] and part in reply["answers"][0]["label"]


def test_parts_of_two_figures_are_never_ranked_together(client):
    # 宣传 is said in one sentence only; 资金 in every sentence: no whole named, no ranking over all of them
    reply = ask(client, f"{DEPT}2026年哪一块资金最多")
    assert 610.0 not in [a["value"] for a in reply["answers"]] and 260.0 not in [a["value"] for a in reply["answers"]]


@pytest.mark.parametrize(("asked", "value"), [("政府采购里，货物类的只有多少钱", 40.5), ("政府采购中，工程类有多少", 180.0),
                                              ("政府采购，服务类多少", 79.5)])
def test_one_kind_of_procurement_asked_after_a_pause(client, asked, value):
    assert [a["value"] for a in ask(client, f"{DEPT}2026年{asked}")["answers"]] == [value]


def test_a_figure_whose_parts_are_not_printed_gets_no_number():
    # the 三公 whole and one part's change printed: neither the whole, nor a line's change, is the part asked
    record = Record(DEPT, 2026, "budget", "standalone", "a.txt", "f" * 64, "raw")
    record.facts = [Fact("three_public_budget", 12.0, text=THREE, source=Source("说明", 60)),
                    Fact("three_public_vehicle_change", -2.0, text=CUTS, source=Source("说明", 62))]
    alone = create_app({"STORE": store_of([record]), "TESTING": True, "QUERY_TIMEOUT": 60.0}).test_client()
    for asked in ("三公经费里哪一项最多", "三公经费里哪一项比上年压得最多"):
        reply = ask(alone, f"{DEPT}2026年{asked}")
        assert reply["answers"] == [] and "没有写明" in reply["message"]


def test_the_top_row_of_a_cost_s_detail_table_asked_by_its_own_noun():
    # 培训里，哪一个培训最高: the trainings the 培训费明细表 itemises, one row each (lines of their own), never the
    # meeting of the 会议费明细表 beside them nor the 培训费 total
    from ingest.cost_details import itemised_costs
    from tests.ingest.test_cost_details import meetings_then_trainings
    record = Record(DEPT, 2026, "budget", "standalone", "b.pdf", "b" * 64, "raw")
    record.facts = [Fact("training_costs", 7.5, text="培训费预算支出7.50万元", source=Source("说明", 12)),
                    *itemised_costs([meetings_then_trainings()])]
    record.programs = [Program("技能培训", DEPT, 20.0, source=Source("项目支出表", 30))]
    record.line_items = [LineItem("一般公共预算支出表", "2130399", "水务工作", {"合计": 300.0}, "functional",
                                  source=Source("一般公共预算支出表", 50))]
    client = create_app({"STORE": store_of([record]), "TESTING": True, "QUERY_TIMEOUT": 60.0}).test_client()
    (least,) = ask(client, f"{DEPT}2026年培训里哪个花钱最少")["answers"]  # 哪个 and the ask at once
    assert "河长制业务培训" in least["label"] and least["value"] == 2.4
    # a row's name holding a classified line's (水务工作): the row, never the line's 300
    assert [a["value"] for a in ask(client, f"{DEPT}全区水务工作会预算多少")["answers"]] == [1.5]
    for asked in ("安排的培训里，哪一个培训预算最高？", "哪个培训预算最高"):
        (top,) = ask(client, f"{DEPT}2026年{asked}")["answers"]
        assert "防汛抢险技能培训" in top["label"] and top["value"] == 5.1 and "第303行" in top["source"]
    (top,) = ask(client, f"{DEPT}2026年安排的培训里，哪一个培训预算最高？")["answers"]
    assert "防汛抢险技能培训" in top["label"] and top["value"] == 5.1 and "第303行" in top["source"]
    (least,) = ask(client, f"{DEPT}2026年的培训中哪个培训花钱最少")["answers"]
    assert "河长制业务培训" in least["label"] and least["value"] == 2.4
    (one,) = ask(client, f"{DEPT}2026年防汛抢险技能培训安排了多少钱")["answers"]  # a row asked by its name
    assert one["value"] == 5.1 and "第303行" in one["source"]
    # its whole name said, the program 技能培训 inside it: the row; the program's own name: the program
    assert [a["value"] for a in ask(client, f"{DEPT}防汛抢险技能培训预算多少")["answers"]] == [5.1]
    assert [a["value"] for a in ask(client, f"{DEPT}技能培训预算多少")["answers"]] == [20.0]


def test_the_rows_of_a_cost_s_detail_table_ranked_by_their_persons_or_days():
    # 哪个培训人数最多 / 哪次会议天数最长: each row's own count (its column's unit), never its money ranked instead
    from ingest.cost_details import itemised_costs
    from tests.ingest.test_cost_details import meetings_then_trainings
    grid = meetings_then_trainings()
    grid.header = [[h] for h in ["序号", "会议名称", "时间", "人数", "天数", "金额", "备注"]]
    grid.rows[0].cells = ["1", "全区水务工作会", "2026-3-20", "80", "2", "1.50", ""]
    grid.rows[1:1] = [type(grid.rows[0])(["2", "防汛工作推进会", "2026-5-8", "40", "1", "3.00", ""], 301, 17)]
    record = Record(DEPT, 2026, "budget", "standalone", "c.pdf", "c" * 64, "raw")
    record.facts = itemised_costs([grid])
    client = create_app({"STORE": store_of([record]), "TESTING": True, "QUERY_TIMEOUT": 60.0}).test_client()
    (top,) = ask(client, f"{DEPT}2026年哪个培训人数最多")["answers"]
    assert "防汛抢险技能培训" in top["label"] and (top["value"], top["unit"]) == (90, "人") and "第303行" in top["source"]
    (least,) = ask(client, f"{DEPT}2026年哪个培训参加的人数最少")["answers"]
    assert "河长制业务培训" in least["label"] and least["value"] == 60
    # the longer meeting is the cheaper one: ranked by its days
    (longest,) = ask(client, f"{DEPT}2026年哪次会议天数最长")["answers"]
    assert "全区水务工作会" in longest["label"] and (longest["value"], longest["unit"]) == (2, "天"), longest
    assert "第300行" in longest["source"]


@pytest.mark.parametrize(("asked", "expected", "part"), [("三公经费里哪一项比上年变化最大", -2.0, "公务用车"),
                                                         ("三公经费里哪一项比上年变化最小", -0.5, "出国")])
def test_the_part_that_changed_most_either_way_by_the_size_of_its_change_a_fall_signed(client, asked, expected, part):
    reply = ask(client, f"{DEPT}2026年{asked}")
    (top,) = reply["answers"]
    assert top["value"] == expected and part in top["label"] and "第62行" in top["source"], reply
    assert "公务接待费比上年增加0.8万元" in reply["message"]  # each part said with its own direction
