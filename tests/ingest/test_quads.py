"""The mapping straight to quads (pyoxigraph terms, N-Quads) gives exactly the graph the rdflib mapping gave.

The digests were taken from the rdflib mapper (main 5eca5b9) on the bundled samples and on test_rdf's
record of one of everything: sha256 of the graph's triples as sorted N-Triples lines. A deliberate change
of the mapping (or of what the parser reads from a sample) changes them: take them again then, from the
mapping you trust.
"""

from __future__ import annotations

import hashlib

import pyoxigraph as ox
import pytest

from ingest.parse import parse_file
from ingest.rdf import record_to_described, record_to_document, record_to_graph
from ontology.ledger import LEDGER
from tests.ingest.test_rdf import make_record

PINNED = {  # (triples, sha256 of the sorted N-Triples lines): the rdflib mapper's, the PDF's taken again after
    # h11-facts read its 政府采购 parts and 三公 sentences (51 triples added, none changed), and after h11-facts2
    # read the 三公 parts of sentences once (34 triples removed: two observations repeating another's key,
    # value and line with the paragraph as text; none added or changed); the synthetic record's after its code
    # 20103, printed without a name, was labelled '（文件未列名称）功能分类科目 20103' (2 labels changed); the
    # PDF's after h11-facts3 printed a table fact's row as evidence with its cells apart (3 gk:text literals:
    # '合计3,505,123.452,300,123.45…' became '合计 3,505,123.45 2,300,123.45 …'; nothing added or removed); every
    # sample's after h11-org gave each unit the table, line and page that list it (gk:sourceTable, sourceLine,
    # sourcePage: 12, 8, 12 and 6 triples added, none changed); all after h11-cube4 pointed each fact of a kind
    # at it (one gk:factKind triple a fact of a kind: 15, 18, 16, 3 added; without them the digests were those before);
    # the final account's and the PDF's after h11-shares read 基本支出's two parts by use (人员经费 / 公用经费: two
    # observations of 18 triples each added, nothing changed); the two text samples' after h11-shares3 kept the rate
    # printed after each stated change (机关运行经费 下降5.17%, “三公”经费 下降11.11%: one *_change_pct observation
    # each, 17 and 32 triples added, nothing changed); the final account's after lead9 kept the 部门整体支出
    # self-evaluation's 全年预算数 and 执行数 as facts (two observations of 17 triples each added, nothing changed); the
    # budget's after h12-qa3 read the equipment held at 100万元 and more (单价在100万元以上的设备0台: one
    # large_equipment observation, 16 triples added, nothing changed); the final account's and the PDF's after h12-qa2
    # kept the counts of units their narratives print (内设机构3个; the PDF's 3 内设机构 and 下属1家预算单位: one and
    # two observations of 17 triples each added, nothing changed); the final account's after h12-qa5 read the parts its
    # 政府采购 sentence prints after 其中 (three stated_part observations of 17 triples, nothing changed), the budget's
    # after h12-qa5 kept each unit's 项目支出 row of its table printed by 资金使用单位 (two unit_project_expenditure
    # observations of 16 triples, nothing changed); the final account's and the PDF's after h13-fix cited each fact read
    # inside a wrapped paragraph at the line printing its figure (11 and 2 facts: their gk:sourceLine and the
    # observation IRI minted with it changed, nothing else)
    "haizhou_data_2024_final_account.txt": (1490, "f773738c10557bd6f53ed71fee460251824865042120e32ae0a2346ad2f87e95"),
    "haizhou_data_2025_budget.txt": (1808, "f212624f9b973f9848425f410adfb60e6ac609b41f4ec9b127c11194a43ddb63"),
    "pdf/sample_budget.pdf": (1222, "e41b4385a627855e28c862e9a3477c05904972b7c946864dc87cbfdfd3f0dc92"),
    "synthetic": (305, "0d9691920ce739808e08e229055a4f81143e0b906c75c7ccf6a62016d2c64c45"),
}


def digest(quads: list[ox.Quad]) -> tuple[int, str]:
    lines = sorted(str(ox.Triple(q.subject, q.predicate, q.object)) for q in quads)
    return len(lines), hashlib.sha256(("\n".join(lines) + "\n").encode()).hexdigest()


@pytest.mark.parametrize("name", sorted(PINNED))
def test_the_quads_are_those_of_the_rdflib_mapping(name, samples_dir):
    record = make_record() if name == "synthetic" else parse_file(samples_dir / name)
    document = record_to_document(record)
    quads = document.quads()
    assert digest(quads) == PINNED[name]
    assert len(document) == len(quads) == len(set(quads))
    assert {q.graph_name.value for q in quads} == {document.iri}
    # the ledger apart: exactly the quads under a ledger predicate
    assert set(document.ledger_quads()) == {q for q in quads if q.predicate.value.startswith(LEDGER)}


@pytest.mark.parametrize("name", sorted(PINNED))
def test_the_description_made_by_mapping_is_the_one_read_back_from_the_graph(name, samples_dir):
    from graph_store.shared import description_of

    record = make_record() if name == "synthetic" else parse_file(samples_dir / name)
    document, described = record_to_described(record)
    assert document == record_to_document(record)
    read_back = description_of(document)  # its N-Quads parsed, each ledger triple as the statement it makes
    assert list(description_of(document, described)._store) == list(read_back._store)  # the same quads, in one order
    assert document.own + document.ledger == ox.serialize(document.quads(), format=ox.RdfFormat.N_QUADS)


@pytest.mark.parametrize("name", sorted(PINNED))
def test_the_shared_statements_written_by_mapping_are_those_its_ledger_makes(name, samples_dir):
    """A store's writer takes the statements as mapping wrote them (no ledger parsed back): the same lines."""
    from dataclasses import replace

    record = make_record() if name == "synthetic" else parse_file(samples_dir / name)
    document = record_to_document(record)
    written = document.statements()
    assert written and len(written) == len(set(written)) == len(document.ledger_quads())
    assert written == replace(document, shared=None).statements()  # read from the ledger, in its order


def test_the_rdflib_graph_holds_the_same_triples(samples_dir):
    record = parse_file(samples_dir / "haizhou_data_2025_budget.txt")
    document = record_to_document(record)
    iri, graph = record_to_graph(record)
    assert iri == document.iri and len(graph) == len(document)
    assert set(graph) == set(document)


def test_the_identity_is_that_of_the_document(samples_dir):
    document = record_to_document(parse_file(samples_dir / "haizhou_data_2025_budget.txt"))
    department, year, phase, scope = document.identity
    assert year == 2025 and phase.endswith("#Budget") and scope.endswith(("#Consolidated", "#Standalone"))
    assert department.startswith("https://w3id.org/govkg/id/org/")


def test_a_bad_base_iri_fails_the_mapping_not_the_store():
    with pytest.raises(ValueError):
        record_to_document(make_record(), base="https://example.org/a b/")
