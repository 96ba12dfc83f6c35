"""A department's figures as answers: its summary figures and narrative facts (收支总额, 三公经费, 政府
采购, 比上年增减 …, also those not in 万元: rates, scores, vehicles) and its classified line items
(功能/经济分类科目) with their change on last year, each with its document, table and line."""

from __future__ import annotations

from types import SimpleNamespace
from typing import TYPE_CHECKING

from graph_store.base import Store
from ingest.record import (
    AMOUNT_PLACES,
    CHANGE_COLUMN,
    FACT_KEYS,
    FACT_UNITS,
    NARRATIVE_COLUMNS,
)
from ingest.stated import AT_A_DATE
from query_api.answering import changes, codeless
from query_api.answering.alike import plan_asked
from query_api.answering.cell_readers import MEASURE_LABELS
from query_api.answering.change_direction import as_asked
from query_api.answering.compiler import _year_cut
from query_api.answering.computed_plan import VS_PLAN, final_account_plan
from query_api.answering.rows import (
    TIMEOUT,
    UNIT_WAN,
    Result,
    answer_row,
    asked_years,
    column_rank,
    only_scope,
    plain,
    prefer_doc_type,
    source_of,
)
from query_api.cube import MAX_LIMIT, CubeQuery, Cut, run
from query_api.lexicon import ORG_KINDS, normalise
from query_api.slots import COST, NOT_A_COST, said_in

if TYPE_CHECKING:
    from query_api.ask import Knowledge
    from query_api.nlu import Question

# Each figure its own cell (drilldown observation), with what an answer shows of it: its key, unit and
# sentence for a fact; scheme, code and column for a classified row; and its source.
FACT_DIMS = ["observation", "department", "year", "fact", "measure_unit", "text", "document", "table", "line"]
ITEM_DIMS = ["observation", "department", "year", "scheme", "code", "column", "document", "table", "line"]
ROW_DIMS = [d for d in ITEM_DIMS if d not in ("scheme", "code")]  # a line printed without a code


# A measure → the fact keys that answer it, in order of preference, by document type.
CHANGE_OF = {
    "revenue_total": "revenue_change", "expenditure_total": "expenditure_change",
    "general_budget_revenue": "general_budget_revenue_change", "basic_expenditure": "basic_expenditure_change",
    "project_expenditure": "project_expenditure_change", "three_public": "three_public_change",
    "administrative_operating_cost": "administrative_operating_cost_change",
}
FALLBACKS = {"revenue_total": ["revenue_total", "expenditure_total", "grand_total"],
             "expenditure_total": ["expenditure_total", "revenue_total"],
             # the assets held, said loosely (名下资产): the total where printed, else the fixed assets, by its name
             "assets_held": ["state_assets_total", "fixed_assets"]}


def fact_rank(r) -> tuple:
    """A document may state a figure twice (its table and its narrative): the table's, then the earliest."""
    from_table = bool(r.table) and "表" in str(r.table)
    return (not from_table, int(r.line) if r.line is not None else 10**9)


def doc_order(known: Knowledge, doc: str) -> tuple:
    """Documents by year, the 汇总 figure before the 本级 one."""
    info = known.documents.get(doc)
    return (info.year or 0, info.scope != "consolidated", doc) if info else (0, True, doc)


def fact_keys(measure: str, doc_type: str | None, change: bool, rate: bool = False, plan: bool = False) -> list[str]:
    """The fact keys that answer `measure`, in order of preference; `change` its change on last year
    (`rate`: as the percentage stated, 降幅 / 增长率); `plan` its plan alone (alike.plan_asked), which a final
    account prints of some figures beside their actual (`three_public_reception_budget`): that one only, never
    the actual in its place."""
    if change:
        key = CHANGE_OF.get(measure, measure + "_change")
        return [key + "_pct"] if rate else [key]
    # an amount's plan: the one printed or nothing (final_account_plan may compute it); a rate or count has none
    if plan and doc_type == "final_account" and FACT_UNITS.get(measure, UNIT_WAN) == UNIT_WAN:
        return [planned] if (planned := f"{measure}_budget") in FACT_KEYS else []
    if measure == "three_public":
        return ["three_public_actual", "three_public_budget"] if doc_type == "final_account" else ["three_public_budget"]
    return FALLBACKS.get(measure, [measure])


