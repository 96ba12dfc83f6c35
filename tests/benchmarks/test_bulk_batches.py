"""benchmarks/bulk_batches.py loads an export's document graphs, copied under other names, in loads of N quads (or
some loads, then the rest in one) by the oxigraph store's write_new, and prints its CPU against one bulk_load."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from benchmarks.bulk_batches import documents, main  # noqa: E402

G = "https://w3id.org/govkg/id/graph/"


def _export(path: Path) -> Path:
    lines = [f'<urn:s{n}> <urn:p> "{n}" <{G}{n % 3}> .\n' for n in range(30)]
    lines.append('<urn:s> <urn:p> "shared" <urn:govkg:shared> .\n')  # not a document graph: not copied
    path.write_text("".join(lines), encoding="utf-8")
    return path


def test_each_copy_of_a_document_graph_is_named_apart(tmp_path):
    docs = documents(_export(tmp_path / "q.nq"), 2)
    assert sorted(d.iri for d in docs) == sorted(f"{G}{n}c{c}" for n in range(3) for c in range(2))
    assert all(len(d) == 10 and d.own.count(f"<{d.iri}> .".encode()) == 10 for d in docs)


def test_it_prints_the_loads_against_one_bulk_load(tmp_path, capsys):
    assert main([str(_export(tmp_path / "q.nq")), "--copies", "2", "--batch", "15", "--then-all", "1",
                 "--per-load"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("  load 1: 20 quads") and out[1].startswith("  load 2: 40 quads")
    assert out[-1].startswith("6 documents, 60 quads: write_new in loads of 15, the rest in one after 1:")
    assert "one bulk_load:" in out[-1]
