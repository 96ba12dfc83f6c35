"""Fixtures shared by every test package.

`shared_dir` is ../shared beside the repo (or $GOVKG_SHARED): the real corpus, gold records and
questions. Tests that need it skip with a reason when it is absent; the bundled `samples/` corpus
(a fictional department written by us) is always there.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples"


@pytest.fixture(autouse=True, scope="session")
def _knowledge_cache_of_our_own(tmp_path_factory):
    """The question layer saves its knowledge (query_api.knowledge_cache): in a directory of the test run's,
    never the user's ~/.cache."""
    previous = os.environ.get("GOVKG_CACHE")
    os.environ["GOVKG_CACHE"] = str(tmp_path_factory.mktemp("knowledge-cache"))
    yield
    if previous is None:
        os.environ.pop("GOVKG_CACHE", None)
    else:
        os.environ["GOVKG_CACHE"] = previous


def _shared() -> Path | None:
    path = Path(os.environ.get("GOVKG_SHARED", REPO.parent / "shared"))
    return path if (path / "corpus").is_dir() else None


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    path = _shared()
    if path is None:
        pytest.skip("../shared (the real corpus and gold records) is not beside the repo; set GOVKG_SHARED")
    return path


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return SAMPLES

