"""The `govkg` command line: wires ingest, graph_store and query_api together. May import all of them."""
