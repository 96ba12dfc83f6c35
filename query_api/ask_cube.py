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
from ingest.record import FACT_KEYS
from query_api.ask import Knowledge
from query_api.ask_templates import Result, answer_row, org_labels, plain, source_of
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
_WHICH_DEPTS = re.compile(r"哪些(?:部门|单位)|哪个(?:部门|单位)|哪家|(?:部门|单位)有哪些|(?:部门|单位)是哪些")


def answer(store: Store, known: Knowledge, q: Question) -> Result | None:
    """A compare / rank / share / condition answer, or None when the question is not one of them."""
    if not q.measure or q.measure in _NOT_SUMMARY:
        return None
    labels = org_labels(q, known)
    years = list(dict.fromkeys(q.years or ([q.year] if q.year else [])))
    which = bool(_WHICH_DEPTS.search(q.text))
    ranked = which and bool(_SUPERLATIVE.search(q.text) or q.limit)
    if len(labels) >= 2 and (_WHICH.search(q.text) or _DIFFERENCE.search(q.text)) and not ranked:
        # 甲局2024年的…和乙局2023年比: each side its own year, in the order named
        paired = years[:2] if len(years) == 2 else [years[0]] * 2 if years else [None, None]
        return _compare(store, known, q, [("department", label) for label in labels[:2]], paired)
    if len(labels) == 1 and len(years) >= 2 and (_WHICH.search(q.text) or _DIFFERENCE.search(q.text)):
        return _compare(store, known, q, [("year", str(y)) for y in years[:2]], [None, None], labels[0])
    share = _share_of(q)
    if share and len(labels) == 1 and not which:
        return _share(store, known, q, share, years[:1], labels[0])
    if which and (not labels or ranked):  # 海州市哪个部门…最多: the departments of the place named
        if share and share[1]:
            return _share(store, known, q, share, years[:1], None)
        if q.change_sign and (q.change or "上年" in q.text):
            return _condition(store, known, q, years[:1])
        if _ZERO.search(q.text):
            return rank(store, known, q, years[:1], labels, lambda v: v == 0)
        if ranked:
            return rank(store, known, q, years[:1], labels)
    return None


_SUPERLATIVE = re.compile(r"最多|最高|最大|最少|最低|最小|排名|排第|前\d|前[一二三四五六七八九十]")
# measures that are not summary figures of a document (rates, scores, counts, carry-overs)
_NOT_SUMMARY = {"execution_rate", "performance_score", "vehicles", "carryover_begin", "carryover_end"}


_ZERO = re.compile(r"(?:是|为|等于)(?:0|零)(?:\.0+)?(?:万元|元)?(?:的|吗|呢)?[?？]?$|(?:是|为)(?:0|零)的")
# "A占B的比例" / "A超过B的一半": the words naming B, and the share asked as a threshold where there is one
_SHARE = re.compile(r"(占|超过了?|高于|大于|多于|不到|低于|少于|小于)([^，,。？?]{1,12}?)的?(比例|比重|百分比|一半|半数|(\d+(?:\.\d+)?)%)")


def _share_of(q: Question) -> tuple[str, tuple[str, float] | None] | None:
    """(the denominator's measure, (comparator, threshold) or None) of a share question, else None."""
    from query_api.slots import MEASURE_WORDS

    m = _SHARE.search(q.text)
    if not m:
        return None
    denominator = next((key for pattern, key in MEASURE_WORDS if re.search(pattern, m.group(2))), None)
    if denominator is None or denominator == q.measure:
        return None
    if m.group(1) == "占":
        return denominator, None
    level = 0.5 if m.group(3) in ("一半", "半数") else float(m.group(4)) / 100 if m.group(4) else None
    return denominator, ((">" if m.group(1)[0] in "超高大多" else "<"), level) if level is not None else None


