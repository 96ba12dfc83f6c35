"""The cover and contents of a Shanghai-family document: which department, which year, budget or
final account, consolidated (部门) or standalone (单位/本级), and which lines are the 目录.

Each function takes the document's `Line`s and reads titles only; nothing here knows a department
or a year in advance.
"""

from __future__ import annotations

import re
from collections import Counter

from ingest.reader import Line
from ingest.text import squeeze

_CN = "一二三四五六七八九十"
_DEPT_LABEL = re.compile(r"(?:预算主管部门|主管部门|编制部门|编制单位|部门名称|预算单位|决算单位|单位名称)"
                         r"(?:[（(]单位[）)])?\s*[：:]\s*(\S+)")
_LABEL_ALONE = re.compile(r"(?:预算主管部门|主管部门|编制部门|编制单位|部门名称|预算单位|决算单位)[：:]$")
_YEAR_TITLE = re.compile(r"(20\d\d)\s*年度?\s*(?:区级|市级|县级|镇级)?\s*(?:部门|单位)\s*(?:预算|决算)")
_YEAR_ANY = re.compile(r"(20\d\d)\s*年度?")
HEADING = re.compile(rf"^(?:第[{_CN}]+部分|[{_CN}]{{1,3}}、)")


def toc_lines(lines: list[Line]) -> set[int]:
    """Line numbers of the table of contents (目录), which repeats every heading without content."""
    out: set[int] = set()
    start = next((i for i, ln in enumerate(lines[:200]) if squeeze(ln.text) in ("目录", "目次")), None)
    if start is None:
        return out
    page = lines[start].page
    # The contents end where their first entry is printed again as the heading it names ('一、部门概况'),
    # however their entries wrap; without such a repeat, while the lines read as entries.
    entries = [ln for ln in lines[start + 1:start + 120] if squeeze(ln.text)]
    first = squeeze(entries[0].text) if entries else ""
    again = next((k for k, ln in enumerate(entries[1:], 1) if squeeze(ln.text) == first), None)
    if again is not None and (entries[again].page or 0) <= (page or 0) + 3:
        return {ln.no for ln in entries[:again]}
    for ln in lines[start + 1:]:
        text = squeeze(ln.text)
        if ln.page is not None and page is not None and ln.page > page + 1:
            break
        # Entries are headings, dotted leaders or numbered table names; the contents may run onto
        # a second page of bare headings ("九、…说明", "第四部分 名词解释").
        if text and not (HEADING.match(text) or re.search(r"[…\.·．]{3,}", text) or re.match(r"^\d+[\.．、]", text)
                         or text.endswith("表") or re.match(r"^\d{4}$", text) or text in ("“”", "\"\"")
                         or re.search(r"\S\s+\d{1,3}$", ln.text.strip())):
            break
        out.add(ln.no)
    return out


def department(lines: list[Line]) -> str | None:
    """The disclosing department: a 预算主管部门/编制部门 label, else the name in a cover title
    ('2025年上海市X局部门预算', 'X2024年度部门决算'), else a 'X概况' / 'X主要职能' heading, else the
    cover's first line when it reads as a name, else a title further in ('第二部分 X2024年度部门决算表')."""
    for k, ln in enumerate(lines[:300]):
        m = _DEPT_LABEL.search(ln.text)
        if m and (name := org(re.sub(r"单位\s*[：:].*$", "", m.group(1)))):
            return name
        if _LABEL_ALONE.search(squeeze(ln.text)) and k + 1 < len(lines) and (name := org(squeeze(lines[k + 1].text))):
            return name  # '预算主管部门：' with the name on the next line
    cover = [squeeze(ln.text) for ln in lines[:12] if ln.text.strip()]
    for k in range(len(cover)):
        # A title may wrap: '2025年' / '上海市X局部门预算'.
        name = _title_name(cover[k]) or (_title_name(cover[k] + cover[k + 1]) if k + 1 < len(cover) else None)
        if name:
            return name
    for ln in lines[:300]:
        m = re.match(r"^(?:第[一二三四]部分|[一二三四五六七八九十]{1,2}、)?(\S{4,40}?)(?:概况|主要职能|主要职责|机构设置)$", squeeze(ln.text))
        if m and not HEADING.match(m.group(1)) and (name := org(m.group(1))):
            return name
    if cover and (name := org(cover[0])):
        return name
    for ln in lines[:400]:
        if (name := _title_name(squeeze(ln.text))):
            return name
    return None


