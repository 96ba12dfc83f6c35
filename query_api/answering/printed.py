"""A share the document prints beside a figure ("项目支出2,131.61万元，占36.3%", "占部门预算总支出的71.80%"):
answered as printed, with its line, rather than recomputed and rounded another way — only when the figure
it follows is the part asked and the whole it names (or, naming none, the sentence's total) is the whole asked."""

from __future__ import annotations

import re

from query_api.slots import measure_spans

# an amount in 万元, then 占 (the whole's words) and a percentage
_PRINTED = re.compile(r"([\d,]+(?:\.\d+)?)\s*万元[，,、]?\s*(?:约)?占(?:到)?([^%\d。；，,]{0,16}?)的?\s*(\d+(?:\.\d+)?)\s*%")
# a whole left unsaid is the total the sentence splits: of spending or of income
_UNSAID = ("expenditure_total", "revenue_total")
TOLERANCE = 0.005
# the shares a document prints beside amounts (ingest/stated_shares.py): a fact read beside a share's figures
STATED_SHARE = "stated_share"


def printed_share(text: str | None, part: float, whole: str | None) -> tuple[float, str] | None:
    """(the percentage `text` prints right after the amount `part`, the words printed) when it is one of the
    whole measure `whole` (of any whole for None: the question named none), else None."""
    for m in _PRINTED.finditer(text or ""):
        try:
            amount = float(m.group(1).replace(",", ""))
        except ValueError:
            continue
        if abs(amount - part) > TOLERANCE:
            continue
        words = m.group(2).strip("“”\"' ")
        spans = measure_spans(words)
        named = spans[-1][2] if spans else None  # the head noun comes last: 部门预算总支出 is spending
        if whole is None or ((named == whole) if words else whole in _UNSAID):
            return float(m.group(3)), m.group(0)
    return None
