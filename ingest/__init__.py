"""Reading budget documents (.txt, .pdf, .docx, .xlsx, .xls; scans through OCR) into structured
records, and records into RDF.

Flow: `reader` (bytes → lines with line and page numbers; a PDF's pages through `pdf` and
`pdf_fast`; `office`, `ocr`) → `parse` (joins the parts of one publication with `parts`, detects
the layout family and calls `guangdong` or `shanghai`, then `tables`: a PDF's ruled tables read by
the national templates, `grid` → `grid_read`, `grid_totals`, `grid_programs`, `grid_targets`; then
completes the record from its narrative with `narrative` and checks its books with `checks`) →
`record.Record` (kept by `record_cache` for the next ingest of the same file) → `rdf` (record → rdflib graph,
using `ontology`).
May import: ontology. Never imports Flask, graph_store or query_api.
"""
