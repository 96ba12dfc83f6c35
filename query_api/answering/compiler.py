"""The compiler: the slots of an amount question → ONE cube query (query_api.cube) → answer rows.

`compile_question(q, known)` turns any combination of the slots understanding filled — measure (and a
share's denominator), organisations, years, phase, scope, operation, top-k, threshold, direction — into
a `Compiled` cube query: the cuts are what the slots name, the drilldown what the operation needs to
tell the figures apart (department, year, fact; and document, table, line, so that every figure keeps
its source). No query is written per combination: the operation only chooses how the cells are read.

    compare    two organisations, or two years of one: 谁的…更大 / 比2021年多了多少
    share      a figure over another of the same document: 项目支出占支出总额的比例
    rank       departments ordered by one figure of one year: 2026年哪个部门的…最多
    condition  departments whose figure meets a test: 哪些部门的…比上年减少了 / 是0 / 超过…的一半
    plan_vs_actual  a final account's figure against the budget: 实际花的比预算少了多少
    sum        the figures of a set of programs added up: 智慧城市相关的项目一共安排了多少 (read by `plan`)

Like with like: each department or side reads one figure — of the phase asked (else its documents'
own), of the scope asked, else the 汇总 figure where it publishes one, else its 本级 figure; a ranking
is of one year (the latest unless asked). Every answer states year, phase and scope, and the reply
carries the cube query and its SPARQL. Differences are signed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from graph_store.base import Store
from ingest.record import FACT_KEYS, FACT_UNITS, UNIT_TOTAL_KEYS, UNIT_WAN
from query_api.answering import codeless, item_share, thresholds
from query_api.answering.cell_readers import (
    READERS,
    VS_PLAN,
    every_fund_part_of_one_fund,
    fact_keys,
    item_figures,
)
from query_api.answering.printed import STATED_SHARE
from query_api.answering.rows import Result, org_labels
from query_api.cube import CubeQuery, Cut, run
from query_api.lexicon import ORG_KINDS
from query_api.slots import GENERAL_MEASURES

if TYPE_CHECKING:
    from query_api.ask import Knowledge
    from query_api.nlu import Question

CHANGE_OF = {"revenue_total": "revenue_change", "expenditure_total": "expenditure_change",
             "three_public": "three_public_change", "administrative_operating_cost": "administrative_operating_cost_change",
             "general_budget_revenue": "general_budget_revenue_change"}
# measures that are not summary figures of a document (rates, scores, counts, carry-overs)
NOT_SUMMARY = {"execution_rate", "performance_score", "vehicles", "large_equipment", "carryover_begin", "carryover_end"}
SOURCE_DIMS = ["document", "table", "line"]  # each cell one printed figure, with where it was printed


@dataclass
class Compiled:
    """A question's cube query and what its cells are read for."""

    operation: str  # compare | share | rank | condition | sum
    query: CubeQuery
    # the fact keys cut on (share: the part's, then the whole's; item_in_item: the part line's codes)
    keys: list[str] = field(default_factory=list)
    sides: list[tuple[str, str, int | None]] = field(default_factory=list)  # compare: (dimension, value, year)
    years: list[int] = field(default_factory=list)
    keep: Callable[[float], bool] | None = None  # condition: the test a department's figure must pass
    latest: bool = True  # no year asked: the latest year only (like with like)
    part: CubeQuery | None = None  # share of a classified item: the item's own cells, read beside the whole's
    part_label: str | None = None  # the item's name
    whole_label: str | None = None  # a share of one line in another: the whole line's name


_keys = fact_keys


def _cube(cuts: list[Cut], drilldowns: list[str], sourced: bool = True) -> CubeQuery:
    return CubeQuery(cuts, drilldowns + (SOURCE_DIMS if sourced else []), limit=1000, order=[("value", "desc")])


def _year_cut(years: list) -> list[Cut]:
    return [Cut("year", "|".join(sorted({str(y) for y in years if y})))] if any(years) else []


