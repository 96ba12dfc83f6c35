"""Amounts only a prose section states: sections some provinces add to the national template, beyond the
“三公”, 机关运行经费 and 政府采购 ones, each of one kind of spending and printed in no table as such:

    四、委托业务费情况 / 委托业务费指…。2026年本部门委托业务费财政拨款预算为698万元，比上年预算减少107万元，…
    （六）委托业务费情况：2026年本单位委托业务费预算总额6.98万元，主要用于…
    （五）委托业务费情况。2026年委托业务费涉及财拨资金9240.60万元，…

    section_amounts(paras, year)   a Fact per section kind stated (its key, SECTIONS), and its signed
                                   change on last year where the same sentence states one (`<key>_change`)
    named_amounts(paras, year)     the same of each kind of SUBJECTS a sentence states as its subject

Kinds of spending the “三公” paragraph states beside it have no section of their own: each is read where a
clause opens with it (after words of the department, year or fund only) and a budget word stands between it
and its amount — '本部门当年一般公共预算会议费预算支出2.00万元，较上年无增减。', 'X局2026年度一般公共预算拨款安排的培训费
预算支出59.04万元，比上年预算减少5.93万元', '2026年本单位会议费预算0万元；培训费预算2万元' — never an item of a list
('差旅费10万元，培训费3.98万元': parts of another figure) nor a name among others ('会议费、培训费等支出').

A section is known by its title ('<name>情况'), as a heading of its own or opening its paragraph; the amount
is the first one right after the name in that section, of the document's year (`ingest.stated.of_year`),
and the change is read only from the comparison that follows it in the same sentence.
"""

from __future__ import annotations

import re

from ingest.changes import CHANGE, FLAT, TITLE_MARK, signed_change
from ingest.item_changes import _NUM
from ingest.prose import Paragraph, canonical, is_heading
from ingest.record import Fact
from ingest.stated import of_year, of_year_before
from ingest.text import parse_amount

# (fact key, the kind of spending the section is titled by): a section kind more is one line here
SECTIONS: list[tuple[str, str]] = [("commissioned_services", "委托业务费")]


def section_amounts(paras: list[Paragraph], year: int | None) -> list[Fact]:
    """The amounts (and their changes) of the sections of SECTIONS that `paras` hold, the first of each."""
    out: list[Fact] = []
    for key, name in SECTIONS:
        title = re.compile(rf"^{TITLE_MARK}?{name}(?:预算)?(?:安排)?情况(?:说明)?[：:。]?")
        amount = re.compile(rf"{name}(?:[^，。；\d]{{0,16}}?)(?P<amount>{_NUM})万元")
        inside = 0  # paragraphs of the section still to read
        for p in paras:
            text = canonical(p.text)
            opened = title.match(text)
            if opened:
                inside, text = 3, text[opened.end():]
            elif is_heading(text):
                inside = 0
            if not inside or not text:
                continue
            inside -= 1
            found = next((m for m in amount.finditer(text) if of_year(text, m.start("amount"), year)), None)
            if found is None:
                continue
            out += _stated(key, text, found, text[:300], p, year)
            break
    return out


# (fact key, the kind of spending a sentence names as its subject): a kind more is one line here
SUBJECTS: list[tuple[str, str]] = [("meeting_costs", "会议费"), ("training_costs", "培训费")]
# the words a clause may open with before the kind: the department's, a year's, a fund's — no digits but a
# year's, no other name listed beside it
_LEAD = r"(?:^|(?<=[，。；：:]))[^，。；：:、等\d]{0,30}?(?:(?:19|20)\d\d年度?[^，。；：:、等\d]{0,30}?)?"
_BUDGET_WORDS = r"(?:预算|支出|安排|财政拨款|拨款|总额|数|为|是)+"


def named_amounts(paras: list[Paragraph], year: int | None) -> list[Fact]:
    """The amount (and its change on last year) of each kind of SUBJECTS that a clause of `paras` opens with,
    of the document's year: the first such clause of each."""
    out: list[Fact] = []
    for key, name in SUBJECTS:
        amount = re.compile(rf"{_LEAD}{name}{_BUDGET_WORDS}(?P<amount>{_NUM})万元")
        for p in paras:
            text = canonical(p.text)
            found = next((m for m in amount.finditer(text) if of_year(text, m.start("amount"), year)), None)
            if found is not None:
                start = text.rfind("。", 0, found.start()) + 1
                end = text.find("。", found.end())
                out += _stated(key, text, found, text[start: end + 1 if end >= 0 else None], p, year)
                break
    return out


def _stated(key: str, text: str, found: re.Match, said: str, p: Paragraph, year: int | None) -> list[Fact]:
    """The Fact of `key` whose amount `found` matched in `text` (`said`: the words kept with it), and its signed
    change where the comparison follows the amount in the same sentence (较上年无增减 / 持平: 0)."""
    out = [Fact(key, parse_amount(found.group("amount")), text=said, source=p.source())]
    end = text.find("。", found.end())
    sentence = text[found.end(): end if end >= 0 else None].lstrip("，,")
    change, flat = CHANGE.match(sentence), FLAT.match(sentence)
    if change and of_year_before(change, year) and not change.group("said") \
            and (value := signed_change(change)) is not None:
        out.append(Fact(f"{key}_change", value, text=said, source=p.source()))
    elif flat and of_year_before(flat, year):
        out.append(Fact(f"{key}_change", 0.0, text=said, source=p.source()))
    return out
