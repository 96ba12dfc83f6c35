"""What the narrative says a program is for, where its table gives no description (项目概述): the item of an
enumerated list that opens with the program's name ("1.安全生产和应急管理专项经费 40.00 万元,主要用于…"), and
the sentences naming it before what it is used for ("新增了安全生产和应急管理专项经费，用于提升…防汛抢险能力").

The description is what a question's topic is looked for in when the program's name does not hold it
(query_api.answering.candidates.by_meaning: 给防汛排水安排了多少钱 finds the program through 防汛 and 排水).
A name after 用于 is what another program is used for, never a description of its own, and one far before it
is a table's text run together; names shorter than
MIN_NAME characters (综合管理 …) are too common a phrase to be read from sentences.
"""

from __future__ import annotations

import re
from collections import defaultdict

from ingest.prose import ITEM, Paragraph
from ingest.record import Program
from ingest.text import squeeze

_SENTENCE = re.compile(r"[^。；;！？]+")
_USED_FOR = re.compile(r"用于|用来|用以|主要包括")
MIN_NAME = 5  # characters a program's name has at the least for a sentence naming it to describe it
MAX_GAP = 30  # characters between the name and 用于 at the most (its amount, 主要): farther, a table's text runs on
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
