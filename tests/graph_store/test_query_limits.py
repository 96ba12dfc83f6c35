"""Queries are bounded before an engine sees them: the attacks that crashed pyoxigraph are refused by
name, on every backend, and the queries govkg writes itself stay far inside the bounds."""

from __future__ import annotations

import pytest

from graph_store.base import QueryTooComplex
from graph_store.query_limits import LIMITS, check_query_limits, measure

# Repeated 2,000 times (the 10,000-fold versions exceed the size limit first; the robustness suite sends those).
ATTACKS = {
    "depth": "SELECT * WHERE " + "{" * 5000 + " ?s ?p ?o " + "}" * 5000,
    "logical": "SELECT * WHERE { ?s ?p ?o FILTER(" + " && ".join(["?o"] * 10_000) + ") }",
    "optional": "SELECT * WHERE { ?s ?p ?o " + " ".join(["OPTIONAL { ?s ?p ?o }"] * 2_000) + " }",
    "union": "SELECT * WHERE { " + " UNION ".join(["{ ?s ?p ?o }"] * 2_000) + " }",
    "select": "SELECT * WHERE { " + " ".join(["{ SELECT * WHERE { ?s ?p ?o } }"] * 2_000) + " }",
    "minus": "SELECT * WHERE { ?s ?p ?o " + " ".join(["MINUS { ?s ?p ?o }"] * 2_000) + " }",
    "triples": "SELECT * WHERE { " + " . ".join(["?s ?p ?o"] * 2_000) + " }",
    "chars": "SELECT * WHERE { ?s ?p ?o } #" + "x" * 200_000,
}


@pytest.mark.parametrize("limit", sorted(ATTACKS))
def test_each_attack_is_refused_naming_its_limit(limit):
    with pytest.raises(QueryTooComplex) as caught:
        check_query_limits(ATTACKS[limit], "test")
    assert caught.value.limit == limit and caught.value.most == LIMITS[limit][0]
    assert LIMITS[limit][1] in str(caught.value)


def test_ten_thousand_parentheses_are_too_deep():
    text = "SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * 10_000 + "?o" + ")" * 10_000 + ") }"
    with pytest.raises(QueryTooComplex, match="nesting depth"):
        check_query_limits(text)


def test_brackets_and_keywords_inside_strings_iris_and_comments_do_not_count():
    noise = "{ ( [ && || OPTIONAL UNION SELECT . ; " * 200
    text = (f'SELECT * WHERE {{ ?s ?p "{noise}" . ?s ?p <http://example.org/((((((([[[[> }}\n'
            f"# {noise}\n")
    check_query_limits(text)
    counts = measure(text)
    assert counts["depth"] == 1 and counts["union"] == counts["optional"] == counts["logical"] == 0


def test_variables_and_prefixed_names_are_not_keywords():
    counts = measure("SELECT ?union ?optional WHERE { ?s ex:union ?optional . ?s ex:a.b 1.5 }")
    assert counts["union"] == counts["optional"] == counts["select"] == 0
    assert counts["triples"] == 1  # the '.' ending a pattern, not those inside ex:a.b and 1.5


@pytest.mark.parametrize("name", ["LEXICON", "DOCUMENTS"])
def test_the_largest_queries_govkg_writes_use_a_fraction_of_each_limit(name):
    from query_api import queries

    counts = measure(queries.sparql(getattr(queries, name)))
    for key, value in counts.items():
        assert value <= LIMITS[key][0] // 4, (key, value)


@pytest.mark.parametrize("backend", ["memory", "oxigraph"])
def test_every_backend_refuses_before_running(backend, tmp_path):
    from graph_store.registry import open_store

    with open_store(backend, tmp_path / "s" if backend == "oxigraph" else None) as store:
        with pytest.raises(QueryTooComplex, match=backend):
            store.query(ATTACKS["depth"], timeout=5)