def keys_of_any_phase(measure: str, change: bool = False, rate: bool = False, plan: bool = False) -> list[str]:
    """The fact keys that answer `measure` in a budget or a final account, sorted (fact_keys of both phases)."""
    return sorted({k for phase in ("budget", "final_account") for k in fact_keys(measure, phase, change, rate, plan)})


# Words that ask for money: a department's 多少 without them (多少人, 电话多少) is not its budget total.
MONEY_WORDS = r"预算|决算|经费|资金|钱|金额|数额|收入|支出|拨款|安排|花|开支|开销|补助|补贴|费|万元|元|总额|规模|盘子"




def unknown_cost(q: Question) -> str | None:
    """A kind of cost the question names that no measure or item stands for (人员经费, 公用经费), or None."""
    rest = normalise(q.text)
    for mention in q.mentions:
        rest = rest.replace(mention.text, " ")
    match = COST.search(rest)
    return match.group() if match and match.group(1) not in NOT_A_COST else None


def _organisations(q: Question, labels: list[str]) -> tuple[dict[str, str], list[str]]:
    """The organisations of `labels` by IRI (as the question named them: IRI → label), and the labels no
    entry of the question gives an IRI for (cut on by label)."""
    orgs = {e.uri: e.label for e in q.entries(*ORG_KINDS) if e.label in labels}
    return orgs, [label for label in labels if label not in orgs.values()]


def fact_query(cuts: list[Cut]) -> CubeQuery:
    """The cube query of each figure (observation) the cuts select, with its sentence and source."""
    return CubeQuery(cuts, FACT_DIMS, limit=MAX_LIMIT, order=[("document", "asc")])


def item_query(cuts: list[Cut]) -> CubeQuery:
    """The cube query of each classified row the cuts select (a code's and those below it), with its source."""
    return CubeQuery(cuts, ITEM_DIMS, limit=MAX_LIMIT, order=[("document", "asc")], leaves_only=False)


def fact_cells(store: Store, q: Question, labels: list[str], keys: list[str]) -> tuple[list[SimpleNamespace], dict]:
    """Each figure of `keys` of the organisations of `labels` (of the years asked) with its sentence and
    source: one cube query (drilled down to each observation), and its reply."""
    orgs, unnamed = _organisations(q, labels)
    stock = q.as_of is not None and set(keys) <= AT_A_DATE  # held at the end of a year: of two documents' years
    years = [q.as_of, q.as_of + 1] if stock else asked_years(q)
    cuts = [Cut("fact", "|".join(keys)), *_year_cut(years)] + ([Cut("department", "|".join([*orgs, *unnamed]))] if labels else [])
    reply = run(store, fact_query(cuts), timeout=TIMEOUT)
    if stock:  # that year's final account states it, or the next year's budget (截至上年末), never that year's budget
        reply["cells"] = [c for c in reply["cells"] if (c["year"], c["phase"]) in ((q.as_of, "final_account"),
                                                                                   (q.as_of + 1, "budget"))]
    rows = [SimpleNamespace(f=c["observation"], key=c["fact"], value=c["value"], unit=c.get("measure_unit"),
                            label=c.get("observation_label"), text=c.get("text"), doc=c["document"], year=c["year"],
                            deptLabel=orgs.get(c["department"], c.get("department_label", "")),
                            table=c.get("table"), line=c.get("line")) for c in reply["cells"]]
    return rows, reply


