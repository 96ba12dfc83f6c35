"""The lexicon's look-ups made once per lexicon (names.OrgIndex, names.Surfaces, Lexicon.of_kind) answer
as the scans they replace did, among many names, and are never saved with the lexicon. Fictional names."""

from __future__ import annotations

import pickle

from query_api.lexicon import Entry, Lexicon
from query_api.names import OrgIndex, match_org, match_program, org_index, surfaces_of

PLACES = ["临江市", "临江市东湖区", "青川市", "青川市西岭区", "白石县"]
BUREAUS = ["市场监督管理局", "交通运输局", "政务服务数据管理局", "财政局", "教育局"]


def _many_orgs() -> list[Entry]:
    orgs = [Entry(f"d:{p}{b}", "department", p + b) for p in PLACES for b in BUREAUS]
    orgs += [Entry(f"u:{n}", "subordinate_unit", f"临江市第{n}测绘站", parent="d:临江市财政局") for n in range(200)]
    return orgs


def test_an_organisation_is_found_among_many_by_exact_name_abbreviation_and_place():
    index = OrgIndex(_many_orgs())
    assert [e.uri for e in match_org("东湖区市场监管局", index)] == ["d:临江市东湖区市场监督管理局"]
    assert [e.uri for e in match_org("青川政数局", index)] == ["d:青川市政务服务数据管理局"]  # place without 市
    assert [e.uri for e in match_org("白石县教育局", index)] == ["d:白石县教育局"]
    assert [e.uri for e in match_org("西岭区数据局", index)] == ["d:青川市西岭区政务服务数据管理局"]  # words from inside
    assert match_org("临江市卫生健康委员会", index) == []  # a name the graph does not hold


def test_a_program_named_with_words_left_out_is_found_inside_a_name_among_many():
    entries = [Entry(f"p:{n}", "program", f"第{n}号道路养护项目") for n in range(300)]
    entries.append(Entry("p:hot", "program", "96196电梯应急处置服务平台"))
    entries.append(Entry("p:cloud", "program", "政务云平台运维服务"))
    lexicon = Lexicon(entries, synonyms=[])
    assert [e.uri for e in match_program("电梯应急处置平台", surfaces_of(lexicon))] == ["p:hot"]
    assert [e.uri for e in match_program("政务云运维服务", surfaces_of(lexicon))] == ["p:cloud"]
    assert match_program("路灯照明维修工程", surfaces_of(lexicon)) == []


def test_entries_of_a_kind_and_parents_come_in_the_lexicon_s_order_and_indexes_are_not_saved():
    lexicon = Lexicon(_many_orgs() + [Entry("p:2", "program", "乙项目", parent="u:7"),
                                      Entry("p:1", "program", "甲项目", parent="u:3"),
                                      Entry("p:3", "program", "丙项目", parent="d:白石县教育局")],
                      synonyms=[])
    assert [e.uri for e in lexicon.of_kind("program", parents=["u:3", "u:7"])] == ["p:2", "p:1"]
    assert [e.uri for e in lexicon.of_kind("program")] == ["p:2", "p:1", "p:3"]
    assert len(lexicon.of_kind("department", "subordinate_unit")) == 225
    assert org_index(lexicon) is org_index(lexicon) and surfaces_of(lexicon) is surfaces_of(lexicon)
    restored = pickle.loads(pickle.dumps(lexicon))
    assert not {"_surfaces_index", "_org_index", "_of_kinds", "_by_parent"} & set(restored.__dict__)
    assert [e.uri for e in restored.of_kind("program", parents=["u:3"])] == ["p:1"]
