"""Programs a section of the document describes (写了说明的那几个专项里哪个预算最多): the programs whose source is a
说明 section — the 项目经费情况说明 / 项目说明 that describes each with its printed amount — never the whole program
table in their place; listed, ranked, counted or added up as any programs are (`nlu.Question.within`). A question
that says no such thing is asked of every program, as before."""

from __future__ import annotations

from typing import TYPE_CHECKING

from graph_store.base import Store
from query_api import queries
from query_api.answering import programs
from query_api.answering.rows import org_labels

if TYPE_CHECKING:
    from query_api.ask import Knowledge
    from query_api.nlu import Question

SECTION_END = "说明"  # how a describing section's name ends (项目经费情况说明, 项目说明)


def described(store: Store, known: Knowledge, q: Question) -> list[str]:
    """The programs of the organisations (all, when none is named) and years asked that a 说明 section describes
    (one of the program's source tables is one), among `q.within` where that is set."""
    test = f'?p {queries.TERMS["table"]} ?section . FILTER(STRENDS(STR(?section), "{SECTION_END}"))'
    rows, _ = programs.program_rows(store, known, q, [test], organisations=bool(org_labels(q, known)))
    found = list(dict.fromkeys(str(r.p) for r in rows))
    return found if q.within is None else [p for p in q.within if p in found]


def none_described(q: Question, known: Knowledge) -> str:
    where = "、".join(org_labels(q, known)) + (f"{q.year}年" if q.year else "")
    return f"{where}的文件没有在说明中逐个介绍的项目（知识库里没有来源为“项目说明”一类章节的项目），不以整张项目表作答。"
