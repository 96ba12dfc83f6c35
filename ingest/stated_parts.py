"""Parts a sentence prints of a figure, each with an amount of its own: "口岸管理业务40,000.70万元，主要包括：口岸管养工作
38,297.20万元，用于…；深圳陆路口岸安检保障工作645.74万元，…", "项目总预算2921.00万，其中支持外贸发展370.00万，…，进博会推进
专项153.00万，合计2921.00万". A part asked by its name is answered with its own figure and this sentence's line, never
with the whole's (query_api/answering/program_parts.py).

    stated_parts(paras, year)   a Fact `stated_part` per part of the document's year: its name as the label, its
                                amount, the whole's clause and its own as the text, the paragraph's line
    goal_parts(programs, year)  the same of what a program's goal lists it pays for, each with an amount ("1、支付
                                2026年驻京房租费249.8万元。2、报销驻京人员差旅费26万元。"), the goal's line; and a Fact
                                `goal_count` per count its goal states in a unit of its own (覆盖全区32个单位及以上:
                                32 个; 开通服务器数量550台) or quantity in a unit of measure (提高到160万m3/d: 160
                                万立方米/日, ingest/quantities.py), the program's name as the label, the clause as the text
"""

from __future__ import annotations

import re

from ingest.prose import Paragraph, canonical, is_heading
from ingest.quantities import QUANTITY, unit_form
from ingest.record import Fact, Program
from ingest.stated import of_year
from ingest.text import amount_text, parse_amount

STATED_PART = "stated_part"
GOAL_COUNT = "goal_count"
# a count and the measure word it is counted in (个, 台, 人次 …): never money, a share, a date or a length of time
COUNTERS = r"人次|个|台|次|人|家|条|座|项|场|期|篇|份|所|户|套|辆|批|宗|件|张|册|部|处|间|名|位|栋|幢|本|把|组|队"
_COUNT = re.compile(r"(?<![\d.])(?P<n>\d+)\s*(?P<unit>" + COUNTERS + r")(?!月|百分点|工作日|小时)")
_AMOUNT = r"(?P<amount>\d[\d,]*(?:\.\d+)?)\s*万元?"
# a whole's amount, then the words opening its parts (其中, 主要包括, 具体包括)
_WHOLE = re.compile(_AMOUNT + r"(?:[，,]?(?:主要|具体)?(?:其中|包括|包含|构成为)[：:，,]?|[：:])")
# a part: its name from the start of its clause, then its amount (在 / 为 / 约 between them)
_PART = re.compile(r"(?P<name>[^，,；;：:。、\d（）()]{2,30}?)(?:为|约|共|计)?" + _AMOUNT)
# names that are no part: a change on last year, the parts' own sum, a share, a year's figure
_NOT_A_PART = re.compile(r"^(?:比|较|同比|与|增加|减少|增长|下降|增减|持平)|(?:增加|减少|下降)$|比上年|较上年|上年|同期|合计|共计|总计|小计|累计|结转|结余|占|^\d|年度?$|^年|预算$|^(?:主要)?用于")
# a whole that is a change on last year: its parts are changes too
_CHANGE = re.compile(r"(?:增加|减少|增长|下降|增|减|降)(?:了)?$")
_CLAUSE = re.compile(r"[^，；;。]+")  # canonical text: a comma between digits is ASCII, of the text full-width


# a section of transfer payments or special funds (（三）上级转移支付项目, 专项资金安排情况): each of its items opening with
# a name and an amount, then what it is for or what is carried over (甲作业服务费7,083.34万元，上年结转564.09万元，用于…),
# is a part of the section's money
_SECTION = re.compile(r"转移支付|专项")
# a heading: a short line of words, no clause, no figure, under its number (（三）, 四、, 2.) if any
_HEADING = re.compile(r"^(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}、|\d{1,2}[、.．])?"
                      r"[^，,；;。：:\d]{2,30}$")
_SECTION_ITEM = re.compile(r"^(?:\d{1,2}[、.．)）]|[（(]\d{1,2}[）)])?(?P<part>" + _PART.pattern + r")[，,](?:主要)?(?:用于|上年结转)")


