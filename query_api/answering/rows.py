"""Answer rows: the bottom layer of answering. A `Result` holds the answers of one question
(`{"label", "value", "unit", "type", "uri", "text", "source"}`), the SPARQL they came from and, for
amounts, the cube query it was compiled from. Every amount keeps its source: document, table, line.

Imports nothing of the question layer but its types.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ingest.record import AMOUNT_PLACES
from query_api.answering.alike import scope_not_held
from query_api.lexicon import ORG_KINDS

if TYPE_CHECKING:
    from query_api.ask import Knowledge
    from query_api.nlu import Question

UNIT_WAN = "万元"
TIMEOUT = 10
# The columns that hold a classified item's own figure, in order of preference (not 基本支出 or 项目支出 alone).
PREFERRED_COLUMNS = ("合计", "预算数", "决算数", "本年支出合计", "支出决算", "预算", "决算", "金额", "总计", "小计")


def compare_amounts(a: float, b: float) -> int:
    """-1, 0 or 1 as the amount `a` is below, the same as or above `b` at the places an amount keeps
    (AMOUNT_PLACES): a 元 document prints 万元 to four places, so 15 元 apart (0.0015) are two amounts; float noise
    is no difference. Not for two printings of one amount (a sum against its printed total): those allow a rounding."""
    diff = round(a - b, AMOUNT_PLACES)
    return (diff > 0) - (diff < 0)


def column_rank(name: str | None, default: int | None = None) -> int | None:
    """Where a column stands among the ones that hold a line's whole figure (lower first), `default` for the
    others. A column named as a whole-row total (支出总计, 收入合计) comes before 小计, the total of one group of
    columns (a table's 政府采购 小计 beside its 支出总计)."""
    if not name:
        return default
    if name in PREFERRED_COLUMNS:
        return PREFERRED_COLUMNS.index(name)
    if name.endswith(("合计", "总计")):
        return PREFERRED_COLUMNS.index("小计") - 1
    return default


@dataclass
class Result:
    answers: list[dict] = field(default_factory=list)
    sparql: str | None = None
    message: str | None = None
    cube_query: dict | None = None  # the cube query the SPARQL was compiled from (answering.compiler)
    # two figures set side by side: {"a": {label, value, source}, "b": {…}, "difference": b − a, "unit", "label"}
    comparison: dict | None = None
    total: int | None = None  # the exact number of answers when `answers` is the first page of them (PAGE)


# Answers shown at most when a list grows with the store (every program of a topic, every unmet indicator):
# the first PAGE in the answer's own order, and the exact count; the CSV export gives every figure.
PAGE = 50


def page_of(ranked: list, q: Question) -> tuple[int, list]:
    """(the position of its first, the items) of the page the question asks for (its `page`, from 1)."""
    start = (max(q.page, 1) - 1) * PAGE
    return start, ranked[start:start + PAGE]


def page_message(total: int, start: int, shown: int, order: str) -> str:
    """What a paged list says: how many answers there are, which are shown, in what order, and the next page."""
    if not shown:
        return f"共 {total:,} 个，这一页没有更多答案。"
    page = start // PAGE + 1
    more = f"；下一页：page={page + 1}" if start + shown < total else ""
    return f"共 {total:,} 个，列出第 {start + 1}–{start + shown} 个（{order}）{more}。"


def paged(items: list, q: Question, order: str, make, sparql: str | None = None) -> Result:
    """A list known whole without asking the store (the departments, the documents): the asked page made into
    answers by `make`, with the count of them all when they pass a page."""
    start, page = page_of(items, q)
    answers = [make(item) for item in page]
    if start == 0 and len(items) <= PAGE:
        return Result(answers, sparql)
    return Result(answers, sparql, page_message(len(items), start, len(answers), order), total=len(items))


def answer_row(label, value=None, unit=None, kind=None, uri=None, text=None, source=None) -> dict:
    return {"label": label, "value": value, "unit": unit, "type": kind, "uri": uri, "text": text, "source": source}


def plain(value: float) -> str:
    """An amount as printed, every decimal kept (13215.69, not :g's 13215.7), no trailing zeros."""
    return f"{value:.{AMOUNT_PLACES}f}".rstrip("0").rstrip(".")


def summed(answers: list[dict], label: str) -> dict | None:
    """The sum of `answers` as one answer row labelled `label`, with its addition as text ("a + b = c万元") and
    their sources; None unless each is in 万元 with a value and all come from one and the same document (the part
    of the source before its table): figures of two documents, or of none named, are never added."""
    documents = {document_of_source(a.get("source")) for a in answers}
    if len(documents) != 1 or "" in documents or any(a.get("unit") != UNIT_WAN or a.get("value") is None for a in answers):
        return None
    value = round(sum(a["value"] for a in answers), AMOUNT_PLACES)
    text = " + ".join(f"{a['label']} {plain(a['value'])}{UNIT_WAN}" for a in answers) + f" = {plain(value)}{UNIT_WAN}"
    return answer_row(label, value, UNIT_WAN, "sum", None, text, "；".join(dict.fromkeys(a["source"] for a in answers)))


def addition(values: list[float], total: float) -> str:
    """A total no document prints, shown as the addition it is: "a + b = c万元（各项目预算相加算得）"."""
    return " + ".join(map(plain, values)) + f" = {plain(total)}{UNIT_WAN}（各项目预算相加算得）"


def number(node) -> float | None:
    if node is None:
        return None
    try:
        return round(float(node.toPython()), AMOUNT_PLACES)
    except (TypeError, ValueError, AttributeError):
        return None


def source_of(known: Knowledge, doc, table=None, line=None) -> str | None:
    """"<document> · <table> · 第N行" — where a value was read."""
    info = known.documents.get(str(doc)) if doc is not None else None
    parts = []
    if info:
        parts.append(f"{info.department}{info.year or ''}年{info.type_label}"
                     + (f"（{info.scope_label}）" if info.scope_label else ""))
    if table:
        parts.append(str(table))
    if line:
        parts.append(f"第{line}行")
    return " · ".join(parts) or None


def document_of_source(source: str | None) -> str:
    """The document part of a source_of string (its text before the table), "" without one."""
    return (source or "").split(" · ")[0]


def asked_years(q: Question) -> list[int]:
    """The years the question names, in its order (none: every year)."""
    return [y for y in (q.years or [q.year]) if y]


def org_labels(question: Question, known: Knowledge) -> list[str]:
    """Labels of the organisations the question names; an internal unit asked about its department's
    relations ("某科所在部门…") is replaced by its department (one hop)."""
    labels: list[str] = []
    for entry in question.entries(*ORG_KINDS):
        if entry.label not in labels:
            labels.append(entry.label)
    return labels


def prefer_doc_type(rows: list, question: Question, known: Knowledge, doc_attr: str = "doc") -> list:
    """Rows of the asked document type (预算/决算) when there are any. A final account prints the year's budget
    figures beside its actuals, so a budget asked of a year with only a final account is still answered from it;
    a budget never prints the year's actuals, so a final account asked of a year with only budgets has no
    answer (answering the budget would be a wrong number) — unless the question also speaks of a budget or of a
    change, which a budget prints against the last year's 执行数."""
    if not question.doc_type:
        return rows
    kept = [r for r in rows if (info := known.documents.get(str(getattr(r, doc_attr)))) and info.type == question.doc_type]
    actuals_only = question.doc_type == "final_account" and not question.change and "预算" not in question.text
    return kept or ([] if actuals_only else rows)


def scope_asked(question: Question, department: str) -> str | None:
    """The scope asked of a department's figures: the one said beside it (甲局（含下属单位）和乙局), else the
    question's."""
    return question.side_scopes.get(department, question.scope)


def only_scope(rows: list, question: Question, known: Knowledge, doc_of) -> tuple[list, str | None]:
    """The rows of documents of the scope asked (本级 / 汇总, of the whole question or said beside one of its
    organisations; every row when none is), and the message when a department asked in a scope has rows but none
    of that scope: the other scope's figure is never given in its place."""
    if not question.scope and not question.side_scopes:
        return rows, None
    by_department: dict[str, list] = {}
    for r in rows:
        if (info := known.documents.get(doc_of(r))) is not None:
            by_department.setdefault(info.department, []).append((r, info))
    kept = []
    for department, held in by_department.items():
        scope = scope_asked(question, department)
        mine = [r for r, info in held if not scope or info.scope == scope]
        if not mine and question.side_scopes.get(department):
            return [], scope_not_held([info for _, info in held], scope)
        kept += mine
    ids = {id(r) for r in kept}
    kept = [r for r in rows if id(r) in ids]  # in the order found
    if kept or not rows:
        return kept, None
    return kept, scope_not_held([known.documents[d] for r in rows if (d := doc_of(r)) in known.documents], question.scope)


# --- organisations -------------------------------------------------------------------------------

def in_order(rows, *names: str) -> list:
    """`rows` sorted here by `names` (a leading '-': a number descending), Python's code-point order breaking
    the ties the store left: stores collate Chinese text differently, and a unit listed by two documents
    carries both documents' texts, so the store's own order would pick a different one per backend."""
    return sorted(rows, key=order_key(*names))


def order_key(*names: str):
    """The sort key `in_order` sorts by: numbers (descending with a leading '-'), then texts by code point,
    then unbound values."""
    def key(row) -> tuple:
        out = []
        for name in names:
            node = getattr(row, name.lstrip("-"))
            value = node.toPython() if node is not None else None
            if value is None:
                out.append((2, 0, ""))  # unbound last, either way
            elif isinstance(value, int | float) and not isinstance(value, bool):
                out.append((0, -value if name.startswith("-") else value, ""))
            else:
                out.append((1, 0, str(value)))
        return tuple(out)

    return key
