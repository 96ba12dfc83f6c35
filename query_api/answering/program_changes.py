"""A named program's change on the year before as its own item states it (2.口岸管理业务40,000.70万元,…较2025年
年初预算增加569.63万元: ingest.program_prose), asked of the program (口岸管理业务预算比2025年年初预算增加了多少): the
signed change, the figure it is on (年初预算, 执行数, 决算, 预算) and the line stating it. A year asked that is
neither the program's nor the one before, or a figure compared that the item does not name (执行数 asked, 年初预算
printed), gets no stated change: the caller answers as before, never with the program's amount as its change."""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING

from graph_store.base import Store
from ingest.record import AMOUNT_PLACES
from query_api import queries
from query_api.answering.change_direction import as_asked, by_size
from query_api.answering.programs import program_rows
from query_api.answering.rows import Result, answer_row, number, org_labels, plain, source_of
from query_api.answering.sparql_parts import values_in

if TYPE_CHECKING:
    from query_api.ask import Knowledge
    from query_api.nlu import Question

CHANGES = """
SELECT ?p ?column ?change ?doc ?table ?line WHERE {{
  VALUES ?p {{ {programs} }}
  ?obs {program} ?p ; {column} ?column ; {value} ?change ; {from} ?doc .
  FILTER(STRSTARTS(STR(?column), "比上年") && STRENDS(STR(?column), "增减"))
  OPTIONAL {{ ?obs {table} ?table }} OPTIONAL {{ ?obs {line} ?line }}
}} ORDER BY ?p ?column
"""
# the figure of the year before a question compares with, by the words it says it in
_BASES_ASKED = (("年初", "年初预算"), ("执行", "执行数"), ("决算", "决算"))


def _year_of_program(q: Question) -> int | None:
    """The program's year the asked years mean: the later of two, or one named after 比/较 (the year compared
    with: the program's is the next), else the one named; None when none is named."""
    years = sorted(set(q.years or ([q.year] if q.year else [])))
    if not years:
        return None
    if len(years) == 2:
        return years[1] if years[1] - years[0] == 1 else -1
    if len(years) > 2:
        return -1
    compared = re.search(rf"(?:比|较|和|与|同){years[0]}年", q.text)
    return years[0] + 1 if compared else years[0]


def stated(store: Store, known: Knowledge, q: Question) -> Result | None:
    """The named programs' stated changes on the year before; None where none is printed for them."""
    named = sorted({e.label for e in q.entries("program")})
    year = _year_of_program(q)
    if not named or year == -1:
        return None
    rows, _ = program_rows(store, known, dataclasses.replace(q, year=None, years=[]), [values_in("?label", named)],
                           organisations=True)
    rows = [r for r in rows if year is None or str(r.year) == str(year)]
    if not rows:
        return None
    text = queries.sparql(CHANGES, programs=" ".join(r.p.n3() for r in rows))
    found = list(store.query(text))
    labels = {str(r.p): (str(r.label), str(r.year)) for r in rows}
    amounts = {str(r.p): number(r.amount) for r in rows}
    base_asked = next((b for word, b in _BASES_ASKED if word in q.text), None)
    if base_asked and found and not (of_base := [c for c in found if base_asked in str(c.column)]):
        printed = "；".join(f"{labels[str(c.p)][0]}比{_base(c.column, labels[str(c.p)][1])}{_moved(number(c.change))}"
                           for c in found)
        return Result(sparql=text, message=f"项目说明只列了{printed}，没有列出比上年{base_asked}的增减，"
                                           "不以别的口径作答。")
    found = of_base if base_asked else found
    if not found:
        return None
    answers, said = [], []
    for c in found:
        change = number(c.change)
        if change is None:
            continue
        label, year_of = labels[str(c.p)]
        base = _base(c.column, year_of)
        value = as_asked(q, change)  # 少了多少: a fall is asked as a positive amount
        line = f"{label}{year_of}年预算比{base}{_moved(change)}"
        answers.append(answer_row(f"{label}比{base}增减", value, "万元", "change", str(c.p),
                                  f"{line}（项目说明所列）", source_of(known, c.doc, c.table, c.line)))
        said.append(line)
        if q.change_rate and (rate := _rate(change, amounts.get(str(c.p)), base)):  # 增长了百分之几: on the base's figure
            value, shown = rate  # the rate alone answers, as a line's (answering.changes.item_rate): a fall asked positive
            answers[-1] = answer_row(f"{label}比{base}增减（幅度）", as_asked(q, value), "%",
                                     "change", str(c.p), f"{line}；{shown}", source_of(known, c.doc, c.table, c.line))
            said[-1] = f"{line}，幅度 {shown}"
    if not answers:
        return None
    return Result(answers, text, "；".join(said) + "。")


