"""A change two ways through the cube — stated by one document (比上年增减) and recomputed from two documents
of consecutive years by the cube's compare — checked against each other; and /api/aggregate's compare
(JSON and CSV) against values summed by hand from small synthetic records."""

from __future__ import annotations

import csv
import io
import json

import pytest
from web_records import store_of

from ingest.record import Fact, LineItem, Record, Source
from query_api.answering.changes import recompute_all
from query_api.app import create_app
from query_api.ask import knowledge_for
from query_api.cube import Compare, CubeQuery, Cut, run

AGREES, DISAGREES, UNSTATED = "临江市南湖区档案局", "临江市南湖区气象局", "临江市南湖区水务局"
# (department, 2025 revenue, 2026 revenue, the change the 2026 budget states or None)
FIGURES = [(AGREES, 200.0, 230.5, 30.5), (DISAGREES, 100.0, 90.0, 5.0), (UNSTATED, 120.0, 126.25, None)]
# each budget's spending table: 201 printed as a 类 row over two 项 rows; 208 only as 项 rows (no 类 row)
ROWS = [("201", 50.0), ("2010101", 30.0), ("2010102", 20.0), ("2080101", 7.5), ("2080102", 2.25)]


def _budget(dept: str, year: int, revenue: float, change: float | None, scale: float, n: int) -> Record:
    record = Record(dept, year, "budget", "consolidated", f"{dept}{year}.pdf", f"{n:x}" * 64, "raw")
    record.facts = [Fact("revenue_total", revenue, text=f"{year}年收入预算{revenue}万元", source=Source("收支总表", 10))]
    if change is not None:
        record.facts.append(Fact("revenue_change", change, text=f"收入预算比上年增加{change}万元", source=Source("说明", 5)))
    record.line_items = [LineItem("支出总表", code, f"科目{code}", {"合计": value * scale}, "functional",
                                  source=Source("支出总表", 40 + i)) for i, (code, value) in enumerate(ROWS)]
    return record


def _records() -> list[Record]:
    out = []
    for i, (dept, before, after, change) in enumerate(FIGURES):
        out.append(_budget(dept, 2025, before, None, 1.0, 2 * i + 1))
        out.append(_budget(dept, 2026, after, change, 2.0, 2 * i + 2))
    return out


@pytest.fixture(scope="module")
def store():
    return store_of(_records())


@pytest.fixture(scope="module")
def client(store):
    return create_app({"STORE": store, "TESTING": True}).test_client()


def ask(client, q: str) -> dict:
    resp = client.get("/api/ask", query_string={"q": q})
    assert resp.status_code == 200
    return json.loads(resp.data)


def aggregate(client, **params):
    resp = client.get("/api/aggregate", query_string=params)
    assert resp.status_code == 200, resp.data
    return resp


def test_a_stated_change_the_two_years_confirm_says_so(client):
    reply = ask(client, f"{AGREES}2026年收入预算比上年增加了多少")
    (answer,) = reply["answers"]
    assert answer["value"] == 30.5 and "与两年文件相减一致" in answer["text"]
    assert "230.5万元 − 2025年200万元 = 30.5万元" in answer["text"]


def test_a_stated_change_the_two_years_contradict_is_shown_beside_them(client):
    reply = ask(client, f"{DISAGREES}2026年收入预算比上年增加了多少")
    values = [a["value"] for a in reply["answers"]]
    assert values == [5.0, -10.0]  # the document's own words first, then 90 − 100; neither dropped
    assert "两年文件相减" in reply["answers"][1]["label"]
    assert "不一致" in reply["message"] and "-10" in reply["message"]


def test_a_change_no_document_states_is_recomputed_from_the_two_years(client):
    reply = ask(client, f"{UNSTATED}2026年收入预算比上年增加了多少")
    (answer,) = reply["answers"]
    assert answer["value"] == 6.25 and "两年文件相减" in answer["label"]
    assert "文件没有写明比上年增减" in answer["text"]


def test_compare_of_two_years_sums_each_side_by_hand(client):
    cells = json.loads(aggregate(client, cut="fact:revenue_total", compare="year:2025|2026").data)["cells"]
    (cell,) = cells
    assert (cell["value_a"], cell["value_b"]) == (200.0 + 100.0 + 120.0, 230.5 + 90.0 + 126.25)
    assert cell["difference"] == pytest.approx(446.75 - 420.0) and cell["ratio"] == pytest.approx(446.75 / 420.0)
    assert (cell["count_a"], cell["count_b"]) == (3, 3)


def test_compare_by_department_gives_each_its_signed_difference(client):
    cells = json.loads(aggregate(client, cut="fact:revenue_total", compare="year:2025|2026",
                                 drilldown="department").data)["cells"]
    got = {c["department_label"]: (c["value_a"], c["value_b"], c["difference"]) for c in cells}
    assert got == {dept: (a, b, round(b - a, 4)) for dept, a, b, _ in FIGURES}
    assert all((c["count_a"], c["count_b"]) == (1, 1) for c in cells)


def test_compare_of_classified_rows_counts_a_printed_class_row_once(client):
    # 201 as printed (50; 100 in 2026), never 201 + its 项 rows; 208 the sum of its 项 rows (9.75; 19.5)
    cells = json.loads(aggregate(client, cut=[f"department:{AGREES}", "table:支出总表"], drilldown="code.class",
                                 compare="year:2025|2026").data)["cells"]
    got = {c["code.class"]: (c["value_a"], c["value_b"], c["difference"], c["ratio"]) for c in cells}
    assert got == {"201": (50.0, 100.0, 50.0, 2.0), "208": (9.75, 19.5, 9.75, 2.0)}


