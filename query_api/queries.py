"""The SPARQL the question layer and search run, in one place so the graph's vocabulary is named once.

`TERMS` maps the roles the templates use to the ontology's terms (see ontology/govkg.ttl and
docs/model.md); a template writes `{amount}`, `{document}`, … and `sparql()` fills in the terms and
the prefixes. Every template returns labels, numbers in 万元 where they are amounts, and the source
(document label, table, line) of each value.
"""

from __future__ import annotations

from collections.abc import Iterable

PREFIXES = """PREFIX gk: <https://w3id.org/govkg/def#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""

# Roles of the templates → terms of ontology/govkg.ttl (docs/model.md).
TERMS: dict[str, str] = {
    "Document": "gk:Document",
    "Department": "gk:Department",
    "InternalUnit": "gk:InternalUnit",
    "SubordinateUnit": "gk:SubordinateUnit",
    "Program": "gk:Program",
    "Indicator": "gk:Indicator",
    "Duty": "gk:Duty",
    "SelfEvaluation": "gk:SelfEvaluation",
    "Fact": "gk:FactObservation",
    "LineItem": "gk:LineItemObservation",
    "ProgramObs": "gk:ProgramObservation",
    "FunctionalCode": "gk:FunctionalCode",
    "EconomicCode": "gk:EconomicCode",
    "label": "rdfs:label",
    "alt": "skos:altLabel",
    "notation": "skos:notation",
    "broader": "skos:broader",
    "department": "gk:department",
    "organization": "gk:organization",
    "year": "gk:fiscalYear",
    "phase": "gk:phase",
    "scope": "gk:scope",
    "from": "prov:wasDerivedFrom",
    "unitOf": "org:unitOf",
    "subOrgOf": "org:subOrganizationOf",
    "responsibilities": "gk:responsibilities",
    "purpose": "org:purpose",
    "text": "gk:text",
    "spentBy": "gk:spendingUnit",
    "program": "gk:program",
    "target": "gk:performanceTarget",
    "comparator": "gk:comparator",
    "targetValue": "gk:target",
    "actual": "gk:actual",
    "qvalue": "schema:value",
    "qunit": "schema:unitText",
    "met": "gk:met",
    "overallRating": "gk:overallRating",
    "programRating": "gk:programRating",
    "unit": "gk:unit",
    "key": "gk:factKey",
    "value": "gk:value",
    "column": "gk:column",
    "classification": "gk:classification",
    "table": "gk:sourceTable",
    "line": "gk:sourceLine",
    "page": "gk:sourcePage",
}

# gk:phase / gk:scope individuals → the words the question layer uses.
PHASES = {"https://w3id.org/govkg/def#Budget": "budget", "https://w3id.org/govkg/def#FinalAccount": "final_account"}
SCOPES = {"https://w3id.org/govkg/def#Consolidated": "consolidated", "https://w3id.org/govkg/def#Standalone": "standalone"}


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


def _squeezed(var: str) -> str:
    # PDF text keeps stray spaces inside Chinese words ("区 12345 政府"); compare without any whitespace
    return f'REPLACE(STR({var}), "\\\\s+", "")'


def contains_any(var: str, words: Iterable[str]) -> str:
    """A FILTER expression: `var` (whitespace ignored) contains one of `words`."""
    parts = [f"CONTAINS({_squeezed(var)}, {literal(w)})" for w in dict.fromkeys(words)]
    return "(" + " || ".join(parts or ["false"]) + ")"


def contains_all(var: str, words: Iterable[str]) -> str:
    """A FILTER expression: `var` (whitespace ignored) contains every one of `words`."""
    parts = [f"CONTAINS({_squeezed(var)}, {literal(w)})" for w in dict.fromkeys(words)]
    return "(" + " && ".join(parts or ["false"]) + ")"


# Every labelled entity of the lexicon: kind, label, an alternative label, year, document, parent
# (one row per alternative label; `ask.load_entries` groups them).
LEXICON = """
SELECT DISTINCT ?s ?kind ?label ?alt ?year ?doc ?parent WHERE {{
  {{ ?s a {Department} BIND("department" AS ?kind) }}
  UNION {{ ?s a {InternalUnit} BIND("internal_unit" AS ?kind) OPTIONAL {{ ?s {unitOf} ?parent }} }}
  UNION {{ ?s a {SubordinateUnit} BIND("subordinate_unit" AS ?kind) OPTIONAL {{ ?s {subOrgOf} ?parent }} }}
  UNION {{ ?s a {Program} BIND("program" AS ?kind) OPTIONAL {{ ?s {spentBy} ?parent }} OPTIONAL {{ ?s {year} ?year }} }}
  UNION {{ ?s a {Indicator} BIND("indicator" AS ?kind) OPTIONAL {{ ?s {program} ?parent }}
           OPTIONAL {{ ?s {year} ?year }} OPTIONAL {{ ?s {from} ?doc }} }}
  UNION {{ ?s a {FunctionalCode} BIND("item" AS ?kind) }}
  UNION {{ ?s a {EconomicCode} BIND("item" AS ?kind) }}
  ?s {label} ?label .
  OPTIONAL {{ ?s {alt} ?alt }}
}}
"""

# Documents: department, year, phase, scope, label. DISTINCT everywhere: a triple repeated in several
# document graphs may come back once per graph from the union default graph.
DOCUMENTS = """
SELECT DISTINCT ?doc ?docLabel ?dept ?deptLabel ?year ?phase ?scope WHERE {{
  ?doc a {Document} ; {department} ?dept ; {year} ?year .
  ?dept {label} ?deptLabel .
  OPTIONAL {{ ?doc {label} ?docLabel }}
  OPTIONAL {{ ?doc {phase} ?phase }}
  OPTIONAL {{ ?doc {scope} ?scope }}
}} ORDER BY ?deptLabel ?year ?phase ?scope
"""
