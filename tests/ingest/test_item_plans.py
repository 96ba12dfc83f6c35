"""A final account's plan of a line (年初预算) stated in its text beside the actual, where its tables print
only the actual: kept as the line's plan column when the tables print that actual for the line, never else."""

from __future__ import annotations

from ingest.item_plans import PLAN_COLUMN, item_plans, whole_plans
from ingest.prose import Paragraph
from ingest.record import Fact, LineItem, Source


def _item(code: str, name: str, value: float, parent: str | None = None) -> LineItem:
    return LineItem("一般公共预算财政拨款支出决算表", code, name, {"合计": value}, "functional",
                    source=Source("一般公共预算财政拨款支出决算表", 40), parent=parent)


TABLES = [_item("201", "一般公共服务支出", 900.0), _item("20106", "财政事务", 900.0),
          _item("2010601", "行政运行", 700.0), _item("2010602", "一般行政管理事务", 200.0)]


def test_a_lines_stated_plan_is_its_plan_column_with_its_source():
    paras = [Paragraph("（三）一般公共预算财政拨款支出决算具体情况", 10),
             Paragraph("1、一般公共服务支出（类）财政事务（款）行政运行（项）。主要用于：", 11),
             Paragraph("人员经费。年初预算为720.50万元，支出决算为700.00万元。决算数小于预算数。", 12)]
    found = item_plans(paras, TABLES)
    # cited at the line printing the plan, not the path's
    assert [(i.code, i.name, i.values, i.source.line) for i in found] == [("2010601", "行政运行", {PLAN_COLUMN: 720.5}, 12)]


def test_no_plan_for_a_line_whose_actual_the_tables_do_not_print():
    paras = [Paragraph("2、一般公共服务支出（类）财政事务（款）一般行政管理事务（项）。年初预算为210.00万元，"
                       "支出决算为199.00万元。", 20)]
    assert item_plans(paras, TABLES) == []


def test_a_line_printed_without_a_code_gets_its_plan_by_its_names():
    tables = [_item("", "气候支出", 90.0), _item("", "气候事务", 90.0, "气候支出"), _item("", "云雾观测", 90.0, "气候事务")]
    paras = [Paragraph("（1）气候支出（类）气候事务（款）云雾观测（项）。年初预算为100.00万元，支出决算为90.00万元。", 5)]
    found = item_plans(paras, tables)
    assert [(i.code, i.name, i.parent, i.values) for i in found] == [("", "云雾观测", "气候事务", {PLAN_COLUMN: 100.0})]


def test_the_whole_general_budget_plan_only_beside_the_records_actual():
    text = "一般公共预算财政拨款支出年初预算为2,993.92万元，支出决算为2,940.05万元，完成年初预算的98.20%。"
    facts = [Fact("general_budget_expenditure", 2940.05)]
    found = whole_plans([Paragraph(text, 7)], facts)
    assert [(f.key, f.value, f.source.line) for f in found] == [("general_budget_expenditure_budget", 2993.92, 7)]
    assert whole_plans([Paragraph(text, 7)], [Fact("general_budget_expenditure", 2000.0)]) == []


def test_a_funds_spending_against_its_plan_where_only_the_difference_is_stated():
    text = ("其中：一般公共预算财政拨款支出855.99万元，比年初预算数减少1,886.42万元，下降68.8%；政府性基金预算财政拨款支出"
            "20.00万元，比年初预算数增加5.00万元。")
    facts = [Fact("general_budget_expenditure", 855.99), Fact("government_fund_expenditure", 20.0)]
    found = {f.key: (f.value, f.source.line) for f in whole_plans([Paragraph(text, 772)], facts)}
    assert found == {"general_budget_expenditure_vs_plan": (-1886.42, 772), "government_fund_expenditure_vs_plan": (5.0, 772)}
    # of an actual the record does not hold (another whole's sentence): none
    assert whole_plans([Paragraph(text, 772)], [Fact("general_budget_expenditure", 900.0)]) == []
