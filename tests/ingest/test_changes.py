"""Changes on the year before read from the narrative, in the wordings documents use, with sign."""

import pytest

from ingest.changes import changes
from ingest.prose import Paragraph


def _read(*texts: str, year: int = 2026) -> dict[str, float]:
    paras = [Paragraph(text, line=i + 1) for i, text in enumerate(texts)]
    return {f.key: f.value for f in changes(paras, year)}


@pytest.mark.parametrize(("text", "key", "value"), [
    ("（一）收入预算：2026年年初预算数100.00万元。收入比 2025 年减少 40.50 万元，主要是拨款减少。", "revenue_change", -40.5),
    ("2026年“三公”经费预算数为1.10万元，比上年预算数减少25万元，下降95.0%。", "three_public_change", -25.0),
    ("2026年“三公经费”预算数为7.61万元，2025年预算数为9.23万元，和2025年相比预算减少1.62万元。",
     "three_public_change", -1.62),
    ("本单位2026年“三公”经费预算18.3万元，比上年预算增加0.05万元。", "three_public_change", 0.05),
    ("2026年“三公”经费预算数为10.81万元，比2025年预算持平。", "three_public_change", 0.0),
    ("公务接待费2.00万元，较上年无增减；", "three_public_reception_change", 0.0),  # no change said: 0
    ("2026年机关运行经费安排66.56万元，较2025年增加0.07万元，与上年基本持平。", "administrative_operating_cost_change", 0.07),
    # the fund word after the measure qualifies it, it is not one fund's share
    ("2026年本级1家行政单位的机关运行经费财政拨款预算48.78万元，比上年预算减少4.98万元，下降9.0%。",
     "administrative_operating_cost_change", -4.98),
    # a numbered title sentence names the subject of the sentence after it
    ("1.因公出国（境）费用。2026年预算数36.14万元，较2025年年初预算增加18.26万元，主要是出国人数增加。",
     "three_public_outbound_change", 18.26),
])
def test_change_is_read_with_its_sign_in_each_wording(text, key, value):
    assert _read(text)[key] == value


def test_revenue_and_spending_changed_together():
    got = _read("某局2026年度收入、支出预算总计640.74万元，与上年相比收、支预算总计各减少38.79万元，减少5.62%。")
    assert got["revenue_change"] == -38.79
    assert got["expenditure_change"] == -38.79
    assert got["revenue_change_pct"] == -5.62


def test_one_funds_change_is_not_the_departments():
    got = _read("本部门当年财政拨款收入405.29万元，其中：一般公共预算拨款收入405.29万元，较上年减少28.10万元。",
                "2026年政府性基金预算财政拨款收入41.59万元，主要用于水库项目，比2025年减少25.77万元。",
                "1.行政运行（2010801）238.24万元，较上年增加12.15万元。", "3.上缴上级支出0万元，与上年决算数持平。")
    # a fund's change is its own measure, never the department's 收入 or 支出 (and the fund's only when no
    # other subject stands between: '主要用于水库项目，比2025年减少' may be the projects')
    assert got == {"general_budget_revenue_change": -28.1}


@pytest.mark.parametrize(("text", "key", "value"), [
    ("2026年度一般公共预算拨款支出1098.81万元，比上年增加18.72万元，增长1.72%。", "general_budget_expenditure_change", 18.72),
    ("与2025年度相比，一般公共预算财政拨款支出减少63.14万元，下降2.10%。", "general_budget_expenditure_change", -63.14),
    ("某局2026年一般公共预算当年拨款597.01万元，比上年执行数减少26.59万元，下降4.0%。", "general_budget_revenue_change", -26.59),
    ("2.政府性基金预算财政拨款收入289.92万元，比上年决算数增加192.30万元，增长200.00%。", "government_fund_revenue_change", 192.3),
    # every fund's appropriation named whole: its own change, not the department's 收入
    ("收入预算1,731万元，其中：财政拨款收入1,731万元，比2025年预算增加254万元；事业收入0万元。", "fiscal_appropriation_revenue_change", 254.0),
    ("2026年财政拨款支出预算480万元，比2025年减少3万元。", "fiscal_appropriation_expenditure_change", -3.0),
])
def test_a_funds_own_change_under_its_own_key(text, key, value):
    got = _read(text)
    assert got[key] == value and not {"revenue_change", "expenditure_change"} & set(got)


def test_change_compared_with_another_year_is_passed_over():
    assert _read("收入比2023年减少40.50万元。") == {}


def test_three_public_change_is_the_sum_of_its_parts_under_headings():
    got = _read("（一）因公出国（境）经费", "2026年预算安排0.00万元，比上年增加0.00万元，与上年持平。",
                "（二）公务接待费", "2026年预算安排18.85万元，比上年增加0.00万元，与上年持平。",
                "（三）公务用车购置及运行费", "2026年预算安排293.90万元，其中：公务用车运行费32.00万元，与上年持平；",
                "公务用车购置费261.90万元，比上年减少2.30万元，下降0.87%。")
    assert got["three_public_vehicle_change"] == -2.3
    assert got["three_public_change"] == -2.3


def test_a_stated_whole_is_not_replaced_by_its_parts():
    got = _read("2026年“三公”经费预算30.00万元，比2025年减少2.24万元。其中：因公出国（境）费用2.00万元，比2025年减少1.00万元；"
                "公务接待费3.50万元，比2025年减少0.64万元；公务用车购置及运行费24.50万元，比2025年减少0.60万元。")
    assert got["three_public_change"] == -2.24
    assert got["three_public_outbound_change"] == -1.0


