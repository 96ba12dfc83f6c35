"""The cube's fact kinds (`fact_kind`): 三公经费 drilled down into its parts, a whole checked against the sum
of its parts (agree, disagree with both shown, incomplete), over small fictional records hand-summed here."""

from __future__ import annotations

import csv
import io
import json

import pytest

from ingest.record import Fact, Record, Source
from ontology.fact_kinds import KIND_OF_KEY, KINDS
from query_api.app import create_app
from query_api.cube import Compare, CubeError, CubeQuery, Cut, compile_query, run
from tests.query_api.web_records import store_of

A, B, C = "临江市甲局", "临江市乙局", "临江市丙局"


def _record(dept: str, year: int, facts: list[tuple[str, float]], n: int) -> Record:
    record = Record(dept, year, "budget", "consolidated", f"{dept}{year}.txt", f"{n:x}" * 64, "tsv")
    record.facts = [Fact(key, value, source=Source("三公经费表", 10 + i)) for i, (key, value) in enumerate(facts)]
    return record


# 甲局 2025: 三公 8.00 = 出国 0 + 接待 3.00 + 公务用车 5.00 (= 购置 2.00 + 运行 3.00); 政府采购 230.00 =
# 货物 10.00 + 工程 0 + 服务 220.00. 乙局 2025: 三公 10.00 but its parts add to 9.50 (a misprint kept as
# printed); 政府采购 50.00 with no part printed. 甲局 2024: 三公 9.00, parts 1.00 + 3.00 + 5.00.
RECORDS = [
    _record(A, 2025, [("three_public_budget", 8.0), ("three_public_outbound", 0.0), ("three_public_reception", 3.0),
                      ("three_public_vehicle", 5.0), ("three_public_vehicle_purchase", 2.0),
                      ("three_public_vehicle_operation", 3.0), ("three_public_change", -1.0),
                      ("government_procurement", 230.0), ("procurement_goods", 10.0), ("procurement_works", 0.0),
                      ("procurement_services", 220.0)], 1),
    _record(B, 2025, [("three_public_budget", 10.0), ("three_public_outbound", 1.5), ("three_public_reception", 3.0),
                      ("three_public_vehicle", 5.0), ("government_procurement", 50.0)], 2),
    # 丙局 prints 公务用车 only as its halves: 6.00 = 1.00 + 2.00 + (1.00 + 2.00)
    _record(C, 2025, [("three_public_budget", 6.0), ("three_public_outbound", 1.0), ("three_public_reception", 2.0),
                      ("three_public_vehicle_purchase", 1.0), ("three_public_vehicle_operation", 2.0)], 4),
    _record(A, 2024, [("three_public_budget", 9.0), ("three_public_outbound", 1.0), ("three_public_reception", 3.0),
                      ("three_public_vehicle", 5.0)], 3),
]


@pytest.fixture(scope="module")
def store():
    return store_of(RECORDS)


@pytest.fixture(scope="module")
def client(store):
    return create_app({"STORE": store, "TESTING": True}).test_client()


def cells_of(store, *cuts: str, drilldowns=("department", "fact_kind")) -> dict:
    reply = run(store, CubeQuery([Cut(*c.split(":", 1)) for c in cuts], list(drilldowns)))
    return {(c.get("department_label"), c["fact_kind"]): c for c in reply["cells"]}


def test_the_hierarchy_is_generated_from_the_ontology():
    assert KIND_OF_KEY["three_public_budget"] == KIND_OF_KEY["three_public_actual"] == "three_public"
    assert KINDS["three_public_vehicle_purchase"].broader == "three_public_vehicle"
    assert KINDS["three_public_vehicle"].broader == "three_public" and KINDS["three_public"].parts_add_up
    assert not KINDS["state_assets"].parts_add_up  # 固定资产 is only some of 国有资产
    assert "three_public_change" not in KIND_OF_KEY  # a change is of no kind: never added to the figures


def test_a_kind_drills_down_into_its_parts_with_the_printed_figures(store):
    cells = cells_of(store, f"department:{A}", "year:2025", "fact_kind:three_public")
    assert {k: c["value"] for k, c in cells.items()} == {
        (A, "three_public"): 8.0, (A, "three_public_outbound"): 0.0, (A, "three_public_reception"): 3.0,
        (A, "three_public_vehicle"): 5.0, (A, "three_public_vehicle_purchase"): 2.0,
        (A, "three_public_vehicle_operation"): 3.0}
    assert cells[(A, "three_public")]["fact_kind_label"] == "“三公”经费"


