"""A share printed beside a figure is taken only when it follows the part's own amount and names the whole
asked (or, naming none, the sentence's total)."""

from query_api.answering.printed import printed_share


def test_a_share_printed_after_the_parts_amount_naming_the_whole_asked():
    text = "2026年预算支出1682.76万元，其中基本支出预算1208.20万元，占部门预算总支出的71.80%"
    assert printed_share(text, 1208.2, "expenditure_total") == (71.8, "1208.20万元，占部门预算总支出的71.80%")
    assert printed_share(text, 1208.2, "three_public") is None  # another whole than the one printed


def test_a_share_naming_no_whole_is_of_the_sentences_total_only():
    text = "人员支出2,906.80万元，占49.4%；日常公用支出838.27万元，占14.3%"
    assert printed_share(text, 838.27, "expenditure_total")[0] == 14.3
    assert printed_share(text, 838.27, "basic_expenditure") is None
    assert printed_share(text, 838.0, "expenditure_total") is None  # not the part's amount
