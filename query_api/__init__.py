"""The Flask service: SPARQL 1.1 endpoint, keyword search, Chinese questions → SPARQL → answers, and a page
for people. May import: ontology, graph_store. Never parses documents."""