def _rate(change: float, amount: float | None, base_said: str) -> tuple[float, str] | None:
    """The change as a share of the figure it is on (this year's amount less the change), in %, and its
    computation shown; None without an amount, or on a figure not above 0."""
    if amount is None or (base := round(amount - change, AMOUNT_PLACES)) <= 0:
        return None
    rate = round(change / base * 100, 2)
    return rate, f"{plain(change)} ÷ {base_said} {plain(base)}万元（{plain(amount)} {'−' if change >= 0 else '+'} {plain(abs(change))}）= {plain(rate)}%（计算所得）"


def _moved(change: float) -> str:
    return f"增加{plain(change)}万元" if change > 0 else f"减少{plain(-change)}万元" if change < 0 else "持平"


def _base(column, year) -> str:
    """The figure a stated change is on, its year said: 比上年年初预算增减 of a 2026 program → 2025年年初预算."""
    base = str(column)[1:-2]
    return base.replace("上年", f"{int(str(year)) - 1}年", 1) if str(year).isdigit() else base


_MOST = re.compile(r"最多|最少|最大|最小|最高|最低|前[一二三四五六七八九十\d]+")


def ranked(store: Store, known: Knowledge, q: Question, who: str) -> Result | None:
    """The programs of the organisations asked ranked by the change their items state (哪个项目比上年增加最多), or
    those changed the way asked (预算减少的项目有哪些) — only where every priced program states its change: a rank
    of some is no rank of the programs, so the reply then says which state none, and answers nothing. None where
    no program of theirs states one (the caller says the store holds no change of programs)."""
    if not org_labels(q, known):
        return None
    rows, _ = program_rows(store, known, q, [], organisations=True)
    rows = [r for r in rows if number(r.amount) is not None]
    if not rows:
        return None
    text = queries.sparql(CHANGES, programs=" ".join(r.p.n3() for r in rows))
    changes: dict[str, list] = {}
    for c in store.query(text):
        if number(c.change) is not None:
            changes.setdefault(str(c.p), []).append(c)
    if not changes:
        return None
    unstated = [str(r.label) for r in rows if str(r.p) not in changes]
    if unstated or any(len({str(c.column) for c in cs}) > 1 for cs in changes.values()):
        shown = "、".join(unstated[:5]) + ("等" if len(unstated) > 5 else "")
        return Result(sparql=text, message=f"{who}的{len(rows)}个项目中，只有{len(changes)}个在项目说明里列了比上年的增减"
                                            f"（{shown}没有列出），排不出哪个项目增加或减少了，不以部分项目作答；可以问"
                                            "某个项目比上年增加了多少。")
    # 变化最大的项目 (no direction): by the size of the change, each said with its own direction, a fall below 0
    sign = 0 if by_size(q) else q.change_sign or (-1 if q.smaller else 1)
    by_program = {str(r.p): r for r in rows}
    stated = sorted(((number(cs[0].change), by_program[p], cs[0]) for p, cs in changes.items()),
                    key=lambda t: (-(sign * t[0] if sign else abs(t[0]) * (-1 if q.smaller else 1)), str(t[1].label)))
    moved = [t for t in stated if (t[0] * sign > 0 if sign else t[0])]
    word = "增加" if sign > 0 else "减少" if sign < 0 else "增减"
    if not moved:
        return Result(sparql=text, message=f"{who}没有项目比上年{word}（{len(rows)}个项目的说明都列了比上年的增减）。")
    if _MOST.search(q.text):
        moved = moved[:q.limit or 1]
    answers = [answer_row(str(r.label), abs(change) if sign else change, "万元", "change", str(r.p),
                          f"{r.label}比{_base(c.column, r.year)}{_moved(change)}（项目说明所列）",
                          source_of(known, c.doc, c.table, c.line)) for change, r, c in moved]
    said = "" if sign else "（按增减的多少排，不论增减）"
    return Result(answers, text, "；".join(a["text"] for a in answers) + said + "。")
