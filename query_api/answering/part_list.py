"""The parts a program or a figure is printed as made of, listed (口岸管理业务里有哪几块 / X专项包括哪些 / X项目由哪些部分
组成): the parts one sentence of its document prints after the whole's amount (口岸管理业务40,000.70万元，主要包括：甲…万元，
乙…万元), what its goal lists it pays for, or the rows of a cost's 明细表 — the facts `stated_part` that the parts asked
one by one, added up or ranked are (answering/part_rank.py, program_parts.py) — each with its amount and line, in the
order printed, and their sum said beside the whole's amount (computed, never put in the whole's place). A whole named
whose parts no sentence prints gets no answer, and says so.

    asked(q)                 whether the question asks what a named program (or figure) is made of
    answer(store, known, q)  the parts, or the reason there are none; None when no whole is named
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from graph_store.base import Store
from ingest.record import AMOUNT_PLACES
from query_api.answering.part_rank import stated_parts
from query_api.answering.rows import Result, answer_row, org_labels, plain, source_of

if TYPE_CHECKING:
    from query_api.ask import Knowledge
    from query_api.nlu import Question

# what a whole is made of asked (有哪几块, 分为哪几部分, 由哪些部分组成, 组成部分有哪些; 包括哪些 / 有哪些 at the question's
# end only: 有哪些绩效指标 asks its indicators), never which one is largest (哪一块最多: part_rank) nor a count alone
_PARTS = re.compile(r"(?:有|包括|包含|含|分为|分成|涵盖)了?哪(?:几|些)(?:块|个?部分|方面|笔|大块|项|类|内容)?[？?。！!]*$"
                    r"|哪(?:几|些)(?:块|个?部分|方面|大块)"
                    r"|由哪(?:几|些)(?:块|个?部分|项|方面)?(?:内容)?(?:组成|构成)|(?:组成|构成)部分")
_RANKED = re.compile(r"最多|最大|最高|最少|最小|最低")


def asked(q: Question) -> bool:
    """Whether the question asks what the program (or sentence's whole) it names is made of (its parts, listed)."""
    return bool(_PARTS.search(q.text) and not _RANKED.search(q.text) and q.entries("program"))


def answer(store: Store, known: Knowledge, q: Question) -> Result | None:
    # the organisation named, else the one the programs named belong to
    labels = org_labels(q, known) or list(dict.fromkeys(
        owner.label for e in q.entries("program") if (owner := known.lexicon.by_uri.get(e.parent or "")) is not None))
    if len(labels) != 1:
        return None
    found = stated_parts(store, known, q, labels)
    names = "、".join(dict.fromkeys(e.label for e in q.entries("program")))
    if found is None:
        return Result(message=f"文件没有逐项列出“{names}”由哪些部分组成（没有写明各部分及其金额的说明或明细表），"
                              "不以项目的总金额作答。")
    if isinstance(found, Result):
        return found  # two sentences fit alike: asked which
    parts, of, sparql, cube = found
    answers = [answer_row(str(r.label), float(r.value), str(r.unit or "万元"), "part", str(r.f), str(r.text or ""),
                          source_of(known, r.doc, r.table, r.line)) for r in parts]
    total = round(sum(float(r.value) for r in parts), AMOUNT_PLACES)
    listed = "、".join(f"{r.label}{plain(float(r.value))}万元" for r in parts)
    return Result(answers, sparql, f"{of}列出{len(parts)}个部分：{listed}；合计{plain(total)}万元（计算所得，"
                                   "说明可能只列了主要部分，不一定等于总额）。", cube)
