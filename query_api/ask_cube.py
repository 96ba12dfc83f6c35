"""Questions that compare or rank summary figures, answered by ONE cube query (query_api.cube).

The slots understanding filled (organisations, years, measure, phase, scope, order, change direction)
decide the operation, and one compiler turns the combination into a cube query:

    compare   two organisations, or two years of one organisation: 谁的…更大 / 比2021年多了多少
    rank      no organisation and an order: 2026年哪个部门的…最多
    condition no organisation and a change direction: 哪些部门的…比上年减少了

Each side or department reads one figure: of the phase asked (else its documents' own phase), of the
scope asked, else the 汇总 figure where the department publishes one, else its 本级 figure. The reply
states year, phase and scope of every figure, and carries the cube query and its SPARQL.
"""

from __future__ import annotations

import re

from graph_store.base import Store
from query_api.ask import Knowledge
from query_api.ask_templates import Result, answer_row, org_labels
from query_api.cube import CubeQuery, Cut, run
from query_api.nlu import Question

# A measure → its fact key in a budget and in a final account (query_api.slots.MEASURE_WORDS).
FACT_OF = {"three_public": ("three_public_budget", "three_public_actual")}
CHANGE_OF = {"revenue_total": "revenue_change", "expenditure_total": "expenditure_change",
             "three_public": "three_public_change", "administrative_operating_cost": "administrative_operating_cost_change",
             "general_budget_revenue": "general_budget_revenue_change"}
PHASE_WORDS = {"budget": "预算", "final_account": "决算"}
SCOPE_WORDS = {"consolidated": "汇总", "standalone": "本级"}
_WHICH = re.compile(r"谁|哪个|哪家|哪一|哪位|哪年|哪一年|更多|更少|更高|更低|更大|更小|多多少|少多少|大多少|差多少|相差|差额")
_LESS = re.compile(r"更少|更低|更小|最少|最低|最小")
_DIFFERENCE = re.compile(r"多了?多少|少了?多少|大多少|差多少|相差|差额|增加了?多少|减少了?多少|变化")
_WHICH_DEPTS = re.compile(r"哪些(?:部门|单位)|哪个(?:部门|单位)|哪家")


def answer(store: Store, known: Knowledge, q: Question) -> Result | None:
    """A compare / rank / condition answer, or None when the question is not one of them."""
    if not q.measure or q.measure not in _MEASURES:
        return None
    labels = org_labels(q, known)
    years = list(dict.fromkeys(q.years or ([q.year] if q.year else [])))
    if len(labels) >= 2 and _WHICH.search(q.text):
        return _compare(store, known, q, [("department", label) for label in labels[:2]], years[:1])
    if len(labels) == 1 and len(years) >= 2 and (_WHICH.search(q.text) or _DIFFERENCE.search(q.text)):
        return _compare(store, known, q, [("year", str(y)) for y in years[:2]], [], labels[0])
    if not labels and _WHICH_DEPTS.search(q.text):
        if q.change_sign and (q.change or "比上年" in q.text or "上年" in q.text):
            return _condition(store, q, years[:1])
        if q.order or re.search(r"最多|最高|最大|最少|最低|最小", q.text):
            return _rank(store, q, years[:1])
    return None


_MEASURES = ("revenue_total", "expenditure_total", "three_public", "administrative_operating_cost",
             "government_procurement", "project_expenditure", "basic_expenditure", "general_budget_revenue")


def _keys(measure: str) -> list[str]:
    return list(FACT_OF.get(measure, (measure,)))


def _cells(store: Store, cuts: list[Cut], drilldowns: list[str]) -> tuple[list[dict], dict]:
    reply = run(store, CubeQuery(cuts, drilldowns, limit=1000, order=[("value", "desc")]), timeout=10)
    return reply["cells"], reply


def _pick(cells: list[dict], q: Question, phase_hint: str | None = None) -> dict | None:
    """One figure of a group of cells: the phase and scope asked, else 汇总 before 本级, budget first."""
    phase = phase_hint or q.doc_type
    pool = [c for c in cells if not phase or c["phase"] == phase] or cells
    pool = [c for c in pool if not q.scope or c["scope"] == q.scope] or ([] if q.scope else pool)
    pool.sort(key=lambda c: (c["scope"] != "consolidated", c["phase"] != "budget"))
    return pool[0] if pool else None


MEASURE_LABELS = {"revenue_total": "收入总额", "expenditure_total": "支出总额", "three_public": "“三公”经费",
                  "administrative_operating_cost": "机关运行经费", "government_procurement": "政府采购",
                  "project_expenditure": "项目支出", "basic_expenditure": "基本支出",
                  "general_budget_revenue": "一般公共预算财政拨款收入"}


def _label(c: dict, q: Question, name: str | None = None) -> str:
    return (f"{name or c.get('department_label', '')}{c.get('year', '')}年{MEASURE_LABELS.get(q.measure, '')}"
            f"（{PHASE_WORDS.get(c['phase'], '')}，{SCOPE_WORDS.get(c['scope'], '')}）")


