"""The cache of parsed records (ingest.record_cache): a file parsed before with the same code is read back,
never a record of other bytes, another name or other parser code; a broken entry is parsed again."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ingest import record_cache
from ingest.parse import parse_paths
from ingest.record_cache import RecordCache, code_digest

REPO = Path(__file__).resolve().parents[2]


def _documents(samples_dir: Path) -> list[Path]:
    return sorted(samples_dir.glob("*.txt")) + [samples_dir / "pdf" / "sample_budget.pdf"]


def test_a_file_parsed_before_is_read_back_equal_to_its_parse(samples_dir, tmp_path):
    cache = RecordCache(tmp_path / "records")
    first = list(parse_paths(_documents(samples_dir), cache=cache))
    again = list(parse_paths(_documents(samples_dir), workers=2, cache=cache))
    assert [o.cached for o in first] == [False] * 3 and [o.cached for o in again] == [True] * 3
    assert [o.record for o in again] == [o.record for o in first] == [o.record for o in parse_paths(_documents(samples_dir))]


def test_the_same_bytes_under_another_name_or_edited_are_parsed(samples_dir, tmp_path):
    cache = RecordCache(tmp_path / "records")
    original = samples_dir / "haizhou_data_2025_budget.txt"
    list(parse_paths([original], cache=cache))
    renamed = tmp_path / "renamed.txt"
    shutil.copy(original, renamed)
    edited = tmp_path / original.name
    edited.write_bytes(original.read_bytes() + b"\n")
    for path in (renamed, edited):
        outcome = next(iter(parse_paths([path], cache=cache)))
        assert not outcome.cached and outcome.record.source_file == path.name
    assert next(iter(parse_paths([renamed], cache=cache))).cached


def test_a_broken_entry_is_parsed_again_and_written_anew(samples_dir, tmp_path):
    cache = RecordCache(tmp_path / "records")
    path = samples_dir / "haizhou_data_2025_budget.txt"
    parsed = next(iter(parse_paths([path], cache=cache))).record
    (entry,) = cache.folder.glob("*.pickle.zz")
    for broken in (entry.read_bytes()[:100], b"", b"not a record"):
        entry.write_bytes(broken)
        outcome = next(iter(parse_paths([path], cache=cache)))
        assert not outcome.cached and outcome.record == parsed
        assert next(iter(parse_paths([path], cache=cache))).cached


def test_reparsing_reads_no_record_but_keeps_each(samples_dir, tmp_path):
    path = samples_dir / "haizhou_data_2025_budget.txt"
    assert not RecordCache(tmp_path / "records").holds(path)
    list(parse_paths([path], cache=RecordCache(tmp_path / "records")))
    assert RecordCache(tmp_path / "records").holds(path) and not RecordCache(tmp_path / "records", reuse=False).holds(path)
    assert not next(iter(parse_paths([path], cache=RecordCache(tmp_path / "records", reuse=False)))).cached
    assert next(iter(parse_paths([path], cache=RecordCache(tmp_path / "records")))).cached


def test_a_publication_in_parts_is_parsed_with_its_partner_each_time(samples_dir, tmp_path):
    from tests.ingest.test_parts import split_sample

    folder = tmp_path / "parts"
    folder.mkdir()
    for name, text in zip(("说明.txt", "报表.txt"), split_sample(samples_dir), strict=True):
        (folder / name).write_text(text, encoding="utf-8")
    cache = RecordCache(tmp_path / "records")
    first, again = list(parse_paths([folder], cache=cache)), list(parse_paths([folder], cache=cache))
    assert len(first) == 1 and len(first[0].record.parts) == 2
    assert not again[0].cached and again[0].record == first[0].record


def test_one_byte_of_a_parser_source_changes_the_code_digest(tmp_path):
    source = shutil.copytree(REPO / "ingest", tmp_path / "ingest", ignore=shutil.ignore_patterns("__pycache__"))
    digest = code_digest((source,))
    assert code_digest((source,)) == digest
    narrative = source / "narrative.py"
    narrative.write_bytes(narrative.read_bytes().replace(b"\n", b" \n", 1))
    code_digest.cache_clear()
    assert code_digest((source,)) != digest


def test_only_the_newest_parser_codes_are_kept(tmp_path):
    folder = tmp_path / "records"
    for n in range(record_cache.KEEP + 2):
        old = folder / f"old{n}"
        old.mkdir(parents=True)
        os.utime(old, (1_000_000 + n, 1_000_000 + n))
    cache = RecordCache(folder)
    kept = sorted(p.name for p in folder.iterdir())
    assert cache.folder.name in kept and len(kept) == record_cache.KEEP
    assert "old0" not in kept and "old1" not in kept and "old2" not in kept


def test_govkg_ingest_reads_records_kept_until_its_parser_code_changes(samples_dir, tmp_path):
    """Through the command, in processes running a copy of the code: an edited parser source parses again."""
    code = tmp_path / "code"
    for package in ("govkg", "ingest", "ontology", "graph_store", "query_api"):
        shutil.copytree(REPO / package, code / package, ignore=shutil.ignore_patterns("__pycache__", "static"))
    env = dict(os.environ, PYTHONPATH=str(code), GOVKG_CACHE=str(tmp_path / "cache"))

    def ingest(*options: str) -> str:
        done = subprocess.run([sys.executable, "-m", "govkg.cli", "ingest", *map(str, _documents(samples_dir)),
                               "--store-kind", "memory", *options], env=env, capture_output=True, text=True, cwd=code)
        assert done.returncode == 0, done.stderr
        return done.stderr

    assert "parsed before" not in ingest()
    assert "3 parsed before: read from the record cache" in ingest("--jobs", "2")
    assert "parsed before" not in ingest("--reparse")
    narrative = code / "ingest" / "narrative.py"
    narrative.write_bytes(narrative.read_bytes() + b"\n")
    assert "parsed before" not in ingest()
    assert "3 parsed before" in ingest()
    if not (tmp_path / "cache" / "records").is_dir():
        pytest.fail("the records were not kept in $GOVKG_CACHE/records")
    assert len(list((tmp_path / "cache" / "records").iterdir())) == 2  # one folder per parser code


def _parsed_and_key(samples_dir: Path, cache: RecordCache):
    path = samples_dir / "haizhou_data_2025_budget.txt"
    return path, next(iter(parse_paths([path]))).record, cache.lookup(path)[0]


def test_a_record_read_by_ocr_is_not_kept(samples_dir, tmp_path):
    """Tesseract's version and its data are not in the code digest: its reading could go stale."""
    from ingest.ocr import OCR_WARNING

    cache = RecordCache(tmp_path / "records")
    path, record, key = _parsed_and_key(samples_dir, cache)
    record.warnings = [*record.warnings, OCR_WARNING]
    cache.keep(key, record)
    assert not cache.holds(path) and cache.lookup(path)[1] is None


