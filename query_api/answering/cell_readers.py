"""Reading the cells of a compiled cube query into answer rows, one reader per operation: the figure of
each side or department (`pick`: the phase and scope asked, else 汇总 before 本级, budget first), the
signed difference, the share, the test a condition asks, each row with its year, phase and scope and
its source (document, table, line)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ingest.record import AMOUNT_PLACES, FACT_KEYS, NARRATIVE_COLUMNS, UNIT_TOTAL_KEYS
from query_api.answering import item_share
from query_api.answering.alike import PHASE_WORDS, SCOPE_WORDS, like_with_like, phase_near, scope_not_held
from query_api.answering.changes import TOLERANCE, disagreement
from query_api.answering.computed_plan import VS_PLAN, plan_from_difference
from query_api.answering.printed import STATED_SHARE, printed_share
from query_api.answering.rows import (
    PREFERRED_COLUMNS,
    UNIT_WAN,
    Result,
    answer_row,
    column_rank,
    org_labels,
    plain,
    source_of,
)
from query_api.slots import said_in

if TYPE_CHECKING:
    from query_api.answering.compiler import Compiled
    from query_api.ask import Knowledge
    from query_api.nlu import Question

# wholes that are one fund's spending, and the parts the documents print over every fund's spending: such a
# part is of such a whole only when the two totals are one (a share of them checks the spending total)
FUND_WHOLES = ("fiscal_appropriation_expenditure", "general_budget_expenditure")
EVERY_FUND_PARTS = ("basic_expenditure", "project_expenditure", "personnel_expenditure", "public_expenditure")
# A measure → its fact keys, in a budget and in a final account (query_api.slots.MEASURE_WORDS).
FACT_OF = {"three_public": ("three_public_budget", "three_public_actual")}


def fact_keys(measure: str) -> list[str]:
    return list(FACT_OF.get(measure, (measure,)))


def every_fund_part_of_one_fund(part: str, whole: str) -> bool:
    """A part printed over every fund's spending asked as a share of one fund's whole (项目支出占财政拨款支出)."""
    return whole in FUND_WHOLES and part in EVERY_FUND_PARTS


MEASURE_LABELS = FACT_KEYS | {"revenue_total": "收入总额", "expenditure_total": "支出总额", "three_public": "“三公”经费",
                              "administrative_operating_cost": "机关运行经费", "government_procurement": "政府采购",
                              "project_expenditure": "项目支出", "basic_expenditure": "基本支出",
                              "general_budget_revenue": "一般公共预算财政拨款收入"}


def cell_source(known: Knowledge, c: dict) -> str | None:
    """A cube cell's source as answers cite it: document, table, line."""
    return source_of(known, c.get("document"), c.get("table"), c.get("line"))


def pick(cells: list[dict], q: Question, phase_hint: str | None = None) -> dict | None:
    """One figure of a group of cells: the phase and scope asked, else 汇总 before 本级, budget first."""
    phase = phase_hint or q.doc_type
    pool = [c for c in cells if not phase or c["phase"] == phase] or cells
    pool = [c for c in pool if not q.scope or c["scope"] == q.scope] or ([] if q.scope else pool)
    pool.sort(key=lambda c: (c["scope"] != "consolidated", c["phase"] != "budget"))
    return pool[0] if pool else None


def cell_label(c: dict, q: Question, name: str | None = None, measure: str | None = None, what: str | None = None) -> str:
    """A cell's figure named with its department (or `name`), year, what it is (`what`, else the measure's words)
    and its document's phase and scope: 某局2026年一般公共预算支出（预算，汇总）."""
    what = what or MEASURE_LABELS.get(measure or q.measure, "")
    return (f"{name or c.get('department_label', '')}{c.get('year', '')}年{what}"
            f"（{PHASE_WORDS.get(c['phase'], '')}，{SCOPE_WORDS.get(c['scope'], '')}）")


def cube_reply(rows: list[dict], message: str, cube: dict) -> Result:
    """The answers of a cube query (`cube`: its reply) with their message, the query and its SPARQL kept."""
    return Result(rows, cube["sparql"], message, cube["cube_query"])


