"""The cube query's selective cuts as VALUES blocks (query_api.cube._selective): the first cut and every later
cut of one value in one block (Virtuoso planned a second single-value block badly on a large server), a later
cut of several values in a block of its own (combined, oxigraph read the first cut's observations per row)."""

from __future__ import annotations

from query_api.cube import CubeQuery, Cut, compile_query

DEPT = "https://x.example/org/a"


def test_a_department_and_a_year_are_one_values_block_and_several_facts_another():
    sparql = compile_query(CubeQuery([Cut("department", DEPT), Cut("year", "2024"), Cut("fact", "a|b")], ["program"]))
    assert f"VALUES (?department ?year) {{ (<{DEPT}> 2024) }}" in sparql
    assert 'VALUES ?fact { "a" "b" }' in sparql
    assert sparql.count("VALUES") == 2


def test_the_first_cuts_values_are_the_blocks_rows_and_a_minus_side_repeats_the_block():
    sparql = compile_query(CubeQuery([Cut("fact", "a|b"), Cut("year", "2024")], ["department"]))
    assert 'VALUES (?fact ?year) { ("a" 2024) ("b" 2024) }' in sparql
    assert 'VALUES (?fact_t ?year_t) { ("a" 2024) ("b" 2024) }' in sparql  # the fact twins' MINUS


def test_two_cuts_on_one_dimension_keep_a_block_each():
    sparql = compile_query(CubeQuery([Cut("year", "2023|2024"), Cut("year", "2024")], ["department"]))
    assert "VALUES (?year) { (2023) (2024) }" in sparql and "VALUES ?year { 2024 }" in sparql
