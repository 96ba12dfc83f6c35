"""Amounts only a prose section states: sections some provinces add to the national template, beyond the
“三公”, 机关运行经费 and 政府采购 ones, each of one kind of spending and printed in no table as such:

    四、委托业务费情况 / 委托业务费指…。2026年本部门委托业务费财政拨款预算为698万元，比上年预算减少107万元，…
    （六）委托业务费情况：2026年本单位委托业务费预算总额6.98万元，主要用于…
    （五）委托业务费情况。2026年委托业务费涉及财拨资金9240.60万元，…

    section_amounts(paras, year)   a Fact per section kind stated (its key, SECTIONS), and its signed
                                   change on last year where the same sentence states one (`<key>_change`)

A section is known by its title ('<name>情况'), as a heading of its own or opening its paragraph; the amount
is the first one right after the name in that section, of the document's year (`ingest.stated.of_year`),
and the change is read only from the comparison that follows it in the same sentence.
"""

from __future__ import annotations

import re

from ingest.changes import CHANGE, TITLE_MARK, signed_change
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
            out.append(Fact(key, parse_amount(found.group("amount")), text=text[:300], source=p.source()))
            end = text.find("。", found.end())
            sentence = text[found.end(): end if end >= 0 else None]
            change = CHANGE.match(sentence.lstrip("，,"))
            if change and of_year_before(change, year) and not change.group("said") \
                    and (value := signed_change(change)) is not None:
                out.append(Fact(f"{key}_change", value, text=text[:300], source=p.source()))
            break
    return out
