"""The networkx view: entities and their links, paths that read as a chain, neighbourhoods."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from graph_store.base import StoreError
from graph_store.memory import MemoryStore
from graph_store.network import local_name, neighbourhood, path_nodes, shortest_path

EX = Namespace("http://example.org/govkg-test/")
DEF = Namespace("http://example.org/govkg-test/def#")
PROV = Namespace("http://www.w3.org/ns/prov#")


@pytest.fixture
def store() -> MemoryStore:
    """One agency with a duty carried out by a program, a dataset every program belongs to (a hub),
    provenance to the source document, and the ontology's labels in a graph of its own."""
    data = Graph()
    agency, duty, program, other = EX.agency, EX.duty1, EX.program1, EX.program2
    data.add((agency, RDFS.label, Literal("白云区财政局", lang="zh")))
    data.add((agency, RDFS.label, Literal("Baiyun Finance Bureau", lang="en")))
    data.add((agency, RDF.type, DEF.Agency))
    data.add((duty, SKOS.prefLabel, Literal("编制区级预算")))
    data.add((program, RDFS.label, Literal("预算编审项目")))
    data.add((other, RDFS.label, Literal("信息化建设项目")))
    data.add((agency, DEF.hasDuty, duty))
    data.add((program, DEF.fulfils, duty))
    data.add((agency, DEF.budget, Literal("123.4")))
    for i in range(30):  # a hub: every program and row sits in the dataset
        data.add((EX[f"row{i}"], DEF.dataSet, EX.dataset))
    data.add((agency, DEF.dataSet, EX.dataset))
    data.add((program, DEF.dataSet, EX.dataset))
    data.add((other, DEF.dataSet, EX.dataset))
    data.add((program, PROV.wasDerivedFrom, EX.document))
    data.add((agency, PROV.wasDerivedFrom, EX.document))
    data.add((EX.lonely, RDFS.label, Literal("没有关联的单位")))
    data.add((agency, DEF.phase, DEF.Budget))  # a code value of the ontology: every figure points at it
    data.add((other, DEF.phase, DEF.Budget))
    ontology = Graph()
    ontology.add((URIRef("http://example.org/govkg-test/def"), RDF.type, OWL.Ontology))
    ontology.add((DEF.Budget, SKOS.prefLabel, Literal("预算", lang="zh")))
    ontology.add((DEF.hasDuty, RDFS.label, Literal("职责", lang="zh")))
    ontology.add((DEF.fulfils, RDFS.label, Literal("履行", lang="zh")))
    ontology.add((DEF.Agency, RDF.type, OWL.Class))
    ontology.add((DEF.Agency, RDFS.label, Literal("部门", lang="zh")))
    s = MemoryStore()
    s.replace_graph("urn:doc:1", data)
    s.replace_graph("urn:def", ontology)
    return s


def test_entities_are_nodes_with_chinese_labels_and_literals_are_not(store):
    g = neighbourhood(store, str(EX.agency), depth=1)
    assert g.nodes[EX.agency]["label"] == "白云区财政局"
    assert g.nodes[EX.duty1]["label"] == "编制区级预算"
    assert not any(isinstance(n, Literal) for n in g.nodes)


def test_edges_carry_the_property_label_from_the_ontology(store):
    g = neighbourhood(store, str(EX.agency), depth=1)
    assert g.edges[EX.agency, EX.duty1, DEF.hasDuty]["label"] == "职责"


def test_types_provenance_and_vocabulary_terms_do_not_link_entities(store):
    g = neighbourhood(store, str(EX.agency), depth=2)
    assert EX.document not in g and DEF.Agency not in g and DEF.hasDuty not in g
    assert DEF.Budget not in g  # declared by the ontology, so vocabulary even though data points at it


def test_a_path_reads_as_a_chain_of_labels_and_links(store):
    path = shortest_path(store, str(EX.agency), str(EX.program1))
    assert path == [("白云区财政局", "职责"), ("编制区级预算", "^履行"), ("预算编审项目", None)]


def test_a_path_can_start_from_an_exact_label(store):
    assert path_nodes(store, "白云区财政局", "预算编审项目") == [str(EX.agency), str(EX.duty1), str(EX.program1)]


def test_a_path_goes_through_a_hub_only_when_nothing_else_links(store):
    path = shortest_path(store, "白云区财政局", "信息化建设项目")
    assert [label for label, _ in path] == ["白云区财政局", "dataset", "信息化建设项目"]


def test_unlinked_entities_have_no_path_and_unknown_ones_are_an_error(store):
    assert shortest_path(store, "白云区财政局", "没有关联的单位") == []
    with pytest.raises(StoreError, match="不存在的单位"):
        shortest_path(store, "白云区财政局", "不存在的单位")


def test_the_neighbourhood_grows_with_depth_in_both_directions(store):
    near = neighbourhood(store, str(EX.duty1), depth=1)
    assert set(near.nodes) == {EX.duty1, EX.agency, EX.program1}
    wider = neighbourhood(store, str(EX.duty1), depth=2)
    assert EX.dataset in wider and len(wider) > len(near)


