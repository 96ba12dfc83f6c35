"""The text helpers both the parser and the answering share."""

from __future__ import annotations

from ingest.text import program_key
from query_api.lexicon import normalise


def test_one_program_printed_with_and_without_its_year_s_nian_and_xiangmu_has_one_key():
    names = ["2026年驻京经费", "2026驻京经费", "2026年度驻京经费项目", "2026 年驻京经费"]
    assert {program_key(n) for n in names} == {"2026驻京经费"}
    assert {program_key(n, normalise) for n in names + ["“2026年驻京经费”"]} == {"2026驻京经费"}
    assert program_key("驻京经费", normalise) != program_key("2026驻京经费")  # a year printed is kept


def test_two_printings_of_one_amount_are_within_half_a_cent_of_its_unit_in_wan():
    from decimal import Decimal

    from ingest.text import half_cent
    assert (half_cent(), half_cent("元"), half_cent("千元")) == (Decimal("0.005"), Decimal("0.0000005"), Decimal("0.0005"))
