"""What keyword search reads of one document: its entries (`hits_of`: programs, departments, units, duties,
indicators, line items, facts), each a `Hit`, from the document's description alone."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ingest.record import AMOUNT_PLACES
from query_api import queries

if TYPE_CHECKING:
    from graph_store.oxigraph import Description

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


def hits_of(view: Description) -> list[Hit]:
    """The entries of one document's description (graph_store.shared.description: the document with the
    shared statements it makes, alone), read as plain values (`Description.values`)."""
    # A line item is named by its code, labelled in the same document: looked up, not joined.
    codes = {c: f"{code} {label}" for c, code, label in view.values(queries.sparql(CODES))}
    merged: dict[str, Hit] = {}
    for s, kind, label, text, amount, unit, doc, dept, year, c in view.values(queries.sparql(DOCS)):
        if s not in merged:
            amount = round(float(amount), AMOUNT_PLACES) if amount is not None else None
            text = text or None
            if c is not None and c in codes:
                label = codes[c]
            if kind == "duty":  # a duty is named by its text, its organisation is context
                label, text = (text or "")[:60], f"{label}：{text}"
            unit = unit if unit is not None else ("万元" if amount is not None else None)
            merged[s] = Hit(s, kind, label, text, amount, doc, dept, int(year) if year is not None else None, unit)
    return list(merged.values())
