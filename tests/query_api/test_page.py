"""The pages for people: served without external resources and without inline scripts (the server's
Content-Security-Policy allows scripts from our own files only)."""

from __future__ import annotations

import re

from graph_store.registry import open_store
from query_api.app import create_app


def test_pages_have_the_question_box_and_the_sparql_editor_and_no_external_resources():
    client = create_app({"STORE": open_store("memory"), "TESTING": True}).test_client()
    home = client.get("/").get_data(as_text=True)
    editor = client.get("/sparql-editor").get_data(as_text=True)
    assert 'id="q"' in home and 'href="/sparql-editor"' in home
    assert 'action="/sparql"' in editor and "PREFIX gk: &lt;https://w3id.org/govkg/def#&gt;" in editor
    for html in (home, editor):
        assert "http://" not in html.replace("&lt;http://", "").replace("<http://", "") and "https://cdn" not in html
        scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
        assert scripts and all('src="/static/' in attrs and not body.strip() for attrs, body in scripts)
        for src in re.findall(r'(?:src|href)="(/static/[^"]+)"', html):
            assert client.get(src).status_code == 200, src


def test_vendored_libraries_keep_their_licences():
    client = create_app({"STORE": open_store("memory"), "TESTING": True}).test_client()
    for path in ("echarts/LICENSE", "codemirror/LICENSE", "VERSIONS"):
        assert client.get(f"/static/vendor/{path}").status_code == 200