def compile_question(q: Question, known: Knowledge) -> Compiled | None:
    """The cube query of an amount question about summary figures, or None when its operation is not one
    the cube answers (a lookup of one department's figures is read with its text by `figures`)."""
    labels = org_labels(q, known)
    years = list(dict.fromkeys(q.years or ([q.year] if q.year else [])))
    if q.share and q.share[:2] == ("item", "item") and len(labels) == 1:  # 行政运行占气象事务的比例: two rows of a table
        if (found := item_share.sides(q)) is None:
            return None
        part, whole = found  # the part's codes are the keys its rows are told apart by
        return Compiled("item_in_item", _item_rows(part + whole, q, years, known, ("code",)),
                        sorted({item_share.code_of(e.uri) for e in part}), years=years[:1],
                        part_label=part[0].label, whole_label=whole[0].label)
    if q.share and q.share[0] == "item" and len(labels) == 1 and (_coded_items(q) or _one_row(q) or q.entries("program")):
        return _compile_item_share(q, years, known)  # 一般公共服务支出 / a program's budget 占项目支出的比例
    if q.operation == "plan_vs_actual" and len(labels) == 1 and _coded_items(q) \
            and (not q.measure or q.measure in GENERAL_MEASURES or q.measure == "execution_rate"):
        return _compile_item_plan(q, years, known)  # 行政运行的决算数比年初预算少了多少: one classified line
    if q.operation == "compare" and len(labels) >= 2 and not q.measure and not q.entries("item", "program"):
        q.measure = "revenue_total"  # 甲局跟乙局比差多少: their whole budgets, as a ranking by no figure named
    if not q.measure or q.measure in NOT_SUMMARY and not (q.which_departments and thresholds.said(q, _keys(q.measure))):
        return None  # (a count held is no summary figure, but departments are tested by it: 哪些单位车辆超过5辆)
    if q.entries("item") and q.measure in GENERAL_MEASURES and len(labels) == 1:
        return None  # 一般公共服务支出比2024年增加了多少: the line's own figures (figures.items), not the department's 支出
    op, measure = q.operation, q.measure
    own = _keys(measure)  # the measure's fact keys
    if op == "compare" and len(labels) == 1 and len(q.measures) >= 2 and len(years) <= 1:
        # two figures of one department: 基本支出比项目支出少多少
        sides = [("fact", m, None) for m in q.measures[:2]]
        cuts = [Cut("fact", "|".join(k for m in q.measures[:2] for k in _keys(m))), Cut("department", labels[0])]
        keys = [k for m in q.measures[:2] for k in _keys(m)]
        # (in their own unit: 实有人员比核定编制少几个人 compares counts of 人; `_compare` refuses two units)
        return Compiled(op, _cube(cuts + _year_cut(years), ["department", "year", "fact", "measure_unit"]), keys, sides)
    if op == "compare" and len(labels) >= 2:  # 甲局2024年的…和乙局2023年比: each side its own year
        paired = years[:2] if len(years) == 2 else [years[0]] * 2 if years else [None, None]
        sides = [("department", label, year) for label, year in zip(labels[:2], paired, strict=True)]
        cuts = [Cut("fact", "|".join(own)), Cut("department", "|".join(labels[:2]))]
        cuts += _year_cut(paired) if all(paired) else []
        return Compiled(op, _cube(cuts, ["department", "year", "fact"]), own, sides)
    if op == "compare" and len(labels) == 1 and len(years) >= 2:  # one department, two years
        sides = [("year", str(y), None) for y in years[:2]]
        # two years in a row: the later document's stated change on last year too, for when the earlier
        # year's document is not in the store (2026年…比2025年增加了多少, only the 2026 budget held)
        change = [CHANGE_OF.get(measure, f"{measure}_change")] if abs(years[0] - years[1]) == 1 else []
        change = [key for key in change if key in FACT_KEYS]
        cuts = [Cut("fact", "|".join(own + change)), Cut("year", "|".join(str(y) for y in years[:2])),
                Cut("department", labels[0])]
        return Compiled(op, _cube(cuts, ["department", "year", "fact"]), own, sides)
    departments = [label for label in labels if label in known.departments]
    if op == "plan_vs_actual" and measure == "execution_rate":  # 完成预算的百分之几: the rate as stated (plan.py)
        return None
    if op == "plan_vs_actual" and len(departments) == 1:  # 实际花的比预算少了多少: a final account against its budget
        keys = own + [k for k in (f"{measure}_budget", f"{measure}_{VS_PLAN}") if k in FACT_KEYS and k not in own]
        cuts = [Cut("fact", "|".join(keys)), Cut("department", departments[0])] + _year_cut(years[:1])
        return Compiled(op, _cube(cuts, ["department", "year", "fact"]), keys, years=years[:1])
    if op == "trend" and len(departments) == 1:  # 某局历年的收入: each year's figure, side by side
        cuts = [Cut("fact", "|".join(own)), Cut("department", departments[0])] + _year_cut(years)
        return Compiled(op, _cube(cuts, ["department", "year", "fact"]), own, years=years)
    if q.share and len(labels) == 1 and not q.which_departments:  # 某局项目支出占支出总额的比例
        return _compile_share(q, years, labels[0])
    if q.share and not labels and q.order:  # 项目支出占支出总额的比例最高的部门: every department's share
        return _compile_share(q, years, None)
    if not q.which_departments or labels and not q.ranked:  # 海州市哪个部门…最多: the departments of the place named
        return None
    if q.share and q.share[2]:  # 哪些部门的项目支出超过支出总额的一半
        return _compile_share(q, years, None)
    if op == "condition" and q.change_sign and q.change:  # 哪些部门的…比上年减少了
        key = CHANGE_OF.get(measure)
        if key is None:
            return None
        sign = q.change_sign
        return Compiled("condition", _by_department([key], years[:1], []), [key], years=years[:1],
                        keep=lambda v: v < 0 if sign < 0 else v > 0)
    if op == "condition" and q.zero:  # 哪些单位的机关运行经费是0: of any year
        return Compiled("condition", _by_department(own, years[:1], departments), own,
                        years=years[:1], keep=lambda v: v == 0, latest=False)
    if op == "condition" and thresholds.said(q, own):  # 哪些单位…设备超过20台: each department's own figure tested
        counted = any(FACT_UNITS.get(key, UNIT_WAN) != UNIT_WAN for key in own)
        query = _by_department(own, years[:1], departments, counted)
        query.drilldowns.append("fact")  # a final account's actual told from the plan it prints beside it
        return Compiled("threshold", query, own, years=years[:1], keep=thresholds.keep(q), latest=False)
    if op == "rank":
        return compile_rank(q, known)
    if op == "average":  # 各部门…平均: the mean of one figure per department, of one year and phase
        return Compiled(op, _by_department(own, years[:1], departments), own, years=years[:1])
    return None


