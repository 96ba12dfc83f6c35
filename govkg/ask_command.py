"""`govkg ask "…" [--json] [--store DIR]`: answer a Chinese question from the command line."""

from __future__ import annotations

import json
import sys


def register(sub) -> None:
    p = sub.add_parser("ask", help="answer a Chinese question about the budget documents in the store")
    p.add_argument("question", help="the question, e.g. 哪些项目涉及12345热线")
    p.add_argument("--json", action="store_true", help="print the whole reply as JSON (as /api/ask returns it)")
    p.add_argument("--store", metavar="DIR|URL", default=None, help="store directory (default $GOVKG_STORE) or endpoint URL")
    p.add_argument("--store-kind", metavar="KIND", default=None, help="oxigraph (default), memory or sparql")
    p.set_defaults(func=run)


def run(args) -> int:
    from govkg import lean_imports

    lean_imports.load()
    from graph_store.base import StoreError
    from graph_store.registry import default_kind, open_store
    from query_api.ask import answer

    kind = args.store_kind or default_kind()
    try:  # read-only: asking never writes, and a running `govkg serve` may hold the store
        store = open_store(kind, args.store, **({"read_only": True} if kind == "oxigraph" else {}))
    except StoreError as exc:
        print(f"error: 无法打开图数据库 (cannot open the store): {exc}", file=sys.stderr)
        return 1
    with store:
        try:
            reply = answer(store, args.question)
        except StoreError as exc:  # a store that stopped answering, a query past its time limit
            print(f"error: 无法回答，图数据库出错 (the store failed to answer): {exc}", file=sys.stderr)
            return 1
    if args.json:
        print(json.dumps(reply, ensure_ascii=False, indent=2))
        return 0
    print(reply["message"] if not reply["answers"] else f"[{reply['intent']}] {reply['message']}")
    for a in reply["answers"]:
        value = f" = {a['value']:g} {a['unit'] or ''}".rstrip() if isinstance(a["value"], (int, float)) else ""
        print(f"- {a['label']}{value}")
        if a.get("text") and a["text"] != a["label"]:
            print(f"    {a['text']}")
        if a.get("source"):
            print(f"    来源: {a['source']}")
    return 0
