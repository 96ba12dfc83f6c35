"""Two classified lines (or costs) of one department compared (培训费和会议费哪个预算多？差多少？ / 差旅费比办公费多多少):
both answered, the larger first, and the difference. A line read from a table of the basic expenditure only (经济分类
printed for 基本支出) is not the whole cost: where the document prints the whole of that kind in its own words or
table (全年培训费预算21万元: a fact whose label is the line's name), the whole is compared, said so; where it prints
none, the line's scope is said beside it, and two figures of unlike scope are said to be so — never a 基本支出-only
line set against a whole without saying it.

    asked(q, labels)                 whether the question compares two named lines of one department
    answer(store, known, q, label)   both figures, the larger first, the difference; None when the lines find nothing
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from graph_store.base import Store
from ingest.record import AMOUNT_PLACES, FACT_KEYS
from query_api.answering import figures
from query_api.answering.figures import FACT_DIMS
from query_api.answering.rows import TIMEOUT, UNIT_WAN, Result, answer_row, asked_years, plain, source_of
from query_api.cube import MAX_LIMIT, CubeQuery, Cut, run
from query_api.lexicon import normalise

if TYPE_CHECKING:
    from query_api.ask import Knowledge
    from query_api.nlu import Question

# which of the two is larger, or by how much they differ (哪个多, 哪个预算高, 差多少, 相差, 比…多多少)
_ASKS = re.compile(r"哪(?:个|项|一个|一项)?[^，。？?]{0,4}?(?:更|较)?(?:多|少|高|低|大|小)|差(?:多少|几)|相差|差额|差距"
                   r"|比[^，。？?]{1,12}?(?:多|少|高|低)")
_BASIC_ONLY, _ONLY, _WHOLE = "基本支出", "（只含基本支出）", "（文件单列的总数）"
_BY_LABEL = {normalise(label): key for key, label in FACT_KEYS.items()}


def asked(q: Question, labels: list[str]) -> bool:
    """Two lines named of one department (no program, one year at most) and which is larger or their difference
    asked — of their amounts, not of their changes (哪个比上年增加得多 is the changes')."""
    names = {e.label for e in q.entries("item")}
    return bool(len(labels) == 1 and len(names) == 2 and not q.entries("program") and not q.share and not q.change
                and q.operation in ("lookup", "compare", "rank")
                and len(set(asked_years(q))) <= 1 and _ASKS.search(q.text))


def answer(store: Store, known: Knowledge, q: Question, label: str) -> Result | None:
    names = list(dict.fromkeys(e.label for e in q.entries("item")))
    lines = figures.items(store, known, q)
    if not lines.answers:
        return None
    # the document the lines were read from (the first answered): both sides are of it
    document = str(lines.answers[0].get("source") or "").split(" · ")[0]
    sides, notes = [], []
    for name in names:
        line = next((a for a in lines.answers if name in a["label"] and isinstance(a.get("value"), (int, float))
                     and str(a.get("source") or "").startswith(document + " · ")), None)
        basic = line is not None and _BASIC_ONLY in table_of(line)
        whole = _whole(store, known, name, label, document) if line is None or basic else None
        if whole is not None:
            sides.append((name, whole["value"], whole["source"], _WHOLE if basic else ""))
            if basic:
                notes.append(f"经济分类表里的{name}只列基本支出（{plain(line['value'])}万元），这里用文件单列的{name}总数。")
        elif line is not None:
            sides.append((name, line["value"], line["source"], _ONLY if basic else ""))
        else:
            return Result([], lines.sparql, f"没有找到{document}的“{name}”，无法比较{'和'.join(names)}。")
    big, small = sorted(sides, key=lambda s: s[1], reverse=True)
    diff = round(big[1] - small[1], AMOUNT_PLACES)
    rows = [answer_row(f"{document}{name}{scope}", value, UNIT_WAN, "amount", None, None, source)
            for name, value, source, scope in (big, small)]
    rows.append(answer_row(f"{big[0]}比{small[0]}多", diff, UNIT_WAN, "amount", None, None,
                           "；".join(s for s in (big[2], small[2]) if s)))
    basic = [s[0] for s in (big, small) if s[3] == _ONLY]
    unlike = f"注意：{basic[0]}只含基本支出，另一个不是，两个数口径不同。" if len(basic) == 1 else ""
    message = (f"{document}：{big[0]}{plain(big[1])}万元{big[3]}，{small[0]}{plain(small[1])}万元{small[3]}；"
               f"{big[0]}更多，相差{plain(diff)}万元。{''.join(notes)}{unlike}")
    result = Result(rows, lines.sparql, message, lines.cube_query)
    result.comparison = {"a": {"label": big[0], "value": big[1], "source": big[2]},
                         "b": {"label": small[0], "value": small[1], "source": small[2]},
                         "difference": round(small[1] - big[1], AMOUNT_PLACES), "unit": UNIT_WAN,
                         "label": f"{small[0]}比{big[0]}"}
    return result


def _whole(store: Store, known: Knowledge, name: str, label: str, document: str) -> dict | None:
    """The whole of the kind `name` the document prints in its own words or table (a fact labelled so), with its
    line; None where it prints none."""
    key = _BY_LABEL.get(normalise(name))
    if key is None:
        return None
    reply = run(store, CubeQuery([Cut("fact", key), Cut("department", label)], FACT_DIMS, limit=MAX_LIMIT),
                timeout=TIMEOUT)
    cell = next((c for c in reply["cells"] if c.get("document_label") == document), None)
    if cell is None:
        return None
    return {"value": cell["value"], "source": source_of(known, cell["document"], cell.get("table"), cell.get("line"))}


def table_of(answer: dict) -> str:
    """The table an answer's source names ("<document> · <table> · 第N行")."""
    parts = str(answer.get("source") or "").split(" · ")
    return parts[1] if len(parts) > 2 else ""
