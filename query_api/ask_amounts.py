"""Amount questions (a program's budget, a department's totals and narrative figures, classified line
items, changes on last year) and performance indicators (targets, actuals, those not met)."""

from __future__ import annotations

import re

from graph_store.base import Store
from ingest.record import (
    CHANGE_COLUMN,
    FACT_KEYS,
    FACT_UNITS,
    NARRATIVE_COLUMNS,
    PREVIOUS_BUDGET,
    PREVIOUS_EXECUTED,
)
from query_api import ask_programs, queries
from query_api.ask import Knowledge
from query_api.ask_templates import (
    TIMEOUT,
    UNIT_WAN,
    Result,
    answer_row,
    filter_in,
    number,
    org_labels,
    plain,
    prefer_doc_type,
    source_of,
    year_filter,
)
from query_api.lexicon import ORG_KINDS, normalise
from query_api.nlu import Question
from query_api.slots import GENERAL_MEASURES

FACTS = """
SELECT DISTINCT ?f ?key ?value ?unit ?label ?text ?doc ?year ?deptLabel ?table ?line WHERE {{
  ?f a {Fact} ; {key} ?key ; {value} ?value ; {from} ?doc ; {year} ?year ; {organization} ?dept .
  ?dept {label} ?deptLabel .
  OPTIONAL {{ ?f {unit} ?unit }} OPTIONAL {{ ?f {label} ?label }} OPTIONAL {{ ?f {text} ?text }}
  OPTIONAL {{ ?f {table} ?table }} OPTIONAL {{ ?f {line} ?line }}
  {filters}
}}
"""

# The asked codes and those under them (at most two levels: 项 → 款 → 类, resolve.code_ancestors). Not
# skos:broader*: Virtuoso answered no rows for a zero-length path joined with observations once the codes
# were stated in the reference graph rather than beside each observation (ontology.ledger).
ITEMS = """
SELECT DISTINCT ?top ?c ?i ?value ?column ?doc ?year ?dept ?table ?line WHERE {{
  VALUES ?top {{ {tops} }}
  {{ VALUES ?c {{ {tops} }} BIND(?c AS ?top) }} UNION {{ ?c {broader}|{broader}/{broader} ?top }}
  ?i {classification} ?c ; {organization} ?dept ; {value} ?value ; {from} ?doc ; {year} ?year .
  {dept_values}
  OPTIONAL {{ ?i {column} ?column }} OPTIONAL {{ ?i {table} ?table }} OPTIONAL {{ ?i {line} ?line }}
  {filters}
}}
"""

# Codes of the concepts under the asked ones (a separate query: concept triples repeat in every document
# graph, and joining them into ITEMS multiplies its rows).
CODES = """
SELECT DISTINCT ?c ?code WHERE {{ VALUES ?top {{ {tops} }} ?c {broader}* ?top . ?c {notation} ?code }}
"""

INDICATORS = """
SELECT DISTINCT ?i ?label ?comparator ?target ?unit ?actual ?met ?progLabel ?doc ?year ?table ?line WHERE {{
  ?i a {Indicator} ; {label} ?label .
  OPTIONAL {{ ?i {comparator} ?comparator }}
  OPTIONAL {{ ?i {targetValue} ?tv . ?tv {qvalue} ?target OPTIONAL {{ ?tv {qunit} ?unit }} }}
  OPTIONAL {{ ?i {actual} ?av . ?av {qvalue} ?actual }} OPTIONAL {{ ?i {met} ?met }}
  OPTIONAL {{ ?i {program} ?prog . ?prog {label} ?progLabel }}
  OPTIONAL {{ ?i {from} ?doc }} OPTIONAL {{ ?i {year} ?year }}
  OPTIONAL {{ ?i {table} ?table }} OPTIONAL {{ ?i {line} ?line }}
  {filters}
}} ORDER BY ?doc ?line
"""

