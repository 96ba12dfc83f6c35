"""Where the graph lives: a small backend contract and backends chosen by name (oxigraph on disk, memory,
remote sparql), plus a networkx view for link questions. May import: ontology. Never parses documents."""
