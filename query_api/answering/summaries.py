"""Per-document summaries of what the questions whose answer grows with the store read — every program with
its budget, and every performance indicator that falls short of its target — so such a question finds and
counts its answers without asking the store, then asks the store only for the page it shows.

Each document's rows are read from its description (the document alone, as answering.candidates reads its
texts), kept under the graph's version (query_api.entries_cache) and made when a document is prepared
(query_api.prepare); the rows of every document are merged into one SQLite table per store state (a file in
$GOVKG_CACHE for a store on disk), read by SQL: no store-sized structure lives in the server's memory.

A summary is never the source of a figure shown: it says which programs or indicators answer and how many
there are; the answers' figures, texts and source lines are read from the store by the answering queries,
for the page alone.
"""

from __future__ import annotations

import sqlite3
import threading

from graph_store.shared import description
from query_api import entries_cache, queries
from query_api.answering.rows import asked_years
from query_api.knowledge_cache import write_sqlite
from query_api.state_cache import StateCache

FORMAT = "1"  # raised when the rows kept per document change: the files kept per version are read anew

# A program's budget (预算数) and executed (执行数) amounts in one document, as programs.PROGRAMS reads them.
PROGRAMS = """
SELECT DISTINCT ?p ?label ?year ?doc ?deptLabel ?orgLabel ?amount WHERE {{
  ?p a {Program} ; {label} ?label ; {year} ?year ; {department} ?dept ; {from} ?doc .
  ?dept {label} ?deptLabel .
  OPTIONAL {{ ?p {spentBy} ?org . ?org {label} ?orgLabel }}
  OPTIONAL {{ ?budget {program} ?p ; {from} ?doc ; {column} ?bc ; {value} ?amount . FILTER(STR(?bc) = "预算数") }}
}}
"""


def _indicators_query() -> str:
    from query_api.answering.indicators import INDICATORS, MEASURED  # the rows unmet() reads, no other

    return queries.sparql(INDICATORS, filters=MEASURED)


def _number(node) -> float | None:
    try:
        return float(node.toPython()) if node is not None else None
    except (TypeError, ValueError, AttributeError):
        return None


def _text(node) -> str | None:
    return str(node) if node is not None else None


def _line(node) -> int | None:
    try:
        return int(node.toPython()) if node is not None else None
    except (TypeError, ValueError, AttributeError):
        return None


def document_rows(store, graph: str, view=None) -> dict:
    """{"programs": [[p, label, year, doc, deptLabel, orgLabel, amount]], "unmet": [[i, label, doc, year, line]]}
    of one document graph (`view`: its description when the caller has read it)."""
    from query_api.answering.indicators import met

    if view is None:
        view = description(store, graph)
    programs = [[str(r.p), str(r.label), _line(r.year), str(r.doc), str(r.deptLabel), _text(r.orgLabel), _number(r.amount)]
                for r in view.query(queries.sparql(PROGRAMS), timeout=30)]
    unmet = [[str(r.i), str(r.label), _text(r.doc), _line(r.year), _line(r.line)]
             for r in view.query(_indicators_query(), timeout=30) if met(r) is False]
    return {"programs": programs, "unmet": unmet}


def kind() -> str:
    return f"summary{FORMAT}"


def cached_rows(store, graph: str, version: str) -> dict:
    return entries_cache.cached(kind(), store, graph, version, lambda: document_rows(store, graph))


PROGRAM_COLUMNS = "p, label, year, doc, dept, org, amount"


class Summary:
    """The merged rows of every document of one store state, in SQLite (one connection shared under a lock)."""

    def __init__(self, db: sqlite3.Connection):
        self._db, self._lock = db, threading.Lock()

    def rows(self, sql: str, parameters=()) -> list[tuple]:
        with self._lock:
            return self._db.execute(sql, parameters).fetchall()

    def programs_of(self, iris: set[str], condition: str = "", parameters=()) -> list[tuple]:
        """(p, label, year, doc, deptLabel, orgLabel, amount) of the given programs (and `condition`, SQL
        after AND)."""
        with self._lock:
            self._db.execute("DELETE FROM wanted")
            self._db.executemany("INSERT OR IGNORE INTO wanted VALUES (?)", ((i,) for i in iris))
            return self._db.execute(f"SELECT {PROGRAM_COLUMNS} FROM programs WHERE p IN (SELECT iri FROM wanted)"
                                    f"{condition}", parameters).fetchall()


