"""The organisation of a department as its narrative states it (either layout): 内设机构 and
下属单位, read from the 机构设置 and 预算构成 / 决算单位构成 sections.

    internal_units(lines)              "（一）综合办公室。负责…", or "内设机构 5 个，分别为A、B"
    subordinate_units(lines, dept)     "下属单位具体包括：A、B", "下设1个事业单位：A", numbered
                                       entries, or names under a "（二）下属单位" sub-heading
    split_names(text)                  "A、B和C" → [A, B, C]
"""

from __future__ import annotations

import re

from ingest.prose import ITEM, ORG_SUFFIXES, Paragraph, numbered_items, paragraphs, section
from ingest.reader import Line
from ingest.record import Source, Unit
from ingest.text import first_of_each, squeeze

_ORG_SECTION = r"机构设置|内设机构|机构编制|机构情况|组织机构"
_N = r"[\d一二两三四五六七八九十]+"
_KINDS = r"(?:处室|科室|股室|职能科室|内设机构|机构|部门|处|科|室|部)"
_COUNTED = rf"(?:{_KINDS}|(?:事业|行政|二级|预算|下属|所属){{0,3}}单位)"
_LIST_INTRO = r"(?:分别为|分别是|依次为|具体包括|包括|为)[：:]?"
# A sentence that lists internal units: "内设十个机构，分别是：A、B", "设立6个内设机构,分别为:A、B",
# "各机构规范简称依次为：A、B", "按照党章规定设置：A", "下设A、B等七个处室", "内设A、B等N个科室".
_INTERNAL_AFTER = re.compile(rf"(?:内设|下设|设立|设置|设有|设)[^。：:]{{0,30}}?(?:[：:]|{_LIST_INTRO})(.+)$")
_INTERNAL_BEFORE = re.compile(rf"(?:内设|下设|设立|设置|设有|设)(?:机构|科室|处室)?(?:有)?[：:]?(.+?)(?:等|共)?\s*{_N}\s*个{_KINDS}")
# Sentences about units outside the department's own offices.
_NOT_INTERNAL = re.compile(r"下属|所属|直属|二级|事业单位|预算单位|单位构成")
_SUBORDINATE_LIST = re.compile(
    rf"(?:下属|所属|直属|下设)(?:\s*{_N}\s*个)?(?:事业|行政|二级|预算){{0,2}}单位(?:\s*{_N}\s*个)?[，,]?\s*"
    rf"(?:{_LIST_INTRO}|有[：:]?|[：:])(.+?)(?:。|$)"
)


def split_names(text: str) -> list[str]:
    """'A、B和C' → [A, B, C]; separators inside quotes or brackets are kept."""
    parts, depth, cur = [], 0, ""
    for ch in text:
        if ch in "“‘（(《「":
            depth += 1
        elif ch in "”’）)》」":
            depth = max(0, depth - 1)
        if depth == 0 and ch in "、，,;；":
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    parts.append(cur)
    out = []
    for part in parts:
        part = re.sub(r"^\d{1,2}[.、．]", "", part.strip().rstrip("。"))
        # a count closing the list: 'C等', 'C等3个', 'C共3个处室'
        part = re.sub(rf"(?:等|共)(?:{_N}[个家]{_COUNTED}?)?$|(?<=[^\d]){_N}[个家]{_COUNTED}$", "", part)
        if part.startswith(("和", "及")):
            part = part[1:]
        pieces = _split_outside_brackets(part, ("以及", "和", "及"))
        if len(pieces) > 1 and all(_looks_like_org(p) for p in pieces):
            out += pieces  # "业务科和信息科"
        elif part:
            out.append(part)
    return out


