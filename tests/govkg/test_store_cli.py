"""`govkg ingest | remove | export | stats` end to end: real parser, real mapper, a real on-disk store."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from govkg.cli import main
from graph_store.oxigraph import OxigraphStore

EX = "http://example.org/govkg-test/"


def run(*argv: str) -> int:
    return main(list(argv))


GK = Namespace("https://w3id.org/govkg/def#")


@pytest.fixture
def filled(tmp_path) -> Path:
    """A store holding two hand-built document graphs in the govkg vocabulary, and the labels of its
    terms in an ontology graph."""
    path = tmp_path / "store"
    with OxigraphStore(path) as store:
        for n, name, phase in ((1, "a_2023_budget.txt", GK.Budget), (2, "b_2024_final.pdf", GK.FinalAccount)):
            g = Graph()
            doc, dept = URIRef(f"{EX}doc/{n}"), URIRef(f"{EX}dept/{n}")
            g.add((doc, RDF.type, GK.Document))
            g.add((doc, GK.fileName, Literal(name)))
            g.add((doc, GK.sha256, Literal(f"{n}" * 64)))
            g.add((doc, GK.department, dept))
            g.add((doc, GK.fiscalYear, Literal(2022 + n)))
            g.add((doc, GK.phase, phase))
            g.add((dept, RDF.type, GK.Department))
            g.add((dept, RDFS.label, Literal(f"部门{n}", lang="zh")))
            store.replace_graph(f"urn:govkg:doc:{n}", g)
        onto = Graph()
        onto.add((GK.Department, RDFS.label, Literal("部门", lang="zh")))
        onto.add((GK.Budget, SKOS.prefLabel, Literal("预算", lang="zh")))
        onto.add((GK.FinalAccount, SKOS.prefLabel, Literal("决算", lang="zh")))
        store.replace_graph("urn:govkg:def", onto)
    return path


def graphs_in(path: Path) -> list[str]:
    with OxigraphStore(path, read_only=True) as store:
        return store.graphs()


def test_remove_by_file_name(filled, capsys):
    assert run("remove", "a_2023_budget.txt", "--store", str(filled)) == 0
    assert graphs_in(filled) == ["urn:govkg:def", "urn:govkg:doc:2"]
    assert "removed urn:govkg:doc:1" in capsys.readouterr().err


def test_remove_by_sha256_and_by_graph_iri(filled):
    assert run("remove", "2" * 64, "--store", str(filled)) == 0
    assert run("remove", "urn:govkg:doc:1", "--store", str(filled)) == 0
    assert graphs_in(filled) == ["urn:govkg:def"]


def test_removing_an_unknown_document_says_so_and_changes_nothing(filled, capsys):
    assert run("remove", "nothing.txt", "--store", str(filled)) == 1
    assert "nothing.txt" in capsys.readouterr().err
    assert len(graphs_in(filled)) == 3


def test_export_writes_each_format(filled, tmp_path, capsysbinary):
    out = tmp_path / "all.nq"
    assert run("export", "--format", "nq", "-o", str(out), "--store", str(filled)) == 0
    data = Dataset().parse(out, format="nquads")
    assert {str(g.identifier) for g in data.graphs() if len(g)} == {"urn:govkg:def", "urn:govkg:doc:1",
                                                                    "urn:govkg:doc:2"}
    assert run("export", "--store", str(filled)) == 0  # default: Turtle of the union graph, to stdout
    union = Graph().parse(data=capsysbinary.readouterr().out, format="turtle")
    assert (URIRef(f"{EX}dept/2"), RDFS.label, Literal("部门2", lang="zh")) in union
    assert run("export", "--format", "jsonld", "--store", str(filled)) == 0
    assert len(Graph().parse(data=capsysbinary.readouterr().out, format="json-ld")) == len(union)


def test_export_with_an_unknown_format_is_a_plain_error(filled, capsys):
    assert run("export", "--format", "xlsx", "--store", str(filled)) == 1
    assert "unknown export format" in capsys.readouterr().err


def test_stats_counts_documents_triples_and_entities_by_type(filled, capsys):
    assert run("stats", "--store", str(filled)) == 0
    out = capsys.readouterr().out
    assert "documents: 2   graphs: 3   triples: 19" in out
    assert "部门1 2023年部门预算  a_2023_budget.txt  8 triples  <urn:govkg:doc:1>" in out
    assert "部门2 2024年部门决算  b_2024_final.pdf" in out
    assert "(not a document) 3 triples  <urn:govkg:def>" in out
    assert "2  部门" in out and "2  Document" in out


def test_stats_into_a_reader_that_stops_early_is_no_traceback(filled):
    """`govkg stats | head -1`: the reader closes the pipe; the command stops quietly."""
    command = [sys.executable, "-c", "import sys; from govkg.cli import main; sys.exit(main(sys.argv[1:]))",
               "stats", "--store", str(filled)]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            cwd=Path(__file__).resolve().parents[2])
    proc.stdout.close()  # the reader is gone before the first line
    err = proc.stderr.read().decode()
    proc.wait(timeout=60)
    assert "Traceback" not in err and "BrokenPipe" not in err, err
    assert proc.returncode == 141


def test_commands_on_a_missing_store_say_to_ingest_first(tmp_path, capsys):
    assert run("stats", "--store", str(tmp_path / "none")) == 1
    assert "govkg ingest" in capsys.readouterr().err


def test_a_store_another_process_writes_is_reported_not_a_traceback(filled, capsys):
    holder = subprocess.Popen(
        [sys.executable, "-c", f"import sys, pyoxigraph\ns = pyoxigraph.Store({str(filled)!r})\n"
                               "print('open', flush=True)\nsys.stdin.read()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        assert run("remove", "urn:govkg:doc:1", "--store", str(filled)) == 1
        assert "another process" in capsys.readouterr().err
        assert run("stats", "--store", str(filled)) == 0  # readers still read
    finally:
        holder.stdin.close()
        holder.wait(timeout=10)


# -- ingest, through the real parser and mapper

def _documents(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix.lower() in (".txt", ".pdf"))


def _snapshot(path: Path) -> tuple[int, set]:
    """The triple count and every quad without a blank node. The mapper mints document IRIs from names
    and codes; only the ontology's own structure ([ qb:dimension … ]) has blank nodes, fresh each load."""
    with OxigraphStore(path, read_only=True) as store:
        quads = list(store.quads())
    return len(quads), {q for q in quads if not any(isinstance(t, BNode) for t in q[:3])}