# A measure → the fact keys that answer it, in order of preference, by document type.
CHANGE_OF = {
    "revenue_total": "revenue_change", "expenditure_total": "expenditure_change",
    "general_budget_revenue": "general_budget_revenue_change", "basic_expenditure": "basic_expenditure_change",
    "project_expenditure": "project_expenditure_change", "three_public": "three_public_change",
    "administrative_operating_cost": "administrative_operating_cost_change",
}
FALLBACKS = {"revenue_total": ["revenue_total", "expenditure_total", "grand_total"],
             "expenditure_total": ["expenditure_total", "revenue_total"]}


def _fact_rank(r) -> tuple:
    """A document may state a figure twice (its table and its narrative): the table's, then the earliest."""
    from_table = bool(r.table) and "表" in str(r.table)
    return (not from_table, int(r.line) if r.line is not None else 10**9)


def doc_order(known: Knowledge, doc: str) -> tuple:
    """Documents by year, the 汇总 figure before the 本级 one."""
    info = known.documents.get(doc)
    return (info.year or 0, info.scope != "consolidated", doc) if info else (0, True, doc)


def fact_keys(measure: str, doc_type: str | None, change: bool) -> list[str]:
    if change:
        return [CHANGE_OF.get(measure, measure + "_change")]
    if measure == "three_public":
        return ["three_public_actual", "three_public_budget"] if doc_type == "final_account" else ["three_public_budget"]
    return FALLBACKS.get(measure, [measure])


# Words that ask for money: a department's 多少 without them (多少人, 电话多少) is not its budget total.
MONEY_WORDS = r"预算|决算|经费|资金|钱|金额|数额|收入|支出|拨款|安排|花|开支|费|万元|元|总额|规模|盘子"


# Words that may stand before 经费 without naming a kind of cost (部门经费, 项目经费; 年, 的 never do).
_NOT_A_COST = {"部门", "单位", "项目", "工作", "预算", "决算", "财政", "安排", "全部", "所有", "整体", "合计", "总共", "一共"}


def _unknown_cost(q: Question) -> str | None:
    """A kind of cost the question names that no measure or item stands for (人员经费, 公用经费), or None."""
    rest = normalise(q.text)
    for mention in q.mentions:
        rest = rest.replace(mention.text, " ")
    match = re.search(r"((?:(?![的年之和与及各])[\u4e00-\u9fff]){2})(?:经费|费用)", rest)
    return match.group() if match and match.group(1) not in _NOT_A_COST else None


def amount(store: Store, known: Knowledge, q: Question) -> Result:
    labels = org_labels(q, known)
    if q.entries("item"):
        found = items(store, known, q)
        if found.answers or not q.measure or q.measure in GENERAL_MEASURES or not labels:
            return found
        # 公务用车购置及运行费 names an economic item and a 三公 figure: the figure when the item has no rows
    if q.entries("program") and (not q.measure or not labels):  # 政务云经费花了多少: the program's amount
        return ask_programs.purpose_amounts(store, known, q)
    if not labels:
        return Result(message="没有找到问题中的部门、单位或项目（知识库里可能没有）。")
    if not q.measure and not re.search(MONEY_WORDS, q.text):
        return Result(message="知识库里只有预算和决算中的金额与绩效指标，没有这个数字（如人数、电话）。")
    if not q.measure and (kind := _unknown_cost(q)):
        return Result(message=f"知识库里没有单列的“{kind}”，可以问收支总额、基本支出、项目支出、三公经费、政府采购或某个科目。")
    measure = q.measure or "revenue_total"
    departments = {d.department for d in known.documents.values()}
    if not any(label in departments for label in labels):
        if measure in ("project_expenditure", "expenditure_total", "revenue_total") and not q.change:
            q.intent = "sum_programs"  # a unit without its own documents: the sum of the programs it spends
            return ask_programs.aggregate(store, known, q)
        return Result(message="这个单位没有单独公开的预算或决算。")
    if len(q.measures) > 1:  # 三公经费和政府采购: each figure
        results = [facts(store, known, q, labels, m) for m in q.measures]
        return Result([a for r in results for a in r.answers], results[0].sparql,
                      None if any(r.answers for r in results) else results[0].message)
    return facts(store, known, q, labels, measure)


