"""The counts the “三公” narrative prints beside its money, each with the unit it is printed in — a count is
never an amount in 万元:

    国内公务接待12批次、156人次 / 发生国内接待9次，接待人数共77人   → reception_batches 12 (批次), reception_persons 156 (人次)
    安排出国（境）团组2个、累计8人次                                → outbound_groups 2 (个), outbound_persons 8 (人次)
    公务用车购置数1辆 / 购置公务用车1辆                             → vehicle_purchases 1 (辆)

and those the 一般性支出 narrative prints beside the 会议费 and 培训费 (not of the “三公”, read alike):

    培训费预算2万元，拟开展职业能力提升的培训，人数11人              → training_persons 11 (人)
    会议费预算3万元，拟召开会议2次，参会人数80人                     → meeting_count 2 (次), meeting_persons 80 (人)

    three_public_counts(paras, year)   a Fact per count of `year` (the first statement of each), its text the sentence

The foreign visitors a department received (接待国外、境外来访团组0个，来访外宾0人次) are no domestic reception;
the vehicles held (保有量) are `vehicles` (ingest.gd_facts).
"""

from __future__ import annotations

import re

from ingest.prose import Paragraph, canonical
from ingest.record import Fact
from ingest.stated import of_year
from ingest.text import sentence_of

_N = r"(\d+)"
_CLAUSES = re.compile(r"[^，,；;、。]+")
_FOREIGN = re.compile(r"外宾|国外|境外|外国|来访团组")
# (kind, the words that open the kind's clauses, the counts each clause may print: (key, pattern))
_KINDS: list[tuple[re.Pattern, list[tuple[str, re.Pattern]]]] = [
    (re.compile(r"接待"), [
        ("reception_batches", re.compile(rf"{_N}\s*(批次|批|次)(?!数)")),
        ("reception_persons", re.compile(rf"{_N}\s*(人次|人)"))]),
    (re.compile(r"(?:出国|出境|出访)[^，,；;。]{0,6}团组|团组"), [
        ("outbound_groups", re.compile(rf"团组(?:共|共计)?{_N}\s*(个|批次|批)")),
        ("outbound_persons", re.compile(rf"{_N}\s*(人次|人)"))]),
    (re.compile(r"培训"), [
        ("training_sessions", re.compile(rf"{_N}\s*(期|场|批次|批)")),
        ("training_persons", re.compile(rf"{_N}\s*(人次|人)"))]),
    (re.compile(r"会议|开会"), [
        ("meeting_count", re.compile(rf"{_N}\s*(次|个|场)(?!数)")),
        ("meeting_persons", re.compile(rf"{_N}\s*(人次|人)"))]),
]
_OUTBOUND = re.compile(r"出国|出境|出访")
_TABLE_TEXT = re.compile(r"[≤≥<>]|指标")
# a clause naming another part of the “三公” or another spending: the counts after it are not the kind's
_OTHER = re.compile(r"公务用车|公车|车辆|会议|培训|接待|出国|出境")
_PURCHASES = re.compile(rf"(?:公务用车|公车|车辆)购置(?:数量?|台数)?(?:为|共)?{_N}\s*(辆)"
                        rf"|(?:购置|购买|新购|更新)了?(?:公务用车|公务车|公车|车辆){_N}\s*(辆)")


def _clause_counts(text: str, year: int | None) -> list[tuple[str, re.Match]]:
    """(key, match) of each count in `text`: a kind's clause and the clauses after it in its sentence, until a
    clause of the foreign visitors, of money (not itself opening a kind) or naming another part (公务用车, 会议…)."""
    found: list[tuple[str, re.Match]] = []
    kind = None
    for clause in _CLAUSES.finditer(text):
        words = clause.group()
        if text[clause.start() - 1: clause.start()] == "。":
            kind = None
        if _FOREIGN.search(words):
            kind = None
            continue
        opening = [counts for opener, counts in _KINDS if opener.search(words)]
        if len(opening) > 1:  # 会议培训参会120人: a count of two kinds together is neither one's
            kind = None
            continue
        opened = opening[0] if opening else None
        if opened is _KINDS[1][1] and not (_OUTBOUND.search(words) or kind is opened):
            opened = None  # a 团组 of no going abroad
        if opened is None and ("元" in words or _OTHER.search(words)):
            kind = None  # '公务用车运行维护费3.00万元，保障全年公务出行约560次': no reception's
            continue
        kind = opened or kind
        if kind is None or "元" in words:
            continue
        for key, pattern in kind:
            m = pattern.search(text, clause.start(), clause.end())
            if m and of_year(text, m.start(1), year):
                found.append((key, m))
    return found


def three_public_counts(paras: list[Paragraph], year: int | None) -> list[Fact]:
    """The counts of the module docstring, the first statement of each key."""
    out: dict[str, Fact] = {}
    for p in paras:
        text = canonical(p.text)
        if not re.search(r"接待|团组|辆|培训|会议|开会", text):
            continue
        found = _clause_counts(text, year)
        found += [("vehicle_purchases", m) for m in _PURCHASES.finditer(text)
                  if of_year(text, m.start(), year)]
        for key, m in found:
            number, unit = next((m.group(i), m.group(i + 1)) for i in range(1, len(m.groups()), 2) if m.group(i))
            if _TABLE_TEXT.search(sentence_of(text, m, len(text))):  # the whole sentence, however long
                # a 绩效目标表 read as prose (会议费超标准使用次数≤0次, 专家评审>=2次 after a 信访接待中心): a target, no
                # count of the year's
                continue
            if key not in out:  # (narrative.complete then cites the line printing it: prose.at_own_lines)
                out[key] = Fact(key, float(number), unit=unit, text=sentence_of(text, m), source=p.source())
    return list(out.values())
