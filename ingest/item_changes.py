"""What the narrative says about one classified item beside the tables: its change on the year
before, or last year's figure, in the explanation of the spending by 功能分类 or 经济分类:

    （1）一般公共服务支出（类）支出4,523.04万元，…。与上年相比减少53,748.68万元，减少92.24%。
    5、公共安全支出（204类）司法（06款）信息化建设（13项）227.88万元。…2025年当年预算执行数为60.41万元，…
    1.政府办公厅（室）及相关机构事务（款）行政运行（项）支出2,016.5万元，与上年相比减少16.14万元
    3.培训支出（2050803）21.00万元，较上年减少17.60万元，下降45.60%。
    本部门当年一般公共预算培训费预算支出21.00万元，较上年减少17.60万元，下降45.60%。

    item_statements(paras, items, year)   a LineItem per item so stated, its values in the columns
                                           CHANGE_COLUMN (signed), PREVIOUS_EXECUTED, PREVIOUS_BUDGET
    describe(paras, items)                 what the paragraph of an item says its money is for
                                           ('…（项）3136.40万元，主要用于标准化菜场及副食品行业管理。'), set as
                                           the `description` of the tables' rows of that item

The item is the one the tables print: by the code in its brackets (204类 06款 13项 → 2040613, or
（2050803）, （301）), else by its name at its level, narrowed by the names of the levels above it
('政府办公厅（室）及相关机构事务（款）行政运行（项）': the 行政运行 under that 款) — where the tables print
no codes (杭州), the row whose chain of names ends with the path's and for which they print the amount,
kept with code '' and its parent's name as the tables' row is; a 类 named alone with an amount of 0 that the tables
print no row of, by its name (a class with no money this year, its change stated) — else — a sentence
naming an item and its amount right before the comparison ('培训费预算支出21.00万元，较上年减少') — by
a name that only one code of the tables bears, when they print the same amount for it. A name two codes bear, an item the tables do not know,
or a measure of its own (“三公”经费 and its parts, 机关运行经费: `ingest.changes`) gives nothing.
"""

from __future__ import annotations

import re

from ingest.changes import CHANGE, signed_change, subject
from ingest.prose import Paragraph, canonical, cited, is_heading
from ingest.record import CHANGE_COLUMN, PREVIOUS_BUDGET, PREVIOUS_EXECUTED, LineItem
from ingest.stated import of_year, of_year_before
from ingest.text import parse_amount, squeeze

_LEVEL_WIDTH = {"类": 3, "款": 5, "项": 7}
_LEVEL_DEPTH = {"类": 1, "款": 2, "项": 3}
_NUM = r"[\d,]+(?:\.\d+)?"
# a name may hold a bracketed word that is no level ('政府办公厅（室）及相关机构事务')
_NAME = r"(?:[^，。；：（）()\d]|[（(][^，。；：（）()\d类款项]{1,4}[）)])"
_PIECE = rf"{_NAME}{{2,30}}?[（(](?:\d{{2,3}})?[类款项][）)]"
_LEAD = r"^(?:\d{1,2}[、.．]|[（(]\d{1,2}[）)])?"
# (the path perhaps quoted: '14.“商业服务业等支出（类）…（项）”3136.40万元')
_HEAD = re.compile(rf"{_LEAD}[“\"]?(?P<path>(?:{_PIECE})+)[”\"]?(?:支出)?(?P<amount>{_NUM})万元")
_PART = re.compile(rf"({_NAME}{{2,30}}?)[（(](\d{{2,3}})?([类款项])[）)]")
# '1.行政运行（2010801）2,338.24万元', '（1）工资福利支出（301）2,981.28万元': a name and its own code
_CODED = re.compile(rf"{_LEAD}(?P<name>{_NAME}{{2,30}}?)[（(](?P<code>\d{{3}}|\d{{5}}|\d{{7}})[）)](?:支出)?(?P<amount>{_NUM})万元")
_PREVIOUS = re.compile(r"(?P<year>20\d\d)年(?:当年)?(?:年初)?(?P<kind>预算执行数|执行数|预算数)为(?P<value>[\d,]+(?:\.\d+)?)万元")
# '<item>财政拨款预算为698万元，' right before the comparison: its amount, and the words that may stand
# between a name and it
_AMOUNT_BEFORE_CHANGE = re.compile(rf"(?P<amount>{_NUM})万元[，,]?$")
_QUALIFIER = re.compile(r"(?:一般公共预算|财政拨款|拨款|预算|支出|安排|年度|当年|数|为)$")


