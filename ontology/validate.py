"""Check a graph against ontology/shapes.ttl with pyshacl.

`validate(graph)` returns a `Report` (conforms, the violations in plain words). From the shell:
`python -m ontology.validate FILE...` (Turtle, TriG, N-Quads…; a dataset, such as `govkg export --format nq`,
is checked as the union of its graphs); exit status 0 when every file conforms, 1 otherwise.
"""

from __future__ import annotations

import sys
import warnings
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from pyshacl import validate as shacl_validate
from rdflib import Dataset, Graph, Namespace
from rdflib.util import guess_format

from ontology.files import SHAPES_TTL
from ontology.ledger import described

SH = Namespace("http://www.w3.org/ns/shacl#")


@dataclass
class Report:
    conforms: bool
    violations: list[str] = field(default_factory=list)
    text: str = ""


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    return Graph().parse(SHAPES_TTL, format="turtle")


def validate(graph: Graph) -> Report:
    """Whether `graph` conforms to the shapes; each violation as 'focus node — path: message'.

    A document graph as stored is checked as the document's full description: its own triples and the
    shared statements its ledger makes (ontology.ledger). No inference is run: the mapper states every
    rdf:type the shapes target.
    """
    data = described(graph)  # a plain Graph too: pyshacl wraps it in a ConjunctiveGraph
    conforms, results, text = shacl_validate(data, shacl_graph=shapes_graph(), inference="none",
                                             allow_warnings=True)
    violations = []
    for result in results.subjects(SH.resultSeverity, SH.Violation):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        message = results.value(result, SH.resultMessage)
        violations.append(f"{focus} — {path.n3(graph.namespace_manager) if path is not None else ''}: {message}")
    return Report(bool(conforms), sorted(violations), str(text))


def load(path: Path) -> Graph:
    """A file as one graph: a dataset format (TriG, N-Quads) gives the union of its named graphs."""
    fmt = guess_format(str(path)) or "turtle"
    if fmt in ("trig", "nquads"):
        dataset = Dataset()
        with warnings.catch_warnings():  # rdflib's own TriG parser uses its deprecated ConjunctiveGraph
            warnings.simplefilter("ignore", DeprecationWarning)
            dataset.parse(path, format=fmt)
        union = Graph()
        for triple in dataset.quads((None, None, None, None)):
            union.add(triple[:3])
        return union
    return Graph().parse(path, format=fmt)


def main(argv: list[str] | None = None) -> int:
    paths = [Path(p) for p in (argv if argv is not None else sys.argv[1:])]
    if not paths:
        print("usage: python -m ontology.validate FILE...", file=sys.stderr)
        return 2
    status = 0
    for path in paths:
        report = validate(load(path))
        print(f"{path}: {'conforms' if report.conforms else f'{len(report.violations)} violation(s)'}")
        for line in report.violations[:50]:
            print(f"  {line}")
        status |= 0 if report.conforms else 1
    return status


if __name__ == "__main__":
    sys.exit(main())
