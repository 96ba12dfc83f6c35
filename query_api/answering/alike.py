"""Like with like: the figures of two sides of a comparison (two departments, two years, two figures of one
department) kept to one phase, one year and one scope before they are set against each other, or a plain
reason why they cannot be."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from query_api.slots import measure_spans

if TYPE_CHECKING:
    from query_api.nlu import Question

PHASE_WORDS = {"budget": "预算", "final_account": "决算"}
SCOPE_WORDS = {"consolidated": "汇总", "standalone": "本级"}


def like_with_like(sides: list[list[dict]], named: list[tuple], q: Question, what: str) -> tuple[list[list[dict]], str | None, str]:
    """The cells of each side kept like with like: one phase (each year's own where the words give it one —
    2024年预算比2021年决算 —, or each department's own where each is named with its year; else the phase
    asked, else the budget before the final account; two years with no phase in common: each its own); one year where
    no side names its own (the latest both hold, else each side's latest of that phase, said in a note); one
    scope where both hold one (汇总 first; else each its own, said). No phase in common: a message saying
    what each side holds, never a neighbouring year or the other phase."""
    hints = [phase_near(q.text, value) if dim == "year" else None for dim, value, _ in named]
    if any(year for _, _, year in named):
        pass  # each department in the year named beside it (甲局2024年的…和乙局2025年比): the phases its documents have
    elif any(hints):
        # a side whose year the words give no phase keeps every phase (预算 said of the other year is not its own)
        sides = [[c for c in side if c["phase"] == (hint or c["phase"])] for side, hint in zip(sides, hints, strict=True)]
        if not all(sides):
            return sides, None, ""  # the side with no figure of its phase is said missing by the caller
    else:
        phases = [p for p in set.intersection(*({c["phase"] for c in side} for side in sides)) if not q.doc_type or p == q.doc_type]
        if not phases and named[0][0] == "year":
            pass  # a year's budget against the year before's final account (比上年决算数): each its own, labelled
        elif not phases:
            said = "；".join(f"{value}有" + "、".join(f"{y}年{PHASE_WORDS[p]}" for y, p in
                                                      sorted({(c["year"], c["phase"]) for c in side}))
                            for (_, value, _), side in zip(named, sides, strict=True))
            return sides, f"两边没有同一阶段（预算或决算）的{what}，不作比较：{said}。", ""
        if named[0][0] == "year" and phases:  # the years are the sides: one phase where both have it
            phases = ["budget"] if "budget" in phases else phases[:1]
        sides = [[c for c in side if c["phase"] in phases] for side in sides] if phases else sides
    note = ""
    if named[0][0] != "year" and not any(year for _, _, year in named):
        common = set.intersection(*({(c["year"], c["phase"]) for c in side} for side in sides))
        if common:
            year, phase = max(common, key=lambda k: (k[0], k[1] == "budget"))
            sides = [[c for c in side if (c["year"], c["phase"]) == (year, phase)] for side in sides]
        else:
            phase = "budget" if all(any(c["phase"] == "budget" for c in side) for side in sides) else sides[0][0]["phase"]
            latest = [max(c["year"] for c in side if c["phase"] == phase) for side in sides]
            sides = [[c for c in side if (c["year"], c["phase"]) == (y, phase)] for side, y in zip(sides, latest, strict=True)]
            note = f"两边没有同一年份的{PHASE_WORDS[phase]}数，比较的是各自最近一年的：" + "、".join(f"{y}年" for y in latest) + "。"
    scopes = set.intersection(*({c["scope"] for c in side} for side in sides))
    if not q.scope and scopes:
        scope = "consolidated" if "consolidated" in scopes else scopes.pop()
        sides = [[c for c in side if c["scope"] == scope] for side in sides]
    elif not q.scope:
        note += "两边口径不同（汇总与本级），各取所公开的。"
    return sides, None, note


def phase_near(text: str, year: str) -> str | None:
    """The phase a year is asked in (2024年的…预算 / 2021年实际支出): the words between it and the next year."""
    at = text.find(year)
    rest = re.split(r"(?:19|20)\d\d", text[at + 4:])[0] if at >= 0 else ""
    if re.search(r"决算|实际|执行|支出了", rest):
        return "final_account"
    return "budget" if "预算" in rest or "安排" in rest else None


# a figure's plan said outside the words naming it (三公经费的年初预算, 公务接待费预算是多少; never the 预算 of 一般公共预算
# 财政拨款支出), and what was spent said beside it (决算比预算少多少: both, no plan alone)
_PLAN_SAID = re.compile(r"预算|计划")
_ACTUAL_SAID = re.compile(r"决算|实际|执行|完成|花了|花掉|用了|用掉|支出了")


def plan_asked(q: Question) -> bool:
    """Whether the question asks for a figure's plan alone (the budget a final account prints beside its actual):
    a plan word outside the names and the measures' own words, and no word of what was spent."""
    rest = q.text
    for mention in q.mentions:
        rest = rest.replace(mention.text, " ") if mention.text else rest
    for start, end, _ in reversed(measure_spans(rest)):
        rest = rest[:start] + " " + rest[end:]
    return bool(_PLAN_SAID.search(rest)) and not _ACTUAL_SAID.search(rest)


# how each scope is said to people: 汇总 holds the units under the department, 本级 the department alone
SCOPE_SAID = {"consolidated": "汇总，含下属单位", "standalone": "部门本级，不含下属单位"}


def scope_not_held(documents: list, asked: str) -> str:
    """The plain message when a scope is asked (本级 / 汇总) and the documents held of the figure are all of the
    other: what is held, and that its figure is not given in place of the one asked (`documents`: DocInfo)."""
    held = sorted({(d.department, d.year or 0, d.type_label, d.scope) for d in documents})
    said = "、".join(f"{dept}{year}年{kind}（{SCOPE_SAID.get(scope, '')}）" for dept, year, kind, scope in held)
    return (f"知识库里只有{said}，没有“{SCOPE_SAID.get(asked, asked)}”的文件；两者范围不同，"
            "不拿一个的数字代替另一个。")
