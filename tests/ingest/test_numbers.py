"""A number is only what the document prints as a number: digits, a point, thousands commas, a sign."""

from __future__ import annotations

import pytest

from ingest.gd_indicators import _clause_indicator
from ingest.record import Program
from ingest.sh_programs import indicators
from ingest.text import amount_text, parse_amount, yuan_to_wan


@pytest.mark.parametrize("token", ["1e3", "1E3", "NaN", "nan", "Infinity", "-inf", "1_000", "0x10", "1.2.3", "1e-3"])
def test_what_python_reads_as_a_number_but_a_budget_never_prints_is_no_amount(token):
    assert parse_amount(token) is None
    assert yuan_to_wan(token) is None


@pytest.mark.parametrize(("token", "value"), [("1,234.56", 1234.56), ("-12.5", -12.5), ("－3", -3.0), ("0", 0.0),
                                              ("12.", 12.0), (" 7 ", 7.0)])
def test_printed_amounts_are_read_exactly(token, value):
    assert parse_amount(token) == value


def test_yuan_are_converted_exactly():
    assert yuan_to_wan("70,540,547.00") == 7054.0547


@pytest.mark.parametrize("clause", ["培训人数≥1e3万元", "服务满意度≥9e5%", "处理量达到1.2.3万件"])
def test_an_indicator_target_is_never_the_first_digit_of_something_else(clause):
    assert _clause_indicator(clause) is None


def test_indicator_targets_still_read_with_their_units():
    assert _clause_indicator("存储容量≥100GB") == ("存储容量", ">=", 100.0, "GB")
    assert _clause_indicator("准确率达95.5%及以上") == ("准确率", ">=", 95.5, "%")


def test_a_shanghai_target_in_exponent_form_is_not_read():
    program = Program(name="项目", performance_target="培训覆盖率≥1e3%，满意度≥90%")
    assert [(i.name, i.target) for i in indicators([program])] == [("满意度", 90.0)]


def test_amount_text_keeps_every_printed_digit():
    # `:g` kept six significant digits: 380.8085 said as 380.808, 12345.678 as 12345.7, 1000 as 1000 but 1e+06
    assert [amount_text(v) for v in (380.8085, 12345.678, 1000.0, 1000000.0, 0.0, 45.11)] == \
        ["380.8085", "12345.678", "1000", "1000000", "0", "45.11"]