def _share(known: Knowledge, q: Question, compiled: Compiled, cells: list[dict], cube: dict) -> Result:
    """A figure as a share of another, of one department or, with a threshold, the departments above or
    below it: both figures of the same document (year, phase, scope)."""
    measure, denominator, threshold = q.share
    part_key, whole_key = compiled.keys
    # (a line named that no query could read, 行政运行 printed under several lines: said by its name)
    what = compiled.part_label or MEASURE_LABELS.get(measure, "") or "、".join(dict.fromkeys(e.label for e in q.entries("item")))
    one = any(c.dim == "department" for c in compiled.query.cuts)
    if not one and not threshold and not compiled.years and cells:  # departments ranked: of one year, the latest
        cells = [c for c in cells if c["year"] == max(c["year"] for c in cells)]
    groups: dict[tuple, dict] = {}
    for c in cells:
        groups.setdefault((c["department"], c["year"], c["phase"], c["scope"]), {}).setdefault(c["fact"], []).append(c)
    pairs, unlike = [], False
    for by_key in groups.values():
        parts, wholes = by_key.get(part_key, []), by_key.get(whole_key, [])
        totals = {c["value"] for c in by_key.get("expenditure_total", [])}
        if totals and every_fund_part_of_one_fund(part_key, whole_key) and wholes and wholes[-1]["value"] not in totals:
            unlike = True  # 项目支出 of every fund is no part of 财政拨款支出 when the fund spends less than all
            continue
        if parts and wholes and wholes[-1]["value"]:
            part, whole = parts[-1], wholes[-1]
            computed = round(part["value"] / whole["value"] * 100, 2)
            # a share the document prints beside the part is answered as printed, with its line: of the whole
            # asked, else (the question naming none) of the whole the document printed it of
            printed = parts + by_key.get(STATED_SHARE, [])
            said = next(((c, found, asked) for asked in (denominator, None if not q.share_whole_said else denominator)
                         for c in printed if (found := printed_share(c.get("text"), part["value"], asked))), None)
            if said is None:
                pairs.append((part, computed, whole, "（计算所得）"))
                continue
            c, (pct, words), asked = said
            where = {**part, **{k: c.get(k) for k in ("document", "table", "line")}}
            # of another whole than the one computed: the document's words alone, no division shown
            pairs.append((where, pct, whole if asked else None, f"（文件写明：{words}；计算为 {plain(computed)}%）"
                          if asked else f"文件写明：{words}（占比的基数以文件所写为准）"))
    if q.scope and pairs and not (pairs := [p for p in pairs if p[0]["scope"] == q.scope]):  # 本级 / 汇总 asked
        docs = [known.documents[c["document"]] for c in cells if c.get("document") in known.documents]
        return cube_reply([], scope_not_held(docs, q.scope), cube)
    chosen: dict[str, tuple] = {}
    for part, pct, whole, how in sorted(pairs, key=lambda p: (p[0]["scope"] != "consolidated", p[0]["phase"] != "budget")):
        chosen.setdefault(part["department"], (part, pct, whole, how))
    if threshold:
        comparator, level = threshold
        chosen = {d: v for d, v in chosen.items() if (v[1] > level * 100 if comparator == ">" else v[1] < level * 100)}
    rows = [answer_row(part["department_label"] if not one else f"{cell_label(part, q, what=what)}占比", pct, "%", "share",
                       part["department"], f"{cell_label(part, q, what=what)} {plain(part['value'])}万元 ÷ "
                       f"{MEASURE_LABELS.get(denominator, '')} {plain(whole['value'])}万元 = {plain(pct)}%{how}"
                       if whole else f"{cell_label(part, q, what=what)} {plain(part['value'])}万元，{how}",
                       "；".join(filter(None, (cell_source(known, part), whole and cell_source(known, whole)))))
            for part, pct, whole, how in sorted(chosen.values(), key=lambda v: v[1] if q.smaller else -v[1])]
    rows = rows if one or threshold else rows[: q.limit or 10]
    if not rows and unlike:
        return cube_reply([], f"文件里的{what}是全部资金的数字，{MEASURE_LABELS.get(denominator, '')}只是其中一部分资金的合计，"
                          f"两者口径不同；知识库里没有{MEASURE_LABELS.get(denominator, '')}中的{what}，算不出占比。", cube)
    if not rows:  # named in the question's own words (人员经费), each a figure or sub-total (合计数) of a document
        said = [said_in(q.text, m, label) for m, label in ((measure, what), (denominator, MEASURE_LABELS.get(denominator, "")))]
        return cube_reply([], f"没有找到同一文件里的“{said[0]}”和“{said[1]}”这两个合计数，无法计算占比。", cube)
    if one and not chosen[next(iter(chosen))][2]:  # printed of the whole the document names, none asked
        return cube_reply(rows, f"{what}的占比：{rows[0]['text']}。", cube)
    return cube_reply(rows, f"{what}占{MEASURE_LABELS.get(denominator, '')}的比例"
                        f"（同一文件的两个数字相除）：{rows[0]['text']}。", cube)


