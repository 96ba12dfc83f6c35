"""bench_scale's printing: one block per store as it is measured, the ratios of issue 10's acceptance, and
a table of every store (markdown, for benchmarks/README.md)."""

from __future__ import annotations


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


def block(row: dict) -> None:
    print(f"\n== {row['backend']}, {row['size']} documents, {row['quads']:,} quads")
    raw = f"; the server's own PUT of each graph {row['raw_load']:.1f} s" if row.get("raw_load") else ""
    print(f"ingest {row['ingest']:.1f} s; pyoxigraph bulk_load of the same quads {row['bulk_load']:.1f} s "
          f"(ratio {row['ingest'] / row['bulk_load']:.1f}x){raw}{_again(row)}")
    if "join_rows" in row:
        print(f"layout: the code-label join over the union gives {row['join_rows']:,} rows for "
              f"{row['join_distinct']:,} distinct ({row['join_s']:.2f} s)")
    print(f"re-ingest one document: {row['reingest_big']:.2f} s into this store, {row['reingest_empty']:.2f} s "
          f"into an empty one (ratio {row['reingest_big'] / row['reingest_empty']:.2f}x)")
    print(f"serve start-up: first reply {row['cold_reply']:.1f} s, first answer {row['cold_answer']:.1f} s "
          f"(again, caches saved: {row['warm_reply']:.1f} / {row['warm_answer']:.1f} s)")
    right = f"{row['correct']} of {row['asked']} right" if row["correct"] is not None else "not scored"
    print(f"/api/ask p50 {ms(row['ask_p50'])}, p99 {ms(row['ask_p99'])}; {right}")
    for line in row["wrong"]:
        print(f"    wrong: {line}")
    cut = f" ({row['scans_cut']} of 10 cut at the time limit)" if row["scans_cut"] else ""
    print(f"/api/search p50 {ms(row['search_p50'])} (questions), {ms(row['search_words_p50'])} (words); "
          f"CONTAINS scan p50 {ms(row['scan_p50'])}{cut}: search "
          f"{row['scan_p50'] / row['search_words_p50']:.0f}x faster")
    print(f"{row['clients']} clients for {row['load_seconds']:.0f} s: {row['load_requests']} requests, {row['load_errors']} errors, {row['load_refused']} refused "
          f"(429); server RSS with its workers {row['rss_mb']:.0f} MB")
    store = (f", the SPARQL server {row['store_cpu_after']:.2f} s ({row['store_cpu_before']:.2f} s in a second "
             "before it)") if row.get("store_cpu_after") is not None else ""
    print(f"runaway query: HTTP {row['runaway_status']} {row['runaway_why']} after {row['runaway_s']:.1f} s; CPU in the next second: "
          f"the server {row['cpu_after']:.2f} s{store}", flush=True)


def _again(row: dict) -> str:
    """The ingest into a new store with the records cached, against bulk_load (none in an older run's figures)."""
    if row.get("ingest_again") is None:
        return ""
    return f"; again, the records cached: {row['ingest_again']:.1f} s ({row['ingest_again'] / row['bulk_load']:.1f}x)"


ACCEPTANCE = (("ask_p50", "/api/ask p50"), ("ask_p99", "/api/ask p99"), ("search_p50", "/api/search p50"),
              ("cold_reply", "start-up, first reply"), ("cold_answer", "start-up, first answer"),
              ("warm_answer", "start-up again, first answer"))


def ratios(rows: list[dict]) -> None:
    """Per backend, the largest store against the smallest, with the acceptance's bounds."""
    for backend in dict.fromkeys(r["backend"] for r in rows):
        mine = sorted((r for r in rows if r["backend"] == backend), key=lambda r: r["size"])
        small, big = mine[0], mine[-1]
        print(f"\n== {backend}: {big['size']} documents against {small['size']}")
        if big is small:
            print("one size only: no ratios")
        for key, label in ACCEPTANCE if big is not small else ():
            print(f"{label:<30} {big[key] / small[key]:6.1f}x   (acceptance ≤ 2)")
        for r in mine[1:]:
            same = [q for q, found in r["answers"].items() if small["answers"].get(q) == found]
            differ = ", ".join(sorted(set(r["answers"]) - set(same)))
            print(f"{r['size']:>5} documents: {len(same)} of {len(r['answers'])} questions answered exactly as at "
                  f"{small['size']}" + (f"; not {differ}" if differ else ""))
        for r in mine:
            right = "" if r["correct"] is None else f"; {r['correct']}/{r['asked']} right"
            again = f" ({r['ingest_again'] / r['bulk_load']:.1f}x the records cached)" if r.get("ingest_again") else ""
            print(f"{r['size']:>5} documents: ingest/bulk_load {r['ingest'] / r['bulk_load']:.1f}x{again}, re-ingest "
                  f"{r['reingest_big'] / r['reingest_empty']:.2f}x (each ≤ 2){right}; {r['load_errors']} errors "
                  f"under load; RSS {r['rss_mb']:.0f} MB (≤ 1 GB); CPU after a runaway {r['cpu_after']:.2f} s")


def cells(r: dict) -> list[str]:
    right = "–" if r["correct"] is None else f"{r['correct']} / {r['asked']}"
    raw = f", PUT {r['raw_load']:.0f} s" if r.get("raw_load") else ""
    store_cpu = f" (+ server {r['store_cpu_after']:.2f} s)" if r.get("store_cpu_after") is not None else ""
    return [
        f"{r['ingest']:.0f} s / {r['bulk_load']:.1f} s ({r['ingest'] / r['bulk_load']:.1f}×){raw}{_again(r)}",
        f"{r['reingest_big']:.2f} / {r['reingest_empty']:.2f} s ({r['reingest_big'] / r['reingest_empty']:.2f}×)",
        f"{r['cold_reply']:.1f} / {r['cold_answer']:.1f} s",
        f"{r['warm_reply']:.1f} / {r['warm_answer']:.1f} s",
        f"{ms(r['ask_p50'])} / {ms(r['ask_p99'])}",
        right,
        f"{ms(r['search_p50'])} / {ms(r['search_words_p50'])}",
        f"{ms(r['scan_p50'])} ({r['scan_p50'] / r['search_words_p50']:.0f}×)" + (" cut" if r["scans_cut"] else ""),
        f"{r['load_requests']:,} / {r['load_errors']}",
        f"{r['rss_mb']:.0f} MB",
        f"{r['runaway_status']} at {r['runaway_s']:.1f} s, {r['cpu_after']:.2f} s{store_cpu}",
    ]


LINES = ["`govkg ingest` / `bulk_load` of its quads", "re-ingest one document: this store / empty",
         "serve after ingest: first reply / first answer", "serve again: first reply / first answer",
         "`/api/ask` p50 / p99", "dev questions right", "`/api/search` p50: questions / words",
         "CONTAINS scan p50 (vs search of words)", "{clients} clients, {load_seconds:.0f} s: requests / errors",
         "server RSS (with query workers)", "runaway query: reply, CPU in the next second"]


def table(rows: list[dict]) -> None:
    print("\n| measure | " + " | ".join(f"{r['backend']} {r['size']} ({r['quads'] / 1000:,.0f} k quads)"
                                       for r in rows) + " |")
    print("|---" * (len(rows) + 1) + "|")
    columns = [cells(r) for r in rows]
    for i, label in enumerate(LINES):
        print(f"| {label.format(**rows[0])} | " + " | ".join(c[i] for c in columns) + " |")
