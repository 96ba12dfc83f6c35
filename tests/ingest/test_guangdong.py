"""The Guangdong parser end to end on the bundled fictional samples, partial input and non-budgets."""

from __future__ import annotations

import pytest

from ingest.errors import NotABudgetDocument
from ingest.parse import parse_file

BUDGET = "haizhou_data_2025_budget.txt"
FINAL = "haizhou_data_2024_final_account.txt"


@pytest.fixture(scope="module")
def budget(samples_dir):
    return parse_file(samples_dir / BUDGET)


@pytest.fixture(scope="module")
def final(samples_dir):
    return parse_file(samples_dir / FINAL)


def test_budget_sample_identity_and_narrative(budget):
    assert (budget.department, budget.fiscal_year, budget.document_type, budget.scope, budget.layout) == (
        "海州市数据资源局", 2025, "budget", "consolidated", "tsv")
    assert len(budget.duties) == 5  # six numbered paragraphs, one printed twice
    assert [u.name for u in budget.internal_units] == ["综合科", "数据资源科", "数字平台科"]
    assert [u.name for u in budget.subordinate_units] == ["海州市数据资源中心"]


def test_budget_sample_totals_add_up(budget):
    t = budget.totals
    assert (t["revenue_total"], t["basic_expenditure"], t["project_expenditure"]) == (1000.0, 660.0, 340.0)
    assert (t["three_public_budget"], t["administrative_operating_cost"], t["government_procurement"]) == (8, 45, 230)


def test_every_coded_row_is_a_line_item(budget):
    functional = [i for i in budget.line_items if i.classification == "functional"]
    economic = [i for i in budget.line_items if i.classification == "economic"]
    assert len(functional) == 14 and len(economic) == 10
    row = next(i for i in functional if i.code == "2010399")
    assert row.values == {"合计": 320.0, "基本支出": 0.0, "项目支出": 320.0} and row.source.line


def test_budget_programs_by_unit_with_a_name_cut_by_a_page_break(budget):
    by_name = {p.name: p for p in budget.programs}
    assert sum(p.amount for p in budget.programs) == budget.totals["project_expenditure"]
    hotline = by_name["政务热线外包服务项目"]
    assert hotline.unit == "海州市数据资源局" and hotline.funding == {"一般公共预算": 200.0}
    assert hotline.performance_target.endswith("平均通话时长小于或等于180秒。")
    assert by_name["政务云运维经费"].unit == "海州市数据资源中心"
    targets = {i.name: (i.comparator, i.target, i.unit) for i in budget.indicators if i.program == hotline.name}
    assert targets == {"热线接通率": (">=", 90, "%"), "群众满意率": (">=", 95, "%"), "平均通话时长": ("<=", 180, "秒")}


def test_final_account_sample_raw_layout(final):
    assert (final.document_type, final.scope, final.layout, final.fiscal_year) == (
        "final_account", "standalone", "raw", 2024)
    assert [d.number for d in final.duties] == [1, 2, 3, 4]
    assert final.totals["grand_total"] == 910 and final.totals["carryover_end"] == 15
    assert final.totals["three_public_actual"] == 6 and final.totals["three_public_budget"] == 8
    wrapped = next(i for i in final.line_items if i.code == "2080505")
    assert wrapped.name == "机关事业单位基本养老保险缴费支出" and wrapped.source.page == 6


def test_final_account_indicator_that_misses_its_target(final):
    (program,) = final.programs
    assert (program.name, program.amount, program.executed) == ("政务热线外包服务", 200.0, 196.0)
    hit = next(i for i in final.indicators if i.name == "接通率")
    assert (hit.comparator, hit.target, hit.actual, hit.met) == (">=", 90, 87.5, False)
    assert final.performance["overall_execution_rate"] == 98.57


def test_partial_document_yields_a_record_with_a_warning(samples_dir, tmp_path):
    text = (samples_dir / FINAL).read_text(encoding="utf-8")
    cut = tmp_path / "cut.txt"
    cut.write_text(text[: text.index("及相关机构事务支出")], encoding="utf-8")
    record = parse_file(cut)
    assert record.department == "海州市数据资源局"
    assert any("2010399" in w and "支出决算表" in w for w in record.warnings)


def test_text_that_is_not_a_budget_document_is_refused(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("会议纪要\n会议讨论了明年的预算安排和人员分工。\n", encoding="utf-8")
    with pytest.raises(NotABudgetDocument, match="notes.txt"):
        parse_file(path)
