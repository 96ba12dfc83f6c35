"""The parts of one figure or program its document prints that pass an amount said (口岸管理业务里，哪些具体工作的预算超过
500万元; 政府采购里哪几类超过100万元): the parts `part_rank.printed_parts` finds of the one whole named — the narrower kinds of
a figure, else the parts one sentence prints after the whole's amount, of one document — tested against the amount, those
passing listed largest first, each with its amount and line, every part tested said in the message; none, and said so,
when none passes. A number said in a count's unit (超过5个) tests no amount, and a change is no part's: not asked here.

    asked(q, labels)                      whether the question asks which parts of one organisation's whole pass an amount
    answer(store, known, q, labels[0])    the parts passing it, or None when no whole's parts fit
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from graph_store.base import Store
from ingest.record import AMOUNT_PLACES
from ingest.text import parse_amount
from query_api.answering import part_rank
from query_api.answering.changes import TOLERANCE
from query_api.answering.rows import Result, answer_row, plain, source_of
from query_api.answering.thresholds import TESTS, keep, said

if TYPE_CHECKING:
    from query_api.ask import Knowledge
    from query_api.nlu import Question

# which of the parts (哪些具体工作, 哪几类, 哪一项), asked inside the whole said before it (…里哪些; …里，预算在500万元以上的
# 有哪些; never 中心有哪些: 中 of a name)
_WHICH_PARTS = re.compile(r"(?:[里中内]|当中|之中|里面)(?:[，,]?\s*有?|[，,][^。？?]*?)"
                          r"(?:哪些|哪几|哪(?:一|个)?(?:类|块|项|部分|种|笔|方面))")


def asked(q: Question, labels: list[str]) -> bool:
    """Whether the question asks which parts of one organisation's whole (a program or a figure named before 里) pass
    an amount said in 万元."""
    return bool(len(labels) == 1 and q.comparator in (*TESTS, "between") and q.number is not None
                and not q.change and not q.share and _WHICH_PARTS.search(q.text)
                and (q.comparator == "between" or said(q, ["stated_part"])))  # (超过5个: a count, no amount)


def answer(store: Store, known: Knowledge, q: Question, label: str) -> Result | None:
    found = part_rank.printed_parts(store, known, q, label)
    if found is None or isinstance(found, Result):
        return found
    parts, of, sparql, cube = found
    if q.comparator == "between" and q.number_high is not None:
        passes, test = (lambda v: q.number <= v <= q.number_high), f"在{plain(q.number)}万元到{plain(q.number_high)}万元之间"
    else:
        passes, test = keep(q), f"{TESTS[q.comparator][1]}{plain(q.number)}万元"
    hits = sorted((r for r in parts if passes(float(r.value))), key=lambda r: float(r.value), reverse=True)
    listed = "、".join(f"{r.label}{plain(float(r.value))}万元" for r in parts)
    said = f"{of}写明的{len(parts)}个部分（{listed}）中，" + (
        f"{len(hits)}个{test}：{'、'.join(str(r.label) for r in hits)}。" if hits else f"没有{test}的。") + _unread(q, parts)
    answers = [answer_row(str(r.label), float(r.value), str(r.unit or "万元"), "amount", str(r.f), str(r.text or ""),
                          source_of(known, r.doc, r.table, r.line)) for r in hits]
    return Result(answers, sparql, said, cube)


# the whole's amount its clause prints before its parts (口岸管理业务40,000.70万元，主要包括)
_WHOLE_AMOUNT = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*万元?[^\d]*$")


def _unread(q: Question, parts: list) -> str:
    """What the parts read leave of their whole's amount, where some part not read (上年结转 …) might pass the test
    too: said, so the list is not taken for all of them; "" when the parts add up to the whole, or the rest could not
    pass (超过500万元 with 66.73万元 unread), or no amount of the whole is printed."""
    amount = _WHOLE_AMOUNT.search(str(parts[0].text or "").split("…", 1)[0])
    whole = parse_amount(amount.group(1)) if amount else None
    rest = round(whole - sum(float(r.value) for r in parts), AMOUNT_PLACES) if whole is not None else 0.0
    if rest <= TOLERANCE or q.comparator in (">", ">=") and not keep(q)(rest):
        return ""
    return f"（这些部分相加比总额{plain(whole)}万元少{plain(rest)}万元，可能还有未读出的部分，符合条件的可能不止这些。）"
