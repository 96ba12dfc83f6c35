"""Programs described in prose by the Shanghai family: 'X经费情况说明' sections with sub-headings
(项目概述, 立项依据, 实施主体, 实施周期, 年度预算安排, 绩效目标) in any numbering style, and the numeric
targets their 绩效目标 text states. Programs named only in a 绩效目标表 are read by
`ingest.sh_indicators`.
"""

from __future__ import annotations

import re

from ingest.reader import Line
from ingest.record import Indicator, Program, Source
from ingest.sh_tables import to_wan
from ingest.text import first_of_each, squeeze

_CN = "一二三四五六七八九十"
_PROGRAM_HEAD = re.compile(r"^(.{2,60}?)(?:经费情况说明|情况说明|说明)$")
_ENUMERATOR = re.compile(rf"^(?:[{_CN}]{{1,3}}、|（[{_CN}]{{1,3}}）|\(\d{{1,2}}\)|（\d{{1,2}}）|\d{{1,2}}\s*[\.．、](?!\d))\s*")
_GENERIC_PROGRAM = re.compile(r"^(?:部门|重点|主要|其他)?(?:项目|经费|项目经费|专项)$")
# The first amount of a 年度预算安排 text, with its unit: '1,720.00万', '88.5万元', '1.2亿元', '1,234,567.89元'.
_MONEY = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(万|亿|元)")


def programs(lines: list[Line], department_name: str | None, skip: set[int] | None = None) -> list[Program]:
    """Programs described in prose ('X经费情况说明' with 项目概述 / 实施主体 / 年度预算安排 / 绩效目标)."""
    skip = skip or set()
    heads = []
    for i, ln in enumerate(lines):
        # '某某项目经费情况说明', also numbered: '（一）某某经费情况说明', '1. 某某项目情况说明'.
        text = _ENUMERATOR.sub("", squeeze(ln.text))
        m = _PROGRAM_HEAD.match(text)
        if not m or ln.no in skip or _GENERIC_PROGRAM.match(m.group(1)) or re.match(r"^\d", text):
            continue
        following = "".join(squeeze(x.text) for x in lines[i + 1:i + 4])
        # A heading right above another section heading ('其他相关情况说明' / 'X经费情况说明') is not one.
        nxt = _ENUMERATOR.sub("", squeeze(lines[i + 1].text)) if i + 1 < len(lines) else ""
        if re.search(r"项目概述|项目概况|立项依据|年度预算安排|实施主体", following) and not _PROGRAM_HEAD.match(nxt):
            heads.append((i, m.group(1)))
    out = []
    for k, (i, name) in enumerate(heads):
        stop = heads[k + 1][0] if k + 1 < len(heads) else len(lines)
        # A section also ends where a table or another part begins (e.g. the 绩效目标表 after it).
        stop = next((j for j in range(i + 1, stop) if _ends_program(squeeze(lines[j].text))), stop)
        parts = _subsections(lines[i + 1:stop])
        amount_text = _part(parts, "预算")
        amount = None
        if amount_text:
            m = _MONEY.search(amount_text)
            if m:
                amount = to_wan(m.group(1), {"万": "万元", "亿": "亿元"}.get(m.group(2), "元"))
        unit = _part(parts, "实施主体") or _part(parts, "实施单位") or department_name
        out.append(Program(name=name, unit=unit, amount=amount,
                           performance_target=_part(parts, "绩效目标"),
                           description=_part(parts, "概述") or _part(parts, "概况"),
                           source=Source("项目经费情况说明", lines[i].no, lines[i].page)))
    # A section printed twice (the family's repeated pages) describes one program.
    return first_of_each(out, lambda p: p.name)


def _ends_program(text: str) -> bool:
    """A table's title ('2025年项目绩效目标表', not a sentence ending in '统计报表'), its unit line, or a part."""
    title = len(text) < 60 and re.search(r"(?:^\d{4}年.*|绩效目标|预算|决算|情况|指标)表$", text)
    return bool(title or re.search(r"单位[：:](?:万元|千元|元)", text)
                or re.match(r"^第[一二三四五六七八九十]+部分", text) or text in ("名词解释", "其他相关情况说明"))


def _subsections(lines: list[Line]) -> dict[str, str]:
    """Sub-headings of a program section ('一、项目概述', '（三）项目实施主体', '2.立项依据', or with the
    text after a colon: '四、年度预算安排：…') → their text. Only the style of the first sub-heading
    counts, so a numbered list inside a part ('1. 完成率≥95%') stays in that part."""
    parts: dict[str, str] = {}
    key = style = None
    for ln in lines:
        text = squeeze(ln.text)
        m = _ENUMERATOR.match(text)
        marker = re.sub(r"[\d一二三四五六七八九十]+", "N", m.group(0)) if m else None
        if m and (style is None or marker == style):
            head, colon, rest = text[m.end():].partition("：") if "：" in text else text[m.end():].partition(":")
            # A sub-heading is a short name: no figures, no sentence ('1. 完成率达到100%。' is not).
            if 2 <= len(head) <= (16 if colon else 18) and not re.search(r"[\d。；;，,%≥≤]", head):
                style, key = marker, head
                parts[key] = rest
                continue
        if key is not None:
            parts[key] += text
    return parts


def _part(parts: dict[str, str], word: str) -> str | None:
    return next((v for k, v in parts.items() if word in k and v), None)


_COMPARATORS = {"≥": ">=", ">=": ">=", "不低于": ">=", "不少于": ">=", "大于等于": ">=", "达到": ">=",
                "≤": "<=", "<=": "<=", "不高于": "<=", "不超过": "<=", "不多于": "<=", "小于等于": "<=",
                ">": ">", "大于": ">", "高于": ">", "<": "<", "小于": "<", "低于": "<", "=": "=", "为": "="}
_TARGET = re.compile(
    r"([\u4e00-\u9fff（）A-Za-z]{2,24}?)(≥|>=|≤|<=|不低于|不少于|大于等于|不高于|不超过|不多于|小于等于|达到|大于|高于|小于|低于|>|<|=)"
    r"\s*(\d+(?:\.\d+)?)(?!\.?\d|[eE][-+]?\d)\s*(%|％|个|人次|人|次|件|家|户|万元|元|天|日|小时|台|套|项|场|份|分钟|秒|分|卷|册|条|平方米)?")


def indicators(programs_: list[Program]) -> list[Indicator]:
    """Numeric targets stated in a program's 绩效目标 text ('数字化率≥95%', '满意度不低于90%')."""
    out = []
    for program in programs_:
        text = program.performance_target or ""
        for m in _TARGET.finditer(text):
            name = re.split(r"[，,。；;、：:]", m.group(1))[-1]
            trimmed = re.sub(r"^(?:其中|完成|实现|确保|保持|力争|达到)", "", name)
            name = trimmed if len(trimmed) >= 3 else name  # '完成率' is a name, '完成数字化率' is not
            unit = (m.group(4) or "").replace("％", "%") or None
            if len(name) < 2:
                continue
            out.append(Indicator(name=name, comparator=_COMPARATORS[m.group(2)], target=float(m.group(3)),
                                 unit=unit, program=program.name, text=m.group(0), source=program.source))
    return out
