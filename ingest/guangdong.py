"""Parser for the Guangdong family: text extracted from 部门预算 / 部门决算 PDFs, with tables either
tab-separated (one row a line) or raw (cells separated by spaces, names wrapped over lines, the
header repeated after each page break).

`parse(doc, paras)` reads the narrative with `ingest.prose` (metadata, duties), `ingest.prose_units` (内设机构,
下属单位) and `ingest.gd_facts` (figures in sentences); the tables with `ingest.gd_tables` (finding
them and naming their columns), `ingest.gd_items` (classified rows) and `ingest.gd_totals`; the
项目支出 table with `ingest.gd_programs`; a final account's 绩效自评 with `ingest.gd_indicators`.
`ingest.gd_checks` then warns where what was read does not add up or a section could not be read.
"""

from __future__ import annotations

import re
from operator import attrgetter

from ingest import gd_facts, gd_units, prose, prose_units
from ingest.errors import NotABudgetDocument
from ingest.gd_checks import consistency_warnings, totals_warnings
from ingest.gd_indicators import self_evaluation
from ingest.gd_items import line_items
from ingest.gd_programs import is_program_table, key_project_targets, programs
from ingest.gd_tables import find_tables, is_data_row, layout_of
from ingest.gd_totals import table_facts
from ingest.reader import Document, Line
from ingest.record import Program, Record
from ingest.sh_cover import toc_lines
from ingest.text import normalize_name

_PAGE_FOOTER = re.compile(r"\s*[-－—]\s*(\d+)\s*[-－—]\s*")


def assign_pages(lines: list[Line]) -> None:
    """Give extracted-text lines the page numbers printed as '- 13 -' at the foot of each page,
    where the numbering is unambiguous (consecutive footers)."""
    marks = [(i, int(m.group(1))) for i, line in enumerate(lines) if (m := _PAGE_FOOTER.fullmatch(line.text))]
    prev_index, prev_page = -1, None
    for index, page in marks:
        if prev_page is None or page == prev_page + 1:
            for line in lines[prev_index + 1: index + 1]:
                if line.page is None:
                    line.page = page
        prev_index, prev_page = index, page
    if prev_page is not None:
        for line in lines[prev_index + 1:]:
            if line.page is None:
                line.page = prev_page + 1


