"""CSV of the graph's figures: every observation (line items, program amounts, facts) as one tidy row
with its source, for the web's downloads and `govkg export --format csv`.

CSV here is what spreadsheets open correctly: UTF-8 with a BOM (Excel reads Chinese right only with
it), a header row, numbers plain as printed (no thousands separators, no rounding).
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from graph_store.base import Store, check_iri
from query_api import queries

OBS_KINDS = {"line_item": "LineItem", "program": "ProgramObs", "fact": "Fact"}
COLUMNS = ("kind", "department", "year", "phase", "scope", "table", "code", "code_label", "program",
           "funding_source", "fact_key", "label", "column", "value", "unit", "document", "line", "page",
           "observation")
_OBSERVATIONS = """
SELECT DISTINCT ?o ?type ?deptLabel ?year ?phase ?scope ?table ?code ?codeLabel ?programLabel ?source ?key ?label
       ?column ?value ?unit ?file ?line ?page WHERE {{
  VALUES ?doc {{ <{document}> }} VALUES ?type {{ {types} }}
  ?o a ?type ; {{value}} ?value ; {{organization}} ?dept ; {{year}} ?year ; {{from}} ?doc .
  {filters}
  OPTIONAL {{ ?dept {{label}} ?deptLabel }} OPTIONAL {{ ?doc gk:fileName ?file }}
  OPTIONAL {{ ?o {{phase}} ?phase }} OPTIONAL {{ ?o {{scope}} ?scope }} OPTIONAL {{ ?o {{table}} ?table }}
  OPTIONAL {{ ?o {{column}} ?column }} OPTIONAL {{ ?o {{unit}} ?unit }} OPTIONAL {{ ?o {{label}} ?label }}
  OPTIONAL {{ ?o {{line}} ?line }} OPTIONAL {{ ?o {{page}} ?page }} OPTIONAL {{ ?o {{key}} ?key }}
  OPTIONAL {{ ?o gk:fundingSource ?source }}
  OPTIONAL {{ ?o {{classification}} ?c . ?c {{notation}} ?code OPTIONAL {{ ?c {{label}} ?codeLabel }} }}
  OPTIONAL {{ ?o {{program}} ?p . ?p {{label}} ?programLabel }}
}}"""
_DOCUMENTS = "SELECT DISTINCT ?doc WHERE {{ ?doc a {{Document}} }}"
_DEPARTMENT_DOCUMENTS = "SELECT DISTINCT ?doc WHERE {{ ?o {{organization}} <{department}> ; {{from}} ?doc }}"
_TYPE_KINDS = {"LineItemObservation": "line_item", "ProgramObservation": "program", "FactObservation": "fact"}


def observations(store: Store, kinds: list[str] | None = None, department: str | None = None,
                 document: str | None = None) -> list[dict]:
    """One row per observation (COLUMNS), by department, year, document, table and line."""
    from query_api.entities import query

    kinds = kinds or list(OBS_KINDS)
    types = " ".join(queries.TERMS[OBS_KINDS[k]] for k in kinds)
    filters = f"FILTER(?dept = <{check_iri(department)}>)" if department else ""
    # One document at a time: each read as large as one document, where the whole store's in one query grows
    # past what a server sorts in time. With a department, only the documents it has figures in.
    if document:
        documents = [check_iri(document)]
    else:
        listed = query(store, _DEPARTMENT_DOCUMENTS, department=check_iri(department)) if department else \
            query(store, _DOCUMENTS)
        documents = [str(r.doc) for r in listed]
    rows: dict[str, dict] = {}
    for doc in documents:  # the document first, as a value: both engines then start from its figures
        _rows(query(store, _OBSERVATIONS, document=doc, types=types, filters=filters), rows)
    return sorted(rows.values(), key=lambda r: (r["department"] or "", r["year"], r["document"] or "",
                                                r["table"] or "", int(r["line"] or 0), r["column"] or "", r["observation"]))


def _rows(results, rows: dict[str, dict]) -> None:
    """Add the rows of one answer to `rows`, each observation once (the first row of one with two labels or
    codes)."""
    for r in results:
        if str(r.o) in rows:
            continue
        rows[str(r.o)] = {
            "kind": _TYPE_KINDS.get(str(r.type).rsplit("#", 1)[-1], ""), "department": _s(r.deptLabel),
            "year": int(r.year), "phase": queries.PHASES.get(str(r.phase), _s(r.phase)),
            "scope": queries.SCOPES.get(str(r.scope), _s(r.scope)), "table": _s(r.table), "code": _s(r.code),
            "code_label": _s(r.codeLabel), "program": _s(r.programLabel), "funding_source": _s(r.source),
            "fact_key": _s(r.key), "label": _s(r.label), "column": _s(r.column), "value": plain(r.value),
            "unit": _s(r.unit), "document": _s(r.file), "line": _s(r.line), "page": _s(r.page), "observation": str(r.o)}


def plain(term) -> str | None:
    """A decimal as printed, without exponent or trailing noise: '1340.91', '500', '-12.5'."""
    if term is None:
        return None
    value = Decimal(str(term))
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def to_csv(rows: list[dict], columns: tuple[str, ...] | list[str]) -> bytes:
    """`rows` as CSV (UTF-8 with BOM, header row); values written as given (None → empty)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if row.get(c) is None else row.get(c) for c in columns])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _s(term) -> str | None:
    return str(term) if term is not None else None