# the table a whole is the total of, by the words of its title (a part is read from that table where it has a row)
TABLE_OF_WHOLE = {"fiscal_appropriation_expenditure": "财政拨款", "general_budget_expenditure": "一般公共预算",
                  "basic_expenditure": "基本支出", "fiscal_appropriation_revenue": "财政拨款",
                  "general_budget_revenue": "一般公共预算"}  # 一般公共预算当年拨款: the fund's own spending table


def item_figures(cells: list[dict], whole: str) -> list[dict]:
    """One figure per document of a classified item's cells (drilled down by document, table and column):
    of a table of the whole's kind (支出 or 收入), the item's own column (合计 …) before its parts."""
    kind = "收入" if "revenue" in whole else "支出"
    by_doc: dict[str, list[dict]] = {}
    for c in cells:
        by_doc.setdefault(c["document"], []).append(c)
    out = []
    for group in by_doc.values():
        # a change on last year or last year's figure the text states is never the item's figure
        group = [c for c in group if c.get("column") not in NARRATIVE_COLUMNS]
        if not group:
            continue
        group = [c for c in group if kind in (c.get("table") or "")] or group
        # a whole that is one table's sub-total (财政拨款支出, 基本支出): the part's row of that table
        group = [c for c in group if TABLE_OF_WHOLE.get(whole, "") in (c.get("table") or "")] or group
        if whole not in TABLE_OF_WHOLE:  # a whole of every fund (支出总额): the part's row of a table of every fund
            group = [c for c in group if not item_share.ONE_FUND_TABLE.search(c.get("table") or "")] or group
        best = min(group, key=lambda c: (column_rank(c.get("column"), len(PREFERRED_COLUMNS)), c.get("table") or "",
                                         c.get("line") or 0))
        out.append({**best, "fact": "item"})
    return out


