"""A program's change on the year before stated in its own item of the 项目 explanation (深圳's layout: '2.口岸管理
业务 40,000.70 万元,…较 2025 年年初预算增加 569.63 万元，增幅 1.4%。'), the item perhaps cut by a page into several
paragraphs: kept on the program signed, with the figure compared and the line stating it — never from another
item, a year other than the one before, or an item stating two changes (a part's beside the whole's). The
department, programs and figures are invented."""

from __future__ import annotations

from ingest.program_prose import stated_changes
from ingest.prose import Paragraph
from ingest.record import Program


def _paras(*texts: str) -> list[Paragraph]:
    return [Paragraph(text, line=10 * (n + 1)) for n, text in enumerate(texts)]


def _programs() -> list[Program]:
    return [Program("河道应急专项经费", "临江市河务局", 40.0), Program("河道管养业务", "临江市河务局", 30000.5),
            Program("综合事务管理", "临江市河务局", 367.65), Program("预算准备金", "临江市河务局", 180.0)]


def test_each_item_s_stated_change_is_its_program_s_with_its_sign_base_and_line():
    programs = _programs()
    stated_changes(programs, _paras(
        "（五）项目支出 30,588.15 万元，具体包括：",
        "1.河道应急专项经费 40.00 万元,主要用于移动式排水泵采购，保障汛期安全。",
        "较 2025 年年初预算增加 40 万元，增幅 100.0%。",  # the same item after a page's break
        "2.河道管养业务 30,000.50 万元,主要包括：堤防管养工作 29,000.00 万元；",
        "巡查工作 1,000.50 万元。较 2025 年预算执行数增加 569.63 万元，增幅 1.4%。",
        "3.综合事务管理 367.65 万元,主要包括：行政运行 85.04 万元。较 2025 年年初预算减少 52.44 万元，减幅 12.5%。",
        "4.预算准备金 180.00 万元,主要用于临时增加的工作。无增减变动，与上年持平。",
        "第四部分 政府采购预算情况"), 2026)
    got = {p.name: (p.change, p.change_base, p.change_source.line if p.change_source else None) for p in programs}
    assert got == {"河道应急专项经费": (40.0, "上年年初预算", 30), "河道管养业务": (569.63, "上年预算执行数", 50),
                   "综合事务管理": (-52.44, "上年年初预算", 60), "预算准备金": (0.0, "上年预算", 70)}


def test_no_change_is_taken_from_another_item_another_year_or_an_item_stating_two():
    programs = _programs()
    stated_changes(programs, _paras(
        "1.河道应急专项经费 40.00 万元,主要用于移动式排水泵采购。",  # states none: the next item's is not its own
        "2.河道管养业务 30,000.50 万元,其中堤防管养较 2025 年年初预算增加 10 万元，巡查较 2025 年年初预算减少 3 万元。",
        "3.综合事务管理 367.65 万元,较 2024 年年初预算减少 52.44 万元。",  # not the year before 2026
        "4.预算准备金 120.00 万元,较 2025 年年初预算增加 20 万元。"), 2026)  # not the amount the program has
    assert [p.change for p in programs] == [None, None, None, None]


def test_a_change_cites_the_line_printing_its_figure_when_its_comparison_opens_on_the_line_before():
    from ingest.prose import paragraphs
    from ingest.reader import Line
    programs = _programs()
    stated_changes(programs, paragraphs([Line("1.河道应急专项经费 40.00 万元,主要用于移动式排水泵采购。较", 7),
                                         Line("2025 年年初预算增加 40 万元，增幅 100.0%。", 8)]), 2026)
    assert (programs[0].change, programs[0].change_source.line) == (40.0, 8)
