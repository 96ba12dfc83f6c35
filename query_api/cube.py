"""The cube: every 万元 amount of the graph as one observation with the same dimensions, and a cube
query (cut, drilldown, aggregate, order, limit, compare) compiled to ONE SPARQL query.

    CubeQuery(cuts=[Cut("department", "某局"), Cut("year", "2025")], drilldowns=["code.class"],
              aggregate="sum", order=[("value", "desc")], limit=100)
    run(store, query) → {"cells": [...], "total_cell_count": n, "sparql": "...", ...}

Dimensions (the names of the /api/aggregate contract, docs/api.md):

    department  gk:organization          unit      the figure's own spending unit (a unit_total fact), a
                                                   program's spending unit, else the department
    document    prov:wasDerivedFrom      year      gk:fiscalYear        phase / scope   gk:phase / gk:scope
    table       gk:sourceTable           column    gk:column            program   gk:program
    line        gk:sourceLine (with document and table: each figure with its source)
    fact        gk:factKey               scheme    functional | economic (of gk:classification)
    code        a code prefix (201 = that 类 and all below) or a code's IRI (that code and those under it);
                drill down by code (a row's own), code.class / .section / .item
    observation each figure its own cell  text      gk:text, the sentence a fact was read from
    measure_unit gk:unit (万元 unless cut or drilled down on: the cube is of amounts)

Why the query has the shape it has:
- The query runs over the union of the graphs: an observation is stated in its own document's graph
  only, and what it points at that documents share (a department's label, a code's notation and
  broader code, a program's spending unit) once, in the reference graph (ontology.ledger), so no
  pattern matches twice and no sum is counted twice. A subtotal row is looked for in the observation's
  own data set (`qb:dataSet`): the same document.
- A cell never mixes budget and final-account figures, or 汇总 and 本级: phase and scope are always
  grouped on (and given in every cell), whatever the drilldowns.
- Tables print subtotal rows for 类 and 款 as well as the 项 rows: a classified row counts only when
  no broader code at the level asked (the finest code drilldown or cut) has a row in the same table
  and column. A 类 drilldown takes the printed 类 row where there is one (never rounding it away by
  adding its 项 rows) and sums the rows below only where the table prints no 类 row.
- A cell that adds figures of several tables or columns (the same row printed in two tables) says
  so: `tables` and `columns` count them, and `warning` is set. Cut on table/column to avoid it.
- Labels are read after the aggregation (SAMPLE per IRI), so they can never multiply a sum.
"""

from __future__ import annotations

import itertools
import re

from graph_store.base import JOINS_AS_WRITTEN
from query_api import cube_kinds
from query_api.cube_cells import read_cell, to_csv  # noqa: F401  (to_csv: re-exported, as the model)
from query_api.cube_query import (  # noqa: F401  (the model, re-exported: callers import it from here)
    _COMPARATORS,
    _ECONOMIC,
    _FUNCTIONAL,
    AGGREGATES,
    CODE_LEVELS,
    CUT_DIMS,
    DRILLDOWNS,
    LITERAL_DIMS,
    MAX_LIMIT,
    PHASE_IRIS,
    PHASE_NAMES,
    RESOURCE_DIMS,
    SCOPE_IRIS,
    SCOPE_NAMES,
    UNIT_WAN,
    Compare,
    CubeError,
    CubeQuery,
    Cut,
    parse_params,
)
from query_api.queries import PREFIXES

TOP = "-"  # the row_parent cut of a line printed without a code with nothing above it


def var(dim: str) -> str:
    """The SPARQL variable of a dimension (code.class → ?code_class)."""
    return "?" + dim.replace(".", "_")


