"""Reading budget documents (.txt, .pdf) into structured records, and records into RDF.

Flow: `reader` (bytes → lines with line and page numbers; a PDF's pages through `pdf` and
`pdf_fast`) → `parse` (detects the layout family and calls `guangdong` or `shanghai`, then
`tables`: a PDF's ruled tables read by the national templates, `grid` → `grid_read`,
`grid_totals`, `grid_programs`, `grid_targets`) → `record.Record` → `rdf` (record → rdflib graph,
using `ontology`).
May import: ontology. Never imports Flask, graph_store or query_api.
"""
