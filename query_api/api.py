"""JSON API for people-facing features: /api/search, /api/ask, /api/ask/help, /api/path, /api/aggregate."""

from __future__ import annotations

import json

from flask import Blueprint, Response, current_app, jsonify, request

from query_api.errors import ApiError
from query_api.store import get_store

bp = Blueprint("api", __name__)
MAX_TEXT_CHARS = 500  # search words and entity names: longer is no search, only work


def _param(name: str, longest: int = MAX_TEXT_CHARS) -> str:
    """The text parameter `name` from the query string, a form or a JSON object; 400 when missing,
    not text, or longer than `longest` characters."""
    body = _json_body()
    if body is not None and not isinstance(body, dict):
        raise ApiError(400, "bad_json", "请求体应为 JSON 对象 (the JSON body must be an object such as {\"q\": \"…\"}, "
                       f"not {type(body).__name__})")
    value = request.args.get(name) or request.form.get(name) or (body or {}).get(name) or ""
    if not isinstance(value, str):
        raise ApiError(400, "bad_parameter", f"参数 {name} 应为文字 (parameter {name!r} must be a string)", parameter=name)
    value = value.strip()
    if not value:
        raise ApiError(400, "missing_parameter", f"缺少参数 {name} (missing parameter {name!r})", parameter=name)
    if len(value) > longest:
        raise ApiError(400, "too_long", f"参数 {name} 太长：最多 {longest} 个字，收到 {len(value)} 个 (parameter {name!r} "
                       f"is longer than {longest} characters)", parameter=name, allowed=longest)
    return value


def _json_body():
    """The request's JSON body (None without one); 400 for JSON that cannot be read. Parsed here, not with
    Flask's get_json(silent=True), which lets the RecursionError of a deeply nested array through as a 500."""
    if not request.is_json or not request.get_data(cache=True):
        return None
    try:
        return json.loads(request.get_data(cache=True))
    except (ValueError, RecursionError) as exc:
        raise ApiError(400, "bad_json", f"请求体不是可读的 JSON (the body is not JSON we can read: "
                       f"{type(exc).__name__})") from None


@bp.route("/api/ask", methods=["GET", "POST"])
def ask():
    """A Chinese question → intent, entities, SPARQL, answers with sources (200 with no answers if unknown)."""
    from query_api.ask import MAX_QUESTION_CHARS, answer

    return jsonify(answer(get_store(), _param("q", MAX_QUESTION_CHARS), _page()))


def _page() -> int:
    """The `page` parameter of a paged answer (from 1); 400 when it is not a whole number from 1 to 100,000."""
    value = request.args.get("page") or request.form.get("page") or "1"
    if not value.isdigit() or not 1 <= int(value) <= 100_000:
        raise ApiError(400, "bad_parameter", f"参数 page 应为 1 起的整数 (parameter 'page' must be a whole number from 1, "
                       f"not {value[:20]!r})", parameter="page")
    return int(value)


@bp.get("/api/ask/help")
def ask_help():
    """The kinds of questions understood, each with an example."""
    from query_api.ask import HELP_EXAMPLES, help_message

    return jsonify({"message": help_message(),
                    "intents": [{"intent": i, "title": t, "examples": e.split(" / ")} for i, t, e in HELP_EXAMPLES]})


@bp.get("/api/search")
def search():
    """BM25 keyword search over every entity (programs, departments, units, duties, indicators, line items,
    facts): one result per entity, facets by type, department, year and document, paging by offset."""
    from query_api.search import FACETS
    from query_api.search import search as run_search

    limit, offset = request.args.get("limit", "20"), request.args.get("offset", "0")
    if not limit.isdigit() or not 0 < int(limit) <= 200:
        raise ApiError(400, "bad_parameter", "limit 应为 1–200 的整数 (limit must be 1-200)", parameter="limit")
    if not offset.isdigit():
        raise ApiError(400, "bad_parameter", "offset 应为非负整数 (offset must be 0 or more)", parameter="offset")
    filters = {name: request.args.get(name, "") for name in FACETS}
    return jsonify(run_search(get_store(), _param("q"), int(limit), int(offset), filters))


@bp.get("/api/path")
def path():
    """How two entities (IRIs, labels or short names) are linked: the nodes and edges of a shortest path."""
    from graph_store import network
    from graph_store.base import StoreError
    from query_api.ask import knowledge_for
    from query_api.lexicon import normalise
    from query_api.names import match_org, org_index

    a, b = _param("from"), _param("to")
    store = get_store()
    lexicon = knowledge_for(store).lexicon

    def resolve(name: str) -> str:  # a short name, alias or abbreviation (白云区政务服务数据管理局, 区政数局) → its IRI, if only one
        found = {e.uri for e in lexicon.lookup(name)} or \
            {e.uri for e in match_org(normalise(name), org_index(lexicon))}
        return found.pop() if len(found) == 1 else name

    try:
        steps = network.shortest_path(store, resolve(a), resolve(b), timeout=current_app.config["QUERY_TIMEOUT"])
    except StoreError as exc:  # an entity that is not in the graph: the caller's mistake, not the store's
        raise ApiError(404, "not_found", f"找不到实体 (entity not found): {exc}") from exc
    message = "找到连接路径。" if steps else "这两个实体之间没有连接 (no path between them)."
    return jsonify({"from": a, "to": b, "path": [{"label": n, "edge": e} for n, e in steps], "message": message})


@bp.get("/api/aggregate")
def aggregate():
    """The cube: cut, drilldown, aggregate, order, limit, compare → cells as JSON or CSV (docs/api.md)."""
    from query_api.cube import CubeError, parse_params, run, to_csv

    try:
        query, fmt = parse_params(request.args)
        reply = run(get_store(), query, timeout=current_app.config["QUERY_TIMEOUT"])
    except CubeError as exc:
        raise ApiError(400, "bad_parameter", str(exc)) from exc
    if fmt == "csv":
        return Response(to_csv(reply), mimetype="text/csv", headers={
            "Content-Disposition": "attachment; filename=aggregate.csv"})
    return jsonify(reply)
