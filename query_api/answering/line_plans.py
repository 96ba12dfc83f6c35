"""Which lines of one department's final account came out as their plan, or above or below it (哪些支出科目的决算数和
年初预算一模一样 / 哪些科目决算超过了年初预算): every line of the final account printing both its plan (年初预算数, or
调整预算数 when that is asked) and its actual (决算数), tested as asked, each listed with both figures and its line.
Only the final account's own columns are read: a budget document's figure is never a final account's plan, and a
line whose plan the final account does not print is not tested (the message says how many were).

    asked(q, labels)                 whether the question asks for such lines of one department
    answer(store, known, q, label)   the lines, of one final account (the year asked, else the latest; 汇总 before 本级)
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from graph_store.base import Store
from query_api.answering import codeless, line_changes
from query_api.answering.figures import ROW_DIMS
from query_api.answering.rows import (
    TIMEOUT,
    UNIT_WAN,
    Result,
    answer_row,
    asked_years,
    column_rank,
    compare_amounts,
    only_scope,
    plain,
    source_of,
)
from query_api.cube import MAX_LIMIT, CubeQuery, Cut, run

if TYPE_CHECKING:
    from query_api.ask import Knowledge
    from query_api.nlu import Question

# how the actual stands to the plan: the same, above, below (决算比预算多的 / 超过年初预算 / 没有花完预算)
_EQUAL = re.compile(r"一模一样|一样|相同|相等|一致|持平|没有?变化|没变|不变")
_ABOVE = re.compile(r"(?:决算|实际|执行|花的|用的)[^，,。？?]{0,6}(?:超过|超出|高于|大于|多于)[^，,。？?]{0,4}预算|超支|超预算|"
                    r"比[^，,。？?]{0,4}预算[^，,。？?]{0,3}(?:多|高|大)")
_BELOW = re.compile(r"(?:决算|实际|执行|花的|用的)[^，,。？?]{0,6}(?:低于|少于|小于|不到|不足)[^，,。？?]{0,4}预算|"
                    r"比[^，,。？?]{0,4}预算[^，,。？?]{0,3}(?:少|低|小)|预算[^，,。？?]{0,4}没(?:有)?(?:花|用)完")
_WORDS = {0: "与年初预算相同", 1: "超过年初预算", -1: "低于年初预算"}


def _relation(text: str) -> int | None:
    """0 (the actual is the plan), 1 (above it), -1 (below it), None when the question says none."""
    if _EQUAL.search(text):
        return 0
    above, below = bool(_ABOVE.search(text)), bool(_BELOW.search(text))
    return 1 if above and not below else -1 if below and not above else None


def asked(q: Question, labels: list[str]) -> bool:
    """Whether the question asks which lines of one department's final account stand to their plan as it says."""
    return bool(q.operation == "plan_vs_actual" and len(labels) == 1 and not q.entries("item", "program")
                and line_changes.which_lines(q) and _relation(q.text) is not None)


def answer(store: Store, known: Knowledge, q: Question, label: str) -> Result:
    years = asked_years(q)
    cuts = [Cut("department", label)] + ([Cut("year", "|".join(str(y) for y in years))] if years else [])
    reply = run(store, CubeQuery(cuts, ROW_DIMS, limit=MAX_LIMIT, leaves_only=False), timeout=TIMEOUT)
    finals = {uri for uri, d in known.documents.items() if d.type == "final_account"}
    cells, _ = only_scope([c for c in reply["cells"] if c["document"] in finals], q, known, lambda c: c["document"])
    docs = [known.documents[c["document"]] for c in cells]
    if not docs:
        return Result([], reply["sparql"], f"没有找到{label}的决算，无法把各科目的决算数与年初预算比较。", reply["cube_query"])
    doc = max(docs, key=lambda d: (d.year or 0, d.scope == "consolidated"))
    cells, level = line_changes.of_level_asked(store, q, cuts, [c for c in cells if c["document"] == doc.uri])
    plan_word = "调整" if "调整预算" in q.text else "年初"
    pairs = _pairs(cells, plan_word)
    relation = _relation(q.text)
    what = _WORDS[relation].replace("年初", plan_word)
    answers = []
    for name, plan, actual in pairs:
        if compare_amounts(actual["value"], plan["value"]) != relation:
            continue
        both = "；".join(filter(None, {source_of(known, c["document"], c.get("table"), c.get("line")): None
                                       for c in (plan, actual)}))
        answers.append(answer_row(f"{name}（决算{what}）", actual["value"], UNIT_WAN, "amount", actual["observation"],
                                  f"{plan_word}预算 {plain(plan['value'])}万元，决算 {plain(actual['value'])}万元", both))
    of = f"{doc.department}{doc.year}年{doc.type_label}（{doc.scope_label}）"
    noun = "类" if level == 3 else "款" if level == 5 else "科目"
    message = (f"{of}列出{plan_word}预算数和决算数的{len(pairs)}个{noun}里，决算{what}的有{len(answers)}个。" if answers
               else f"{of}列出{plan_word}预算数和决算数的{len(pairs)}个{noun}里，没有决算{what}的。" if pairs
               else f"{of}没有列出各{noun}的{plan_word}预算数，无法与决算数比较。")
    return Result(answers, reply["sparql"], message, reply["cube_query"])


def _pairs(cells: list[dict], plan_word: str) -> list[tuple[str, dict, dict]]:
    """(name, plan cell, actual cell) of each line printing both, in the order printed, each name once: the plan
    a budget-phase column named by the plan asked (年初 / 调整), the actual the line's own final-account column."""
    by_row: dict[tuple, list[dict]] = {}
    for c in cells:  # a cell is one column of a row (its observation labelled "{name} {column}")
        name = codeless.row_name(str(c.get("observation_label", "")), c.get("column") or "")
        by_row.setdefault((c.get("table") or "", c.get("line") or 0, name), []).append(c)
    out, seen = [], set()
    for (_, _, name), row in sorted(by_row.items(), key=lambda kv: kv[0][:2]):
        plans = [c for c in row if c["phase"] == "budget" and plan_word in (c.get("column") or "")]
        actuals = [c for c in row if c["phase"] == "final_account"]
        if not plans or not actuals:
            continue
        best = [min(group, key=lambda c: column_rank(c.get("column"), 99)) for group in (plans, actuals)]
        if name and name not in seen:
            seen.add(name)
            out.append((name, *best))
    return out