def test_compare_as_csv_opens_with_the_hand_summed_numbers(client):
    resp = aggregate(client, cut=["fact:revenue_total"], compare="year:2025|2026", drilldown="department",
                     order="department:asc", format="csv")
    text = resp.data.decode("utf-8")
    assert resp.mimetype == "text/csv" and text.startswith("\ufeff")
    rows = {r["department_label"]: r for r in csv.DictReader(io.StringIO(text[1:]))}
    assert (rows[DISAGREES]["value_a"], rows[DISAGREES]["value_b"], rows[DISAGREES]["difference"]) == ("100", "90", "-10")
    assert rows[DISAGREES]["ratio"] == "0.9" and rows[UNSTATED]["difference"] == "6.25"


def test_a_code_cut_by_iri_is_the_code_and_all_below_it(store):
    def cells(code: str) -> list:
        query = CubeQuery([Cut("code", code), Cut("year", "2025"), Cut("department", AGREES)], ["code"],
                          leaves_only=False, order=[("code", "asc")])
        return [(c["code"], c["value"]) for c in run(store, query)["cells"]]

    iri = "https://w3id.org/govkg/id/code/functional/201"
    assert cells(iri) == cells("201") == [("201", 50.0), ("2010101", 30.0), ("2010102", 20.0)]


def test_each_figure_is_its_own_cell_with_its_sentence(store):
    query = CubeQuery([Cut("fact", "revenue_total|revenue_change"), Cut("department", AGREES)],
                      ["observation", "fact", "year", "text", "line"], order=[("year", "asc")])
    got = [(c["fact"], c["year"], c["value"], c["text"], c["line"]) for c in run(store, query)["cells"]]
    assert sorted(got) == [("revenue_change", 2026, 30.5, "收入预算比上年增加30.5万元", 5),
                           ("revenue_total", 2025, 200.0, "2025年收入预算200.0万元", 10),
                           ("revenue_total", 2026, 230.5, "2026年收入预算230.5万元", 10)]


def test_two_years_compared_are_checked_against_the_change_the_later_states(client):
    reply = ask(client, f"{DISAGREES}2026年收入比2025年增加了多少")
    assert [a["value"] for a in reply["answers"][:2]] == [-10.0, 5.0]  # 90 − 100, then the document's own words
    assert "不一致" in reply["answers"][1]["text"] and "不一致" in reply["message"]
    agreed = ask(client, f"{AGREES}2026年收入比2025年增加了多少")
    assert [a["value"] for a in agreed["answers"][:2]] == [30.5, 30.5] and "一致" in agreed["answers"][1]["text"]
    assert "不一致" not in agreed["message"]


class _Counting:
    """The store, counting the queries sent to it."""

    def __init__(self, store):
        self.store, self.sent = store, []

    def query(self, sparql, **kw):
        self.sent.append(sparql)
        return self.store.query(sparql, **kw)


def test_every_documents_change_is_recomputed_by_one_query(store):
    known = knowledge_for(store)
    later = sorted(d.uri for d in known.documents.values() if d.year == 2026)
    counting = _Counting(store)
    found, reply = recompute_all(counting, known, later, lambda phase: "revenue_total")
    assert len(counting.sent) == 1 and counting.sent == [reply["sparql"]]  # three departments, one query (was one compare per document)
    got = {r.document.department: (r.before, r.after, r.difference) for r in found.values()}
    assert got == {dept: (a, b, round(b - a, 4)) for dept, a, b, _ in FIGURES}
    assert all(r.previous.year == 2025 and r.document.year == 2026 for r in found.values())
    # last year's figure is a cell with its own source: each side's table and line
    assert all(r.source.count("收支总表") == 2 and "第10行" in r.source for r in found.values())
    # a document whose last year is not held is left out, not guessed from another year
    assert recompute_all(counting, known, [d.uri for d in known.documents.values() if d.year == 2025],
                         lambda phase: "revenue_total") == ({}, None)


def test_a_final_accounts_row_gives_its_plan_and_its_outcome_as_cells_with_their_line():
    # a final account prints 预算数 (年初预算, phase budget) and 决算数 of one classified row: two cells of the
    # same document and line, compared by the cube (plan vs actual) with the signed difference
    record = Record("临江市南湖区统计局", 2025, "final_account", "consolidated", "fa.pdf", "9" * 64, "raw")
    record.line_items = [LineItem("一般公共预算财政拨款支出决算表", "2010301", "行政运行", {"预算数": 120.0, "决算数": 112.5},
                                  "functional", source=Source("一般公共预算财政拨款支出决算表", 77))]
    store = store_of([record])
    cells = run(store, CubeQuery([Cut("code", "2010301")], ["column", "document", "table", "line"]))["cells"]
    got = sorted((c["column"], c["phase"], c["value"], c["line"], c["table"]) for c in cells)
    assert got == [("决算数", "final_account", 112.5, 77, "一般公共预算财政拨款支出决算表"),
                   ("预算数", "budget", 120.0, 77, "一般公共预算财政拨款支出决算表")]
    # the sides name their phase too: a cell never mixes phases unless a compare side cuts on them
    (compared,) = run(store, CubeQuery([Cut("code", "2010301")], ["document", "line"], compare=Compare(
        (Cut("column", "预算数"), Cut("phase", "budget")), (Cut("column", "决算数"), Cut("phase", "final_account")))))["cells"]
    assert (compared["value_a"], compared["value_b"], compared["difference"], compared["line"]) == (120.0, 112.5, -7.5, 77)
