"""Generate `ontology/namespace.py`, the closed Python namespace of our terms, from `govkg.ttl`.

Run `python -m ontology.generate` after editing the Turtle; a test fails while the two disagree.
The namespace is an rdflib `DefinedNamespace` with `_fail = True`, so `GK.Progam` raises at import
time instead of silently minting an IRI no query will ever match.
"""

from __future__ import annotations

import sys
from pathlib import Path

from rdflib import RDFS, Graph, Literal, URIRef

HERE = Path(__file__).resolve().parent
TURTLE = HERE / "govkg.ttl"
TARGET = HERE / "namespace.py"
NAMESPACE = "https://w3id.org/govkg/def#"

_HEADER = '''"""Closed namespace of the govkg vocabulary. GENERATED from govkg.ttl by `python -m ontology.generate`;
do not edit by hand (a test checks it is up to date)."""

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef


class GK(DefinedNamespace):
    """https://w3id.org/govkg/def# — a misspelled term raises AttributeError."""

    _fail = True
    _NS = Namespace("{ns}")

'''


def _label(graph: Graph, term: URIRef, lang: str) -> str:
    for label in graph.objects(term, RDFS.label):
        if isinstance(label, Literal) and label.language == lang:
            return str(label)
    return ""


def terms(graph: Graph) -> list[URIRef]:
    """Every IRI of our namespace that the Turtle describes (as a subject), sorted."""
    found = {s for s in graph.subjects() if isinstance(s, URIRef) and str(s).startswith(NAMESPACE)}
    return sorted(t for t in found if str(t) != NAMESPACE and str(t)[len(NAMESPACE):].isidentifier())


def render(turtle: Path = TURTLE) -> str:
    """The text of namespace.py for the given Turtle file; the same input gives the same text."""
    graph = Graph().parse(turtle, format="turtle")
    lines = [_HEADER.format(ns=NAMESPACE)]
    for term in terms(graph):
        name = str(term)[len(NAMESPACE):]
        comment = " / ".join(x for x in (_label(graph, term, "en"), _label(graph, term, "zh")) if x)
        lines.append(f"    {name}: URIRef" + (f"  # {comment}" if comment else "") + "\n")
    return "".join(lines)


def main() -> int:
    TARGET.write_text(render(), encoding="utf-8")
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
