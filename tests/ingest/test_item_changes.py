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


_TABLES = [LineItem("支出表", "201", "一般公共服务支出", {"合计": 1.0}, "functional"),
           LineItem("支出表", "20103", "政府办公厅（室）及相关机构事务", {"合计": 1.0}, "functional"),
           LineItem("支出表", "2010301", "行政运行", {"合计": 1.0}, "functional"),
           LineItem("支出表", "20108", "审计事务", {"合计": 1.0}, "functional"),
           LineItem("支出表", "2010801", "行政运行", {"合计": 2338.24}, "functional"),
           LineItem("经济表", "302", "商品和服务支出", {"合计": 1.0}, "economic"),
           LineItem("经济表", "30216", "培训费", {"合计": 21.0}, "economic"),
           LineItem("经济表", "30217", "公务接待费", {"合计": 2.0}, "economic")]


def test_an_item_named_under_a_section_whose_name_holds_brackets_is_that_sections():
    got = _read("1.政府办公厅（室）及相关机构事务（款）行政运行（项）支出2,016.5万元，与上年相比减少16.14万元，减少0.79%。",
                items=_TABLES)
    assert got == [("2010301", "行政运行", {"比上年增减": -16.14})]


def test_a_name_two_codes_bear_is_no_item_without_the_level_above_it():
    assert _read("（1）行政运行（项）支出2,016.5万元，与上年相比减少16.14万元。", items=_TABLES) == []


def test_an_item_with_its_own_code_in_brackets_in_either_classification():
    got = _read("1.行政运行（2010801）2,338.24万元，较上年增加126.15万元，增长5.70%。",
                "（2）商品和服务支出（302）1.00万元，较上年减少181.52万元，下降15.95%。",
                "（1）机关商品和服务支出（502）956.41万元，较上年减少181.52万元。", items=_TABLES)  # 502: not in the tables
    assert got == [("2010801", "行政运行", {"比上年增减": 126.15}), ("302", "商品和服务支出", {"比上年增减": -181.52})]


def test_a_sentence_naming_an_item_and_its_amount_before_the_comparison_states_its_change():
    got = _read("本部门当年一般公共预算培训费预算支出21.00万元，较上年减少17.60万元，下降45.60%。", items=_TABLES)
    assert got == [("30216", "培训费", {"比上年增减": -17.6})]
    got = _read("2026年本部门一般公共预算安排培训费21万元，比上年增加3.83万元。", items=_TABLES)
    assert got == [("30216", "培训费", {"比上年增减": 3.83})]


def test_a_sentence_whose_figure_the_tables_do_not_print_for_the_item_is_of_another_measure():
    # all units' training, where the tables print the department's basic spending: not the tables' 培训费
    assert _read("2026年某局各单位培训费预算39.51万元，比上年预算数减少2.02万元。", items=_TABLES) == []
    assert _read("（2）商品和服务支出（302）956.41万元，较上年减少181.52万元。", items=_TABLES) == []


def test_no_item_change_from_another_year_a_measure_of_its_own_or_an_unknown_item():
    assert _read("培训费预算支出21.00万元，较2024年减少17.60万元。", items=_TABLES) == []
    assert _read("公务接待费预算2.00万元，比上年减少1.00万元。", items=_TABLES) == []  # the “三公”'s (ingest.changes)
    assert _read("委托业务费财政拨款预算为698万元，比上年预算减少107万元。", items=_TABLES) == []
    # the amount is not the item's: the comparison is of the sentence's whole
    assert _read("培训费等支出合计21.00万元，较上年减少17.60万元。", items=_TABLES) == []


