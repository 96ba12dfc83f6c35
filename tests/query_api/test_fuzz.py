"""Fuzzing /sparql and /api/ask with hypothesis over the bundled samples in an on-disk oxigraph store,
queried in this process (so a query that crashed the engine would crash the test run): no input may
give a 500 or log a traceback. GOVKG_FUZZ_EXAMPLES sets the examples per test (30 here; `make fuzz`
runs thousands)."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph_store.registry import open_store
from ingest.parse import parse_file
from ingest.rdf import record_to_graph
from query_api.app import create_app

pytestmark = pytest.mark.fuzz
EXAMPLES = int(os.environ.get("GOVKG_FUZZ_EXAMPLES", "30"))
SAMPLES = Path(__file__).resolve().parents[2] / "samples"
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

SPARQL_WORDS = [
    "SELECT", "*", "DISTINCT", "WHERE", "{", "}", "(", ")", "[", "]", "?s", "?p", "?o", "$x", ".", ";", ",", "a",
    "OPTIONAL", "UNION", "MINUS", "FILTER", "NOT", "EXISTS", "&&", "||", "!", "=", "<", ">", "+", "-", "*", "/",
    "COUNT(*)", "SUM(?o)", "AS", "?n", "GROUP BY", "HAVING", "ORDER BY", "DESC(?o)", "LIMIT", "OFFSET", "1", "-1",
    "1.5", "1e308", "99999999999999999999", '"x"', "'y'@zh", '"1"^^xsd:integer', '"""long"""', "<http://example.org/a>",
    "gk:Program", "rdfs:label", "PREFIX gk: <https://w3id.org/govkg/def#>", "BIND", "VALUES", "SERVICE", "INSERT",
    "DATA", "DELETE", "FROM", "NAMED", "GRAPH", "ASK", "CONSTRUCT", "DESCRIBE", "BASE", "#", "\n", "REGEX", "STR",
    "CONTAINS", "LANG", "IRI", "BNODE()", "UUID()", "NOW()", "SUBSTR", "CONCAT", "IF", "COALESCE", "\\", "\x00",
    "^^", "@en", "_:b", "<>", "{ SELECT * WHERE { ?s ?p ?o } }", "项目", "预算",
]
QUESTION_WORDS = [
    "哪些", "项目", "涉及", "政务云", "预算", "决算", "是多少", "最大", "的", "2023年", "2024年", "部门", "局", "中心",
    "内设机构", "下属单位", "职责", "绩效指标", "目标值", "没有达标", "多少个", "合计", "超过", "万元", "1e3",
    "-5", "？", "?", " ", "\n", "<script>", "'", '"', "{", "}", "%", "\\", "\x00", "白云区", "排名", "前三",
]

sparql_texts = st.one_of(st.text(max_size=400), st.lists(st.sampled_from(SPARQL_WORDS), max_size=80).map(" ".join))
questions = st.one_of(st.text(max_size=250), st.lists(st.sampled_from(QUESTION_WORDS), max_size=60).map("".join))
json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=50),
                           lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=5), inner,
                                                                                        max_size=5),
                           max_leaves=20)


class Tracebacks(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info or record.levelno >= logging.ERROR:
            self.records.append(record)


@pytest.fixture(scope="module")
def fuzzed(tmp_path_factory):
    """(test client over the samples in an on-disk oxigraph store, the handler collecting tracebacks)."""
    store = open_store("oxigraph", tmp_path_factory.mktemp("fuzz") / "store")
    for path in sorted(SAMPLES.iterdir()):
        if path.suffix in (".txt", ".pdf"):
            store.replace_graph(*record_to_graph(parse_file(path)))
    app = create_app({"STORE": store, "TESTING": True, "QUERY_TIMEOUT": 2.0})
    handler = Tracebacks()
    for name in ("govkg", app.logger.name):
        logging.getLogger(name).addHandler(handler)
    yield app.test_client(), handler
    for name in ("govkg", app.logger.name):
        logging.getLogger(name).removeHandler(handler)
    store.close()


def no_crash(response, handler: Tracebacks) -> None:
    assert response.status_code != 500, response.get_data(as_text=True)[:500]
    assert response.status_code in (200, 400, 403, 404, 405, 406, 413, 415, 429, 503), response.status_code
    assert not handler.records, [r.getMessage() for r in handler.records]


@FUZZ
@given(text=sparql_texts, how=st.sampled_from(["get", "form", "body"]),
       fmt=st.sampled_from([None, "json", "xml", "csv", "tsv", "html", "turtle", "jsonld", "nonsense"]),
       graph=st.one_of(st.none(), st.text(max_size=40)))
def test_sparql_never_crashes(fuzzed, text, how, fmt, graph):
    client, handler = fuzzed
    params = {"format": fmt} if fmt else {}
    if graph is not None:
        params["default-graph-uri"] = graph
    if how == "get":
        response = client.get("/sparql", query_string={"query": text, **params})
    elif how == "form":
        response = client.post("/sparql", data={"query": text, **params})
    else:
        response = client.post("/sparql", query_string=params, data=text.encode("utf-8", "surrogatepass"),
                               content_type="application/sparql-query")
    no_crash(response, handler)


@FUZZ
@given(body=st.binary(max_size=300), content_type=st.sampled_from(
    ["application/sparql-query", "application/sparql-query; charset=latin-1", "application/x-www-form-urlencoded",
     "application/json", "text/plain", ""]))
def test_sparql_bodies_of_any_bytes_never_crash(fuzzed, body, content_type):
    client, handler = fuzzed
    no_crash(client.post("/sparql", data=body, content_type=content_type or None), handler)


@FUZZ
@given(q=questions)
def test_questions_never_crash(fuzzed, q):
    client, handler = fuzzed
    no_crash(client.get("/api/ask", query_string={"q": q}), handler)
    no_crash(client.get("/api/search", query_string={"q": q}), handler)


@FUZZ
@given(body=st.one_of(json_values, st.dictionaries(st.just("q"), json_values | questions, min_size=1)))
def test_json_bodies_to_ask_never_crash(fuzzed, body):
    client, handler = fuzzed
    no_crash(client.post("/api/ask", json=body), handler)


@FUZZ
@given(body=st.one_of(st.binary(max_size=300),
                      st.integers(1, 200_000).map(lambda n: ("[" * n).encode()),
                      st.integers(1, 100_000).map(lambda n: ('{"q":' * n).encode())))
def test_raw_json_bodies_to_ask_never_crash(fuzzed, body):
    client, handler = fuzzed
    no_crash(client.post("/api/ask", data=body, content_type="application/json"), handler)
