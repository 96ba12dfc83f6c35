"""Waiting in tests without racing the machine's load: bounds against hanging, never speeds tested."""

from __future__ import annotations

import time
from collections.abc import Callable


def settled(cpu_seconds: Callable[[], float], bound: float = 60.0) -> None:
    """Wait (at most `bound` s) until half a second passes in which `cpu_seconds` grows by almost nothing:
    processes just started (a query worker's imports) are up and idle."""
    deadline = time.monotonic() + bound
    while time.monotonic() < deadline:
        before = cpu_seconds()
        time.sleep(0.5)
        if cpu_seconds() - before < 0.05:
            return
