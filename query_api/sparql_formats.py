"""Result formats of the SPARQL endpoint: which media types each query form can be answered in, how the
client's choice is read (the `format` parameter, then Accept), and the writers.

    solutions (SELECT)       SPARQL JSON, SPARQL XML, CSV, TSV (W3C sparql11-results-csv-tsv), HTML table
    boolean (ASK)            SPARQL JSON, SPARQL XML, HTML
    graph (CONSTRUCT, DESCRIBE, the service description)
                             Turtle, N-Triples, JSON-LD, RDF/XML, N3, HTML

rdflib writes JSON, XML and CSV results; it has no TSV result writer, so TSV is written here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from html import escape

from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.namespace import XSD
from rdflib.query import Result
from werkzeug.datastructures import MIMEAccept

# media type -> writer, per result kind; the first entry is the default for */* or no match.
OFFERS: dict[str, dict[str, str]] = {
    "solutions": {
        "application/sparql-results+json": "json",
        "application/sparql-results+xml": "xml",
        "text/csv": "csv",
        "text/tab-separated-values": "tsv",
        "application/json": "json",
        "application/xml": "xml",
        "text/html": "html",
    },
    "boolean": {
        "application/sparql-results+json": "json",
        "application/sparql-results+xml": "xml",
        "application/json": "json",
        "application/xml": "xml",
        "text/html": "html",
    },
    "graph": {
        "text/turtle": "turtle",
        "application/n-triples": "nt",
        "application/ld+json": "json-ld",
        "application/rdf+xml": "xml",
        "text/n3": "n3",
        "application/turtle": "turtle",
        "application/x-turtle": "turtle",
        "text/plain": "nt",
        "application/json": "json-ld",
        "application/xml": "xml",
        "text/html": "html",
    },
}

# ?format= / ?output= words (what SPARQLWrapper, Virtuoso and people type) -> media type, per kind.
_RESULT_WORDS = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                 "csv": "text/csv", "tsv": "text/tab-separated-values", "html": "text/html"}
FORMAT_WORDS: dict[str, dict[str, str]] = {
    "solutions": _RESULT_WORDS,
    "boolean": _RESULT_WORDS,
    "graph": {"turtle": "text/turtle", "ttl": "text/turtle", "nt": "application/n-triples",
              "ntriples": "application/n-triples", "n-triples": "application/n-triples",
              "json-ld": "application/ld+json", "jsonld": "application/ld+json", "json": "application/ld+json",
              "xml": "application/rdf+xml", "rdf+xml": "application/rdf+xml", "rdfxml": "application/rdf+xml",
              "rdf": "application/rdf+xml", "n3": "text/n3", "html": "text/html"},
}


def negotiate(kind: str, accept: MIMEAccept, format_values: Iterable[str] = ()) -> str:
    """The media type to answer a `kind` result in: the first `format` value we know for this kind (a word
    or a media type), else the best Accept match, else the kind's default."""
    offers = OFFERS[kind]
    for value in format_values:
        value = value.strip().lower()
        media = value if value in offers else FORMAT_WORDS[kind].get(value)
        if media:
            return media
    return accept.best_match(list(offers)) or next(iter(offers))


def content_type(media: str) -> str:
    return f"{media}; charset=utf-8"


def write_solutions(variables: Sequence[Variable], rows: Sequence[Mapping[Variable, object]], media: str) -> bytes:
    """SELECT results (`rows` map variables to rdflib terms; unbound ones are absent) in `media`."""
    writer = OFFERS["solutions"][media]
    if writer == "tsv":
        return _tsv(variables, rows).encode("utf-8")
    if writer == "html":
        return _html_table(variables, rows).encode("utf-8")
    result = Result("SELECT")
    result.vars = list(variables)
    result.bindings = list(rows)
    return result.serialize(format=writer, encoding="utf-8")


def write_boolean(answer: bool, media: str) -> bytes:
    writer = OFFERS["boolean"][media]
    if writer == "html":
        return _page("ASK", f"<p class=\"boolean\">{'true' if answer else 'false'}</p>").encode("utf-8")
    result = Result("ASK")
    result.askAnswer = answer
    return result.serialize(format=writer, encoding="utf-8")


def write_graph(graph: Graph, media: str) -> bytes:
    writer = OFFERS["graph"][media]
    if writer == "html":
        turtle = graph.serialize(format="turtle")
        return _page("RDF", f"<pre>{escape(turtle)}</pre>").encode("utf-8")
    return graph.serialize(format=writer, encoding="utf-8")


def tsv_term(term: object) -> str:
    """A term as SPARQL TSV writes it: Turtle syntax on one line; empty when unbound."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal):
        lexical = (str(term).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
                   .replace("\r", "\\r").replace("\t", "\\t"))
        if term.language:
            return f'"{lexical}"@{term.language}'
        if term.datatype and term.datatype != XSD.string:
            return f'"{lexical}"^^<{term.datatype}>'
        return f'"{lexical}"'
    return str(term)


def _tsv(variables: Sequence[Variable], rows: Iterable[Mapping[Variable, object]]) -> str:
    lines = ["\t".join(f"?{v}" for v in variables)]
    lines += ["\t".join(tsv_term(row.get(v)) for v in variables) for row in rows]
    return "\n".join(lines) + "\n"


def _html_table(variables: Sequence[Variable], rows: Sequence[Mapping[Variable, object]]) -> str:
    head = "".join(f"<th>?{escape(str(v))}</th>" for v in variables)
    body = "".join("<tr>" + "".join(f"<td>{_html_term(row.get(v))}</td>" for v in variables) + "</tr>" for row in rows)
    return _page("SELECT", f"<p>{len(rows)} 行 (rows)</p><table><tr>{head}</tr>{body}</table>")


_LINKABLE = re.compile(r"(?:https?|ftp)://", re.I)


def _html_term(term: object) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        if not _LINKABLE.match(term):  # javascript:, data:, vbscript: … are shown, never followed
            return escape(str(term))
        return f"<a href=\"{escape(str(term))}\">{escape(str(term))}</a>"
    return escape(tsv_term(term) if not isinstance(term, Literal) or term.language or term.datatype else str(term))


def _page(title: str, content: str) -> str:
    return (f"<!doctype html><html lang=\"zh\"><meta charset=\"utf-8\"><title>govkg SPARQL — {title}</title>"
            "<style>body{font-family:sans-serif;margin:1em}td,th{border:1px solid #ccc;padding:2px 6px;"
            "text-align:left;vertical-align:top}table{border-collapse:collapse}</style>"
            f"<body><p><a href=\"/sparql\">SPARQL</a> · <a href=\"/\">govkg</a></p>{content}</body></html>")
