"""How many units an organisation has: the count its document prints, with its line, where it does not list
them one by one (包括27个机关行政科室, 无下属单位) or lists another number; the count of the list where the two
agree; the document's own words for the offices (内设处室, 机关行政科室) ask for them too (a real store,
fictional records)."""

from __future__ import annotations

import pytest
from web_records import store_of

from ingest.record import Fact, Record, Source, Unit
from query_api.app import create_app
from tests.query_api.sample_clients import ask

UNLISTED = "临江市人民政府办公室"  # prints 27 offices and no subordinate unit, lists none of them
LISTED = "临江市审计局"  # prints 3 offices and lists them
MORE = "临江市水利局"  # prints 2 offices, lists 3 (one more set up beside them)
YEARS = "临江市林业局"  # its 2026 budget lists 3 offices, its 2025 final account prints 5


def _record(name: str, short: str, units: list[str], facts: list[tuple[str, int]], year: int = 2026,
            kind: str = "budget") -> Record:
    record = Record(name, year, kind, "consolidated", f"{short}.pdf", short * 64, "raw")
    record.internal_units = [Unit(u, source=Source("机构设置", 5)) for u in units]
    record.facts = [Fact(key, value, "个", text=f"{key}{value}", source=Source("机构设置", 4)) for key, value in facts]
    return record


@pytest.fixture(scope="module")
def client():
    records = [_record(UNLISTED, "a", [], [("internal_unit_count", 27), ("subordinate_unit_count", 0)]),
               _record(LISTED, "b", ["办公室", "财政审计处", "企业审计处"], [("internal_unit_count", 3), ("budget_unit_count", 1)]),
               _record(MORE, "c", ["办公室", "规划处", "派出监督处"], [("internal_unit_count", 2)]),
               _record(YEARS, "d", ["办公室", "造林处", "保护处"], []),
               _record(YEARS, "e", [], [("internal_unit_count", 5)], 2025, "final_account")]
    return create_app({"STORE": store_of(records), "TESTING": True, "QUERY_TIMEOUT": 60.0}).test_client()


def counts(reply: dict) -> list[tuple[float, str | None]]:
    return [(a["value"], a.get("source")) for a in reply["answers"]]


@pytest.mark.parametrize("asked", ["有几个内设机构", "有多少个机关行政科室", "内设处室有几个"])
def test_a_count_printed_of_units_not_listed_is_answered_as_printed_with_its_line(client, asked):
    reply = ask(client, f"{UNLISTED}{asked}")
    assert [v for v, _ in counts(reply)] == [27] and "第4行" in counts(reply)[0][1] and "没有逐一列出" in reply["message"]


def test_no_subordinate_unit_printed_is_a_count_of_none(client):
    assert [v for v, _ in counts(ask(client, f"{UNLISTED}有几个下属单位"))] == [0]


def test_units_listed_as_many_as_printed_are_counted_from_the_list(client):
    reply = ask(client, f"{LISTED}内设处室有几个")
    assert [v for v, _ in counts(reply)] == [3] and "办公室" in reply["answers"][0]["text"]


def test_a_printed_count_unlike_the_list_comes_first_the_list_beside_it(client):
    reply = ask(client, f"{MORE}有几个内设机构")
    assert [v for v, _ in counts(reply)] == [2, 3] and "不一致" in reply["message"]


@pytest.mark.parametrize("asked", ["纳入2026年部门预算编制范围的单位有几个", "纳入预算编制范围的二级预算单位有几个"])
def test_the_units_a_budget_covers_are_its_own_count_not_its_subordinate_units(client, asked):
    # the department's own 本级 is one of them: 1 where it has no subordinate unit
    assert [v for v, _ in counts(ask(client, f"{LISTED}{asked}"))] == [1]


def test_a_count_printed_in_another_years_document_is_not_set_against_the_list(client):
    reply = ask(client, f"{YEARS}有几个内设机构")
    assert [v for v, _ in counts(reply)] == [3] and "不一致" not in (reply["message"] or "")
