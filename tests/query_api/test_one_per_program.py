"""One rule chooses the row of a program name and year in every list of programs (answering.programs.
one_per_program): by the answer's order, ties by the 汇总 document, then the document IRI, then the program
IRI — never by the order the rows came in — and, of a name's rows printing the first one's amount, the 汇总
document's. The rows of a store query, of the summaries and of a cube query are chosen alike."""

from __future__ import annotations

import itertools

from query_api.answering.programs import one_per_program
from query_api.ask import DocInfo, Knowledge
from query_api.nlu import Question

DOCS = {  # one department's 2025 budget, 汇总 and 本级, and its 2025 final account
    "urn:doc:b-all": DocInfo("urn:doc:b-all", "预算汇总", "临江市数据局", 2025, "budget", "consolidated"),
    "urn:doc:b-own": DocInfo("urn:doc:b-own", "预算本级", "临江市数据局", 2025, "budget", "standalone"),
    "urn:doc:f-own": DocInfo("urn:doc:f-own", "决算本级", "临江市数据局", 2025, "final_account", "standalone"),
}
KNOWN = Knowledge(lexicon=None, documents=DOCS)  # the rule reads only the documents


def row(name: str, amount: float, doc: str, iri: str, line: int = 1) -> dict:
    return {"name": name, "year": 2025, "amount": amount, "doc": doc, "p": iri, "line": line}


def chosen(rows: list[dict], q: Question | None = None, order=lambda r: (-r["amount"], r["name"])) -> list[tuple]:
    fields = lambda r: (r["name"], r["year"], r["amount"], r["doc"], r["p"])  # noqa: E731
    return [(r["name"], r["doc"], r["p"]) for r in one_per_program(rows, KNOWN, q or Question("问题"), fields, order)]


ROWS = [row("热线经费", 500.0, "urn:doc:b-own", "urn:p:2"), row("热线经费", 500.0, "urn:doc:b-all", "urn:p:1"),
        row("运维经费", 500.0, "urn:doc:b-own", "urn:p:4"), row("运维经费", 500.0, "urn:doc:b-all", "urn:p:3"),
        row("云服务费", 800.0, "urn:doc:b-own", "urn:p:5")]


def test_the_choice_and_the_order_do_not_depend_on_the_order_rows_came_in():
    results = {tuple(chosen(list(p))) for p in itertools.permutations(ROWS)}
    assert results == {(("云服务费", "urn:doc:b-own", "urn:p:5"), ("热线经费", "urn:doc:b-all", "urn:p:1"),
                        ("运维经费", "urn:doc:b-all", "urn:p:3"))}


def test_the_consolidated_document_is_shown_where_both_print_the_amount_wherever_it_stands_in_the_order():
    # by line: the 本级 row comes first, yet the name shows the 汇总 document's row of the same amount, at the
    # 本级 row's place
    rows = [row("热线经费", 500.0, "urn:doc:b-own", "urn:p:2", line=3), row("热线经费", 500.0, "urn:doc:b-all", "urn:p:1", line=9),
            row("云服务费", 800.0, "urn:doc:b-own", "urn:p:5", line=5)]
    assert chosen(rows, order=lambda r: r["line"]) == [("热线经费", "urn:doc:b-all", "urn:p:1"), ("云服务费", "urn:doc:b-own", "urn:p:5")]


def test_two_documents_printing_different_amounts_give_the_first_in_the_answers_order():
    rows = [row("热线经费", 450.0, "urn:doc:b-all", "urn:p:1"), row("热线经费", 500.0, "urn:doc:b-own", "urn:p:2")]
    assert chosen(rows) == [("热线经费", "urn:doc:b-own", "urn:p:2")]  # largest first
    assert chosen(rows, order=lambda r: r["amount"]) == [("热线经费", "urn:doc:b-all", "urn:p:1")]  # smallest first


def test_the_asked_document_type_and_scope_are_kept_where_there_are_any():
    rows = [*ROWS, row("热线经费", 480.0, "urn:doc:f-own", "urn:p:9")]
    final = Question("问题", doc_type="final_account")
    assert chosen(rows, final) == [("热线经费", "urn:doc:f-own", "urn:p:9")]
    own = Question("问题", scope="standalone")
    assert {doc for _, doc, _ in chosen(ROWS, own)} == {"urn:doc:b-own"}
    assert chosen(ROWS[:2], Question("问题", scope="standalone", doc_type="final_account")) == [("热线经费", "urn:doc:b-own", "urn:p:2")]
