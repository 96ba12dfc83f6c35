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
import sys
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
