"""The SPARQL the question layer and search run, in one place so the graph's vocabulary is named once.

`TERMS` maps the roles the templates use to the ontology's terms (see ontology/govkg.ttl and
docs/model.md); a template writes `{amount}`, `{document}`, … and `sparql()` fills in the terms and
the prefixes. Every template returns labels, numbers in 万元 where they are amounts, and the source
(document label, table, line) of each value.
"""

from __future__ import annotations

from collections.abc import Iterable

PREFIXES = """PREFIX gov: <https://govkg.example.org/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""

TERMS: dict[str, str] = {
    # classes
    "Document": "gov:BudgetDocument",
    "Department": "gov:Department",
    "InternalUnit": "gov:InternalUnit",
    "SubordinateUnit": "gov:SubordinateUnit",
    "Program": "gov:Program",
    "Indicator": "gov:Indicator",
    "Duty": "gov:Duty",
    "LineItem": "gov:LineItem",
    "Fact": "gov:Fact",
    # properties
    "label": "rdfs:label",
    "alt": "skos:altLabel",
    "department": "gov:department",  # document → the disclosing department
    "year": "gov:fiscalYear",
    "docType": "gov:documentType",  # "budget" | "final_account"
    "scope": "gov:scope",  # "consolidated" | "standalone"
    "document": "gov:document",  # any fact-bearing node → its document
    "unitOf": "gov:parentOrganisation",  # unit → department it belongs to
    "hasInternalUnit": "gov:hasInternalUnit",  # department → internal unit
    "hasSubordinateUnit": "gov:hasSubordinateUnit",  # department → subordinate unit
    "dutyOf": "gov:dutyOf",  # duty → organisation
    "text": "gov:text",
    "spentBy": "gov:spentBy",  # program → organisation spending it
    "amount": "gov:amount",
    "executed": "gov:executed",
    "target": "gov:performanceTarget",  # program → its performance target text
    "indicatorOf": "gov:program",  # indicator → program
    "comparator": "gov:comparator",
    "targetValue": "gov:targetValue",
    "actual": "gov:actualValue",
    "met": "gov:met",
    "unit": "gov:unit",
    "key": "gov:factKey",
    "value": "gov:value",
    "code": "gov:code",
    "classification": "gov:classification",
    "table": "gov:sourceTable",
    "line": "gov:sourceLine",
    "page": "gov:sourcePage",
    "column": "gov:column",
}


def sparql(template: str, **values: str) -> str:
    """The template with the ontology's terms and `values` filled in, prefixed."""
    return PREFIXES + template.format(**TERMS, **values)


def literal(text: str) -> str:
    """`text` as a SPARQL string literal."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"'


def iris(uris: Iterable[str]) -> str:
    """A VALUES body of IRIs."""
    return " ".join(f"<{u}>" for u in uris)


def contains_any(var: str, words: Iterable[str]) -> str:
    """A FILTER expression: `var` contains one of `words`."""
    parts = [f"CONTAINS(STR({var}), {literal(w)})" for w in words]
    return "(" + " || ".join(parts or ["false"]) + ")"


def contains_all(var: str, words: Iterable[str]) -> str:
    parts = [f"CONTAINS(STR({var}), {literal(w)})" for w in words]
    return "(" + " && ".join(parts or ["false"]) + ")"


# Every labelled entity of the lexicon: kind, label, an alternative label, year, document, parent
# (one row per alternative label; `ask.load_entries` groups them).
LEXICON = """
SELECT DISTINCT ?s ?kind ?label ?alt ?year ?doc ?parent WHERE {{
  {{ ?s a {Department} BIND("department" AS ?kind) }}
  UNION {{ ?s a {InternalUnit} BIND("internal_unit" AS ?kind) OPTIONAL {{ ?s {unitOf} ?parent }} }}
  UNION {{ ?s a {SubordinateUnit} BIND("subordinate_unit" AS ?kind) OPTIONAL {{ ?s {unitOf} ?parent }} }}
  UNION {{ ?s a {Program} BIND("program" AS ?kind) OPTIONAL {{ ?s {spentBy} ?parent }} }}
  UNION {{ ?s a {Indicator} BIND("indicator" AS ?kind) OPTIONAL {{ ?s {indicatorOf} ?parent }} }}
  UNION {{ ?s a {LineItem} BIND("item" AS ?kind) }}
  ?s {label} ?label .
  OPTIONAL {{ ?s {alt} ?alt }}
  OPTIONAL {{ ?s {document} ?doc . ?doc {year} ?year }}
}}
"""

# Documents: department, year, type, scope, label.
DOCUMENTS = """
SELECT ?doc ?docLabel ?dept ?deptLabel ?year ?type ?scope WHERE {{
  ?doc a {Document} ; {department} ?dept ; {year} ?year .
  ?dept {label} ?deptLabel .
  OPTIONAL {{ ?doc {label} ?docLabel }}
  OPTIONAL {{ ?doc {docType} ?type }}
  OPTIONAL {{ ?doc {scope} ?scope }}
}} ORDER BY ?deptLabel ?year ?type ?scope
"""