def _reply(rows: list[dict], message: str, cube: dict) -> Result:
    return Result(rows, cube["sparql"], message, cube["cube_query"])


def _compare(store: Store, known: Knowledge, q: Question, sides: list[tuple[str, str]], years: list[int],
             department: str | None = None) -> Result:
    dim = sides[0][0]
    cuts = [Cut("fact", "|".join(_keys(q.measure))), Cut(dim, "|".join(v for _, v in sides))]
    if department:
        cuts.append(Cut("department", department))
    if years:
        cuts.append(Cut("year", "|".join(map(str, years))))
    cells, cube = _cells(store, cuts, ["department", "year", "fact"])
    picked = []
    for _, value in sides:
        mine = [c for c in cells if (str(c["year"]) == value if dim == "year" else
                                     _names(known, value) & {c.get("department_label")})]
        hint = _phase_near(q.text, value) if dim == "year" else None
        chosen = _pick(mine, q, hint)
        if chosen is None:
            return _reply([], f"没有找到{value}的{MEASURE_LABELS.get(q.measure, '这个数字')}，无法比较。", cube)
        picked.append(chosen)
    a, b = picked
    winner, loser = (a, b) if (a["value"] >= b["value"]) != bool(_LESS.search(q.text)) else (b, a)
    diff = round(winner["value"] - loser["value"], 4)
    rows = [answer_row(_label(c, q), c["value"], "万元", "amount", None, None, None) for c in (winner, loser)]
    if dim == "year" and _DIFFERENCE.search(q.text):
        first, second = sorted(picked, key=lambda c: c["year"], reverse=True)  # the later year against the earlier
        signed = round(first["value"] - second["value"], 4)
        rows.insert(0, answer_row(f"{first['year']}年比{second['year']}年{'增加' if signed >= 0 else '减少'}",
                                  signed, "万元", "amount", None, None, None))
    else:
        rows.append(answer_row(f"{_label(winner, q)}比{_label(loser, q)}{'少' if _LESS.search(q.text) else '多'}",
                               abs(diff), "万元", "amount", None, None, None))
    return _reply(rows, f"{_label(winner, q)}{'更少' if _LESS.search(q.text) else '更多'}，相差{abs(diff):g}万元。", cube)


def _names(known: Knowledge, label: str) -> set[str]:
    return {label} | {e.label for e in known.lexicon.lookup(label)}


def _phase_near(text: str, year: str) -> str | None:
    """The phase a year is asked in (2024年的…预算 / 2021年实际支出): the words between it and the next year."""
    at = text.find(year)
    rest = re.split(r"(?:19|20)\d\d", text[at + 4:])[0] if at >= 0 else ""
    if re.search(r"决算|实际|执行|支出了", rest):
        return "final_account"
    return "budget" if "预算" in rest or "安排" in rest else None


def _by_department(store: Store, q: Question, keys: list[str], years: list[int]) -> tuple[list[dict], dict]:
    cuts = [Cut("fact", "|".join(keys))] + ([Cut("year", "|".join(map(str, years)))] if years else [])
    cells, cube = _cells(store, cuts, ["department", "year"])
    if not years and cells:  # like with like: the latest year only
        latest = max(c["year"] for c in cells)
        cells = [c for c in cells if c["year"] == latest]
    groups: dict[str, list[dict]] = {}
    for c in cells:
        groups.setdefault(c["department"], []).append(c)
    picked = [p for p in (_pick(g, q) for g in groups.values()) if p]
    return picked, cube


def _rank(store: Store, q: Question, years: list[int]) -> Result:
    picked, cube = _by_department(store, q, _keys(q.measure), years)
    picked.sort(key=lambda c: c["value"], reverse=not _LESS.search(q.text))
    rows = [answer_row(c["department_label"], c["value"], "万元", "amount", c["department"], _label(c, q), None)
            for c in picked[: q.limit or 10]]
    if not rows:
        return _reply([], f"没有找到{years[0] if years else ''}年各部门的{MEASURE_LABELS.get(q.measure, '这个数字')}。", cube)
    return _reply(rows, f"按{_label(picked[0], q)[len(picked[0]['department_label']):]}排序：{rows[0]['label']}"
                        f"{'最少' if _LESS.search(q.text) else '最多'}。", cube)


def _condition(store: Store, q: Question, years: list[int]) -> Result | None:
    key = CHANGE_OF.get(q.measure)
    if key is None:
        return None
    picked, cube = _by_department(store, q, [key], years)
    hits = [c for c in picked if (c["value"] < 0 if q.change_sign < 0 else c["value"] > 0)]
    rows = [answer_row(c["department_label"], c["value"], "万元", "amount", c["department"],
                       f"{_label(c, q)}比上年{'减少' if c['value'] < 0 else '增加'}{abs(c['value']):g}万元", None)
            for c in sorted(hits, key=lambda c: c["value"])]
    word = "减少" if q.change_sign < 0 else "增加"
    return _reply(rows, f"{len(rows)} 个部门的{MEASURE_LABELS.get(q.measure, '')}比上年{word}（只计说明了增减的部门）。", cube)
