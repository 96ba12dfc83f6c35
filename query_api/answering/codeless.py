"""Lines printed without a code (杭州, 西安 print 功能分类 rows by name only, ingest/rdf.py keeps each as an
observation with its name and gk:parentName and no concept): each is an "item" of the lexicon, named by its
row name within the department that prints it. Its IRI carries the department, the parent's name and the
name, so the item path cuts the cube by them (cube cut `row`, `row_parent`) as it cuts coded lines by code. A
line with nothing above it (a 类: 社会保障和就业支出) has an empty parent, cut as `row_parent:-` (TOP); it is an item
only when lines are printed under it (a row with neither code nor lines under it is a stray of a table, 一、部门预算)."""

from __future__ import annotations

import functools
import re
from urllib.parse import quote, unquote

from query_api.cube import TOP  # the cube's row_parent of a line with nothing above it

MARK = "/row/"
# A table's total printed as a row (本年支出合计, a parser's stray total under a line) is the department's
# figure, never an item: as an item its name would take questions of the totals (支出总计比上年增减了多少).
_TOTAL = re.compile(r"(?:合计|总计|小计|共计)$")

# The rows printed without a code, with what they are part of: one per name, parent, department and column.
ROWS = """
SELECT DISTINCT ?dept ?parent ?label ?column ?year ?doc WHERE {{
  ?o a gk:LineItemObservation ; rdfs:label ?label ; gk:column ?column ;
     gk:organization ?dept ; gk:fiscalYear ?year ; prov:wasDerivedFrom ?doc .
  OPTIONAL {{ ?o gk:parentName ?parent }}
  FILTER NOT EXISTS {{ ?o gk:classification ?c }}
}}
"""


@functools.lru_cache(maxsize=65536)  # a name comes once per column, year and document: read each once
def _a_measure(name: str) -> bool:
    """Whether a row is named by a measure's words alone (西安's 收支总表: 一、部门预算, 一、财政拨款): the
    department's figure, as a total is, never an item (as one it took 某局部门预算总额 from every department)."""
    from query_api.slots import measure_spans

    return any(start == 0 and end == len(name) for start, end, _ in measure_spans(name))


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


def row_name(label: str, column: str) -> str | None:
    """The row's name of an observation labelled "{name} {column}" (ingest/rdf.py); None for another label."""
    suffix = " " + column
    return label[: -len(suffix)].strip() if label.endswith(suffix) else None


def lexicon_rows(results) -> list[list]:
    """The lexicon rows (s, kind, label, alt, year, doc, parent) of the ROWS query's results: the row's name is
    its observation's label less the column (ingest/rdf.py labels it "{name} {column}"). A row without a parent
    is one only when its document prints rows under it."""
    out, found, parents = {}, [], set()
    for r in results:
        name = row_name(str(r.label), str(r.column))
        if name is None:
            continue
        parent = str(r.parent) if r.parent is not None else ""
        if name and not _TOTAL.search(name) and not _a_measure(name):
            found.append((str(r.dept), parent, name, int(r.year), str(r.doc)))
            parents.add((str(r.doc), parent))
    for dept, parent, name, year, doc in found:
        if parent or (doc, name) in parents:
            iri = row_iri(dept, parent, name)
            out.setdefault(iri, [iri, "item", name, None, year, doc, dept])
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
        # the parent named besides the line's own name (其他支出 under 其他支出: the name is no parent named)
        said = [u for u in uris if rows[u][1] and rows[u][1] in text.replace(rows[u][2], "", 1)]
        if len(uris) > 1 and len(said) != 1:
            ask += [f"{rows[u][1]}下的{rows[u][2]}" if rows[u][1] else f"最上一级的{rows[u][2]}" for u in sorted(uris)]
        for u in uris:
            if len(uris) > 1 and said and u not in said:
                del rows[u]
    # a line named to say which one is meant (水文事务行政运行) is not asked for itself
    named_parents = {(dept, parent) for dept, parent, _ in rows.values()}
    rows = {u: p for u, p in rows.items() if (p[0], p[2]) not in named_parents}
    return rows, ask


def cuts(rows: dict[str, tuple[str, str, str]]) -> list[tuple[str, list]]:
    """Per row item IRI, the cube cuts of its rows: department, name and parent (a row's other years are
    found by the same IRI, its department's)."""
    from query_api.cube import Cut

    return [(uri, [Cut("department", dept), Cut("row", name), Cut("row_parent", parent or TOP)])
            for uri, (dept, parent, name) in rows.items()]


def below(lexicon, uri: str) -> list[tuple[str, str]]:
    """(parent name, name) of the lines printed under the row `uri` and under those (its 款 and their 项), of
    its department: a line whose name the department also prints under another parent is not followed further
    (its lines could be another's)."""
    top = parse(uri)
    if top is None:
        return []
    dept, _, name = top
    rows = [p for e in lexicon.of_kind("item", parents=[dept]) if (p := parse(e.uri)) and p[0] == dept]
    parents_of: dict[str, set[str]] = {}
    for _, parent, child in rows:
        parents_of.setdefault(child, set()).add(parent)
    out, level = [], {name}
    for _ in range(2):
        pairs = [(p, c) for _, p, c in rows if p in level and c != p and parents_of[c] <= level]
        out += pairs
        level = {c for _, c in pairs}
    return list(dict.fromkeys(out))
