"""The scale benchmark's corpus generator: variants are other departments that read as the originals do."""

from pathlib import Path

import pytest

from benchmarks.multiply_corpus import Source, multiply, names_of
from ingest.parse import parse_file

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def test_variants_read_as_their_original_and_name_nothing_of_it(tmp_path):
    written = multiply(tmp_path, 7, [SAMPLES], verify=True)  # verify: the same shape, no original name inside
    assert written == 7
    original = parse_file(SAMPLES / "haizhou_data_2025_budget.txt")
    variants = [parse_file(p) for p in sorted(tmp_path.glob("v*_haizhou_data_2025_budget.txt"))]
    assert len(variants) == 2
    departments = {original.department} | {v.department for v in variants}
    assert len(departments) == 3  # every variant its own department
    assert all(v.fiscal_year < original.fiscal_year for v in variants)
    old = set(names_of(original))
    for v in variants:
        assert not old & set(names_of(v))
        assert len(v.programs) == len(original.programs)
        # amounts multiplied by one whole number, so a program keeps its share of the total
        ratio = v.programs[0].amount / original.programs[0].amount
        assert ratio in (2, 3, 4)
        assert [p.amount for p in v.programs] == pytest.approx([p.amount * ratio for p in original.programs])


def test_a_name_wrapped_in_a_table_cell_is_rewritten_in_both_pieces(tmp_path):
    text = "项目名称\t金额\n政务热线\t\t\n外包服务项目\t12.50\n"
    page = tmp_path / "a.txt"
    page.write_text(text, encoding="utf-8")

    class Record:  # only the names matter to the rewriting
        department, internal_units, subordinate_units, unit_totals, indicators, duties = "", [], [], [], [], []
        programs = [type("P", (), {"name": "政务热线外包服务项目", "unit": None, "description": None})()]

    source = Source(page, Record())
    variant = source.variant({ord(c): "岚" for c in source.alphabet}, years_back=1, factor=2)
    assert "政务热线" not in variant and "外包服务" not in variant
    assert "项目\t25.00" in variant  # the kind word kept, the amount doubled