def _share(store: Store, known: Knowledge, q: Question, share: tuple, years: list[int],
           department: str | None) -> Result:
    """A figure as a share of another (项目支出占支出总额的比例), of one department or, with a threshold,
    the departments above or below it: both figures of the same document (year, phase, scope)."""
    denominator, threshold = share
    keys = _keys(q.measure)[:1] + _keys(denominator)[:1]
    cuts = [Cut("fact", "|".join(keys))] + ([Cut("year", "|".join(map(str, years)))] if years else [])
    if department:
        cuts.append(Cut("department", department))
    cells, cube = _cells(store, cuts, ["department", "year", "fact"])
    groups: dict[tuple, dict] = {}
    for c in cells:
        groups.setdefault((c["department"], c["year"], c["phase"], c["scope"]), {})[c["fact"]] = c
    pairs = []
    for by_key in groups.values():
        part, whole = by_key.get(keys[0]), by_key.get(keys[1])
        if part and whole and whole["value"]:
            pairs.append((part, round(part["value"] / whole["value"] * 100, 2), whole))
    chosen: dict[str, tuple] = {}
    for part, pct, whole in sorted(pairs, key=lambda p: (p[0]["scope"] != "consolidated", p[0]["phase"] != "budget")):
        chosen.setdefault(part["department"], (part, pct, whole))
    if threshold:
        comparator, level = threshold
        chosen = {d: v for d, v in chosen.items() if (v[1] > level * 100 if comparator == ">" else v[1] < level * 100)}
    rows = [answer_row(part["department_label"] if not department else f"{_label(part, q)}占比", pct, "%", "share",
                       part["department"], f"{_label(part, q)} {plain(part['value'])}万元 ÷ "
                       f"{MEASURE_LABELS.get(denominator, '')} {plain(whole['value'])}万元 = {plain(pct)}%",
                       "；".join(filter(None, (_source(known, part), _source(known, whole)))))
            for part, pct, whole in sorted(chosen.values(), key=lambda v: -v[1])]
    if not rows:
        return _reply([], f"没有找到同一文件里的{MEASURE_LABELS.get(q.measure, '')}和{MEASURE_LABELS.get(denominator, '')}，"
                          "无法计算占比。", cube)
    return _reply(rows, f"{MEASURE_LABELS.get(q.measure, '')}占{MEASURE_LABELS.get(denominator, '')}的比例"
                        f"（同一文件的两个数字相除）：{rows[0]['text']}。", cube)


def _keys(measure: str) -> list[str]:
    return list(FACT_OF.get(measure, (measure,)))


def _cells(store: Store, cuts: list[Cut], drilldowns: list[str], sourced: bool = True) -> tuple[list[dict], dict]:
    """The cells; `sourced`: each one figure with its document, table and line (every answer keeps its source)."""
    reply = run(store, CubeQuery(cuts, drilldowns + (["document", "table", "line"] if sourced else []), limit=1000,
                                 order=[("value", "desc")]), timeout=10)
    return reply["cells"], reply


def _source(known: Knowledge, c: dict) -> str | None:
    return source_of(known, c.get("document"), c.get("table"), c.get("line"))


def _pick(cells: list[dict], q: Question, phase_hint: str | None = None) -> dict | None:
    """One figure of a group of cells: the phase and scope asked, else 汇总 before 本级, budget first."""
    phase = phase_hint or q.doc_type
    pool = [c for c in cells if not phase or c["phase"] == phase] or cells
    pool = [c for c in pool if not q.scope or c["scope"] == q.scope] or ([] if q.scope else pool)
    pool.sort(key=lambda c: (c["scope"] != "consolidated", c["phase"] != "budget"))
    return pool[0] if pool else None


MEASURE_LABELS = FACT_KEYS | {"revenue_total": "收入总额", "expenditure_total": "支出总额", "three_public": "“三公”经费",
                  "administrative_operating_cost": "机关运行经费", "government_procurement": "政府采购",
                  "project_expenditure": "项目支出", "basic_expenditure": "基本支出",
                  "general_budget_revenue": "一般公共预算财政拨款收入"}


def _label(c: dict, q: Question, name: str | None = None) -> str:
    return (f"{name or c.get('department_label', '')}{c.get('year', '')}年{MEASURE_LABELS.get(q.measure, '')}"
            f"（{PHASE_WORDS.get(c['phase'], '')}，{SCOPE_WORDS.get(c['scope'], '')}）")


def _reply(rows: list[dict], message: str, cube: dict) -> Result:
    return Result(rows, cube["sparql"], message, cube["cube_query"])