def _compile_share(q: Question, years: list[int], department: str | None) -> Compiled:
    keys = _keys(q.share[0])[:1] + _keys(q.share[1])[:1]
    # a whole that is one fund's sub-total (财政拨款支出): the spending total too, to tell whether a part read
    # over every fund (项目支出 of the 支出总表) is also a part of it (only when the two totals are one)
    checks = ["expenditure_total"] if every_fund_part_of_one_fund(*keys) else []
    cuts = [Cut("fact", "|".join(keys + checks + [STATED_SHARE]))] + _year_cut(years[:1])
    cuts += [Cut("department", department)] if department else []
    # (each figure with the sentence it was read from, a table's and the text's twins apart: a share printed
    # beside the part in the text is answered as printed)
    # beside the shares printed (in %: the cube reads other units than 万元 only when drilled down by unit)
    return Compiled("share", _cube(cuts, ["department", "year", "fact", "text", "observation", "measure_unit"]), keys,
                    years=years[:1])


def _compile_item_share(q: Question, years: list[int], known: Knowledge) -> Compiled:
    """A classified item (its codes' rows, each table and column apart) or a program (its amounts) and the
    whole it is a share of, of the department named: two cube queries of one compiled question, read per
    document."""
    whole = _keys(q.share[1])[:1]
    where = _department_year(q, years, known)
    if items := _coded_items(q):
        part = _item_rows(items, q, years, known)
    elif (row := _one_row(q)) is not None:
        # a line printed without a code (杭州's 气象事务): its rows by name, parent and department
        [(_, cuts)] = codeless.cuts({row.uri: codeless.parse(row.uri)})
        cuts = [*cuts, *_year_cut(years[:1])]
        part, items = CubeQuery(cuts, ["department", "year", "document", "table", "column", "line"], limit=1000), [row]
    else:  # a program: its budget (or executed) amount, read per document as an item's row is
        items = q.entries("program")
        cut = [Cut("program", "|".join(dict.fromkeys(e.uri for e in items))), Cut("column", "预算数|执行数")]
        part = CubeQuery([*cut, *where], ["department", "year", "document", "table", "column", "line"], limit=1000)
    # (the shares the text prints beside amounts too, each with its clause: one printed for the part is answered)
    return Compiled("share", _cube([Cut("fact", "|".join([*whole, STATED_SHARE])), *where],
                                   ["department", "year", "fact", "text", "measure_unit"]),
                    ["item", *whole], years=years[:1], part=part, part_label=items[0].label)


