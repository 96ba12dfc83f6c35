"""What keyword search reads of one document: its entries (`hits_of`: programs, departments, units, duties,
indicators, line items, facts), each a `Hit`, from the document's description alone."""

from __future__ import annotations

from dataclasses import dataclass

from graph_store.base import Store
from ingest.record import AMOUNT_PLACES
from query_api import queries

DOCS = """
SELECT DISTINCT ?s ?kind ?label ?text ?amount ?unit ?doc ?dept ?year ?c WHERE {{
  {{ ?s a {Program} ; {label} ?label . BIND("program" AS ?kind)
     OPTIONAL {{ ?s {target} ?text }} OPTIONAL {{ ?s {department} ?dept }} OPTIONAL {{ ?s {year} ?year }}
     OPTIONAL {{ ?o {program} ?s ; {column} ?c ; {value} ?amount . FILTER(STR(?c) = "预算数") }}
     OPTIONAL {{ ?s {from} ?doc }} }}
  UNION {{ ?s a {Department} ; {label} ?label . BIND("department" AS ?kind) BIND(?s AS ?dept) }}
  UNION {{ ?s a {InternalUnit} ; {label} ?label . BIND("internal_unit" AS ?kind)
           OPTIONAL {{ ?s {responsibilities} ?text }} OPTIONAL {{ ?s {from} ?doc }} OPTIONAL {{ ?s {unitOf} ?dept }} }}
  UNION {{ ?s a {SubordinateUnit} ; {label} ?label . BIND("subordinate_unit" AS ?kind) OPTIONAL {{ ?s {subOrgOf} ?dept }} }}
  UNION {{ ?org {purpose} ?s . ?s {text} ?text . ?org {label} ?label . BIND("duty" AS ?kind) BIND(?org AS ?dept)
           OPTIONAL {{ ?s {from} ?doc }} }}
  UNION {{ ?s a {Indicator} ; {label} ?label . BIND("indicator" AS ?kind) OPTIONAL {{ ?s {department} ?dept }}
           OPTIONAL {{ ?s {year} ?year }} OPTIONAL {{ ?s {program} ?p . ?p {label} ?text }} OPTIONAL {{ ?s {from} ?doc }} }}
  UNION {{ ?s a {LineItem} ; {classification} ?c ; {value} ?amount ; {from} ?doc ; {organization} ?dept ; {year} ?year ;
              {label} ?label . BIND("line_item" AS ?kind) OPTIONAL {{ ?s {table} ?text }} OPTIONAL {{ ?s {unit} ?unit }} }}
  UNION {{ ?s a {Fact} ; {label} ?label ; {from} ?doc ; {organization} ?dept ; {year} ?year . BIND("fact" AS ?kind)
           OPTIONAL {{ ?s {text} ?text }} OPTIONAL {{ ?s {value} ?amount }} OPTIONAL {{ ?s {unit} ?unit }} }}
}}
"""

CODES = "SELECT DISTINCT ?c ?code ?label WHERE {{ ?c skos:notation ?code ; skos:inScheme ?scheme ; {label} ?label }}"

@dataclass
class Hit:
    uri: str
    kind: str
    label: str
    text: str | None
    amount: float | None
    doc: str | None
    department: str | None = None
    year: int | None = None
    unit: str | None = None


def hits_of(view: Store) -> list[Hit]:
    """The entries of one document's description (graph_store.shared.description: the document with the
    shared statements it makes, alone)."""
    # A line item is named by its code, labelled in the same document: looked up, not joined.
    codes = {str(r.c): f"{r.code} {r.label}" for r in view.query(queries.sparql(CODES), timeout=30)}
    merged: dict[str, Hit] = {}
    # the row unpacked in DOCS's order of variables (an attribute of rdflib's row is a lookup: 15 a row)
    for s, kind, label, text, amount, unit, doc, dept, year, c in view.query(queries.sparql(DOCS), timeout=30):
        uri = str(s)
        if uri not in merged:
            amount = round(float(amount.toPython()), AMOUNT_PLACES) if amount is not None else None
            label, text = str(label), str(text) if text else None
            if c is not None and str(c) in codes:
                label = codes[str(c)]
            if kind is not None and str(kind) == "duty":  # a duty is named by its text, its organisation is context
                label, text = (text or "")[:60], f"{label}：{text}"
            unit = str(unit) if unit is not None else ("万元" if amount is not None else None)
            merged[uri] = Hit(uri, str(kind), label, text, amount, _str(doc), _str(dept),
                              int(year) if year is not None else None, unit)
    return list(merged.values())


def _str(term) -> str | None:
    return str(term) if term is not None else None
