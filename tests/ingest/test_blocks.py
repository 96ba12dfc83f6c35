"""Which block of its table a classified row is printed in (ingest.blocks, the readers of both layout
families, the checks and the mapping), on small invented tables: every unit, name and figure is invented."""

from __future__ import annotations

from ingest.blocks import number_unnamed
from ingest.checks import check
from ingest.gd_items import line_items as text_items
from ingest.gd_tables import find_tables
from ingest.grid import grids
from ingest.grid_read import line_items
from ingest.rdf import record_to_graph
from ingest.record import Block, LineItem, Source
from ontology.namespace import GK
from tests.ingest.test_grid import _doc
from tests.ingest.test_guangdong_tables import lines_of
from tests.ingest.test_rdf import make_record

TWO_CODES = [["部门经济科目编码", "部门经济科目编码", "部门经济科目名称", "政府经济科目编码", "政府经济科目编码", "政府经济科目名称", "合计"],
             ["类", "款", "部门经济科目名称", "类", "款", "政府经济科目名称", "合计"],
             ["", "", "合计", "", "", "", "100.00"],
             ["301", "", "工资福利支出", "501", "", "机关工资福利支出", "30.00"],
             ["301", "01", "基本工资", "501", "01", "工资奖金津补贴", "30.00"],
             ["301", "", "工资福利支出", "505", "", "对事业单位经常性补助", "70.00"],
             ["301", "01", "基本工资", "505", "01", "工资福利支出", "40.00"],
             ["301", "07", "绩效工资", "505", "01", "工资福利支出", "30.00"]]


def test_rows_keyed_by_two_economic_codes_keep_the_government_class_beside_them():
    items = line_items(grids(_doc((["一般公共预算基本支出表", "单位：万元"], [TWO_CODES]))))
    assert [(i.code, i.block.code, i.block.name) for i in items] == [
        ("301", "501", "机关工资福利支出"), ("30101", "501", "机关工资福利支出"),
        ("301", "505", "对事业单位经常性补助"), ("30101", "505", "对事业单位经常性补助"),
        ("30107", "505", "对事业单位经常性补助")]
    record = check(make_record(line_items=items, facts=[]))
    sums = [c for c in record.checks if c["identity"] == "类 = Σ 款"]
    assert sorted(c["block"] for c in sums) == ["501 机关工资福利支出", "505 对事业单位经常性补助"]
    assert all(c["holds"] for c in sums)


def test_a_class_printed_without_the_other_code_is_no_block():
    rows = [["部门经济科目编码", "部门经济科目名称", "政府经济科目编码", "政府经济科目名称", "合计"],
            ["301", "工资福利支出", "", "", "30.00"], ["30101", "基本工资", "50101", "工资奖金津补贴", "30.00"]]
    items = line_items(grids(_doc((["一般公共预算基本支出表", "单位：万元"], [rows]))))
    assert [(i.code, i.block) for i in items] == [("301", None), ("30101", None)]


def test_a_table_printed_unit_by_unit_gives_each_row_its_unit():
    rows = [["预算单位", "科目编码", "科目名称", "合计"],
            ["示例市甲局", "", "", "30.00"], ["", "201", "一般公共服务支出", "30.00"], ["", "20101", "人大事务", "30.00"],
            ["示例市乙中心", "", "", "12.00"], ["", "201", "一般公共服务支出", "12.00"], ["", "20101", "人大事务", "12.00"]]
    items = line_items(grids(_doc((["一般公共预算支出表", "单位：万元"], [rows]))))
    assert [(i.code, i.block and i.block.unit) for i in items] == [
        ("201", "示例市甲局"), ("20101", "示例市甲局"), ("201", "示例市乙中心"), ("20101", "示例市乙中心")]
    assert all(c["holds"] for c in check(make_record(line_items=items, facts=[])).checks)


def test_a_table_of_one_unit_is_one_block_and_a_unit_code_is_no_classification_code():
    rows = [["单位编码", "单位名称", "合计"], ["901", "示例市甲局", "30.00"], ["901001", "示例市甲局本级", "30.00"]]
    assert line_items(grids(_doc((["部门支出总表", "单位：万元"], [rows])))) == []
    rows = [["预算单位", "科目编码", "科目名称", "合计"], ["示例市甲局", "", "", "30.00"], ["", "201", "一般公共服务支出", "30.00"]]
    [item] = line_items(grids(_doc((["一般公共预算支出表", "单位：万元"], [rows]))))
    assert item.block is None