def _stored_document(store: Path, folder: Path) -> Path:
    """A document of `folder` that the store holds (found by its file name, as a user would)."""
    from govkg.store_commands import find_documents

    with OxigraphStore(store, read_only=True) as s:
        held = [doc for doc in _documents(folder) if find_documents(s, doc.name)]
    assert held, "no document of the folder is in the store"
    return held[0]


def check_ingest_is_repeatable(folder: Path, store: Path) -> None:
    """Ingesting again changes nothing; removing one document and ingesting it again restores it."""
    first = _snapshot(store)
    assert first[0] > 0
    run("ingest", str(folder), "--store", str(store))
    assert _snapshot(store) == first
    one = _stored_document(store, folder)
    assert run("remove", one.name, "--store", str(store)) == 0
    assert _snapshot(store)[0] < first[0]
    assert run("ingest", str(one), "--store", str(store)) == 0
    assert _snapshot(store) == first


@pytest.fixture(scope="module")
def mapper():
    return pytest.importorskip("ingest.rdf", reason="the RDF mapper (ingest/rdf.py) is not written yet")


@pytest.fixture(scope="module")
def samples_store(mapper, samples_dir, tmp_path_factory) -> Path:
    if not _documents(samples_dir):
        pytest.skip("no sample documents in samples/")
    store = tmp_path_factory.mktemp("samples") / "store"
    assert run("ingest", str(samples_dir), "--store", str(store)) == 0
    return store


@pytest.fixture(scope="module")
def corpus_store(mapper, shared_dir, tmp_path_factory) -> tuple[Path, int]:
    store = tmp_path_factory.mktemp("corpus") / "store"
    return store, run("ingest", str(shared_dir / "corpus"), "--store", str(store))


def test_ingesting_the_samples_again_or_after_removal_changes_nothing(samples_store, samples_dir):
    check_ingest_is_repeatable(samples_dir, samples_store)


