"""Books that balance: every record says which accounting identities hold, and warns with table and
line for each one that does not. Records and documents here are fictional and small."""

from __future__ import annotations

import pytest

from ingest import checks
from ingest.errors import NotABudgetDocument
from ingest.parse import parse_file
from ingest.record import Fact, LineItem, Record, Source


def record(facts: list[Fact] = (), items: list[LineItem] = ()) -> Record:
    return Record(department="东海市样例局", fiscal_year=2026, document_type="budget", scope="standalone",
                  source_file="x.pdf", sha256="0", layout="tsv", facts=list(facts), line_items=list(items))


def fact(key: str, value: float, line: int = 1, table: str | None = "收支总表") -> Fact:
    return Fact(key, value, source=Source(table, line))


def item(code: str, value: float, line: int, table: str = "支出总表") -> LineItem:
    return LineItem(table, code, f"科目{code}", {"合计": value}, source=Source(table, line))


def by_identity(rec: Record) -> dict[str, dict]:
    return {c["identity"]: c for c in rec.checks}


def test_revenue_and_carryover_add_up_to_the_grand_total():
    rec = checks.check(record([fact("revenue_total", 55131.54), fact("carryover_begin", 753.13),
                               fact("grand_total", 55884.67), fact("expenditure_total", 55884.67)]))
    found = by_identity(rec)
    assert found["收入 + 结转 = 总计"]["holds"] and found["支出 + 结转 = 总计"]["holds"]
    assert rec.warnings == []


def test_a_carryover_not_read_is_not_a_failure_but_a_wrong_total_is():
    rec = checks.check(record([fact("revenue_total", 100.0), fact("grand_total", 120.0)]))
    assert "收入 + 结转 = 总计" not in by_identity(rec)  # 结转 not read: cannot be told
    rec = checks.check(record([fact("revenue_total", 100.0), fact("carryover_begin", 10.0), fact("grand_total", 120.0, 7)]))
    entry = by_identity(rec)["收入 + 结转 = 总计"]
    assert not entry["holds"] and entry["failures"][0]["line"] == 7
    assert any("第7行" in w and "收入 + 结转 = 总计" in w for w in rec.warnings)


def test_basic_and_project_spending_must_make_the_total():
    rec = checks.check(record([fact("expenditure_total", 100.0), fact("basic_expenditure", 60.0),
                               fact("project_expenditure", 30.0)]))
    assert not by_identity(rec)["基本 + 项目 = 支出合计"]["holds"]


def test_the_parts_of_the_procurement_must_make_its_total():
    parts = [fact("procurement_goods", 566.26, 9, "说明"), fact("procurement_works", 0.0, 9, "说明")]
    rec = checks.check(record([fact("government_procurement", 1113.52, 9, "说明"), *parts,
                               fact("procurement_services", 547.26, 9, "说明")]))
    assert by_identity(rec)["货物 + 工程 + 服务 = 政府采购"]["holds"] and rec.warnings == []
    rec = checks.check(record([fact("government_procurement", 1113.52, 9, "说明"), *parts,
                               fact("procurement_services", 457.26, 9, "说明")]))
    assert not by_identity(rec)["货物 + 工程 + 服务 = 政府采购"]["holds"]
    assert any("第9行" in w and "政府采购" in w for w in rec.warnings)


def test_a_table_split_that_does_not_add_up_gives_way_to_a_stated_one_that_does():
    rec = checks.check(record([
        fact("expenditure_total", 150.0), fact("basic_expenditure", 90.0, 5), fact("project_expenditure", 0.0, 5),
        fact("basic_expenditure", 60.0, 40, None), fact("project_expenditure", 90.0, 40, None)]))
    assert (rec.totals["basic_expenditure"], rec.totals["project_expenditure"]) == (60.0, 90.0)
    assert by_identity(rec)["基本 + 项目 = 支出合计"]["holds"]
    assert any("第5行" in w and "第40行" in w for w in rec.warnings)


def test_every_class_and_section_equals_the_sum_of_its_rows_in_every_table():
    good = [item("201", 30.0, 1), item("20101", 30.0, 2), item("2010101", 10.0, 3), item("2010102", 20.0, 4)]
    rec = checks.check(record(items=good))
    assert by_identity(rec)["类 = Σ 款"]["holds"] and by_identity(rec)["款 = Σ 项"]["holds"]
    bad = [item("201", 30.0, 1), item("20101", 30.0, 2), item("2010101", 10.0, 3), item("2010102", 25.0, 4)]
    rec = checks.check(record(items=bad))
    entry = by_identity(rec)["款 = Σ 项"]
    assert not entry["holds"] and entry["failures"][0]["line"] == 2 and entry["table"] == "支出总表"
    assert any(w.startswith("支出总表: 第2行 款 = Σ 项") for w in rec.warnings)


BUDGET = """2026年
东海市样例局部门预算
一、主要职责
（一）负责样例工作。
（二）完成交办的其他任务。
二、机构设置
东海市样例局内设两个科室，分别为：综合科、业务科。本局无下属单位，部门预算为本级预算。
三、收支预算总体情况
2026年支出预算合计100.00万元，其中：基本支出60.00万元，项目支出40.00万元。
表1 收支总体情况表
单位：万元
项目\t预算数\t项目\t预算数
本年收入合计\t100.00\t本年支出合计\t100.00
收入总计\t100.00\t支出总计\t100.00
"""


def test_a_parsed_document_carries_its_checks_and_its_narrative(tmp_path):
    path = tmp_path / "budget.txt"
    path.write_text(BUDGET, encoding="utf-8")
    rec = parse_file(path)
    assert (rec.department, rec.scope) == ("东海市样例局", "standalone")
    assert [u.name for u in rec.internal_units] == ["综合科", "业务科"]
    assert (rec.totals["basic_expenditure"], rec.totals["project_expenditure"]) == (60.0, 40.0)
    assert by_identity(rec)["基本 + 项目 = 支出合计"]["holds"]
    assert "checks" in rec.to_json()


def test_a_notice_is_still_refused_in_one_line(tmp_path):
    path = tmp_path / "notice.txt"
    path.write_text("关于开展安全检查的通知\n各有关单位：\n请于本月底前完成自查。\n", encoding="utf-8")
    with pytest.raises(NotABudgetDocument) as err:
        parse_file(path)
    assert "\n" not in str(err.value) and "notice.txt" in str(err.value)


def test_a_stated_split_that_balances_is_used_though_its_figures_stand_on_two_lines():
    # the table's 基本/项目 do not add up to the spending total; one sentence of the text, wrapped, states both
    said = "支出预算100万元，其中：基本支出40万元，项目支出60万元。"
    rec = record([fact("expenditure_total", 100.0, 3), fact("basic_expenditure", 30.0, 3), fact("project_expenditure", 50.0, 3),
                  Fact("basic_expenditure", 40.0, text=said, source=Source("说明", 11)),
                  Fact("project_expenditure", 60.0, text=said, source=Source("说明", 12))])
    checks.prefer_balanced_split(rec)
    assert [(f.key, f.value) for f in rec.facts[:2]] == [("basic_expenditure", 40.0), ("project_expenditure", 60.0)]
    assert any("the stated split that does is used" in w for w in rec.warnings)
