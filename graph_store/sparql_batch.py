"""New documents written to a SPARQL store in a batch (`SparqlStore.write_new`, what `govkg ingest` writes
new documents with): a graph is one Graph Store Protocol PUT whatever the batch, everything else one
request per batch. At 100 documents, a request and a commit per document (the catalog's look-up of the
graph, the update listing it) and a scan of each stored graph for its ledger's statements were a fifth of
the writing process; the PUTs and the union graph's copy are the server's own work of storing.
"""

from __future__ import annotations

import uuid

import pyoxigraph as ox
from rdflib.term import Variable

from graph_store.sparql_union import HOLDS, copy_in
from ontology.ledger import DocumentGraph, ox_predicate_of


def document_ntriples(document: DocumentGraph) -> bytes:
    """A mapped document's quads as N-Triples (UTF-8)."""
    # pyoxigraph writes one quad a line ending in " <graph> .", a newline in a literal escaped: the graph
    # name cut from each line end is its N-Triples (parsing and writing them again was 1/5 of ingest's
    # writing process at 250 documents)
    return (document.own + document.ledger).replace(f" <{document.iri}> .\n".encode(), b" .\n")


class SparqlBatchWrites:
    """write_new for SparqlStore (which gives `_writable`, `_document_iri`, `_select`, `_list`, `_union_kept`,
    `_shared_update`, `_raise_generation`, `replace_graph` and the graphs' IRIs)."""

    def write_new(self, documents: list[DocumentGraph]) -> None:
        """New documents in as few requests as the protocol allows: which are listed already is one query, each
        graph one PUT where it goes, the batch's ledger statements one PUT to a staging graph that no query
        sees, and one update lists them all, fills the reference and union graphs and raises the generation
        once (a request and a commit per document, and a scan of each graph for its ledger, were a fifth of
        the writing at 100 documents). A graph listed after all, or empty, is written by replace_graph."""
        connector = self._writable()
        if not connector.gsp_url or not all(isinstance(d, DocumentGraph) for d in documents):
            return super().write_new(documents)
        listed = self._listed_of([self._document_iri(d.iri) for d in documents])
        batch = [d for d in documents if d.iri not in listed and len(d)]
        for document in documents:
            if document not in batch:
                self.replace_graph(document.iri, document)
        if not batch:
            return
        union = self._union_kept()
        ledger, scanned = _ledger_triples(batch)
        staging = f"{self.catalog}:staging:{uuid.uuid4()}" if ledger else None
        try:
            for document in batch:
                connector.put_graph(document.iri, document_ntriples(document))
            if staging:
                connector.put_graph(staging, ledger)
            iris = [d.iri for d in batch]
            connector.update(
                (f"ADD SILENT GRAPH <{staging}> TO GRAPH <{self.shared_graph}> ;\n" if staging else "")
                + "".join(self._shared_update([], iri) for iri in scanned)
                + self._list(*iris, *[self.shared_graph] * bool(staging or scanned))
                + ("".join(copy_in(self.union_graph, iri) for iri in iris) if union else "")
                + self._raise_generation(iris, shared=bool(staging or scanned)))
        except BaseException:
            connector.update("".join(f"DROP SILENT GRAPH <{d.iri}> ;\n" for d in batch))
            raise
        finally:
            self._known = None
            if staging:
                connector.update(f"DROP SILENT GRAPH <{staging}>")

    def _listed_of(self, iris: list[str]) -> set[str]:
        """Those of `iris` that the catalog lists: one query for a batch."""
        values = " ".join(f"<{g}>" for g in iris)
        rows = self._select(f"SELECT ?g WHERE {{ VALUES ?g {{ {values} }} GRAPH <{self.catalog}> "
                            f"{{ <{self.catalog}> <{HOLDS}> ?g }} }}", [self.catalog], [self.catalog]).bindings
        return {str(row[Variable("g")]) for row in rows}


def _ledger_triples(batch: list[DocumentGraph]) -> tuple[bytes, list[str]]:
    """The reference graph's statements of a batch's ledgers (each once, as N-Triples: the ledger predicate
    back to its own), and the graphs whose ledgers hold a blank node: those are copied from the stored graph
    (a blank node written apart would be another node)."""
    triples, scanned = set(), []
    for document in batch:
        quads = document.ledger_quads()
        if any(isinstance(t, ox.BlankNode) for q in quads for t in (q.subject, q.object)):
            scanned.append(document.iri)
            continue
        triples.update(ox.Triple(q.subject, ox_predicate_of(q.predicate), q.object) for q in quads)
    return (ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) if triples else b""), scanned
