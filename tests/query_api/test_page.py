"""The page for people: served without external resources, with the question box and the SPARQL form."""

from __future__ import annotations

from graph_store.registry import open_store
from query_api.app import create_app


def test_page_has_question_box_and_sparql_form_and_no_external_resources():
    client = create_app({"STORE": open_store("memory"), "TESTING": True}).test_client()
    html = client.get("/").get_data(as_text=True)
    assert 'id="q"' in html and 'action="/sparql"' in html
    assert "http://" not in html.replace("&lt;http://", "").replace("<http://", "") and "https://cdn" not in html
    assert client.get("/static/govkg.js").status_code == 200
