"""Parts one sentence prints of a figure, added up when the question names two or more of them (外贸发展专项资金500万元，
其中区级资金320.5万元，市级资金179.5万元: 区级和市级加起来多少): each part is answered with its own figure and line, and
their sum beside them, said computed. Only parts of one sentence are added — never parts of two documents or two
sentences, never with a part the sentence does not print; the words of the topic left once the parts' are taken must
be the whole's (the sentence holds them), and two sentences fitting alike are asked about, never one picked.

    parts_added(store, known, q, labels)   a Result, or None when the question adds no printed parts
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from graph_store.base import Store
from ingest.record import AMOUNT_PLACES
from ingest.stated_parts import STATED_PART
from query_api.answering.figures import fact_cells
from query_api.answering.rows import Result, answer_row, only_scope, plain, prefer_doc_type, source_of
from query_api.lexicon import normalise
from query_api.slots import SUM_WORDS

if TYPE_CHECKING:
    from query_api.ask import Knowledge
    from query_api.nlu import Question

# the money noun a part's name ends with, not said in the question (区级资金: 区级)
_NOUN = re.compile(r"(?:的)?(?:资金|经费|支出|部分|费用|预算|金额)$")


def _core(label: str) -> str:
    return _NOUN.sub("", normalise(label)) or normalise(label)


def parts_added(store: Store, known: Knowledge, q: Question, labels: list[str]) -> Result | None:
    topic = normalise(q.topic or "")
    if len(topic) < 4 or not labels or not SUM_WORDS.search(q.text):
        return None
    rows, cube = fact_cells(store, q, labels, [STATED_PART])
    rows, _ = only_scope(prefer_doc_type(rows, q, known), q, known, lambda r: str(r.doc))
    sentences: dict[tuple, list] = {}
    for r in rows:
        sentences.setdefault((str(r.doc), str(r.line)), []).append(r)  # (each part's text: the whole's clause and its own)
    fitting = []
    for parts in sentences.values():
        named = [r for r in parts if len(_core(str(r.label))) >= 2 and _core(str(r.label)) in topic]
        if len({_core(str(r.label)) for r in named}) != len(named) or len(named) < 2:
            continue  # a name printed twice in one sentence, or fewer than two parts named
        rest = topic
        for r in named:
            rest = rest.replace(_core(str(r.label)), "")
        rest = _NOUN.sub("", re.sub(r"[和与及跟、]|以及", "", rest))
        if not rest or all(rest in normalise(str(r.text or "")) for r in named):  # the whole's words, the sentence's
            fitting.append(named)
    if len(fitting) != 1:
        return Result(sparql=cube["sparql"], message="几句说明都单列了这几部分，请说明是哪一笔的。") if fitting else None
    named = sorted(fitting[0], key=lambda r: topic.find(_core(str(r.label))))  # in the order the question names them
    first = named[0]
    answers = [answer_row(f"{r.deptLabel}{r.year}年{r.label}", r.value, str(r.unit or "万元"), "amount", str(r.f),
                          str(r.text or ""), source_of(known, r.doc, r.table, r.line)) for r in named]
    total = round(sum(float(r.value) for r in named), AMOUNT_PLACES)
    said = " + ".join(f"{r.label}{plain(float(r.value))}万元" for r in named)
    answers.append(answer_row(f"{first.deptLabel}{first.year}年{'、'.join(str(r.label) for r in named)}合计", total,
                              str(first.unit or "万元"), "amount", None, f"{said} = {plain(total)}万元（计算得出）",
                              source_of(known, first.doc, first.table, first.line)))
    return Result(answers, cube["sparql"], f"文件在同一句说明中单列了这几部分，合计为计算得出：{said} = {plain(total)}万元。",
                  cube["cube_query"])