def _split_outside_brackets(text: str, words: tuple[str, ...]) -> list[str]:
    """`text` split at each of `words` that stands outside brackets."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(text):
        ch = text[i]
        depth += ch in "（(" and 1 or 0
        depth -= ch in "）)" and depth > 0 and 1 or 0
        word = next((w for w in words if text.startswith(w, i)), None) if depth == 0 else None
        if word:
            parts.append(text[start:i])
            i = start = i + len(word)
            continue
        i += 1
    return parts + [text[start:]]


def _looks_like_org(name: str) -> bool:
    core = re.sub(r"[（(][^）)]*[）)]$", "", name)  # 市场秩序科（粮食和物资储备科）
    return 2 <= len(core) <= 40 and len(name) <= 80 and core.endswith(ORG_SUFFIXES)


def internal_units(lines: list[Line], paras: list[Paragraph] | None = None) -> list[Unit]:
    """内设机构 of the 机构设置 section: numbered "（一）NAME。responsibilities" entries (the name
    may stand alone with its responsibilities in the next paragraph), or a "内设机构 N 个，分别为
    A、B、C" list. `paras`: the lines' paragraphs, when the caller has them."""
    everything = paragraphs(lines) if paras is None else paras
    paras = section(everything, _ORG_SECTION)
    units: list[Unit] = []
    for _, text, p in numbered_items(paras):
        name, rest = _split_first(text.rstrip("；;，,"))
        if re.match(r"\S{0,6}[省市区县]\S{3,}", name) and len(name) > 8 or "本部" in name:
            continue  # a whole organisation (本部, a subordinate unit), not an office inside it
        if not _looks_like_org(name) or len(name) > 20:
            m = re.match(r"(\S{2,15}?(?:室|科|股|处|部|中心|组|队)(?:[（(][^）)]{2,12}[）)])?)[：:，,]?"
                         r"(负责|承担|贯彻|制定|组织|拟订|统筹)", text)
            if not m:
                continue
            name, rest = squeeze(m.group(1)), text[len(m.group(1)):].lstrip("：:，,")
        units.append(Unit(name=name, responsibilities=rest.strip() or None, source=p.source("内设机构")))
    if units:
        return _dedupe(units)
    for p in paras or everything:
        # a section lists its offices in one or more sentences (内设处室, 派出机构, 党的机构)
        for sentence in re.split(r"。|[；;，,](?=下设|下属|所属|直属|另)", squeeze(p.text)):
            for name in _internal_list(sentence, strict=not paras):
                units.append(Unit(name=name, source=p.source("内设机构")))
    if not units:  # a table of offices: '序号 内设机构名称' / '1 办公室'
        for row in table_of_units(lines, r"^序号(?:内设)?(?:机构|处室|科室)(?:名称)?"):
            name = re.split(r"\s+", _TABLE_ROW.match(row.text).group(2))[0]
            if _looks_like_org(name):
                units.append(Unit(name=name, source=Source(table="内设机构", line=row.no, page=row.page)))
    if not units:
        for p in paras:  # a bare list under the heading: "综合事务部、综合治理部、后勤服务部。"
            names = split_names(squeeze(p.text).rstrip("。；;"))
            if len(names) >= 2 and all(_looks_like_org(n) and len(n) <= 20 for n in names):
                units += [Unit(name=n, source=p.source("内设机构")) for n in names]
    return _dedupe(units)


def _internal_list(sentence: str, strict: bool) -> list[str]:
    """The internal units a sentence lists, if it lists them; `strict` (outside an organisation
    section) asks for 内设/下设 and a count."""
    if _NOT_INTERNAL.search(sentence):
        return []
    if strict and not (re.search(r"(?:内设|下设)", sentence) and re.search(rf"{_N}\s*个", sentence)):
        return []
    for pattern in (_INTERNAL_BEFORE, _INTERNAL_AFTER):
        m = pattern.search(sentence)
        listed = split_names(m.group(1)) if m else []
        if listed:  # the list starts after its verb: '机构设置：局机关设办公室、…' lists 办公室
            listed[0] = _LEAD.sub("", listed[0])
        names = [name for name in listed if _looks_like_org(name)]
        if names:
            return names
    return []


# the organisation that sets the offices up, and its verb: '局机关设', '本单位设有' (not the 设 of 建设管理科)
_LEAD = re.compile(r"^.{0,12}?(?:机关|本局|我局|单位|部门|局|委|办|中心|院)(?:内设|下设|设立|设置|设有|设)[：:]?")


def _split_first(text: str) -> tuple[str, str]:
    """'NAME。rest' or 'NAME\\nrest' → (NAME without spaces, rest joined)."""
    m = re.search(r"[。\n]", text)
    if not m:
        return squeeze(text), ""
    return squeeze(text[: m.start()]), text[m.end():].replace("\n", "")


_NUMBERED_ORG = re.compile(
    r"\d{1,2}[.、．]?((?:[^\d\s，。；、：:]{2,10}?[省市区县])?[^\d\s，。；、：:]{2,30}?"
    r"(?:中心|所|站|队|馆|院|办公室|委员会|处|局))(?=[（(]本级|本部|预算|不单列|[，。；,;]|\d|$)"
)


def subordinate_units(lines: list[Line], department: str | None = None,
                      paras: list[Paragraph] | None = None) -> list[Unit]:
    """下属单位 / 所属事业单位 named in the 机构设置 or 预算构成 / 决算单位构成 sections: a list after
    "下属单位具体包括：", or numbered entries ("2. 某中心，不单列预算"; the department's own entry,
    marked 本级 or 本部, is left out). `paras`: the lines' paragraphs, when the caller has them."""
    paras = paragraphs(lines) if paras is None else paras
    scope = section(paras, _ORG_SECTION) + section(paras, r"构成|单位情况|单位范围")
    units: list[Unit] = []
    for p in scope:
        text = squeeze(p.text)
        if re.search(r"无下属单位|没有下属单位", text):
            continue
        for m in _SUBORDINATE_LIST.finditer(text):
            for name in split_names(m.group(1)):
                if not _looks_like_org(name):
                    break
                note = "不单列预算" if "不单列" in text else None
                units.append(Unit(name=name, note=note, source=p.source("下属单位")))
    if units:
        return _dedupe(units)
    for k, p in enumerate(scope):  # "部门预算包括：局本级预算、局属某所预算和局属某站预算"
        m = BUDGET_LIST.search(squeeze(p.text + (scope[k + 1].text if p.text.endswith(("：", ":")) and k + 1 < len(scope) else "")))
        if m:
            units += [Unit(name=n, source=p.source("下属单位")) for n in budget_list(m.group(1), department)]
    units = units or _units_under_label(scope) or _units_in_table(lines, department)
    if units:
        return _dedupe(units)
    own = squeeze(department or "")
    for p in scope:
        text = squeeze(p.text)
        if len(re.findall(r"\d[\d,]*\.\d{2}", text)) >= 2:
            continue  # table rows the section ran into: '201 26 04 档案馆 1,205,000.00' names no unit
        for m in _NUMBERED_ORG.finditer(text):
            name, after = m.group(1), text[m.end():m.end() + 4]
            if after.startswith(("（本级", "(本级", "本部")) or name == own or "内设机构" in text[m.end():m.end() + 12]:
                continue
            note = "不单列预算" if "不单列" in text[m.end():m.end() + 12] else None
            units.append(Unit(name=name, note=note, source=p.source("下属单位")))
    return _dedupe(units)