def facts(store: Store, known: Knowledge, q: Question, labels: list[str], measure: str) -> Result:
    keys = sorted({k for t in ("budget", "final_account") for k in fact_keys(measure, t, q.change)})
    filters = [filter_in("?deptLabel", labels), filter_in("STR(?key)", keys), year_filter(q)]
    text = queries.sparql(FACTS, filters="\n  ".join(f for f in filters if f))
    rows = prefer_doc_type(list(store.query(text, timeout=TIMEOUT)), q, known)
    by_doc: dict[str, dict] = {}
    for r in sorted(rows, key=_fact_rank):
        by_doc.setdefault(str(r.doc), {}).setdefault(str(r.key), r)
    if q.scope:
        by_doc = {d: v for d, v in by_doc.items() if known.documents.get(d) and known.documents[d].scope == q.scope} or by_doc
    answers = []
    for doc, found in sorted(by_doc.items(), key=lambda kv: doc_order(known, kv[0])):
        info = known.documents.get(doc)
        key = next((k for k in fact_keys(measure, info.type if info else None, q.change) if k in found), None)
        if key is None:
            continue
        r = found[key]
        value = number(r.value)
        if value is None:
            continue
        unit = str(r.unit) if r.unit else FACT_UNITS.get(key, UNIT_WAN)
        label = f"{r.deptLabel}{r.year}年{FACT_KEYS.get(key, r.label or key)}" + (f"（{info.scope_label}）" if info else "")
        detail = str(r.text) if r.text else None
        if q.change:  # the stored change is signed; asked as a decrease (减少了多少) a decrease is positive
            direction = "减少" if value < 0 else ("增加" if value > 0 else "持平")
            detail = f"比上年{direction}{plain(abs(value))}{unit}" + (f"：{r.text}" if r.text else "")
            value = -value if q.change_sign < 0 else value
        answers.append(answer_row(label, value, unit, "amount", str(r.f), detail, source_of(known, r.doc, r.table, r.line)))
    if not answers:
        return Result([], text, "没有找到这个数字。" + _years_note(known, labels, q))
    return Result(answers, text)


def _years_note(known: Knowledge, labels: list[str], q: Question) -> str:
    """What the store has for these departments, when the asked year is not among it."""
    docs = known.docs_of(set(labels))
    if not q.year or not docs or any(d.year == q.year for d in docs):
        return ""
    have = "、".join(sorted({f"{d.year}年{d.type_label}" for d in docs}))
    return f"知识库里没有{q.year}年的数据，{'、'.join(labels)}有：{have}。"


def rank_departments(store: Store, known: Knowledge, q: Question) -> Result:
    """Departments ordered by a measure (default 收入合计): one cube query, one year, phase and scope."""
    from query_api import ask_cube

    departments = {d.department for d in known.documents.values()}
    named = [label for label in org_labels(q, known) if label in departments]  # 普陀区哪个部门…: that place's
    q.measure = q.measure or "revenue_total"
    years = q.years[:1] or ([q.year] if q.year else [])
    return ask_cube.rank(store, known, q, years, named)


