"""`govkg parse` on bad input: exit status, one line per failure naming the file, the batch goes
on past failures, and a summary at the end. Runs the real CLI entry point in-process."""

from __future__ import annotations

import json
import shutil

import pytest

from govkg.cli import main


@pytest.fixture()
def batch(tmp_path, samples_dir):
    """A directory with one good Shanghai-family PDF and three bad files."""
    shutil.copy(samples_dir / "pdf" / "sample_budget.pdf", tmp_path / "b_good.pdf")
    (tmp_path / "a_empty.txt").write_bytes(b"")
    (tmp_path / "c_damaged.pdf").write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 8)
    (tmp_path / "d_novel.txt").write_text("从前有座山，山里有座庙。\n", encoding="utf-8")
    return tmp_path


def test_one_good_file_prints_its_record_and_exits_zero(samples_dir, capsys):
    assert main(["parse", "--json", str(samples_dir / "pdf" / "sample_budget.pdf")]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["layout"] == "shanghai" and record["totals"]["project_expenditure"] == 120.5


def test_a_bad_file_is_one_line_naming_it_and_exit_one(tmp_path, capsys):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"not a pdf at all")
    assert main(["parse", str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    [line] = captured.err.strip().splitlines()
    assert line.startswith("error: ") and str(path) in line and "PDF" in line
    assert "Traceback" not in captured.err


def test_a_directory_batch_goes_on_past_failures_and_summarises(batch, capsys):
    assert main(["parse", str(batch)]) == 1
    captured = capsys.readouterr()
    assert "东海市样例区档案管理局" in captured.out
    errors = [line for line in captured.err.splitlines() if line.startswith("error: ")]
    assert [e.split(":")[1].strip().rsplit("/", 1)[-1] for e in errors] == ["a_empty.txt", "c_damaged.pdf", "d_novel.txt"]
    assert "不是部门预算或部门决算" in errors[2]
    assert captured.err.strip().splitlines()[-1] == "1 parsed, 3 failed (空文档 1, 无法读取 1, 不是预决算文件 1)"


def test_json_for_a_batch_lists_the_records_that_parsed(batch, capsys):
    main(["parse", "--json", str(batch)])
    records = json.loads(capsys.readouterr().out)
    assert [r["source_file"] for r in records] == ["b_good.pdf"]


def test_a_directory_without_documents_says_so(tmp_path, capsys):
    assert main(["parse", str(tmp_path)]) == 1
    assert "no .txt or .pdf files" in capsys.readouterr().err


def test_parsing_in_processes_gives_the_same_outcomes_in_the_same_order(batch, samples_dir):
    from ingest.parse import parse_paths

    for text in samples_dir.glob("*.txt"):
        shutil.copy(text, batch / f"e_{text.name}")
    alone, parallel = list(parse_paths([batch], workers=1)), list(parse_paths([batch], workers=2))
    assert [o.path for o in parallel] == [o.path for o in alone]
    assert [o.record for o in parallel] == [o.record for o in alone]
    assert [str(o.error) for o in parallel] == [str(o.error) for o in alone]
    assert [type(o.error) for o in parallel] == [type(o.error) for o in alone]
    assert sum(o.record is not None for o in parallel) == 3 and sum(o.error is not None for o in parallel) == 3


def test_slow_files_are_sent_to_the_parsing_processes_first(tmp_path):
    from ingest.parse import _submission_order

    files = []
    for name, size in (("a.txt", 30), ("b.pdf", 10), ("c.txt", 50), ("d.pdf", 20), ("e.txt", 30)):
        files.append(tmp_path / name)
        files[-1].write_bytes(b"x" * size)
    # the first first: its outcome is the first the caller waits for
    assert [files[i].name for i in _submission_order(files)] == ["a.txt", "d.pdf", "b.pdf", "c.txt", "e.txt"]
    assert [files[1:][i].name for i in _submission_order(files[1:])] == ["b.pdf", "d.pdf", "c.txt", "e.txt"]
    assert _submission_order([]) == []
