"""Shares the narrative prints beside an amount ("项目支出 2,131.61 万元，占 36.3%", "社会保障和就业支出（类）326.72万元，
占11.11%", "…占部门预算总支出的71.80%"): each kept as it is printed, so a share asked is answered as the
document prints it (its rounding, its base) rather than recomputed from table rows.

    stated_shares(paras, year)   a Fact `stated_share` per share of `year`'s figure: its percentage, the clause
                                 from the figure's name to the percentage as its text (the question layer reads
                                 the amount and the base's words from it: query_api/answering/printed.py), its
                                 line. A share printed for another year's figure ('2025年项目支出X万元，占Y%' in a
                                 2026 budget) is not kept: the fact carries no year of its own.
"""

from __future__ import annotations

import re

from ingest.prose import Paragraph, canonical
from ingest.record import Fact
from ingest.stated import of_year

_SHARE = re.compile(r"[\d,]+(?:\.\d+)?万元[，,、]?(?:约)?占(?:到)?[^%\d。；，,]{0,16}?的?(?P<pct>\d+(?:\.\d+)?)%")
# where the clause naming the figure starts: after the punctuation before it
_CLAUSE_START = re.compile(r".*[。；，,：:、]", re.S)


def stated_shares(paras: list[Paragraph], year: int | None) -> list[Fact]:
    """Every share printed right after an amount of `year` in `paras`, in the order printed."""
    out = []
    for p in paras:
        text = canonical(p.text)
        for m in _SHARE.finditer(text):
            if not of_year(text, m.start(), year):
                continue
            head = _CLAUSE_START.match(text, 0, m.start())
            clause = text[head.end() if head else 0:m.end()]
            out.append(Fact("stated_share", float(m.group("pct")), "%", label=clause[:60], text=clause,
                            source=p.source()))
    return out