def stated_parts(paras: list[Paragraph], year: int | None) -> list[Fact]:
    """Every part printed after a whole's amount and 其中 / 主要包括 (or a colon) in `paras`, and every item of a
    section of transfer payments or special funds, in the order printed, of the document's own year (a sentence
    of last year's figures gives none)."""
    out: dict[tuple, Fact] = {}  # a part printed after two wholes' words (其中 inside 主要包括) is one
    section = ""
    for p in _sentences_joined(paras):
        text = canonical(p.text)
        if is_heading(text) or _HEADING.match(text):
            section = text
            continue
        if _SECTION.search(section) and (item := _SECTION_ITEM.match(text)) \
                and not _NOT_A_PART.search(item.group("name")) and of_year(text, item.start("amount"), year) \
                and (value := parse_amount(item.group("amount"))) is not None:
            out.setdefault((item.group("name"), value, p.line), Fact(
                STATED_PART, value, label=item.group("name"), text=f"{section}…{text}"[:300], source=p.source()))
        for whole in _WHOLE.finditer(text):
            head = text[max(text.rfind("。", 0, whole.start()), text.rfind("；", 0, whole.start())) + 1:whole.end()]
            end = text.find("。", whole.end())
            clauses = list(_CLAUSE.finditer(text, whole.end(), end if end >= 0 else len(text)))
            if _CHANGE.search(text, 0, whole.start()) or not clauses or not _parts(clauses[0].group()):
                continue  # a change's parts (减少98,780.12万元，其中…), or what is listed no amounts' parts
            for clause in clauses:
                for part in _parts(clause.group()):
                    value = parse_amount(part.group("amount"))
                    if value is None or not of_year(text, clause.start() + part.start("amount"), year):
                        continue
                    out.setdefault((part.group("name"), value, p.line), Fact(
                        STATED_PART, value, label=part.group("name"), text=f"{head}…{part.group()}"[:300],
                        source=p.source()))
    return list(out.values())


def _sentences_joined(paras: list[Paragraph]) -> list[Paragraph]:
    """`paras` with a paragraph ending inside a sentence (…优化咨询研究等；) joined to the next one, unless that one opens
    a whole of its own or a heading: a page's text may break a list of parts after a 分号 (新皇岗…项目49.50万元 the next
    paragraph's), its line kept for each part (`Paragraph.breaks`)."""
    out: list[Paragraph] = []
    for p in paras:
        text = canonical(p.text)
        if out and re.search(r"[；;]\s*$", out[-1].text) and not (is_heading(text) or _HEADING.match(text)
                                                                 or _WHOLE.search(text)):
            last, at = out[-1], len(out[-1].text)
            out[-1] = Paragraph(last.text + p.text, last.line, last.page, (*last.breaks, (at, p.line, p.page),
                                *((at + start, line, page) for start, line, page in p.breaks)))
        else:
            out.append(p)
    return out


def _parts(clause: str) -> list[re.Match]:
    """The parts a clause opens with: one, and those joined to it by 、 (货物类0.00万元、服务类3,966.73万元)."""
    out, at = [], 0
    while (part := _PART.match(clause, at)) and not _NOT_A_PART.search(part.group("name")):
        out.append(part)
        if not clause.startswith("、", part.end()):
            break
        at = part.end() + 1
    return out


# a clause of a goal's list: its number (1、 2. （3）), then what it pays for and its amount, nothing after it
_ITEM = re.compile(r"^(?:\d{1,2}[、.．)）]|[（(]\d{1,2}[）)])?\s*(?:其中[：:]?)?(?P<name>[^：:（）()]{2,40}?)(?:为|约|共|计)?\s*" + _AMOUNT
                   + r"(?:左右)?$")
_A_YEAR = re.compile(r"(?:20\d\d|19\d\d)年度?")
_GOAL_CLAUSE = re.compile(r"[^，,；;。]+")


def goal_parts(programs: list[Program], year: int | None) -> list[Fact]:
    """What each program's goal (its performance_target) lists it pays for with an amount of its own, in the order
    printed: a clause naming a use and its amount alone ("2、报销驻京人员差旅费26万元", "缴纳电费27万元"), its name the
    label (a year in it dropped), the program's name and amount beside the clause as its text, the goal's line; never
    the program's own amount said again, a change, nor another year's figure."""
    out: dict[tuple, Fact] = {}
    for program in programs:
        text = canonical(program.performance_target or "")
        for clause in _GOAL_CLAUSE.finditer(text):
            for count in _COUNT.finditer(clause.group()):
                if of_year(text, clause.start() + count.start(), year):
                    out.setdefault((program.name, count.group(), clause.start()), Fact(
                        GOAL_COUNT, int(count.group("n")), count.group("unit"), label=program.name,
                        text=clause.group().strip()[:300], source=program.source))
            for quantity in QUANTITY.finditer(clause.group()):  # 过水能力由现状40万m3/d提高到160万m3/d: each, in its unit
                if of_year(text, clause.start() + quantity.start(), year):
                    out.setdefault((program.name, quantity.group(), clause.start()), Fact(
                        GOAL_COUNT, float(quantity.group("n")), unit_form(quantity.group("unit")), label=program.name,
                        text=clause.group().strip()[:300], source=program.source))
            item = _ITEM.match(clause.group().strip())
            if item is None:
                continue
            name = _A_YEAR.sub("", item.group("name")).strip()
            value = parse_amount(item.group("amount"))
            if value is None or len(name) < 2 or re.search(r"\d", name) or _NOT_A_PART.search(name) \
                    or value == program.amount or not of_year(text, clause.end(), year):
                continue
            whole = f"{program.name}{'' if program.amount is None else f'（{amount_text(program.amount)}万元）'}"
            out.setdefault((name, value, program.source.line), Fact(
                STATED_PART, value, label=name, text=f"{whole}：…{clause.group().strip()}"[:300], source=program.source))
    return list(out.values())