def facts(store: Store, known: Knowledge, q: Question, labels: list[str], measure: str) -> Result:
    rate = q.change and getattr(q, "change_rate", False)
    plan = not q.change and plan_asked(q)
    keys = keys_of_any_phase(measure, q.change, rate, plan)
    said_against = f"{measure}_{VS_PLAN}"  # a final account printing its plan only as the difference from it
    # the actual it is printed beside too: a final account's plan is asked, so fact_keys gives the actual no more
    keys += [said_against, *fact_keys(measure, "final_account", False)] if plan and said_against in FACT_KEYS else []
    keys = list(dict.fromkeys(keys))  # each once: a key asked twice is summed twice by the cube
    found_rows, cube = fact_cells(store, q, labels, keys)
    rows = prefer_doc_type(found_rows, q, known)
    by_doc: dict[str, dict] = {}
    for r in sorted(rows, key=fact_rank):
        by_doc.setdefault(str(r.doc), {}).setdefault(str(r.key), r)
    held, unheld = only_scope(list(by_doc), q, known, str)
    if unheld:
        return Result([], cube["sparql"], unheld, cube["cube_query"])
    by_doc = {d: by_doc[d] for d in held}
    answers: list[tuple[str, dict]] = []  # (document, answer)
    unplanned = []  # the final accounts asked for a plan they print neither beside the actual nor as a difference
    for doc, found in sorted(by_doc.items(), key=lambda kv: doc_order(known, kv[0])):
        info = known.documents.get(doc)
        key = next((k for k in fact_keys(measure, info.type if info else None, q.change, rate, plan) if k in found), None)
        if key is None and plan and (computed := final_account_plan(known, measure, found, info, fact_keys(measure, "final_account", False))):
            answers.append((doc, computed))
        elif key is None and plan and info is not None and info.type == "final_account":
            unplanned.append(f"{info.year}年决算（{info.scope_label}）")
        if key is None:
            continue
        r = found[key]
        unit = str(r.unit) if r.unit else FACT_UNITS.get(key, UNIT_WAN)
        label = f"{r.deptLabel}{r.year}年{FACT_KEYS.get(key, r.label or key)}" + (f"（{info.scope_label}）" if info else "")
        detail, value = (str(r.text) if r.text else None), r.value
        if q.change:  # the stored change is signed; asked as a decrease (减少了多少) a decrease is positive
            detail = f"比上年{changes.change_word(value, unit)}" + (f"：{r.text}" if r.text else "")
            value = as_asked(q, value)
        answers.append((doc, answer_row(label, value, unit, "amount", str(r.f), detail,
                                        source_of(known, r.doc, r.table, r.line))))
    if not q.change or rate:
        what = MEASURE_LABELS.get(measure, FACT_KEYS.get(measure, measure))
        said = (f"没有找到{what}的年初预算：{'、'.join(unplanned)}没有列出它，也没有写明与年初预算的差额；"
                "决算数不是年初预算。") if unplanned else None
        return _facts_result([a for _, a in answers], cube, None, store, known, q, labels, measure, said)
    # a change: each stated one checked against the two years' figures, recomputed where none is stated
    found, notes, compares = changes.checked(store, known, q, answers, labels, lambda phase: fact_keys(measure, phase, False)[0],
                                             MEASURE_LABELS.get(measure, FACT_KEYS.get(measure, measure)))
    sparql = "\n\n".join([cube["sparql"], *(c["sparql"] for c in compares)])
    return _facts_result(found, {**cube, "sparql": sparql}, "；".join(notes) + "。" if notes else None,
                         store, known, q, labels, measure)


def _facts_result(answers: list[dict], cube: dict, message: str | None, store: Store, known: Knowledge, q: Question,
                  labels: list[str], measure: str, unplanned: str | None = None) -> Result:
    """`unplanned`: why no plan was answered (the final accounts asked print none), said where none is."""
    if not answers and unplanned:
        message = unplanned
    elif not answers:  # named in the question's own words (人员经费), so the reply says what was not found
        said = said_in(q.text, measure)
        message = (f"没有找到“{said}”这个数字。" if said else "没有找到这个数字。") + \
            (_years_note(known, labels, q) or _unchanged_note(store, q, labels, measure))
    return Result(answers, cube["sparql"], message, cube["cube_query"])


def _unchanged_note(store: Store, q: Question, labels: list[str], measure: str) -> str:
    """Asked for a change the documents do not state: the figure they do state, said in words (not an answer)."""
    if not q.change:
        return ""
    keys = keys_of_any_phase(measure)
    rows = sorted(fact_cells(store, q, labels, keys)[0], key=lambda r: (-int(r.year), fact_rank(r)))
    if not rows:
        return ""
    r = rows[0]
    return (f"文件写有{r.deptLabel}{r.year}年{FACT_KEYS.get(str(r.key), str(r.key))}"
            f"{plain(r.value)}{r.unit or UNIT_WAN}，但没有写明比上年的增减。")


