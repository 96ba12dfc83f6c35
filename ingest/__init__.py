"""Reading budget documents (.txt, .pdf) into structured records, and records into RDF.

Flow: `reader` (bytes → lines with line and page numbers) → `parse` (detects the layout family and
calls `guangdong` or `shanghai`) → `record.Record` → `rdf` (record → rdflib graph, using `ontology`).
May import: ontology. Never imports Flask, graph_store or query_api.
"""