def _fill(db: sqlite3.Connection, documents) -> None:
    db.execute("CREATE TABLE programs (p TEXT, label TEXT, year INTEGER, doc TEXT, dept TEXT, org TEXT, amount REAL)")
    db.execute("CREATE TABLE unmet (i TEXT, label TEXT, doc TEXT, year INTEGER, line INTEGER)")
    for rows in documents:
        db.executemany("INSERT INTO programs VALUES (?, ?, ?, ?, ?, ?, ?)", rows["programs"])
        db.executemany("INSERT INTO unmet VALUES (?, ?, ?, ?, ?)", rows["unmet"])
    db.execute("CREATE INDEX programs_p ON programs (p)")
    db.execute("CREATE INDEX programs_amount ON programs (amount)")


def _open(db: sqlite3.Connection) -> Summary:
    db.execute("CREATE TEMP TABLE wanted (iri TEXT PRIMARY KEY)")  # the IRIs a question looks up, per question
    return Summary(db)


_SUMMARIES: StateCache[Summary] = StateCache(keep=4)


def summary_for(store) -> Summary:
    """The Summary of `store` in its present state: loaded from its file when made before (by `govkg ingest`'s
    prepare, or a server), else made from each document's rows (read once per graph version)."""
    from query_api.ask import store_state

    return _SUMMARIES.get(store_state(store), lambda: _made(store))


def _made(store) -> Summary:
    versions = store.document_versions()

    def documents():  # what is kept of every document read in a few statements, not a look-up each (0.6 s at 1,000)
        return entries_cache.cached_each(kind(), store, cached_rows, versions).values()

    db = None
    if store.persistent:
        file = entries_cache.merged_path(kind(), store.graph_versions(), ".sqlite")
        if not file.is_file() and write_sqlite(file, lambda db: _fill(db, documents())):
            entries_cache.prune(file, entries_cache.MERGED_KEPT)
        db = sqlite3.connect(f"file:{file}?mode=ro", uri=True, check_same_thread=False) if file.is_file() else None
    if db is None:  # a store that keeps nothing on disk, or a cache that cannot be written
        db = sqlite3.connect(":memory:", check_same_thread=False)
        _fill(db, documents())
    return _open(db)


# --- what a summary answers: which rows, in which order, how many -------------------------------------

_OPERATORS = {">": ">", ">=": ">=", "<": "<", "<=": "<="}


def _in_years(q, column: str) -> tuple[str, list[int]]:
    """The SQL condition on `column` for the years the question names (none: every year), and its parameters."""
    years = asked_years(q)
    return (f" AND {column} IN ({', '.join('?' * len(years))})", years) if years else ("", [])


def program_rows(summary: Summary, q, iris: set[str] | None = None) -> list[tuple]:
    """(p, label, year, doc, dept, org, amount) of the given programs, or of those whose budget passes the
    question's threshold (`iris` None), in the years the question names."""
    in_years, years = _in_years(q, "year")
    if iris is not None:
        return summary.programs_of(iris, in_years, years)
    if q.comparator == "between" and q.number_high is not None:
        test, parameters = "amount >= ? AND amount <= ?", [q.number, q.number_high]
    elif q.comparator in _OPERATORS and q.number is not None:
        test, parameters = f"amount {_OPERATORS[q.comparator]} ?", [q.number]
    else:
        return []
    return summary.rows(f"SELECT {PROGRAM_COLUMNS} FROM programs WHERE {test}{in_years}", (*parameters, *years))


def unmet_rows(summary: Summary, q) -> list[tuple]:
    """(i, label, doc, year, line) of every indicator short of its target, in the years asked, in the order
    indicators.unmet lists them (by document, then line)."""
    in_years, years = _in_years(q, "year")
    return summary.rows(f"SELECT i, label, doc, year, line FROM unmet WHERE 1{in_years} ORDER BY doc, line", years)
