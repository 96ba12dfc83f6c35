"""One program across two documents of its department — say a final account and a later budget (2024年预算比
2021年决算多多少): each year's figure in the phase asked (决算: what was spent; 预算: the plan), and the signed
change from the earlier to the later. In the other year the program is the one of the same name, else the one
whose name resembles it (12345服务热线外包服务 / 清远市12345政府服务热线2024年度外包服务项目, query_api.topics.
resemblance). A year or phase the store does not hold for it is said, never answered by another's figure."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from graph_store.base import Store
from ingest.record import AMOUNT_PLACES
from query_api.answering.alike import PHASE_WORDS, phase_near
from query_api.answering.change_direction import as_asked
from query_api.answering.programs import program_rows
from query_api.answering.rows import Result, answer_row, number, org_labels, plain, source_of
from query_api.answering.sparql_parts import values_in
from query_api.learned import name_of
from query_api.topics import resemblance

if TYPE_CHECKING:
    from query_api.ask import Knowledge
    from query_api.nlu import Question



def asked(q: Question) -> bool:
    """A named program compared between two years (比2021年多多少 / 从2021年决算到2024年预算变化了多少), or asked of
    both (2024年预算和2021年决算各是多少: each year's figure, no change computed)."""
    return bool(q.entries("program")) and len(set(q.years or [])) >= 2 and q.operation in ("compare", "change", "lookup")


def _labels(known: Knowledge, q: Question, years: list[int]) -> set[str]:
    """The named programs' names and, of the asked years, the names resembling them either way."""
    named = {e.label for e in q.entries("program")}
    def same(a: str, b: str) -> bool:  # one's words (years, numbers dropped) hold the other's, or resemble them
        a_words, b_words = name_of(a), name_of(b)
        return bool(a_words and b_words and (a_words in b_words or b_words in a_words)
                    or resemblance(a, b) or resemblance(b, a))

    alike = {e.label for e in known.lexicon.of_kind("program") if e.year in years for n in named if same(n, e.label)}
    return named | alike


def across(store: Store, known: Knowledge, q: Question) -> Result:
    years = sorted(set(q.years))[:2]
    # each year's rows whatever document type the words name (决算 names one side, 预算 the other)
    rows, text = program_rows(store, known, dataclasses.replace(q, doc_type=None),
                              [values_in("?label", sorted(_labels(known, q, years)))], organisations=True)
    said = {y: p for y in years if (p := phase_near(q.text, str(y)))}  # 2021年决算 → final_account
    named = {e.label for e in q.entries("program")}
    sides, missing = [], []
    for year in years:
        of_year = [r for r in rows if str(r.year) == str(year)]
        own = [r for r in of_year if str(r.label) in named] or of_year
        if len({str(r.label) for r in own}) > 1:
            names = "、".join(sorted({str(r.label) for r in own}))
            return Result(sparql=text, message=f"{year}年有几个名称相近的项目：{names}。请说明是哪一个。")
        phase = said.get(year)
        row = own[0] if own else None
        info = known.documents.get(str(row.doc)) if row is not None else None
        if row is None or phase == "final_account" and (info is None or info.type != "final_account"):
            missing.append(f"{year}年{PHASE_WORDS.get(phase or '', '')}")
            continue
        final = phase == "final_account" or phase is None and info is not None and info.type == "final_account"
        value = number(row.executed) if final and row.executed is not None else number(row.amount)
        if value is None:
            missing.append(f"{year}年{PHASE_WORDS.get(phase or '', '')}")
            continue
        sides.append((year, "决算" if final and row.executed is not None else "预算", value, row))
    who = "、".join(org_labels(q, known))
    if missing:
        held = "；".join(f"{y}年{p} {plain(v)}万元（{r.label}，{source_of(known, r.doc, r.table, r.line)}）"
                        for y, p, v, r in sides)
        return Result(sparql=text, message=f"没有找到{who}“{'、'.join(sorted(named))}”（或名称相近的项目）的"
                                           f"{'、'.join(missing)}数，无法比较" + (f"；知识库里有：{held}。" if held else "。"))
    (y1, p1, v1, r1), (y2, p2, v2, r2) = sides
    answers = [answer_row(str(r.label), v, "万元", "program", str(r.p), f"{y}年{p} {plain(v)}万元",
                          source_of(known, r.doc, r.table, r.line)) for y, p, v, r in sides]
    if q.operation == "lookup":  # 各是多少: each year's own figure, from its own document
        return Result(answers, text, "；".join(f"{y}年{p} {plain(v)}万元（{r.label}）" for y, p, v, r in sides) + "。")
    change = round(v2 - v1, AMOUNT_PLACES)
    word = "增加" if change > 0 else "减少" if change < 0 else "持平"
    value = as_asked(q, change)  # 少了多少: a fall is asked as a positive amount
    answers.append(answer_row(f"{r2.label}{y2}年{p2}比{y1}年{p1}{word}", value, "万元", "change", None,
                              f"{plain(v2)} − {plain(v1)} = {plain(change)}万元（{word}{plain(abs(change))}万元）",
                              "；".join(s for s in (source_of(known, r1.doc, r1.table, r1.line),
                                                    source_of(known, r2.doc, r2.table, r2.line)) if s)))
    return Result(answers, text, f"{y2}年{p2}比{y1}年{p1}{word}{plain(abs(change))}万元。")
