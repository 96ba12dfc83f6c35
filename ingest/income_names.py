"""The name an income line's own item gives the money it holds, in the national template's explanation of income:

    8.其他收入2.54万元，比上年决算数增加2.54万元，增长--（基数为0，不可比）。主要变动情况：根据…号,该项收入为“2020年
    越秀区-清城区对口帮扶专项资金”，主要用于…
    3.其他收入120.00万元，主要是市级下达的专项补助资金。

    income_names(paras, year)   a Fact `stated_part` per income line so named: the name as its label, the line's amount
                                (of the document's year) as its value, the item up to the naming sentence as its text,
                                cited at the line printing the amount

A question naming the money (对口帮扶专项资金有多少) then finds the line's amount as any part a sentence prints with its
own name (query_api/answering/program_parts.stated_part). The name is read only where the item says what this income
is: 该项收入 / 此项收入 / 该收入 followed by 为, 是, 系 or 主要是 (anywhere in the item), or 主要是 / 主要为 / 系 right after
the line's amount — never a reason of a change (比上年增加…，主要是…), nor a glossary's 其他收入：指…主要是… (no amount).
"""

from __future__ import annotations

import re

from ingest.prose import ITEM, Paragraph, canonical, cited, is_heading
from ingest.record import Fact
from ingest.stated import of_year
from ingest.stated_parts import STATED_PART
from ingest.text import parse_amount

_MAX_PARAS = 4  # paragraphs an item's run holds at the most (a page's break may cut it)
# the item's income line and its amount, opening the item: 其他收入2.54万元, 上级补助收入 120 万元
_LINE = re.compile(r"(?P<line>[\u4e00-\u9fff]{0,10}收入)(?:为|共|合计)?(?P<amount>\d[\d,]*(?:\.\d+)?)万元")
# the words saying what this income is: anywhere in its item, or right after its amount
_THIS = re.compile(r"(?:该项|此项|该|本项)收入(?:主要)?(?:为|是|系)[：:]?")
_AFTER_AMOUNT = re.compile(r"[，,](?:主要(?:是|为|系)|系)[：:]?")
# the name: a quoted one whole, else up to its clause's end (and 等)
_QUOTED = re.compile(r"“(?P<name>[^”]{4,40})”")
_PLAIN = re.compile(r"(?P<name>[^，,；;。：:“”（）()]{4,40}?)(?:等|等资金)?(?=[，,；;。]|$)")
# words that say why or how, not what: no name
_NO_NAME = re.compile(r"增加|减少|增长|下降|持平|原因|变动|比上年|较上年|万元")


def income_names(paras: list[Paragraph], year: int | None) -> list[Fact]:
    """The facts of the module docstring, one per income item that names its money, in the order printed."""
    texts = [canonical(p.text) for p in paras]
    out: list[Fact] = []
    heading = "说明"
    for at, text in enumerate(texts):
        if is_heading(text):
            heading = text
            continue
        marker = ITEM.match(text)
        m = _LINE.match(text, marker.end()) if marker else None
        if m is None or not of_year(text, m.start("amount"), year) or (value := parse_amount(m.group("amount"))) is None:
            continue
        run = [at]
        while len(run) < _MAX_PARAS and run[-1] + 1 < len(texts) and not ITEM.match(texts[run[-1] + 1]) \
                and not is_heading(texts[run[-1] + 1]):
            run.append(run[-1] + 1)
        item = "".join(texts[i] for i in run)
        said = _AFTER_AMOUNT.match(item, m.end()) or _THIS.search(item, m.end())
        named = said and (_QUOTED.match(item, said.end()) or _PLAIN.match(item, said.end()))
        if not named or _NO_NAME.search(name := named.group("name")):
            continue
        end = item.find("。", named.end())
        out.append(Fact(STATED_PART, value, label=name, text=item[: end + 1 if end >= 0 else named.end()][:300],
                        source=cited(paras[at].source(heading), [paras[i] for i in run], m.start("amount"))))
    return out
