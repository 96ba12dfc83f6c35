"""JSON and CSV of the figures: /api/aggregate-lite (cells for the charts), /api/observations (every
figure with its source, CSV or JSON) and /api/openapi.json (the description of /api/*)."""

from __future__ import annotations

import json
from importlib import resources

from flask import Blueprint, Response, jsonify, request

from graph_store.base import StoreError
from query_api.errors import ApiError
from query_api.store import get_store

bp = Blueprint("data_api", __name__)


def csv_response(data: bytes, name: str) -> Response:
    return Response(data, mimetype="text/csv", headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})


def _int(name: str, default: int, most: int) -> int:
    value = request.args.get(name, str(default))
    if not value.isdigit() or int(value) > most:
        raise ApiError(400, "bad_parameter", f"{name} 应为 0–{most} 的整数 ({name} must be 0-{most})", parameter=name)
    return int(value)


@bp.get("/api/aggregate-lite")
def aggregate_lite():
    """Cells of observations cut and drilled down (the /api/aggregate contract of issue 11, a subset)."""
    from query_api.aggregate_lite import aggregate, parse_cuts
    from query_api.exports import to_csv

    reply = aggregate(get_store(), parse_cuts(request.args.getlist("cut")), request.args.getlist("drilldown"),
                      request.args.get("aggregate", "sum"), request.args.get("order"),
                      _int("limit", 100, 10000), _int("offset", 0, 10**9))
    if request.args.get("format") == "csv":
        columns = list(dict.fromkeys(k for cell in reply["cells"] for k in cell))
        return csv_response(to_csv(reply["cells"], columns), "aggregate")
    return jsonify(reply)


@bp.get("/api/observations")
def observations():
    """Every figure (kind=line_item|program|fact, repeatable) of a department or document, with its source."""
    from query_api.exports import COLUMNS, OBS_KINDS, observations, to_csv

    kinds = request.args.getlist("kind") or None
    for kind in kinds or []:
        if kind not in OBS_KINDS:
            raise ApiError(400, "bad_parameter", f"kind 应为 {'|'.join(OBS_KINDS)}", parameter="kind")
    try:
        rows = observations(get_store(), kinds, request.args.get("department"), request.args.get("document"))
    except StoreError as exc:  # an IRI that cannot be written in SPARQL is the caller's mistake
        raise ApiError(400, "bad_parameter", f"IRI 有误 (bad IRI): {exc}") from exc
    if request.args.get("format") == "csv":
        return csv_response(to_csv(rows, COLUMNS), "-".join(kinds or ["observations"]))
    return jsonify({"columns": COLUMNS, "rows": rows, "count": len(rows)})


@bp.get("/api/openapi.json")
def openapi():
    """The OpenAPI 3 description of /api/* (query_api/data/openapi.json)."""
    text = resources.files("query_api").joinpath("data/openapi.json").read_text(encoding="utf-8")
    return jsonify(json.loads(text))
