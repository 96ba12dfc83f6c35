"""Single writes to a SPARQL store (`SparqlStore.replace_graph`, `remove_graph`): a document written where
no query sees it, then one update request (one transaction in Virtuoso) lists it, keeps the reference and
union graphs, drops its earlier versions and raises the generation (graph_store.sparql's docstring tells
the whole story; graph_store.sparql_batch writes a batch of new documents).
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterable

from rdflib import Graph

from graph_store.base import check_graph
from graph_store.shared import LEDGER, is_ledger
from graph_store.sparql_batch import document_ntriples
from graph_store.sparql_union import HOLDS, copy_in, mark_complete, not_written, take_out, unheld
from ontology.ledger import DocumentGraph

GENERATION = "urn:govkg:catalog#generation"
VERSION = "urn:govkg:catalog#version"


def _ntriples(graph: Graph | DocumentGraph) -> bytes:
    """`graph` as N-Triples (UTF-8): a DocumentGraph's quads written by pyoxigraph as mapped, an rdflib Graph by rdflib."""
    if isinstance(graph, DocumentGraph):
        return document_ntriples(graph)
    return graph.serialize(format="nt", encoding="utf-8")


class SparqlWrites:
    """replace_graph and remove_graph for SparqlStore (which gives `connector`, `_writable`, `_document_iri`,
    `_select`, `_union_complete`, `graphs`, the catalog's and the graphs' IRIs and the caches `_known` and
    `_union_ready`)."""

    def replace_graph(self, graph_iri: str, graph: Graph | DocumentGraph, *, replaces: Iterable[str] = ()) -> None:
        iri = self._document_iri(graph_iri)
        old = [self._document_iri(g) for g in replaces if g != iri]
        self._writable()
        if not isinstance(graph, DocumentGraph):
            check_graph(graph)  # a DocumentGraph's IRIs were checked by pyoxigraph when it was mapped
        if len(graph) == 0:
            for name in (*old, iri):
                self.remove_graph(name)
            return
        self._replace_versions(iri, graph, old, self._listed(iri))

    def _listed(self, iri: str) -> bool:
        """Whether the catalog lists `iri`: one lookup, where reading the list grows with the store."""
        return bool(self._select(f"ASK {{ GRAPH <{self.catalog}> {{ <{self.catalog}> <{HOLDS}> <{iri}> }} }}",
                                 [self.catalog], [self.catalog]).askAnswer)

    def _list(self, *names: str) -> str:
        """The update that lists `names` in the catalog."""
        triples = " ".join(f"<{self.catalog}> <{HOLDS}> <{g}> ." for g in names)
        return f"INSERT DATA {{ GRAPH <{self.catalog}> {{ {triples} }} }} ;\n"

    def _replace_versions(self, iri: str, graph: Graph | DocumentGraph, old: list[str], rewrite: bool) -> None:
        """A document written where no query sees it — at `iri` while the catalog does not list it (a new
        document: no staging graph to copy; a MOVE of a document's 8 k triples was half of its write), else
        (`rewrite`: its content is replaced) in a staging graph — then one update request (one transaction in
        Virtuoso) keeps the reference and union graphs, drops the earlier versions (and the graph's old
        content), moves a staged graph into place and updates the catalog. The written graph is listed while
        the reference and union graphs are kept, so what the new version states again stays where it is: only
        what no listed graph holds any more leaves them (re-ingesting a document at 1,000 documents took 10 k
        triples out of the union graph and put them back)."""
        union = self._union_kept()
        target = self._write_unlisted(graph, f"{self.catalog}:staging:{uuid.uuid4()}" if rewrite else iri)
        listed = lambda name: f"GRAPH <{self.catalog}> {{ <{self.catalog}> <{HOLDS}> <{name}> }}"  # noqa: E731
        dropped = [*old, iri] if rewrite else old
        # the reference graph changes when a graph goes or the new one has a ledger
        shared = bool(dropped) or (bool(graph.ledger.strip()) if isinstance(graph, DocumentGraph)
                                   else any(map(is_ledger, graph.predicates())))
        try:
            self.connector.update(
                f"INSERT DATA {{ {listed(target)} }} ;\n"
                + self._shared_update(dropped, target)
                + (take_out(self.union_graph, self.catalog, dropped, [self.shared_graph], target) if union else "")
                + (f"DELETE DATA {{ {listed(target)} }} ;\n" if rewrite else "")
                + "".join(f"DROP SILENT GRAPH <{g}> ;\n" for g in dropped)
                + (f"DELETE DATA {{ {' '.join(listed(g) for g in old)} }} ;\n" if old else "")
                + (self._list(*[iri] * rewrite, self.shared_graph) if shared else "")
                + (f"MOVE SILENT GRAPH <{target}> TO GRAPH <{iri}> ;\n" if rewrite else "")
                + (copy_in(self.union_graph, iri) if union else "")
                + self._raise_generation([iri], old, shared=shared))
        except BaseException:
            if not rewrite:  # nothing lists it: the update was rolled back whole
                self.connector.update(f"DROP SILENT GRAPH <{target}>")
            raise
        finally:
            self._known = None
            if rewrite:
                self.connector.update(f"DROP SILENT GRAPH <{target}>")

    def _shared_update(self, dropped: list[str], written: str | None = None) -> str:
        """The operations that keep the reference graph (graph_store.shared) when the graphs `dropped` go and
        `written` (listed in the catalog by then) arrives: a statement of a dropped ledger goes unless a
        graph of the catalog not dropped states it (one lookup of the ledger triple each), and the
        statements of the written ledger are added (Virtuoso keeps one copy of a quad)."""
        ledger = f'FILTER(STRSTARTS(STR(?lp), "{LEDGER}"))'
        statement = f'BIND(IRI(STRAFTER(STR(?lp), "{LEDGER}")) AS ?p)'
        # one operation a dropped graph, named in it (as sparql_union.take_out)
        update = "".join(f"DELETE {{ GRAPH <{self.shared_graph}> {{ ?s ?p ?o }} }} WHERE {{ "
                         f"{not_written(graph, '?s ?lp ?o', ledger, written)} {statement} "
                         f"{unheld('?s ?lp ?o', self.catalog, dropped)} }} ;\n" for graph in dropped)
        if written:
            update += (f"INSERT {{ GRAPH <{self.shared_graph}> {{ ?s ?p ?o }} }} WHERE {{ "
                       f"GRAPH <{written}> {{ ?s ?lp ?o {ledger} }} {statement} }} ;\n")
        return update

    def _write_unlisted(self, graph: Graph | DocumentGraph, name: str) -> str:
        """Write `graph` as the graph `name`, which the catalog does not list (so no query sees it); `name`."""
        if self.connector.gsp_url:
            self.connector.put_graph(name, _ntriples(graph))  # replaces whatever a failed write left there
            return name
        lines = _ntriples(graph).decode().splitlines()
        lines = sorted(line for line in lines if line.strip())
        plain = [line for line in lines if "_:" not in line]
        with_blanks = [line for line in lines if "_:" in line]
        # Virtuoso refuses long updates: chunks; triples with blank nodes in one chunk, since each
        # request makes its blank nodes anew.
        chunks = [plain[i:i + self.update_chunk] for i in range(0, len(plain), self.update_chunk)]
        if with_blanks:
            chunks.append(with_blanks)
        try:
            self.connector.update(f"DROP SILENT GRAPH <{name}>")  # what a failed write left there
            for chunk in chunks:
                self.connector.update(f"INSERT {{ GRAPH <{name}> {{\n" + "\n".join(chunk) + "\n} } WHERE {}")
        except BaseException:
            self.connector.update(f"DROP SILENT GRAPH <{name}>")
            raise
        return name

    def remove_graph(self, graph_iri: str) -> bool:
        iri = self._document_iri(graph_iri)
        connector = self._writable()
        union = self._union_kept()
        existed = self._listed(iri)
        connector.update(self._shared_update([iri])
                         + (take_out(self.union_graph, self.catalog, [iri], [self.shared_graph]) if union else "")
                         + f"DROP SILENT GRAPH <{iri}> ;\n"
                         f"DELETE DATA {{ GRAPH <{self.catalog}> {{ <{self.catalog}> <{HOLDS}> <{iri}> }} }} ;\n"
                         + self._raise_generation([], [iri], shared=True))
        self._known = None
        return existed

    def _union_kept(self) -> bool:
        """Whether writes keep the union graph (union="graph"); a store written by an earlier govkg, whose
        catalog does not say its union graph is complete, gets every listed graph copied in first."""
        if self.union != "graph":
            return False
        if not self._union_complete(recheck=True):
            for name in self.graphs():
                if name != self.shared_graph:
                    self.connector.update(copy_in(self.union_graph, name))
            self.connector.update(mark_complete(self.union_graph, self.catalog))
            self._union_ready = True
        return True

    def _raise_generation(self, written: Iterable[str], dropped: Iterable[str] = (), shared: bool = False) -> str:
        """The update that gives the catalog graph a new generation; sent in the same request as the write
        where the write is a SPARQL update (one transaction in Virtuoso), after it for a GSP PUT (readers
        then see the new graph a moment before the new generation, never the reverse). The value is the
        writer's clock in ns: it need only differ from the last one, and Virtuoso cannot compute n + 1 in
        an update (an OPTIONAL with BIND matches nothing; a sub-select fails to compile). With it, the
        version of each graph `written` (a fresh token) replaces its old one; those of `dropped` go."""
        cat = f"<{self.catalog}>"
        fresh = [*written, *[self.shared_graph] * shared]  # the reference graph may change
        forget = "".join(f"DELETE WHERE {{ GRAPH {cat} {{ <{g}> <{VERSION}> ?v }} }} ;\n" for g in (*dropped, *fresh))
        versions = "".join(f' <{g}> <{VERSION}> "{uuid.uuid4().hex}" .' for g in fresh)
        return (forget + f"DELETE WHERE {{ GRAPH {cat} {{ {cat} <{GENERATION}> ?n }} }} ;\n"
                f"INSERT DATA {{ GRAPH {cat} {{ {cat} <{GENERATION}> {time.time_ns()} .{versions} }} }}")