def test_counts_and_models_are_no_amounts_and_rows_printing_a_unit_head_the_rows_of_their_code():
    rows = [["科目编码", "单位编码", "采购项目", "购买服务内容", "规格型号", "数量", "预算金额"],
            ["2010801", "1", "全额", "", "", "2", "370,000.00"],
            ["2010801", "901001", "示例市甲局", "", "", "2", "370,000.00"],
            ["2010801", "", "体检服务", "", "1", "2", "370,000.00"]]
    [item] = line_items(grids(_doc((["政府采购预算表", "单位：元"], [rows]))))
    assert (item.code, item.name, item.values) == ("2010801", "体检服务", {"预算金额": 37.0})
    # a unit printed on every row heads nothing: each row is an item
    rows = [["单位名称", "科目编码", "科目名称", "合计"], ["示例市甲局", "201", "一般公共服务支出", "3.00"],
            ["示例市甲局", "20101", "人大事务", "3.00"]]
    assert len(line_items(grids(_doc((["一般公共预算支出表", "单位：万元"], [rows]))))) == 2


TEXT_BY_UNIT = """
一般公共预算支出表
单位名称：示例市甲局
单位：万元
科目编码\t科目名称\t金额
[201]\t一般公共服务支出\t30.00
[20101]\t人大事务\t30.00
一般公共预算支出表
单位名称：示例市乙中心
单位：万元
科目编码\t科目名称\t金额
[201]\t一般公共服务支出\t12.00
[20101]\t人大事务\t12.00
"""


def test_a_text_table_printed_unit_by_unit_gives_each_row_its_unit():
    (table,) = find_tables(lines_of(TEXT_BY_UNIT), "tsv")
    items, _ = text_items(table)
    assert [i.block and i.block.unit for i in items] == ["示例市甲局", "示例市甲局", "示例市乙中心", "示例市乙中心"]
    one_unit = "\n".join(TEXT_BY_UNIT.strip().split("\n")[:6])
    (table,) = find_tables(lines_of(one_unit), "tsv")
    assert [i.block for i in text_items(table)[0]] == [None, None]


def _item(code: str, value: float, line: int, table: str = "基本支出表") -> LineItem:
    return LineItem(table, code, "名称", {"预算": value}, "economic", source=Source(table, line))


def test_a_class_printed_again_with_other_figures_opens_an_unnamed_block():
    items = [_item("301", 30, 1), _item("30101", 30, 2), _item("301", 70, 3), _item("30101", 40, 4),
             _item("30107", 30, 5), _item("302", 5, 6), _item("30201", 5, 7)]
    number_unnamed(items)
    assert [i.block and i.block.ordinal for i in items] == [1, 1, 2, 2, 2, None, None]
    assert items[2].block.label() == "第2组"
    assert all(c["holds"] for c in check(make_record(line_items=items, facts=[])).checks)


def test_a_class_printed_again_with_the_same_figures_is_one_block():
    items = [_item("301", 30, 1), _item("30101", 20, 2), _item("301", 30, 3), _item("30102", 10, 4)]
    number_unnamed(items)
    assert [i.block for i in items] == [None] * 4


def test_a_block_that_does_not_add_up_is_named_in_the_warning():
    items = [_item("301", 30, 1), _item("30101", 20, 2)]
    for item in items:
        item.block = Block(unit="示例市乙中心")
    record = check(make_record(line_items=items, facts=[]))
    assert any(w.startswith("基本支出表（示例市乙中心）: 第1行 类 = Σ 款 不成立") for w in record.warnings), record.warnings


def test_the_block_is_mapped_with_the_unit_that_spends():
    item = _item("30101", 40, 4)
    item.block = Block(unit="东海市示例区数据中心", code="505", name="对事业单位经常性补助")
    _, graph = record_to_graph(make_record(line_items=[item]))
    [obs] = graph.subjects(GK.block, None)
    assert str(graph.value(obs, GK.block)) == "东海市示例区数据中心 · 505 对事业单位经常性补助"
    assert "东海市示例区数据中心" in {str(o) for o in graph.objects(graph.value(obs, GK.spendingUnit), None)}


TEXT_TWO_CODES = """
一般公共预算基本支出表
单位：万元
部门经济科目编码\t部门经济科目名称\t政府经济科目编码\t政府经济科目名称\t合计
301\t工资福利支出\t501\t机关工资福利支出\t30.00
30101\t基本工资\t50101\t工资奖金津补贴\t30.00
301\t工资福利支出\t505\t对事业单位经常性补助\t70.00
30101\t基本工资\t50501\t工资福利支出\t40.00
30107\t绩效工资\t50501\t工资福利支出\t30.00
"""


def test_a_text_row_keyed_by_two_economic_codes_is_one_item_in_the_government_class_block():
    for layout, text in (("tsv", TEXT_TWO_CODES), ("raw", TEXT_TWO_CODES.replace("\t", " "))):
        (table,) = find_tables(lines_of(text), layout)
        items, _ = text_items(table)
        assert [(i.code, i.values["合计"], i.block.code) for i in items] == [
            ("301", 30.0, "501"), ("30101", 30.0, "501"), ("301", 70.0, "505"), ("30101", 40.0, "505"),
            ("30107", 30.0, "505")], layout
        assert items[2].block.name == "对事业单位经常性补助"
