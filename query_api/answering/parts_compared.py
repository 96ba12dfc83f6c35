"""Two or more printed parts of one whole named and compared or ranked where the whole is not named (口岸发展及法务
工作和深圳陆路口岸安检保障工作哪个钱多？多多少？; 甲、乙、丙哪项最多): the one sentence (or table) of one document whose
parts (`stated_part`) hold every name said — each part with its amount and line, the larger first (the smaller when
asked so) and their difference computed, or all of them ranked. Names printed under two wholes alike get no answer
and the reason — never the whole's amount; names under no one whole together are left to be read as what else they
name (programs, lines), never parts of two wholes set side by side.

    asked(q, labels)                    whether one organisation's figures are compared or ranked
    answer(store, known, q, labels[0])  the parts compared, a refusal, or None when fewer than two parts of one whole are named
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from graph_store.base import Store
from ingest.record import AMOUNT_PLACES, UNIT_WAN
from ingest.stated_parts import STATED_PART
from query_api.answering.figures import fact_cells
from query_api.answering.part_rank import one_document, wholes_of
from query_api.answering.rows import Result, answer_row, plain, source_of
from query_api.lexicon import normalise

if TYPE_CHECKING:
    from query_api.ask import Knowledge
    from query_api.nlu import Question

# which of them is more or less (哪个钱多, 哪项最多, 谁少, 多多少, 相差)
_WHICH = re.compile(r"(?:哪|谁).{0,6}?(?:多|少|高|低|大|小)|多多少|少多少|相差|差多少")


def asked(q: Question, labels: list[str]) -> bool:
    return len(labels) == 1 and not q.change and bool(_WHICH.search(q.text) or q.order or q.difference)


def _said(rows: list, text: str) -> set[str]:
    """The parts' names the question says whole, none inside another said (口岸管养工作 of 口岸管理养护…: its own)."""
    said = {name for r in rows if len(name := normalise(str(r.label))) >= 2 and name in text}
    return {n for n in said if not any(n != m and n in m for m in said)}


def answer(store: Store, known: Knowledge, q: Question, label: str) -> Result | None:
    rows, cube = fact_cells(store, q, [label], [STATED_PART])
    rows = one_document(known, q, rows)
    said = _said(rows, normalise(q.text))
    if len(said) < 2:
        return None
    wholes = wholes_of(rows)
    fitting = [parts for parts in wholes.values() if said <= {normalise(str(p.label)) for p in parts}]
    heads = sorted({str(parts[0].text or "").split("…", 1)[0].rstrip("：:，,") for parts in fitting})
    names = "、".join(sorted(said))
    if not fitting:
        return None  # parts of no one whole: perhaps programs or lines of those names, compared as such
    if len(fitting) > 1:
        return Result(sparql=cube["sparql"], message=f"{names}在{len(fitting)}处说明里都列出（{'；'.join(heads)}），"
                                                     "不知道问的是哪一笔，没有比较；请说明是哪个项目的。")
    parts = [p for p in fitting[0] if normalise(str(p.label)) in said]
    if len({normalise(str(p.label)) for p in parts}) != len(parts) or any(str(p.unit or UNIT_WAN) != UNIT_WAN for p in parts):
        return None
    info = known.documents[str(parts[0].doc)]
    of = f"{info.department}{info.year}年{info.type_label}（{info.scope_label}）中“{heads[0]}”"
    least = q.smaller or q.order == "asc"
    order = sorted(parts, key=lambda p: float(p.value), reverse=not least)
    rows_ = [answer_row(str(p.label), float(p.value), UNIT_WAN, "amount", str(p.f), str(p.text or ""),
                        source_of(known, p.doc, p.table, p.line)) for p in order]
    listed = "、".join(f"{p.label}{plain(float(p.value))}{UNIT_WAN}" for p in order)
    if len(order) == 2 and not q.order:  # 哪个多？多多少？: the larger first, then their difference computed
        high, low = max(float(p.value) for p in order), min(float(p.value) for p in order)
        diff = round(high - low, AMOUNT_PLACES)
        first, second = order
        rows_.append(answer_row(f"{first.label}比{second.label}{'少' if least else '多'}", diff, UNIT_WAN, "difference",
                                None, f"{plain(high)} − {plain(low)} = {plain(diff)}{UNIT_WAN}（计算所得）",
                                "；".join(a["source"] for a in rows_)))
        message = f"{of}列出：{listed}；{first.label}{'更少' if least else '更多'}，相差{plain(diff)}{UNIT_WAN}（计算所得）。"
    else:
        message = f"{of}列出：{listed}；{order[0].label}{'最少' if least else '最多'}。"
    return Result(rows_, cube["sparql"], message, cube["cube_query"])