def _compare(store: Store, known: Knowledge, q: Question, sides: list[tuple[str, str]], years: list,
             department: str | None = None) -> Result:
    """Two figures side by side: two departments (each of its year, `years`, where one is named) or two
    years of one department; the larger (or the smaller, when asked so) first, and the difference."""
    dim = sides[0][0]
    cuts = [Cut("fact", "|".join(_keys(q.measure))), Cut(dim, "|".join(v for _, v in sides))]
    if department:
        cuts.append(Cut("department", department))
    side_years = years if dim == "department" else [None, None]
    if dim == "department" and all(side_years):
        cuts.append(Cut("year", "|".join(sorted({str(y) for y in side_years}))))
    cells, cube = _cells(store, cuts, ["department", "year", "fact"])
    picked = []
    for (_, value), year in zip(sides, side_years, strict=True):
        mine = [c for c in cells if (str(c["year"]) == value if dim == "year" else
                                     _names(known, value) & {c.get("department_label")}
                                     and (year is None or c["year"] == year))]
        hint = _phase_near(q.text, value) if dim == "year" else None
        chosen = _pick(mine, q, hint)
        if chosen is None:
            return _reply([], f"没有找到{value}的{MEASURE_LABELS.get(q.measure, '这个数字')}，无法比较。", cube)
        picked.append(chosen)
    a, b = picked
    winner, loser = (a, b) if (a["value"] >= b["value"]) != bool(_LESS.search(q.text)) else (b, a)
    diff = round(winner["value"] - loser["value"], 4)
    rows = [answer_row(_label(c, q), c["value"], "万元", "amount", None, None, _source(known, c)) for c in (winner, loser)]
    both = "；".join(filter(None, (_source(known, c) for c in picked)))
    if dim == "year" and _DIFFERENCE.search(q.text):
        first, second = sorted(picked, key=lambda c: c["year"], reverse=True)  # the later year against the earlier
        signed = round(first["value"] - second["value"], 4)
        rows.insert(0, answer_row(f"{first['year']}年比{second['year']}年{'增加' if signed >= 0 else '减少'}",
                                  signed, "万元", "amount", None, None, both))
    else:
        rows.append(answer_row(f"{_label(winner, q)}比{_label(loser, q)}{'少' if _LESS.search(q.text) else '多'}",
                               abs(diff), "万元", "amount", None, None, both))
    reply = _reply(rows, f"{_label(winner, q)}{'更少' if _LESS.search(q.text) else '更多'}，相差{plain(abs(diff))}万元。", cube)
    # the two sides for a chart: a year against the one before it, or the departments in the order named
    a, b = sorted(picked, key=lambda c: c["year"]) if dim == "year" else picked
    reply.comparison = {**{k: {"label": _label(c, q), "value": c["value"], "source": _source(known, c)}
                           for k, c in (("a", a), ("b", b))},
                        "difference": round(b["value"] - a["value"], 4), "unit": "万元",
                        "label": f"{_label(b, q)}比{_label(a, q)}"}
    return reply


def _names(known: Knowledge, label: str) -> set[str]:
    return {label} | {e.label for e in known.lexicon.lookup(label)}


def _phase_near(text: str, year: str) -> str | None:
    """The phase a year is asked in (2024年的…预算 / 2021年实际支出): the words between it and the next year."""
    at = text.find(year)
    rest = re.split(r"(?:19|20)\d\d", text[at + 4:])[0] if at >= 0 else ""
    if re.search(r"决算|实际|执行|支出了", rest):
        return "final_account"
    return "budget" if "预算" in rest or "安排" in rest else None


def _by_department(store: Store, q: Question, keys: list[str], years: list[int], departments: list[str] | None = None,
                   latest: bool = True) -> tuple[list[dict], dict]:
    cuts = [Cut("fact", "|".join(keys))] + ([Cut("year", "|".join(map(str, years)))] if years else [])
    if departments:
        cuts.append(Cut("department", "|".join(departments)))
    cells, cube = _cells(store, cuts, ["department", "year"])
    if not years and cells and latest:  # like with like: the latest year only
        latest = max(c["year"] for c in cells)
        cells = [c for c in cells if c["year"] == latest]
    groups: dict[str, list[dict]] = {}
    for c in cells:
        groups.setdefault(c["department"], []).append(c)
    picked = [p for p in (_pick(g, q) for g in groups.values()) if p]
    return picked, cube


