"""What `govkg ingest` does before and beside its parsing processes: the thread that reads the ontology and
jieba's dictionary starts once they are forked, and the modules a document's rows need are imported before."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from govkg.beside import Beside
from ingest.parse import parse_paths

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("workers", [1, 2])
def test_started_is_called_before_the_first_outcome_is_waited_for(samples_dir, workers):
    events = []
    for outcome in parse_paths(sorted(samples_dir.glob("*.txt")), workers=workers, started=lambda: events.append("started")):
        events.append(outcome.path.name)
    assert events == ["started", "haizhou_data_2024_final_account.txt", "haizhou_data_2025_budget.txt"]


def test_the_ontology_read_beside_is_given_or_its_failure_raised_where_it_is_asked_for():
    beside = Beside(lambda: "graph", dictionary=False)
    assert beside.ontology() == "graph"  # started by the first ask when nothing started it
    beside.join()
    failing = Beside(lambda: 1 / 0, dictionary=False)
    failing.start()
    with pytest.raises(ZeroDivisionError):
        failing.ontology()


@pytest.mark.parametrize("name", ["haizhou_data_2025_budget.txt", "pdf/sample_budget.pdf"])
def test_a_parsing_process_imports_none_of_our_modules_to_make_a_documents_rows(samples_dir, name):
    """import_parsers (with the PDF readers for a batch holding a PDF to parse) and import_rows, run before the
    fork as run_ingest runs them, leave nothing for each process to import at its first document (0.1-0.2 s
    each; the PDF readers 0.3 s), at every ingest."""
    code = f"""
import sys
from govkg.store_commands import _mapped
from ingest import rdf  # imported by run_ingest before it parses
from ingest.parse import _read, import_parsers
from query_api.prepare import import_rows
import_parsers(pdf={name.endswith(".pdf")})
import_rows()
before = set(sys.modules)
outcome = _read(__import__("pathlib").Path({str(samples_dir / name)!r}), lambda o: _mapped(o, rows=True))[1]
assert outcome.mapped[1] is not None, outcome
ours = ("govkg", "ingest", "ontology", "graph_store", "query_api", "pdfplumber", "pdfminer", "pypdfium2")
print(sorted(m for m in set(sys.modules) - before if m.split(".")[0] in ours))
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO,
                          env={**os.environ, "PYTHONPATH": str(REPO)})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ingest_imports_jieba_without_pkg_resources(samples_dir, tmp_path, jobs):
    """jieba imports setuptools' pkg_resources (0.15 s) only to find its dictionary; govkg.lean_imports leaves
    it out, for `govkg ingest` as for `ask` and `serve`."""
    code = f"""
import sys
from govkg.cli import main
assert main(["ingest", {str(samples_dir)!r}, "--store", {str(tmp_path / "store")!r}, "--jobs", "{jobs}"]) == 0
print("jieba" in sys.modules, "pkg_resources" in sys.modules)
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO,
                          env={**os.environ, "PYTHONPATH": str(REPO), "GOVKG_CACHE": str(tmp_path / "cache")})
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "False"]


def test_the_rows_modules_imported_before_the_fork_leave_numpy_to_the_prepare():
    """`import_rows` (before the parsing processes are forked) imports no numpy (~0.1 s of CPU on the way to the
    fork, and the parsing processes never use it); the prepare's modules, imported beside, do."""
    code = """
import sys
from query_api.prepare import import_prepare, import_rows
import_rows()
print("numpy" in sys.modules)
import_prepare()
print("numpy" in sys.modules)
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO,
                          env={**os.environ, "PYTHONPATH": str(REPO)})
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "True"]
