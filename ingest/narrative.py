"""What every disclosure's narrative states, whichever region printed it: the department's name as
its cover prints it, the scope of the budget (本级 or 汇总), and a second, layout-independent
reading of duties, units and stated figures that completes what a family parser left out.

    department_name(name)      '.某局（本级）' → '某局': stray marks and decorations removed
    cover_department(lines)    the name printed on the cover, also when it wraps over lines
    scope(text)                'standalone' / 'consolidated' from how the document counts and names
                               its budget units, or None when it does not say
    complete(record, doc)      fill in a family parser's record from the narrative

Nothing here knows a department, city or amount in advance.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ingest import (
    changes,
    gd_facts,
    income_names,
    item_changes,
    item_plans,
    program_counts,
    program_prose,
    prose,
    prose_units,
    section_amounts,
    staff_counts,
    stated_parts,
    stated_shares,
    three_public_counts,
    unit_counts,
)
from ingest.reader import Document, Line
from ingest.record import Record
from ingest.text import chinese_number, squeeze

_DECORATION = re.compile(r"[（(](?:汇总|本级|本部|机关|盖章|公章|部门)[）)]$")


def department_name(name: str) -> str:
    """The name without what the cover prints around it: a leading stray mark ('.', '·', '*'),
    a trailing （汇总）/（本级） or 本级."""
    name = re.sub(r"^[\W_]+", "", squeeze(name))
    while True:
        bare = _DECORATION.sub("", name).removesuffix("本级")
        if bare == name:
            return name
        name = bare


_COVER_TITLE = re.compile(r"^(?:(?P<y1>20\d\d)年度?)?(?P<name>.+?)(?:(?P<y2>20\d\d)年度?)?(?:区级|市级|县级|省级)?"
                          r"(?:部门|单位)?(?:综合)?(?:预算|决算)")


def cover_department(lines: list[Line]) -> str | None:
    """The department named by the cover's title, joined over the lines it wraps on
    ('某某市城市' / '管理局2026年部门预算'), without decorations; None when the first page has no
    such title or the name does not read as an organisation."""
    first_page = lines[0].page if lines else None
    cover: list[str] = []
    for line in lines[:12]:
        if first_page is not None and line.page != first_page:
            break
        text = squeeze(line.text)
        if not text:
            continue
        cover.append(text)
        if re.search(r"(?:预算|决算)", text):
            break
    else:
        return None
    joined = re.sub(r"[（(](?:汇总|本级)[）)]", "", "".join(cover))
    m = _COVER_TITLE.match(joined)
    if not m or not (m.group("y1") or m.group("y2")):
        return None
    name = department_name(re.sub(r"^.*[：:]", "", m.group("name")))
    name = name.removesuffix("部门")
    return name if prose.plausible_name(name) else None


# ---------------------------------------------------------------- scope

_N = r"(\d+|[一二两三四五六七八九十]+)"
# "纳入…预算编制范围的预算单位共计4家", "纳入编制范围的二级预算单位共有1个": the number of budget units in all.
_UNITS_IN_ALL = re.compile(rf"(?:纳入|列入)[^。]{{0,50}}?范围的[^。，]{{0,12}}?单位共(?:有|计)?{_N}[个家]")
# "部门本级及所属0个预算单位", "下属12个二级预算单位", "12个下属单位": the number besides the department.
_KIND = r"(?:二级|预算|事业|行政|基层){0,3}"
_UNITS_BESIDES = re.compile(rf"(?:所属|下属|直属){_N}[个家]{_KIND}单位|{_N}[个家](?:下属|所属|直属){_KIND}单位"
                            rf"|(?:下属|所属|直属){_KIND}单位(?:共|有)?{_N}[个家]")
# "纳入编制范围的二级预算单位包括：1.某局 2.某中心": two numbered units or more
_LISTED_UNITS = re.compile(r"(?:纳入|列入)[^。]{0,50}?范围的[^。，]{0,12}?单位(?:包括|有|为)[：:]?1[.、．][^。]{2,60}?2[.、．]")
_NO_UNITS = re.compile(r"(?:无|没有)(?:其他)?(?:下属|所属|直属|二级)(?:二级)?(?:预算)?单位|(?:只|仅)(?:有|包括|包含|含)?本级")


def scope(text: str, cover: str = "") -> str | None:
    """How the document describes the units its budget covers, strongest evidence first: a count
    of all units or of units besides the department; a statement that it has none; the cover's
    （本级）/（汇总） or 单位预算; a list of units besides the department's own (本级). `text`: the
    document's text without whitespace; `cover`: its cover's."""
    m = _UNITS_IN_ALL.search(text)
    if m and (n := chinese_number(m.group(1))) is not None:
        return "consolidated" if n > 1 else "standalone"
    m = _UNITS_BESIDES.search(text)
    if m and (n := chinese_number(next(g for g in m.groups() if g))) is not None:
        return "consolidated" if n > 0 else "standalone"
    if _LISTED_UNITS.search(text):
        return "consolidated"
    if _NO_UNITS.search(text):
        return "standalone"
    if re.search(r"[（(]本级[）)]|(?<![业政属])单位(?:预算|决算)", cover):
        return "standalone"
    if re.search(r"[（(]汇总[）)]", cover):
        return "consolidated"
    m = prose_units.BUDGET_LIST.search(text)
    if m and len(prose_units.budget_list(m.group(1), None)) > 0:
        return "consolidated"
    return None


# ---------------------------------------------------------------- completing a record

def complete(record: Record, doc: Document, paras: list[prose.Paragraph] | None = None) -> Record:
    """Complete `record` from the narrative of `doc` (its paragraphs `paras`, joined here if not given): a
    cleaner department name, the scope where the document states it, duties and units where the family
    parser found none or fewer, and stated figures whose key no table gave."""
    lines = doc.lines
    paras = prose.paragraphs(lines) if paras is None else paras
    name = department_name(record.department)
    cover = cover_department(lines)
    if cover and cover != name and cover.endswith(name):
        name = cover  # the family parser kept only the second line of a wrapped title
    record.department = name
    text = "".join(prose.canonical(p.text) for p in paras)
    listed = prose_units.table_of_units(lines)  # a table of the budget's units, the department's own among them
    rows = len(listed)
    record.scope = scope(text, _cover_text(lines)) or ("consolidated" if rows > 1 else "standalone" if rows else record.scope)
    if not record.duties:
        record.duties = prose.duties(lines, paras)
    subordinate = prose_units.subordinate_units(lines, name, paras)
    if _fuller(subordinate, record.subordinate_units):
        record.subordinate_units = subordinate
    # the department itself or one of its units, listed as budget units, is no office inside it
    outside = {squeeze(name)} | {squeeze(u.name) for u in record.subordinate_units}
    internal = [u for u in prose_units.internal_units(lines, paras) if squeeze(u.name) not in outside]
    record.internal_units = [u for u in record.internal_units if squeeze(u.name) not in outside]
    if _fuller(internal, record.internal_units):
        record.internal_units = internal
    # Stated figures go after what the family parser read (the first of each key is the record's);
    # a figure stated again is kept once.
    have = {(f.key, f.value, f.source.line) for f in record.facts}
    stated = gd_facts.facts(lines, paras, record.fiscal_year) + gd_facts.spending_split(paras, record.fiscal_year)
    if record.document_type == "budget":
        stated += gd_facts.three_public_parts(paras, record.fiscal_year)
    record.facts += [f for f in stated if (f.key, f.value, f.source.line) not in have]
    # 内设机构25个, 下属12个二级预算单位: the counts as printed; the budget's units also as its table lists them
    record.facts += unit_counts.unit_counts(paras, listed)
    record.facts += staff_counts.staff_counts(paras)  # 编制数25人，实有人员30人，其中在职22人: as printed
    record.facts += program_counts.program_counts(paras, record.fiscal_year)  # 对4个项目开展绩效自评: the programs evaluated, as printed
    record.facts += program_counts.graded_counts(paras, record.fiscal_year)  # 评级为“优”的项目4个: each grade's, as printed
    record.facts += three_public_counts.three_public_counts(paras, record.fiscal_year)  # 国内公务接待12批次、156人次
    record.facts += stated_shares.stated_shares(paras, record.fiscal_year)  # 项目支出2,131.61万元，占36.3%: shares as printed
    record.facts += stated_parts.stated_parts(paras, record.fiscal_year)  # 其中进博会推进专项153.00万: parts as printed
    record.facts += income_names.income_names(paras, record.fiscal_year)  # 其他收入…该项收入为“对口帮扶专项资金”: its name
    record.facts += gd_facts.basic_by_use(paras, record.fiscal_year, record.facts)
    # a change in a wording the family parser's patterns do not know, where they read none
    keys = {f.key for f in record.facts}
    record.facts += [f for f in changes.changes(paras, record.fiscal_year) if f.key not in keys]
    # amounts only a prose section states (委托业务费情况)
    record.facts += [f for f in section_amounts.section_amounts(paras, record.fiscal_year) if f.key not in keys]
    # kinds of spending stated as a sentence's subject beside the “三公” (会议费, 培训费)
    record.facts += [f for f in section_amounts.named_amounts(paras, record.fiscal_year) if f.key not in keys]
    tables = list(record.line_items)  # the lines the tables print, before the narrative's are added
    record.line_items += item_changes.item_statements(paras, tables, record.fiscal_year)
    item_changes.describe(paras, tables)  # what a line's money is for, said in the narrative (主要用于…)
    program_prose.describe(record.programs, paras)  # what a program is for, said in the narrative
    program_prose.stated_changes(record.programs, paras, record.fiscal_year)  # its change, said in its item
    if record.document_type == "final_account":  # a line's plan stated beside its actual, where no table prints it
        record.line_items += item_plans.item_plans(paras, tables)
        record.facts += [f for f in item_plans.whole_plans(paras, record.facts) if f.key not in keys]
    sections = _sections(paras)
    for fact in record.facts:  # a stated figure's source names its section, as a table figure's its table
        if fact.source.table is None and fact.source.line in sections:
            fact.source = replace(fact.source, table=sections[fact.source.line] or "说明")
    prose.at_own_lines(record.facts, paras)  # each then cites the line printing its figure, not its paragraph's first
    return record


def _sections(paras: list[prose.Paragraph]) -> dict[int, str]:
    """The heading each paragraph stands under, by the paragraph's line ('五、“三公”经费情况说明')."""
    out, heading = {}, ""
    for p in paras:
        if prose.is_heading(p.text):
            heading = squeeze(p.text)
        out[p.line] = heading
    return out


def _cover_text(lines: list[Line]) -> str:
    """The first page's text (the first lines of a text file), without whitespace."""
    first = lines[0].page if lines else None
    return "".join(squeeze(ln.text) for ln in lines[:12] if first is None or ln.page == first)


def _fuller(found: list, have: list) -> bool:
    """True when `found` names every unit of `have` and more."""
    names = {squeeze(u.name) for u in found}
    return len(names) > len(have) and all(squeeze(u.name) in names for u in have)
