"""Layout-independent parsers for the narrative parts of a budget document.

Every function takes the document's lines (`ingest.reader.Line`: text, 1-based line number, page)
and returns record objects with their `Source`. They work on tab-separated text, raw PDF text and
Shanghai text alike, because they first join lines into paragraphs (`paragraphs`): a line wrapped
by the PDF extractor is glued to the line before it, whatever blank lines or page-start spaces lie
between, and a new paragraph starts at an indented line, an enumeration marker or after a line
ending a sentence.

    metadata(lines)            department, fiscal year, budget or final account, 汇总 or 本级
    duties(lines)              主要职责, one Duty per numbered item
Internal and subordinate units: `ingest.prose_units`.
Narrative figures (三公经费, 机关运行经费, 政府采购, 国有资产 …): `ingest.gd_facts.facts(lines)`.
Indicators in performance-target and self-evaluation text: `ingest.gd_indicators`. Both take the
same `Line` lists and work on either family.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from operator import attrgetter
from typing import Any

from ingest.reader import Line
from ingest.record import Duty, Fact, Indicator, Source
from ingest.text import chinese_number, normalize_name, squeeze

CN_NUM = "一二三四五六七八九十"
# Enumeration markers that open a numbered item: （一） (一) 1、 1. 1． 1） ① (1) （1）
ITEM = re.compile(rf"^(?:[（(]([{CN_NUM}]+)[）)]|(\d{{1,2}})\s*(?:[、.．](?!\d)|[）)])|([①-⑳])|[（(](\d{{1,2}})[）)])\s*")
HEADING = re.compile(rf"^[{CN_NUM}]+、")  # 一、主要职责
PART = re.compile(r"^第[一二三四五六]部分")
# An unnumbered heading line: "上海市某局主要职能", "名词解释".
KEYWORD_HEADING = re.compile(r"((?:主要|基本|部门|单位|工作)[)）]?职(?:能|责)|职能职责|(?:机构设置|内设机构|单位构成|预算构成|决算构成)(?:情况)?"
                             r"|名词解释|情况说明)$")
_SENTENCE_END = ("。", "；", ";", "：", ":", "！", "？")
_ASCII_STOP = re.compile(r"[^\d.\s]\.$")  # "…完成预算的96%." ends a sentence; "1." and "3.5" do not
ORG_SUFFIXES = ("局", "中心", "办公室", "委员会", "院", "所", "站", "队", "馆", "处", "室", "科", "股", "部", "会",
                "办", "厅", "委", "台", "社", "团", "校", "组", "政府", "学", "园", "场", "镇", "乡", "街道",
                "总支", "支部")


@dataclass
class Paragraph:
    text: str
    line: int
    page: int | None = None
    # (where in `text` it starts, its line, its page) of each line joined after the first
    breaks: tuple[tuple[int, int, int | None], ...] = ()

    def source(self, table: str | None = None) -> Source:
        return Source(table=table, line=self.line, page=self.page)

    def line_at(self, offset: int) -> tuple[int, int | None]:
        """The line (and page) printing the character at `offset` of the paragraph's `canonical` text: each
        line's canonical form is as long as its part of the paragraph's (canonical works character by character
        but for whitespace, which it drops)."""
        line, page, start, seen = self.line, self.page, 0, 0
        for at, next_line, next_page in self.breaks:
            seen += len(canonical(self.text[start:at]))
            if offset < seen:
                break
            line, page, start = next_line, next_page, at
        return line, page


_PAGE_NUMBER = re.compile(r"\s*[-－—]\s*\d+\s*[-－—]\s*")


def is_page_number(text: str) -> bool:
    return bool(_PAGE_NUMBER.fullmatch(text))


def paragraphs(lines: list[Line]) -> list[Paragraph]:
    """Join wrapped lines into paragraphs, dropping blank lines and page numbers (`- 13 -`).

    The section parsers (`duties`, `ingest.prose_units`, `ingest.gd_facts` …) each take an optional
    `paras`: a caller that runs several of them joins the document's paragraphs once and passes
    them on (`ingest.parse.parse_document` for the family parser, the narrative and the warnings).
    No parser changes a paragraph it is given."""
    out: list[Paragraph] = []
    pieces: list[str] = []  # the lines of out[-1], joined once at the end (+= on a long paragraph is quadratic)
    breaks: list[tuple[int, int, int | None]] = []  # out[-1]'s lines after its first (Paragraph.breaks)
    length, tail = 0, ""  # of out[-1]: its length and last two characters
    closed = False  # the paragraph before was a heading line, which never wraps into the next
    for line in lines:
        raw = line.text.replace("\t", " ").rstrip()
        text = raw.strip()
        if not text or is_page_number(text):
            continue
        indented = raw.startswith(("　", "  ")) and not raw.startswith(" 　")
        starts_new = (
            not out
            or indented
            or bool(ITEM.match(text))
            or bool(HEADING.match(text))
            or bool(PART.match(text))
            or is_heading(text)
            or tail.endswith(_SENTENCE_END)
            or _ASCII_STOP.search(tail) is not None  # the pattern reads two characters
            or closed
        )
        if starts_new:
            if out:
                out[-1].text, out[-1].breaks = "".join(pieces), tuple(breaks)
            out.append(Paragraph(text, line.no, line.page))
            pieces, breaks, length, tail = [text], [], len(text), text[-2:]
        else:
            breaks.append((length, line.no, line.page))
            pieces.append(text)
            length, tail = length + len(text), (tail + text)[-2:]
        # Only a short paragraph can be a heading or a list item that closes it.
        head = "".join(pieces) if length <= 40 else ""
        closed = bool(head) and (is_heading(head) or (
            len(head) <= 18 and ITEM.match(head) is not None and not _LIST_MARK.search(head)))
    if out:
        out[-1].text, out[-1].breaks = "".join(pieces), tuple(breaks)
    return out


_FIGURE = re.compile(r"\d[\d,]*(?:\.\d+)?")
_READ_ON = 4  # the paragraphs a fact's sentence may reach into: its own, a heading's text, the items under it


def at_own_lines(facts: list[Fact] | list[Indicator], paras: list[Paragraph],
                 value: Callable[[Any], object] = attrgetter("value")) -> None:
    """Give each fact read from the narrative the line (and page) printing its figure: the readers of prose cite
    the paragraph they read (`Paragraph.source`), whose first line may be lines above the figure, and some read on
    into the paragraphs after it (a heading and its text). The fact's sentence (its `text`, the part after the
    last …) is found in its paragraph and the few after it, and in the sentence the number that is the fact's
    value (else in the paragraph, a text not found there); the sentence's first line when no number, or more
    than one, is (持平, 十个, a figure in 元, a zero); the fact left as it is when neither is found.
    `value`: what of each is its figure (an indicator's: its target, `attrgetter("target")`)."""
    index = {p.line: i for i, p in enumerate(paras)}
    for fact in facts:
        i = index.get(fact.source.line)
        if i is None or not fact.text:
            continue
        run = paras[i: i + _READ_ON]
        texts = [canonical(p.text) for p in run]
        joined, said = "".join(texts), canonical(fact.text.rsplit("…", 1)[-1])
        # the sentence whole, else its head or tail (a text that opens with a heading of the paragraphs before)
        found = next(((joined.find(s) - said.find(s)) for s in (said, said.split("（", 1)[0], said[:16], said[-16:])
                      if len(s) >= 4 and s in joined), None)
        start, end = (max(found, 0), found + len(said)) if found is not None else (0, len(texts[0]))
        printed = [m.start() for m in _FIGURE.finditer(joined, start, end) if _is_value(m.group(), value(fact))]
        at = printed[0] if len(printed) == 1 else start if found is not None else None  # (0万元 printed five times)
        if at is not None:
            fact.source = cited(fact.source, run, at)


def cited(source: Source, run: list[Paragraph], at: int) -> Source:
    """`source` citing the line (and page) that prints character `at` of the paragraphs of `run` joined, as their
    `canonical` texts (a reader of prose cites the paragraph it read, whose first line may be lines above its
    figure: each reader gives the offset of the figure it read here); `source` as it is past the run's end."""
    for p in run:
        length = len(canonical(p.text))
        if at < length:
            line, page = p.line_at(at)
            return replace(source, line=line, page=page if page is not None else source.page)
        at -= length
    return source


def _is_value(printed: str, value: object) -> bool:
    """Whether the number printed (1,234.50) is the fact's value or its size (a fall's value is negative); never
    for a zero, which a sentence prints for anything (基数为0, 增长0%) and its figure may leave unprinted (持平)."""
    try:
        return float(value) != 0 and abs(float(printed.replace(",", "")) - abs(float(value))) < 1e-9
    except (TypeError, ValueError):
        return False


_LIST_MARK = re.compile(r"[，。；、,;]")
_CLAUSE_MARK = re.compile(r"[。，；,;]")


def is_heading(text: str) -> bool:
    """A short line that opens a section: 一、主要职责 / 第二部分… / 某局机构设置."""
    if len(text) > 40 or _CLAUSE_MARK.search(text):
        return False
    return bool(HEADING.match(text) and len(text) <= 24 or PART.match(text) or KEYWORD_HEADING.search(text))


_TEXT_COMMA = re.compile(r"(?<!\d),|,(?!\d)")
_TEXT_STOP = re.compile(r"(?<=[\u4e00-\u9fff%）])\.(?!\d)")
_ASCII_QUOTED = re.compile(r"\"([^\"]*)\"")
# (str.replace per mark is many times faster than str.translate on Chinese text)
_FULL_WIDTH = (("(", "（"), (")", "）"), (":", "："), (";", "；"), ("\"", "”"))


@lru_cache(maxsize=8192)  # each section parser asks again for the same paragraphs (~10 times a paragraph)
def canonical(text: str) -> str:
    """Text without whitespace, in one form of punctuation whatever the extractor printed: NFKC
    (full-width digits and ％ become ASCII), then full-width brackets, commas, colons and semicolons,
    a comma between digits staying a thousands separator; an ASCII full stop after a Chinese
    character or % becomes 。."""
    text = unicodedata.normalize("NFKC", squeeze(text))
    text = _TEXT_COMMA.sub("，", text)
    if "." in text:
        text = _TEXT_STOP.sub("。", text)
    if "\"" in text:
        text = _ASCII_QUOTED.sub(r"“\1”", text)
    for ascii_mark, full_width in _FULL_WIDTH:
        text = text.replace(ascii_mark, full_width)
    return text


# ---------------------------------------------------------------- metadata

@dataclass
class Metadata:
    department: str | None
    fiscal_year: int | None
    document_type: str
    scope: str | None


_TITLE = re.compile(r"(\d{4})年度?(.{4,40}?)(本级)?(?:部门|单位)(预算|决算)")
_TITLE_NAME_FIRST = re.compile(r"^(?P<name>.{4,40}?)(?P<year>\d{4})年度?(本级)?(?:部门|单位)(?P<kind>预算|决算)")
# "某局部门决算（2023年度）"
_TITLE_YEAR_AFTER = re.compile(r"^(?P<name>.{4,40}?)(?:本级)?(?:部门|单位)(?P<kind>预算|决算)[（(](?P<year>\d{4})年度?[）)]")
_CN_DIGIT = {ch: str(i) for i, ch in enumerate("〇一二三四五六七八九")} | {"零": "0", "○": "0", "Ｏ": "0"}


def _arabic_years(text: str) -> str:
    """'二〇二四年' → '2024年'."""
    return re.sub(r"([二〇零○Ｏ一三四五六七八九]{4})(?=年)", lambda m: "".join(_CN_DIGIT.get(c, c) for c in m.group(1)), text)
_PART1 = re.compile(r"第一部分[：:]?(.{4,40}?)(?:本级)?(?:部门)?概况")
_PART2_YEAR = re.compile(r"第二部分[：:]?.{0,40}?(\d{4})年度?(?:部门|单位)?(预算|决算)")
_UNIT_LABEL = re.compile(r"(?:单位名称|部门|单位)[：:]\s*(\S{4,40}?)(?:本级)?\s*$")


def plausible_name(name: str | None) -> bool:
    """An organisation's name; it may end with its short name in brackets ("…局（区城市管理局）")."""
    core = re.sub(r"[（(][^（()）]{2,20}[）)]$", "", name or "")
    return bool(core) and 4 <= len(core) <= 40 and core.endswith(ORG_SUFFIXES) and not re.search(
        r"预算|决算|表|目录|部分|概况", core)


def _without_scope(name: str) -> str:
    """'某局本级' or '某局（本级）' → '某局'."""
    return re.sub(r"[（(]本级[）)]$", "", name).removesuffix("本级")


def metadata(lines: list[Line]) -> Metadata:
    """Department, fiscal year, document type and scope, read from the title, a 主管部门 / 单位名称
    label, the part headings (第一部分 X概况, 第二部分 2024年部门预算表) and the 预算构成 /
    单位构成 paragraph."""
    head = _arabic_years(squeeze("".join(line.text for line in lines[:40] if line.text.strip())))
    body = squeeze("".join(line.text for line in lines))
    candidates: list[str] = []
    year = kind = None
    m = _TITLE.search(head)
    if m:
        year, kind = int(m.group(1)), m.group(4)
        candidates.append(m.group(2))
    m = _TITLE_NAME_FIRST.search(head) or _TITLE_YEAR_AFTER.search(head)
    if m:
        candidates.append(re.sub(r"^.*[：:]", "", m.group("name")))  # "部门：某局2024年…"
        year, kind = year or int(m.group("year")), kind or m.group("kind")
    m = re.search(r"(?:预算|决算)?主管部门[：:](\S{4,40}?)(?:本级)?(?:\d|目录|$)", head)
    if m:
        candidates.append(m.group(1))
    m = _PART1.search(body)
    if m:
        candidates.append(m.group(1))
    for line in lines:
        m = _UNIT_LABEL.search(squeeze(line.text).replace("单位：万元", ""))
        if m:
            candidates.append(m.group(1))
            break
    department = next((_without_scope(c) for c in candidates if plausible_name(_without_scope(c))), None)
    m2 = _PART2_YEAR.search(body)
    if year is None and m2:
        year = int(m2.group(1))
        kind = kind or m2.group(2)
    if year is None:
        m = re.search(r"(20\d{2})年度?(?:区级|市级|县级|省级|镇级)?(?:部门|单位)(?:预算|决算)", body)
        year = int(m.group(1)) if m else None
    if kind is None:
        kind = "决算" if "决算表" in body or "部门决算" in body else "预算"
    if department:
        department = normalize_name(department)
    title = squeeze("".join([line.text for line in lines if line.text.strip()][:3]))
    return Metadata(department, year, "final_account" if kind == "决算" else "budget", _scope(title, body))


def _scope(title: str, body: str) -> str | None:
    if re.search(r"为汇总(?:预算|决算)|汇总(?:部门)?(?:预算|决算)(?:公开|包括)", body):
        return "consolidated"
    if re.search(r"本级[）)]?(?:部门|单位)?(?:预算|决算)", title) or re.search(
        r"为(?:\S{0,30})?本级(?:预算|决算|公开)|无(?:下属|所属|二级)(?:二级)?(?:预算)?单位|本报告为本级"
        r"|(?:下属|所属)(?:预算)?单位(?:共|有)?0个|仅(?:有|含)?本级", body
    ):
        return "standalone"
    if re.search(r"包括[^。]{0,30}(?:本级|本部|机关)[^。]{0,40}(?:下属|所属)[^。]{0,10}单位"
                 r"|本级[^。，]{0,6}(?:和|及|与|、)[^。，]{0,4}(?:\d+个)?(?:下属|所属|直属|二级)(?:\d+个)?[^。，]{0,6}单位"
                 r"|二级预算单位(?:包括|有)", body):
        return "consolidated"
    m = re.search(r"范围的(?:预算)?单位共(\d+)个", body)  # 纳入…编报范围的单位共N个
    if m:
        return "consolidated" if int(m.group(1)) > 1 else "standalone"
    return None


# ---------------------------------------------------------------- sections

def section(paras: list[Paragraph], heading: str) -> list[Paragraph]:
    """The paragraphs under the first heading (一、… / 第N部分 / "某局主要职能") whose text matches
    `heading` and that has any, up to the next heading; a table of contents lists headings with
    nothing under them, so its entries are passed over."""
    for i, p in enumerate(paras):
        if not (is_heading(p.text) and re.search(heading, p.text)):
            continue
        out = []
        for q in paras[i + 1:]:
            if is_heading(q.text):
                break
            out.append(q)
        if out:
            return out
    return []


def _item_number(m: re.Match) -> int | None:
    if m.group(1):
        return chinese_number(m.group(1))
    if m.group(2) or m.group(4):
        return int(m.group(2) or m.group(4))
    return ord(m.group(3)) - ord("①") + 1


def numbered_items(paras: list[Paragraph]) -> list[tuple[int | None, str, Paragraph]]:
    """(number, text, paragraph) per enumerated item; an unnumbered paragraph joins the item before
    when that item has not ended its sentence, or when another item follows it (a line ending a sentence
    at the page's edge ends no item: "…网络建设。" then "指导重要江河…" up to "8."); one after the
    last item that ended its sentence is an aside, not part of any item. An introduction may run on into
    the first item ("主要职责是：（一）负责…")."""
    items: list[list] = []
    pending: list[str] = []  # unnumbered paragraphs after an item that ended its sentence
    for p in paras:
        m = ITEM.match(p.text)
        if not m and not items:
            first = _INLINE_FIRST.search(p.text)
            if first:
                p = Paragraph(p.text[first.end() - len(first.group(1)):], p.line, p.page)
                m = ITEM.match(p.text)
        if m:
            if pending:  # the item before went on up to this one
                items[-1][1] += "\n" + "\n".join(pending)
                pending = []
            items.append([_item_number(m), p.text[m.end():].strip(), p])
        elif items and not pending and not items[-1][1].endswith("。"):
            items[-1][1] += "\n" + p.text  # the item goes on after a page break or an indented line
        elif items and _HAN.search(p.text):  # (a stray page number is no part of it)
            pending.append(p.text)
    out: list[tuple[int | None, str, Paragraph]] = []
    for n, t, p in items:
        # the extractor sometimes runs the next item on after a full stop or a semicolon:
        # "…财务规则。（八）负责…"; the next number is looked for in the item's own style
        kind = _marker_kind(p.text)
        while n is not None:
            marker = {"cn": rf"[（(]{_cn(n + 1)}[）)]", "paren": rf"[（(]{n + 1}[）)]"}.get(kind, rf"{n + 1}[、.．]")
            m = re.search(rf"(?<=[。；;]){marker}", t)
            if not m:
                break
            out.append((n, t[: m.start()], p))
            n, t = n + 1, t[m.end():]
        out.append((n, t, p))
    return out


_HAN = re.compile(r"[\u4e00-\u9fff]")
_INLINE_FIRST = re.compile(r"[：:]\s*([（(]一[）)]|1[、.．](?!\d))")


def _cn(n: int) -> str:
    """7 → 七, 12 → 十二, 20 → 二十 (the numerals of （一）-style markers)."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


def _marker_kind(text: str) -> str | None:
    m = ITEM.match(text)
    if not m:
        return None
    return "cn" if m.group(1) else "arabic" if m.group(2) else "paren" if m.group(4) else "circled"


DUTY_HEADINGS = r"(?:主要|基本|部门|单位|工作)[)）]?职(?:能|责)|职能职责"


def duties(lines: list[Line], paras: list[Paragraph] | None = None) -> list[Duty]:
    """The numbered duties of the 主要职责 section; a paragraph printed twice is counted once, and
    items numbered in another style than the first ("（三）…：1. …；2. …") stay inside their duty.
    `paras`: the lines' paragraphs, when the caller has them."""
    paras = section(paragraphs(lines) if paras is None else paras, DUTY_HEADINGS)
    out: list[Duty] = []
    seen: set[str] = set()
    style = None  # the marker kind of the duties; other kinds number sub-items inside a duty
    for number, text, p in numbered_items(paras):
        text = text.replace("\n", "")
        kind = _marker_kind(p.text)
        style = style or kind
        if kind != style and out:
            m = ITEM.match(p.text)
            marker = p.text[:m.end()].strip() if m and _item_number(m) == number else f"{number}."
            out[-1].text += marker + text if number is not None else text
            continue
        key = squeeze(text)
        if not key or key in seen:
            continue
        seen.add(key)
        out.append(Duty(text=text, number=number, source=p.source("主要职责")))
    if not out and paras:  # an unnumbered section (or one numbered 一、二、): one duty per paragraph
        for p in paras:
            m = HEADING.match(p.text)
            text = p.text[m.end():] if m else p.text
            if squeeze(text) not in seen and not text.endswith(("：", ":")):
                seen.add(squeeze(text))
                number = chinese_number(m.group(0)[:-1]) if m else None
                out.append(Duty(text=text, number=number, source=p.source("主要职责")))
    return out
