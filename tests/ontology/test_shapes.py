"""The SHACL shapes accept a well-formed mapped document and name what a broken one lacks."""

from __future__ import annotations

import pytest
from rdflib import RDF, SKOS, Graph, URIRef
from rdflib.namespace import QB

from ingest.parse import parse_paths
from ingest.rdf import record_to_graph
from ontology.files import ONTOLOGY_TTL
from ontology.ledger import described, stated
from ontology.namespace import GK
from ontology.validate import main, validate


@pytest.fixture(scope="module")
def sample_graph(samples_dir) -> Graph:
    records = [o.record for o in parse_paths([samples_dir]) if o.record is not None]
    assert records, "the bundled samples/ must parse"
    return described(record_to_graph(records[0])[1])  # the full description, shared statements included


def broken(graph: Graph, predicate: URIRef, of_type: URIRef) -> tuple[Graph, URIRef]:
    """A copy of the graph with `predicate` removed from the first subject of `of_type` that has it."""
    copy = Graph()
    copy += graph
    subject = sorted(s for s in copy.subjects(RDF.type, of_type) if (s, predicate, None) in copy)[0]
    copy.remove((subject, predicate, None))
    return copy, subject


def test_sample_conforms(sample_graph, samples_dir):
    report = validate(sample_graph)
    assert report.conforms, report.violations
    record = next(o.record for o in parse_paths([samples_dir]) if o.record is not None)
    stored = record_to_graph(record)[1]  # as a store keeps it: own triples and the ledger
    assert validate(stored).conforms


def test_a_stored_graph_missing_a_shared_statement_is_a_violation(sample_graph, samples_dir):
    record = next(o.record for o in parse_paths([samples_dir]) if o.record is not None)
    stored = record_to_graph(record)[1]
    code = sorted(s for s in stored.subjects(stated(RDF.type), GK.FunctionalCode)
                  if (s, stated(SKOS.broader), None) in stored)[0]
    stored.remove((code, stated(SKOS.broader), None))
    report = validate(stored)
    assert not report.conforms and any(v.startswith(str(code)) for v in report.violations)


@pytest.mark.parametrize("predicate, of_type", [
    (GK.sourceLine, QB.Observation),
    (GK.unit, QB.Observation),
    (GK.value, GK.LineItemObservation),
    (GK.organization, QB.Observation),
    (GK.fiscalYear, GK.Program),
    (SKOS.broader, GK.FunctionalCode),
], ids=["source line", "unit", "value", "organisation", "program year", "code parent"])
def test_missing_required_statement_is_a_violation_naming_the_node(sample_graph, predicate, of_type):
    graph, subject = broken(sample_graph, predicate, of_type)
    report = validate(graph)
    assert not report.conforms
    assert any(v.startswith(str(subject)) for v in report.violations), report.violations[:5]


def test_command_line_reports_each_file(sample_graph, tmp_path, capsys):
    good, bad = tmp_path / "good.ttl", tmp_path / "bad.trig"
    sample_graph.serialize(good, format="turtle")
    graph, _ = broken(sample_graph, GK.unit, QB.Observation)
    graph.serialize(bad, format="trig")
    assert main([str(good)]) == 0
    assert main([str(good), str(bad)]) == 1
    assert "violation" in capsys.readouterr().out


def test_a_line_item_printed_without_a_code_conforms_and_one_with_two_codes_does_not(sample_graph):
    # tables that name their classified rows without codes exist (a 科目 column of names only)
    graph, _ = broken(sample_graph, GK.classification, GK.LineItemObservation)
    assert validate(graph).conforms
    obs = sorted(sample_graph.subjects(RDF.type, GK.LineItemObservation))[0]
    other = next(c for c in sample_graph.subjects(RDF.type, SKOS.Concept)
                 if c != sample_graph.value(obs, GK.classification))
    graph = Graph()
    graph += sample_graph
    graph.add((obs, GK.classification, other))
    report = validate(graph)
    assert not report.conforms and any(v.startswith(str(obs)) for v in report.violations)


def test_the_fact_kinds_conform_and_a_kind_without_a_name_does_not():
    ontology = Graph().parse(ONTOLOGY_TTL, format="turtle")
    assert validate(ontology).conforms, validate(ontology).violations
    ontology.remove((URIRef(GK.ThreePublicCosts), SKOS.prefLabel, None))
    report = validate(ontology)
    assert not report.conforms and any("ThreePublicCosts" in v for v in report.violations)
