"""The direction of a change, as asked and as it is. A change asked with a direction (减少了多少, 增长了百分之几) is
answered with its size where it moved that way — every reader of a change signs it so (`as_asked`: a fall asked as a
fall is positive). Where it moved the other way the question's premise is wrong: the answer is then the true change,
signed (a rise +31.65, a fall −31.65), its direction said in its label and text, and the reply's message corrects the
premise in words ("不是减少，而是增加31.65万元") — never the premise's sign on a true change (−31.65 as a 减少). A change
asked without a direction but by its size (变化最大的是哪个, 哪一项增减变化最大) is ranked by how much it moved,
each one's direction said (`by_size`).

    as_asked(q, signed)          a change's value as its question asks it (a fall asked as a fall: positive)
    corrected(q, result)         the answers whose change moved against the direction asked, corrected and said so
    by_size(q)                   whether a change is asked by its size alone (变化最大), no direction said
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING

from query_api.answering.rows import Result, plain

if TYPE_CHECKING:
    from query_api.nlu import Question

# a change asked by its size, no direction (变化最大的是哪个, 增减幅度最大, 变动最多, 差别最大): ranked by how much it moved
_BY_SIZE = re.compile(r"(?:变化|变动|增减|波动|起伏|差别|差异|浮动)(?:的?(?:幅度|金额|数额|额度?))?(?:最大|最多|最明显|最小|最少|"
                      r"最为明显|排第一|前[一二三四五六七八九十\d]+)")
# the words a direction is said in: of an amount, of a rate
_WORDS = {("amount", 1): "增加", ("amount", -1): "减少", ("rate", 1): "增长", ("rate", -1): "下降"}


def as_asked(q: Question, signed: float) -> float:
    """A change's value as `q` asks it: a fall asked as a fall (减少了多少) positive, every other change signed (a
    change against the direction asked then shows below 0, and `corrected` says so)."""
    return -signed if q.change_sign < 0 else signed


def by_size(q: Question) -> bool:
    """Whether a change is asked by its size with no direction (哪一项比上年变化最大): ranked by |change|."""
    return bool(q.change and not q.change_sign and _BY_SIZE.search(q.text))


def _is_change(answer: dict) -> bool:
    return answer.get("type") == "change" or "增减" in str(answer.get("label") or "")


def corrected(q: Question, result: Result) -> Result:
    """`result` with every change answer that moved against the direction `q` asks (its value below 0 as asked)
    answered as the true change, signed, its direction said in its label and text, and the message opening with the
    premise corrected; `result` itself where none did (or no direction is asked)."""
    if not q.change_sign or not result.answers:
        return result
    answers, said = [], []
    for a in result.answers:
        value = a.get("value")
        if not _is_change(a) or not isinstance(value, (int, float)) or value >= 0:
            answers.append(a)
            continue
        true = -value if q.change_sign < 0 else value  # the change as it is: a rise above 0, a fall below
        kind = "rate" if a.get("unit") == "%" else "amount"
        asked, moved = _WORDS[(kind, q.change_sign)], _WORDS[(kind, -q.change_sign)]
        unit = a.get("unit") or ""
        words = f"不是{asked}，而是{moved}{plain(abs(true))}{unit}"
        label = str(a.get("label") or "")
        said.append(f"{label}：{words}")
        label = label.replace("增减", moved, 1)  # the label says the direction: …比上年增减 → …比上年增加
        answers.append({**a, "label": label, "value": true, "text": f"{words}；{a.get('text') or ''}".rstrip("；")})
    if not said:
        return result
    message = "；".join(dict.fromkeys(said)) + "（问题说的方向与文件不符）。" + (result.message or "")
    return dataclasses.replace(result, answers=answers, message=message)