def items(store: Store, known: Knowledge, q: Question) -> Result:
    """A classified line item (功能分类/经济分类科目) of the named department and year."""
    tops = {e.uri: e for e in q.entries("item")}
    orgs = {e.uri: e.label for e in q.entries(*ORG_KINDS)}
    # concepts and organisations go in by IRI: the query walks skos:broader*, and bound ends keep it fast
    text = queries.sparql(ITEMS, tops=queries.iris(tops), filters=year_filter(q),
                          dept_values=f"VALUES ?dept {{ {queries.iris(orgs)} }}" if orgs else "")
    rows = prefer_doc_type(list(store.query(text, timeout=TIMEOUT)), q, known)
    if q.scope:
        rows = [r for r in rows if (i := known.documents.get(str(r.doc))) and i.scope == q.scope] or rows
    codes = {str(r.c): str(r.code) for r in store.query(queries.sparql(CODES, tops=queries.iris(tops)), timeout=TIMEOUT)}
    stated = [r for r in rows if str(r.column) in NARRATIVE_COLUMNS]  # what the text says beside the tables
    rows = [r for r in rows if str(r.column) not in NARRATIVE_COLUMNS]
    answers = []
    groups = _group(rows)
    for (doc, top), group in sorted(groups.items(), key=lambda kv: (doc_order(known, kv[0][0]), kv[0][1])):
        picked = _pick(group, q.text, codes)
        value = round(sum(number(r.value) or 0.0 for r in picked), 4)
        r = picked[0]
        info = known.documents.get(doc)
        name = tops[top].label
        if sum(1 for d, _ in groups if d == doc) > 1 and codes.get(top):  # 行政运行 under both 20103 and 20131
            name = f"{name}（{codes[top]}）"
        dept = orgs.get(str(r.dept)) or (info.department if info else "")
        label = f"{dept}{r.year}年{name}" + (f"（{info.scope_label}）" if info and info.scope_label else "")
        if q.change and (change := _change(stated, doc, top, value, q)):
            answers.append(answer_row(f"{label}{change[1]}", change[0], UNIT_WAN, "change", str(r.i), change[2],
                                      source_of(known, change[3].doc, change[3].table, change[3].line)))
            continue
        column = f"{r.column}：" if r.column else ""
        used = "、".join(sorted({codes.get(str(x.c), "") for x in picked} - {""}))
        answers.append(answer_row(label, value, UNIT_WAN, "line_item", str(r.i), f"{used} {tops[top].label} {column}{plain(value)} 万元".strip(),
                                  source_of(known, r.doc, r.table, r.line)))
    return Result(answers, text, None if answers else "没有找到这个科目。")


def _change(stated: list, doc: str, top: str, value: float, q: Question) -> tuple | None:
    """(signed change, words, text, row) of the item `top` in `doc` on the year before, as its narrative
    states it, or its figure less last year's (executed when the question says 执行, else the change
    stated, else last year's budget); None when the narrative says neither."""
    mine = {str(r.column): r for r in stated if str(r.doc) == doc and str(r.c) == top}
    order = (PREVIOUS_EXECUTED, CHANGE_COLUMN, PREVIOUS_BUDGET) if "执行" in q.text else \
        (CHANGE_COLUMN, PREVIOUS_BUDGET, PREVIOUS_EXECUTED)
    column = next((c for c in order if c in mine), None)
    if column is None:
        return None
    r = mine[column]
    if column == CHANGE_COLUMN:
        change, how = number(r.value), "比上年"
    else:
        change = round(value - number(r.value), 4)
        how = f"比上年{'执行数' if column == PREVIOUS_EXECUTED else '预算数'}{plain(number(r.value))}万元"
    direction = "增加" if change > 0 else "减少" if change < 0 else "持平"
    words = f"{how}{direction}{plain(abs(change))}万元" if change else f"{how}持平"
    signed = -change if q.change_sign < 0 else change  # asked as a decrease (减少了多少) a decrease is positive
    return signed, words, f"本年{plain(value)}万元，{words}", r


PREFERRED_COLUMNS = ("合计", "预算数", "决算数", "本年支出合计", "支出决算", "预算", "决算", "金额", "总计", "小计")


def _group(rows: list) -> dict[tuple[str, str], list]:
    """Rows by document and classification code asked for (a code's rows include its sub-codes')."""
    groups: dict[tuple[str, str], list] = {}
    for r in rows:
        groups.setdefault((str(r.doc), str(r.top)), []).append(r)
    return groups


def _pick(group: list, question: str, codes: dict[str, str]) -> list:
    """The rows that make the item's figure: the column the question names (基本支出…) or the total column,
    at the item's own level, or else the sum of its highest-level sub-items; one row per code."""
    for word in ("支出", "收入"):  # 支出 questions read the expenditure tables, 收入 ones the revenue tables
        if word in question:
            group = [r for r in group if r.table and word in str(r.table)] or group
            break
    named = [r for r in group if r.column and str(r.column) in question]
    preferred = named or [r for r in group if r.column and str(r.column) in PREFERRED_COLUMNS] or group
    column = next((str(r.column) for c in PREFERRED_COLUMNS for r in preferred if str(r.column) == c), None)
    if column and not named:
        preferred = [r for r in preferred if str(r.column) == column]
    shortest = min(len(codes.get(str(r.c), "")) for r in preferred)
    by_code = {}
    # a code printed twice in one table (the department's rows, then a unit's breakdown): the first printed
    for r in sorted(preferred, key=lambda r: int(r.line) if r.line is not None else 10**9):
        if len(codes.get(str(r.c), "")) == shortest:
            by_code.setdefault(str(r.c), r)
    return list(by_code.values())


