"""The backend contract. A store holds one named graph per source document; its default graph for
queries is the union of all named graphs unless the query says otherwise (FROM / default-graph-uri).

Backends are registered by name in `graph_store.registry` and imported lazily.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Graph
from rdflib.query import Result


class StoreError(Exception):
    """A store could not do what was asked; the message names the backend and the reason."""


class QueryTimeout(StoreError):
    """A query ran longer than its time limit and was stopped."""


class Store:
    """Base class of every backend. Subclasses set the capability flags and implement the methods."""

    name = "base"
    persistent = False  # keeps its data across processes
    transactional = False  # replace_graph is all-or-nothing

    def replace_graph(self, graph_iri: str, graph: Graph) -> None:
        """Make the named graph `graph_iri` hold exactly the triples of `graph` (atomically where supported)."""
        raise NotImplementedError(f"{self.name}: replace_graph")

    def remove_graph(self, graph_iri: str) -> bool:
        """Drop a named graph; True if it existed."""
        raise NotImplementedError(f"{self.name}: remove_graph")

    def graphs(self) -> list[str]:
        """The IRIs of the named graphs held."""
        raise NotImplementedError(f"{self.name}: graphs")

    def query(self, sparql: str, *, default_graph_uris: Iterable[str] = (), named_graph_uris: Iterable[str] = (),
              timeout: float | None = None) -> Result:
        """Run a SPARQL 1.1 query (SELECT, ASK, CONSTRUCT, DESCRIBE) and return rdflib's Result."""
        raise NotImplementedError(f"{self.name}: query")

    def triple_count(self, graph_iri: str | None = None) -> int:
        raise NotImplementedError(f"{self.name}: triple_count")

    def export(self, fmt: str = "nquads") -> bytes:
        """Everything as an RDF dataset serialisation (nquads, trig) or, for ttl/jsonld, the union graph."""
        raise NotImplementedError(f"{self.name}: export")

    def close(self) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()