def _compare(known: Knowledge, q: Question, compiled: Compiled, cells: list[dict], cube: dict) -> Result:
    """Two figures side by side, the larger (or the smaller, when asked so) first, and the difference."""
    dim = compiled.sides[0][0]
    stated = [c for c in cells if c["fact"] not in compiled.keys]  # a change on last year, as printed
    cells = [c for c in cells if c["fact"] in compiled.keys]
    picked, names = [], {}
    by_side = []
    for _, value, year in compiled.sides:
        if dim == "fact":  # two figures of one department: 基本支出比项目支出少多少
            by_side.append([c for c in cells if c["fact"] in fact_keys(value)])
        else:
            by_side.append([c for c in cells if (str(c["year"]) == value if dim == "year" else
                                                 _names(known, value) & {c.get("department_label")}
                                                 and (year is None or c["year"] == year))])
    for i, (_, value, _) in enumerate(compiled.sides):  # a scope said beside one department: that side's own
        if dim == "department" and (scope := q.side_scopes.get(value)) and by_side[i]:
            if not (mine := [c for c in by_side[i] if c["scope"] == scope]):
                return cube_reply([], scope_not_held([known.documents[c["document"]] for c in by_side[i]
                                                  if c["document"] in known.documents], scope), cube)
            by_side[i] = mine
    if all(by_side):  # like with like: one phase, one year (unless each side is a year or names its own), one scope
        by_side, unlike, note = like_with_like(by_side, compiled.sides, q, MEASURE_LABELS.get(q.measure, "数字"))
        if unlike:
            return cube_reply([], unlike, cube)
    else:
        note = ""
    for (_, value, _), mine in zip(compiled.sides, by_side, strict=True):
        chosen = pick(mine, q, phase_near(q.text, value) if dim == "year" else None)
        if chosen is None:
            later = max(int(v) for _, v, _ in compiled.sides) if dim == "year" else None
            if stated and later and (result := _stated_change(known, q, stated, cells, later, cube)):
                return result
            return cube_reply([], f"没有找到{value}{'年' if dim == 'year' else ''}的{MEASURE_LABELS.get(q.measure, '这个数字')}，"
                              f"无法比较。{_held(known, q)}", cube)
        picked.append(chosen)
        names[id(chosen)] = cell_label(chosen, q, measure=value if dim == "fact" else None)
    a, b = picked
    units = {c.get("measure_unit") or UNIT_WAN for c in picked}  # two counts of 人 compare; 人 and 万元 never
    if len(units) > 1:
        return cube_reply([], f"{names[id(a)]}和{names[id(b)]}的单位不同（{'、'.join(sorted(units))}），无法比较。", cube)
    unit = units.pop()
    winner, loser = (a, b) if (a["value"] >= b["value"]) != q.smaller else (b, a)
    diff = round(winner["value"] - loser["value"], AMOUNT_PLACES)
    kind = "amount" if unit == UNIT_WAN else "count"
    rows = [answer_row(names[id(c)], c["value"], unit, kind, None, None, cell_source(known, c)) for c in (winner, loser)]
    both = "；".join(filter(None, (cell_source(known, c) for c in picked)))
    message = f"{names[id(winner)]}{'更少' if q.smaller else '更多'}，相差{plain(abs(diff))}{unit}。{note}"
    if dim == "year" and q.difference:
        first, second = sorted(picked, key=lambda c: c["year"], reverse=True)  # the later year against the earlier
        signed = round(first["value"] - second["value"], AMOUNT_PLACES)
        rows.insert(0, answer_row(f"{first['year']}年比{second['year']}年{'增加' if signed >= 0 else '减少'}",
                                  signed, "万元", "amount", None, None, both))
        # the change the later document states, where it states one: checked against the two figures when they are
        # like with like (consecutive years, one phase and scope: a budget against last year's final account is not
        # what its 比上年 is of), never picked
        own = [c for c in stated if c["document"] == first["document"] and c["phase"] == first["phase"]]
        if own and first["year"] == second["year"] + 1 and (first["phase"], first["scope"]) == (second["phase"], second["scope"]):
            said = own[0]["value"]
            agree = abs(said - signed) <= TOLERANCE
            rows.insert(1, answer_row(f"{first['year']}年文件所说比上年增减", said, "万元", "amount", None,
                                      "与两年数字相减一致" if agree else f"与两年数字相减（{plain(signed)}万元）不一致",
                                      cell_source(known, own[0])))
            if not agree:
                message += disagreement(names[id(first)], said, signed) + "。"
    else:
        rows.append(answer_row(f"{names[id(winner)]}比{names[id(loser)]}{'少' if q.smaller else '多'}",
                               abs(diff), unit, kind, None, None, both))
    reply = cube_reply(rows, message, cube)
    # the two sides for a chart: a year against the one before it, or the departments in the order named
    a, b = sorted(picked, key=lambda c: c["year"]) if dim == "year" else picked
    reply.comparison = {**{k: {"label": names[id(c)], "value": c["value"], "source": cell_source(known, c)}
                           for k, c in (("a", a), ("b", b))},
                        "difference": round(b["value"] - a["value"], AMOUNT_PLACES), "unit": unit,
                        "label": f"{names[id(b)]}比{names[id(a)]}"}
    return reply


def _held(known: Knowledge, q: Question) -> str:
    """What the store holds of the organisations asked about (their documents' years and kinds)."""
    labels = org_labels(q, known)
    docs = known.docs_of(set(labels)) if labels else []
    held = "、".join(sorted({f"{d.year}年{d.type_label}" for d in docs}))
    return f"知识库里{'、'.join(labels)}有：{held}。" if held else ""


def _stated_change(known: Knowledge, q: Question, stated: list[dict], cells: list[dict], later: int,
                   cube: dict) -> Result | None:
    """The later year's figure and the change on the year before that its document states (signed), when
    the earlier year's own document is not in the store; None when it states none."""
    change = pick([c for c in stated if c["year"] == later], q)
    figure = pick([c for c in cells if c["year"] == later and c["document"] == (change or {}).get("document")], q)
    if change is None:
        return None
    value = change["value"]
    word = "增加" if value > 0 else "减少" if value < 0 else "持平"
    name = f"{change.get('department_label', '')}{later}年{MEASURE_LABELS.get(q.measure, '')}"
    rows = [answer_row(f"{name}比{later - 1}年{word}", value, "万元", "amount", None,
                       f"{later}年的文件所说的比上年增减：{plain(value)}万元（知识库里没有{later - 1}年的文件）",
                       cell_source(known, change))]
    if figure:
        rows.append(answer_row(cell_label(figure, q), figure["value"], "万元", "amount", None, None, cell_source(known, figure)))
    return cube_reply(rows, f"{name}比上年{word}{plain(abs(value))}万元（{later}年文件所说；没有{later - 1}年的文件可比）。", cube)


