"""Every entity IRI resolves here (`query_api.linked_data`): an HTML page for people, Turtle, JSON-LD or
N-Triples for machines (Accept header, or `?format=`), each linking to the others."""

from __future__ import annotations

from flask import Blueprint, Response, abort, render_template, request

from query_api import entities, linked_data
from query_api.store import get_store

bp = Blueprint("entity_pages", __name__, template_folder="templates")


@bp.route("/<path:path>")
def entity(path: str):
    """The entity whose IRI is `<base><path>` (any base held in the store), in the negotiated format."""
    store = get_store()
    found = linked_data.resolve(store, path)
    if found is None:
        abort(404, description=f"找不到这个实体 (no entity at /{path})")
    iri, graph = found
    fmt = linked_data.negotiate(request.accept_mimetypes, request.args.get("format"))
    if fmt != "html":
        response = Response(linked_data.serialise(graph, fmt, iri), mimetype=linked_data.FORMATS[fmt][0])
    else:
        kinds = entities.types_of(graph, iri)
        view = entities.page(store, iri, kinds)
        response = Response(render_template(view.pop("template"), iri=iri, path=request.path, kinds=kinds,
                                            formats=linked_data.FORMAT_LABELS, **view))
    response.headers["Vary"] = "Accept"
    return response
