"""What the narrative says about one classified item beside the tables: its change on the year
before, or last year's figure, in the explanation of the spending by 功能分类:

    （1）一般公共服务支出（类）支出4,523.04万元，…。与上年相比减少53,748.68万元，减少92.24%。
    5、公共安全支出（204类）司法（06款）信息化建设（13项）227.88万元。…2025年当年预算执行数为60.41万元，…

    item_statements(paras, items, year)   a LineItem per item so stated, its values in the columns
                                           CHANGE_COLUMN (signed), PREVIOUS_EXECUTED, PREVIOUS_BUDGET

The item's code is the one printed in its brackets (204类 06款 13项 → 2040613), else the code of
the tables' row of that name at that level. A paragraph naming no item, or an item the tables do
not know, gives nothing.
"""

from __future__ import annotations

import re

from ingest.changes import CHANGE, of_year_before
from ingest.prose import Paragraph, canonical, is_heading
from ingest.record import CHANGE_COLUMN, PREVIOUS_BUDGET, PREVIOUS_EXECUTED, LineItem
from ingest.text import parse_amount, squeeze

_LEVEL_WIDTH = {"类": 3, "款": 5, "项": 7}
_PIECE = r"[^，。；：（）()\d]{2,30}?[（(](?:\d{2,3})?[类款项][）)]"
_HEAD = re.compile(rf"^(?:\d{{1,2}}[、.．]|[（(]\d{{1,2}}[）)])?(?P<path>(?:{_PIECE})+)(?:支出)?(?P<amount>[\d,]+(?:\.\d+)?)万元")
_PART = re.compile(r"([^，。；：（）()\d]{2,30}?)[（(](\d{2,3})?([类款项])[）)]")
_PREVIOUS = re.compile(r"(?P<year>20\d\d)年(?:当年)?(?:年初)?(?P<kind>预算执行数|执行数|预算数)为(?P<value>[\d,]+(?:\.\d+)?)万元")


def _code(path: str, known: dict[tuple[int, str], str]) -> tuple[str, str] | None:
    """(code, name) of the item a bracketed path names, or None."""
    parts = _PART.findall(path)
    if not parts:
        return None
    name, _, level = parts[-1]
    digits = [d for _, d, _ in parts]
    if all(digits) and len("".join(digits)) == _LEVEL_WIDTH[level]:
        return "".join(digits), squeeze(name)
    code = known.get((_LEVEL_WIDTH[level], squeeze(name)))
    return (code, squeeze(name)) if code else None


def item_statements(paras: list[Paragraph], items: list[LineItem], year: int | None) -> list[LineItem]:
    """The items whose change or last year's figure the narrative states, one LineItem each."""
    known: dict[tuple[int, str], str] = {}
    for item in items:
        if item.classification == "functional" and item.code.isdigit():
            known.setdefault((len(item.code), squeeze(item.name)), item.code)
    out, heading = [], "说明"
    for p in paras:
        text = canonical(p.text)
        if is_heading(text):
            heading = text
            continue
        m = _HEAD.match(text)
        found = _code(m.group("path"), known) if m else None
        if not found:
            continue
        rest = text[m.end():]
        values: dict[str, float] = {}
        change = CHANGE.search(rest)
        if change and of_year_before(change, year):
            value = parse_amount(change.group(change.re.groupindex["verb"] + 1))
            if value is not None:
                values[CHANGE_COLUMN] = -value if change.group("verb") in ("减少", "下降") else value
        previous = _PREVIOUS.search(rest)
        if previous and year and int(previous.group("year")) == year - 1:
            column = PREVIOUS_EXECUTED if "执行" in previous.group("kind") else PREVIOUS_BUDGET
            values[column] = parse_amount(previous.group("value"))
        if values:
            code, name = found
            out.append(LineItem(f"说明：{heading}", code, name, values, "functional", source=p.source(f"说明：{heading}")))
    return out
