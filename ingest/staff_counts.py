"""The staff a department's narrative counts (人员情况 / 机构人员), as printed, each in 人:

    核定编制25人 / 编制数25名 / 编制总数为25人                   → staff_authorized
    实有人员30人 / 实有人数30名                                  → staff_actual
    其中在职人员22人 / 在职22人                                  → staff_active
    离退休人员8人 / 离退休8人                                    → staff_retired
    行政编制10名、事业编制15名 / 在职行政人员6人                   → no count (one kind of post, not the whole)

    staff_counts(paras)   a Fact per kind, the first sentence stating it (its line the fact's source)

A count split by kind of post is not added up: a question of the whole gets the whole as printed, or nothing.
"""

from __future__ import annotations

import re

from ingest.prose import Paragraph, canonical
from ingest.record import Fact
from ingest.text import chinese_number, sentence_of, squeeze
from ingest.unit_counts import COUNTED

_FILLER = r"(?:共有|共计|共|有|为|是|计)*"
# a kind of post before the word: its own part, never the whole (行政编制, 事业编制, 工勤编制, 参公编制)
_NOT_A_KIND = r"(?<!行政)(?<!事业)(?<!工勤)(?<!参公)(?<!机关)"
PATTERNS: list[tuple[str, re.Pattern]] = [
    ("staff_authorized", re.compile(rf"{_NOT_A_KIND}编制(?:数|总数|人数)?{_FILLER}{COUNTED}(?:人|名)")),
    ("staff_actual", re.compile(rf"实有(?:人员|人数)(?:总数)?{_FILLER}{COUNTED}(?:人|名)")),
    ("staff_active", re.compile(rf"{_NOT_A_KIND}在职(?:人员|人数)?{_FILLER}{COUNTED}(?:人|名)")),
    ("staff_retired", re.compile(rf"离退休(?:人员|人数)?{_FILLER}{COUNTED}(?:人|名)")),
]
KEYS = [key for key, _ in PATTERNS]


def staff_counts(paras: list[Paragraph]) -> list[Fact]:
    """The staff counts the paragraphs print (module docstring), the first of each kind."""
    found: dict[str, Fact] = {}
    for p in paras:
        text = squeeze(canonical(p.text))
        for key, pattern in PATTERNS:
            m = pattern.search(text)
            if m is None or key in found or (n := chinese_number(m.group("n"))) is None:
                continue
            found[key] = Fact(key, n, "人", text=sentence_of(text, m), source=p.source())
    return list(found.values())
