"""Lists that grow with the store (every program of a topic, every program over an amount, every unmet
indicator) show their first page, read from the store, and the exact count of them all, found in the
per-document summaries (query_api/answering/summaries.py); a list of a page or less is whole, as before.
Real stores (memory and oxigraph on disk), fictional records."""

from __future__ import annotations

import pytest

from graph_store.registry import open_store
from ingest.rdf import record_to_graph
from ingest.record import Indicator, Program, Record, Source
from query_api.answering.rows import PAGE
from query_api.app import create_app
from tests.query_api.sample_clients import ask

DEPARTMENTS = 60  # more than a page (PAGE) of each list


def record(n: int, year: int = 2025) -> Record:
    """Department n's budget: a program named for the hotline (amount 3000 + n), one whose target only names
    it (100 + n), and an indicator short of its target."""
    dept = f"临江市第{n:02d}数据局"
    r = Record(dept, year, "budget", "consolidated", f"d{n}-{year}.txt", f"{n:02d}{year}" * 10, "tsv")
    r.programs = [Program(f"热线外包服务经费{n:02d}", dept, 3000.0 + n, source=Source("项目表", 20)),
                  Program(f"系统运维经费{n:02d}", dept, 100.0 + n, performance_target="保障热线系统运行", source=Source("项目表", 21))]
    r.indicators = [Indicator(f"接通率{n:02d}", ">=", 95.0, "%", f"热线外包服务经费{n:02d}", actual=80.0 + n / 10,
                              source=Source("绩效目标表", 30)),
                    Indicator(f"满意度{n:02d}", ">=", 90.0, "%", f"热线外包服务经费{n:02d}", actual=95.0, source=Source("绩效目标表", 31))]
    return r


@pytest.fixture(scope="module", params=["memory", "oxigraph"])
def client(request, tmp_path_factory):
    location = tmp_path_factory.mktemp("store") / "s" if request.param == "oxigraph" else None
    with open_store(request.param, location) as store:
        for n in range(DEPARTMENTS):
            store.replace_graph(*record_to_graph(record(n)))
        yield create_app({"STORE": store, "TESTING": True}).test_client()


def test_a_topic_of_many_programs_shows_a_page_with_the_count_names_first(client):
    reply = ask(client, "哪些项目涉及热线")
    assert reply["total"] == 2 * DEPARTMENTS and len(reply["answers"]) == PAGE
    assert f"共 {2 * DEPARTMENTS} 个" in reply["message"]
    # the programs whose name holds the topic before those whose target does, by name
    assert [a["label"] for a in reply["answers"]] == [f"热线外包服务经费{n:02d}" for n in range(PAGE)]
    assert reply["answers"][3]["value"] == 3003.0 and "项目表 · 第20行" in reply["answers"][3]["source"]


def test_programs_over_an_amount_are_paged_largest_first(client):
    reply = ask(client, "预算超过2000万元的项目有哪些")
    assert reply["total"] == DEPARTMENTS and len(reply["answers"]) == PAGE
    assert [a["value"] for a in reply["answers"]] == [3000.0 + n for n in range(DEPARTMENTS - 1, DEPARTMENTS - 1 - PAGE, -1)]


def test_a_list_of_a_page_or_less_is_whole_and_uncounted(client):
    reply = ask(client, "预算超过3020万元的项目有哪些")
    assert "total" not in reply and sorted(a["value"] for a in reply["answers"]) == [3021.0 + n for n in range(DEPARTMENTS - 21)]


def test_unmet_indicators_are_paged_with_their_count(client):
    reply = ask(client, "哪些绩效指标没有达到目标值")
    assert reply["total"] == DEPARTMENTS and len(reply["answers"]) == PAGE
    labels = [a["label"] for a in reply["answers"]]
    assert all(label.startswith("接通率") for label in labels) and len(set(labels)) == PAGE
    shown = {a["label"]: a["value"] for a in reply["answers"]}
    assert all(shown[f"接通率{n:02d}"] == round(80.0 + n / 10, 4) for n in range(DEPARTMENTS) if f"接通率{n:02d}" in shown)


@pytest.mark.parametrize("question", ["哪些项目涉及热线", "预算超过2000万元的项目有哪些"])
def test_the_count_is_that_of_the_whole_list_and_the_page_its_head(client, question, monkeypatch):
    paged = ask(client, question)
    from query_api.answering import programs

    monkeypatch.setattr(programs, "PAGE", 10_000)  # no page: the whole list, as the store's query gives it
    whole = ask(client, question)
    assert "total" not in whole and len(whole["answers"]) == paged["total"]
    assert {a["uri"] for a in paged["answers"]} <= {a["uri"] for a in whole["answers"]}
    shown = {a["uri"]: (a["value"], a["source"]) for a in whole["answers"]}
    assert all(shown[a["uri"]] == (a["value"], a["source"]) for a in paged["answers"])  # the same figures and lines


