"""What `govkg ingest` makes of a record where it is parsed (the mapped N-Quads, the shared statements' lines, the
service's row texts), kept beside the record (ingest.record_cache.Derived, under govkg.derived's digest): read back
only for a record read back, never made by other code or with another base IRI; a broken entry is made again;
`--reparse` makes everything again; a store rebuilt from it is the same store."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from functools import partial
from pathlib import Path

import pyoxigraph as ox

from govkg.cli import main
from govkg.derived import derived_digest
from govkg.store_commands import _mapped
from graph_store.oxigraph import OxigraphStore
from ingest import record_cache
from ingest.parse import parse_paths
from ingest.record_cache import RecordCache

REPO = Path(__file__).resolve().parents[2]
PREPARE = partial(_mapped, rows=True)


def _documents(samples_dir: Path) -> list[Path]:
    return sorted(samples_dir.glob("*.txt")) + [samples_dir / "pdf" / "sample_budget.pdf"]


def _cache(folder: Path, reuse: bool = True, digest: str | None = None) -> RecordCache:
    return RecordCache(folder, reuse=reuse, derived=digest or derived_digest(True))


def _ingested(paths: list[Path], cache: RecordCache | None, workers: int = 1) -> list:
    return list(parse_paths(paths, workers, prepare=PREPARE, cache=cache))


def test_what_was_made_of_a_record_read_back_is_read_back_equal_to_what_is_made(samples_dir, tmp_path):
    paths = _documents(samples_dir)
    first = _ingested(paths, _cache(tmp_path / "records"))
    again = _ingested(paths, _cache(tmp_path / "records"), workers=2)
    fresh = _ingested(paths, None)
    assert [o.derived for o in first] == [False] * 3 and [(o.cached, o.derived) for o in again] == [(True, True)] * 3
    assert all(o.mapped[1] for o in again)  # the rows came back too
    assert [o.mapped for o in again] == [o.mapped for o in first] == [o.mapped for o in fresh]
    assert [o.record for o in again] == [o.record for o in fresh]


def test_another_digest_or_a_record_parsed_again_makes_it_again(samples_dir, tmp_path):
    path = samples_dir / "haizhou_data_2025_budget.txt"
    made = _ingested([path], _cache(tmp_path / "records"))[0].mapped
    other = _ingested([path], _cache(tmp_path / "records", digest="another-code"))[0]
    assert other.cached and not other.derived and other.mapped == made
    reparsed = _ingested([path], _cache(tmp_path / "records", reuse=False))[0]
    assert not reparsed.cached and not reparsed.derived and reparsed.mapped == made
    cache = _cache(tmp_path / "records")
    (cache.folder / f"{cache.lookup(path)[0]}.pickle.zz").write_bytes(b"broken")  # the record: parsed again
    outcome = _ingested([path], cache)[0]
    assert not outcome.cached and not outcome.derived and outcome.mapped == made
    assert _ingested([path], cache)[0].derived


def test_a_broken_entry_is_made_again_and_written_anew(samples_dir, tmp_path):
    path = samples_dir / "haizhou_data_2025_budget.txt"
    cache = _cache(tmp_path / "records")
    made = _ingested([path], cache)[0].mapped
    (entry,) = cache.derived.folder.glob("*.pickle.zz")
    for broken in (entry.read_bytes()[:100], b"", b"not an entry", record_cache.zlib.compress(b"\x80\x05K\x01.")):
        entry.write_bytes(broken)  # cut short, empty, not compressed, of another shape (a pickled 1)
        outcome = _ingested([path], cache)[0]
        assert outcome.cached and not outcome.derived and outcome.mapped == made
        assert _ingested([path], cache)[0].derived


def test_only_the_newest_digests_are_kept_beside_the_records(samples_dir, tmp_path):
    path = samples_dir / "haizhou_data_2025_budget.txt"
    for n in range(record_cache.KEEP_DERIVED + 2):
        _ingested([path], _cache(tmp_path / "records", digest=f"code{n}"))
    kept = sorted(p.name for p in (_cache(tmp_path / "records").folder / "derived").iterdir())
    assert len(kept) == record_cache.KEEP_DERIVED and "code0" not in kept and "code1" not in kept


def test_a_digest_only_read_is_not_pruned_before_older_ones(samples_dir, tmp_path):
    path = samples_dir / "haizhou_data_2025_budget.txt"
    for n in range(record_cache.KEEP_DERIVED):
        _ingested([path], _cache(tmp_path / "records", digest=f"code{n}"))
    assert _ingested([path], _cache(tmp_path / "records", digest="code0"))[0].derived  # read, nothing written
    _ingested([path], _cache(tmp_path / "records", digest="new"))
    kept = {p.name for p in (_cache(tmp_path / "records", digest="new").folder / "derived").iterdir()}
    assert kept == {"code0", "new"}


def test_a_failed_mapping_or_failed_rows_are_made_again_not_read_back(samples_dir, tmp_path, monkeypatch):
    import ingest.rdf
    import query_api.prepare

    path = samples_dir / "haizhou_data_2025_budget.txt"
    made = _ingested([path], None)[0].mapped
    for module, name in ((ingest.rdf, "record_to_described"), (query_api.prepare, "read_rows")):
        cache = _cache(tmp_path / name)
        with monkeypatch.context() as failing:
            failing.setattr(module, name, lambda *_, **__: (_ for _ in ()).throw(MemoryError()))
            failed = _ingested([path], cache)[0]
            assert failed.unfinished and failed.mapped != made
            assert not _ingested([path], cache)[0].derived  # the failure was not kept
        again = _ingested([path], cache)[0]
        assert again.cached and not again.derived and again.mapped == made
        assert _ingested([path], cache)[0].derived


def test_the_digest_changes_with_a_byte_of_a_rows_source_and_with_the_base_iri(tmp_path):
    source = shutil.copytree(REPO / "query_api", tmp_path / "query_api", ignore=shutil.ignore_patterns("__pycache__"))
    digest = record_cache.code_digest((source,), (), "")
    entries = source / "search_entries.py"
    entries.write_bytes(entries.read_bytes().replace(b"\n", b" \n", 1))
    record_cache.code_digest.cache_clear()  # computed once a process: the parsing processes' own
    assert record_cache.code_digest((source,), (), "") != digest
    assert record_cache.code_digest((source,), (), "") != record_cache.code_digest((source,), (), "x")
    assert derived_digest(True) != derived_digest(False)
    run = [sys.executable, "-c", "from govkg.derived import derived_digest; print(derived_digest(True))"]
    digests = {subprocess.run(run, env=dict(os.environ, GOVKG_BASE_IRI=base), capture_output=True, text=True,
                              check=True).stdout for base in ("http://example.org/a/", "http://example.org/b/")}
    assert len(digests) == 2


def _quads(store: Path) -> list[str]:
    """The store's `govkg export -f nq`, sorted, without the ontology's blank nodes (fresh each load) and the
    store's generation (in its default graph)."""
    with OxigraphStore(store, read_only=True) as s:
        data = s.export("nq")
    return sorted(str(q) for q in ox.parse(data, format=ox.RdfFormat.N_QUADS)
                  if q.graph_name != ox.DefaultGraph() and not any(isinstance(t, ox.BlankNode) for t in q))