class _Codes:
    """The codes the record's tables print, by code and by (width, name)."""

    def __init__(self, items: list[LineItem]) -> None:
        self.scheme: dict[str, str] = {}
        self.names: dict[str, str] = {}
        self.by_name: dict[tuple[int, str], set[str]] = {}
        self.amounts: dict[str, set[float]] = {}  # every figure the tables print for a code
        codes_of: dict[str, set[str]] = {}  # the codes bearing a name, at any level
        for item in items:
            if item.classification and item.code.isdigit():
                name = squeeze(item.name)
                self.amounts.setdefault(item.code, set()).update(round(v, 2) for v in item.values.values())
                self.scheme.setdefault(item.code, item.classification)
                self.names.setdefault(item.code, name)
                self.by_name.setdefault((len(item.code), name), set()).add(item.code)
                codes_of.setdefault(name, set()).add(item.code)
        # the names a sentence may use alone: of 3 characters or more, borne by one code
        self.unique = {name: next(iter(found)) for name, found in codes_of.items() if len(name) >= 3 and len(found) == 1}
        # rows printed without a code (杭州's tables): each by its chain of names from its 类 down, with the
        # figures printed for it
        self.chains: dict[tuple[str, ...], set[float]] = {}
        parents: dict[tuple[str, str], str | None] = {}
        for item in items:
            if item.classification and not item.code.strip():
                parents.setdefault((item.table, squeeze(item.name)), squeeze(item.parent) if item.parent else None)
        for item in items:
            if item.classification and not item.code.strip():
                # its own parent, then the parents of that name (a 项's name may stand under two 款, a 款's seldom)
                chain, up = [squeeze(item.name)], squeeze(item.parent) if item.parent else None
                while up and len(chain) < 4 and up not in chain:
                    chain.insert(0, up)
                    up = parents.get((item.table, up))
                self.chains.setdefault(tuple(chain), set()).update(round(v, 2) for v in item.values.values())

    def prints(self, code: str, amount: str) -> bool:
        """Whether the tables print `amount` for `code`: a sentence's item is the tables' when its figure is
        one of theirs ('各单位培训费预算39.51万元' is not the 1.00 of a table of basic spending)."""
        value = parse_amount(amount)
        return value is not None and round(value, 2) in self.amounts.get(code, ())

    def of_path(self, path: str) -> str | None:
        """The code a bracketed path of levels names: its digits, else the code of its last name at its
        level whose broader codes bear the names of the levels above it; None unless exactly one."""
        parts = [(squeeze(n), d, lv) for n, d, lv in _PART.findall(path)]
        if not parts:
            return None
        digits = [d for _, d, _ in parts]
        name, _, level = parts[-1]
        if all(digits) and len("".join(digits)) == _LEVEL_WIDTH[level]:
            return "".join(digits)
        fits = self.by_name.get((_LEVEL_WIDTH[level], name), set())
        for upper, _, upper_level in parts[:-1]:
            width = _LEVEL_WIDTH[upper_level]
            fits = {c for c in fits if self.names.get(c[:width], upper) == upper}
        return next(iter(fits)) if len(fits) == 1 else None

    def of_names(self, path: str, amount: str) -> tuple[str, str | None] | None:
        """(name, parent) of the row without a code that a bracketed path of names without digits names
        ('气象事务（款）气象服务（项）'): the one row at the path's level whose names above it are the path's
        and for which the tables print `amount`; None unless exactly one."""
        parts = [(squeeze(n), d, lv) for n, d, lv in _PART.findall(path)]
        if not parts or any(d for _, d, _ in parts):
            return None
        names, depth = tuple(n for n, _, _ in parts), _LEVEL_DEPTH[parts[-1][2]]
        value = parse_amount(amount)
        fits = {chain for chain, printed in self.chains.items()
                if len(chain) == depth and chain[-len(names):] == names and value is not None and round(value, 2) in printed}
        if len(fits) != 1:
            return None
        chain = next(iter(fits))
        return chain[-1], (chain[-2] if len(chain) > 1 else None)

    def unprinted_class(self, path: str, amount: str) -> str | None:
        """The name of the one 类 a path names alone with an amount of 0 that the tables print no row of (a class
        with no money this year, whose change is stated: '（6）商业服务业等支出（类）支出0万元，与上年相比减少750万元'),
        kept by its name as a line printed without a code; None otherwise."""
        parts = [(squeeze(n), d, lv) for n, d, lv in _PART.findall(path)]
        if len(parts) != 1 or parts[0][2] != "类" or parse_amount(amount) != 0:
            return None
        name = parts[0][0]
        printed = (3, name) in self.by_name or any(chain[0] == name for chain in self.chains)
        return None if printed else name

    def of_sentence(self, lead: str) -> str | None:
        """The code of the item named right before its amount (`lead`: the words up to the amount, perhaps
        with '财政拨款预算为' after the name), when one code bears that name."""
        while lead:
            for end in range(max(0, len(lead) - 30), len(lead) - 2):
                if (code := self.unique.get(lead[end:])) is not None:
                    return code  # the longest name that ends here
            shorter = _QUALIFIER.sub("", lead)
            if shorter == lead:
                return None
            lead = shorter
        return None