def _years_note(known: Knowledge, labels: list[str], q: Question) -> str:
    """What the store has for these departments, when the asked year (or the year's asked 决算) is not among it."""
    docs = known.docs_of(set(labels))
    if not q.year or not docs:
        return ""
    have = "、".join(sorted({f"{d.year}年{d.type_label}" for d in docs}))
    if not any(d.year == q.year for d in docs):
        return f"知识库里没有{q.year}年的数据，{'、'.join(labels)}有：{have}。"
    if q.doc_type == "final_account" and not any(d.year == q.year and d.type == q.doc_type for d in docs):
        return f"知识库里没有{q.year}年的部门决算，{'、'.join(labels)}有：{have}。"
    return ""


def item_cells(store: Store, q: Question, tops: list[str], orgs: list[str], named: dict,
               lexicon=None) -> tuple[list[SimpleNamespace], dict]:
    """Every row of the codes `tops` (IRIs) and the codes under them, of the organisations `orgs` (IRIs; all
    when none) and the years asked (and the years before, for a change), each with its column and source:
    one cube query, and its reply. A row is given once for each code asked it is under (`top`). A line printed
    without a code is read by its name (`named`: its IRI → department, parent, name, as codeless.chosen
    picked them); for a change, what the text states of the lines under it too
    (`lexicon` names them), as the rows of a code's sub-codes are."""
    years = asked_years(q)
    years = sorted({y - d for y in years for d in (0, 1)}) if q.change and years else years  # last year's to check
    rows, sparql = [], []
    tops = [t for t in tops if codeless.parse(t) is None]
    for top, row_cuts in codeless.cuts(named):  # lines printed without a code: by name, parent and department
        row_reply = run(store, CubeQuery([*row_cuts, *_year_cut(years)], ROW_DIMS, limit=MAX_LIMIT), timeout=TIMEOUT)
        sparql.append(row_reply["sparql"])
        cells = [(top, c) for c in row_reply["cells"]]
        under = {name: parent for parent, name in codeless.below(lexicon, top)} if q.change and lexicon else {}
        if under:  # the changes the text states of the lines under it: one query for them all
            below_cuts = [row_cuts[0], Cut("row", "|".join(under)), Cut("row_parent", "|".join(set(under.values()))),
                          Cut("column", "|".join(NARRATIVE_COLUMNS)), *_year_cut(years)]
            below_reply = run(store, CubeQuery(below_cuts, ROW_DIMS, limit=MAX_LIMIT), timeout=TIMEOUT)
            sparql.append(below_reply["sparql"])
            dept = named[top][0]
            cells += [(codeless.row_iri(dept, under[name], name), c) for c in below_reply["cells"]
                      if (name := codeless.row_name(str(c.get("observation_label", "")), str(c.get("column")))) in under]
        for c_iri, c in cells:
            rows.append(SimpleNamespace(top=top, c=c_iri, i=c["observation"], value=c["value"], column=c.get("column"),
                                        doc=c["document"], year=c["year"], dept=c["department"], table=c.get("table"),
                                        line=c.get("line")))
    if not tops:
        return rows, {"sparql": "\n\n".join(sparql), "cube_query": row_reply.get("cube_query") if sparql else None}
    cuts = [Cut("code", "|".join(tops)), *_year_cut(years)] + ([Cut("department", "|".join(orgs))] if orgs else [])
    reply = run(store, item_query(cuts), timeout=TIMEOUT)
    reply = {**reply, "sparql": "\n\n".join([*sparql, reply["sparql"]])}
    for c in reply["cells"]:
        for top in tops:
            stem, code = top.rsplit("/", 1)
            if stem.endswith("/" + c["scheme"]) and c["code"].startswith(code):
                rows.append(SimpleNamespace(top=top, c=f"{stem}/{c['code']}", i=c["observation"], value=c["value"],
                                            column=c.get("column"), doc=c["document"], year=c["year"],
                                            dept=c["department"], table=c.get("table"), line=c.get("line")))
    return rows, reply


NO_LINE = "没有找到这个科目。"