def _names(known: Knowledge, label: str) -> set[str]:
    return {label} | {e.label for e in known.lexicon.lookup(label)}


def per_department(q: Question, compiled: Compiled, cells: list[dict]) -> list[dict]:
    """One figure per department (`pick`), of the latest year when no year was asked and `latest`."""
    if not compiled.years and cells and compiled.latest:  # like with like: the latest year only
        latest = max(c["year"] for c in cells)
        cells = [c for c in cells if c["year"] == latest]
    if compiled.latest and not q.doc_type and cells:  # and one phase: budgets where there are any
        phase = "budget" if any(c["phase"] == "budget" for c in cells) else "final_account"
        cells = [c for c in cells if c["phase"] == phase]
    groups: dict[str, list[dict]] = {}
    for c in cells:
        groups.setdefault(c["department"], []).append(c)
    return [p for p in (pick(g, q) for g in groups.values()) if p]


def _rank(known: Knowledge, q: Question, compiled: Compiled, cells: list[dict], cube: dict) -> Result:
    """Departments ordered by one figure, each its 汇总 figure where it publishes one, stated in every answer."""
    picked = sorted(per_department(q, compiled, cells), key=lambda c: c["value"], reverse=not q.smaller)
    rows = [answer_row(c["department_label"], c["value"], c.get("measure_unit") or "万元", "amount", c["department"],
                       cell_label(c, q), cell_source(known, c)) for c in picked[: q.limit or 10]]
    if not rows:
        year = compiled.years[0] if compiled.years else ""
        held = "、".join(str(y) for y in sorted({d.year for d in known.documents.values() if d.year}))
        return cube_reply([], f"没有找到{year}年各部门的{MEASURE_LABELS.get(q.measure, '这个数字')}。"
                          f"知识库里的文件年份：{held}。", cube)
    return cube_reply(rows, f"按{cell_label(picked[0], q)[len(picked[0]['department_label']):]}排序：{rows[0]['label']}"
                        f"{'最少' if q.smaller else '最多'}。", cube)


def _condition(known: Knowledge, q: Question, compiled: Compiled, cells: list[dict], cube: dict) -> Result:
    """The departments whose figure passes the test: a change on last year of the sign asked, or zero."""
    hits = [c for c in per_department(q, compiled, cells) if compiled.keep(c["value"])]
    measure = MEASURE_LABELS.get(q.measure, "")
    if compiled.keys[0].endswith("_change"):
        rows = [answer_row(c["department_label"], c["value"], "万元", "amount", c["department"],
                           f"{cell_label(c, q)}比上年{'减少' if c['value'] < 0 else '增加'}{plain(abs(c['value']))}万元",
                           cell_source(known, c))
                for c in sorted(hits, key=lambda c: c["value"])]
        word = "减少" if q.change_sign < 0 else "增加"
        return cube_reply(rows, f"{len(rows)} 个部门的{measure}比上年{word}（只计说明了增减的部门）。", cube)
    hits.sort(key=lambda c: c["value"], reverse=not q.smaller)
    rows = [answer_row(c["department_label"], c["value"], "万元", "amount", c["department"], cell_label(c, q), cell_source(known, c))
            for c in hits[: q.limit or 10]]
    if not rows:
        return cube_reply([], f"没有找到{compiled.years[0] if compiled.years else ''}年各部门的{measure or '这个数字'}。", cube)
    return cube_reply(rows, f"{len(rows)} 个部门的{measure}为0：" + "；".join(r["text"] for r in rows) + "。", cube)