def rank(store: Store, known: Knowledge, q: Question, years: list[int], departments: list[str] | None = None,
         keep=None) -> Result:
    """Departments ordered by one figure of one year (the latest, unless asked), each its 汇总 figure where
    it publishes one: like with like, stated in every answer. `keep`: a condition instead of an order."""
    picked, cube = _by_department(store, q, _keys(q.measure or "revenue_total"), years, departments,
                                  latest=keep is None)
    if keep is not None:  # a condition on the figure (是0): every year, the departments whose figure meets it
        picked = [c for c in picked if keep(c["value"])]
    picked.sort(key=lambda c: c["value"], reverse=not _LESS.search(q.text))
    rows = [answer_row(c["department_label"], c["value"], "万元", "amount", c["department"], _label(c, q), _source(known, c))
            for c in picked[: q.limit or 10]]
    if not rows:
        return _reply([], f"没有找到{years[0] if years else ''}年各部门的{MEASURE_LABELS.get(q.measure, '这个数字')}。", cube)
    if keep is not None:
        return _reply(rows, f"{len(rows)} 个部门的{MEASURE_LABELS.get(q.measure, '')}为0："
                            + "；".join(r["text"] for r in rows) + "。", cube)
    return _reply(rows, f"按{_label(picked[0], q)[len(picked[0]['department_label']):]}排序：{rows[0]['label']}"
                        f"{'最少' if _LESS.search(q.text) else '最多'}。", cube)


def _condition(store: Store, known: Knowledge, q: Question, years: list[int]) -> Result | None:
    key = CHANGE_OF.get(q.measure)
    if key is None:
        return None
    picked, cube = _by_department(store, q, [key], years)
    hits = [c for c in picked if (c["value"] < 0 if q.change_sign < 0 else c["value"] > 0)]
    rows = [answer_row(c["department_label"], c["value"], "万元", "amount", c["department"],
                       f"{_label(c, q)}比上年{'减少' if c['value'] < 0 else '增加'}{plain(abs(c['value']))}万元",
                       _source(known, c))
            for c in sorted(hits, key=lambda c: c["value"])]
    word = "减少" if q.change_sign < 0 else "增加"
    return _reply(rows, f"{len(rows)} 个部门的{MEASURE_LABELS.get(q.measure, '')}比上年{word}（只计说明了增减的部门）。", cube)


_SUM = re.compile(r"一共|合计|总共|共计|总计|加起来|加在一起|累计|总额|多少钱")


def sum_programs(store: Store, q: Question, listed: Result) -> Result:
    """The programs a topic question found, summed by one cube query when the question asks for a total
    (智慧白云相关的项目一共安排了多少预算). Only the programs whose name holds the topic word itself count
    when there are any (the loose matches stay listed after the total, not added in)."""
    if not _SUM.search(q.text) or not listed.answers:
        return listed
    topic = (q.topic or "").strip()
    strict = [a for a in listed.answers if topic and topic in (a.get("label") or "")]
    counted = strict or listed.answers
    iris = [a["uri"] for a in counted if a.get("uri")]
    if not iris:
        return listed
    cells, cube = _cells(store, [Cut("program", "|".join(iris)), Cut("column", "预算数|执行数")], ["year"], sourced=False)
    picked = _pick(cells, q)
    if picked is None:
        return listed
    total = answer_row(f"{len(counted)}个项目{picked['year']}年合计（{PHASE_WORDS[picked['phase']]}，"
                       f"{SCOPE_WORDS[picked['scope']]}）", picked["value"], "万元", "amount", None,
                       "、".join(a["label"] for a in counted), None)
    others = [c for c in cells if c is not picked]
    note = f"；另有{len(others)}组不同年份、阶段或口径的数字未相加" if others else ""
    return Result([total] + listed.answers, cube["sparql"],
                  f"与“{topic}”相关的{len(counted)}个项目合计{plain(picked['value'])}万元{note}。", cube["cube_query"])