def items(store: Store, known: Knowledge, q: Question) -> Result:
    """A classified line item (功能分类/经济分类科目) of the named department and year: a code's lines first
    where the department prints them, a line printed without a code of the same name (a 收支总表's row,
    西安's 工资福利支出) only where it prints no such code."""
    tops = {e.uri: e for e in q.entries("item")}
    coded = {normalise(e.label) for u, e in tops.items() if codeless.parse(u) is None}
    shadowed = {u for u in tops if (row := codeless.parse(u)) and normalise(row[2]) in coded}
    if not shadowed:
        return _items(store, known, q, tops)
    found = _items(store, known, q, {u: e for u, e in tops.items() if u not in shadowed})
    # the others found nothing: only the rows of their names are left to ask (never the codes' queries again);
    # what they said instead (本级 asked, the store holding only 汇总) stands
    return found if found.answers or found.message != NO_LINE else _items(store, known, q, {u: tops[u] for u in shadowed})


def _items(store: Store, known: Knowledge, q: Question, tops: dict) -> Result:
    orgs = {e.uri: e.label for e in q.entries(*ORG_KINDS)}
    rows, ask = codeless.chosen(tops, set(orgs), q.text)
    if ask:  # a name printed under two parents, neither asked: never pick
        return Result(message=f"文件里有几行同名的科目，请说明是哪一个：{'、'.join(ask)}。")
    tops = {u: e for u, e in tops.items() if codeless.parse(u) is None or u in rows}
    pool, cube = item_cells(store, q, list(tops), list(orgs), rows, known.lexicon)
    asked = set(asked_years(q))
    found = [r for r in pool if not asked or int(r.year) in asked]  # the years before only check a change
    rows = prefer_doc_type(found, q, known)
    rows, unheld = only_scope(rows, q, known, lambda r: str(r.doc))
    if unheld:
        return Result([], cube["sparql"], unheld, cube["cube_query"])
    codes = {str(r.c): code_of(str(r.c)) for r in pool} | {top: code_of(top) for top in tops}
    codes = {k: "" if codeless.parse(k) else v for k, v in codes.items()}  # a line printed without a code
    stated = [r for r in rows if str(r.column) in NARRATIVE_COLUMNS]  # what the text says beside the tables
    rows = [r for r in rows if str(r.column) not in NARRATIVE_COLUMNS]
    answers, notes = [], []
    groups = _group(rows)
    by_doc_top = _group(pool) if q.change else {}  # last year's rows of a code, without rescanning the pool
    # last year's documents, or the earlier year's the question names (2025年…比2024年增加了多少)
    named = min(asked) if q.change and len(asked) == 2 else None
    previous = changes.previous_documents(known, {doc for doc, _ in groups}, named) if q.change else {}
    for (doc, top), group in sorted(groups.items(), key=lambda kv: (doc_order(known, kv[0][0]), kv[0][1])):
        picked = _pick(group, q.text, codes)
        value = round(sum(r.value for r in picked), AMOUNT_PLACES)
        r = picked[0]
        info = known.documents.get(doc)
        name = tops[top].label
        if sum(1 for d, _ in groups if d == doc) > 1 and codes.get(top):  # 行政运行 under both 20103 and 20131
            name = f"{name}（{codes[top]}）"
        dept = orgs.get(str(r.dept)) or (info.department if info else "")
        label = f"{dept}{r.year}年{name}" + (f"（{info.scope_label}）" if info and info.scope_label else "")
        # a 比上年 the text states is of the year before, so never the change on a year further back (2025年…比2023年)
        stated_ok = named is None or named == int(r.year) - 1
        change = changes.stated_item_change(stated, doc, top, value, q) if q.change and stated_ok else None
        if change and q.change_rate:  # 下降了百分之几: the change over last year's figure, said to be computed
            answers.append(changes.item_rate(known, q, f"{label}{change[1]}", change, value, str(r.i)))
            continue
        if change:
            answers.append(answer_row(f"{label}{change[1]}", change[0], UNIT_WAN, "change", str(r.i), change[2],
                                      source_of(known, change[3].doc, change[3].table, change[3].line)))
        # a change stated (or none) checked against last year's document's figure of the same code and column;
        # one worked out from last year's figure the text gives is not, so not recomputed
        checks = q.change and (not change or str(change[3].column) == CHANGE_COLUMN)
        again = changes.item_change(known, doc, previous.get(doc), picked, by_doc_top,
                                    lambda g: _pick(g, q.text, codes)) if checks else None
        if again:
            found_rows, note = changes.judge(known, q, answers.pop() if change else None, again, label)
            answers += found_rows
            notes += [note] if note else []
        if change or again:
            continue
        if q.change:  # its own change unstated: what the text states of the lines under it, as theirs
            under = _stated_below(known, q, stated, doc, top, dept) if stated_ok else []
            answers += under
            # no change of it or under it: its amount said, never answered as the change asked — but the earlier of
            # two years named (2025年…比2024年) is the figure the change is worked out from, shown beside it
            if under:
                notes.append(f"文件没有写明{tops[top].label}比上年的增减；列出的是文件写明的其下各行的增减，"
                             f"不是{tops[top].label}本身的")
            elif int(r.year) != named:
                than = f"比{named}年" if named else "比上年"
                notes.append(f"没有找到{label}{than}的增减（文件没有写明，也没有那一年同一行的数字可减）；"
                             f"它{r.year}年的金额是{plain(value)}万元（{source_of(known, r.doc, r.table, r.line)}），不是增减")
                continue
        column = f"{r.column}：" if r.column else ""
        used = "、".join(sorted({codes.get(str(x.c), "") for x in picked} - {""}))
        answers.append(answer_row(label, value, UNIT_WAN, "line_item", str(r.i), f"{used} {tops[top].label} {column}{plain(value)} 万元".strip(),
                                  source_of(known, r.doc, r.table, r.line)))
    message = "；".join(notes) + "。" if notes else None if answers else NO_LINE
    answers.sort(key=lambda a: a["type"] != "change")  # the change asked first, then the figures it is of
    return Result(answers, cube["sparql"], message, cube["cube_query"])


