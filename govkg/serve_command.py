"""`govkg serve`: the HTTP service (SPARQL endpoint, search, questions, page) under waitress."""

from __future__ import annotations

import logging
import threading
import time


def register(sub) -> None:
    p = sub.add_parser("serve", help="serve the SPARQL endpoint, search, questions and the page over HTTP")
    p.add_argument("--store", metavar="DIR", default=None,
                   help="the store: a directory for oxigraph (default $GOVKG_STORE or ~/.local/share/govkg/store), "
                        "the endpoint URL for sparql; memory takes none")
    p.add_argument("--store-kind", metavar="KIND", default=None,
                   help="oxigraph (default, or $GOVKG_STORE_KIND), memory or sparql")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=5000, help="port to listen on (default 5000)")
    p.add_argument("--threads", type=int, default=8, help="requests served at once (default 8)")
    p.add_argument("--query-timeout", type=float, default=5.0, metavar="SECONDS",
                   help="time limit of one SPARQL query (default 5)")
    p.add_argument("--query-workers", type=int, default=4, metavar="N",
                   help="processes that run queries on an oxigraph store; a query past its limit has its process "
                        "killed (default 4; 0 runs queries in the server's threads)")
    p.add_argument("--per-client", type=int, default=2, metavar="N",
                   help="SPARQL queries one client may run at once; more get 429 (default 2: one client "
                        "cannot hold every query worker)")
    p.add_argument("--connection-limit", type=int, default=1000, metavar="N",
                   help="open connections at once, idle ones included (default 1000)")
    p.add_argument("--channel-timeout", type=int, default=30, metavar="SECONDS",
                   help="an idle or stalled connection is closed after this long (default 30)")
    p.add_argument("--trusted-proxy", metavar="ADDR", default=None,
                   help="the address of a reverse proxy in front of us: its X-Forwarded-For then names the client "
                        "(for the per-client limit and the access log); from anyone else the header is ignored")
    p.add_argument("--log-level", default="info", choices=["debug", "info", "warning", "error"],
                   help="least important log lines shown (default info: one access line per request)")
    p.add_argument("--log-format", default="text", choices=["text", "json"],
                   help="log lines as text or JSON objects (one a line, for log collectors)")
    p.set_defaults(func=run)


def run(args) -> int:
    import waitress

    from govkg import lean_imports

    lean_imports.load()

    from graph_store.base import StoreError
    from graph_store.registry import default_kind, default_location
    from query_api.app import create_app
    from query_api.ask import answer
    from query_api.logs import configure
    from query_api.prepare import prepare_questions
    from query_api.store import close_store, get_store

    configure(args.log_level, args.log_format)
    log = logging.getLogger("govkg.serve")
    kind = (args.store_kind or default_kind()).lower()
    location = args.store or (str(default_location()) if kind == "oxigraph" else None)
    # The service never writes; read-only lets `govkg ingest` keep writing to an oxigraph store meanwhile.
    options = {"read_only": True, "query_workers": args.query_workers} if kind == "oxigraph" else {}
    app = create_app({"STORE_KIND": kind, "STORE_LOCATION": location, "STORE_OPTIONS": options,
                      "QUERY_TIMEOUT": args.query_timeout, "SPARQL_PER_CLIENT": args.per_client})
    try:
        with app.app_context():
            store = get_store()  # open now: a store that cannot open should stop us here, not on the first request
            graphs = len(store.graphs())
            # The labels, the jieba dictionary and the EntityRuler are loaded now (made, when no `govkg ingest`
            # prepared them), and one question answered, so the first user's question does not wait for them;
            # the search, topic and text indexes are loaded once the port is open (a request needing one
            # waits for it), so the time to a first answer does not grow with the number of documents.
            log.info("正在载入实体词典 (loading the graph's labels) …")
            rest = prepare_questions(store)
            answer(store, "有哪些部门")
    except StoreError as exc:
        log.error("cannot open the %s store %s: %s", kind, location or "", exc)
        return 1
    shown = "localhost" if args.host in ("127.0.0.1", "::1") else args.host
    log.info("%s store %s with %d document graphs; http://%s:%d/ (SPARQL at /sparql)", kind,
             location or "(in memory)", graphs, shown, args.port)
    log.info("queries: %g s each, %s; %d SPARQL queries at once per client; %d connections, idle ones closed "
             "after %d s", args.query_timeout,
             f"{args.query_workers} worker processes" if options.get("query_workers") else "in threads",
             args.per_client, args.connection_limit, args.channel_timeout)
    proxy = {"trusted_proxy": args.trusted_proxy, "trusted_proxy_headers": {"x-forwarded-for", "x-forwarded-proto"},
             "clear_untrusted_proxy_headers": True} if args.trusted_proxy else {}
    threading.Thread(target=_load_indexes, args=(store, rest, log), name="govkg-indexes", daemon=True).start()
    try:
        # A request body larger than the app accepts is refused as soon as its headers are read (waitress
        # would otherwise buffer up to 1 GB to disk first); idle connections are closed after channel_timeout.
        waitress.serve(app, host=args.host, port=args.port, threads=args.threads, ident="govkg",
                       connection_limit=args.connection_limit, channel_timeout=args.channel_timeout,
                       cleanup_interval=min(10, args.channel_timeout),
                       max_request_body_size=app.config["MAX_CONTENT_LENGTH"] + 1, **proxy)
    finally:
        close_store(app)
    return 0


def _load_indexes(store, rest, log: logging.Logger) -> None:
    """The indexes a question's first answer did not need, loaded (or made) behind the open port."""
    from graph_store.base import StoreError
    from query_api.answering import candidates

    started = time.perf_counter()
    try:
        rest()
        candidates.index_for(store)  # made here, not by the ingest: answering.candidates logs what it costs
    except StoreError as exc:  # the request that needs an index makes it again, and says what failed
        log.error("loading the search and topic indexes failed: %s", exc)
        return
    log.info("搜索与主题索引已载入 (search and topic indexes loaded in %.1f s)", time.perf_counter() - started)
