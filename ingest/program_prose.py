"""What the narrative says a program is for, where its table gives no description (项目概述): the item of an
enumerated list that opens with the program's name ("1.安全生产和应急管理专项经费 40.00 万元,主要用于…"), and
the sentences naming it before what it is used for ("新增了安全生产和应急管理专项经费，用于提升…防汛抢险能力").

The description is what a question's topic is looked for in when the program's name does not hold it
(query_api.answering.candidates.by_meaning: 给防汛排水安排了多少钱 finds the program through 防汛 and 排水).
A name after 用于 is what another program is used for, never a description of its own, and one far before it
is a table's text run together; names shorter than
MIN_NAME characters (综合管理 …) are too common a phrase to be read from sentences.

A program's item states its change on the year before ('2.口岸管理业务 40,000.70 万元,主要包括：…较 2025 年年初预算
增加 569.63 万元，增幅 1.4%。'): `stated_changes` keeps it on the program, signed, with the figure it is compared
with (年初预算, 执行数, 决算, else the year's 预算) and the line stating it — where the item opens with the program's
name and the amount the program has, and states one change on the year before (several are a part's beside the
whole's, none sure to be the program's); 与上年持平 is a change of 0.
"""

from __future__ import annotations

import re
from collections import defaultdict

from ingest.changes import CHANGE, FLAT, signed_change
from ingest.prose import ITEM, Paragraph, canonical, is_heading
from ingest.record import CHANGE_BASES, Program, Source
from ingest.stated import of_year_before
from ingest.text import half_cent, parse_amount, squeeze

_SENTENCE = re.compile(r"[^。；;！？]+")
_USED_FOR = re.compile(r"用于|用来|用以|主要包括")
MIN_NAME = 5  # characters a program's name has at the least for a sentence naming it to describe it
MAX_GAP = 30  # characters between the name and 用于 at the most (its amount, 主要): farther, a table's text runs on
MAX_ITEM_PARAS = 6  # paragraphs an item's run holds at the most
MAX_DESCRIPTION = 600  # characters kept: a description is searched, not printed whole


def describe(programs: list[Program], paras: list[Paragraph]) -> None:
    """Give each program of `programs` without a description the narrative's text about it (in place)."""
    named: dict[str, list[Program]] = defaultdict(list)
    for program in programs:
        if program.description is None and len(name := squeeze(program.name)) >= 4:
            named[name].append(program)
    if not named:
        return
    found: dict[str, list[str]] = defaultdict(list)
    for para in paras:
        text = squeeze(para.text)
        marker = ITEM.match(text)
        for name in named:
            if name not in text:
                continue
            if marker and text[marker.end():].startswith(name):
                found[name].append(text[marker.end():])  # the item opened by the program's name, whole
            elif len(name) >= MIN_NAME:
                for s in _SENTENCE.findall(text):
                    if (at := s.find(name)) >= 0 and _USED_FOR.search(s, at + len(name), at + len(name) + MAX_GAP):
                        found[name].append(s)
    for name, texts in found.items():
        description = "；".join(dict.fromkeys(texts))[:MAX_DESCRIPTION]
        for program in named[name]:
            program.description = description


# the program's amount right after its name opening the item ('口岸管理业务40,000.70万元', '…：预算安排40万元')
_AMOUNT = re.compile(r"[：:，,]?(?:预算)?(?:安排|为)?(?:预算)?([\d,]+(?:\.\d+)?)万元")
# the words of a comparison naming the figure compared, each with its base (CHANGE_BASES), else the year's 预算
_BASE_WORDS = (("年初", CHANGE_BASES[0]), ("执行", CHANGE_BASES[1]), ("决算", CHANGE_BASES[2]))


def stated_changes(programs: list[Program], paras: list[Paragraph], year: int | None) -> None:
    """Give each program whose item states its change on the year before that change (in place). The item runs
    from the paragraph it opens to the next item or heading (MAX_ITEM_PARAS at the most: a page's break or a
    long list of its parts cuts it into several)."""
    named: dict[str, list[Program]] = defaultdict(list)
    for program in programs:
        if program.change is None and program.amount is not None and len(name := canonical(program.name)) >= 4:
            named[name].append(program)
    if not named:
        return
    texts = [canonical(p.text) for p in paras]
    for at, text in enumerate(texts):
        if not (marker := ITEM.match(text)):
            continue
        rest = text[marker.end():]
        name = max((n for n in named if rest.startswith(n)), key=len, default=None)
        if name is None or not (m := _AMOUNT.match(rest, len(name))) or (amount := parse_amount(m.group(1))) is None:
            continue
        # the program's amount printed again in its item, in 万元
        if not (owners := [p for p in named[name] if abs(p.amount - amount) < float(half_cent())]):
            continue
        run = [at]
        while len(run) < MAX_ITEM_PARAS and run[-1] + 1 < len(texts) and not ITEM.match(texts[run[-1] + 1]) \
                and not is_heading(texts[run[-1] + 1]):
            run.append(run[-1] + 1)
        found = [(i, c, True) for i in run for c in CHANGE.finditer(texts[i])
                 if not c.group("said") and of_year_before(c, year)]
        found += [(i, f, False) for i in run for f in FLAT.finditer(texts[i]) if of_year_before(f, year)]
        if len(found) != 1:
            continue
        i, stated, changed = found[0]
        value = signed_change(stated) if changed else 0.0
        if value is None:
            continue
        compared = stated.group(0)[:stated.start("said") - stated.start()] if changed else stated.group(0)
        base = next((b for word, b in _BASE_WORDS if word in compared), CHANGE_BASES[3])
        # the line printing the change's figure (a comparison may open on the line before it); 持平's own words
        line, page = paras[i].line_at(stated.start(stated.re.groupindex["verb"] + 1) if changed else stated.start())
        for program in owners:
            program.change, program.change_base = value, base
            program.change_source = Source(line=line, page=page)  # the narrative's line, no table's
