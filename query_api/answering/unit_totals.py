"""Amounts of a department's budget units: each unit's own total as its documents print it (the
`unit_total` facts of a 收入总表 with a row per unit), ranked or added up over the units asked for.

    unit_amounts(store, known, q, answers)   the unit answers with their totals, ranked or summed (a
                                             Result with its cube query); None when the question asks no amount
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING

from graph_store.base import Store
from query_api.answering.rows import TIMEOUT, Result, answer_row, source_of
from query_api.cube import CubeQuery, Cut, run

if TYPE_CHECKING:
    from query_api.ask import Knowledge
    from query_api.nlu import Question

_ASKS_AMOUNT = re.compile(r"预算|收入|经费|资金|金额|多少钱|最多|最少|最高|最低|最大|最小|加起来|合计|一共|总共|总和|总额|之和")
_SUM = re.compile(r"加起来|合计|一共|总共|总和|总额|之和|加总|共计")
_LEAST = re.compile(r"最少|最低|最小")



def unit_amounts(store: Store, known: Knowledge, q: Question, answers: list[dict]) -> Result | None:
    """The units of `answers` with their own totals of the year asked (the latest printed when none is),
    largest first (smallest when asked), only the first when one unit is asked for (哪个); or their sum.
    One cube query (each unit's `unit_total` cells with their source). None when the question asks no
    amount or no unit has a printed total."""
    units = [a["uri"] for a in answers if a.get("uri")]
    if not _ASKS_AMOUNT.search(q.text) or not units:
        return None
    cuts = [Cut("fact", "unit_total"), Cut("unit", "|".join(units))] + ([Cut("year", str(q.year))] if q.year else [])
    cube = run(store, CubeQuery(cuts, ["unit", "year", "document", "table", "line"], limit=1000), timeout=TIMEOUT)
    cells = cube["cells"]
    if not cells:
        return None
    year = max(c["year"] for c in cells)
    by_unit: dict[str, dict] = {}
    for c in sorted(cells, key=lambda c: (c["document"], c.get("line") or 0)):
        if c["year"] == year:
            by_unit.setdefault(c["unit"], c)
    out = []
    for a in answers:
        c = by_unit.get(a.get("uri"))
        if c is not None:
            source = source_of(known, c["document"], c.get("table"), c.get("line"))
            out.append(answer_row(a["label"], c["value"], "万元", "amount", a["uri"],
                                  f"{a['label']}{year}年单位收入合计{c['value']:g}万元", source))
    if not out:
        return None
    if _SUM.search(q.text):
        total = sum(Decimal(str(a["value"])) for a in out)
        names = "、".join(a["label"] for a in out)
        out = [answer_row(f"{len(out)}个下属单位{year}年预算合计", float(total), "万元", "sum",
                          text=f"{names}：" + " + ".join(f"{a['value']:g}" for a in out) + f" = {float(total):g}万元",
                          source="；".join(a["source"] or "" for a in out))]
    else:
        out.sort(key=lambda a: a["value"], reverse=not _LEAST.search(q.text))
        if re.search(r"哪(?:一)?个|哪家", q.text):
            out = out[:1]
    return Result(out, cube["sparql"], None, cube["cube_query"])
