"""Real clients against a real server: SPARQLWrapper and rdflib's SPARQLStore talk to /sparql served by
waitress on a free port, and the W3C SPARQL 1.1 Protocol tests pass against it."""

from __future__ import annotations

import subprocess
import sys

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, JSONLD, POST, RDFXML, TSV, TURTLE, XML, SPARQLWrapper

EX = "http://example.org/"
NAMES = "PREFIX ex: <http://example.org/> SELECT ?d ?name WHERE { ?d ex:name ?name } ORDER BY ?name"
CONSTRUCT = "PREFIX ex: <http://example.org/> CONSTRUCT { ?d ex:name ?name } WHERE { ?d ex:name ?name }"


def wrapper(url: str, query: str, fmt: str, method: str = "GET") -> SPARQLWrapper:
    client = SPARQLWrapper(f"{url}/sparql")
    client.setQuery(query)
    client.setReturnFormat(fmt)
    client.setMethod(method)
    return client


@pytest.mark.parametrize("method", ["GET", POST])
def test_sparqlwrapper_reads_select_results_as_json_and_xml(live_server, method):
    as_json = wrapper(live_server, NAMES, JSON, method).queryAndConvert()
    assert [b["name"]["value"] for b in as_json["results"]["bindings"]] == ["白云区财政局", "越秀区教育局"]
    as_xml = wrapper(live_server, NAMES, XML, method).queryAndConvert()  # a DOM document
    literals = [n.firstChild.data for n in as_xml.getElementsByTagName("literal")]
    assert literals == ["白云区财政局", "越秀区教育局"]


@pytest.mark.parametrize(("fmt", "separator"), [(CSV, ","), (TSV, "\t")])
def test_sparqlwrapper_reads_csv_and_tsv(live_server, fmt, separator):
    text = wrapper(live_server, NAMES, fmt).queryAndConvert().decode("utf-8")
    header, first, second = text.strip().splitlines()
    assert header.split(separator)[1].lstrip("?") == "name"
    assert "白云区财政局" in first and "越秀区教育局" in second


def test_sparqlwrapper_asks(live_server):
    answer = wrapper(live_server, 'ASK { ?d <http://example.org/name> "白云区财政局"@zh }', JSON).queryAndConvert()
    assert answer["boolean"] is True


@pytest.mark.parametrize("fmt", [TURTLE, RDFXML, XML, JSONLD])
def test_sparqlwrapper_reads_construct_results(live_server, fmt):
    result = wrapper(live_server, CONSTRUCT, fmt).queryAndConvert()
    graph = result if isinstance(result, Graph) else Graph().parse(data=result, format="turtle")
    assert (URIRef(EX + "dept2"), URIRef(EX + "name"), Literal("越秀区教育局", lang="zh")) in graph
    assert len(graph) == 2


def test_rdflib_sparqlstore_queries_and_reads_triples(live_server):
    remote = Graph(store=SPARQLStore(f"{live_server}/sparql"))
    rows = list(remote.query(NAMES))
    assert [str(r.name) for r in rows] == ["白云区财政局", "越秀区教育局"]
    assert rows[0].d == URIRef(EX + "dept1")
    names = set(remote.objects(URIRef(EX + "dept1"), URIRef(EX + "name")))
    assert names == {Literal("白云区财政局", lang="zh")}
    built = remote.query(CONSTRUCT).graph
    assert len(built) == 2
    assert remote.query('ASK { ?d <http://example.org/name> "没有这个部门"@zh }').askAnswer is False


def test_rdflib_sparqlstore_with_post_sees_the_same_answers(live_server):
    remote = Graph(store=SPARQLStore(f"{live_server}/sparql", method="POST"))
    assert [str(r.name) for r in remote.query(NAMES)] == ["白云区财政局", "越秀区教育局"]


def test_the_w3c_protocol_tests_pass(live_server, shared_dir):
    run = subprocess.run([sys.executable, str(shared_dir / "bin" / "w3c-protocol"), live_server],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    assert " 0 failed" in run.stdout
