"""A document is its department, year, kind and scope: a new version replaces the old one, and
`govkg remove` finds a document by any of its names. Real parser, real mapper, real stores."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

from govkg.cli import main
from govkg.documents import find_documents, identity_of, store_version
from graph_store.oxigraph import OxigraphStore
from graph_store.registry import open_store
from ingest.parse import parse_file
from ingest.rdf import record_to_graph
from ontology.ledger import shared_statements

RECEPTION = """PREFIX gk: <https://w3id.org/govkg/def#>
SELECT ?v WHERE { ?o gk:classification <https://w3id.org/govkg/id/code/economic/30217> ; gk:value ?v ;
  gk:fiscalYear ?y FILTER(?y = 2025) }"""
EDIT = ("公务接待费\t3.00\n", "公务接待费\t3.50\n")


def run(*argv: str) -> int:
    return main(list(argv))


@pytest.fixture
def budget(samples_dir) -> Path:
    return samples_dir / "haizhou_data_2025_budget.txt"


@pytest.fixture
def edited(budget, tmp_path) -> Path:
    """The same budget, corrected (one amount), re-exported under another name and in GB18030."""
    text = budget.read_text(encoding="utf-8")
    assert EDIT[0] in text
    path = tmp_path / "edited" / "海州市数据资源局2025年部门预算（更正）.txt"
    path.parent.mkdir()
    path.write_bytes(text.replace(*EDIT).encode("gb18030"))
    return path


def reception(store) -> list[float]:
    return sorted(float(row[0]) for row in store.query(RECEPTION))


def documents(store) -> int:
    rows = store.query("SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a <https://w3id.org/govkg/def#Document> }")
    return int(next(iter(rows))[0])


def test_reingesting_an_edited_file_leaves_one_document_with_the_new_value(budget, edited, tmp_path, capsys):
    store = tmp_path / "store"
    assert run("ingest", str(budget), "--store", str(store)) == 0
    with OxigraphStore(store, read_only=True) as s:
        assert reception(s) == [3.0]
    assert run("ingest", str(edited), "--store", str(store)) == 0
    err = capsys.readouterr().err
    assert "替换 海州市数据资源局2025年部门预算（汇总）（haizhou_data_2025_budget.txt）" in err
    assert "replaces" in err
    with OxigraphStore(store, read_only=True) as s:
        assert documents(s) == 1
        assert reception(s) == [3.5]
        assert len(s.graphs()) == 3  # the document, the ontology and the reference graph


def test_two_versions_in_one_batch_are_not_both_loaded(budget, edited, tmp_path, capsys):
    batch = tmp_path / "batch"
    batch.mkdir()
    (batch / "a.txt").write_bytes(budget.read_bytes())
    (batch / "b.txt").write_bytes(edited.read_bytes())
    store = tmp_path / "store"
    assert run("ingest", str(batch), "--store", str(store)) == 1
    err = capsys.readouterr().err
    assert "b.txt: 与本批的" in err and "same department, year, kind and scope" in err
    with OxigraphStore(store, read_only=True) as s:
        assert documents(s) == 1 and reception(s) == [3.0]


@pytest.fixture(params=["memory", "oxigraph", "virtuoso"])
def any_store(request, tmp_path):
    if request.param == "virtuoso":
        url = os.environ.get("GOVKG_VIRTUOSO_URL")
        if not url:
            pytest.skip("GOVKG_VIRTUOSO_URL is not set (start one with .ci/virtuoso.sh)")
        store = open_store("sparql", url, catalog=f"urn:govkg:test-catalog:{uuid.uuid4()}")
    else:
        store = open_store(request.param, tmp_path / "store" if request.param == "oxigraph" else None)
    yield store
    if request.param == "virtuoso":
        for g in (g for g in store.graphs() if g != store.shared_graph):  # the reference graph empties with them
            store.remove_graph(g)
        store.connector.update(f"DROP SILENT GRAPH <{store.catalog}>")
    store.close()


def test_a_new_version_replaces_the_old_on_every_backend(any_store, budget, edited, samples_dir):
    other = samples_dir / "haizhou_data_2024_final_account.txt"
    for path in (budget, other):
        assert store_version(any_store, *record_to_graph(parse_file(path))) == []
    graph_iri, graph = record_to_graph(parse_file(edited))
    replaced = store_version(any_store, graph_iri, graph)
    assert [doc.files for doc in replaced] == [["haizhou_data_2025_budget.txt"]]
    assert documents(any_store) == 2
    assert reception(any_store) == [3.5]
    assert store_version(any_store, graph_iri, graph) == []  # the same version again: nothing replaced
    assert identity_of(graph).year == 2025


def test_remove_finds_a_document_by_each_of_its_names(any_store, budget, samples_dir):
    final = samples_dir / "haizhou_data_2024_final_account.txt"
    graphs = {}
    for path in (budget, final):
        record = parse_file(path)
        graphs[path.name] = record_to_graph(record)[0]
        store_version(any_store, *record_to_graph(record))
        sha = record.sha256
    assert find_documents(any_store, budget.name) == [graphs[budget.name]]
    assert find_documents(any_store, str(budget)) == [graphs[budget.name]]  # a path: its file name
    assert find_documents(any_store, sha) == [graphs[final.name]]
    assert find_documents(any_store, sha[:10].upper()) == [graphs[final.name]]
    assert find_documents(any_store, graphs[final.name]) == [graphs[final.name]]
    assert find_documents(any_store, "海州市数据资源局2025年部门预算（汇总）") == [graphs[budget.name]]
    assert find_documents(any_store, "海州市数据资源局2025年部门预算(汇总)") == [graphs[budget.name]]
    assert sorted(find_documents(any_store, "海州市数据资源局")) == sorted(graphs.values())
    assert find_documents(any_store, "海") == []  # a stray word names nothing
    assert find_documents(any_store, department="海州市数据资源局", year=2024) == [graphs[final.name]]
    assert find_documents(any_store, department="海州市数据资源局", kind="预算") == [graphs[budget.name]]
    assert find_documents(any_store, department="海州市数据资源局", kind="budget", scope="本级") == []
    assert find_documents(any_store, year=2025, kind="final_account") == []


@pytest.mark.parametrize("name", ["bad\rname.txt", 'quo"te.txt', "back\\slash.txt", "nul\x00.txt", "new\nline",
                                  "\udcb2\udce2.txt", "{ } . ?x ;"])
def test_remove_with_any_character_in_the_name_is_not_a_query_error(any_store, budget, name):
    store_version(any_store, *record_to_graph(parse_file(budget)))
    assert find_documents(any_store, name) == []


def test_remove_by_department_year_and_kind_on_the_command_line(budget, samples_dir, tmp_path, capsys):
    store = tmp_path / "store"
    for path in (budget, samples_dir / "haizhou_data_2024_final_account.txt"):
        assert run("ingest", str(path), "--store", str(store)) == 0
    assert run("remove", "--department", "海州市数据资源局", "--store", str(store)) == 1
    assert "matches 2 documents" in capsys.readouterr().err
    assert run("remove", "--department", "海州市数据资源局", "--year", "2025", "--kind", "预算",
               "--store", str(store)) == 0
    with OxigraphStore(store, read_only=True) as s:
        assert documents(s) == 1
    assert run("remove", "bad\rname.txt", "--store", str(store)) == 1
    assert "no document" in capsys.readouterr().err
    assert run("remove", "海州市数据资源局", "--all", "--store", str(store)) == 0
    with OxigraphStore(store, read_only=True) as s:
        assert documents(s) == 0
    assert run("remove", "--store", str(store)) == 2


def test_an_ingest_killed_while_replacing_leaves_one_whole_version(budget, tmp_path):
    """kill -9 at several moments of replacing a document by a larger version: the store then holds
    exactly one version, whole: the old one or the new one."""
    import signal
    import subprocess
    import sys
    import time

    store = tmp_path / "store"
    assert run("ingest", str(budget), "--store", str(store)) == 0
    text = budget.read_text(encoding="utf-8").replace(*EDIT)
    bigger = tmp_path / "bigger.txt"
    bigger.write_text(text + "\n" + "\n".join(text.splitlines()[60:]) * 40, encoding="utf-8")
    sizes = {len(record_to_graph(parse_file(path))[1]) for path in (budget, bigger)}
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    for delay in (1.5, 3.0, 4.0, 4.6):  # starting, parsing, mapping, writing (about 5 s in all)
        child = subprocess.Popen([sys.executable, "-m", "govkg.cli", "ingest", str(bigger), "--store", str(store)],
                                 env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        with OxigraphStore(store, read_only=True) as s:
            assert documents(s) == 1
            docs = [g for g in s.graphs() if g not in ("https://w3id.org/govkg/def", s.shared_graph)]
            held = [s.triple_count(g) for g in docs]
            # the reference graph holds exactly what that version's ledger states: written in the same step
            ledger = shared_statements(t[:3] for t in s.quads(docs[0]))
            assert {t[:3] for t in s.quads(s.shared_graph)} == ledger, delay
        assert len(held) == 1 and held[0] in sizes, (delay, held, sizes)
