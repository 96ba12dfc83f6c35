"""The pages for people: `/` (ask a question, search with facets), `/sparql-editor` (a SPARQL editor
with a readable result table), and the template filters the entity pages use."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, render_template

bp = Blueprint("pages", __name__, template_folder="templates", static_folder="static", static_url_path="/static")

EXAMPLE_QUERY = """SELECT ?dept (SAMPLE(?label) AS ?name) (COUNT(DISTINCT ?doc) AS ?documents) WHERE {
  ?dept a gk:Department ; rdfs:label ?label .
  OPTIONAL { ?doc a gk:Document ; gk:department ?dept }
} GROUP BY ?dept ORDER BY ?name"""


@bp.get("/")
def index():
    """The page; it calls /api/ask and /api/search from the browser (no external scripts or fonts)."""
    from query_api.ask import HELP_EXAMPLES, knowledge_for
    from query_api.store import get_store

    # examples with a placeholder (某某局) would answer nothing when clicked: only whole questions are links
    examples = [text.split(" / ")[0] for _, _, text in HELP_EXAMPLES if "某" not in text.split(" / ")[0]][:6]
    departments: dict[str, dict] = {}
    for doc in knowledge_for(get_store()).documents.values():
        entry = departments.setdefault(doc.department_uri or "", {"uri": doc.department_uri, "label": doc.department, "years": set()})
        entry["years"].add(doc.year)
    listed = sorted((d for d in departments.values() if d["uri"]), key=lambda d: d["label"])
    return render_template("index.html", examples=examples, departments=listed)


@bp.get("/sparql-editor")
def sparql_page():
    """The SPARQL editor (CodeMirror); the query runs against /sparql from the browser."""
    from query_api.queries import PREFIXES

    return render_template("sparql.html", prefixes=PREFIXES, example=EXAMPLE_QUERY)


def entity_url(iri: str) -> str:
    """Where an IRI's page is: its own path when it is one of the store's entities, else the IRI itself."""
    from flask import g

    from query_api.linked_data import bases
    from query_api.store import get_store

    iri = str(iri)
    if "govkg_bases" not in g:  # once a request: a page has hundreds of links, the store's state costs a count
        g.govkg_bases = bases(get_store())
    if any(iri.startswith(base) for base in g.govkg_bases):
        return urlsplit(iri).path
    return iri


def plain(value) -> str:
    """A number as the document printed it (no rounding, no thousands separators); '' for None."""
    if value is None:
        return ""
    from query_api.exports import plain as plain_decimal

    return plain_decimal(value) or ""
