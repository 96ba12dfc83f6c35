"""A query worker process: opens an on-disk oxigraph store read-only, then answers queries sent over a
socket until the socket closes. Started by graph_store.query_pool as

    python -m graph_store.query_worker FD STORE_DIR

Requests are dicts {"query", "default_graphs", "named_graphs", "union", "max_rows", "read_rows"}; replies
are tuples of plain values (no pyoxigraph or rdflib objects), read here so the parent only decodes them:

    ("select", [variable names], [row tuples of encoded terms or None])
    ("ask", bool)
    ("graph", [triples of encoded terms])
    ("error", "syntax" | "store" | "too_large", message)      too_large: more than max_rows rows or triples

An encoded term is ("u", iri), ("b", blank node id) or ("l", lexical form, language, datatype IRI), the
datatype None for xsd:string. Imports pyoxigraph and the standard library only, so it starts in ~0.1 s.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from itertools import islice
from multiprocessing.connection import Connection

import pyoxigraph as ox

from graph_store.oxigraph_view import ReadOnlyView

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
PR_SET_PDEATHSIG = 1  # linux/prctl.h


def encode(term) -> tuple | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return ("u", term.value)
    if isinstance(term, ox.BlankNode):
        return ("b", term.value)
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        return ("l", term.value, term.language, None if datatype == XSD_STRING or term.language else datatype)
    raise TypeError(f"unexpected term in a result: {term!r}")  # RDF-star triples: not in our graphs


def query_options(request: dict) -> dict:
    """pyoxigraph's Store.query keyword arguments for the dataset a request names."""
    options: dict = {}
    if request.get("default_graphs"):
        options["default_graph"] = [ox.NamedNode(g) for g in request["default_graphs"]]
    elif request.get("union"):
        options["use_default_graph_as_union"] = True
    if request.get("named_graphs"):
        options["named_graphs"] = [ox.NamedNode(g) for g in request["named_graphs"]]
    return options


def answer(view: ReadOnlyView, request: dict) -> tuple:
    """The reply to one request (see the module docstring); errors become ("error", kind, message)."""
    options = query_options(request)
    # max_rows: a result that reaches it is refused (it would only fill this process's memory, then the
    # server's); read_rows: the caller needs no more, so reading stops there quietly.
    cap, wanted = request.get("max_rows"), request.get("read_rows")
    take = wanted if wanted is not None and (cap is None or wanted < cap) else cap

    def run(store: ox.Store) -> tuple:
        raw = store.query(request["query"], **options)
        if isinstance(raw, ox.QueryBoolean):
            return ("ask", bool(raw))
        if isinstance(raw, ox.QuerySolutions):
            names = [v.value for v in raw.variables]
            reply = ("select", names, [tuple(encode(value) for value in solution) for solution in islice(raw, take)])
        else:
            reply = ("graph", [(encode(t.subject), encode(t.predicate), encode(t.object)) for t in islice(raw, take)])
        if cap is not None and take == cap and len(reply[-1]) >= cap:
            return ("error", "too_large", f"结果太大 — the answer has more than {cap - 1} rows or triples; "
                    "narrow the query or add LIMIT")
        return reply

    try:
        return view.read(run)
    except SyntaxError as exc:
        return ("error", "syntax", str(exc))
    except (OSError, RuntimeError, ValueError, TypeError) as exc:
        return ("error", "store", f"{type(exc).__name__}: {exc}")


def die_with_parent() -> None:
    """On Linux, have the kernel kill us when the server dies (even by SIGKILL): a runaway query must not
    outlive it. Elsewhere the worker ends when its query does and the closed socket is seen."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            return


def main(argv: list[str] | None = None) -> int:
    fd, path = (argv or sys.argv[1:])[:2]
    parent = os.getppid()
    die_with_parent()
    if os.getppid() != parent:  # the server died before we asked
        return 0
    conn = Connection(int(fd))
    try:
        view = ReadOnlyView(path)
    except (OSError, RuntimeError) as exc:
        conn.send(("error", "store", f"cannot open {path} read-only: {exc}"))
        return 1
    conn.send(("ready", os.getpid()))
    while True:
        try:
            request = conn.recv()
            conn.send(answer(view, request))
        except (EOFError, OSError):  # the server closed our socket (or is gone): nothing left to do
            return 0


if __name__ == "__main__":
    sys.exit(main())