def test_local_names_are_decoded():
    assert local_name("http://example.org/x/%E9%A1%B9%E7%9B%AE") == "项目"
    assert local_name("http://example.org/def#hasDuty") == "hasDuty"


GK_DOCUMENT = URIRef("https://w3id.org/govkg/def#Document")


def _document(name: str, *triples) -> Graph:
    """A document graph: a gk:Document and the given triples."""
    g = Graph()
    g.add((EX[name], RDF.type, GK_DOCUMENT))
    for t in triples:
        g.add(t)
    return g


@pytest.fixture
def documents() -> MemoryStore:
    """Three documents: the first two share a code (an entity each states), the third is about other things;
    the ontology graph is no document's."""
    s = MemoryStore()
    s.replace_graph("urn:doc:a", _document("docA", (EX.deptA, RDFS.label, Literal("甲局")),
                                           (EX.rowA, DEF.organization, EX.deptA), (EX.rowA, DEF.code, EX.code1)))
    s.replace_graph("urn:doc:b", _document("docB", (EX.progB, RDFS.label, Literal("乙项目")),
                                           (EX.progB, DEF.code, EX.code1), (EX.code1, RDFS.label, Literal("会议费"))))
    s.replace_graph("urn:doc:c", _document("docC", (EX.deptC, RDFS.label, Literal("丙局")),
                                           (EX.rowC, DEF.organization, EX.deptC), (EX.rowC, DEF.code, EX.code1)))
    ontology = Graph()
    ontology.add((URIRef("http://example.org/govkg-test/def"), RDF.type, OWL.Ontology))
    ontology.add((DEF.code, RDFS.label, Literal("科目", lang="zh")))
    s.replace_graph("urn:def", ontology)
    return s


def test_a_path_reads_only_the_part_of_the_graph_it_explores(documents, monkeypatch):
    read = []
    links = MemoryStore.links
    monkeypatch.setattr(MemoryStore, "links", lambda self, nodes, limit=None: read.extend(nodes) or links(self, nodes, limit))
    assert shortest_path(documents, "甲局", "乙项目") == [
        ("甲局", "^organization"), ("rowA", "科目"), ("会议费", "^科目"), ("乙项目", None)]
    assert str(EX.deptC) not in read  # the third document's department is beyond the path's reach
    read.clear()
    assert path_nodes(documents, "甲局", "乙项目")[-1] == str(EX.progB) and not read  # kept for the store's state
    with pytest.raises(StoreError, match="不存在"):
        shortest_path(documents, "甲局", "不存在的项目")


def test_a_path_follows_a_document_replaced_or_removed(documents):
    assert path_nodes(documents, "甲局", "乙项目")[-1] == str(EX.progB)
    documents.replace_graph("urn:doc:b", _document("docB", (EX.progB, RDFS.label, Literal("乙项目")),
                                                   (EX.progB, DEF.code, EX.code2)))
    assert shortest_path(documents, "甲局", "乙项目") == []  # the shared code is gone: nothing links them
    documents.remove_graph("urn:doc:b")
    with pytest.raises(StoreError):
        shortest_path(documents, "甲局", "乙项目")


def test_a_path_on_disk_reads_the_store_indexes_blank_nodes_too(tmp_path):
    from rdflib import BNode

    from graph_store.oxigraph import OxigraphStore

    with OxigraphStore(tmp_path / "store") as store:
        step = BNode()
        store.replace_graph("urn:doc:a", _document("docA", (EX.deptA, RDFS.label, Literal("甲局")),
                                                   (EX.deptA, DEF.runs, step), (step, DEF.runs, EX.progA),
                                                   (EX.progA, RDFS.label, Literal("甲项目"))))
        assert [label for label, _ in shortest_path(store, "甲局", "甲项目")] == ["甲局", "", "甲项目"]
        store.replace_graph("urn:doc:b", _document("docB", (EX.progB, RDFS.label, Literal("乙项目"))))
        assert shortest_path(store, "甲局", "乙项目") == []


def test_a_path_past_its_time_limit_stops(documents):
    from graph_store.base import QueryTimeout

    with pytest.raises(QueryTimeout):
        shortest_path(documents, "甲局", "乙项目", timeout=-1)


def test_a_path_from_an_entity_every_document_states_takes_the_cheapest_way(documents):
    assert path_nodes(documents, str(EX.code1), "丙局") == [str(EX.code1), str(EX.rowC), str(EX.deptC)]


def test_a_node_is_read_once_from_a_store_that_gives_every_link(documents, monkeypatch):
    from graph_store import network

    read = []
    links = MemoryStore.links
    monkeypatch.setattr(network, "FEW", 2)  # a row's two links and the code's three are more than a first look
    monkeypatch.setattr(MemoryStore, "limits_links", False)
    monkeypatch.setattr(MemoryStore, "links", lambda self, nodes, limit=None: read.extend(nodes) or links(self, nodes))
    assert path_nodes(documents, "甲局", "乙项目")[-1] == str(EX.progB)
    assert sorted(read) == sorted(set(read))  # each node read once, a first look that got all its links whole
