"""Programs by where their money comes from (资金来源): 哪个项目的钱来自政府性基金预算, 用国有资本经营预算安排的
项目有几个. A program table prints each program's amount per funding source, in the national template's
columns (一般公共预算, 政府性基金预算, 国有资本经营预算, 财政专户管理资金, 事业收入 …: gk:fundingSource on
the program's observations); a question naming a source asks for the programs with a figure above zero in it,
listed, ranked, counted or added up as any programs are (`nlu.Question.within`). The question's words are
read by `slots.funding_asked`.

    programs(store, known, q)      the IRIs of the programs asked for (of the organisations and year asked) that
                                   have money from `q.funding` (or, not wholly from it, from another source)
    of_program(store, known, q)    the amount of the source named that one program named holds (X项目里有多少是单位
                                   资金): its printed column(s) with their line; None when no such amount is asked
    sources_printed(store, known, q)  whether any program asked for has its money printed by source at all: when
                                   none has, "no program has money from X" would be a guess, not an answer
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from graph_store.base import Store, check_iri
from query_api import queries
from query_api.answering import programs as program_answers
from query_api.answering.rows import (
    TIMEOUT,
    UNIT_WAN,
    Result,
    answer_row,
    number,
    org_labels,
    plain,
    prefer_doc_type,
    source_of,
)
from query_api.slots import OWN_MONEY, SOURCES

# a program's money carried over from last year, a column of its own beside this year's sources (上年结余、结转), is
# another source's; never named as a source asked (上年结转 of a question would not find 上年结余、结转)
_CARRIED_OVER = ["上年结余", "上年结转"]
# a source a table prints split into its parts, each a column of its own (单位资金: 事业收入 | 事业单位经营收入 | …)
_PARTS = {"单位资金": ["事业收入", "事业单位经营收入", "上级补助收入", "附属单位上缴收入", "其他收入"]}

if TYPE_CHECKING:
    from query_api.ask import Knowledge
    from query_api.nlu import Question


def programs(store: Store, known: Knowledge, q: Question) -> list[str]:
    """The programs of the organisations (all, when none is named) and years asked with more than zero from
    `q.funding` — or, asked as not wholly from it (`q.funding_other`), from another of the template's sources (a
    column of theirs: no total of several, such as 财政拨款, which holds the one named): one selection, as every
    list of programs makes it (`programs.program_rows`)."""
    source = q.funding.replace('"', "")  # (one of slots.SOURCES: no quote, kept so)
    parts = _PARTS.get(source, [])
    named = [source, *parts] if not q.funding_other else \
        [s for s in SOURCES.split("|") + _CARRIED_OVER if not (s.startswith(source) or source.startswith(s) or s in parts
                                                               or source in _PARTS.get(s, []))]
    held = " || ".join(f'STRSTARTS(STR(?source), "{s}")' for s in named)
    return _funded(store, known, q, f"; {queries.TERMS['value']} ?money . FILTER(({held}) && ?money > 0)")


def sources_printed(store: Store, known: Knowledge, q: Question) -> bool:
    """Whether any program of the organisations and years asked has an amount of some funding source."""
    return bool(_funded(store, known, q, "."))


def _funded(store: Store, known: Knowledge, q: Question, rest: str) -> list[str]:
    test = f"?funded {queries.TERMS['program']} ?p ; gk:fundingSource ?source {rest}"
    rows, _ = program_answers.program_rows(store, known, q, [test], organisations=bool(org_labels(q, known)))
    return list(dict.fromkeys(str(r.p) for r in rows))


# a source named with a question of how much (里有多少是单位资金 / 用了多少自有资金 / 单位资金是多少)
_SOURCE_SAID = re.compile(rf"(?P<fund>{SOURCES}|{OWN_MONEY})")
# a column of money carried over, however the table words it (上年结转, 上年结余、结转, 财政拨款结转, 上年结转结余)
_CARRIED_COLUMN = re.compile(r"结转|结余")
# last year's money carried over, asked of one program (X项目里上年结转的钱有多少, 上年结转资金安排了多少): its column
# of that name (上年结转, 上年结余、结转), never the program's whole budget nor the department's 年初结转和结余
_CARRIED_SAID = re.compile(r"(?P<fund>(?:上|去|往|以前)年度?的?(?:结转|结余)(?:、?(?:结转|结余))?|结转过来|"
                           r"结转(?:结余)?(?:资金|的钱|的经费))")
_HOW_MUCH = re.compile(r"多少|几")
_OF_PROGRAM = """
SELECT DISTINCT ?source ?value ?doc ?table ?line WHERE {{
  ?o {program} <{iri}> ; gk:fundingSource ?source ; {value} ?value ; {from} ?doc .
  OPTIONAL {{ ?o {table} ?table }} OPTIONAL {{ ?o {line} ?line }}
}}"""


def of_program(store: Store, known: Knowledge, q: Question) -> Result | None:
    """The amount one named program holds of the source the question names (污水管网改造工程里有多少是单位资金): the
    program table's column of that source as printed (zero too), else the printed columns of its parts (单位资金:
    事业收入, 其他收入 …) each with its line, never added up nor the program's whole budget; None when the question
    names no one program, no source or no how-much."""
    named = q.entries("program")
    said = _CARRIED_SAID.search(q.text) or _SOURCE_SAID.search(q.text)
    if len({e.uri for e in named}) != 1 or said is None or not _HOW_MUCH.search(q.text[said.end():] + q.text[:said.start()]):
        return None
    carried = said.re is _CARRIED_SAID
    source = "单位资金" if re.fullmatch(OWN_MONEY, said.group("fund")) else "上年结转" if carried else said.group("fund")
    program = named[0]
    text = queries.sparql(_OF_PROGRAM, iri=check_iri(program.uri))
    rows = prefer_doc_type(list(store.query(text, timeout=TIMEOUT)), q, known)
    rows = list({str(r.source): r for r in reversed(rows)}.values())[::-1]  # one a column (汇总 and 本级 print it both)
    own = [r for r in rows if str(r.source).startswith(source)
           or (carried and _CARRIED_COLUMN.search(str(r.source)))]
    parts = [r for r in rows if any(str(r.source).startswith(p) for p in _PARTS.get(source, []))]
    if not rows:
        return Result([], text, f"{program.label}的项目表没有按资金来源列出金额，无法回答其中{source}有多少。")
    if not own and not parts:
        return Result([], text, f"{program.label}的项目表没有列出{source}一栏。" if not carried else
                      f"{program.label}的项目表没有列出上年结转（结余）的金额（没有这一栏，或这一栏为空），"
                      "不以项目的全年预算作答。")
    answers = [answer_row(f"{program.label}（{r.source}）", number(r.value), UNIT_WAN, "amount", program.uri, None,
                          source_of(known, r.doc, r.table, r.line))
               for r in (own or parts)]
    message = (f"{program.label}的{source}为{plain(answers[0]['value'])}万元（项目表的{own[0].source}一栏）。" if own and len(answers) == 1
               else f"{program.label}的项目表没有{source}合计一栏，列出其中各栏如下（未加总）。" if not own
               else f"{program.label}的{source}如下。")
    return Result(answers, text, message)
