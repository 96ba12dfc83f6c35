"""The SPARQL 1.1 Protocol endpoint at /sparql (and /sparql/): queries by GET, by POST as a form or as a
direct application/sparql-query body, with default-graph-uri / named-graph-uri; results in the format
the client asks for (sparql_formats); GET without a query gives the service description.

Safe by default:
- read-only: any SPARQL Update (form `update=`, application/sparql-update, or an update sent as a query)
  is refused with 403;
- SERVICE is refused (403): the endpoint never makes requests on a query's behalf;
- FROM / FROM NAMED name graphs of the store only (rdflib's loading of FROM IRIs is switched off for the
  process; oxigraph never loads them); default-graph-uri / named-graph-uri replace them;
- at most SPARQL_PER_CLIENT queries from one client at once (more: 429 with Retry-After, query_api.guards);
- every query runs under QUERY_TIMEOUT seconds (Store.query raises QueryTimeout → 503) and answers at most
  MAX_ROWS rows or triples (a cut answer carries the header Govkg-Result-Truncated: MAX_ROWS);
- a malformed query gets 400 with the store's parser message and position (sparql_checks says why the
  endpoint does not parse queries itself).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

import rdflib.plugins.sparql
from flask import Blueprint, Flask, Response, current_app, request
from rdflib import RDF, RDFS, BNode, Graph, Literal, Namespace, URIRef
from rdflib.query import Result

from graph_store.base import StoreError, check_iri
from graph_store.query_limits import check_query_limits
from query_api.errors import ApiError
from query_api.guards import client_slot
from query_api.sparql_checks import check_query, refuse_update, without_dataset_clauses
from query_api.sparql_formats import content_type, negotiate, write_boolean, write_graph, write_solutions
from query_api.store import get_store

bp = Blueprint("sparql", __name__)

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
TRUNCATED_HEADER = "Govkg-Result-Truncated"
FORM_TYPE = "application/x-www-form-urlencoded"
QUERY_TYPE = "application/sparql-query"
UPDATE_TYPE = "application/sparql-update"


@dataclass
class ProtocolRequest:
    """What a SPARQL Protocol request asks, whichever way it was sent."""

    query: str | None = None
    update: str | None = None
    default_graphs: list[str] = field(default_factory=list)
    named_graphs: list[str] = field(default_factory=list)
    formats: list[str] = field(default_factory=list)  # ?format= / ?output= values, strongest first


def init_app(app: Flask) -> None:
    """Register the endpoint, and stop rdflib from ever fetching a FROM IRI in this process."""
    # rdflib otherwise downloads (or reads from disk) a FROM graph it does not hold.
    rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False
    app.register_blueprint(bp)


@bp.route("/sparql", methods=["GET", "HEAD", "POST"])
@bp.route("/sparql/", methods=["GET", "HEAD", "POST"])
def endpoint() -> Response:
    req = read_request()
    if req.update is not None:
        refuse_update(req.update)
    if req.query is None:
        if request.method in ("GET", "HEAD"):  # HEAD answers as GET does; the server drops the body
            return service_description(req.formats)
        raise ApiError(400, "missing_query", "请求里没有查询 (no query): send query=… as a form field or the "
                       "query itself with Content-Type: application/sparql-query.")
    text = req.query
    check_query_limits(text, "sparql")  # first: the checks below each read the whole text
    if req.default_graphs or req.named_graphs:
        # The protocol's dataset replaces the one the query names (SPARQL 1.1 Protocol 2.1.4).
        text = without_dataset_clauses(text)
    # Relative IRIs in the query resolve against the endpoint's URL; a BASE of the query's own wins.
    text = f"BASE <{_base_iri()}> {text}"
    check_query(text)
    with client_slot():
        # One row past MAX_ROWS is enough to know the answer was cut.
        result = get_store().query(text, default_graph_uris=req.default_graphs, named_graph_uris=req.named_graphs,
                                   timeout=current_app.config["QUERY_TIMEOUT"],
                                   read_rows=current_app.config["MAX_ROWS"] + 1)
    return respond(result, req.formats, current_app.config["MAX_ROWS"])


def _base_iri() -> str:
    # The URL comes from the client's Host header: never let it write SPARQL of its own.
    try:
        return check_iri(request.base_url)
    except StoreError:
        return "http://localhost/sparql"


@bp.after_request
def _allow_browsers_elsewhere(response: Response) -> Response:
    # A public read-only endpoint: let query editors on other sites (YASGUI …) call it.
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Allow-Headers"] = "Content-Type, Accept"
    response.headers["Access-Control-Expose-Headers"] = TRUNCATED_HEADER
    return response


def read_request() -> ProtocolRequest:
    """The protocol request in `flask.request`; ApiError (400/415) for a request the protocol forbids."""
    queries, updates = request.args.getlist("query"), request.args.getlist("update")
    defaults, named = request.args.getlist("default-graph-uri"), request.args.getlist("named-graph-uri")
    if request.method == "POST":
        mimetype = request.mimetype
        if mimetype == FORM_TYPE:
            form = request.form
            queries += form.getlist("query")
            updates += form.getlist("update")
            defaults += form.getlist("default-graph-uri")
            named += form.getlist("named-graph-uri")
        elif mimetype in (QUERY_TYPE, UPDATE_TYPE):
            (queries if mimetype == QUERY_TYPE else updates).append(_utf8_body())
        elif not mimetype:
            raise ApiError(415, "missing_content_type", "POST 请求缺少 Content-Type (no Content-Type): use "
                           f"{FORM_TYPE} with query=…, or {QUERY_TYPE} with the query as the body.")
        else:
            raise ApiError(415, "unsupported_media_type", f"不支持的 Content-Type {mimetype!r}: use {FORM_TYPE} "
                           f"or {QUERY_TYPE}.")
    if len(queries) > 1 or len(updates) > 1:
        raise ApiError(400, "multiple_queries", "一个请求只能有一个查询 (one query or update per request; "
                       f"got {len(queries)} queries, {len(updates)} updates).")
    if queries and updates:
        raise ApiError(400, "query_and_update", "一个请求不能同时有 query 和 update (a request is a query or an update).")
    formats = request.values.getlist("format") + request.values.getlist("output")
    return ProtocolRequest(queries[0] if queries else None, updates[0] if updates else None, defaults, named, formats)


def _utf8_body() -> str:
    charset = request.mimetype_params.get("charset", "utf-8").lower()
    if charset not in ("utf-8", "utf8"):
        raise ApiError(415, "unsupported_charset", f"查询必须是 UTF-8 编码 (the body must be UTF-8, not {charset}).")
    try:
        return request.get_data().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ApiError(400, "bad_encoding", f"查询不是有效的 UTF-8 (the body is not valid UTF-8: {exc}).") from exc


def respond(result: Result, formats: list[str], max_rows: int) -> Response:
    """`result` in the negotiated format, cut to `max_rows` rows or triples (saying so in a header)."""
    truncated = False
    if result.type == "ASK":
        media = negotiate("boolean", request.accept_mimetypes, formats)
        body = write_boolean(bool(result.askAnswer), media)
    elif result.type == "SELECT":
        media = negotiate("solutions", request.accept_mimetypes, formats)
        rows = result.bindings  # the Store contract: already fully read
        truncated = len(rows) > max_rows
        body = write_solutions(result.vars or [], rows[:max_rows], media)
    else:
        media = negotiate("graph", request.accept_mimetypes, formats)
        graph = result.graph if result.graph is not None else Graph()
        truncated = len(graph) > max_rows
        if truncated:
            graph = _first_triples(graph, max_rows)
        body = write_graph(graph, media)
    response = Response(body, content_type=content_type(media))
    response.vary.add("Accept")
    if truncated:
        current_app.logger.warning("SPARQL result cut to %d rows", max_rows)
        response.headers[TRUNCATED_HEADER] = str(max_rows)
    return response


def _first_triples(graph: Graph, n: int) -> Graph:
    out = Graph(namespace_manager=graph.namespace_manager)
    for i, triple in enumerate(graph):
        if i >= n:
            break
        out.add(triple)
    return out


def service_description(formats: list[str]) -> Response:
    """sd:Service for this endpoint (Turtle by default), or a query form for a browser."""
    media = negotiate("graph", request.accept_mimetypes, formats)
    graph = describe_service(request.base_url, get_store().graphs())
    if media == "text/html":
        return Response(_form_page(graph.serialize(format="turtle")), content_type=content_type(media))
    response = Response(write_graph(graph, media), content_type=content_type(media))
    response.vary.add("Accept")
    return response


def describe_service(url: str, graph_iris: list[str]) -> Graph:
    """The SPARQL 1.1 Service Description of the endpoint at `url` over a store holding `graph_iris`."""
    g = Graph()
    g.bind("sd", SD)
    g.bind("formats", FORMATS)
    service, dataset, default = URIRef(url), BNode(), BNode()
    config = current_app.config
    g.add((service, RDF.type, SD.Service))
    g.add((service, SD.endpoint, service))
    g.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    g.add((service, SD.feature, SD.UnionDefaultGraph))
    g.add((service, RDFS.comment, Literal(
        f"govkg 政府预算决算知识图谱: read-only; each query may run {config['QUERY_TIMEOUT']} s and return at most "
        f"{config['MAX_ROWS']} rows; SERVICE and updates are refused; the default graph is the union of the "
        "named graphs (one per source document).", lang="en")))
    for name in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                 "Turtle", "N-Triples", "JSON-LD", "RDF_XML", "N3"):
        g.add((service, SD.resultFormat, FORMATS[name]))
    g.add((service, SD.defaultDataset, dataset))
    g.add((dataset, RDF.type, SD.Dataset))
    g.add((dataset, SD.defaultGraph, default))
    g.add((default, RDF.type, SD.Graph))
    for iri in graph_iris:
        named = BNode()
        g.add((dataset, SD.namedGraph, named))
        g.add((named, RDF.type, SD.NamedGraph))
        g.add((named, SD.name, URIRef(iri)))
    return g


EXAMPLE_QUERY = """SELECT ?graph (COUNT(*) AS ?triples)
WHERE { GRAPH ?graph { ?s ?p ?o } }
GROUP BY ?graph
ORDER BY ?graph"""


def _form_page(description: str) -> str:
    return ("<!doctype html><html lang=\"zh\"><meta charset=\"utf-8\"><title>govkg SPARQL</title>"
            "<body style=\"font-family:sans-serif;margin:1em\"><h1>govkg SPARQL 1.1 查询</h1>"
            "<form method=\"get\" action=\"\"><textarea name=\"query\" rows=\"10\" cols=\"90\">"
            f"{escape(EXAMPLE_QUERY)}</textarea><br><label>结果格式 format <select name=\"format\">"
            "<option value=\"html\">HTML</option><option value=\"json\">JSON</option><option value=\"xml\">XML"
            "</option><option value=\"csv\">CSV</option><option value=\"tsv\">TSV</option><option value=\"turtle\">"
            "Turtle (CONSTRUCT)</option></select></label> <button>查询 Run</button></form>"
            f"<h2>Service description</h2><pre>{escape(description)}</pre></body></html>")
