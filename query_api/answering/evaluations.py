"""Self-evaluation questions (绩效自评): the rating a final account gives the department's overall
spending and its programs (gk:SelfEvaluation), with the figures of the same section — the budget
execution rate and the self-evaluation score (facts `execution_rate`, `performance_score`)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from graph_store.base import Store
from query_api import queries
from query_api.answering.figures import facts
from query_api.answering.rows import TIMEOUT, Result, answer_row, org_labels, source_of
from query_api.answering.sparql_parts import values_in, year_filter
from query_api.slots import asks_rating

if TYPE_CHECKING:
    from query_api.ask import Knowledge
    from query_api.nlu import Question

EVALUATIONS = """
SELECT DISTINCT ?e ?overall ?program ?doc ?year ?deptLabel ?table WHERE {{
  {filters}
  ?e a {SelfEvaluation} ; {department} ?dept ; {year} ?year ; {from} ?doc .
  ?dept {label} ?deptLabel .
  OPTIONAL {{ ?e {overallRating} ?overall }} OPTIONAL {{ ?e {programRating} ?program }}
  OPTIONAL {{ ?e {table} ?table }}
}} ORDER BY ?year ?doc
"""


def _which(text: str) -> tuple[str, ...]:
    """The ratings asked for: the programs' (项目绩效自评), the department's overall one, or both."""
    programs = bool(re.search(r"项目", text))
    overall = bool(re.search(r"整体|部门|单位|总体|全局|本局", text.replace("部门决算", "")))
    if programs and not overall:
        return ("program",)
    if overall and not programs:
        return ("overall",)
    return ("overall", "program")


def self_evaluation(store: Store, known: Knowledge, q: Question) -> Result:
    labels = org_labels(q, known)
    departments = known.departments
    labels = [label for label in labels if label in departments]
    if not labels:
        return Result(message="没有找到问题中的部门（绩效自评结果只在部门决算中公开）。")
    if q.measure == "performance_score" and not asks_rating(q.text):  # the score asked: the ratings if none
        score = facts(store, known, q, labels, "performance_score")
        if score.answers:
            return score
    answers, text = ratings(store, known, q, labels, _which(q.text))
    # the figures of the same section: the execution rate and, where stated, the score
    figures = [a for m in ("execution_rate", "performance_score")
               for a in facts(store, known, q, labels, m).answers]
    if not answers and not figures:
        return Result([], text, "知识库里没有这个部门的绩效自评结果（只有部门决算的绩效自评部分会写明）。")
    if q.measure == "performance_score" and not asks_rating(q.text):
        message = "决算没有写明绩效自评得分，下面是同一部分的自评等级和数字。"
    else:
        message = None if answers else "决算没有写明所问的绩效自评等级，下面是同一部分的数字。"
    return Result(answers + figures, text, message)


def ratings(store: Store, known: Knowledge, q: Question, labels: list[str], wanted: tuple[str, ...]) \
        -> tuple[list[dict], str]:
    """The ratings the departments' final accounts give (`wanted`: "overall", "program" or both), one row each
    (the same rating of the 本级 and 汇总 documents once), and the query."""
    filters = [values_in("?deptLabel", labels), year_filter(q)]
    text = queries.sparql(EVALUATIONS, filters="\n  ".join(f for f in filters if f))
    rows = list(store.query(text, timeout=TIMEOUT))
    answers, seen = [], set()
    for r in rows:
        info = known.documents.get(str(r.doc))
        for kind, rating, title in (("overall", r.overall, "部门整体支出绩效自评结果"), ("program", r.program, "项目绩效自评结果")):
            if rating is None or kind not in wanted:
                continue
            key = (str(r.deptLabel), str(r.year), kind, str(rating))  # the same rating in the 本级 and 汇总 documents
            if key in seen:
                continue
            seen.add(key)
            label = f"{r.deptLabel}{r.year}年{title}" + (f"（{info.scope_label}）" if info and info.scope_label else "")
            answers.append(answer_row(label, str(rating), None, "rating", str(r.e), f"{title}为{rating}",
                                      source_of(known, r.doc, r.table)))
    return answers, text