def _change_values(text: str, year: int | None) -> tuple[dict[str, float], int]:
    """The change on the year before (signed) and last year's figure that `text` states first, and where in
    `text` the first of them is printed (the line to cite)."""
    values: dict[str, float] = {}
    at = []
    change = next((m for m in CHANGE.finditer(text) if of_year_before(m, year)), None)
    if change:
        value = signed_change(change)
        if value is not None:
            values[CHANGE_COLUMN] = value
            at.append(change.start(change.re.groupindex["verb"] + 1))
    previous = _PREVIOUS.search(text)
    if previous and year and int(previous.group("year")) == year - 1:
        column = PREVIOUS_EXECUTED if "执行" in previous.group("kind") else PREVIOUS_BUDGET
        values[column] = parse_amount(previous.group("value"))
        at.append(previous.start("value"))
    return values, min(at, default=0)


def _headed(text: str, codes: _Codes) -> tuple[str, str, str, str | None, str] | None:
    """(code, name, scheme, parent, the rest of the paragraph) when the paragraph opens with an item and
    its amount; code '' and the parent's name for a row the tables print without a code."""
    m = _HEAD.match(text)
    if m and (code := codes.of_path(m.group("path"))):
        name = squeeze(_PART.findall(m.group("path"))[-1][0])
        return code, codes.names.get(code, name), "functional", None, text[m.end():]  # 类/款/项: 功能分类's levels
    if m and (row := codes.of_names(m.group("path"), m.group("amount"))):
        return "", row[0], "functional", row[1], text[m.end():]
    if m and (name := codes.unprinted_class(m.group("path"), m.group("amount"))):
        return "", name, "functional", None, text[m.end():]
    m = _CODED.match(text)
    if m and codes.prints(m.group("code"), m.group("amount")):
        code = m.group("code")
        return code, codes.names[code], codes.scheme[code], None, text[m.end():]
    return None