def _compile_item_plan(q: Question, years: list[int], known: Knowledge) -> Compiled:
    """A classified line's final account against its plan: the line's rows of the department's documents of
    the year (every table and column), read as the plan column a final account prints beside its actual,
    else the line of that year's budget."""
    items = _coded_items(q)
    return Compiled("plan_vs_actual", _item_rows(items, q, years, known), ["item"], years=years[:1],
                    part_label=items[0].label)


def _item_rows(items: list, q: Question, years: list[int], known: Knowledge, more: tuple[str, ...] = ()) -> CubeQuery:
    """The rows of the classified items `items` (their codes), of the department named, of the first year;
    drilled down by `more` too."""
    codes = sorted({item_share.code_of(e.uri) for e in items})
    cuts = [Cut("code", "|".join(codes)), *_department_year(q, years, known)]
    return CubeQuery(cuts, ["department", "year", "document", "table", "column", "line", *more], limit=1000)


def _coded_items(q: Question) -> list:
    """The items named that are classification codes (item_share.coded)."""
    return item_share.coded(q.entries("item"))


def _one_row(q: Question):
    """The one line printed without a code the question names, else None: a name printed under several lines
    (行政运行 of each 类) is no one line. Asked only when no coded item is named."""
    rows = [e for e in q.entries("item") if codeless.parse(e.uri) is not None]
    return rows[0] if len(rows) == 1 else None


def _department_year(q: Question, years: list[int], known: Knowledge) -> list[Cut]:
    """The department named (by IRI where the store holds its documents, else its label) and the first year."""
    department = [e.uri for e in q.entries(*ORG_KINDS) if e.label in known.departments]
    return [Cut("department", "|".join(department or org_labels(q, known)[:1]))] + _year_cut(years[:1])


def compile_unit_total(q: Question, known: Knowledge) -> Compiled:
    """A budget unit's own total as its department's documents print it (a 收入总表's row per unit: the
    `unit_total` facts; its 基本支出 or 项目支出 printed unit by unit, of those measures), of the units named, of
    the years asked."""
    key = UNIT_TOTAL_KEYS.get(q.measure or "", UNIT_TOTAL_KEYS["revenue_total"])[0]
    units = [e.uri for e in q.entries("subordinate_unit", "internal_unit", "department")]
    cuts = [Cut("fact", key), Cut("unit", "|".join(units))] + _year_cut(q.years or [q.year])
    return Compiled("unit_total", _cube(cuts, ["unit", "department", "year"]), [key], years=q.years[:1])


def compile_rank(q: Question, known: Knowledge) -> Compiled:
    """Departments ordered by one figure (default 收入总额) of one year: those of the departments named
    (a place's) or all."""
    q.measure = q.measure or "revenue_total"  # a ranking of departments by no figure named: by their income
    named = set(org_labels(q, known)) & known.departments
    years = (q.years or ([q.year] if q.year else []))[:1]
    keys = _keys(q.measure or "revenue_total")
    counted = any(FACT_UNITS.get(key, UNIT_WAN) != UNIT_WAN for key in keys)  # 哪个单位的公务车最多: 辆, no amount
    return Compiled("rank", _by_department(keys, years, sorted(named), counted), keys, years=years)


def _by_department(keys: list[str], years: list[int], departments: list[str], counted: bool = False) -> CubeQuery:
    """Each department's figures `keys`; `counted`: figures in a unit of their own (辆, 个), read with it (the cube
    reads amounts in 万元 only unless asked for the unit)."""
    cuts = [Cut("fact", "|".join(keys))] + _year_cut(years)
    cuts += [Cut("department", "|".join(departments))] if departments else []
    return _cube(cuts, ["department", "year"] + (["measure_unit"] if counted else []))


