"""A final account's programs ranked (X局2024年决算的项目支出里，哪一项花得最多): the programs its 决算 prints, ranked
by what each spent (执行数; a program printed with one figure only, by that figure, said so), each with its budget
beside. Never the budget's programs in its place: a 决算 printing no programs is refused with the reason (its 项目
支出合计 said where printed), and one printing fewer programs than its 项目支出 holds says the ranking is of those
printed only.

    asked(q)                rank of programs asked of a final account
    rank(store, known, q)   the top program(s), or a message saying why none
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from graph_store.base import Store
from query_api.answering import compiler
from query_api.answering.figures import FACT_DIMS, fact_keys
from query_api.answering.programs import one_per_program
from query_api.answering.rows import (
    TIMEOUT,
    UNIT_WAN,
    Result,
    answer_row,
    asked_years,
    org_labels,
    plain,
    source_of,
)
from query_api.cube import MAX_LIMIT, CubeQuery, Cut, run
from query_api.cube_kinds import TOLERANCE

if TYPE_CHECKING:
    from query_api.ask import Knowledge
    from query_api.nlu import Question

_PHASE = "final_account"


def asked(q: Question) -> bool:
    return q.operation == "rank" and q.doc_type == _PHASE


def rank(store: Store, known: Knowledge, q: Question) -> Result:
    cube = compiler.cells(store, compiler.compile_programs(q, known))
    # the final accounts' cells (a program's 预算数 there is a budget-phase figure of the final account's document)
    cells = [c for c in cube["cells"] if (d := known.documents.get(c["document"])) and d.type == _PHASE
             and c.get("value") is not None]
    spent = {(c["program"], c["document"]): c for c in cells if c.get("column") == "执行数"}
    budget = {(c["program"], c["document"]): c for c in cells if c.get("column") == "预算数"}
    # each program by what it spent, else by the one figure printed
    figures = [spent.get(k) or budget[k] for k in dict.fromkeys([*spent, *budget])]
    sign = 1 if q.order == "asc" else -1
    chosen = one_per_program(figures, known, q,
                             lambda c: (c.get("program_label"), c["year"], c["value"], c["document"], c["program"]),
                             lambda c: (sign * c["value"], str(c.get("program_label")), c["year"] or 0))
    labels = org_labels(q, known)
    if not chosen:
        return Result([], cube["sparql"], _none_printed(store, known, q, labels), cube["cube_query"])
    document = chosen[0]["document"]
    chosen = [c for c in chosen if c["document"] == document]  # one final account's programs
    answers = []
    for c in chosen[:q.limit or 1]:
        key = (c["program"], c["document"])
        what = "执行数" if key in spent else "文件所列金额"
        detail = [f"{c['year']}年决算", f"{what} {plain(c['value'])} 万元"]
        if key in spent and key in budget:
            detail.append(f"预算 {plain(budget[key]['value'])} 万元")
        answers.append(answer_row(c.get("program_label"), c["value"], UNIT_WAN, "program", c["program"],
                                  "，".join(detail), source_of(known, c["document"], c.get("table"), c.get("line"))))
    info = known.documents.get(document)
    of = f"{info.department}{info.year}年{info.type_label}" if info else "这份决算"
    message = f"{of}逐项列出的{len(chosen)}个项目里，按执行数{'最少' if q.order == 'asc' else '最多'}的是" \
        + "、".join(f"{a['label']}（{plain(a['value'])}万元）" for a in answers) + "。"
    listed = sum(c["value"] for c in chosen)
    whole = _project_total(store, labels[0], document) if len(labels) == 1 else None
    if whole is not None and listed < whole["value"] - TOLERANCE:
        message += (f"注意：项目支出合计{plain(whole['value'])}万元，逐项列出的只有{plain(listed)}万元，其余项目没有单列，"
                    "这只是列出的项目里的排序。")
    return Result(answers, cube["sparql"], message, cube["cube_query"])


def _project_total(store: Store, label: str, document: str) -> dict | None:
    """The 项目支出 total a document prints (its final account's actual), None where it prints none."""
    keys = fact_keys("project_expenditure", _PHASE, False)
    reply = run(store, CubeQuery([Cut("fact", "|".join(keys)), Cut("department", label)], FACT_DIMS,
                                 limit=MAX_LIMIT), timeout=TIMEOUT)
    held = [c for c in reply["cells"] if c["document"] == document and isinstance(c.get("value"), (int, float))]
    # the largest printed: the document's whole (a fund's or a unit's part is less), so listed programs falling short
    # of it is said rather than hidden
    return max(held, key=lambda c: c["value"], default=None)


def _none_printed(store: Store, known: Knowledge, q: Question, labels: list[str]) -> str:
    """Why no program is ranked: the final account asked prints none (its 项目支出合计 said), or none is held."""
    years = set(asked_years(q))
    docs = [d for d in known.docs_of(set(labels) or None) if d.type == _PHASE and (not years or d.year in years)]
    if not docs:
        return f"知识库里没有{'、'.join(labels)}{'、'.join(str(y) for y in sorted(years))}{'年' if years else ''}的决算，" \
               "无法排序它的项目。"
    doc = max(docs, key=lambda d: (d.year or 0, d.scope == "consolidated"))
    whole = _project_total(store, doc.department, doc.uri)
    total = f"（只列了项目支出合计{plain(whole['value'])}万元）" if whole else ""
    return f"{doc.department}{doc.year}年{doc.type_label}没有逐项列出项目的支出{total}，无法说哪一个项目花得最多；" \
           "不用预算里的项目代替。"
