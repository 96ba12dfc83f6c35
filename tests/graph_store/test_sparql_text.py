"""Reading a query's form, dataset clause and limits without being fooled by strings, IRIs or comments."""

from __future__ import annotations

import pytest

from graph_store.sparql_text import (
    blank_opaque,
    has_dataset_clause,
    looks_like_update,
    query_form,
    top_level_limit,
)


def test_the_form_is_found_after_base_and_prefixes():
    text = "BASE <http://h/> PREFIX ask: <http://x/select#>\n# CONSTRUCT in a comment\nDESCRIBE <http://h/a>"
    assert query_form(text) == "DESCRIBE"
    assert query_form('select ?x { ?x ?p "ASK me" }') == "SELECT"
    assert query_form("PREFIX select: <http://x/> ASK { ?ask select:construct ?describe }") == "ASK"


def test_an_update_is_recognised_but_a_query_mentioning_one_is_not():
    assert looks_like_update("PREFIX x: <http://x/> INSERT DATA { <a:b> <a:c> <a:d> }")
    assert looks_like_update("DROP GRAPH <urn:g>")
    assert not looks_like_update('SELECT ?x WHERE { ?x ?p "DELETE everything" }')
    assert not looks_like_update("ASK { ?s <http://x/insert> ?o }")


def test_from_counts_only_as_syntax():
    assert has_dataset_clause("SELECT * FROM <urn:g> WHERE { ?s ?p ?o }")
    assert has_dataset_clause("SELECT * from named <urn:g> { GRAPH ?g { ?s ?p ?o } }")
    assert not has_dataset_clause('SELECT * { ?s ?p "FROM <urn:g>" } # FROM here')
    assert not has_dataset_clause("SELECT * { ?s <http://x/from> ?o }")
    assert not has_dataset_clause('SELECT * { ?s ?p """long\nFROM\n""" }')


def test_the_limit_of_the_query_itself_not_of_its_subqueries():
    assert top_level_limit("SELECT * { { SELECT ?s { ?s ?p ?o } LIMIT 5 } } LIMIT 10") == 10
    assert top_level_limit("SELECT * { { SELECT ?s { ?s ?p ?o } LIMIT 5 } }") is None
    assert top_level_limit('SELECT * { ?s ?p "LIMIT 3" }') is None
    assert top_level_limit("SELECT * { ?s x:limit 3 }") is None


@pytest.mark.parametrize("text", ["'''" + "\\'" * 500_000, "'" + "\\'" * 500_000, '"""' + '\\"' * 500_000,
                                  '"""' + '"a' * 500_000, "\"'" * 500_000])
def test_unclosed_strings_are_blanked_in_one_pass_not_rescanned_from_every_quote(text):
    import time

    started = time.monotonic()
    assert blank_opaque(text).strip() == ""
    assert time.monotonic() - started < 5  # a rescan from every quote took hours on these 1 MB bodies


def test_an_unclosed_short_string_ends_at_its_line():
    assert blank_opaque("SELECT 'abc\nSERVICE").endswith("\nSERVICE")
