"""A classified item's change on last year, or last year's figure, read from the explanation beside
the tables. Items, names and figures are invented."""

from ingest.item_changes import item_statements
from ingest.prose import Paragraph
from ingest.record import LineItem


def _read(*texts: str, items=(), year: int = 2026) -> list[tuple[str, str, dict]]:
    paras = [Paragraph(t, line=i + 1) for i, t in enumerate(texts)]
    return [(i.code, i.name, i.values) for i in item_statements(paras, list(items), year)]


def test_a_change_stated_for_an_item_named_by_its_level_takes_the_tables_code():
    tables = [LineItem("支出总表", "201", "一般公共服务支出", {"合计": 45.0}, "functional")]
    got = _read("（1）一般公共服务支出（类）支出45.00万元，主要用于人员经费。与上年相比减少537.68万元，减少92.24%。",
                "（2）教育支出（类）支出5万元。与上年相比增加1万元。", items=tables)
    assert got == [("201", "一般公共服务支出", {"比上年增减": -537.68})]  # 教育支出 is not in the tables


def test_last_years_execution_of_an_item_with_its_code_in_brackets():
    got = _read("5、公共安全支出（204类）司法（06款）信息化建设（13项）227.88万元。主要用于：运维。"
                "2025年当年预算执行数为60.41万元，2026年预算安排227.88万元，比2025年预算执行数增加277.22%。")
    assert got == [("2040613", "信息化建设", {"上年执行数": 60.41})]


def test_another_years_figure_is_not_last_years():
    assert _read("1、公共安全支出（204类）司法（06款）行政运行（01项）16.67万元。2023年预算执行数为16.90万元。") == []
