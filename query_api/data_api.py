"""JSON and CSV of the figures: /api/observations (every figure with its source, CSV or JSON) and
/api/openapi.json (the description of /api/*)."""

from __future__ import annotations

import json
from importlib import resources

from flask import Blueprint, Response, jsonify, request

from graph_store.base import StoreError, check_iri
from query_api.errors import ApiError
from query_api.store import get_store

bp = Blueprint("data_api", __name__)


def csv_response(data: bytes, name: str) -> Response:
    return Response(data, mimetype="text/csv", headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})


@bp.get("/api/observations")
def observations():
    """Every figure (kind=line_item|program|fact, repeatable) of a department or document, with its source."""
    from query_api.exports import COLUMNS, OBS_KINDS, observations, to_csv

    kinds = request.args.getlist("kind") or None
    for kind in kinds or []:
        if kind not in OBS_KINDS:
            raise ApiError(400, "bad_parameter", f"kind 应为 {'|'.join(OBS_KINDS)}", parameter="kind")
    department, document = request.args.get("department"), request.args.get("document")
    for name, iri in (("department", department), ("document", document)):
        try:
            check_iri(iri) if iri else None
        except StoreError as exc:  # an IRI that cannot be written in SPARQL is the caller's mistake
            raise ApiError(400, "bad_parameter", f"IRI 有误 (bad IRI): {exc}", parameter=name) from exc
    rows = observations(get_store(), kinds, department, document)  # the store's failures are its own (503)
    if request.args.get("format") == "csv":
        return csv_response(to_csv(rows, COLUMNS), "-".join(kinds or ["observations"]))
    return jsonify({"columns": COLUMNS, "rows": rows, "count": len(rows)})


@bp.get("/api/openapi.json")
def openapi():
    """The OpenAPI 3 description of /api/* (query_api/data/openapi.json)."""
    text = resources.files("query_api").joinpath("data/openapi.json").read_text(encoding="utf-8")
    return jsonify(json.loads(text))
