"""What an entity page shows, read from the store: a department's documents, duties, units, programs and
facts; a program's amounts and indicators; a unit's department and programs; any entity's properties.

Each function returns plain dicts and lists (labels, numbers, the IRI of each figure's observation so
the page links it to its source line); the templates only lay them out.
"""

from __future__ import annotations

import re
from decimal import Decimal

from graph_store.base import Store
from ingest.record import FACT_KEYS
from query_api import queries
from query_api.answering.alike import PHASE_WORDS, SCOPE_WORDS

GK = "https://w3id.org/govkg/def#"
TYPE_LABELS = {
    "Department": "部门", "InternalUnit": "内设机构", "SubordinateUnit": "下属单位", "Program": "项目",
    "Indicator": "绩效指标", "Duty": "职责", "Document": "文件", "LineItemObservation": "科目金额",
    "ProgramObservation": "项目金额", "FactObservation": "数据", "FunctionalCode": "功能分类科目",
    "EconomicCode": "经济分类科目", "SelfEvaluation": "绩效自评",
}

_PROPERTIES = """
SELECT DISTINCT ?p ?o ?oLabel WHERE {{ <{iri}> ?p ?o . FILTER(!STRSTARTS(STR(?p), "urn:govkg:stated:"))
  OPTIONAL {{ ?o {{label}}|skos:prefLabel ?oLabel }} }}"""  # not the ledgers' copies (ontology.ledger)
_DUTIES = """
SELECT DISTINCT ?duty ?text ?n WHERE {{ <{iri}> {{purpose}} ?duty . ?duty {{text}} ?text .
  OPTIONAL {{ ?duty gk:dutyNumber ?n }} }} ORDER BY ?n ?text"""
_UNITS = """
SELECT DISTINCT ?unit ?label ?kind ?text WHERE {{
  {{ ?unit {{unitOf}} <{iri}> BIND("internal" AS ?kind) OPTIONAL {{ ?unit {{responsibilities}} ?text }} }}
  UNION {{ ?unit {{subOrgOf}} <{iri}> BIND("subordinate" AS ?kind) OPTIONAL {{ ?unit gk:budgetNote ?text }} }}
  ?unit {{label}} ?label .
}} ORDER BY ?kind ?label"""
_PARENTS = """
SELECT DISTINCT ?parent ?label WHERE {{ {{ <{iri}> {{unitOf}} ?parent }} UNION {{ <{iri}> {{subOrgOf}} ?parent }}
  UNION {{ <{iri}> {{department}} ?parent }} ?parent {{label}} ?label }}"""
_PROGRAM_AMOUNTS = """
SELECT DISTINCT ?program ?name ?year ?unit ?unitLabel ?obs ?column ?source ?value ?scope ?doc ?table ?line WHERE {{
  ?program a {{Program}} ; {{label}} ?name ; {{year}} ?year .
  {filter}
  OPTIONAL {{ ?program {{spentBy}} ?unit . ?unit {{label}} ?unitLabel }}
  OPTIONAL {{ ?obs {{program}} ?program ; {{column}} ?column ; {{value}} ?value ; {{scope}} ?scope ; {{from}} ?doc .
             OPTIONAL {{ ?obs gk:fundingSource ?source }} OPTIONAL {{ ?obs {{table}} ?table }}
             OPTIONAL {{ ?obs {{line}} ?line }} }}
}} ORDER BY DESC(?year) ?name"""
_FACTS = """
SELECT DISTINCT ?obs ?key ?label ?value ?unit ?year ?phase ?scope ?doc ?table ?line WHERE {{
  ?obs a {{Fact}} ; {{organization}} <{iri}> ; {{key}} ?key ; {{label}} ?label ; {{value}} ?value ;
       {{year}} ?year ; {{phase}} ?phase ; {{scope}} ?scope ; {{from}} ?doc .
  OPTIONAL {{ ?obs {{unit}} ?unit }} OPTIONAL {{ ?obs {{table}} ?table }} OPTIONAL {{ ?obs {{line}} ?line }}
}} ORDER BY ?year ?key"""
_INDICATORS = """
SELECT DISTINCT ?ind ?name ?comparator ?target ?tunit ?actual ?met ?year ?doc ?line WHERE {{
  ?ind a {{Indicator}} ; {{label}} ?name . {filter}
  OPTIONAL {{ ?ind {{comparator}} ?comparator }} OPTIONAL {{ ?ind {{year}} ?year }}
  OPTIONAL {{ ?ind {{targetValue}} ?t . ?t {{qvalue}} ?target OPTIONAL {{ ?t {{qunit}} ?tunit }} }}
  OPTIONAL {{ ?ind {{actual}}/{{qvalue}} ?actual }} OPTIONAL {{ ?ind {{met}} ?met }}
  OPTIONAL {{ ?ind {{from}} ?doc }} OPTIONAL {{ ?ind {{line}} ?line }}
}} ORDER BY ?year ?name"""
_CODE_ROW_SET = """
SELECT DISTINCT ?obs ?dept ?year ?phase ?scope ?table ?column ?value ?doc ?line WHERE {{
  ?obs a {{LineItem}} ; {{classification}} <{iri}> ; {{value}} ?value ; {{organization}} ?dept ; {{year}} ?year ;
       {{phase}} ?phase ; {{scope}} ?scope ; {{from}} ?doc .
  OPTIONAL {{ ?obs {{table}} ?table }} OPTIONAL {{ ?obs {{column}} ?column }} OPTIONAL {{ ?obs {{line}} ?line }}
}}"""
_CODE_ROWS = _CODE_ROW_SET + " ORDER BY ?dept DESC(?year) ?doc ?table ?column ?obs LIMIT {limit}"
_CODE_ROW_COUNT = "SELECT (COUNT(*) AS ?n) WHERE {{" + _CODE_ROW_SET + "}}"
CODE_ROWS_SHOWN = 500  # a common code has 15,000 rows at 1,000 documents: a page shows the first, and the count
_TABLES = """
SELECT ?doc ?scheme ?table ?column (COUNT(DISTINCT ?code) AS ?codes) (SUM(?value) AS ?total) WHERE {{
  ?obs a {{LineItem}} ; {{organization}} <{iri}> ; {{from}} ?doc ; {{table}} ?table ; {{column}} ?column ;
       {{value}} ?value ; {{classification}} ?c . ?c skos:inScheme ?scheme ; {{notation}} ?code .
}} GROUP BY ?doc ?scheme ?table ?column"""


