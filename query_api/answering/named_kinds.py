"""Kinds of spending the text states under a line's name (培训费, 会议费 beside the “三公”: ingest.section_amounts) —
all the kind's money, where the table's row of the economic item of that name may print the basic spending alone.

    kind_named_as(q)                                   the fact kind bearing the name of the one line asked, if any
    beside_rows(store, known, q, labels, kind, found)  the line's rows (`found`), and the kind's figure its
                                                       document's text states where it is another amount
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from graph_store.base import Store
from ontology.fact_kinds import KINDS
from query_api.answering import figures
from query_api.answering.printed import TOLERANCE
from query_api.answering.rows import Result, document_of_source, plain

if TYPE_CHECKING:
    from query_api.ask import Knowledge
    from query_api.nlu import Question

# the fact kinds by the name they bear, which a line of the classification may bear too
_KIND_OF_NAME = {kind.label: kind.keys[0] for kind in KINDS.values() if len(kind.keys) == 1}


def kind_named_as(q: Question) -> str | None:
    """The fact kind (its key) that bears the name of the one line the question names, if one does."""
    names = {e.label for e in q.entries("item")}
    return _KIND_OF_NAME.get(names.pop()) if len(names) == 1 else None


def beside_rows(store: Store, known: Knowledge, q: Question, labels: list[str], kind: str, found: Result) -> Result:
    """The line's rows, then the kind's figure the text of a document of theirs states where it is not the amount
    of that document's row (苏州: 30216 培训费 2.45 in the basic spending's table, the text's 培训费预算支出59.04万元):
    both printed, of different reach, so both are given and the message says so; the rows alone otherwise."""
    rows = {document_of_source(a["source"]): a["value"] for a in found.answers}
    stated = figures.facts(store, known, q, labels, kind).answers
    other = [{**a, "label": f"{a['label']}（说明写明）"} for a in stated if document_of_source(a["source"]) in rows
             and abs(rows[document_of_source(a["source"])] - (a["value"] or 0)) > TOLERANCE]
    if not other:
        return found
    said = "；".join(f"{a['label'].removesuffix('（说明写明）')}{plain(a['value'])}万元" for a in other)
    return Result([*found.answers, *other], found.sparql,
                  f"表中这一行的数字与文件说明写明的不同（口径不同，表中的行可能只是基本支出），两个都列出：说明写明{said}。",
                  found.cube_query)
