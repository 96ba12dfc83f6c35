"""A plan set against the actual is asked only when both are asked as figures: the 预算 of a fund's name
(一般公共预算, 政府性基金预算) beside a word of the final account, or a second clause asking no figure, is not it."""

from __future__ import annotations

import pytest

from query_api.lexicon import Entry, Lexicon
from query_api.nlu import understand


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon([Entry("d:1", "department", "临江市东湖区数据资源局", ("区数据局",))])


@pytest.mark.parametrize("question", ["区数据局2024年决算中一般公共预算是多少", "区数据局决算里政府性基金预算有多少",
                                      "区数据局执行中的项目预算是多少", "区数据局预算是多少，决算公开了吗"])
def test_a_figure_asked_beside_a_word_of_the_final_account_is_no_plan_vs_actual(lexicon, question):
    assert understand(question, lexicon).operation != "plan_vs_actual"


@pytest.mark.parametrize("question", ["区数据局2024年实际花了多少，预算是多少", "区数据局2024年年初预算多少，决算多少"])
def test_the_plan_and_the_actual_each_asked_a_figure_are_plan_vs_actual(lexicon, question):
    assert understand(question, lexicon).operation == "plan_vs_actual"