def _stated_below(known: Knowledge, q: Question, stated: list, doc: str, top: str, dept: str) -> list[dict]:
    """The changes on last year the text of `doc` states of the lines under the item `top` (its sub-codes, or
    the lines printed under a line without a code), each labelled as the line it is of, with its source."""
    out = []
    for r in sorted((r for r in stated if str(r.doc) == doc and str(r.top) == top and str(r.c) != top
                     and str(r.column) == CHANGE_COLUMN), key=lambda r: int(r.line) if r.line is not None else 0):
        row = codeless.parse(str(r.c))
        entry = known.lexicon.by_uri.get(str(r.c))
        name = row[2] if row else f"{entry.label if entry else ''}（{code_of(str(r.c))}）"
        where = f"（{row[1]}下）" if row and row[1] else ""
        value = as_asked(q, r.value)
        out.append(answer_row(f"{dept}{r.year}年{name}{where}比上年{changes.change_word(r.value)}", value, UNIT_WAN,
                              "change", str(r.i), f"文件写明的是{name}的增减", source_of(known, r.doc, r.table, r.line)))
    return out


def code_of(iri: str) -> str:
    """The classification code of a code's IRI (…/code/functional/2010301 → 2010301)."""
    return iri.rsplit("/", 1)[-1]


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
    # a column named, perhaps without its 数 (年初预算是多少: a final account's 年初预算数 column, its plan)
    named = [r for r in group if r.column and (str(r.column) in question or str(r.column).removesuffix("数") in question)]
    ranked = [r for r in group if column_rank(r.column and str(r.column)) is not None]
    preferred = named or ranked or group
    best = min(ranked, key=lambda r: column_rank(str(r.column)), default=None)
    if best is not None and not named:  # the total column's rows only
        preferred = [r for r in preferred if str(r.column) == str(best.column)]
    shortest = min(len(codes.get(str(r.c), "")) for r in preferred)
    by_code = {}
    # a code printed twice in one table (the department's rows, then a unit's breakdown): the first printed
    for r in sorted(preferred, key=lambda r: int(r.line) if r.line is not None else 10**9):
        if len(codes.get(str(r.c), "")) == shortest:
            by_code.setdefault(str(r.c), r)
    return list(by_code.values())
