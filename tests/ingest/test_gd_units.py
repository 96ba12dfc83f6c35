"""A Guangdong table printed unit by unit (支出项目类别（资金使用单位）): each budget unit's row is its own 基本支出, never
the table's 合计 nor the economic classes under it (a fictional table)."""

from __future__ import annotations

from ingest.gd_tables import find_tables
from ingest.gd_units import spending_units
from ingest.reader import Line

DEPT, CENTRE, HOTLINE = "临江市数据管理局", "临江市数据运行中心", "临江市12345热线中心"
TABLE = f"""部门预算基本支出预算表
单位名称：{DEPT}
单位：万元
支出项目类别（资金使用单位）\t总 计\t财政拨款\t\t财政专户拨款\t其他资金
\t\t合计\t一般公共预算\t\t
合 计\t602.58\t602.58\t602.58\t0.00\t0.00
{CENTRE}\t374.60\t374.60\t374.60\t0.00\t0.00
工资福利支出\t341.95\t341.95\t341.95\t0.00\t0.00
商品和服务支出\t32.65\t32.65\t32.65\t0.00\t0.00
{HOTLINE}\t227.98\t227.98\t227.98\t0.00\t0.00
工资福利支出\t207.77\t207.77\t207.77\t0.00\t0.00
对个人和家庭的补助\t20.21\t20.21\t20.21\t0.00\t0.00
"""


def test_each_units_row_is_its_basic_expenditure_with_its_line():
    tables = find_tables([Line(t, i) for i, t in enumerate(TABLE.split("\n"), 1)], "tsv")
    found = [(u.name, u.value, u.measure, u.source.line) for u in spending_units(tables, {DEPT, CENTRE, HOTLINE})]
    assert found == [(CENTRE, 374.6, "basic_expenditure", 7), (HOTLINE, 227.98, "basic_expenditure", 10)]


def test_a_table_not_printed_by_unit_gives_no_units_row():
    text = TABLE.replace("（资金使用单位）", "")
    tables = find_tables([Line(t, i) for i, t in enumerate(text.split("\n"), 1)], "tsv")
    assert spending_units(tables, {DEPT, CENTRE, HOTLINE}) == []