def query(store: Store, template: str, **values: str):
    """Run an entity template: `{{label}}`-style slots are the vocabulary's terms (queries.TERMS), then
    `{iri}`, `{filter}` are filled in."""
    text = re.sub(r"\{\{(\w+)\}\}", lambda m: queries.TERMS.get(m[1], m[0]), template)
    return store.query(queries.PREFIXES + text.format(**values), timeout=20)


def local(term) -> str:
    text = str(term)
    return text.rsplit("#", 1)[-1] if "#" in text else text.rsplit("/", 1)[-1]


def types_of(graph, iri) -> list[str]:
    from rdflib import RDF, URIRef

    return [local(t) for t in graph.objects(URIRef(iri), RDF.type)]


def properties(store: Store, iri: str) -> list[dict]:
    """Every statement of the entity: predicate, value, the value's label (Chinese preferred) and whether it is an IRI."""
    found: dict[tuple[str, str], dict] = {}
    for r in query(store, _PROPERTIES, iri=iri):
        row = found.setdefault((str(r.p), str(r.o)), {
            "predicate": str(r.p), "predicate_short": _short(str(r.p)), "value": str(r.o), "label": None,
            "is_iri": type(r.o).__name__ == "URIRef"})
        if r.oLabel is not None and (row["label"] is None or getattr(r.oLabel, "language", None) == "zh"):
            row["label"] = str(r.oLabel)
    return sorted(found.values(), key=lambda x: (x["predicate_short"], x["label"] or x["value"]))


