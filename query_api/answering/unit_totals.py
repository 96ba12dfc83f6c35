"""Amounts of a department's budget units: each unit's own total as its documents print it (the
`unit_total` facts of a 收入总表 with a row per unit), ranked or added up over the units asked for.

    unit_amounts(store, known, q, answers)   the unit answers with their totals, ranked or summed;
                                             None when the question asks no amount
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING

from graph_store.base import Store
from query_api.answering.rows import answer_row, source_of
from query_api.queries import PREFIXES

if TYPE_CHECKING:
    from query_api.ask import Knowledge
    from query_api.nlu import Question

_ASKS_AMOUNT = re.compile(r"预算|收入|经费|资金|金额|多少钱|最多|最少|最高|最低|最大|最小|加起来|合计|一共|总共|总和|总额|之和")
_SUM = re.compile(r"加起来|合计|一共|总共|总和|总额|之和|加总|共计")
_LEAST = re.compile(r"最少|最低|最小")

_TOTALS = PREFIXES + """
SELECT ?u ?v ?year ?doc ?table ?line WHERE {{
  GRAPH ?g {{
    ?obs gk:factKey "unit_total" ; gk:spendingUnit ?u ; gk:value ?v ; gk:fiscalYear ?year ;
         prov:wasDerivedFrom ?doc .
    OPTIONAL {{ ?obs gk:sourceTable ?table }} OPTIONAL {{ ?obs gk:sourceLine ?line }}
  }}
  VALUES ?u {{ {units} }}
}}
"""


def unit_amounts(store: Store, known: Knowledge, q: Question, answers: list[dict]) -> tuple[list[dict], str] | None:
    """The units of `answers` with their own totals of the year asked (the latest printed when none is),
    largest first (smallest when asked), only the first when one unit is asked for (哪个); or their sum.
    None when the question asks no amount or no unit has a printed total."""
    if not _ASKS_AMOUNT.search(q.text) or not answers:
        return None
    text = _TOTALS.format(units=" ".join(f"<{a['uri']}>" for a in answers if a.get("uri")))
    rows = [r for r in store.query(text, timeout=10) if q.year is None or int(r.year) == q.year]
    if not rows:
        return None
    year = max(int(r.year) for r in rows)
    by_unit = {}
    for r in sorted(rows, key=lambda r: (str(r.doc), int(r.line or 0))):
        if int(r.year) == year:
            by_unit.setdefault(str(r.u), r)
    out = []
    for a in answers:
        r = by_unit.get(a["uri"])
        if r is not None:
            source = source_of(known, r.doc, r.table, r.line)
            out.append(answer_row(a["label"], float(r.v), "万元", "amount", a["uri"],
                                  f"{a['label']}{year}年单位收入合计{float(r.v):g}万元", source))
    if not out:
        return None
    if _SUM.search(q.text):
        total = sum(Decimal(str(a["value"])) for a in out)
        names = "、".join(a["label"] for a in out)
        return [answer_row(f"{len(out)}个下属单位{year}年预算合计", float(total), "万元", "sum",
                           text=f"{names}：" + " + ".join(f"{a['value']:g}" for a in out) + f" = {float(total):g}万元",
                           source="；".join(a["source"] or "" for a in out))], text
    out.sort(key=lambda a: a["value"], reverse=not _LEAST.search(q.text))
    if re.search(r"哪(?:一)?个|哪家", q.text):
        out = out[:1]
    return out, text
