"""Prose sections of the Shanghai family: numbered duties, unit lists, aliases.

Each function takes the document's `Line`s and promises only what it finds; nothing here knows a
department, a program or an amount in advance. The cover is read by `ingest.sh_cover`, programs
described in prose by `ingest.sh_programs`, narrative figures by `ingest.sh_facts`.
"""

from __future__ import annotations

import re
from collections import Counter

from ingest.reader import Line
from ingest.record import Duty, Source, Unit
from ingest.sh_cover import HEADING, org
from ingest.text import chinese_number, squeeze

_CN = "一二三四五六七八九十"
# A numbered item at a line start: 1、 / 1. / （一） / 一、 / 第一条
_ITEM = re.compile(rf"^(?:(\d{{1,2}})\s*[、\.．](?!\d)|（([{_CN}]{{1,3}})）|([{_CN}]{{1,3}})、|[（(](\d{{1,2}})[）)])")
_SECTION_END = ("机构设置", "单位构成", "名词解释", "预算编制说明", "决算情况说明", "单位情况")
_ORG_END = re.compile(r"(?:中心|所|站|院|馆|队|局|处|校|室|会|社|园|部|台|厂|公司|办|委|团|宫|场|库|级)(?:[（(][^）)]*[）)])?[，,。；;]?$")
_UNIT_ITEM = re.compile(rf"^(?:(\d{{1,3}})(?:\s*[\.．、]\s*|\s+)|（([{_CN}]{{1,3}})）\s*)(\S.*)$")


# --- duties -----------------------------------------------------------------------------------

def _item_number(m: re.Match) -> int | None:
    digits, paren, plain, paren_digits = m.groups()
    return int(digits or paren_digits) if digits or paren_digits else chinese_number(paren or plain)


def _item_style(m: re.Match) -> int:
    return next(i for i, g in enumerate(m.groups()) if g)


def duties(lines: list[Line], skip: set[int] | None = None) -> tuple[list[Duty], int]:
    """The numbered duties after '主要职能包括：' / '主要职责是：', each number counted once (a page
    printed twice repeats them), texts joined across line wraps. Also returns the index of the
    line where the duty section ended."""
    skip = skip or set()
    start = next((i for i, ln in enumerate(lines) if ln.no not in skip and re.search(
        r"主要(?:职能|职责)[^：:]{0,6}[：:]$", squeeze(ln.text))), None)
    if start is None:
        start = next((i for i, ln in enumerate(lines) if ln.no not in skip
                      and re.search(r"(?:主要职能|主要职责)$", squeeze(ln.text))), None)
    if start is None:
        return [], 0
    # A full line (the text wrapped rather than ended) has the section's commonest long length.
    lengths = Counter(len(squeeze(ln.text)) for ln in lines[start:start + 60])
    width = max((n for n, c in lengths.items() if c >= 3), default=0)
    found: dict[int, Duty] = {}
    current: Duty | None = None
    style = None
    end = len(lines)
    prev_len = 0
    for i in range(start, len(lines)):
        text = squeeze(lines[i].text)
        if style is None and (i == start or not _ITEM.match(text)):
            # '主要职责是：（一）负责…' — the first item follows the intro on its line.
            cut = _FIRST_ITEM.search(text)
            text = text[cut.end():] if cut else ("" if i == start else text)
        if not text:
            continue
        m = _ITEM.match(text)
        if m and style is None:
            style = _item_style(m)
        numbered = bool(m) and _item_style(m) == style
        if not numbered:
            if _is_section_end(text, style):
                end = i
                break
            if re.search(r"主要(?:职能|职责)", text):
                current = None  # the section printed again: its items are already counted
                continue
            inline = _inline_items(text, style) if style is not None else []
            head = text[:inline[0][1]] if inline else text
            wrapped = prev_len >= width - 3
            if current is not None and head and (not current.text.endswith("。") or wrapped):
                current.text += head
            elif current is not None and head:
                current = None
            prev_len = len(text)
            pieces = [(n, text[body:stop]) for n, _b, body, stop in inline]
        else:
            prev_len = len(text)
            pieces = _split_items(text, style)
        for number, body in pieces:
            if number in found:
                current = None
                continue
            current = found[number] = Duty(body.strip(), number, Source("主要职能", lines[i].no, lines[i].page))
    if not found:
        return _listed_duties(lines[start:end]), end
    return [found[n] for n in sorted(found)], end


