"""Entity IRIs resolve at their own path, whatever base they were minted with, in the format asked for."""

from __future__ import annotations

import json
import urllib.request

import pytest
from rdflib import Graph, URIRef
from web_records import DEPT, records, store_of

from ingest.resolve import org_iri
from query_api.app import create_app

OTHER_BASE = "http://data.example.gov.cn/budget/id/"


def dept_iri(client) -> str:
    reply = json.loads(client.get("/api/ask", query_string={"q": "知识库里有哪些部门"}).data)
    return next(a["uri"] for a in reply["answers"] if a["label"] == DEPT)


@pytest.fixture(scope="module")
def client():
    return create_app({"STORE": store_of(records()), "TESTING": True}).test_client()


def test_an_iri_from_an_answer_gives_its_triples_as_turtle_at_its_path(client):
    iri = dept_iri(client)
    path = iri.split("://", 1)[1].split("/", 1)[1]
    reply = client.get("/" + path, headers={"Accept": "text/turtle"})
    assert reply.status_code == 200 and reply.mimetype == "text/turtle" and reply.headers["Vary"] == "Accept"
    graph = Graph().parse(data=reply.data, format="turtle")
    assert {str(o) for o in graph.objects(URIRef(iri), URIRef("http://www.w3.org/2000/01/rdf-schema#label"))} == {DEPT}
    assert all(str(s) == iri for s in graph.subjects())


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")  # inside rdflib's JSON-LD parser
@pytest.mark.parametrize(("accept", "mimetype", "rdflib_format"), [
    ("application/ld+json", "application/ld+json", "json-ld"),
    ("application/n-triples", "application/n-triples", "nt"),
])
def test_machine_formats_hold_the_same_triples(client, accept, mimetype, rdflib_format):
    iri = dept_iri(client)
    path = "/" + iri.split("://", 1)[1].split("/", 1)[1]
    turtle = Graph().parse(data=client.get(path, headers={"Accept": "text/turtle"}).data, format="turtle")
    reply = client.get(path, headers={"Accept": accept})
    assert reply.mimetype == mimetype
    assert len(Graph().parse(data=reply.data, format=rdflib_format)) == len(turtle) > 5
    if rdflib_format == "json-ld":
        context = json.loads(reply.data)["@context"]
        assert context["rdfs"] == "http://www.w3.org/2000/01/rdf-schema#" and "brick" not in context


def test_a_browser_gets_the_page_which_links_to_every_format(client):
    iri = dept_iri(client)
    path = "/" + iri.split("://", 1)[1].split("/", 1)[1]
    html = client.get(path, headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}).get_data(as_text=True)
    assert f"<h1>{DEPT}</h1>" in html
    for fmt in ("ttl", "jsonld", "nt"):
        assert f'href="{path}?format={fmt}"' in html
        assert client.get(f"{path}?format={fmt}").status_code == 200


def test_iris_minted_with_another_base_resolve_at_their_path_and_by_kind():
    client = create_app({"STORE": store_of(records(), OTHER_BASE), "TESTING": True}).test_client()
    iri = org_iri(OTHER_BASE, DEPT)
    tail = iri[len(OTHER_BASE):]
    for path in (f"/budget/id/{tail}", f"/{tail}"):
        reply = client.get(path, headers={"Accept": "application/n-triples"})
        assert reply.status_code == 200 and f"<{iri}>".encode() in reply.data


def test_an_unknown_path_is_a_404_in_the_one_error_shape(client):
    reply = client.get("/govkg/id/org/000000000000", headers={"Accept": "application/json"})
    assert reply.status_code == 404 and json.loads(reply.data)["error"]["code"] == "not_found"


def test_curl_over_real_http_gets_turtle(serve):
    url = serve(create_app({"STORE": store_of(records()), "TESTING": True}))
    with urllib.request.urlopen(f"{url}/api/search?q=%E7%BB%9F%E8%AE%A1%E5%B1%80") as reply:
        iri = next(r["uri"] for r in json.loads(reply.read())["results"] if r["type"] == "department")
    request = urllib.request.Request(url + "/" + iri.split("://", 1)[1].split("/", 1)[1], headers={"Accept": "text/turtle"})
    with urllib.request.urlopen(request) as reply:
        assert reply.headers.get_content_type() == "text/turtle"
        assert DEPT in reply.read().decode("utf-8")
