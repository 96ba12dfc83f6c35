"""The cover and contents of Shanghai-family documents in other shapes: 市级 departments, 单位预算/决算,
covers without a label, a year in Chinese digits, documents missing their cover. Every name is invented."""

from __future__ import annotations

import pytest

from ingest import sh_cover
from ingest.reader import Line


def lines_of(text: str, page: int = 1) -> list[Line]:
    return [Line(t, i, page) for i, t in enumerate(text.strip("\n").split("\n"), 1)]


@pytest.mark.parametrize("cover,expected", [
    ("上海市某某区2025年区级部门预算\n预算主管部门：上海市某某区某某局", ("上海市某某区某某局", 2025, "budget", "consolidated")),
    ("上海市某某区某某局\n2024年度部门决算", ("上海市某某区某某局", 2024, "final_account", "consolidated")),
    ("2025年上海市某某管理局部门预算\n目录", ("上海市某某管理局", 2025, "budget", "consolidated")),
    ("上海市某某管理局2025年部门预算\n目录", ("上海市某某管理局", 2025, "budget", "consolidated")),
    ("2025年\n上海市某某管理局部门预算\n目录", ("上海市某某管理局", 2025, "budget", "consolidated")),
    ("上海市某某事务中心\n2025年单位预算", ("上海市某某事务中心", 2025, "budget", "standalone")),
    ("2024年度上海市某某事务中心单位决算\n目录", ("上海市某某事务中心", 2024, "final_account", "standalone")),
    ("上海市某某区2025年区级单位预算\n预算单位：上海市某某区某某中心", ("上海市某某区某某中心", 2025, "budget", "standalone")),
    ("上海市某某局（本级）\n2024年度部门决算", ("上海市某某局", 2024, "final_account", "standalone")),
    ("上海市某某局2024年度部门决算（汇总）", ("上海市某某局", 2024, "final_account", "consolidated")),
    ("上海市某某局2025年部门预算\n上海市某某局部门预算只包括本级预算，无下属单位。", ("上海市某某局", 2025, "budget", "standalone")),
    ("2025年部门预算\n主管部门（单位）：上海市某某局", ("上海市某某局", 2025, "budget", "consolidated")),
    ("上海市某某局\n二〇二四年度部门决算", ("上海市某某局", 2024, "final_account", "consolidated")),
    ("2025年区级部门预算\n预算主管部门：\n上海市某某区某某局", ("上海市某某区某某局", 2025, "budget", "consolidated")),
    ("2025年部门预算\n编制单位：上海市某某局（盖章）", ("上海市某某局", 2025, "budget", "consolidated")),
    (".上海市某某局（本级）\n2026年度部门预算公开", ("上海市某某局", 2026, "budget", "standalone")),  # a stray dot
])
def test_cover_variants_give_department_year_type_and_scope(cover, expected):
    lines = lines_of(cover)
    got = (sh_cover.department(lines), sh_cover.fiscal_year(lines), sh_cover.document_type(lines), sh_cover.scope(lines))
    assert got == expected


def test_without_a_cover_the_department_and_type_come_from_later_titles():
    lines = lines_of("""
十四、资源勘探工业信息等支出 12.00
第二部分 上海市某某局2024年度部门决算表
一、收入支出决算总表
项目 决算数 项目 决算数
二、支出决算表
""")
    assert sh_cover.department(lines) == "上海市某某局"
    assert sh_cover.document_type(lines) == "final_account"


def test_contents_with_ascii_leaders_or_bare_page_numbers_are_skipped():
    lines = lines_of("封面\n目 录\n部门主要职能..........1\n部门机构设置 2\n（一）预算编制说明 3\n上海市某某局主要职能")
    assert sh_cover.toc_lines(lines) == {3, 4, 5}


def test_contents_with_wrapped_entries_end_where_their_first_entry_is_printed_again():
    lines = lines_of("目录\n一、部门概况\n（一）关于东海市某某局2026年收支预算情况的\n总体说明\n二、部门预算表\n"
                     "（一）2026年市级部门项目支出预算表\n一、部门概况\n（一）主要职能")
    assert sh_cover.toc_lines(lines) == {2, 3, 4, 5, 6}


def test_a_numbered_duties_heading_names_the_department_when_the_cover_does_not():
    lines = lines_of("目录\n一、部门主要职能\n一、上海市某某管理局主要职能\n主要职责是：")
    assert sh_cover.department(lines) == "上海市某某管理局"
