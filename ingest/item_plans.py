"""What a final account's narrative states of a line's plan beside its actual, where its tables print no
plan (上海's 决算: the tables print 决算数 only):

    1、一般公共服务支出（类）财政事务（款）行政运行（项）。主要用于：…。年初预算为1560.05万元，支出决算为1511.89万元。
    一般公共预算财政拨款支出年初预算为2993.92万元，支出决算为2940.05万元，完成年初预算的98.20%。

    item_plans(paras, items)         a LineItem per line so stated, its value in the column PLAN_COLUMN
    whole_plans(paras, facts)        the plan of the department's general-budget spending, a Fact
                                     `general_budget_expenditure_budget`, and each fund's spending against
                                     its plan where only the difference is stated (`…_vs_plan`)

The line is the tables' (by the codes of its bracketed path, as `ingest.item_changes` reads it, or by its
chain of names where the tables print none), and only when the tables print the actual the sentence states
for it: a plan is never given to a line the sentence may not be of. The whole's plan likewise only when the
sentence's actual is the department's general-budget spending the record holds.
"""

from __future__ import annotations

import re

from ingest.item_changes import _LEAD, _NUM, _PIECE, _Codes
from ingest.prose import Paragraph, canonical, cited, is_heading
from ingest.record import Fact, LineItem
from ingest.text import parse_amount, sentence_of

PLAN_COLUMN = "年初预算数"  # a final account's plan column: of the budget phase (ingest.rdf.column_phase)
# the plan and the actual, as the sentence pairs them
_PAIR = rf"年初预算(?:数)?为(?P<plan>{_NUM})万元[，,]?(?:支出)?决算(?:数)?为(?P<actual>{_NUM})万元"
_LINE = re.compile(rf"{_LEAD}(?P<path>(?:{_PIECE})+)[^（(]*?{_PAIR}")
_OPENS = re.compile(rf"{_LEAD}(?:{_PIECE})+")
_WHOLE = re.compile(rf"一般公共预算(?:财政)?拨款支出{_PAIR}")


def item_plans(paras: list[Paragraph], items: list[LineItem]) -> list[LineItem]:
    """The lines whose plan (年初预算) the narrative states beside their actual, one LineItem each."""
    codes = _Codes(items)
    out, said = [], set()
    for run, text, table in _blocks(paras):
        m = _LINE.match(text)
        if not m:
            continue
        plan = parse_amount(m.group("plan"))
        source = cited(run[0].source(table), run, m.start("plan"))  # the line printing the plan
        code = codes.of_path(m.group("path"))
        if code and codes.prints(code, m.group("actual")) and code not in said:
            said.add(code)
            out.append(LineItem(table, code, codes.names[code], {PLAN_COLUMN: plan}, codes.scheme[code],
                                source=source))
        elif not code and (row := codes.of_names(m.group("path"), m.group("actual"))) and row not in said:
            said.add(row)
            out.append(LineItem(table, "", row[0], {PLAN_COLUMN: plan}, "functional", source=source,
                                parent=row[1]))
    return out


def _blocks(paras: list[Paragraph]):
    """(paragraphs, text, section) of each paragraph opening with a line's path, joined with the ones after it up
    to the next path or heading: a paragraph may break after '主要用于：'."""
    heading, block = "说明", None
    for p in paras:
        text = canonical(p.text)
        heads = is_heading(text)
        if heads or _OPENS.match(text):
            if block:
                yield block
            block = None
            if heads:
                heading = text
                continue
            block = ([p], text, f"说明：{heading}")
        elif block and len(block[1]) < 600:
            block = (block[0] + [p], block[1] + text, block[2])
    if block:
        yield block


def whole_plans(paras: list[Paragraph], facts: list[Fact]) -> list[Fact]:
    """The plan of the general-budget spending the narrative states beside its actual, when that actual is
    the record's general-budget spending; and each fund's spending against its plan where the narrative states
    the difference instead (一般公共预算财政拨款支出4,690.97万元，比年初预算数增加3,320.27万元: signed, of the
    actual the record holds), as `…_vs_plan`."""
    actuals = {round(f.value, 2) for f in facts if f.key == "general_budget_expenditure" and f.value is not None}
    out: list[Fact] = []
    for p in paras:
        text = canonical(p.text)
        m = _WHOLE.search(text)
        if m and round(parse_amount(m.group("actual")) or -1, 2) in actuals:
            out.append(Fact("general_budget_expenditure_budget", parse_amount(m.group("plan")), text=text[:300],
                            source=p.source()))
            break
    held = {(f.key, round(f.value, 2)) for f in facts if f.value is not None}
    said: set[str] = set()
    for p in paras:
        text = canonical(p.text)
        for m in _AGAINST_PLAN.finditer(text):
            key = _FUND_SPENDING[m.group("fund")]
            actual, diff = parse_amount(m.group("actual")), parse_amount(m.group("diff"))
            if key in said or actual is None or diff is None or (key, round(actual, 2)) not in held:
                continue
            said.add(key)
            out.append(Fact(f"{key}_vs_plan", -diff if m.group("verb") in ("减少", "下降") else diff,
                            text=sentence_of(text, m), source=p.source()))
    return out


_FUND_SPENDING = {"一般公共预算": "general_budget_expenditure", "政府性基金预算": "government_fund_expenditure"}
_AGAINST_PLAN = re.compile(rf"(?P<fund>一般公共预算|政府性基金预算)财政拨款支出(?P<actual>{_NUM})万元[，,]"
                           rf"比年初预算数?(?P<verb>增加|减少|增长|下降)(?P<diff>{_NUM})万元")