def _plan_vs_actual(known: Knowledge, q: Question, compiled: Compiled, cells: list[dict], cube: dict) -> Result:
    """What a final account says was spent against what was planned, of one year (the asked one, else the
    latest with a final account): the plan the final account itself prints where it prints one, else the
    year's budget; the difference signed (actual − plan). A final account printing only the difference (比年初
    预算数减少1,886.42万元) is answered with it as printed, its plan computed from the two."""
    stated = [c for c in cells if str(c.get("fact", "")).endswith(VS_PLAN)]
    cells = [c for c in cells if c not in stated]
    what = compiled.part_label or MEASURE_LABELS.get(q.measure, "这个数字")
    if compiled.part_label:  # a classified line: one figure per document and phase (a final account's 年初预算数
        # column is of the budget phase), its own column before its parts
        cells = [f for phase in ("budget", "final_account")
                 for f in item_figures([c for c in cells if c["phase"] == phase], "expenditure")]
    actuals = [c for c in cells if c["phase"] == "final_account"]
    if not actuals:
        return cube_reply([], f"没有找到{what}的决算数，无法与预算比较。", cube)
    year = compiled.years[0] if compiled.years else max(c["year"] for c in actuals)
    actual = pick([c for c in actuals if c["year"] == year], q, "final_account")
    plans = [c for c in cells if c["phase"] == "budget" and c["year"] == year]
    plan = pick([c for c in plans if c["document"] == actual["document"]] or plans, q, "budget") if actual else None
    said = next((c for c in stated if actual and c["document"] == actual["document"]), None)
    if actual is not None and plan is None and said is not None:
        return _stated_against_plan(known, q, actual, said, what, cube)
    if actual is None or plan is None:
        found = f"只有决算数{plain(actual['value'])}万元（{cell_source(known, actual)}），" if actual else ""
        return cube_reply([], f"{found}没有找到{year}年{what}的预算数（决算表未列年初预算，也没有当年的预算文件），"
                          "无法与预算比较。", cube)
    diff = round(actual["value"] - plan["value"], AMOUNT_PLACES)
    word = "多" if diff > 0 else "少" if diff < 0 else "持平"
    both = "；".join(filter(None, (cell_source(known, plan), cell_source(known, actual))))
    name = f"{actual.get('department_label', '')}{year}年{what}"
    rows = [answer_row(f"{name}决算比预算{word}", diff, "万元", "amount", None,
                       f"决算 {plain(actual['value'])}万元 − 预算 {plain(plan['value'])}万元 = {plain(diff)}万元", both),
            answer_row(cell_label(plan, q, what=what), plan["value"], "万元", "amount", None, None, cell_source(known, plan)),
            answer_row(cell_label(actual, q, what=what), actual["value"], "万元", "amount", None, None, cell_source(known, actual))]
    rate = ""
    if plan["value"] and _RATE_ASKED.search(q.text):  # 完成了预算的百分之多少: the ratio computed, not read
        pct = round(actual["value"] / plan["value"] * 100, 2)
        rows.insert(0, answer_row(f"{name}决算占预算的比例", pct, "%", "share", None,
                                  f"决算 {plain(actual['value'])}万元 ÷ 预算 {plain(plan['value'])}万元 = {plain(pct)}%", both))
        rate = f"，完成预算的{plain(pct)}%"
    return cube_reply(rows, f"{name}决算{plain(actual['value'])}万元，预算{plain(plan['value'])}万元，"
                        f"{'相差' if diff else ''}{plain(diff)}万元{rate}。", cube)


def _stated_against_plan(known: Knowledge, q: Question, actual: dict, said: dict, what: str, cube: dict) -> Result:
    """The difference from its plan a final account prints beside the actual (signed, as printed), the actual,
    and the plan computed from the two (said so)."""
    diff = said["value"]
    name = f"{actual.get('department_label', '')}{actual['year']}年{what}"
    if diff:
        word, said_words = ("多", "增加") if diff > 0 else ("少", "减少")
        row_label, stated = f"{name}决算比年初预算{word}", f"文件写明比年初预算{said_words}{plain(abs(diff))}万元"
    else:
        row_label, stated = f"{name}决算与年初预算持平", "文件写明与年初预算持平"
    rows = [answer_row(row_label, diff, "万元", "amount", None, "文件写明", cell_source(known, said)),
            answer_row(cell_label(actual, q, what=what), actual["value"], "万元", "amount", None, None, cell_source(known, actual)),
            plan_from_difference(name, actual["value"], diff, cell_source(known, said))]
    return cube_reply(rows, f"{name}决算{plain(actual['value'])}万元，{stated}。", cube)