def _listed_duties(section: list[Line]) -> list[Duty]:
    """Unnumbered duties in one sentence: '主要职能为：负责甲；负责乙；负责丙。' → one duty each."""
    joined = "".join(squeeze(ln.text) for ln in section)
    m = re.search(r"主要(?:职能|职责)[^：:。]{0,6}[：:](.+?)(?:。|$)", joined)
    pieces = [p for p in re.split(r"[；;]", m.group(1)) if len(p) >= 2] if m else []
    if len(pieces) < 2:
        return []
    src = section[0]
    return [Duty(p, k, Source("主要职能", src.no, src.page)) for k, p in enumerate(pieces, 1)]


_FIRST_ITEM = re.compile(rf"[：:](?=(?:\d{{1,2}}[、\.．](?!\d)|（[{_CN}]{{1,3}}）|[（(]\d{{1,2}}[）)]))")
_INLINE = [r"(?<=[。；;])(\d{1,2})[、\.．](?!\d)", rf"(?<=[。；;])（([{_CN}]{{1,3}})）", rf"(?<=[。；;])([{_CN}]{{1,3}})、",
           r"(?<=[。；;])[（(](\d{1,2})[）)]"]


def _inline_items(text: str, style: int) -> list[tuple[int | None, int, int, int]]:
    """Items that start inside a line, after a full stop: (number, start, body start, body end)."""
    found = [(chinese_number(m.group(1)), m.start(), m.end()) for m in re.finditer(_INLINE[style], text)]
    return [(n, s, e, found[k + 1][1] if k + 1 < len(found) else len(text)) for k, (n, s, e) in enumerate(found)]


def _split_items(text: str, style: int) -> list[tuple[int, str]]:
    """'（七）…规则。（八）负责…' → both items: a line may hold the end of one and the start of the next."""
    first = _ITEM.match(text)
    inline = _inline_items(text, style)
    out = [(_item_number(first), text[first.end(): inline[0][1] if inline else len(text)])]
    out += [(n, text[body:stop]) for n, _s, body, stop in inline]
    return [(n, b.strip()) for n, b in out if n is not None]


def _is_section_end(text: str, style: int | None) -> bool:
    if any(word in text for word in _SECTION_END) and len(text) < 40:
        return True
    if style != 2 and HEADING.match(text) and len(text) < 40:
        return True
    # A table's title or unit line, or a row of figures: the duties were followed by the tables.
    title = re.search(r"^(?:\d{4}年|[\d一二三四五六七八九十]+[、\.．]).{2,50}表$", text)  # not '…编制决算报表'
    if title or re.search(r"单位[：:](?:万元|千元|元)$", text) or _tabular(text):
        return True
    return bool(re.match(r"^第[一二三四五六七八九十]+部分", text))


# --- units ------------------------------------------------------------------------------------

def units(lines: list[Line], department_name: str | None, start: int = 0,
          skip: set[int] | None = None) -> tuple[list[Unit], list[Unit]]:
    """(internal units, subordinate units) from the 机构设置 / 单位构成 section: 内设机构 named after
    '包括：', subordinate units as its numbered entries other than the department itself (本部/本级),
    with a note such as '不单列预算' or '预算不单列，并入本级'."""
    skip = skip or set()
    begin = next((i for i in range(start, len(lines)) if lines[i].no not in skip and re.search(
        r"(?:机构设置|单位构成|单位情况)$", squeeze(lines[i].text))), None)
    if begin is None:
        begin = next((i for i in range(start, len(lines)) if lines[i].no not in skip
                      and re.search(r"(?:机构设置|单位构成)", lines[i].text)), None)
    if begin is None:
        return [], []
    section = []
    for ln in lines[begin + 1:]:
        text = squeeze(ln.text)
        if section and (HEADING.match(text) or "名词解释" in text or text.endswith("表")
                        or re.match(r"^第[一二三四五六七八九十]+部分", text) or _tabular(ln.text)):
            break
        section.append(ln)
    joined = "".join(squeeze(ln.text) for ln in section)
    internal = []
    m = re.search(r"(?:内设|职能)(?:机构|科室|处室|部门)[^：:。]{0,12}[：:](.+?)(?:。|$)", joined) \
        or re.search(r"(?:下设|内设)((?:[^。：:，,、]{2,20}、)+[^。：:，,、]{2,20}?)等?[\d一二三四五六七八九十]+个"
                     r"(?:职能)?(?:科室|处室|内设机构|机构|部门)", joined)
    if m:
        src = section[0] if section else lines[begin]
        for name in _split_list(m.group(1)):
            internal.append(Unit(name, source=Source("机构设置", src.no, src.page)))
    subordinate = []
    listed = re.search(r"(?:(?:下属|所属)(?:预算|事业|行政)?单位|(?:本部门|部门)预算单位)[^：:。]{0,12}[：:](.+?)(?:。|$)", joined)
    if listed and not re.search(r"\d[\.．、]|（[一二三四五六七八九十]+）", listed.group(1)):
        src = section[0] if section else lines[begin]
        for name in _split_list(listed.group(1)):
            if not _is_self(name, department_name):
                subordinate.append(Unit(name, source=Source("机构设置", src.no, src.page)))
    for number_text, ln in _numbered_entries(section):
        name, note = _name_and_note(number_text)
        if name and org(name) and not _is_self(name, department_name):
            subordinate.append(Unit(name, note=note, source=Source("机构设置", ln.no, ln.page)))
    return internal, subordinate


