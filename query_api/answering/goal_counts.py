"""A count a program's goal states in a unit of its own — 为全区各有关单位提供X服务，覆盖全区32个单位及以上: 32 个 — asked of
the program where none of its indicators holds it (X的绩效目标里，要覆盖至少几个单位): the count with the goal's clause and
line (facts `goal_count`, ingest/stated_parts.py), never an amount in 万元 nor the program's money.

    goal_count(store, known, q)   the counts of the programs named, in the unit asked, whose clause holds the thing
                                  counted and most of the question's own words; None when no goal states one
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from graph_store.base import Store
from ingest.quantities import QUANTITY, UNIT, unit_form
from ingest.stated_parts import COUNTERS, GOAL_COUNT
from ingest.text import program_key
from query_api.answering.figures import fact_cells
from query_api.answering.rows import Result, answer_row, only_scope, org_labels, prefer_doc_type, source_of
from query_api.indicator_match import own_words
from query_api.lexicon import normalise

if TYPE_CHECKING:
    from query_api.ask import Knowledge
    from query_api.nlu import Question

# how many asked in a measure word, and what it counts after it (几个单位, 多少台服务器; 开会几次: nothing after it);
# how much in a unit of measure (提高到多少万立方米每天: its one written form, ingest/quantities.py)
_ASKED = re.compile(rf"(?:几|多少)(?:(?P<measure>{UNIT.pattern})|(?P<unit>{COUNTERS})(?P<noun>[\u4e00-\u9fff]{{0,8}}))")
_TAIL = re.compile(r"(?:呢|吗|啊|呀|的|及以上|以上)+$")


def _key(name: str) -> str:
    """A program's name as its two tables may print it (2026年驻京经费, 2026驻京经费), in the form questions are
    compared in."""
    return program_key(name, normalise)


def shared_chars(words: str, clause: str) -> int:
    """How many of `words`' characters (a question's) stand in runs of two or more that `clause` holds."""
    covered, at = 0, 0
    while at < len(words) - 1:
        end = next((j for j in range(len(words), at + 1, -1) if words[at:j] in clause), None)
        covered, at = (covered + end - at, end) if end else (covered, at + 1)
    return covered


def _when(r) -> str:
    """The year before a program's name, unless the name opens with one (2026年驻京经费)."""
    return "" if re.match(r"\d{4}", str(r.label)) else f"{r.year}年"


def goal_count(store: Store, known: Knowledge, q: Question, every_program: bool = False) -> Result | None:
    """The count the named programs' goals state in the unit asked (module docstring): the clauses holding what is
    counted (单位, 服务器) and the most of the question's own words; two such clauses of one program stating
    different counts are asked about, never one picked. None when the question asks no count in a measure word, names
    no program, or no goal of its programs states one. `every_program`: of any program of the organisations named
    (要保障多少台自助终端稳定运行, asked where nothing else answers), the thing counted said (two characters or more)."""
    programs = {_key(e.label) for e in q.entries("program")}
    asked = _ASKED.search(normalise(q.text))
    labels = org_labels(q, known)
    if not (programs or every_program) or asked is None or not labels:
        return None
    noun = _TAIL.sub("", asked.group("noun") or "")
    unit = unit_form(asked.group("measure")) if asked.group("measure") else asked.group("unit")
    if not programs and len(noun) < 2 and not asked.group("measure"):
        return None  # (a unit of measure is what is asked by itself: 多少万立方米每天 names no noun after it)
    rows, cube = fact_cells(store, q, labels, [GOAL_COUNT])
    rows, _ = only_scope(prefer_doc_type(rows, q, known), q, known, lambda r: str(r.doc))
    words = normalise(own_words(q))
    scored = [(shared_chars(words, normalise(str(r.text))), r) for r in rows
              if (not programs or _key(str(r.label)) in programs) and str(r.unit) == unit
              and (not noun or noun in normalise(str(r.text)))]
    best = max((score for score, _ in scored), default=0)
    fits = [r for score, r in scored if score == best and (best or noun)]
    if not fits:
        return None
    fits = _said_before(normalise(q.text)[:asked.start()], fits)
    if len({(str(r.doc), r.value) for r in fits}) > len({str(r.doc) for r in fits}):
        clauses = "；".join(dict.fromkeys(str(r.text) for r in fits))
        return Result(sparql=cube["sparql"], message=f"目标里有几处相近的数量（{clauses}），请说明问的是哪一处。")
    answers = [answer_row(f"{r.deptLabel}{_when(r)}{r.label}的绩效目标", r.value, str(r.unit), "count", str(r.f),
                          str(r.text), source_of(known, r.doc, r.table, r.line)) for r in fits]
    return Result(answers, cube["sparql"], "项目的绩效目标写明：" + "；".join(str(r.text) for r in fits) + "。",
                  cube["cube_query"])


# a quantity said as where a change ends (提高到160, 增至, 达到) or where it starts (由现状40, 从)
_TO, _FROM = re.compile(r"(?:到|至|达)$"), re.compile(r"(?:由|从|现状|原来|目前|现有)$")


def _said_before(asked: str, fits: list) -> list:
    """Of quantities one clause states (由现状40万m3/d提高到160万m3/d), those whose words right before them are the
    question's right before 多少 (提高到多少: 160), else those said as the same end of a change (能达到多少: 到 160; 现状是
    多少: 由现状 40); all of `fits` when nothing tells them apart."""
    def before(r) -> str:
        clause = normalise(str(r.text))
        at = next((m.start() for m in QUANTITY.finditer(clause) if float(m.group("n")) == r.value), None)
        return "" if at is None else clause[max(0, at - 4):at]

    leads = [shared_chars(asked[-4:], before(r)) for r in fits]
    if max(leads):
        return [r for r, n in zip(fits, leads, strict=True) if n == max(leads)]
    ask = re.sub(r"[是为有的]+$", "", asked)
    end = _TO if _TO.search(ask) else _FROM if _FROM.search(ask) else None
    return [r for r in fits if end.search(before(r))] or fits if end else fits
