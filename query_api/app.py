"""The app factory: `create_app(test_config)` builds a configured Flask app (never a module-global one).

Config (defaults below; `test_config` overrides them):

    STORE / STORE_KIND / STORE_LOCATION / STORE_OPTIONS   the graph store (see query_api.store)
    QUERY_TIMEOUT                         seconds a SPARQL query may run (default 5)
    MAX_ROWS                              rows or triples a SPARQL answer may hold (default 10000)
    MAX_CONTENT_LENGTH                    largest request body accepted, bytes (default 1 MiB)
    SPARQL_PER_CLIENT                     /sparql queries one client may run at once (default 2; then 429)
"""

from __future__ import annotations

from flask import Flask

from query_api import api, data_api, entity_pages, errors, guards, logs, pages, sparql, store

DEFAULTS = {
    "STORE": None,
    "STORE_KIND": None,
    "STORE_LOCATION": None,
    "STORE_OPTIONS": None,
    "QUERY_TIMEOUT": 5.0,
    "MAX_ROWS": 10000,
    "MAX_CONTENT_LENGTH": 1024 * 1024,
    "SPARQL_PER_CLIENT": 2,
}


def create_app(test_config: dict | None = None) -> Flask:
    """A new app over the configured store (opened on first use): /sparql, /api/…, the pages at / and
    /sparql-editor, and a page (or Turtle, JSON-LD, N-Triples) at the path of every entity IRI."""
    app = Flask(__name__)
    app.config.from_mapping(DEFAULTS)
    if test_config:
        app.config.from_mapping(test_config)
    app.json.ensure_ascii = False  # Chinese stays readable in every JSON answer
    logs.init_app(app)
    errors.init_app(app)
    guards.init_app(app)
    store.init_app(app)
    sparql.init_app(app)
    app.register_blueprint(api.bp)
    app.register_blueprint(data_api.bp)
    app.register_blueprint(pages.bp)
    app.register_blueprint(entity_pages.bp)  # last: its catch-all route answers the paths no other route takes
    app.add_template_filter(pages.entity_url, "entity_url")
    app.add_template_filter(pages.plain, "plain")
    return app
