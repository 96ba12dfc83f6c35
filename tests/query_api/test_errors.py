"""Every error of the service has one shape, made by one function."""

from __future__ import annotations

import json

from query_api.errors import error_body, error_response


def test_error_shape_is_pinned(app):
    assert error_body(400, "bad_query", "查询有误", line=2, column=7) == {
        "error": {"status": 400, "code": "bad_query", "message": "查询有误", "line": 2, "column": 7}}
    with app.test_request_context("/api/x"):
        response = error_response(404, "not_found", "没有这个文档")
    assert response.status_code == 404
    assert response.mimetype == "application/json"
    assert json.loads(response.get_data(as_text=True)) == {
        "error": {"status": 404, "code": "not_found", "message": "没有这个文档"}}
    assert "没有这个文档" in response.get_data(as_text=True)  # Chinese is written as is, not \\u-escaped


def test_unknown_route_answers_404_in_the_shape(client):
    response = client.get("/no/such/route")
    assert response.status_code == 404
    error = response.get_json()["error"]
    assert (error["status"], error["code"]) == (404, "not_found")
    assert error["message"]


def test_wrong_method_answers_405_in_the_shape_and_names_the_allowed_ones(client):
    response = client.put("/sparql", data="ASK {}")
    assert response.status_code == 405
    assert response.get_json()["error"]["code"] == "method_not_allowed"
    assert {"GET", "POST"} <= {m.strip() for m in response.headers["Allow"].split(",")}


def test_a_bug_answers_500_in_the_shape_without_leaking_the_exception(app):
    def broken():
        raise RuntimeError("secret internal detail")

    app.add_url_rule("/broken", view_func=broken)
    response = app.test_client().get("/broken")
    assert response.status_code == 500
    assert response.get_json()["error"]["code"] == "internal_error"
    assert "secret internal detail" not in response.get_data(as_text=True)


def test_a_too_large_body_answers_413_in_the_shape(store, make_app):
    client = make_app(store, MAX_CONTENT_LENGTH=100).test_client()
    response = client.post("/sparql", data="ASK {}" + " " * 500, content_type="application/sparql-query")
    assert response.status_code == 413
    assert response.get_json()["error"]["status"] == 413


def test_a_browser_gets_an_html_error_page_but_api_routes_stay_json(client):
    browser = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
    page = client.get("/no/such/page", headers=browser)
    assert page.status_code == 404 and page.mimetype == "text/html"
    assert "404" in page.get_data(as_text=True)
    api = client.get("/api/no/such/thing", headers=browser)
    assert api.status_code == 404 and api.mimetype == "application/json"
    assert api.get_json()["error"]["code"] == "not_found"


def test_a_store_that_cannot_open_answers_503_naming_the_problem():
    from query_api.app import create_app

    app = create_app({"TESTING": True, "STORE_KIND": "no-such-backend"})  # builds: the store opens on first use
    response = app.test_client().get("/sparql", query_string={"query": "ASK {}"})
    assert response.status_code == 503
    error = response.get_json()["error"]
    assert error["code"] == "store_error" and "no-such-backend" in error["message"]