BUDGET_LIST = re.compile(r"(?:预算|决算)(?:单位)?(?:包括|由)[：:]?([^。]*本级[^。]*)")
_OWN_MARK = re.compile(r"本级|本部|[（(]机关[）)]|机关$")


def budget_list(text: str, department: str | None) -> list[str]:
    """The units besides the department in a list of the budgets a department's budget is made of:
    '局本级预算、局属某所预算和局属某站预算' → [某所, 某站]; '某局本级决算（行政单位）和某中心（事业单位）决算'
    → [某中心]. Generic entries ('所属事业单位预算') are not names and are left out."""
    out = []
    for piece in re.split(r"[、，,；;]|(?:(?<=预算)|(?<=决算)|(?<=[）)]))(?:和|及|以及)", text):
        name = re.sub(r"^(?:和|及|以及|其中[：:]?)", "", piece.strip("。 "))
        name = re.sub(r"^(?:局属|所属|下属|直属|委属|厅属|办属)", "", name)
        name = re.sub(r"(?:[（(](?:行政|事业|参公|参照)[^（()）]{0,10}[）)])*(?:部门|单位)?(?:预算|决算)?$", "", name)
        name = re.sub(r"[（(](?:行政|事业|参公|参照)[^（()）]{0,10}[）)]$", "", name)
        if not name or _OWN_MARK.search(name) or name == department or re.search(r"单位$|^事业|^行政", name):
            continue
        if _looks_like_org(name):
            out.append(name)
    return out


_TABLE_ROW = re.compile(r"^\s*(\d{1,3})\s+(\S.*?)\s*$")


def table_of_units(lines: list[Line], header: str = "单位名称") -> list[Line]:
    """The rows of the first table of units under a '序号 单位名称' header (or another `header`
    pattern): '1 某中心', '2 某局（本级）', numbered 1, 2, 3 … on consecutive lines; [] when none."""
    for k, line in enumerate(lines):
        if "序" not in line.text:  # most lines: no '序号' however it is spaced
            continue
        head = squeeze(line.text)
        if not (head.startswith("序号") and re.search(header, head) and len(head) <= 20):
            continue
        rows: list[Line] = []
        for row in lines[k + 1:]:
            m = _TABLE_ROW.match(row.text)
            if not m or int(m.group(1)) != len(rows) + 1:
                break
            rows.append(row)
        if rows:
            return rows
    return []


def _units_in_table(lines: list[Line], department: str | None) -> list[Unit]:
    """The units of `table_of_units` but the department's own row (本级, 机关, its name)."""
    units = []
    for row in table_of_units(lines):
        m = _TABLE_ROW.match(row.text)
        name = re.sub(r"(?:行政|事业|参公)(?:单位)?.*$|无变动.*$", "", squeeze(m.group(2)))
        if not (_OWN_MARK.search(name) or name == department) and _looks_like_org(name):
            units.append(Unit(name=name, source=Source(table="下属单位", line=row.no, page=row.page)))
    return units


_SUBORDINATE_LABEL = re.compile(r"(?:下属|所属|直属)(?:事业|二级|预算)?单位(?:情况|名单)?[：:]?")


def _units_under_label(scope: list[Paragraph]) -> list[Unit]:
    """Units listed one a paragraph under a "（二）下属单位" sub-heading, up to the next numbered
    sub-heading: "南湖区数据中心（公益一类事业单位）。"."""
    units: list[Unit] = []
    for i, p in enumerate(scope):
        m = ITEM.match(p.text)
        if not _SUBORDINATE_LABEL.fullmatch(squeeze(p.text[m.end():] if m else p.text)):
            continue
        for q in scope[i + 1:]:
            m = ITEM.match(q.text)
            if m and m.group(1):
                break
            name = re.split(r"[（(，,。；;：:]", squeeze(q.text[m.end():] if m else q.text))[0]
            if _looks_like_org(name) and len(name) <= 30:
                units.append(Unit(name=name, source=q.source("下属单位")))
        break
    return _dedupe(units)


def _dedupe(units: list[Unit]) -> list[Unit]:
    return first_of_each(units, lambda u: u.name)