def test_a_title_names_only_the_sentence_right_after_it():
    assert _read("1.因公出国（境）费用。2026年预算数36.14万元。其他支出比上年增加1.00万元。") == {}
    assert _read("1.主要用途。2026年预算数36.14万元，较上年增加1.00万元。") == {}


def test_a_percentage_that_is_no_number_is_passed_over_not_a_crash():
    # a mangled figure ('增长.5.26%') once raised ValueError out of the parser
    got = _read("某局2026年度收入预算总计640.74万元，比上年增加38.79万元，增长.5.26%。")
    assert got["revenue_change"] == 38.79
    assert "revenue_change_pct" not in got


@pytest.mark.parametrize(("comparison", "value"), [
    ("与上年相比减少7.29万元", -7.29), ("同上年相比增加7.29万元", 7.29), ("较上年减少了7.29万元", -7.29),
    ("比上年预算增加7.29万元", 7.29), ("比上年执行数减少7.29万元", -7.29), ("较上年预算数下降7.29万元", -7.29),
    ("与上年预算数相比降低7.29万元", -7.29), ("与上年同期相比上升7.29万元", 7.29), ("与2025年度相比增长7.29万元", 7.29),
    ("较上年度年初预算减少7.29万元", -7.29), ("比上年增加-7.29万元", -7.29),
    ("与上年预算数持平", 0.0), ("与上年预算数相同", 0.0), ("比上年无变化", 0.0),
])
def test_a_measure_after_a_fund_word_takes_each_wording_with_its_sign(comparison, value):
    # '一般公共预算' before the measure qualifies it: the change is the 机关运行经费's, not a fund's share
    assert _read(f"2026年本部门一般公共预算机关运行经费预算支出260.27万元，{comparison}，主要是压减开支。") == {
        "administrative_operating_cost_change": value}


@pytest.mark.parametrize("comparison", ["比上年减少-7.29万元", "与上年基本持平", "与上年一般公共预算支出相比减少7.29万元"])
def test_no_sure_change_is_no_change(comparison):
    # a decrease printed negative, a rough 基本持平, another measure named after the comparison
    assert "administrative_operating_cost_change" not in _read(f"2026年机关运行经费预算支出260.27万元，{comparison}。")


def test_the_same_as_last_year_is_no_change_only_right_after_an_amount():
    assert _read("2026年机关运行经费的统计口径与上年相同，主要用于办公。") == {}


def test_the_rate_printed_after_any_change_is_kept_beside_it():
    got = _read("本级1家行政单位的机关运行经费财政拨款预算48.78万元，比上年预算减少4.98万元，下降9.0%。")
    assert got["administrative_operating_cost_change"] == -4.98
    assert got["administrative_operating_cost_change_pct"] == -9.0


def test_the_departments_spending_by_kind_changes_on_last_year():
    got = _read("1.基本支出281.37万元，比上年决算数增加31.65万元，增长12.7%。",
                "2.项目支出577.15万元，比上年决算数减少100.39万元，下降14.8%。", year=2023)
    assert (got["basic_expenditure_change"], got["project_expenditure_change"]) == (31.65, -100.39)
    assert got["project_expenditure_change_pct"] == -14.8


def test_one_funds_spending_by_kind_is_not_the_departments():
    got = _read("2026年一般公共预算财政拨款支出1000万元，比2025年增加10万元。其中：基本支出300万元，比2025年增加4万元；"
                "项目支出700万元，主要用于水库建设，比2025年增加6万元。",
                "2026年政府性基金预算支出44万元，主要用于水库工程等项目支出，比2025年减少25.77万元。")
    assert not {"basic_expenditure_change", "project_expenditure_change"} & set(got)


def test_a_change_broken_down_by_its_parts_gives_each_parts_own():
    got = _read("收入比2025年减少40万元，主要是一般公共预算财政拨款增加10万元，政府性基金预算财政拨款减少50万元，"
                "财政专户管理资金增加0万元。",
                "支出比2025年减少40万元，主要是基本支出增加10.5万元，项目支出减少50.5万元。")
    assert got == {"revenue_change": -40.0, "general_budget_revenue_change": 10.0, "government_fund_revenue_change": -50.0,
                   "expenditure_change": -40.0, "basic_expenditure_change": 10.5, "project_expenditure_change": -50.5}


def test_one_kind_of_project_spending_is_not_the_departments_project_spending():
    got = _read
    assert "project_expenditure_change" not in got("基本建设项目支出50万元，比上年减少80万元。")
    assert "project_expenditure_change" not in got("支出预算500万元，比上年减少80万元，主要原因是基本建设项目支出减少80万元。")
    assert "project_expenditure_change" not in got("支出预算500万元，比上年增加80万元，主要原因是专项业务费项目支出增加80万元。")
    assert "basic_expenditure_change" not in got("人员类基本支出30万元，比上年增加5万元。")
    assert got("2.项目支出577.15万元，比上年减少100.39万元。")["project_expenditure_change"] == -100.39
    assert got("支出预算500万元，比上年减少80万元，主要原因是项目支出减少80万元。")["project_expenditure_change"] == -80
