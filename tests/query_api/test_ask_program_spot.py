"""A program named by the spot it sits in (农林水那块（农村产权交易建设）, 农林水那块的农村产权交易): the words in the brackets
or after 那块 name the program, the functional class beside them is a hint, never the figure answered; the class asked
alone (农林水那块花了多少) is still the class. The department and figures are invented; a real store, a real app."""

from __future__ import annotations

import pytest
from web_records import store_of

from ingest.record import LineItem, Program, Record, Source
from query_api.app import create_app
from tests.query_api.sample_clients import ask

DEPT = "临江县农业农村局"


@pytest.fixture(scope="module")
def client():
    record = Record(DEPT, 2024, "budget", "standalone", "a.txt", "b" * 64, "raw")
    record.line_items = [LineItem("支出总体情况表", "213", "农林水支出", {"合计": 812.4}, "functional",
                                  source=Source("支出总体情况表", 30))]
    record.programs = [Program("农村产权交易体系建设经费", DEPT, 36.5, source=Source("项目支出表", 60)),
                       Program("高标准农田建设补助", DEPT, 420.0, source=Source("项目支出表", 61))]
    return create_app({"STORE": store_of([record]), "TESTING": True}).test_client()


def _values(reply: dict) -> list[tuple]:
    return [(a["value"], a["source"].rsplit("第", 1)[-1]) for a in reply["answers"] if a["value"] is not None]


@pytest.mark.parametrize("asked", ["农林水支出那块（农村产权交易建设）预算多少", "农林水那块(农村产权交易体系建设)安排了多少钱",
                                   "农林水支出（农村产权交易建设）那块预算多少", "农林水支出那块的农村产权交易预算多少"])
def test_the_program_named_in_the_spot_is_answered_not_its_class(client, asked):
    values = _values(ask(client, f"{DEPT}2024年{asked}"))
    assert (36.5, "60行") in values and all(v != 812.4 for v, _ in values), values


def test_the_class_asked_alone_is_the_class(client):
    assert _values(ask(client, f"{DEPT}2024年农林水支出那块是多少")) == [(812.4, "30行")]


@pytest.mark.parametrize("asked", ["农林水支出这一块，预算是多少", "农林水支出那块的预算是多少"])
def test_the_spot_with_nothing_named_in_it_is_what_is_asked(client, asked):
    assert _values(ask(client, f"{DEPT}2024年{asked}")) == [(812.4, "30行")]


def test_a_scope_in_the_brackets_names_no_program(client):
    assert _values(ask(client, f"{DEPT}2024年农林水支出那块（本级）是多少")) == [(812.4, "30行")]
