"""A program printed twice in one document (its 项目支出表 row and its 绩效自评 paragraph) is one program with one
label, and with every line it was printed at. The department and figures are invented."""

from __future__ import annotations

from rdflib import RDF, RDFS

from ingest.rdf import record_to_graph
from ingest.record import Program, Record, Source
from ontology.ledger import described
from ontology.namespace import GK


def test_a_program_printed_twice_is_one_program_with_each_source_line():
    record = Record("临江市信访局", 2026, "final", "standalone", "a.pdf", "e" * 64, "grid",
                    programs=[Program("驻京经费", "临江市信访局", 312.0, source=Source("项目支出表", 316)),
                              Program("驻京经费", "临江市信访局", None, source=Source("绩效自评", 480))])
    graph = described(record_to_graph(record, "https://w3id.org/govkg/id/")[1])
    (program,) = set(graph.subjects(RDF.type, GK.Program))
    assert [str(label) for label in graph.objects(program, RDFS.label)] == ["驻京经费"]
    assert sorted(int(line) for line in graph.objects(program, GK.sourceLine)) == [316, 480]
