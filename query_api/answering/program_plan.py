"""A program's plan against its actual in one final account (年初预算多少，实际执行了多少 / 决算比预算少多少 / 预算
执行情况): the budget its final account prints for it and what it spent, each its own answer with the line, and
the signed difference (spent − budget) where a difference is asked — a fall asked as 少多少 is a positive amount
said 减少. A program whose documents print no spending (a budget) gets no number in its place: the reply says
which side is missing and what is held."""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING

from graph_store.base import Store
from ingest.record import AMOUNT_PLACES
from query_api.answering.change_direction import as_asked
from query_api.answering.programs import program_rows
from query_api.answering.rows import Result, answer_row, number, plain, source_of
from query_api.answering.sparql_parts import values_in
from query_api.lexicon import normalise

if TYPE_CHECKING:
    from query_api.ask import Knowledge
    from query_api.nlu import Question

# the plan and the actual, each said in the words outside the program's name
_PLAN = re.compile(r"预算|计划")
_ACTUAL = re.compile(r"执行|实际|决算|花了|花掉|用了|支出了")
# a saving asked (节约了多少, 省下多少): the difference, said as a fall (the question's own difference words, 少花了多少,
# are read once, in slots: q.difference and q.change_sign)
_SAVED = re.compile(r"(?:节约|结余|省)(?:出|了|下)*多少")


def asked(q: Question) -> bool:
    """A named program's plan and actual asked together, of one year: the operation (决算比预算少多少, 执行情况), or
    a plan word and an actual word both said outside its name (年初预算多少，实际执行了多少)."""
    if not q.entries("program") or len(set(q.years)) > 1:
        return False
    rest = normalise(q.text)
    for mention in q.mentions:
        rest = rest.replace(mention.text, " ")
    return q.operation == "plan_vs_actual" or bool(_PLAN.search(rest) and _ACTUAL.search(rest))


def plan_and_actual(store: Store, known: Knowledge, q: Question) -> Result:
    labels = sorted({e.label for e in q.entries("program")})
    # the final account's rows, which print both (a budget of the same year prints the plan alone)
    rows, text = program_rows(store, known, dataclasses.replace(q, doc_type="final_account"),
                              [values_in("?label", labels)], organisations=True)
    answers = []
    for r in rows:
        amount, executed = number(r.amount), number(r.executed)
        if amount is None or executed is None:
            continue
        source = source_of(known, r.doc, r.table, r.line)
        answers += [answer_row(f"{r.label}{r.year}年预算数", amount, "万元", "program", str(r.p),
                               f"预算 {plain(amount)}万元", source),
                    answer_row(f"{r.label}{r.year}年执行数", executed, "万元", "program", str(r.p),
                               f"执行 {plain(executed)}万元", source)]
        saved = bool(_SAVED.search(q.text))
        if q.difference or saved:
            change = round(executed - amount, AMOUNT_PLACES)
            word = "超出预算" if change > 0 else "比预算减少" if change < 0 else "与预算持平"
            answers.append(answer_row(f"{r.label}{r.year}年执行数{word}", -change if saved else as_asked(q, change),
                                      "万元", "change", None,
                                      f"{plain(executed)} − {plain(amount)} = {plain(change)}万元", source))
    if answers:
        return Result(answers, text)
    held = "；".join(f"{r.label}{r.year}年预算 {plain(number(r.amount))}万元（{source_of(known, r.doc, r.table, r.line)}）"
                    for r in rows if number(r.amount) is not None)
    return Result(sparql=text, message=f"知识库里没有“{'、'.join(labels)}”的执行数（只有决算才列出），无法与预算比较"
                                       + (f"；知识库里有：{held}。" if held else "。"))