def test_a_record_that_cannot_be_pickled_is_not_kept_and_stops_nothing(samples_dir, tmp_path):
    cache = RecordCache(tmp_path / "records")
    path, record, key = _parsed_and_key(samples_dir, cache)
    record.programs = [lambda: None]  # a lambda cannot be pickled (PicklingError / AttributeError)
    cache.keep(key, record)
    assert not cache.holds(path) and list(cache.folder.glob(".*.part")) == []


def test_pieces_left_by_a_killed_writer_are_cleared_but_not_one_being_written(tmp_path):
    folder = RecordCache(tmp_path / "records").folder
    stale, fresh = folder / ".abc.part", folder / ".def.part"
    stale.write_bytes(b"half")
    fresh.write_bytes(b"half")
    old = 1_000_000
    os.utime(stale, (old, old))
    RecordCache(tmp_path / "records")
    assert not stale.exists() and fresh.exists()


def test_a_file_over_the_size_limit_is_not_read_for_its_key(tmp_path):
    """The limit is checked before a file is read (ingest.limits): the cache's key must not read it first."""
    from ingest import limits
    from ingest.errors import IngestError

    path = tmp_path / "huge.txt"
    with open(path, "wb") as f:
        f.truncate(limits.MAX_TEXT_BYTES + 1)  # sparse: nothing is written, nothing need be read
    assert RecordCache(tmp_path / "records").lookup(path) == (None, None)
    outcome = next(parse_paths([path], cache=RecordCache(tmp_path / "records")))
    assert isinstance(outcome.error, IngestError) and "huge.txt" in str(outcome.error)