def parse(doc: Document, paras: list[prose.Paragraph]) -> Record:
    """The record of one Guangdong-family document, its `paras` joined once a text's pages are assigned
    (`assign_pages`); raises NotABudgetDocument when neither its department and year nor any budget table
    can be found."""
    lines = doc.lines
    layout = layout_of(lines)
    meta = prose.metadata(lines)
    tables = find_tables(lines, layout, toc_lines(lines))
    if not meta.department or not meta.fiscal_year:
        missing = "部门名称" if not meta.department else "年度"
        raise NotABudgetDocument(doc.path, f"找不到{missing} (no department name or fiscal year in the title or headings)")
    department = meta.department
    warnings: list[str] = []

    items = []
    for table in tables:
        found, table_warnings = line_items(table)
        items += found
        warnings += table_warnings
    if not tables or not items:
        warnings.append("没有找到带科目编码的预算表 (no table rows with classification codes)")

    subordinate = prose_units.subordinate_units(lines, department, paras)
    known_units = {u.name for u in subordinate}
    progs: list[Program] = []
    indicators = []
    for table in tables:
        if is_program_table(table):
            found, inds, table_warnings = programs(table, department, known_units)
            progs += found
            indicators += inds
            warnings += table_warnings

    indicators += key_project_targets(lines, progs, paras)
    warnings += consistency_warnings(tables, items, progs, [t for t in tables if is_program_table(t)])

    performance: dict = {}
    evaluation_facts = []
    if meta.document_type == "final_account":
        evaluated, inds, performance, evaluation_facts = self_evaluation(lines, department, paras)
        prose.at_own_lines(inds, paras, attrgetter("target"))  # each at the line printing its target, not its paragraph's first
        have = {_key(p.name) for p in progs}
        progs += [p for p in evaluated if _key(p.name) not in have]
        indicators += inds
        heading = next((p for p in paras if re.match(r"^[（(]?[一二三四五六七八九十]+[）)、]", p.text)
                        and re.search(r"绩效(?:自评|评价)", p.text) and len(p.text) <= 40), None)
        if heading is not None and not (evaluated or inds or performance):
            warnings.append(f"绩效自评: 第{heading.line}行 “{heading.text[:20]}” 下没有读出自评结果 (a self-evaluation "
                            "section was found but no program, indicator or overall figure could be read from it)")

    facts = table_facts(tables, meta.document_type) + gd_facts.facts(lines, paras, meta.fiscal_year)
    facts += evaluation_facts
    warnings += totals_warnings(facts)
    duties = prose.duties(lines, paras)
    if not items and not progs and not duties and not any(f.key in ("revenue_total", "expenditure_total") for f in facts):
        raise NotABudgetDocument(doc.path, "没有预算表、职责或收支合计，不像部门预算或决算 (no budget tables, duties or totals)")
    scope = meta.scope or ("consolidated" if len({p.unit for p in progs}) > 1 else "standalone")
    internal = prose_units.internal_units(lines, paras)
    warnings += _unread_programs(tables, progs)

    return Record(
        department=department,
        fiscal_year=meta.fiscal_year,
        document_type=meta.document_type,
        scope=scope,
        source_file=doc.name,
        sha256=doc.sha256,
        layout=layout,
        duties=duties,
        internal_units=internal,
        subordinate_units=subordinate,
        line_items=items,
        programs=progs,
        indicators=indicators,
        facts=facts,
        performance=performance,
        aliases=_aliases(department, progs, lines),
        warnings=warnings,
        unit_totals=gd_units.spending_units(tables, known_units | {department}),  # 基本支出 printed unit by unit
    )


def state_warnings(record: Record, paras: list[prose.Paragraph]) -> None:
    """A duties or organisation heading with nothing read under it: said once the narrative
    (`ingest.narrative`) has completed the record, which may read what this parser could not."""
    read = {"主要职责": record.duties, "内设机构": record.internal_units or record.subordinate_units}
    for pattern, what in ((prose.DUTY_HEADINGS, "主要职责"), (r"机构设置|内设机构", "内设机构")):
        heading = next((p for p in paras if prose.is_heading(p.text) and re.search(pattern, p.text)
                        and prose.section(paras, pattern)), None)
        if not read[what] and heading is not None:
            record.warnings.append(f"{what}: 第{heading.line}行 “{heading.text[:20]}” 下没有读出{what} (a section was "
                                   "found but nothing could be read from it)")


def _unread_programs(tables: list, progs: list[Program]) -> list[str]:
    """A warning for each program table with rows of amounts but no program read."""
    out = []
    read = {p.source.table for p in progs}
    for table in tables:
        if is_program_table(table) and table.title not in read and sum(is_data_row(r.cells) for r in table.rows) > 2:
            out.append(f"{table.title}: 第{table.rows[0].line.no}行起 有金额行但没有读出项目 (a program table whose "
                       "programs could not be read)")
    return out


def _key(name: str) -> str:
    return normalize_name(name).removesuffix("项目")


def _aliases(department: str, progs: list[Program], lines: list[Line]) -> dict[str, list[str]]:
    """Short names of the department: "（以下简称“市政数局”）" in the text, or the name a program
    ends with after a dash run ("…经费----市政数局")."""
    short: list[str] = []
    text = "".join(line.text for line in lines[:300])
    for m in re.finditer(r"[（(]以下简称[“\"]?([^”\"）)]{2,10})[”\"]?[）)]", text):
        if m.group(1) not in short:
            short.append(m.group(1))
    for p in progs:
        m = re.search(r"-{2,}([^-]{2,8})$", p.name)
        if m and m.group(1) not in short and m.group(1)[-1] in department:
            short.append(m.group(1))
    return {department: short} if short else {}
