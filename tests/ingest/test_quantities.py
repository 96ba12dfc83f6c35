"""A quantity's unit in one written form however it is printed or asked (万m3/d, 万立方米每天 → 万立方米/日)."""

from __future__ import annotations

import pytest

from ingest.quantities import QUANTITY, UNIT, unit_form


@pytest.mark.parametrize(("text", "found"), [
    ("过水能力由现状40万m3/d提高到160万m3/d", [("40", "万立方米/日"), ("160", "万立方米/日")]),
    ("新建管网12.5公里，改造2km", [("12.5", "公里"), ("2", "公里")]), ("年处理污泥3万吨", [("3", "万吨")]),
    ("绿化面积500㎡", [("500", "平方米")]), ("覆盖32个单位，预算40万元", [])])
def test_quantities_printed_each_in_its_units_one_form(text, found):
    assert [(m.group("n"), unit_form(m.group("unit"))) for m in QUANTITY.finditer(text)] == found


@pytest.mark.parametrize("asked", ["多少万立方米每天", "多少万方每天", "多少万m3/d", "多少万立方米/日"])
def test_a_unit_asked_in_words_is_the_printed_ones_form(asked):
    assert unit_form(UNIT.search(asked).group()) == "万立方米/日"
