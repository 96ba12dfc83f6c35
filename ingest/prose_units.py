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
from ingest.record import Unit
from ingest.text import first_of_each, squeeze

_LIST_INTRO = r"(?:分别为|分别是|具体包括|包括|为)[：:]?"
# A list of internal units ends at its full stop, or at a semicolon that goes on to the subordinate
# units ("内设3个科室：A、B、C；下设1个事业单位：D").
_LIST_END = r"(?:。|[；;](?=下设|下属|所属|直属|另)|$)"
_INTERNAL_LIST = re.compile(
    rf"内设(?:机构)?\s*\d*\s*个(?:机构|科室|股室|内设机构)?[，,：:]?\s*(?:{_LIST_INTRO})?(.+?){_LIST_END}"
    rf"|(?:内|机关)?设(?:机构|科室|股室|有)?(?:有)?[：:]?([^。，；]+?)(?:等|共)\s*\d+\s*个(?:科室|机构|股室|处室|内设机构)"
    rf"|设\s*\d+\s*个(?:内设机构|科室|职能科室|处室|股室)[，,：:]?\s*(?:{_LIST_INTRO})?(.+?){_LIST_END}"
    rf"|(?:内|机关)?设(?:有)?([^。，；：:]+?)\s*\d+\s*个(?:内设机构|科室|职能科室|处室|股室)"
    rf"|内设(?:机构|科室|股室)(?:有|为)?[：:](.+?){_LIST_END}"
)
_SUBORDINATE_LIST = re.compile(
    rf"(?:下属|所属|直属|下设)(?:\s*\d+\s*个)?(?:事业|行政|二级|预算)?单位(?:\s*\d+\s*个)?[，,]?\s*"
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
        if part.startswith(("和", "及")):
            part = part[1:]
        pieces = re.split(r"以及|和|及", part)
        if len(pieces) > 1 and all(p.endswith(ORG_SUFFIXES) for p in pieces):
            out += pieces  # "业务科和信息科"
        elif part:
            out.append(part)
    return out


def _looks_like_org(name: str) -> bool:
    core = re.sub(r"[（(][^）)]*[）)]$", "", name)  # 市场秩序科（粮食和物资储备科）
    return 2 <= len(name) <= 40 and core.endswith(ORG_SUFFIXES)


def internal_units(lines: list[Line], paras: list[Paragraph] | None = None) -> list[Unit]:
    """内设机构 of the 机构设置 section: numbered "（一）NAME。responsibilities" entries (the name
    may stand alone with its responsibilities in the next paragraph), or a "内设机构 N 个，分别为
    A、B、C" list. `paras`: the lines' paragraphs, when the caller has them."""
    everything = paragraphs(lines) if paras is None else paras
    paras = section(everything, r"机构设置|内设机构")
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
        m = _INTERNAL_LIST.search(squeeze(p.text))
        if m:
            for name in split_names(next(g for g in m.groups() if g)):
                if _looks_like_org(name):
                    units.append(Unit(name=name, source=p.source("内设机构")))
            if units:
                break
    return _dedupe(units)


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
    scope = section(paras, r"机构设置|内设机构") + section(paras, r"构成|单位情况|单位范围")
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
    units = _units_under_label(scope)
    if units:
        return units
    own = squeeze(department or "")
    for p in scope:
        text = squeeze(p.text)
        for m in _NUMBERED_ORG.finditer(text):
            name, after = m.group(1), text[m.end():m.end() + 4]
            if after.startswith(("（本级", "(本级", "本部")) or name == own or "内设机构" in text[m.end():m.end() + 12]:
                continue
            note = "不单列预算" if "不单列" in text[m.end():m.end() + 12] else None
            units.append(Unit(name=name, note=note, source=p.source("下属单位")))
    return _dedupe(units)


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
