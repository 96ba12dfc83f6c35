"""Two or more indicators of one program named and the largest (or smallest) asked (水电气经费里，水费、电费、燃气费哪项
最多): their targets in one unit ranked — the top one first, every one after it, each with its own line; the
message says the order. Indicators of two programs, of two units, or one name answered twice are never ranked: the
answers are left as they were found.

    ranked(q, found)    `found` ranked, or None when the question asks no order or the answers are not one a name
    apart(q, found)     a refusal naming the programs when the names compared or ranked are of two programs or more
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
            or len({_program(a) for a in answers}) != 1:
        return None
    least = q.order == "asc"
    order = sorted(answers, key=lambda a: a["value"], reverse=not least)
    top = [a for a in order if a["value"] == order[0]["value"]]
    unit = order[0].get("unit") or ""
    listed = "、".join(f"{a['label']}{plain(a['value'])}{unit}" for a in order)
    word = "最少" if least else "最多"
    return Result(order, found.sparql, f"{'、'.join(a['label'] for a in top)}{word}（{plain(top[0]['value'])}{unit}）；"
                                       f"从{'少到多' if least else '多到少'}：{listed}。", found.cube_query)


def _program(answer: dict) -> str:
    return (answer.get("text") or "").split("：", 1)[0]


def apart(q: Question, found: Result) -> Result | None:
    """The names compared or ranked (水费和电费哪个多) with no program named, found in two programs or more: no answer, the
    programs named for the question to say which; None when one program holds them, or nothing is compared."""
    programs = sorted({p for a in found.answers if (p := _program(a))})
    if not q.by_parts or not (q.order in ("desc", "asc") or q.operation == "compare") or len(programs) < 2:
        return None
    names = "、".join(dict.fromkeys(a["label"] for a in found.answers))
    return Result([], found.sparql, f"{names}在{len(programs)}个项目里都有（{'、'.join(programs)}），不知道问的是哪一个，"
                                    "没有比较；请说明项目名称再问。")
