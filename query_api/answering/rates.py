"""A completion rate (完成率 / 执行率 / 完成预算的百分之几) of something the question names — a figure such as
the 三公经费 or a program — as the document prints it in the sentence that states that thing's own figure
(“三公”经费支出决算为1.21万元，完成预算7.00万元的17.29%). Never the department's overall rate, which is
another thing's: when the sentence states none, the answer says so."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from graph_store.base import Store
from query_api.answering import figures
from query_api.answering.cell_readers import MEASURE_LABELS
from query_api.answering.programs import program_rows
from query_api.answering.rows import Result, answer_row, number, plain, source_of
from query_api.answering.sparql_parts import values_in

if TYPE_CHECKING:
    from query_api.ask import Knowledge
    from query_api.nlu import Question

RATE = "execution_rate"
# The rate as prose prints it, its percentage the group: 完成预算7.00万元的17.29% / 完成年初预算的98% /
# 预算执行率达100.00% / 完成率为95%
_PRINTED = re.compile(r"(?:完成(?:年初|全年)?预算(?:数)?(?:[\d,.]+\s*万?元)?的|(?:预算)?(?:执行|完成)率\s*(?:为|达到?|是)?)"
                      r"\s*(-?[\d,]+(?:\.\d+)?)\s*[%％]")
_CLAUSE = re.compile(r"[；;。]")
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_QUOTES = re.compile(r"[“”\"'‘’「」]")
_PHASE_END = re.compile(r"(?:支出|预算|决算)+$")


def asked_of(q: Question) -> list[str]:
    """The figures whose rate is asked (三公经费预算完成率: the 三公经费), none when only the rate is named."""
    return [m for m in q.measures if m != RATE] if RATE in q.measures and not q.change else []


def printed_rate(text: str, value: float, label: str = "") -> float | None:
    """The rate printed after `value` in the clause of `text` that states it: of the clauses holding the value,
    the first naming the figure (`label`'s words), else the first — never a later clause's (in 其中：因公出国费0万元，
    完成预算0万元的--%；…公务接待费0万元，完成预算0.4万元的0% the first states no rate: None)."""
    core = _QUOTES.sub("", _PHASE_END.sub("", label))
    held = []
    for clause in _CLAUSE.split(text or ""):
        at = next((n.end() for n in _NUMBER.finditer(clause) if float(n.group().replace(",", "")) == value), None)
        if at is not None:  # the rate follows the figure it is of (决算为1.21万元，完成预算7.00万元的17.29%)
            held.append((core and core in _QUOTES.sub("", clause), clause, at))
    if not held:
        return None
    _, clause, at = next((h for h in held if h[0]), held[0])
    found = _PRINTED.search(clause, at)
    return float(found.group(1).replace(",", "")) if found else None


def of_figures(store: Store, known: Knowledge, q: Question, labels: list[str], measures: list[str]) -> Result:
    """The rate printed beside each named figure (its budget's or its final account's sentence), with that
    sentence's source line."""
    answers, sparql, seen = [], "", set()
    for measure in measures:
        keys = figures.keys_of_any_phase(measure)
        rows, reply = figures.fact_cells(store, q, labels, keys)
        sparql = sparql or reply["sparql"]
        for r in sorted(rows, key=lambda r: (figures.doc_order(known, str(r.doc)), int(r.line or 0))):
            rate = printed_rate(str(r.text or ""), float(r.value), str(r.label or "")) if r.value is not None else None
            if rate is None or (str(r.doc), r.line, rate) in seen:
                continue  # the budget and the actual of one clause state one rate
            seen.add((str(r.doc), r.line, rate))
            info = known.documents.get(str(r.doc))
            name = MEASURE_LABELS.get(measure, measure)
            label = f"{r.deptLabel}{r.year}年{name}完成预算的比例" + (f"（{info.scope_label}）" if info else "")
            answers.append(answer_row(label, rate, "%", "rate", str(r.f), str(r.text),
                                      source_of(known, r.doc, r.table, r.line)))
    if answers:
        return Result(answers, sparql)
    names = "、".join(MEASURE_LABELS.get(m, m) for m in measures)
    return Result(sparql=sparql, message=f"文档里没有写明{'、'.join(labels)}{names}的完成率（执行率）；"
                                         "部门整体的预算执行率是另一回事，不作为它的答案。")


def of_program(store: Store, known: Knowledge, q: Question) -> Result:
    """A program's rate: what a final account says was spent over its budget, computed and said so (the
    self-evaluation's sentence printing it is the program's own line); never the department's overall rate."""
    labels = sorted({e.label for e in q.entries("program")})
    rows, text = program_rows(store, known, q, [values_in("?label", labels)], organisations=True)
    answers = []
    for r in rows:
        amount, executed = number(r.amount), number(r.executed)
        if amount and executed is not None:
            rate = round(executed / amount * 100, 2)
            answers.append(answer_row(f"{r.label}{r.year}年预算执行率", rate, "%", "rate", str(r.p),
                                      f"执行 {plain(executed)}万元 ÷ 预算 {plain(amount)}万元 = {plain(rate)}%（按决算数计算）",
                                      source_of(known, r.doc, r.table, r.line)))
    if answers:
        return Result(answers, text)
    return Result(sparql=text, message=f"知识库里没有“{'、'.join(labels)}”的执行数（只有决算才列出），算不出它的预算执行率；"
                                       "部门整体的预算执行率不是这个项目的。")