# a plan-vs-actual asked as a rate: 完成了预算的百分之多少, 完成率, 执行了几成
_RATE_ASKED = re.compile(r"百分之|百分比|%|％|完成率|执行率|比例|几成")



def _average(known: Knowledge, q: Question, compiled: Compiled, cells: list[dict], cube: dict) -> Result:
    """The mean of one figure per department (of one year and phase), with the figures it is made of."""
    picked = sorted(per_department(q, compiled, cells), key=lambda c: -c["value"])
    measure = MEASURE_LABELS.get(q.measure, "")
    if not picked:
        return cube_reply([], f"没有找到各部门的{measure or '这个数字'}。", cube)
    mean = round(sum(c["value"] for c in picked) / len(picked), AMOUNT_PLACES)
    first = picked[0]
    terms = "、".join(f"{c['department_label']} {plain(c['value'])}" for c in picked)
    rows = [answer_row(f"{len(picked)}个部门{first['year']}年{measure}平均（{PHASE_WORDS.get(first['phase'], '')}）", mean,
                       "万元", "average", None, f"（{terms}）÷ {len(picked)} = {plain(mean)}万元",
                       "；".join(filter(None, (cell_source(known, c) for c in picked))))]
    rows += [answer_row(c["department_label"], c["value"], "万元", "amount", c["department"], cell_label(c, q), cell_source(known, c))
             for c in picked]
    return cube_reply(rows, f"{len(picked)}个部门的{measure}平均{plain(mean)}万元。", cube)


def _trend(known: Knowledge, q: Question, compiled: Compiled, cells: list[dict], cube: dict) -> Result:
    """One department's figure year by year (one figure a year: `pick`), each with its signed change on
    the year before it in the store."""
    years = sorted({c["year"] for c in cells})
    # unless a phase is asked, each year's document's own figure: a final account's actual, not the plan it repeats
    own = [c for c in cells if q.doc_type or (d := known.documents.get(c["document"])) is None or d.type == c["phase"]]
    picked = [p for p in (pick([c for c in own if c["year"] == y], q) for y in years) if p]
    if not picked:
        return cube_reply([], f"没有找到{MEASURE_LABELS.get(q.measure, '这个数字')}。{_held(known, q)}", cube)
    rows, before = [], None
    for c in picked:
        text = None
        if before is not None:
            change = round(c["value"] - before["value"], AMOUNT_PLACES)
            word = "增加" if change > 0 else "减少"
            text = f"比{before['year']}年{word}{plain(abs(change))}万元" if change else f"与{before['year']}年持平"
        rows.append(answer_row(cell_label(c, q), c["value"], "万元", "amount", None, text, cell_source(known, c)))
        before = c
    return cube_reply(rows, f"{picked[0].get('department_label', '')}{MEASURE_LABELS.get(q.measure, '')}"
                        f"：{len(rows)}个年份（各年的阶段与口径见每行）。", cube)


def _unit_total(known: Knowledge, q: Question, compiled: Compiled, cells: list[dict], cube: dict) -> Result:
    """Each unit's own total (its row of its department's 收入总表), of the year asked or the latest printed."""
    if not compiled.years and cells:
        latest = max(c["year"] for c in cells)
        cells = [c for c in cells if c["year"] == latest]
    groups: dict[str, list[dict]] = {}
    for c in cells:
        groups.setdefault(c["unit"], []).append(c)
    what = next((words for key, words in UNIT_TOTAL_KEYS.values() if key == compiled.keys[0]), "收入合计")
    rows = [answer_row(f"{c.get('unit_label', '')}{c['year']}年单位{what}（{PHASE_WORDS.get(c['phase'], '')}，"
                       f"{SCOPE_WORDS.get(c['scope'], '')}）", c["value"], "万元", "amount", c["unit"],
                       f"{c.get('department_label', '')}的部门{PHASE_WORDS.get(c['phase'], '')}所列该单位的{what}", cell_source(known, c))
            for c in (pick(g, q) for g in groups.values()) if c]
    return cube_reply(rows, f"{rows[0]['label']}：{plain(rows[0]['value'])}万元。" if rows else f"没有找到该单位单列的{what}。", cube)


READERS = {"item_in_item": item_share.read, "unit_total": _unit_total, "average": _average, "trend": _trend, "compare": _compare, "share": _share, "rank": _rank, "condition": _condition,
            "plan_vs_actual": _plan_vs_actual}
