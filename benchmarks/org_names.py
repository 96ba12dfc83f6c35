"""What understanding a question naming an organisation costs (in-process CPU): the organisation index
made once per store state (`names.OrgIndex`), then each question's understanding (`nlu.understand`), known
and unknown names alike. Run it on stores of two sizes: the per-question cost should not grow with them.

    .venv/bin/python benchmarks/org_names.py --store /tmp/store1000 [--repeat 20]

The store is opened read-only (copy one a server uses); its knowledge is read from $GOVKG_CACHE.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph_store.registry import open_store  # noqa: E402
from query_api.ask import knowledge_for  # noqa: E402
from query_api.lexicon import ORG_KINDS  # noqa: E402
from query_api.names import OrgIndex  # noqa: E402
from query_api.nlu import understand  # noqa: E402

QUESTIONS = [
    "天津市教育局有哪些内设机构",  # unknown: no department of that name
    "湖州市民政局的下属单位有哪些",  # unknown, a held department of the same city
    "苏州市公安局2026年三公经费预算多少",
    "西安审计局有哪几个派出审计处",  # a place without its level word
    "清远政数局有哪些内设机构",  # an abbreviation
    "区政数局2023年三公经费",  # a bare level word
    "珠海交通市政工务中心哪个项目的钱最多",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", required=True)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    store = open_store("oxigraph", args.store, read_only=True)
    lexicon = knowledge_for(store).lexicon
    orgs = [e for e in lexicon.entries if e.kind in ORG_KINDS]
    started = time.process_time()
    OrgIndex(orgs)
    print(f"{len(orgs)} organisations indexed in {(time.process_time() - started) * 1000:.0f} ms CPU (once per store state)")
    for q in QUESTIONS:
        understand(q, lexicon)  # warm: the ruler's patterns, the index
    costs = []
    for q in QUESTIONS:
        started = time.process_time()
        for _ in range(args.repeat):
            found = understand(q, lexicon)
        cost = (time.process_time() - started) / args.repeat * 1000
        costs.append(cost)
        named = [e.label for e in found.entries(*ORG_KINDS)][:1] or [f"unknown {found.unknown_orgs}"]
        print(f"{cost:6.1f} ms  {q}  → {named[0]}")
    print(f"median {statistics.median(costs):.1f} ms, max {max(costs):.1f} ms CPU a question")


if __name__ == "__main__":
    main()