def literal(text: str) -> str:
    """A SPARQL string literal (escaped)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "") + '"'


def _is_iri(value: str) -> bool:
    return value.startswith(("http://", "https://", "urn:"))


def _iri(value: str) -> str:
    if re.search(r'[\s<>"{}|\\^`]', value):
        raise CubeError(f"不是合法的 IRI (not a valid IRI): {value}")
    return f"<{value}>"


def _label_filter(v: str, value: str) -> str:
    """`v` has this label or short name, in any graph (FILTER EXISTS: never multiplies the rows)."""
    return (f"FILTER EXISTS {{ {v} rdfs:label|skos:altLabel ?lab_{v[1:]} "
            f"FILTER(STR(?lab_{v[1:]}) = {literal(value)}) }}")


def _one_of(v: str, values: list[str], render) -> str:
    # written as = … || = …: Virtuoso 7 answered STR(?x) IN ("…", "…") with Chinese strings with no rows
    return "FILTER(" + " || ".join(f"{v} = {render(x)}" for x in values) + ")"


def _cut_filter(cut: Cut) -> str:
    """The SPARQL filter of one cut (values joined by | are alternatives)."""
    dim, values = cut.dim, [x.strip() for x in cut.value.split("|") if x.strip()]
    if dim not in CUT_DIMS:
        raise CubeError(f"未知的维度 (unknown dimension) {dim!r}; 可用 (known): {', '.join(CUT_DIMS)}")
    if not values:
        raise CubeError(f"维度 {dim} 缺少取值 (cut {dim} has no value)")
    v = var(dim)
    if dim == "value":
        parts = []
        for x in values:
            m = _COMPARATORS.match(x.replace(" ", ""))
            if not m:
                raise CubeError(f"阈值应为 >100、<=5 这样的比较 (a threshold looks like >100): {x}")
            parts.append(f"?v {m.group(1) or '='} {m.group(2)}")
        return "FILTER(" + " || ".join(parts) + ")"
    if dim == "year":
        if not all(x.isdigit() for x in values):
            raise CubeError(f"年份应为整数 (a year is a number): {cut.value}")
        return _one_of(v, values, str)
    if dim in ("phase", "scope"):
        names = PHASE_IRIS if dim == "phase" else SCOPE_IRIS
        unknown = [x for x in values if x not in names and not _is_iri(x)]
        if unknown:
            raise CubeError(f"{dim} 的取值应为 {' | '.join(names)} (unknown {dim}): {', '.join(unknown)}")
        return _one_of(v, values, lambda x: _iri(x) if _is_iri(x) else names[x])
    if dim == "fact_kind":  # a kind and those under it
        return _one_of(v, cube_kinds.cut_iris(values), _iri)
    if dim == "scheme":
        if any(x not in ("functional", "economic") for x in values):
            raise CubeError(f"scheme 的取值应为 functional | economic: {cut.value}")
        return _one_of(v, values, literal)
    if dim == "code":
        if not all(x.isdigit() or _is_code_iri(x) for x in values):
            raise CubeError(f"科目编码应为数字或科目的 IRI (a code is digits or a code's IRI): {cut.value}")
        # a code's IRI names its scheme too; the codes under it are those its IRI begins (…/functional/201 → 2010301)
        return "FILTER(" + " || ".join(f"STRSTARTS(STR(?c), {literal(x)})" if _is_code_iri(x) else
                                       f"STRSTARTS(?code, {literal(x)})" for x in values) + ")"
    if dim == "row":  # its label is "{name} {column}" (ingest/rdf.py), and it has no concept
        # its name and then exactly the column: Virtuoso 7 compared nothing equal to a CONCAT of Chinese strings
        return ("?obs rdfs:label ?row_l . OPTIONAL { ?obs gk:classification ?row_c } FILTER(!BOUND(?row_c)) FILTER("
                + " || ".join(f"(STRSTARTS(STR(?row_l), {literal(x + ' ')}) && "
                              f"STRLEN(STR(?row_l)) = STRLEN(STR(?column)) + {len(x) + 1})" for x in values) + ")")
    if dim == "row_parent":  # TOP: a line with nothing above it (a 类 printed by name)
        named = [x for x in values if x != TOP]
        if TOP in values:
            top = "FILTER NOT EXISTS { ?obs gk:parentName ?row_p0 }"
            return top if not named else ("OPTIONAL { ?obs gk:parentName ?row_p } FILTER(!BOUND(?row_p) || "
                                          + " || ".join(f"STR(?row_p) = {literal(x)}" for x in named) + ")")
        return "?obs gk:parentName ?row_p . " + _one_of("STR(?row_p)", values, literal)
    if dim in ("table", "column", "fact", "text", "measure_unit"):
        return _one_of(f"STR({v})", values, literal)
    # resources: by IRI, or by label / short name
    iris, labels = [x for x in values if _is_iri(x)], [x for x in values if not _is_iri(x)]
    if dim == "document":  # a document is also found by its file name
        tests = [f"{v} = {_iri(x)}" for x in iris] + [
            f"EXISTS {{ {v} rdfs:label|gk:fileName ?dn FILTER(STR(?dn) = {literal(x)}) }}" for x in labels]
        return "FILTER(" + " || ".join(tests) + ")"
    tests = [f"{v} = {_iri(x)}" for x in iris] + [
        f"EXISTS {{ {v} rdfs:label|skos:altLabel ?ln FILTER(STR(?ln) = {literal(x)}) }}" for x in labels]
    return "FILTER(" + " || ".join(tests) + ")"


# Cuts written first, as VALUES joined to their pattern, so the store starts from the few
# observations they select (a FILTER after the patterns made oxigraph read every observation: 0.4 s a
# ranking). Their values are ASCII (keys, years, our own terms): Virtuoso mishandled Chinese strings in
# IN (…) lists, not these.
_VALUES_DIMS = ("fact", "fact_kind", "year", "phase", "scope")


def _cut_terms(cut: Cut) -> list[str]:
    """The SPARQL terms of a cut on fact, year, phase or scope, or of resources by IRI (validated as the
    FILTER form is)."""
    if cut.dim in _IRI_TERMS and _by_iri(cut):
        return [_iri(x.strip()) for x in cut.value.split("|") if x.strip()]
    _cut_filter(cut)  # the same checks and errors
    values = [x.strip() for x in cut.value.split("|") if x.strip()]
    if cut.dim == "year":
        return values
    if cut.dim == "fact_kind":
        return [_iri(x) for x in cube_kinds.cut_iris(values)]
    if cut.dim in ("phase", "scope"):
        names = PHASE_IRIS if cut.dim == "phase" else SCOPE_IRIS
        return [_iri(x) if _is_iri(x) else names[x] for x in values]
    return [literal(x) for x in values]


def _selective(cuts: list[tuple[Cut, str]], subject: str = "?obs") -> list[str]:
    """Selective cuts (fact, year, phase, scope; a document, department or program by IRI), each with its
    variable, as the patterns a store reads first: the first cut and every later cut of one value in ONE
    VALUES block (a row per value of the first), then each cut's pattern in the order given; a later cut of
    several values a block of its own after them. Not a value written into the pattern: at 1,000 documents
    oxigraph then began from another pattern with a constant (a department's programs 0.44 s → 2.6 s, the
    units' totals of a year 0.04 → 1 s). Not a block per single value: Virtuoso, on a server holding millions
    of quads, planned a second single-value block badly (a department's spending of a year: 16 s, against
    0.3 s as one block). Not every cut's values combined: oxigraph read the department's observations once
    per row (its fact kinds: 0.27 → 1.9 s at 1,000 documents)."""
    if not cuts:
        return []
    terms = [_cut_terms(cut) for cut, _ in cuts]
    head, rest = [0], []
    for i, (_, name) in enumerate(cuts[1:], 1):
        one = len(terms[i]) == 1 and name not in {cuts[j][1] for j in head}
        (head if one else rest).append(i)
    names = " ".join(cuts[i][1] for i in head)
    table = " ".join(f"({' '.join(row)})" for row in itertools.product(*(terms[i] for i in head)))
    found = {**_TERM, **_IRI_TERMS}
    out = [f"VALUES ({names}) {{ {table} }}"]
    for i in head + rest:
        cut, name = cuts[i]
        if i in rest:
            out.append(f"VALUES {name} {{ {' '.join(terms[i])} }}")
        out.append(f"{subject} {found[cut.dim]} {name} .")
    return out


# The cuts a MINUS side repeats (see `_restrict`), in the order a store should read them: the few
# observations of a document or department first, the many of a year or phase last.
_RESTRICTED = ("document", "department", "fact", "fact_kind", "table", "column", "year", "phase", "scope")
_TERM = {"document": "prov:wasDerivedFrom", "department": "gk:organization", "fact": "gk:factKey", "fact_kind": "gk:factKind",
         "table": "gk:sourceTable", "column": "gk:column", "year": "gk:fiscalYear", "phase": "gk:phase",
         "scope": "gk:scope"}
# Resources cut on by IRI only: a VALUES block placed first, like the cuts of _VALUES_DIMS (a FILTER after
# the patterns made the store read every observation of every document before keeping one's).
_IRI_TERMS = {**{d: _TERM[d] for d in ("document", "department")}, "program": "gk:program"}
# Dimensions only line items or programs have: a query naming one holds no fact, so no fact twins to merge.
_NOT_FACTS = {"program", "code", "scheme", *CODE_LEVELS}
# Cut on after the OPTIONAL that binds them (every other cut is tested where the observations are found).
_LATE = {"unit", "table"}


def _is_code_iri(value: str) -> bool:
    return _is_iri(value) and (_FUNCTIONAL in value or _ECONOMIC in value) and value.rsplit("/", 1)[-1].isdigit()


def _code_iris(cut: Cut) -> list[str]:
    """The IRIs of a code cut given as codes' IRIs (all of them), else []."""
    values = [x.strip() for x in cut.value.split("|") if x.strip()]
    return values if cut.dim == "code" and values and all(_is_code_iri(x) for x in values) else []


def _code_pattern(iris: list[str]) -> str:
    """The observations of codes named by IRI and of every code under them (a code is at most two levels
    above a row: 类 → 款 → 项), found from the codes: a store reads their rows, not every classified row
    with a test of its notation (the items of a code asked of every department)."""
    # the codes written into each branch: Virtuoso 7 answered a UNION of branches holding VALUES with no rows
    branches = [f"{{ BIND({_iri(x)} AS ?c) }} UNION {{ ?c skos:broader {_iri(x)} }} UNION "
                f"{{ ?c skos:broader/skos:broader {_iri(x)} }}" for x in iris]
    return " UNION ".join(branches) + " ?obs gk:classification ?c ."


def _by_iri(cut: Cut) -> bool:
    values = [x.strip() for x in cut.value.split("|") if x.strip()]
    return cut.dim in _IRI_TERMS and bool(values) and all(_is_iri(x) for x in values)


def _restrict(cuts: list[Cut], suffix: str, subject: str = "?obs") -> str:
    """The cuts on the dimensions of _RESTRICTED written over a MINUS side's own variables (?year_m …):
    a MINUS side is evaluated on its own, over the whole store unless it repeats them."""
    selective, out = [], []
    for dim in _RESTRICTED:
        for cut in (c for c in cuts if c.dim == dim):
            name, pattern = f"?{dim}_{suffix}", f"{subject} {_TERM[dim]} ?{dim}_{suffix} ."
            if dim in _VALUES_DIMS or _by_iri(cut):
                selective.append((cut, name))
            else:
                out.append(pattern + " " + re.sub(re.escape(var(dim)) + r"\b", name, _cut_filter(cut)))
    return "".join(f"{x} " for x in [*_selective(selective, subject), *out])


def _patterns(dims: set[str], level: int | None, cuts: list[Cut]) -> tuple[list[str], list[str], list[str]]:
    """The patterns of the dimensions used: those every observation asked for has (a store reads them
    first, as written), the optional ones, and the exclusions (MINUS)."""
    unit = "?measure_unit" if "measure_unit" in dims else '"万元"'  # amounts, unless the unit is asked about
    required = [f"?obs a qb:Observation ; gk:value ?v ; gk:unit {unit} ; gk:phase ?phase ; gk:scope ?scope ; "
                "gk:column ?column ; gk:organization ?department ."]
    optional = ["OPTIONAL { ?obs gk:sourceTable ?table }"]  # a fact read from a sentence has no table
    excluded = []
    if "text" in dims:  # the sentence a fact was read from
        optional.append("OPTIONAL { ?obs gk:text ?text }")
    if not dims & _NOT_FACTS and "observation" not in dims:
        # a summary figure read twice from one document (its table and its text) is one figure (a unit_total
        # names its spending unit: two units' equal totals are two figures, never twins). A MINUS over the
        # facts of the cuts: as a FILTER NOT EXISTS per observation it took 1.2 s of a 40 ms ranking.
        excluded.append(f"MINUS {{ {_restrict(cuts, 't')}?obs gk:factKey ?fact_t ; qb:dataSet ?ds_t ; gk:value ?v_t . "
                        "?twin gk:factKey ?fact_t ; qb:dataSet ?ds_t ; gk:value ?v_t . FILTER(STR(?twin) < STR(?obs)) "
                        "FILTER NOT EXISTS { ?twin gk:spendingUnit ?twin_unit } }")
    if "fact" in dims:
        required.insert(0, "?obs gk:factKey ?fact .")
    if "fact_kind" in dims:
        required.insert(0, "?obs gk:factKind ?fact_kind .")
    if dims & {"document", "year"}:
        required.append("?obs prov:wasDerivedFrom ?document ; gk:fiscalYear ?year .")
    # a cut or drilldown on program or fact keeps those observations only: an unbound ?program would be
    # bound to any labelled resource by the label OPTIONAL after the aggregation
    if "program" in dims:
        required.insert(0, "?obs gk:program ?program .")
    if "unit" in dims:
        # the unit a figure is of: its own (a unit_total's row of a 收入总表), its program's, else the department
        optional.append("OPTIONAL { ?obs gk:spendingUnit ?own_unit }")
        optional.append("OPTIONAL { ?obs gk:program ?unit_program . ?unit_program gk:spendingUnit ?program_unit }")
        optional.append("BIND(COALESCE(?own_unit, ?program_unit, ?department) AS ?unit)")
    if "line" in dims:  # the source line: a drilldown by it gives each observation with its provenance
        optional.append("OPTIONAL { ?obs gk:sourceLine ?line }")
    coded = dims & ({"code", "scheme"} | set(CODE_LEVELS))
    if coded:
        required.append("?obs gk:classification ?c .")
        required.append(f"BIND(IF(CONTAINS(STR(?c), {literal(_FUNCTIONAL)}), \"functional\", \"economic\") AS ?scheme)")
        required.append(f"BIND(IF(?scheme = \"functional\", STRAFTER(STR(?c), {literal(_FUNCTIONAL)}), "
                        f"STRAFTER(STR(?c), {literal(_ECONOMIC)})) AS ?code)")
        for dim, width in CODE_LEVELS.items():
            if dim in dims:
                required.append(f"FILTER(STRLEN(?code) >= {width})")
                required.append(f"BIND(SUBSTR(?code, 1, {width}) AS {var(dim)})")
    if "observation" in dims:  # each figure its own cell: no twin to merge. Last: a BIND ends the patterns a
        # store joins as one (the patterns after it were read for every observation of the store: 0.6 s)
        required.append("BIND(?obs AS ?observation)")
    if level is not None and coded:
        # a row counts only when no row of a broader code (of at least `level` digits) is in the same table
        # and column: a printed 类 subtotal is taken as printed, never added to its own 款 and 项 rows.
        # MINUS over a self-contained pattern: Virtuoso ignored a FILTER NOT EXISTS naming ?code or ?table
        # (and oxigraph took 9 s over one naming only ?obs); it repeats the cuts (`_restrict`).
        # The rows printed (data set, table, column, code) are one subquery under the same cuts: joined from
        # each row's broader codes, `?other gk:classification ?above` read every document's rows of the code
        # (a department's 类 drilldown: 5 s on oxigraph, 12 s on Virtuoso; with the subquery 0.2–0.4 s).
        printed = ("{ SELECT DISTINCT ?ds_m ?table_m ?column_m ?above WHERE { " + _restrict(cuts, "m", "?other")
                   + "?other gk:classification ?above ; qb:dataSet ?ds_m ; gk:sourceTable ?table_m ; "
                   "gk:column ?column_m } }")
        excluded.append(f"MINUS {{ {_restrict(cuts, 'm')}?obs gk:classification ?c_m ; gk:sourceTable ?table_m ; "
                        "gk:column ?column_m ; qb:dataSet ?ds_m . ?c_m skos:broader|skos:broader/skos:broader ?above . "
                        f"?above skos:notation ?above_code . FILTER(STRLEN(?above_code) >= {level}) {printed} }}")
    return required, optional, excluded


def _level(query: CubeQuery) -> int:
    """The code level a cell is read at: the finest code drilldown or code cut (0: the topmost rows)."""
    widths = [CODE_LEVELS[d] for d in query.drilldowns if d in CODE_LEVELS]
    widths += [len(x.strip().rsplit("/", 1)[-1]) for c in query.cuts if c.dim == "code" for x in c.value.split("|")]
    return max(widths, default=0)


def _aggregate_expr(query: CubeQuery, value: str = "?v") -> str:
    fn = query.aggregate
    if fn not in AGGREGATES:
        raise CubeError(f"未知的聚合 (unknown aggregate) {fn!r}; 可用: {', '.join(AGGREGATES)}")
    return f"COUNT({value})" if fn == "count" else f"{fn.upper()}({value})"


def compile_query(query: CubeQuery) -> str:
    """The one SPARQL SELECT of a cube query (runs on oxigraph and Virtuoso alike).

    Its shape, from the inside out: the observations asked for, with the dimensions every one of them has
    (a subquery: the selective cuts first, as VALUES); then what only some have (OPTIONAL: table, line,
    unit) and the exclusions (MINUS); grouped; then the labels, one per cell. Virtuoso's planner, given
    the dataset as a list of graphs, started from the least selective pattern (a year's every
    observation: a ranking of 13 departments took 0.8 s, a department's programs 1.3 s); told to join in
    the order written (graph_store.base.JOINS_AS_WRITTEN), which is the order of selectivity here, it takes 20–90 ms."""
    for d in query.drilldowns:
        if d not in DRILLDOWNS:
            raise CubeError(f"未知的下钻维度 (unknown drilldown) {d!r}; 可用: {', '.join(DRILLDOWNS)}")
    if not 0 < query.limit <= MAX_LIMIT or query.offset < 0:
        raise CubeError(f"limit 应为 1–{MAX_LIMIT}，offset 不能为负 (limit 1-{MAX_LIMIT}, offset >= 0)")
    cmp = query.compare
    keys = list(dict.fromkeys(query.drilldowns))
    # a cell never mixes phases or scopes, or kinds of fact (a kind's cut holds those under it: 三公 and its parts)
    for implicit in ("phase", "scope", *(["fact_kind"] if any(c.dim == "fact_kind" for c in query.cuts) else [])):
        if implicit not in keys:
            keys.append(implicit)
    if cmp:
        keys = [k for k in keys if k not in cmp.dims()]
    dims = set(keys) | {c.dim for c in query.cuts} | (cmp.dims() if cmp else set())
    by_iri = [c for c in query.cuts if _by_iri(c)]
    # a document's or department's observations first, then a fact's, then a year's or phase's (a year
    # first read every observation of that year: a department's programs of 2023, 3.3 s at 1,000 documents)
    selective = by_iri + [c for dim in _VALUES_DIMS for c in query.cuts if c.dim == dim]
    # codes by IRI are read first only when no document or department is: from a department's observations a
    # test of the code's IRI is cheaper (Virtuoso, told to join as written, took 29 s over the codes' UNION)
    coded = [c for c in query.cuts if _code_iris(c)] if not by_iri else []
    first = [_code_pattern(_code_iris(c)) for c in coded] + _selective([(c, var(c.dim)) for c in selective])
    tests = [c for c in query.cuts if c.dim not in _VALUES_DIMS and c not in by_iri and c not in coded]
    required, optional, excluded = _patterns(dims, _level(query) if query.leaves_only else None, query.cuts)
    found = first + required + [_cut_filter(c) for c in tests if c.dim not in _LATE]
    where = (["{ SELECT * WHERE {\n      " + "\n      ".join(found) + "\n    } }"] + optional + excluded
             + [_cut_filter(c) for c in tests if c.dim in _LATE])
    group = " ".join(var(k) for k in keys)
    if cmp:
        # each side's tests as one boolean expression: the FILTER(…)s without their keyword, joined by &&
        a_expr, b_expr = (" && ".join(_cut_filter(c)[len("FILTER"):] for c in side) for side in (cmp.a, cmp.b))
        where.append(f"BIND(IF({a_expr}, ?v, 0) AS ?va) BIND(IF({b_expr}, ?v, 0) AS ?vb)")
        where.append(f"FILTER({a_expr} || {b_expr})")
        measures = (f"({_aggregate_expr(query, '?va')} AS ?value_a) ({_aggregate_expr(query, '?vb')} AS ?value_b) "
                    f"(COUNT(?obs) AS ?count) (SUM(IF({a_expr}, 1, 0)) AS ?count_a) (SUM(IF({b_expr}, 1, 0)) AS ?count_b)")
    else:
        measures = f"({_aggregate_expr(query)} AS ?value) (COUNT(?obs) AS ?count)"
    inner = (f"SELECT {group} {measures} (COUNT(DISTINCT ?table) AS ?tables) (COUNT(DISTINCT ?column) AS ?columns) "
             "WHERE {\n    " + "\n    ".join(where) + "\n  }" + (f" GROUP BY {group}" if group else ""))
    labelled = [k for k in keys if k in RESOURCE_DIMS or k in CODE_LEVELS]
    label_patterns = []
    for k in labelled:
        if k in CODE_LEVELS:
            label_patterns.append(_code_label(k))
        else:
            label_patterns.append(f"OPTIONAL {{ {var(k)} rdfs:label ?l_{k} }}")
    label_vars = " ".join(f"(SAMPLE(?l_{k[5:] if k in CODE_LEVELS else k}) AS {var(k)}_label)" for k in labelled)
    outs = "?value_a ?value_b ?count ?count_a ?count_b" if cmp else "?value ?count"
    extra = "(?value_b - ?value_a AS ?difference) " if cmp else ""
    order = _order(query, keys)
    # rdflib (the memory store) answers a grouped subquery that matched nothing with one row of unbound keys,
    # which the label OPTIONALs then joined to every label of the store (seconds, and cells of junk): the
    # empty groups are dropped inside a group of their own, before the labels
    return (JOINS_AS_WRITTEN + PREFIXES + "PREFIX qb: <http://purl.org/linked-data/cube#>\n"
            f"SELECT {group} {label_vars} {outs} {extra}?tables ?columns WHERE {{\n  {{ {{ {inner} }} FILTER(?count > 0) }}\n  "
            + "\n  ".join(label_patterns) + f"\n}} GROUP BY {group} {outs} ?tables ?columns"
            + (f" ORDER BY {order}" if order else "") + f" LIMIT {query.limit} OFFSET {query.offset}")


def _code_label(level: str) -> str:
    """The name of a code at `level`, one row per code, joined after the aggregation.

    A code may carry several labels (documents word it differently), and a plain OPTIONAL would meet each,
    and their product across 类/款/项 (when every document graph restated the codes, a 项 drilldown ran past
    30 s on 20 documents). Grouped per code first, each cell meets one row per level. A document that printed a
    code without its name got a label minted from the code ("功能分类科目 20103", ending in the code):
    the name another document printed is taken before it (MAX of the names; "" sorts below any name)."""
    v, code = f"?l_{level[5:]}", var(level)
    return (f"OPTIONAL {{ SELECT {code} (MAX(IF(STRENDS(STR(?ln), CONCAT(\" \", STR({code}))), \"\", STR(?ln))) "
            f"AS ?named_{level[5:]}) (MIN(STR(?ln)) AS ?any_{level[5:]}) WHERE {{ "
            f"?lc skos:notation {code} ; rdfs:label ?ln }} GROUP BY {code} }}\n  "
            f"BIND(IF(?named_{level[5:]} != \"\", ?named_{level[5:]}, ?any_{level[5:]}) AS {v})")


def _order(query: CubeQuery, keys: list[str]) -> str:
    out = []
    for key, direction in query.order or [("value", "desc")]:
        if direction not in ("asc", "desc"):
            raise CubeError(f"排序方向应为 asc 或 desc (order direction): {direction}")
        if key == "value" and query.compare:
            key = "difference"
        elif key not in keys and key not in ("value", "count", "difference"):
            raise CubeError(f"只能按下钻维度或 value 排序 (order by a drilldown or value): {key}")
        v = var(key)
        out.append(f"DESC({v})" if direction == "desc" else f"ASC({v})")
    # ties broken by the keys, so every store gives the same order; a key ordered on already is not named twice
    # (Virtuoso 7, given ORDER BY ASC(?document) … ?document, gave every row the first row's document)
    named = {key for key, _ in query.order}
    out += [var(k) for k in keys if k not in named]
    return " ".join(out)


def run(store, query: CubeQuery, timeout: float | None = None) -> dict:
    """The cells of a cube query with the query and its SPARQL (see the /api/aggregate contract)."""
    sparql = compile_query(query)
    rows = list(store.query(sparql, timeout=timeout))
    cells = [read_cell(row.asdict(), query) for row in rows]
    if query.aggregate == "sum" and not query.compare and cells and "fact_kind" in cells[0]:
        cube_kinds.check_parts(cells)  # each whole against its parts among the cells
    total = len(cells) + query.offset
    if len(cells) == query.limit:  # there may be more: count them (a second, cheap query)
        counted = compile_query(CubeQuery(query.cuts, query.drilldowns, query.aggregate, [], MAX_LIMIT, 0,
                                          query.compare, query.leaves_only))
        total = len(list(store.query(counted, timeout=timeout)))
    return {"cells": cells, "total_cell_count": total, "aggregate": query.aggregate, "unit": UNIT_WAN,
            "cube_query": query.to_json(), "sparql": sparql}