# a table printing its rows without codes: each row under the name of the row it is part of
_UNCODED = [LineItem("支出表", "", "农林水支出", {"合计": 300.0}, "functional"),
            LineItem("支出表", "", "水利", {"合计": 300.0}, "functional", parent="农林水支出"),
            LineItem("支出表", "", "行政运行", {"合计": 120.5}, "functional", parent="水利"),
            LineItem("支出表", "", "防汛", {"合计": 179.5}, "functional", parent="水利"),
            LineItem("支出表", "", "城乡社区支出", {"合计": 80.0}, "functional"),
            LineItem("支出表", "", "城乡社区管理事务", {"合计": 80.0}, "functional", parent="城乡社区支出"),
            LineItem("支出表", "", "行政运行", {"合计": 80.0}, "functional", parent="城乡社区管理事务")]


def _rows(*texts: str) -> list[tuple[str, str, str | None, dict]]:
    paras = [Paragraph(t, line=i + 1) for i, t in enumerate(texts)]
    return [(i.code, i.name, i.parent, i.values) for i in item_statements(paras, _UNCODED, 2026)]


def test_a_row_without_a_code_is_found_by_its_path_of_names():
    got = _rows("（1）农林水支出（类）水利（款）防汛（项）179.50 万元，主要用于防汛抢险。比上年执行数增加 12.16 万元，增长7.3%。",
                "（2）农林水支出（类）水利（款）行政运行（项）120.50万元，主要用于运转。比上年执行数减少3.00万元。",
                "（3）城乡社区支出（类）城乡社区管理事务（款）行政运行（项）80.00万元。与上年预算数相比下降1.50万元。")
    assert got == [("", "防汛", "水利", {"比上年增减": 12.16}), ("", "行政运行", "水利", {"比上年增减": -3.0}),
                   ("", "行政运行", "城乡社区管理事务", {"比上年增减": -1.5})]


def test_a_path_of_names_the_tables_do_not_bear_or_another_figure_gives_nothing():
    assert _rows("（1）农林水支出（类）林业（款）行政运行（项）120.50万元。比上年增加3.00万元。",  # no 林业 row
                 "（2）农林水支出（类）水利（款）防汛（项）170.00万元。比上年增加3.00万元。",  # not the 179.50 printed
                 "（3）水利（款）行政运行（项）80.00万元。比上年增加3.00万元。",  # 行政运行 of 80 is not under 水利
                 "（4）行政运行（类）120.50万元。比上年增加3.00万元。") == []  # no 类 of that name


def test_a_class_of_no_money_the_tables_do_not_print_keeps_its_change_by_name():
    # 0 this year, so no table prints its row: its stated change is kept by its name, as a line printed without a code
    tables = [LineItem("支出表", "201", "一般公共服务支出", {"合计": 45.0}, "functional")]
    got = [(i.code, i.name, i.parent, i.values) for i in item_statements(
        [Paragraph("（6）商业服务业等支出（类）支出0万元，与上年相比减少750万元，减少100%。", 1),
         Paragraph("（7）教育支出（类）支出5万元，与上年相比增加1万元。", 2)], tables, 2026)]  # money no table prints: none
    assert got == [("", "商业服务业等支出", None, {"比上年增减": -750.0})]


def test_an_items_stated_figure_cites_the_line_printing_it_not_its_paths_first():
    # a path wrapped over two lines, its change printed on the third: the change cites the third
    from ingest.prose import paragraphs
    from ingest.reader import Line
    lines = [Line("（1）科学技术支出（类）技术研究与开发（款）科技", 30), Line("成果转化与扩散（项）45.00万元，主要用于成果", 31),
             Line("推广。与上年相比减少11.35万元，减少20.14%。", 32),
             Line("本部门当年一般公共预算培训费预算支出21.00万元，", 40), Line("较上年减少17.60万元，下降45.60%。", 41)]
    tables = [LineItem("支出总表", "2060404", "科技成果转化与扩散", {"合计": 45.0}, "functional")] + _TABLES
    found = item_statements(paragraphs(lines), tables, 2026)
    assert [(i.code, i.values, i.source.line) for i in found] == [("2060404", {"比上年增减": -11.35}, 32),
                                                                   ("30216", {"比上年增减": -17.6}, 41)]
