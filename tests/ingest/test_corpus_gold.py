"""Every gold record in ../shared/gold against our parser, with the scorer's own checks.

The comparison is `score()` of ../shared/bin/score-extraction itself (loaded from the file, so
the test and the acceptance script can never disagree), run in-process on the record's JSON.
One test per gold file, both families (Guangdong text, Shanghai PDFs); skips without ../shared.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import json
import os
import re
import sys
import unicodedata
from pathlib import Path

import pytest

from ingest.parse import parse_file

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("GOVKG_SHARED", REPO.parent / "shared"))
GOLD_FILES = sorted(p.name for p in (SHARED / "gold").glob("*.json")) or ["(no gold files)"]


def _scorer(shared: Path):
    bin_dir = shared / "bin"
    if str(bin_dir) not in sys.path:
        sys.path.insert(0, str(bin_dir))  # score-extraction imports kgscore beside it
    loader = importlib.machinery.SourceFileLoader("score_extraction", str(bin_dir / "score-extraction"))
    spec = importlib.util.spec_from_loader(loader.name, loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


@pytest.mark.parametrize("gold_name", GOLD_FILES)
def test_record_matches_gold(shared_dir, gold_name):
    gold_path = shared_dir / "gold" / gold_name
    if not gold_path.exists():
        pytest.skip(f"no gold files in {shared_dir / 'gold'}")
    scorer = _scorer(shared_dir)
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    record = parse_file(shared_dir / "corpus" / gold["source"]).to_json()
    tally = scorer.Tally()
    scorer.score(gold, json.loads(json.dumps(record, ensure_ascii=False)), tally)
    assert tally.misses == [], f"{gold['source']}: {tally.ok}/{tally.total}"


def _shift_years(text: str) -> str:
    return re.sub(r"(?<!\d)(20[12]\d)(?=\s*年)", lambda m: str(int(m.group(1)) + 1), text)


# Ways other extractors (or other years) print the same document; the gold answers must not change.
PERTURBATIONS = {
    "crlf, NFKC punctuation, doubled blank lines, trailing spaces":
        lambda t: "\r\n".join(line + "  " for line in unicodedata.normalize("NFKC", t).replace("\n\n", "\n\n\n")
                              .split("\n")),
    "no indentation, labels spread over tokens, numbered titles on one line":
        lambda t: re.sub(r"^(表\s*\d+)\s*\n+\s*(\S+表)\s*$", r"\1 \2",
                         "\n".join(line.lstrip(" 　") for line in t.split("\n")).replace("合计", "合 计"), flags=re.M),
    "the next year": _shift_years,
}
TXT_GOLD = [name for name in GOLD_FILES if name[:1].isdigit()] or ["(no gold files)"]


@pytest.mark.parametrize("how", list(PERTURBATIONS))
@pytest.mark.parametrize("gold_name", TXT_GOLD)
def test_record_matches_gold_when_printed_differently(shared_dir, tmp_path, gold_name, how):
    gold_path = shared_dir / "gold" / gold_name
    if not gold_path.exists():
        pytest.skip(f"no gold files in {shared_dir / 'gold'}")
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    if how == "the next year":
        gold = json.loads(_shift_years(json.dumps(gold, ensure_ascii=False)))
        gold["fiscal_year"] += 1
    text = (shared_dir / "corpus" / gold["source"]).read_text(encoding="utf-8")
    path = tmp_path / gold["source"]
    path.write_bytes(PERTURBATIONS[how](text).encode("utf-8"))
    scorer = _scorer(shared_dir)
    tally = scorer.Tally()
    scorer.score(gold, json.loads(json.dumps(parse_file(path).to_json(), ensure_ascii=False)), tally)
    assert tally.misses == [], f"{gold['source']} ({how}): {tally.ok}/{tally.total}"
