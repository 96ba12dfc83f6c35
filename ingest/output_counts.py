"""Counts a final account's 绩效自评 narrative states of one program's outputs under a heading of their own, with no
target beside them — what was done, as printed (an actual value, no target, no comparator, never met or unmet):

    坐席规模和人员规模的情况。2021年热线配置45个职场坐席，热线平台工作人员75人（包括话务员…）。
        → Indicator 职场坐席 actual 45 个, Indicator 热线平台工作人员 actual 75 人 (of the program described above)

Only the sentence right after the heading is read (the heading names what it reports), only counts of things or
people (个, 台, 人, 家 …: no rate, amount, time or year), each named by the noun the count is said with: after it
(45个职场坐席) or before it (工作人员75人). A paragraph stating a target (目标值) is an indicator of its own
(`gd_indicators`), not read here.

    output_counts(text, program, source)   the counts of one paragraph (squeezed), [] when it is no such report
"""

from __future__ import annotations

import re

from ingest.record import Indicator, Source

# the heading: what the paragraph reports on (坐席规模和人员规模的情况。 / 培训完成情况：)
_HEADING = re.compile(r"^(?:[（(]?\d{1,2}[）).、．]|[①-⑳])?(?P<head>[^。：:，,；;]{2,30}?)的?(?:完成)?情况[。：:]")
_COUNT_UNIT = r"人次|人|个|台|家|件|套|辆|户|条|所|场|篇|期|份|名|座|处"
_END = r"(?=[，,。；;、（(）)]|$)"
# 45个职场坐席: the count before its noun (the noun up to the clause's end)
_BEFORE = re.compile(rf"(?<![\d.])(?P<n>\d+)(?P<unit>{_COUNT_UNIT})(?P<noun>[\u4e00-\u9fff]{{2,10}}?){_END}")
# 工作人员75人: the noun before its count (the clause's words from its start)
_AFTER = re.compile(rf"(?<![\u4e00-\u9fff])(?P<noun>[\u4e00-\u9fff]{{2,12}}?)(?P<n>\d+)(?P<unit>{_COUNT_UNIT}){_END}")
# nouns of time, not things counted (12个月, 3个工作日)
_TIME = re.compile(r"^(?:月|年|日|天|小时|工作日|季度|周|星期)")


def output_counts(text: str, program: str | None, source: Source) -> list[Indicator]:
    """The counts stated in the sentence after the paragraph's heading, each an indicator of `program` with its actual
    value only; none when the paragraph has no heading, states a target, or names no program."""
    heading = _HEADING.match(text)
    if not program or not heading or "目标值" in text:
        return []
    sentence = text[heading.end():].split("。", 1)[0]
    found: dict[int, Indicator] = {}
    for pattern in (_BEFORE, _AFTER):
        for m in pattern.finditer(sentence):
            noun = m.group("noun")
            if _TIME.match(noun) or m.start("n") in found:
                continue
            found[m.start("n")] = Indicator(name=noun, unit=m.group("unit"), program=program,
                                            actual=float(m.group("n")), text=text[:300], source=source)
    return [found[at] for at in sorted(found)]
