"""Two or more indicators of one program named and the largest (or smallest) asked (水电气经费里，水费、电费、燃气费哪项
最多): their targets in one unit ranked — the top one first, every one after it, each with its own line; the
message says the order. Indicators of two programs, of two units, or one name answered twice are never ranked: the
answers are left as they were found.

    ranked(q, found)    `found` ranked, or None when the question asks no order or the answers are not one a name
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from query_api.answering.rows import Result, plain

if TYPE_CHECKING:
    from query_api.nlu import Question


def ranked(q: Question, found: Result) -> Result | None:
    answers = found.answers
    labels = [a.get("label") for a in answers]
    if q.order not in ("desc", "asc") or len(answers) < 2 or len(set(labels)) != len(labels) \
            or len({a.get("unit") for a in answers}) != 1 or any(a.get("value") is None for a in answers) \
            or len({(a.get("text") or "").split("：", 1)[0] for a in answers}) != 1:
        return None
    least = q.order == "asc"
    order = sorted(answers, key=lambda a: a["value"], reverse=not least)
    top = [a for a in order if a["value"] == order[0]["value"]]
    unit = order[0].get("unit") or ""
    listed = "、".join(f"{a['label']}{plain(a['value'])}{unit}" for a in order)
    word = "最少" if least else "最多"
    return Result(order, found.sparql, f"{'、'.join(a['label'] for a in top)}{word}（{plain(top[0]['value'])}{unit}）；"
                                       f"从{'少到多' if least else '多到少'}：{listed}。", found.cube_query)