def _named(text: str, codes: _Codes, year: int | None) -> list[tuple[str, float, int]]:
    """(code, signed change, where in `text` it is printed) of each comparison right after an item's name and
    amount in `text`."""
    out = []
    for m in CHANGE.finditer(text):
        start = max(text.rfind(c, 0, m.start()) for c in "。；") + 1
        before = text[start: m.start()]
        amount = _AMOUNT_BEFORE_CHANGE.search(before)
        if not amount or not of_year_before(m, year) or m.group("said") \
                or not of_year(text, start + amount.start("amount"), year):
            continue  # no amount right before, another year's, or a change of what the words after 比上年 say
        code = codes.of_sentence(before[: amount.start()])
        if code is None or subject(codes.names[code]) or not codes.prints(code, amount.group("amount")):
            continue  # no item, a measure of its own (公务接待费 is the “三公”'s), or another figure than the tables'

        value = signed_change(m)
        if value is not None:
            out.append((code, value, m.start(m.re.groupindex["verb"] + 1)))
    return out


def item_statements(paras: list[Paragraph], items: list[LineItem], year: int | None) -> list[LineItem]:
    """The items whose change or last year's figure the narrative states, one LineItem each."""
    codes = _Codes(items)
    out, heading, said = [], "说明", set()
    for p in paras:
        text = canonical(p.text)
        if is_heading(text):
            heading = text
            continue
        table = f"说明：{heading}"
        found = _headed(text, codes)
        if found and (stated := _change_values(found[4], year))[0]:
            code, name, scheme, parent, rest = found
            said.add(code or (name, parent))
            # cited at the line printing its figure (its path may take the lines before)
            source = cited(p.source(table), [p], len(text) - len(rest) + stated[1])
            out.append(LineItem(table, code, name, stated[0], scheme, source=source, parent=parent))
            continue
        for code, change, at in _named(text, codes, year):
            if code not in said:  # an item's own paragraph is read first; a sentence again of it is not
                said.add(code)
                out.append(LineItem(table, code, codes.names[code], {CHANGE_COLUMN: change}, codes.scheme[code],
                                    source=cited(p.source(table), [p], at)))
    return out


# what an item's money is for, as its paragraph says it: up to the end of the clause or sentence
_FOR = re.compile(r"主要用于[：:]?([^。；]{2,80}?)(?:[。；]|[，,](?:比|较|与|主要原因|增加|减少)|$)")


def _for(rest: str) -> re.Match | None:
    """What the item's own sentence (up to its first 。) says its money is for, or the sentence right after its
    amount when that opens with 主要用于; never last year's ('上年主要用于'): a later sentence may be another item's
    or another year's."""
    if rest.startswith("。"):  # '“行政运行”（2040601）1672.67万元。主要用于：…': the next sentence, when it opens so
        return _FOR.match(rest, 1)
    sentence = rest[: rest.find("。") + 1 or len(rest)]
    return next((m for m in _FOR.finditer(sentence)
                 if "上年" not in sentence[max(sentence.rfind(c, 0, m.start()) for c in "，,；") + 1: m.start()]), None)


def describe(paras: list[Paragraph], items: list[LineItem]) -> None:
    """Set on the tables' rows of each item whose paragraph opens with it and its amount (as item_statements
    reads it) the words saying what its money is for; the first paragraph of an item says it."""
    codes = _Codes(items)
    said: dict[tuple[str, str | None], str] = {}
    for p in paras:
        text = canonical(p.text)
        if is_heading(text) or not (found := _headed(text, codes)) or not (m := _for(found[4])):
            continue
        code, name, _, parent, _ = found
        said.setdefault((code, None) if code else (name, parent), m.group(1))
    for item in items:
        key = (item.code, None) if item.code.strip() else (squeeze(item.name), squeeze(item.parent) if item.parent else None)
        if item.classification and key in said:
            item.description = said[key]