_TITLE_NAME = [re.compile(r"^(?:第[一二三四五六七八九十]+部分)?(?P<name>.+?)(?:20\d\d)年度?(?P<level>区级|市级|县级|镇级)?(?:部门|单位)(?:预算|决算)"),
               re.compile(r"^(?:20\d\d)年度?(?P<name>.+?)(?:部门|单位)(?:预算|决算)")]


def _title_name(text: str) -> str | None:
    for pattern in _TITLE_NAME:
        m = pattern.match(text)
        # '上海市X区2025年区级部门预算' names the government whose departments these are.
        if m and not m.groupdict().get("level") and (name := org(m.group("name"))):
            return name
    return None


def org(text: str) -> str | None:
    """`text` as an organisation name without a trailing （本级）/（汇总）, or None when it reads as
    something else: a numbered heading, a table title, a sentence, figures."""
    # a cover may print a stray dot or bullet before the name ('.长春市信访局（本级）')
    name = re.sub(r"[（(](?:本级|汇总|本部|盖章|公章)[）)]$", "", text.strip("：:，,。 .．·•"))
    if not 3 <= len(name) <= 40 or re.search(r"\d|[，,。；;：:、]", name) or HEADING.match(name) \
            or name.endswith(("表", "目录", "说明")) or name.startswith(("第", "目录")):
        return None
    return name


def fiscal_year(lines: list[Line]) -> int | None:
    """The year from the cover title ('2025年区级部门预算', '2024年度部门决算'), else the commonest
    year in the document's first headings."""
    head = _arabic_years("".join(squeeze(ln.text) for ln in lines[:10]))
    m = _YEAR_TITLE.search(head)
    if m:
        return int(m.group(1))
    for ln in lines[:300]:
        m = _YEAR_TITLE.search(squeeze(ln.text))
        if m:
            return int(m.group(1))
    # Text extracted from a PDF whose digits are set in another font puts '2024' on a line of
    # its own beside '年度部门决算': a title without a year next to a line that is only a year.
    texts = [squeeze(ln.text) for ln in lines[:300]]
    for k, text in enumerate(texts):
        if re.search(r"^年度?(?:区级|市级)?(?:部门|单位)(?:预算|决算)|\D年度?(?:部门|单位)(?:预算|决算)", text):
            near = [t for t in texts[max(k - 1, 0): k + 2] if re.fullmatch(r"20\d\d", t)]
            if near:
                return int(near[0])
    years = Counter(int(y) for ln in lines[:200] for y in _YEAR_ANY.findall(ln.text))
    return years.most_common(1)[0][0] if years else None


def _arabic_years(text: str) -> str:
    """'二〇二五年' → '2025年' (a cover may spell its year in Chinese digits)."""
    digits = {"〇": "0", "零": "0", "○": "0", "Ｏ": "0", "一": "1", "二": "2", "三": "3", "四": "4",
              "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}
    return re.sub(r"二[〇零○Ｏ][〇零○Ｏ一二三四五六七八九]{2}(?=年)", lambda m: "".join(digits[c] for c in m.group(0)), text)


def document_type(lines: list[Line]) -> str:
    """'final_account' or 'budget': from the cover's '部门决算' / '单位预算' title, else from which word
    the document's table titles and columns use more ('…决算表', '决算数' against '…预算表', '预算数')."""
    head = "".join(squeeze(ln.text) for ln in lines[:10])
    m = re.search(r"(?:部门|单位)(预算|决算)", head)
    if m:
        return "final_account" if m.group(1) == "决算" else "budget"
    text = "".join(squeeze(ln.text) for ln in lines)
    final = len(re.findall(r"决算(?:表|数)|(?:部门|单位)决算", text))
    budget = len(re.findall(r"预算(?:表|数)|(?:部门|单位)预算", text))
    return "final_account" if final > budget else "budget"


def scope(lines: list[Line]) -> str:
    """'standalone' for a 单位预算/本级 document or one that says it has no units of its own
    ('无下属单位', '只包括本级'), else 'consolidated' (a 部门预算 covers its units)."""
    head = "".join(squeeze(ln.text) for ln in lines[:10])
    if re.search(r"单位(?:预算|决算)|（本级）|\(本级\)", head):
        return "standalone"
    body = "".join(squeeze(ln.text) for ln in lines[:400])
    alone = re.search(r"无(?:下属|所属|二级)(?:预算)?单位|(?:仅|只)(?:包括|包含|含|有)?本级|(?:下属|所属)(?:预算)?单位(?:共|有)?0[个家]",
                      body)
    return "standalone" if alone else "consolidated"
