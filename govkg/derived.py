"""What `govkg ingest` makes of a record where it was parsed (`store_commands._mapped`: the mapped N-Quads, the
shared statements' lines, the service's row texts) depends on besides the record: kept beside the record
(ingest.record_cache.Derived) under this digest, so a change of any of it makes it again.

Nothing of it depends on the store: a document's earlier versions, what the store holds and the lexicon are
the writer's (the rows get their version when they are kept, after the write).
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# the mapping (ingest.rdf, ingest.resolve), the ontology, the descriptions (graph_store.shared) and the rows
# (query_api.prepare.read_rows, row_texts), and the commands (`store_commands._mapped` calls them: the whole package,
# so a step moved to another of its modules is still in the digest)
PACKAGES = ("govkg", "ingest", "ontology", "graph_store", "query_api")
LIBRARIES = ("pyoxigraph", "rdflib", "jieba")  # the terms' N-Triples forms, the namespaces, the rows' words


def derived_digest(rows: bool) -> str:
    """The digest of every source (.py of PACKAGES, the ontology's Turtle, the rows' word
    lists), the LIBRARIES' versions, the base IRI the mapping mints with, and `rows` (whether rows are made)."""
    from ingest.rdf import DEFAULT_BASE
    from ingest.record_cache import code_digest

    sources = (*(ROOT / name for name in PACKAGES),
               *sorted((ROOT / "query_api" / "data").glob("*.txt")), ROOT / "ontology" / "govkg.ttl")
    return code_digest(sources, LIBRARIES, f"{DEFAULT_BASE}\0rows={rows}")
