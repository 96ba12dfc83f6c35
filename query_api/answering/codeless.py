"""Lines printed without a code (杭州, 西安 print 功能分类 rows by name only, ingest/rdf.py keeps each as an
observation with its name and gk:parentName and no concept): each is an "item" of the lexicon, named by its
row name within the department that prints it. Its IRI carries the department, the parent's name and the
name, so the item path cuts the cube by them (cube cut `row`, `row_parent`) as it cuts coded lines by code."""

from __future__ import annotations

import re
from urllib.parse import quote, unquote

MARK = "/row/"
# A table's total printed as a row (本年支出合计, a parser's stray total under a line) is the department's
# figure, never an item: as an item its name would take questions of the totals (支出总计比上年增减了多少).
_TOTAL = re.compile(r"(?:合计|总计|小计|共计)$")

# The rows printed without a code, with what they are part of: one per name, parent, department and column.
ROWS = """
SELECT DISTINCT ?dept ?parent ?label ?column ?year ?doc WHERE {{
  ?o a gk:LineItemObservation ; gk:parentName ?parent ; rdfs:label ?label ; gk:column ?column ;
     gk:organization ?dept ; gk:fiscalYear ?year ; prov:wasDerivedFrom ?doc .
  FILTER NOT EXISTS {{ ?o gk:classification ?c }}
}}
"""


def row_iri(dept: str, parent: str, name: str) -> str:
    """The item IRI of the row `name` under `parent` printed by the department `dept` (an IRI)."""
    return f"{dept}{MARK}{quote(parent, safe='')}/{quote(name, safe='')}"


def parse(uri: str) -> tuple[str, str, str] | None:
    """(department IRI, parent name, name) of a row's item IRI; None for any other IRI (a code's)."""
    if MARK not in uri:
        return None
    dept, rest = uri.rsplit(MARK, 1)
    parent, _, name = rest.partition("/")
    return dept, unquote(parent), unquote(name)


def lexicon_rows(results) -> list[list]:
    """The lexicon rows (s, kind, label, alt, year, doc, parent) of the ROWS query's results: the row's name is
    its observation's label less the column (ingest/rdf.py labels it "{name} {column}")."""
    out = {}
    for r in results:
        label, column = str(r.label), str(r.column)
        if not label.endswith(" " + column):
            continue
        name = label[: -len(column) - 1].strip()
        if name and not _TOTAL.search(name):
            iri = row_iri(str(r.dept), str(r.parent), name)
            out.setdefault(iri, [iri, "item", name, None, int(r.year), str(r.doc), str(r.dept)])
    return list(out.values())


def chosen(tops: dict, orgs: dict, text: str) -> tuple[dict[str, tuple[str, str, str]], list[str]]:
    """The rows among the item entries `tops` (IRI → entry) of the organisations asked (`orgs`: IRIs; every
    one when none), and the parent names to ask between: a name printed under two parents, none of which
    the question names, is never picked."""
    rows = {uri: p for uri in tops if (p := parse(uri)) and (not orgs or p[0] in orgs)}
    by_name: dict[tuple[str, str], list[str]] = {}
    for uri, (dept, _parent, name) in rows.items():
        by_name.setdefault((dept, name), []).append(uri)
    ask = []
    for uris in by_name.values():
        said = [u for u in uris if rows[u][1] in text]
        if len(uris) > 1 and len(said) != 1:
            ask += [f"{rows[u][1]}下的{rows[u][2]}" for u in sorted(uris)]
        for u in uris:
            if len(uris) > 1 and said and u not in said:
                del rows[u]
    return rows, ask


def cuts(rows: dict[str, tuple[str, str, str]]) -> list[tuple[str, list]]:
    """Per row item IRI, the cube cuts of its rows: department, name and parent (a row's other years are
    found by the same IRI, its department's)."""
    from query_api.cube import Cut

    return [(uri, [Cut("department", dept), Cut("row", name), Cut("row_parent", parent)])
            for uri, (dept, parent, name) in rows.items()]