def test_the_unmet_count_is_that_of_the_store_and_the_page_its_head(client):
    from query_api import queries
    from query_api.answering.indicators import INDICATORS, MEASURED, met

    paged = ask(client, "哪些绩效指标没有达到目标值")
    store = client.application.config["STORE"]
    # every unmet indicator of the store, by the store-wide query the paged answer no longer runs
    whole = [r for r in store.query(queries.sparql(INDICATORS, filters=MEASURED), timeout=120) if met(r) is False]
    assert paged["total"] == len(whole) == DEPARTMENTS
    assert [a["uri"] for a in paged["answers"]] == [str(r.i) for r in whole[:PAGE]]  # by document, then line
    assert [a["value"] for a in paged["answers"]] == [float(r.actual) for r in whole[:PAGE]]


def test_the_next_pages_follow_without_overlap_and_a_page_past_the_end_is_empty(client):
    pages = [client.get("/api/ask", query_string={"q": "哪些项目涉及热线", "page": n}).get_json() for n in (1, 2, 3, 4)]
    labels = [[a["label"] for a in p["answers"]] for p in pages]
    assert [len(x) for x in labels] == [PAGE, PAGE, 2 * DEPARTMENTS - 2 * PAGE, 0]
    assert len({label for page in labels for label in page}) == 2 * DEPARTMENTS  # every program once
    assert f"第 {PAGE + 1}–{2 * PAGE} 个" in pages[1]["message"] and "page=3" in pages[1]["message"]
    assert "page=" not in pages[2]["message"] and pages[3]["total"] == 2 * DEPARTMENTS


def test_a_page_that_is_no_whole_number_is_refused_plainly(client):
    resp = client.get("/api/ask", query_string={"q": "哪些项目涉及热线", "page": "-1"})
    assert resp.status_code == 400 and resp.get_json()["error"]["parameter"] == "page"


@pytest.fixture(scope="module")
def few(tmp_path_factory):
    """Three departments' budgets, one of 2024: every list fits a page."""
    with open_store("oxigraph", tmp_path_factory.mktemp("few") / "s") as store:
        for n, year in ((1, 2025), (2, 2025), (3, 2024)):
            store.replace_graph(*record_to_graph(record(n, year)))
        yield create_app({"STORE": store, "TESTING": True}).test_client()


def test_unmet_indicators_of_a_page_or_less_are_whole_and_read_from_their_documents_alone(few):
    reply = ask(few, "哪些绩效指标没有达到目标值")
    assert "total" not in reply and sorted(a["label"] for a in reply["answers"]) == ["接通率01", "接通率02", "接通率03"]
    assert "VALUES ?i {" in reply["sparql"]  # the indicators the summaries name, not every indicator of the store


def test_unmet_indicators_of_a_year_are_those_of_its_documents(few):
    assert [a["label"] for a in ask(few, "2024年哪些绩效指标没有达到目标值")["answers"]] == ["接通率03"]
    assert [a["label"] for a in ask(few, "2023年哪些绩效指标没有达到目标值")["answers"]] == []


def test_programs_over_an_amount_of_a_year_are_those_of_its_documents(few):
    reply = ask(few, "2024年预算超过2000万元的项目有哪些")
    assert [a["value"] for a in reply["answers"]] == [3003.0]


def test_every_department_and_document_is_listed_a_page_at_a_time_with_the_count(client):
    first = ask(client, "知识库里有哪些部门")
    assert first["total"] == DEPARTMENTS and [a["label"] for a in first["answers"]] == [
        f"临江市第{n:02d}数据局" for n in range(PAGE)]
    second = client.get("/api/ask", query_string={"q": "知识库里有哪些部门", "page": 2}).get_json()
    assert [a["label"] for a in second["answers"]] == [f"临江市第{n:02d}数据局" for n in range(PAGE, DEPARTMENTS)]
    documents = ask(client, "知识库收录了哪些文件")
    assert documents["total"] == DEPARTMENTS and len(documents["answers"]) == PAGE


def test_a_few_departments_are_listed_whole(few):
    reply = ask(few, "知识库里有哪些部门")
    assert "total" not in reply and [a["label"] for a in reply["answers"]] == [f"临江市第{n:02d}数据局" for n in (1, 2, 3)]
