"""Fuzzing the parser: text built from real-looking fragments with random mutations, and random
bytes. Whatever the input, parsing gives a Record or an IngestError with a message naming the
file, never another exception. The example count is $GOVKG_FUZZ_EXAMPLES (30 by default, so the
suite stays fast; `make fuzz` runs 3000)."""

from __future__ import annotations

import functools
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph_store.base import check_graph
from ingest.errors import IngestError
from ingest.parse import parse_document, parse_file
from ingest.rdf import record_to_graph
from ingest.reader import Document, Line, read_document
from ingest.record import Record

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
FRAGMENTS = sorted({line for path in sorted(SAMPLES.glob("*.txt"))
                    for line in path.read_text(encoding="utf-8").splitlines() if line.strip()})
# What a mutation may put into a line: numbers as no budget prints them, signs, dashes, units,
# table and layout characters, control characters, quotes, odd Unicode.
NOISE = ["1e3", "NaN", "-", "－", "—", "--", "，", ",", ".", "..", "万元", "元", "亿元", "%", "\t", "\t\t", "\x00",
         "\x0c", "\r", "\ufeff", "\ud7ff", "\U0001f600", "（", "）", "“", "”", '"', "\\", "合计", "总计", "本级", "汇总",
         "2023", "2024年", "部门预算", "部门决算", "单位：元", "单位：万元", "其中：", "一、", "（一）", "1.", "①",
         "201", "20101", "2010101", "30217", "99999999999999999999", "0.0000001", "-0", "  ", "　"]
settings.register_profile("govkg", max_examples=int(os.environ.get("GOVKG_FUZZ_EXAMPLES", "30")), deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.load_profile("govkg")


@st.composite
def mutated_line(draw) -> str:
    line = draw(st.sampled_from(FRAGMENTS))
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(line)))
        kind = draw(st.sampled_from(["insert", "delete", "replace", "text"]))
        if kind == "insert":
            line = line[:at] + draw(st.sampled_from(NOISE)) + line[at:]
        elif kind == "delete":
            line = line[:at] + line[at + draw(st.integers(1, 8)):]
        elif kind == "replace":
            line = line[:at] + draw(st.sampled_from(NOISE)) + line[at + draw(st.integers(1, 4)):]
        else:
            line = line[:at] + draw(st.text(max_size=6)) + line[at:]
    return line


@st.composite
def document_text(draw) -> str:
    """A budget-like document: a real sample, cut, shuffled in part, and mutated line by line."""
    text = (SAMPLES / draw(st.sampled_from(["haizhou_data_2025_budget.txt", "haizhou_data_2024_final_account.txt"]))
            ).read_text(encoding="utf-8")
    lines = text.splitlines()
    start = draw(st.integers(0, 20))
    end = draw(st.integers(max(start, len(lines) - 40), len(lines)))
    lines = lines[start:end]
    for _ in range(draw(st.integers(0, 25))):
        at = draw(st.integers(0, len(lines)))
        action = draw(st.sampled_from(["mutate", "insert", "drop", "repeat"]))
        if action == "mutate" and at < len(lines):
            lines[at] = draw(mutated_line())
        elif action == "insert":
            lines.insert(at, draw(mutated_line()))
        elif action == "drop" and at < len(lines):
            del lines[at]
        elif action == "repeat" and at < len(lines):
            lines[at:at] = lines[at:at + draw(st.integers(1, 30))]
    return "\n".join(lines)


def parse_text(text: str) -> Record | None:
    doc = Document(path=Path("fuzz.txt"), sha256="0" * 64, kind="txt",
                   lines=[Line(t, i) for i, t in enumerate(text.split("\n"), 1)])
    return _parse(lambda: parse_document(doc))


def _parse(action) -> Record | None:
    """What `action` parses, mapped to RDF too (a record the parser accepts must map); None when it
    was refused with an IngestError in words."""
    try:
        record = action()
    except IngestError as exc:
        assert str(exc).strip() and exc.reason.strip()
        return None
    assert isinstance(record, Record)
    check_graph(record_to_graph(record)[1])
    return record


@pytest.mark.fuzz
@given(document_text())
def test_a_mutated_budget_parses_or_is_refused_in_words(text):
    record = parse_text(text)
    if record is not None:
        assert record.department and isinstance(record.fiscal_year, int)


@pytest.mark.fuzz
@given(st.lists(mutated_line(), max_size=60).map("\n".join))
def test_a_pile_of_fragments_parses_or_is_refused_in_words(text):
    parse_text(text)


@pytest.mark.fuzz
@given(st.binary(max_size=4000), st.sampled_from([".txt", ".pdf"]))
def test_random_bytes_are_refused_in_words(data, suffix):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"fuzz{suffix}"
        path.write_bytes(data)
        _parse(lambda: parse_file(path))


@pytest.mark.fuzz
@given(document_text(), st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "gb18030"]), st.integers(0, 64))
def test_an_encoded_and_cut_budget_file_parses_or_is_refused_in_words(text, encoding, cut):
    data = text.encode(encoding, errors="replace")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fuzz.txt"
        path.write_bytes(data[: len(data) - cut] if cut < len(data) else data)
        _parse(lambda: parse_file(path))


@functools.cache
def _shanghai_sample() -> Document:
    return read_document(SAMPLES / "pdf" / "sample_budget.pdf")


@pytest.mark.fuzz
@given(st.data(), st.booleans())
def test_a_mutated_shanghai_layout_parses_or_is_refused_in_words(data, keep_tables):
    """The Shanghai family (read from the sample PDF once): lines mutated in place, the page's ruled
    tables and runs kept; or lines also inserted and dropped, with the tables left out."""
    sample = _shanghai_sample()
    lines = [Line(line.text, line.no, line.page, line.top) for line in sample.lines]
    for _ in range(data.draw(st.integers(0, 20))):
        at = data.draw(st.integers(0, len(lines) - 1))
        action = data.draw(st.sampled_from(["mutate"] if keep_tables else ["mutate", "insert", "drop"]))
        text = data.draw(mutated_line()) if data.draw(st.booleans()) else lines[at].text
        if action == "mutate":
            noise = data.draw(st.sampled_from(NOISE))
            cut = data.draw(st.integers(0, len(text)))
            lines[at].text = text[:cut] + noise + text[cut:]
        elif action == "insert":
            lines.insert(at, Line(text, 0, lines[at].page))
        elif len(lines) > 1:
            del lines[at]
    if not keep_tables:
        for no, line in enumerate(lines, 1):
            line.no = no
    doc = Document(path=Path("fuzz.pdf"), sha256="0" * 64, kind="pdf", lines=lines,
                   pdf_pages=sample.pdf_pages if keep_tables else [])
    _parse(lambda: parse_document(doc))