@pytest.mark.shared
def test_every_corpus_document_ingests(corpus_store, shared_dir):
    store, status = corpus_store
    assert len(_documents(shared_dir / "corpus")) == 8
    assert status == 0
    with OxigraphStore(store, read_only=True) as s:
        assert len(s.graphs()) == 8 + 2  # and the ontology and the reference graph


@pytest.mark.shared
def test_ingesting_the_corpus_again_or_after_removal_changes_nothing(corpus_store, shared_dir):
    check_ingest_is_repeatable(shared_dir / "corpus", corpus_store[0])


def test_a_bad_document_in_a_batch_is_reported_and_skipped(mapper, samples_dir, tmp_path, capsys):
    batch = tmp_path / "batch"
    batch.mkdir()
    for doc in _documents(samples_dir)[:1]:
        shutil.copy(doc, batch / doc.name)
    (batch / "notes.txt").write_text("会议纪要：明天下午三点开会。\n" * 20, encoding="utf-8")
    (batch / "broken.pdf").write_bytes(b"%PDF-1.4 this is not really a pdf")
    store = tmp_path / "store"
    assert run("ingest", str(batch), "--store", str(store)) == 1
    err = capsys.readouterr().err
    assert "notes.txt" in err and "broken.pdf" in err
    assert "2 failed" in err
    with OxigraphStore(store, read_only=True) as s:
        text = s.export("nq").decode("utf-8")
    assert "notes.txt" not in text and "broken.pdf" not in text and "会议纪要" not in text


def test_ingest_with_no_documents_is_a_plain_error(mapper, tmp_path, capsys):
    assert run("ingest", str(tmp_path), "--store", str(tmp_path / "store")) == 1
    assert "no .txt or .pdf files" in capsys.readouterr().err


def test_export_csv_writes_every_figure_with_its_source(tmp_path):
    import csv

    from ingest.rdf import record_to_graph
    from ingest.record import Fact, LineItem, Program, Record, Source

    record = Record("临江市北湖区审计局", 2025, "budget", "standalone", "audit.txt", "e" * 64, "tsv")
    record.line_items = [LineItem("支出表", "2010801", "行政运行", {"合计": 1234.5678}, "functional", source=Source("支出表", 12))]
    record.programs = [Program("审计业务经费", "临江市北湖区审计局", 80.0, source=Source("项目表", 30))]
    record.facts = [Fact("revenue_change", -20.5, source=Source("说明", 40))]
    with OxigraphStore(tmp_path / "store") as store:
        store.replace_graph(*record_to_graph(record))
    out = tmp_path / "figures.csv"
    assert run("export", "--format", "csv", "-o", str(out), "--store", str(tmp_path / "store")) == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("\ufeffkind,department,year")
    rows = {(r["kind"], r["value"], r["line"], r["document"]) for r in csv.DictReader(text[1:].splitlines())}
    assert {("line_item", "1234.5678", "12", "audit.txt"), ("program", "80", "30", "audit.txt"),
            ("fact", "-20.5", "40", "audit.txt")} <= rows


def test_the_ingest_rate_reads_as_a_figure_at_any_speed():
    from govkg.store_commands import _rate

    assert _rate(12, 316.0) == "26.3 s/document"  # slow PDFs: never "0.0 documents/s"
    assert _rate(100, 21.8) == "4.6 documents/s"
    assert _rate(0, 3.0) == "0.0 documents/s"


def test_the_parsing_processes_send_the_writer_the_records_head(samples_dir):
    """What `govkg ingest`'s writing process reads of a record (its parts and warnings), not all it lists."""
    from functools import partial

    from govkg.store_commands import _mapped
    from ingest.parse import parse_file, parse_paths

    path = samples_dir / "haizhou_data_2025_budget.txt"
    (outcome,) = parse_paths([path], prepare=partial(_mapped, rows=False))
    whole = parse_file(path)
    assert whole.line_items and not outcome.record.line_items and not outcome.record.programs
    assert (outcome.record.warnings, outcome.record.parts, outcome.record.sha256) == (whole.warnings, whole.parts,
                                                                                      whole.sha256)
    assert outcome.mapped[0].iri and outcome.mapped[1] is None