def _short(iri: str) -> str:
    for prefix, ns in (("gk", GK), ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
                       ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"), ("org", "http://www.w3.org/ns/org#"),
                       ("skos", "http://www.w3.org/2004/02/skos/core#"), ("prov", "http://www.w3.org/ns/prov#"),
                       ("qb", "http://purl.org/linked-data/cube#"), ("schema", "https://schema.org/")):
        if iri.startswith(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def duties(store: Store, iri: str) -> list[dict]:
    seen, found = set(), []
    for r in query(store, _DUTIES, iri=iri):
        if str(r.duty) not in seen:
            seen.add(str(r.duty))
            found.append({"uri": str(r.duty), "text": str(r.text)})
    return found


def units(store: Store, iri: str) -> dict[str, list[dict]]:
    found: dict[str, dict[str, dict]] = {"internal": {}, "subordinate": {}}
    for r in query(store, _UNITS, iri=iri):
        slot = found[str(r.kind)].setdefault(str(r.unit), {"uri": str(r.unit), "label": str(r.label), "text": None})
        slot["text"] = slot["text"] or (str(r.text) if r.text is not None else None)
    return {k: list(v.values()) for k, v in found.items()}


def parents(store: Store, iri: str) -> list[dict]:
    seen = {}
    for r in query(store, _PARENTS, iri=iri):
        seen.setdefault(str(r.parent), {"uri": str(r.parent), "label": str(r.label)})
    return list(seen.values())


def programs(store: Store, where: str) -> list[dict]:
    """Programs matched by the SPARQL pattern `where` (on ?program), one row each: year, spending unit,
    budget (预算数) and executed (执行数) amounts, each with the observation it came from. Where the 汇总
    and 本级 documents both list a program, the 汇总 figure is shown (the same amount, another line)."""
    found: dict[str, dict] = {}
    amounts: dict[str, list[dict]] = {}
    for r in query(store, _PROGRAM_AMOUNTS, filter=where):
        p = found.setdefault(str(r.program), {"uri": str(r.program), "name": str(r.name), "year": int(r.year),
                                              "unit": _s(r.unit), "unit_label": _s(r.unitLabel),
                                              "budget": None, "executed": None})
        if r.obs is None:
            continue
        amounts.setdefault(p["uri"], []).append({
            "obs": str(r.obs), "column": str(r.column), "source": _s(r.source), "value": _num(r.value),
            "scope": queries.SCOPES.get(str(r.scope)), "doc": str(r.doc), "table": _s(r.table),
            "line": int(r.line) if r.line is not None else None})
    for uri, rows in amounts.items():
        rows.sort(key=lambda a: (a["scope"] != "consolidated", a["doc"], a["obs"]))
        for key, column in (("budget", "预算数"), ("executed", "执行数")):
            match = next((a for a in rows if a["column"] == column and not a["source"]), None)
            found[uri][key] = match
        found[uri]["amounts"] = rows
    return sorted(found.values(), key=lambda p: (-p["year"], -((p["budget"] or {}).get("value") or 0), p["name"]))


def facts(store: Store, iri: str) -> list[dict]:
    rows = []
    for r in query(store, _FACTS, iri=iri):
        rows.append({"obs": str(r.obs), "key": str(r.key), "label": str(r.label), "value": _num(r.value),
                     "unit": _s(r.unit) or "万元", "year": int(r.year), "phase": queries.PHASES.get(str(r.phase)),
                     "scope": queries.SCOPES.get(str(r.scope)), "doc": str(r.doc), "table": _s(r.table),
                     "line": int(r.line) if r.line is not None else None})
    return rows


def indicators(store: Store, where: str) -> list[dict]:
    found: dict[str, dict] = {}
    for r in query(store, _INDICATORS, filter=where):
        found.setdefault(str(r.ind), {
            "uri": str(r.ind), "name": str(r.name), "comparator": _s(r.comparator), "target": _num(r.target),
            "unit": _s(r.tunit), "actual": _num(r.actual), "met": None if r.met is None else r.met.toPython(),
            "year": int(r.year) if r.year is not None else None, "doc": _s(r.doc),
            "line": int(r.line) if r.line is not None else None})
    return list(found.values())


def code_rows(store: Store, iri: str, documents: dict, limit: int = CODE_ROWS_SHOWN) -> tuple[list[dict], int]:
    """The figures printed for a classification code — department, year, phase, scope, table, column, source
    — the first `limit` by department and year, and how many there are in all."""
    departments = {d.department_uri: d.department for d in documents.values()}
    rows = [{"obs": str(r.obs), "department": str(r.dept), "department_label": departments.get(str(r.dept), local(r.dept)),
             "year": int(r.year), "phase": queries.PHASES.get(str(r.phase)), "scope": queries.SCOPES.get(str(r.scope)),
             "table": _s(r.table), "column": _s(r.column), "value": _num(r.value), "doc": str(r.doc),
             "line": int(r.line) if r.line is not None else None} for r in query(store, _CODE_ROWS, iri=iri, limit=limit)]
    if len(rows) < limit:
        return rows, len(rows)
    return rows, int(next(iter(query(store, _CODE_ROW_COUNT, iri=iri))).n)


_CODES = "SELECT DISTINCT ?c ?scheme ?code ?label WHERE {{ ?c {{notation}} ?code ; skos:inScheme ?scheme ; {{label}} ?label }}"
SCHEMES = {"https://w3id.org/govkg/def#FunctionalClassification": "functional",
           "https://w3id.org/govkg/def#EconomicClassification": "economic"}
_CODE_CACHE: dict[tuple, dict] = {}


def codes_of(store: Store) -> dict[str, tuple[str, str, str]]:
    """Every classification code of the store: IRI → (scheme, notation, label), cached per store state.
    Read once rather than joined: a code is labelled in every document graph that uses it, and a join
    multiplies the rows by that number."""
    from query_api.ask import store_state

    key = store_state(store)
    if key not in _CODE_CACHE:
        found: dict[str, tuple[str, str, str]] = {}
        for r in query(store, _CODES):
            found.setdefault(str(r.c), (SCHEMES.get(str(r.scheme), ""), str(r.code), str(r.label)))
        _CODE_CACHE.clear()  # one store per app: only its latest state is worth keeping
        _CODE_CACHE[key] = found
    return _CODE_CACHE[key]


def main_tables(store: Store, iri: str) -> list[dict]:
    """Per document of the department: its spending table by 功能分类 (the one with 支出 in its title,
    not 收入, with the most codes) and its tables by 经济分类, each with its total column (the column
    with the largest sum: a table's 合计 is never below one of its parts)."""
    by_doc: dict[tuple[str, str], list] = {}
    for r in query(store, _TABLES, iri=iri):
        scheme = "functional" if str(r.scheme).endswith("FunctionalClassification") else "economic"
        by_doc.setdefault((str(r.doc), scheme), []).append((str(r.table), str(r.column), int(r.codes), _num(r.total) or 0))
    chosen = []
    for (doc, scheme), rows in by_doc.items():
        tables: dict[str, list] = {}
        for table, column, codes, total in rows:
            tables.setdefault(table, []).append((total, codes, column))
        if scheme == "functional":
            spending = {t: c for t, c in tables.items() if "支出" in t and "收入" not in t}
            if not spending:
                continue
            best = max(spending, key=lambda t: (max(c[1] for c in spending[t]), max(c[0] for c in spending[t])))
            picks = [best]
        else:
            picks = sorted(tables)
        for table in picks:
            total, _, column = max(tables[table])
            chosen.append({"doc": doc, "scheme": scheme, "table": table, "column": column})
    return chosen


def _s(term) -> str | None:
    return str(term) if term is not None else None


def _num(term) -> float | int | None:
    if term is None:
        return None
    value = Decimal(str(term))
    return int(value) if value == value.to_integral_value() else float(value)


def page(store: Store, iri: str, kinds: list[str]) -> dict:
    """The template and the data of the entity's page, by its type."""
    from query_api.ask import knowledge_for

    T = queries.TERMS  # noqa: N806 (the vocabulary's terms, written into the filters below)
    props = properties(store, iri)
    labels = [p["value"] for p in props if p["predicate_short"] in ("rdfs:label", "skos:prefLabel")]
    docs = knowledge_for(store).documents
    view = {"template": "entity.html", "label": labels[0] if labels else local(iri), "properties": props,
            "type_label": next((TYPE_LABELS[k] for k in kinds if k in TYPE_LABELS), "实体"), "documents": docs,
            "phase_words": PHASE_WORDS, "scope_words": SCOPE_WORDS}
    one = f"VALUES ?program {{ <{iri}> }}"
    if "Department" in kinds:
        view.update(template="department.html", held=sorted((d for d in docs.values() if d.department_uri == iri),
                                                              key=lambda d: (d.year or 0, d.type or "", d.scope == "consolidated")),
                    duties=duties(store, iri), units=units(store, iri),
                    programs=programs(store, f"?program {T['department']} <{iri}> ."), facts=facts(store, iri),
                    tables=main_tables(store, iri), fact_labels=FACT_KEYS)
    elif "Program" in kinds:
        found = programs(store, one)
        view.update(program=found[0] if found else None, parents=parents(store, iri),
                    indicators=indicators(store, f"?ind {T['program']} <{iri}> ."))
        if found and found[0]["unit"]:  # the same program (same spending unit and name) in other years
            name = queries.literal(found[0]["name"])
            view["years"] = programs(store, f"?program {T['spentBy']} <{found[0]['unit']}> ; {T['label']} ?same . "
                                            f"FILTER(STR(?same) = {name})")
        view["duties"] = [d for p in view["parents"] for d in duties(store, p["uri"])]
    elif {"InternalUnit", "SubordinateUnit"} & set(kinds) or "Organization" in kinds:
        view.update(parents=parents(store, iri), duties=duties(store, iri),
                    programs=programs(store, f"?program {T['spentBy']} <{iri}> ."))
    elif {"FunctionalCode", "EconomicCode"} & set(kinds):
        view["code_rows"], view["code_total"] = code_rows(store, iri, docs)
    elif "Observation" in kinds:
        view["figure"] = {p["predicate_short"]: p for p in reversed(props)}  # one value per property
    elif "Indicator" in kinds:
        view.update(parents=parents(store, iri), indicators=indicators(store, f"VALUES ?ind {{ <{iri}> }}"))
        view["parents"] += [{"uri": p["value"], "label": p["label"]} for p in props
                            if p["predicate_short"] == "gk:program" and p["label"]]
    return view
