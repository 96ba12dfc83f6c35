"""A unit's name beside a named department stands for that department's unit only (`mentions.find_mentions`)."""

from __future__ import annotations

import pytest

from query_api.lexicon import Entry, Lexicon
from query_api.nlu import understand

HERE, THERE = "临江市人民政府办公室", "东湖市数据局"


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon([Entry("d:here", "department", HERE, ("临江市政府办",)), Entry("d:there", "department", THERE),
                    Entry("u:there", "subordinate_unit", "东湖市信息中心", ("信息中心",), parent="d:there"),
                    Entry("u:here", "subordinate_unit", "临江市机关事务服务中心", ("机关事务服务中心",),
                          parent="d:here"),
                    Entry("p:here", "program", "市行政中心保安服务", parent="d:here")])


def test_another_departments_unit_is_a_name_the_graph_does_not_hold(lexicon):
    q = understand("临江市政府办信息中心的经费是多少", lexicon)
    assert [e.uri for m in q.mentions for e in m.entries] == ["d:here"]
    assert q.unknown_orgs == ["信息中心"]


def test_the_named_departments_own_unit_is_kept(lexicon):
    q = understand("临江市政府办机关事务服务中心的经费是多少", lexicon)
    assert "u:here" in {e.uri for m in q.mentions for e in m.entries} and not q.unknown_orgs


def test_a_unit_named_alone_is_whichever_department_holds_it(lexicon):
    q = understand("信息中心的经费是多少", lexicon)
    assert [e.uri for m in q.mentions for e in m.entries] == ["u:there"]


def test_words_before_a_name_inside_a_program_are_no_unknown_organisation(lexicon):
    # 给行政中心 is the words of 市行政中心保安服务 with the 给 before them, not an organisation the graph lacks
    q = understand("临江市政府办给行政中心请保安的经费是多少", lexicon)
    assert not q.unknown_orgs
