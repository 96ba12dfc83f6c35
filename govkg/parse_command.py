"""`govkg parse FILE|DIR... [--json]`: print the structured record of each document."""

from __future__ import annotations

import json
import sys
from collections import Counter


def register(sub) -> None:
    p = sub.add_parser("parse", help="parse documents and print their records")
    p.add_argument("paths", nargs="+", metavar="PATH", help=".txt/.pdf files or directories")
    p.add_argument("--json", action="store_true", help="print the record as JSON (one object per file; a list for several)")
    p.set_defaults(func=run)


def run(args) -> int:
    from ingest.parse import parse_paths  # here: `govkg ask` should not load the parsers (~0.2 s)

    outcomes = list(parse_paths(args.paths))
    if not outcomes:
        print(f"govkg parse: no .txt or .pdf files in {' '.join(args.paths)}", file=sys.stderr)
        return 1
    records = [o.record.to_json() for o in outcomes if o.record]
    failures = [o for o in outcomes if o.error]
    for o in failures:
        print(f"error: {o.error}", file=sys.stderr)
    if args.json:
        if records:
            payload = records[0] if len(outcomes) == 1 else records
            json.dump(payload, sys.stdout, ensure_ascii=False, indent=1)
            sys.stdout.write("\n")
    else:
        for r in records:
            print(_summary(r))
    for o in outcomes:
        for w in (o.record.warnings if o.record else []):
            print(f"warning: {o.path}: {w}", file=sys.stderr)
    if len(outcomes) > 1:
        print(_batch_summary(len(records), failures), file=sys.stderr)
    return 1 if failures else 0


_KINDS = {"UnreadableFile": "无法读取", "EmptyDocument": "空文档", "NotABudgetDocument": "不是预决算文件"}


def _batch_summary(parsed: int, failures: list) -> str:
    """'3 parsed, 2 failed (无法读取 1, 空文档 1)': what went wrong, counted by kind."""
    kinds = Counter(_KINDS.get(type(o.error).__name__, "解析失败") for o in failures)
    detail = f" ({', '.join(f'{kind} {n}' for kind, n in kinds.most_common())})" if kinds else ""
    return f"{parsed} parsed, {len(failures)} failed{detail}"


def _summary(r: dict) -> str:
    kind = {"budget": "部门预算", "final_account": "部门决算"}[r["document_type"]]
    scope = {"consolidated": "汇总", "standalone": "本级"}[r["scope"]]
    return (f"{r['source_file']}: {r['department']} {r['fiscal_year']}年{kind}（{scope}） — "
            f"{len(r['duties'])} duties, {len(r['internal_units'])} internal units, "
            f"{len(r['subordinate_units'])} subordinate units, {len(r['line_items'])} line items, "
            f"{len(r['programs'])} programs, {len(r['indicators'])} indicators, {len(r['facts'])} facts")