def _is_self(name: str, department_name: str | None) -> bool:
    """The department itself: 'X本部', 'X（本级）', 'X机关' — not '…机关事务管理中心'."""
    return bool(re.search(r"(?:本部|本级|机关)(?:[（(].*[）)])?$", name)) or "本级" in name or name == department_name


def _tabular(text: str) -> bool:
    """A table row or a table's unit line, where a prose section has certainly ended."""
    amounts = re.findall(r"(?<![\d.,])-?\d[\d,]*\.\d{2}(?![\d万%])", text)
    return len(amounts) >= 2 or bool(re.search(r"单位\s*[：:]\s*(?:万元|千元|元)\s*$", text.strip()))


def _split_list(text: str) -> list[str]:
    out, depth, cur = [], 0, ""
    for ch in text:
        depth += ch in "（(" and 1 or 0
        depth -= ch in "）)" and 1 or 0
        if ch in "、，," and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    out.append(cur)
    return [re.sub(r"等$", "", s.strip("。；; ")) for s in out if s.strip("。；; ")]


def _numbered_entries(section: list[Line]) -> list[tuple[str, Line]]:
    entries: list[list] = []
    last: Line | None = None  # the entry's last line, while the entry may go on
    for ln in section:
        # "具体包括： 1. 普陀区司法局本部" — an entry may start after other text on its line.
        parts = re.split(rf"\s+(?=\d{{1,3}}\s*[\.．、]\s*\S)|(?<=[：:])\s*(?=（[{_CN}]{{1,3}}）)", ln.text.strip())
        # A short entry ends its line; only a full (wrapped) line goes on over a page break.
        wraps = last is not None and (last.page == ln.page or len(squeeze(last.text)) >= 30)
        taken = False
        for k, part in enumerate(parts):
            m = _UNIT_ITEM.match(part.strip())
            # '（一）' also numbers sub-headings: such an entry must read as an organisation.
            if m and not re.match(r"^\d", m.group(3)) and (m.group(1) or _ORG_END.search(_name_and_note(m.group(3))[0])):
                entries.append([m.group(3).strip(), ln])
                taken = True
            elif entries and k == 0 and wraps and not entries[-1][0].endswith("。"):
                entries[-1][0] += squeeze(part)
                taken = True
        last = ln if taken else None
    return [(text, ln) for text, ln in entries]


def _name_and_note(text: str) -> tuple[str, str | None]:
    parts = re.split(r"[，,：:]|\s+", text.strip(), maxsplit=1)
    name = squeeze(parts[0]).strip("。；;")
    note = parts[1].strip().strip("。") if len(parts) > 1 and parts[1].strip() else None
    return name, note


# --- aliases ----------------------------------------------------------------------------------

def aliases(lines: list[Line], department_name: str) -> list[str]:
    """Short names the document uses for its department: '（以下简称“区商务委”）', or the X of
    'X本部' when X is an abbreviation of the full name (its characters in order)."""
    text = "".join(squeeze(ln.text) for ln in lines)
    found: list[str] = []
    for m in re.finditer(r"以下简称[“\"]?([^”\"）)]{2,12})[”\"]?", text):
        found.append(m.group(1))
    for m in re.finditer(r"(?:^|[\d\.．、，,：:])([\u4e00-\u9fff]{2,12}?)本部", text):
        short = m.group(1)
        if _abbreviates(short, department_name):
            found.append(short)
    return [a for a in dict.fromkeys(found) if a != department_name]


def _abbreviates(short: str, full: str) -> bool:
    rest = iter(full)
    return len(short) < len(full) and all(ch in rest for ch in short)