def test_a_store_rebuilt_from_what_was_kept_is_the_same_store(samples_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("GOVKG_CACHE", str(tmp_path / "cache"))
    paths = [str(p) for p in _documents(samples_dir)]
    for store in ("first", "again"):
        assert main(["ingest", *paths, "--store", str(tmp_path / store), "--jobs", "1"]) == 0
    assert (next((tmp_path / "cache" / "records").iterdir()) / "derived").is_dir()
    assert main(["ingest", *paths, "--store", str(tmp_path / "reparsed"), "--jobs", "1", "--reparse"]) == 0
    first = _quads(tmp_path / "first")
    assert len(first) > 1000 and _quads(tmp_path / "again") == first == _quads(tmp_path / "reparsed")


def test_govkg_ingest_maps_again_when_the_code_or_the_base_iri_changes(samples_dir, tmp_path):
    """Through the command, in processes running a copy of the code: a record read back is mapped again when a
    source of its rows changes (the record itself is still read back) or the base IRI does."""
    code = tmp_path / "code"
    for package in ("govkg", "ingest", "ontology", "graph_store", "query_api"):
        shutil.copytree(REPO / package, code / package, ignore=shutil.ignore_patterns("__pycache__", "static"))
    env = dict(os.environ, PYTHONPATH=str(code), GOVKG_CACHE=str(tmp_path / "cache"))
    paths = [str(p) for p in sorted(samples_dir.glob("*.txt"))]

    def ingest(store: str, *options: str, **settings: str) -> str:
        done = subprocess.run([sys.executable, "-m", "govkg.cli", "ingest", *paths, "--store", str(tmp_path / store),
                               "--jobs", "1", *options], env=dict(env, **settings), capture_output=True, text=True,
                              cwd=code)
        assert done.returncode == 0, done.stderr
        return done.stderr

    assert "parsed before" not in ingest("s1")
    assert "2 parsed before: read from the record cache (2 mapped, with their rows, before)" in ingest("s2")
    assert "mapped" not in ingest("s3", "--reparse")
    entries = code / "query_api" / "search_entries.py"
    entries.write_bytes(entries.read_bytes() + b"\n")
    changed = ingest("s4")
    assert "2 parsed before" in changed and "mapped" not in changed
    assert "(2 mapped, with their rows, before)" in ingest("s5")
    other = ingest("s6", GOVKG_BASE_IRI="http://example.org/other/")
    assert "2 parsed before" in other and "mapped" not in other
    with OxigraphStore(tmp_path / "s6", read_only=True) as store:
        graphs = [g for g in store.graphs() if "/graph/" in g]
    assert len(graphs) == 2 and all(g.startswith("http://example.org/other/") for g in graphs)


# `govkg ingest` in a process of its own: the processes it forks (os.register_at_fork counts each) and whether a
# parser (a layout family's, the narrative's) was imported, printed as JSON once it has ended
_COUNTED = """
import json, os, sys
forks = []
os.register_at_fork(before=lambda: forks.append(1))
from govkg.cli import main
code = main(sys.argv[1:])
parsers = any(m in sys.modules for m in ("ingest.guangdong", "ingest.narrative"))
print(json.dumps({"code": code, "forks": len(forks), "parsers": parsers}))
"""


def test_a_rebuild_from_files_ingested_before_forks_no_parsing_process_and_imports_no_parser(samples_dir, tmp_path):
    env = dict(os.environ, PYTHONPATH=str(REPO), GOVKG_CACHE=str(tmp_path / "cache"))
    paths = [str(p) for p in _documents(samples_dir)]

    def ingest(store: str, *files: str) -> dict:
        done = subprocess.run([sys.executable, "-c", _COUNTED, "ingest", *files, "--store", str(tmp_path / store),
                               "--jobs", "2"], env=env, capture_output=True, text=True, cwd=REPO)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout.splitlines()[-1])

    assert ingest("first", *paths[:2]) == {"code": 0, "forks": 2, "parsers": True}
    # one file not ingested before: it is parsed, in the processes forked for it
    assert ingest("second", *paths) == {"code": 0, "forks": 2, "parsers": True}
    assert ingest("again", *paths) == {"code": 0, "forks": 0, "parsers": False}  # all read back here
    assert len(_quads(tmp_path / "first")) > 1000 and _quads(tmp_path / "again") == _quads(tmp_path / "second")
