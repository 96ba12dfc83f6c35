"""A small stand-in for the cube engine's /api/aggregate (issue 11), with the same request and reply
shape, so the page's charts switch to it by changing one URL (`AGGREGATE_URL` in static/entity.js).

It covers what the pages draw: cuts by department, document, year, phase, scope, table, column,
scheme, code prefix, fact and program; drilldowns by the same and by code.class / code.section /
code.item. Line items are summed over the rows that have no row under them in the same table and
column (tables print 类 and 款 subtotals beside their 项 rows; summing all would count them twice).
Sums are exact (Decimal) and a cell of one observation names it as `source`, for a link to its line.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from graph_store.base import Store
from query_api import queries
from query_api.ask import knowledge_for, store_state
from query_api.errors import ApiError

KINDS = {
    "line_item": """?o a {LineItem} ; {classification} ?c .""",
    "fact": """?o a {Fact} ; {key} ?fact ; {label} ?factLabel .""",
    "program": """?o a {ProgramObs} ; {program} ?program . ?program {label} ?programLabel .""",
}
# Codes, documents and departments are labelled in every document graph that uses them: joined here they
# would multiply the rows by the number of graphs, so their labels are looked up after the query.
_OBS = """
SELECT DISTINCT ?o ?v ?doc ?dept ?year ?phase ?scope ?table ?column ?c ?fact ?factLabel ?program ?programLabel ?unit
WHERE {{{{
  {filters}
  {kind}
  ?o {{value}} ?v ; {{from}} ?doc ; {{organization}} ?dept ; {{year}} ?year ; {{phase}} ?phase ; {{scope}} ?scope .
  OPTIONAL {{{{ ?o {{table}} ?table }}}} OPTIONAL {{{{ ?o {{column}} ?column }}}} OPTIONAL {{{{ ?o {{unit}} ?unit }}}}
}}}}"""
_CODES = "SELECT DISTINCT ?c ?scheme ?code ?label WHERE {{ ?c {notation} ?code ; skos:inScheme ?scheme ; {label} ?label }}"
SCHEMES = {"functional": "https://w3id.org/govkg/def#FunctionalClassification",
           "economic": "https://w3id.org/govkg/def#EconomicClassification"}
CODE_LEVELS = {"code.class": 3, "code.section": 5, "code.item": 7}
DIMS = ("department", "document", "year", "phase", "scope", "table", "column", "program", "fact", *CODE_LEVELS)
AGGREGATES = ("sum", "count", "avg", "min", "max")
# SPARQL filters for the cuts that narrow the query itself (the others are applied to the rows)
_SPARQL_CUTS = {"department": "?dept", "document": "?doc", "program": "?program"}


def parse_cuts(values: list[str]) -> dict[str, list[str]]:
    """`["year:2025", "fact:a|b", "phase:budget|year:2024"]` → {"year": ["2025", "2024"], "fact": ["a", "b"],
    "phase": ["budget"]}: a part without a dimension is another value of the one before it. The values of
    one dimension are alternatives (the cube of issue 11 reads `fact:a|b` the same way)."""
    cuts: dict[str, list[str]] = defaultdict(list)
    for value in values:
        dim = None
        for part in value.split("|"):
            name, sep, wanted = part.partition(":")
            if sep and name.strip() in DIMS + ("scheme", "code", "value"):
                dim, wanted = name.strip(), wanted
            elif dim is None:
                raise ApiError(400, "bad_parameter", f"cut 应写作 维度:值 (cut must be DIM:VALUE): {part!r}", parameter="cut")
            else:
                wanted = part
            if not wanted.strip():
                raise ApiError(400, "bad_parameter", f"cut 缺少取值 (cut has no value): {value!r}", parameter="cut")
            cuts[dim].append(wanted.strip())
    return dict(cuts)


def aggregate(store: Store, cuts: dict[str, list[str]], drilldowns: list[str], how: str = "sum",
              order: str | None = None, limit: int = 100, offset: int = 0) -> dict:
    """Cells of the observations selected by `cuts`, grouped by `drilldowns` (the /api/aggregate reply)."""
    for dim in list(cuts) + drilldowns:
        if dim not in DIMS + ("scheme", "code", "value"):
            raise ApiError(400, "bad_parameter", f"未知维度 (unknown dimension): {dim}", parameter=dim)
    if how not in AGGREGATES:
        raise ApiError(400, "bad_parameter", f"aggregate 应为 {'|'.join(AGGREGATES)}", parameter="aggregate")
    kind = "fact" if "fact" in cuts or "fact" in drilldowns else \
        "program" if "program" in cuts or "program" in drilldowns else "line_item"
    filters = []
    for dim, var in _SPARQL_CUTS.items():
        iris = [v for v in cuts.get(dim, []) if "://" in v]
        if iris:
            filters.append(f"VALUES {var} {{ {queries.iris(iris)} }}")
    if "fact" in cuts:
        filters.append("VALUES ?fact { " + " ".join(queries.literal(v) for v in cuts["fact"]) + " }")
    # the filters hold IRIs and strings, not template slots: their braces are escaped for the second format
    escaped = "\n  ".join(filters).replace("{", "{{").replace("}", "}}")
    text = queries.sparql(_OBS.format(kind=KINDS[kind], filters=escaped))
    codes = codes_of(store)
    known = knowledge_for(store)
    departments = {d.department_uri: d.department for d in known.documents.values()}
    rows = [_row(r, codes, known.documents, departments) for r in store.query(text, timeout=20)]
    rows = [r for r in rows if _kept(r, cuts)]
    if kind == "line_item":
        rows = _leaves(rows)
    elif kind == "fact":  # a summary figure printed twice by one document (its table and its text) is one figure
        rows = list({(r["document"], r["fact"], r["value"]): r for r in sorted(rows, key=lambda r: r["obs"])}.values())
    labels = {(scheme, code): label for scheme, code, label in codes.values()}
    cells = _cells(rows, drilldowns, how, labels)
    cells = _ordered(cells, order)
    return {"cells": cells[offset:offset + limit], "total_cell_count": len(cells), "aggregate": how,
            "unit": _unit(rows), "cube_query": {"cut": cuts, "drilldown": drilldowns, "aggregate": how,
                                                "order": order, "limit": limit, "offset": offset},
            "sparql": text}


def _row(r, codes: dict, documents: dict, departments: dict) -> dict:
    phase = queries.PHASES.get(str(r.phase), str(r.phase))
    scope = queries.SCOPES.get(str(r.scope), str(r.scope))
    scheme, code, _ = codes.get(str(r.c), (None, None, None)) if r.c is not None else (None, None, None)
    doc = documents.get(str(r.doc))
    return {"obs": str(r.o), "value": Decimal(str(r.v)), "document": str(r.doc), "document_label": doc.label if doc else None,
            "department": str(r.dept), "department_label": departments.get(str(r.dept)), "year": int(r.year),
            "phase": phase, "scope": scope, "table": _s(r.table), "column": _s(r.column), "code": code, "scheme": scheme,
            "fact": _s(r.fact), "fact_label": _s(r.factLabel), "program": _s(r.program),
            "program_label": _s(r.programLabel), "unit": _s(r.unit) or "万元"}


_CODE_CACHE: dict[tuple, dict] = {}


def codes_of(store: Store) -> dict[str, tuple[str, str, str]]:
    """Every classification code of the store: IRI → (scheme, notation, label), cached per store state."""
    key = store_state(store)
    if key not in _CODE_CACHE:
        found: dict[str, tuple[str, str, str]] = {}
        for r in store.query(queries.sparql(_CODES), timeout=20):
            scheme = next((k for k, v in SCHEMES.items() if v == str(r.scheme)), "")
            found.setdefault(str(r.c), (scheme, str(r.code), str(r.label)))
        _CODE_CACHE.clear()  # one store per app: only its latest state is worth keeping
        _CODE_CACHE[key] = found
    return _CODE_CACHE[key]


def _s(term) -> str | None:
    return str(term) if term is not None else None


def _kept(row: dict, cuts: dict[str, list[str]]) -> bool:
    for dim, wanted in cuts.items():
        if dim == "code":
            if not any((row["code"] or "").startswith(w) for w in wanted):
                return False
        elif dim == "value":
            if not all(_threshold(row["value"], w) for w in wanted):
                return False
        elif dim in ("department", "document", "program"):
            if row[dim] not in wanted and row.get(f"{dim}_label") not in wanted:
                return False
        elif str(row.get(dim)) not in wanted:
            return False
    return True


def _threshold(value: Decimal, wanted: str) -> bool:
    for op in (">=", "<=", ">", "<", "="):
        if wanted.startswith(op):
            try:
                limit = Decimal(wanted[len(op):])
            except ArithmeticError as exc:
                raise ApiError(400, "bad_parameter", f"阈值不是数字 (threshold is not a number): {wanted}") from exc
            return {">=": value >= limit, "<=": value <= limit, ">": value > limit, "<": value < limit,
                    "=": value == limit}[op]
    raise ApiError(400, "bad_parameter", f"阈值应写作 >100 (threshold like >100): {wanted}")


def _leaves(rows: list[dict]) -> list[dict]:
    """The rows without a row of a longer code under them in the same document, table and column."""
    groups: dict[tuple, set[str]] = defaultdict(set)
    for r in rows:
        groups[(r["document"], r["table"], r["column"], r["scheme"])].add(r["code"] or "")
    kept = []
    for r in rows:
        codes = groups[(r["document"], r["table"], r["column"], r["scheme"])]
        code = r["code"] or ""
        if not any(c != code and c.startswith(code) for c in codes):
            kept.append(r)
    return kept


def _cells(rows: list[dict], drilldowns: list[str], how: str, labels: dict) -> list[dict]:
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for r in rows:
        key = tuple(r["code"][:CODE_LEVELS[d]] if d in CODE_LEVELS else r[d] for d in drilldowns)
        groups[key].append(r)
    cells = []
    for key, members in groups.items():
        cell: dict = {}
        first = members[0]
        for dim, value in zip(drilldowns, key, strict=True):
            cell[dim] = value
            if dim in CODE_LEVELS:
                cell[f"{dim}_label"] = labels.get((first["scheme"], value), value)
            elif f"{dim}_label" in first:
                cell[f"{dim}_label"] = first[f"{dim}_label"]
        values = [m["value"] for m in members]
        result = {"sum": sum(values, Decimal(0)), "count": Decimal(len(values)), "min": min(values),
                  "max": max(values), "avg": sum(values, Decimal(0)) / len(values)}[how]
        cell["value"], cell["count"] = _number(result), len(members)
        if len(members) == 1:
            cell["source"] = first["obs"]  # one observation: the page links the figure to its line
        cells.append(cell)
    return cells


def _number(value: Decimal) -> float | int:
    return int(value) if value == value.to_integral_value() else float(value)


def _ordered(cells: list[dict], order: str | None) -> list[dict]:
    if not order:
        return sorted(cells, key=lambda c: [str(c.get(k)) for k in c if k not in ("value", "count", "source")])
    dim, _, direction = order.partition(":")
    return sorted(cells, key=lambda c: (c.get(dim) is None, c.get(dim) if dim == "value" else str(c.get(dim))),
                  reverse=direction == "desc")


def _unit(rows: list[dict]) -> str:
    """The cells' unit: 万元 for amounts; facts in %, 辆 … say theirs (several when a query mixes them)."""
    return "、".join(sorted({r["unit"] for r in rows})) or "万元"
