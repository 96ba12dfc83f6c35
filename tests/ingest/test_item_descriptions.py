"""What the explanation beside the tables says a classified line's money is for ('…（项）3136.40万元，主要用于标准化
菜场及副食品行业管理。'): set as the description of the tables' rows of that line, by its code or, printed without
one, by its name under its parent; a quoted path is read too. Items, names and figures are invented."""

from ingest.item_changes import describe, item_statements
from ingest.prose import Paragraph
from ingest.record import LineItem


def _described(texts: list[str], items: list[LineItem]) -> list[tuple[str, str, str | None]]:
    describe([Paragraph(t, line=i + 1) for i, t in enumerate(texts)], items)
    return [(i.code, i.name, i.description) for i in items]


def test_a_quoted_path_and_its_amount_give_the_lines_description_on_every_row_of_its_code():
    items = [LineItem("支出总表", "2169999", "其他商业服务业等支出", {"合计": 3136.4}, "functional"),
             LineItem("收入总表", "2169999", "其他商业服务业等支出", {"合计": 3136.4}, "functional"),
             LineItem("支出总表", "2210201", "住房公积金", {"合计": 136.1}, "functional")]
    got = _described(["14.“商业服务业等支出（类）其他商业服务业等支出（款)其他商业服务业等支出（项）”3136.40万元，"
                      "主要用于标准化菜场及副食品行业管理。"], items)
    assert got == [("2169999", "其他商业服务业等支出", "标准化菜场及副食品行业管理")] * 2 + [("2210201", "住房公积金", None)]


def test_a_line_without_a_code_is_described_by_its_name_under_its_parent_up_to_the_clause_of_its_change():
    items = [LineItem("支出表", "", "科学技术支出", {"合计": 28.0}, "functional"),
             LineItem("支出表", "", "技术研究与开发", {"合计": 28.0}, "functional", parent="科学技术支出"),
             LineItem("支出表", "", "科技成果转化与扩散", {"合计": 28.0}, "functional", parent="技术研究与开发")]
    got = _described(["（1）科学技术支出（类）技术研究与开发（款）科技成果转化与扩散（项）28.00万元，主要用于：数智气象"
                      "垂域模型项目，比上年执行数减少113.53万元。"], items)
    assert got[-1] == ("", "科技成果转化与扩散", "数智气象垂域模型项目") and got[0][2] is None


def test_a_quoted_paths_change_is_read_as_an_unquoted_ones():
    items = [LineItem("支出表", "2040613", "信息化建设", {"合计": 227.88}, "functional")]
    paras = [Paragraph("5.“公共安全支出（204类）司法（06款）信息化建设（13项）”227.88万元，较上年增加27.88万元。", 1)]
    assert [(i.code, i.values) for i in item_statements(paras, items, 2026)] == [("2040613", {"比上年增减": 27.88})]


def test_an_item_is_described_by_its_own_sentence_only_never_by_the_next_items_or_last_years():
    items = [LineItem("支出表", "2010101", "行政运行", {"合计": 100.0}, "functional"),
             LineItem("支出表", "2010102", "一般行政管理事务", {"合计": 50.0}, "functional")]
    got = _described(["1.行政运行（2010101）100万元，比上年增加5万元。2.一般行政管理事务（2010102）50万元，主要用于办公设备购置。"],
                     items)
    assert got[0][2] is None
    got = _described(["1.行政运行（2010101）100万元，比上年增加5万元，主要原因是人员增加。上年主要用于人员工资。"], items[:1])
    assert got[0][2] is None
    got = _described(["1.行政运行（2010101）100万元，上年主要用于人员工资，比上年增加5万元。"], items[:1])
    assert got[0][2] is None
    got = _described(["1.行政运行（2010101）100万元，比上年增加5万元，主要用于机关日常运转。"], items[:1])
    assert got[0][2] == "机关日常运转"
    items = [LineItem("支出表", "2010101", "行政运行", {"合计": 100.0}, "functional"),
             LineItem("支出表", "2010102", "一般行政管理事务", {"合计": 50.0}, "functional")]
    got = _described(["1.行政运行（2010101）100万元。2.一般行政管理事务（2010102）50万元，主要用于办公设备购置。"], items)
    assert got[0][2] is None  # (the next item opens no paragraph of its own: described by none)


def test_the_sentence_right_after_an_items_amount_describes_it_when_it_opens_with_what_it_is_for():
    items = [LineItem("支出表", "2040605", "普法宣传", {"合计": 124.29}, "functional")]
    got = _described(["“普法宣传”（2040605）124.29万元。主要用于：法制宣传工作支出。2025年当年预算执行数为118.46万元。"], items)
    assert got[0][2] == "法制宣传工作支出"