def indicator_answer(known: Knowledge, r, value, note: str = "") -> dict:
    unit = str(r.unit) if r.unit else None
    parts = [f"{r.progLabel}：" if r.progLabel else "", f"{r.label} 目标值 {r.comparator or ''}{number(r.target)}{unit or ''}"]
    if r.actual is not None:
        parts.append(f"，实际完成 {number(r.actual)}{unit or ''}")
    parts.append(note)
    return answer_row(str(r.label), value, unit, "indicator", str(r.i), "".join(parts), source_of(known, r.doc, r.table, r.line))


def indicator(store: Store, known: Knowledge, q: Question) -> Result:
    entries = q.indicators
    if not entries:
        return Result(message="没有找到这个绩效指标。")
    # Selected by label, then by IRI below: Virtuoso refuses this query as too costly ("estimated
    # execution time exceeds the limit") when ?i is bound by VALUES, FILTER IN or sameTerm.
    wanted = {e.uri for e in entries}
    labels = sorted({e.label for e in entries})
    text = queries.sparql(INDICATORS, filters=filter_in("?label", labels))
    wants_target = bool(re.search(r"目标|指标值|要求|要达到|应达到|需达到|标准|控制在", q.text)) \
        and not re.search(r"实际|完成", q.text)
    answers, seen = [], set()
    for r in store.query(text, timeout=TIMEOUT):
        if str(r.i) not in wanted:
            continue
        value = number(r.target) if wants_target or r.actual is None else number(r.actual)
        key = (str(r.progLabel), str(r.label), value, str(r.year))  # the same indicator in the 本级 and 汇总 documents
        if key not in seen:
            seen.add(key)
            verdict = met(r)
            answers.append(indicator_answer(known, r, value, {True: "，已达到目标值", False: "，未达到目标值"}.get(verdict, "")))
    return Result(answers, text)


def program_indicators(store: Store, known: Knowledge, q: Question) -> Result:
    """The performance indicators of the named programs, with target (and actual where reported)."""
    labels = [e.label for e in q.entries("program")]
    text = queries.sparql(INDICATORS, filters=filter_in("?progLabel", labels) + " " + year_filter(q))
    answers, seen = [], set()
    for r in store.query(text, timeout=TIMEOUT):
        key = (str(r.progLabel), str(r.label), str(r.year))
        if key not in seen:
            seen.add(key)
            answers.append(indicator_answer(known, r, number(r.actual) if r.actual is not None else number(r.target)))
    return Result(answers, text, None if answers else "这个项目没有列出绩效指标。")


def met(r) -> bool | None:
    """Whether an indicator's actual reaches its target: the document's own verdict, else the comparison."""
    if r.met is not None:
        return bool(r.met.toPython())
    actual, target = number(r.actual), number(r.target)
    if actual is None or target is None:
        return None
    comparator = str(r.comparator or ">=")
    return {">=": actual >= target, ">": actual > target, "<=": actual <= target, "<": actual < target,
            "=": abs(actual - target) < 1e-9}.get(comparator)


def unmet(store: Store, known: Knowledge, q: Question) -> Result:
    filters = ["FILTER(BOUND(?actual) || BOUND(?met))", year_filter(q)]
    labels = org_labels(q, known)
    if labels:
        filters.append(f"?i {queries.TERMS['department']}/{queries.TERMS['label']} ?deptLabel . "
                       + filter_in("?deptLabel", labels))
    text = queries.sparql(INDICATORS, filters="\n  ".join(f for f in filters if f))
    answers = [indicator_answer(known, r, number(r.actual), "，未达到目标值")
               for r in store.query(text, timeout=TIMEOUT) if met(r) is False]
    return Result(answers, text, None if answers else "没有未达到目标值的绩效指标。")


__all__ = ["amount", "indicator", "unmet", "prefer_doc_type"]