def test_a_whole_whose_parts_add_up_says_so(store):
    cells = cells_of(store, f"department:{A}", "year:2025", "fact_kind:three_public|government_procurement")
    whole = cells[(A, "three_public")]
    assert (whole["parts_sum"], whole["parts_check"], whole["parts_missing"]) == (8.0, "agree", [])
    assert cells[(A, "three_public_vehicle")]["parts_check"] == "agree"  # 2.00 + 3.00 = 5.00
    assert cells[(A, "government_procurement")]["parts_sum"] == 230.0
    assert "warning" not in whole


def test_a_whole_and_parts_that_disagree_are_both_shown(store):
    cells = cells_of(store, f"department:{B}", "fact_kind:“三公”经费|government_procurement")  # by name or notation
    whole = cells[(B, "three_public")]
    assert whole["value"] == 10.0 and whole["parts_sum"] == 9.5 and whole["parts_check"] == "disagree"
    assert "10" in whole["warning"] and "9.5" in whole["warning"]
    # a part not printed: no verdict, the part named
    procurement = cells[(B, "government_procurement")]
    assert procurement["parts_check"] == "incomplete" and "政府采购货物类" in procurement["parts_missing"]
    # 公务用车 printed without its halves: a whole with no part is incomplete, not a disagreement
    assert cells[(B, "three_public_vehicle")]["parts_check"] == "incomplete"


def test_a_part_printed_only_as_its_own_parts_counts_as_their_sum(store):
    cells = cells_of(store, f"department:{C}", "fact_kind:three_public")
    whole = cells[(C, "three_public")]
    assert (whole["parts_sum"], whole["parts_check"], whole["parts_missing"]) == (6.0, "agree", [])
    assert (C, "three_public_vehicle") not in cells  # not made a cell of its own: only the check reads the sum


def test_without_a_kind_drilldown_a_cell_still_holds_one_kind(store):
    reply = run(store, CubeQuery([Cut("fact_kind", "three_public"), Cut("year", "2025")], []))
    by_kind = {c["fact_kind"]: c["value"] for c in reply["cells"]}
    assert by_kind["three_public"] == 24.0  # 8.00 + 10.00 + 6.00, never 8.00 + its parts
    assert by_kind["three_public_reception"] == 8.0 and by_kind["three_public_outbound"] == 2.5


def test_a_kind_compared_across_years_is_signed(store):
    reply = run(store, CubeQuery([Cut("department", A), Cut("fact_kind", "three_public")], ["fact_kind"],
                                 compare=Compare.on("year", "2024", "2025")))
    by_kind = {c["fact_kind"]: (c["value_a"], c["value_b"], c["difference"]) for c in reply["cells"]}
    assert by_kind["three_public"] == (9.0, 8.0, -1.0)
    assert by_kind["three_public_outbound"] == (1.0, 0.0, -1.0)


def test_an_unknown_kind_is_refused_naming_the_known_ones():
    with pytest.raises(CubeError, match="three_public"):
        compile_query(CubeQuery([Cut("fact_kind", "三公")], ["fact_kind"]))


def test_aggregate_takes_a_kind_as_json_and_csv(client):
    params = {"cut": [f"department:{A}", "year:2025", "fact_kind:government_procurement"],
              "drilldown": "fact_kind", "order": "fact_kind:asc"}
    reply = json.loads(client.get("/api/aggregate", query_string=params).data)
    assert [(c["fact_kind"], c["value"]) for c in reply["cells"]] == [
        ("government_procurement", 230.0), ("procurement_goods", 10.0), ("procurement_services", 220.0),
        ("procurement_works", 0.0)]
    resp = client.get("/api/aggregate", query_string={**params, "format": "csv"})
    rows = list(csv.DictReader(io.StringIO(resp.data.decode("utf-8-sig"))))
    assert [(r["fact_kind"], r["fact_kind_label"], r["value"], r["parts_check"]) for r in rows][:2] == [
        ("government_procurement", "政府采购", "230", "agree"), ("procurement_goods", "政府采购货物类", "10", "")]
    missing = client.get("/api/aggregate", query_string={"cut": [f"department:{B}", "fact_kind:government_procurement"],
                                                          "drilldown": "fact_kind", "format": "csv"})
    whole = next(csv.DictReader(io.StringIO(missing.data.decode("utf-8-sig"))))
    assert whole["parts_missing"] == "政府采购货物类、政府采购服务类、政府采购工程类"  # a list in one cell, in words
    bad = client.get("/api/aggregate", query_string={"cut": "fact_kind:nothing"})
    assert bad.status_code == 400 and "fact kind" in bad.data.decode()
