"""Documents far larger than any budget are refused in plain words before they cost minutes and
gigabytes; every real one passes."""

from __future__ import annotations

import pytest

from ingest import limits
from ingest.errors import IngestError, TooLarge
from ingest.parse import parse_file, parse_paths


def test_the_samples_are_well_within_the_limits(samples_dir):
    for path in sorted(samples_dir.rglob("*.txt")) + sorted(samples_dir.rglob("*.pdf")):
        parse_file(path)


def test_a_text_file_too_large_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.truncate(limits.MAX_TEXT_BYTES + 1)  # sparse: nothing is written, nothing need be read
    with pytest.raises(TooLarge, match=r"huge.txt: .*too large.*bytes, the limit is 10,000,000"):
        parse_file(path)


@pytest.mark.parametrize(("limit", "value", "what"), [("MAX_LINES", 50, "lines"), ("MAX_CHARACTERS", 2000, "characters"),
                                                      ("MAX_RECORDS", 20, "records")])
def test_each_limit_names_what_is_too_large(samples_dir, monkeypatch, limit, value, what):
    monkeypatch.setattr(limits, limit, value)
    with pytest.raises(TooLarge, match=f"文件过大.* {what}.*, the limit is {value:,}"):
        parse_file(samples_dir / "haizhou_data_2025_budget.txt")


def test_a_pdf_with_too_many_pages_is_refused_not_called_damaged(samples_dir, monkeypatch):
    monkeypatch.setattr(limits, "MAX_PAGES", 3)
    with pytest.raises(TooLarge, match="pages, the limit is 3"):
        parse_file(samples_dir / "pdf" / "sample_budget.pdf")


def test_a_document_too_large_fails_alone_in_a_batch(samples_dir, tmp_path, monkeypatch):
    big = tmp_path / "big.txt"
    big.write_text((samples_dir / "haizhou_data_2025_budget.txt").read_text(encoding="utf-8") * 3, encoding="utf-8")
    monkeypatch.setattr(limits, "MAX_RECORDS", 100)
    outcomes = list(parse_paths([samples_dir / "haizhou_data_2025_budget.txt", big]))
    assert outcomes[0].record is not None
    assert isinstance(outcomes[1].error, IngestError) and "too large" in str(outcomes[1].error)
