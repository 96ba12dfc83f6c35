"""A Shanghai final account's “三公” columns: a column whose header path says 预算 is a part's plan, one saying 决算
its actual, and one saying neither is nothing (a final account's actual is never stored as its plan). Every figure
here is invented."""

from __future__ import annotations

from ingest.sh_facts import table_facts
from ingest.sh_tables import Cell

TITLE = "财政拨款“三公”经费支出决算表"


def test_a_final_accounts_column_saying_neither_plan_nor_actual_is_neither():
    assert table_facts([Cell(TITLE, "", "因公出国（境）费", 3.0)]) == []


def test_a_final_accounts_plan_column_is_the_parts_plan():
    facts = table_facts([Cell(TITLE, "", "年初预算/因公出国（境）费", 3.0), Cell(TITLE, "", "决算/因公出国（境）费", 2.5)])
    assert {f.key: f.value for f in facts} == {"three_public_outbound_budget": 3.0, "three_public_outbound": 2.5}