def compile_programs(q: Question, known: Knowledge) -> Compiled:
    """Programs by their budget (预算数; with what final accounts say was executed, 执行数, for the text):
    of the organisations named (a department's documents, or a unit's spending), of the years asked,
    over a threshold where one is asked; ranked, listed, counted, added up or averaged by the reader."""
    labels = org_labels(q, known)
    held = known.departments
    # departments by IRI: the cube then starts from their observations (by label it reads every program's)
    departments = list(dict.fromkeys(e.uri for e in q.entries(*ORG_KINDS) if e.label in held))
    cuts = [Cut("column", "预算数|执行数")] + _year_cut(q.years or [q.year])
    if departments:
        cuts.append(Cut("department", "|".join(departments)))
    elif labels:  # units by IRI: a label test runs for every program's figure (seconds on Virtuoso)
        units = list(dict.fromkeys(e.uri for e in q.entries(*ORG_KINDS)))
        cuts.append(Cut("unit", "|".join(units)))
        # and their programs by IRI, read first: a unit is known only after the OPTIONALs that find it, so its
        # cut alone read every program figure of the store (10 s at 1,000 documents); the unit cut still decides
        owned = [e.uri for e in known.lexicon.of_kind("program", parents=units)]
        if owned:
            cuts.append(Cut("program", "|".join(dict.fromkeys(owned))))
    if q.within is not None:  # the programs a condition chose (answering.funding): a cut of their own, by IRI
        cuts.append(Cut("program", "|".join(q.within)))
    if q.comparator == "between" and q.number_high is not None:  # whatever is done with them (listed, counted …)
        cuts += [Cut("value", f">={q.number}"), Cut("value", f"<={q.number_high}")]
    elif q.comparator and q.number is not None:
        cuts.append(Cut("value", f"{q.comparator}{q.number}"))
    return Compiled(q.operation, _cube(cuts, ["program", "year", "unit", "column"]))


def compile_program_sum(q: Question, programs: list[str]) -> Compiled:
    """The budget (or executed) amounts of a set of programs added up, per year, phase and scope."""
    cuts = [Cut("program", "|".join(programs)), Cut("column", "预算数|执行数")]
    return Compiled("sum", _cube(cuts, ["year"], sourced=False))


def answer(store: Store, known: Knowledge, q: Question) -> Result | None:
    """The answer to an amount question the cube answers (see the module docstring), else None."""
    parts = [m for m in q.measures if q.share and m != q.share[1]]
    if q.operation == "share" and len(parts) >= 2 and q.share[0] in parts:  # 人员经费和公用经费各占基本支出的多少
        shares = [answer(store, known, dataclasses.replace(q, share=(m, *q.share[1:]), measure=m, measures=[m, q.share[1]]))
                  for m in parts]
        if all(r is not None and r.answers for r in shares):
            return Result([a for r in shares for a in r.answers], "\n\n".join(r.sparql or "" for r in shares),
                          "；".join((r.message or "").rstrip("。") for r in shares) + "。", shares[0].cube_query)
    compiled = compile_question(q, known)
    return None if compiled is None else execute(store, known, q, compiled)


def execute(store: Store, known: Knowledge, q: Question, compiled: Compiled) -> Result:
    reply = run(store, compiled.query, timeout=10)
    found = reply["cells"]
    if compiled.part is not None:  # a classified item's figure per document beside the whole's
        part = run(store, compiled.part, timeout=10)
        found = found + item_figures(part["cells"], q.share[1])
        reply = {**reply, "sparql": part["sparql"] + "\n\n" + reply["sparql"],
                 "cube_query": {**reply["cube_query"], "part": part["cube_query"]}}
    return {**READERS, "threshold": thresholds.read}[compiled.operation](known, q, compiled, found, reply)


def cells(store: Store, compiled: Compiled) -> dict:
    """The cube's reply to a compiled query: its cells, the cube query and the SPARQL."""
    return run(store, compiled.query, timeout=10)
