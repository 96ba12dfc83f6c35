"""Parser for the Shanghai PDF family: amounts in 元, functional codes split into 类/款/项 columns.

The family (e.g. 上海市普陀区 部门预算 / 部门决算) prints ruled tables with the code in separate
类, 款, 项 columns, states table amounts in 元 (some tables and all prose in 万元), describes
programs in prose sections ('X经费情况说明'), and may print a page twice. Tables are read by
`ingest.sh_tables` (or from text lines by `ingest.sh_text_tables`), the cover by `ingest.sh_cover`,
prose by `ingest.sh_prose`, program sections by `ingest.sh_programs`, 绩效目标表
by `ingest.sh_indicators`, figures by `ingest.sh_facts`. 市级 departments (tables in 万元, one code
column) and 单位预算/决算 are of the family too.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from ingest import sh_cover, sh_facts, sh_indicators, sh_programs, sh_prose, sh_tables, sh_text_tables
from ingest.errors import NotABudgetDocument
from ingest.pdf import unify_ideographs
from ingest.reader import Document
from ingest.record import Record
from ingest.text import first_of_each

_SPLIT_HEADER = re.compile(r"^类\s*款(?:\s*项)?(?:\s|$)")
_SPLIT_ROW = re.compile(r"^\d{3}\s+\d{2}(?:\s+\d{2})?\s+\S|^\d{3}(?:\d{2}){1,2}[^\d\s]\S*(?:\s+-?[\d,]+\.\d{2})+$")
_YUAN_UNIT = re.compile(r"单位\s*[：:]\s*元")
_PAGE_NUMBER = re.compile(r"^(?:[-－—–]\s*\d{1,3}\s*[-－—–]|第\s*\d{1,3}\s*页(?:\s*[,，/]?\s*共\s*\d{1,3}\s*页)?|\d{1,3}\s*/\s*\d{1,3})$")
_CODED_ROW = re.compile(r"^\d{3}(?:\s*\d{2}){0,2}\s*[\u4e00-\u9fff]\S*(?:\s+-?[\d,]+\.\d{2})+$")
_CODE_CELL = re.compile(r"\d{3}(?:\d{2}){0,2}")


def matches(doc: Document) -> bool:
    """True for a document whose tables split codes into 类/款/项 columns: a '类 款 项' header line
    together with rows like '201 13 01 行政运行', or such rows under a '单位：元' table; or a PDF
    whose ruled tables hold coded rows under a split (类/款) header, in 元, or from 上海; or a text
    from 上海 with coded rows."""
    header = any(_SPLIT_HEADER.match(ln.text.strip()) for ln in doc.lines)
    rows = sum(1 for ln in doc.lines if _SPLIT_ROW.match(ln.text.strip()))
    yuan = any(_YUAN_UNIT.search(ln.text) for ln in doc.lines)
    if rows >= 3 and (header or yuan):
        return True
    cover = "".join(ln.text for ln in doc.lines[:10])
    if "上海" in cover and sum(1 for ln in doc.lines if _CODED_ROW.match(ln.text.strip())) >= 3:
        return True  # a text extraction of a 市级 document: one code column, in 万元
    split, coded = _ruled_code_tables(doc)
    return coded and (split or yuan or "上海" in cover)


def _ruled_code_tables(doc: Document) -> tuple[bool, bool]:
    """(a ruled table has 类/款 header cells, a ruled table has rows coded in a code column)."""
    split = coded = False
    for page in doc.pdf_pages:
        for table in page.tables:
            head = {sh_tables.squeeze(c) for row in table.rows[:4] for c in row if c}
            split = split or bool(head & {"类", "款"})
            if not (split or any("编码" in h for h in head)):
                continue
            coded = coded or any(row and _CODE_CELL.fullmatch(sh_tables.squeeze(row[0])) for row in table.rows)
    return split, coded


def parse(doc: Document) -> Record:
    """The record of one Shanghai-family document; raises `NotABudgetDocument` when the department
    or the year cannot be found."""
    if doc.kind != "pdf":  # a PDF's text is unified as it is read (ingest.pdf)
        doc = replace(doc, lines=[replace(ln, text=unify_ideographs(ln.text)) for ln in doc.lines])
    # Page numbers ('- 3 -', '第3页') and running heads would otherwise cut into a sentence that
    # runs over a page.
    running = _running_lines(doc)
    lines = [ln for ln in doc.lines if not _PAGE_NUMBER.match(ln.text.strip()) and ln.no not in running]
    toc = sh_cover.toc_lines(lines)
    department = sh_cover.department(lines)
    year = sh_cover.fiscal_year(lines)
    if not department or not year:
        what = "部门名称" if not department else "年度"
        raise NotABudgetDocument(doc.path, f"找不到{what} (no department or year on the cover)")
    record = Record(
        department=department, fiscal_year=year, document_type=sh_cover.document_type(lines),
        scope=sh_cover.scope(lines), source_file=doc.name, sha256=doc.sha256, layout="shanghai")
    record.duties, end = sh_prose.duties(lines, toc)
    record.internal_units, record.subordinate_units = sh_prose.units(lines, department, end, toc)
    record.programs = sh_programs.programs(lines, department, toc)
    indicators, tabled = sh_indicators.table_indicators(doc)
    described = {p.name for p in record.programs}
    for program in tabled:
        if program.name not in described and not any(_same(program.name, d) for d in described):
            program.unit = program.unit or department
            record.programs.append(program)
            described.add(program.name)  # a 绩效目标表 printed twice names its program once
    record.indicators = _unique(sh_programs.indicators(record.programs), indicators)
    cells = sh_tables.read_tables(doc) if doc.pdf_pages else []
    ruled = {t.page for p in doc.pdf_pages for t in p.tables}
    unruled = {ln.page for ln in doc.lines} - ruled
    text_pages: list[int] = []
    if unruled:
        from_text = sh_text_tables.text_cells(doc, unruled if doc.pdf_pages else None)
        text_pages = sorted({c.page for c in from_text if c.code and c.page is not None})
        cells += from_text
    record.line_items = sh_tables.line_items(cells)
    record.facts = first_of_each(sh_facts.table_facts(cells) + sh_facts.narrative_facts(lines, year), lambda f: f.key)
    record.performance = sh_facts.performance(lines)
    short = sh_prose.aliases(lines, department)
    if short:
        record.aliases = {department: short}
    _warn(record, doc, text_pages)
    return record


def _running_lines(doc: Document) -> set[int]:
    """Line numbers of running heads and feet: the same first or last line on at least three pages
    and a third of them ('上海市某某局2025年部门预算' atop every page)."""
    if not doc.pdf_pages:
        return set()
    edges: dict[str, list[int]] = {}
    for page in doc.pdf_pages:
        own = doc.lines[page.first_line: page.first_line + page.line_count]
        for line in {id(ln): ln for ln in (own[:1] + own[-1:])}.values():
            key = re.sub(r"\d+", "#", sh_tables.squeeze(line.text))  # '第3页' and '第4页' alike
            edges.setdefault(key, []).append(line.no)
    pages = len(doc.pdf_pages)
    return {no for nos in edges.values() if len(nos) >= max(3, pages / 3) for no in nos}


def _same(a: str, b: str) -> bool:
    return a.removesuffix("项目") == b.removesuffix("项目")


def _unique(prose: list, tabled: list) -> list:
    """One indicator per (program, name): a target stated in prose and in its table is one target,
    also when the prose names it shorter ('检查次数' for the table's '完成检查次数')."""
    def named_longer_in_table(i) -> bool:
        return any(t.program == i.program and i.name != t.name and i.name in t.name
                   and (t.comparator, t.target) == (i.comparator, i.target) for t in tabled)
    return first_of_each([i for i in prose if not named_longer_in_table(i)] + tabled, lambda i: (i.program, i.name))


def _warn(record: Record, doc: Document, text_pages: list[int]) -> None:
    """Say what was read only in part, and where: pages whose tables were read from text."""
    for page in doc.pdf_pages:
        if page.problem:
            record.warnings.append(f"第{page.number}页的表格无法读取，按文字行读取 (page {page.number}: {page.problem})")
    if not doc.pdf_pages:
        record.warnings.append("文本输入：表格列按文字顺序读取，空白单元格无法定位 (text input: columns read by position)")
    elif text_pages:
        pages = ", ".join(map(str, text_pages))
        record.warnings.append(f"第{pages}页的表格没有表格线，按文字行及其位置读取 "
                               f"(pages {pages}: tables without ruling read from text lines by position)")


def state_warnings(record: Record) -> None:
    """What the finished record lacks (duties, totals, table titles and headers, program amounts): said
    once the ruled tables and the narrative (`ingest.tables`, `ingest.narrative`) have completed it."""
    untitled = sorted({i.source.page for i in record.line_items if not i.table and i.source.page})
    if untitled:
        pages = ", ".join(map(str, untitled))
        record.warnings.append(f"第{pages}页的表格没有读到标题，其行按页归组 (pages {pages}: table title not found)")
    headless = first_of_each((i for i in record.line_items if "金额" in i.values), lambda i: (i.table, i.source.page))
    for item in headless:
        record.warnings.append(f"{item.table or '无标题表格'}（第{item.source.page}页）: 没有读到列标题，数值记为“金额” "
                               f"(no column header read)")
    for program in record.programs:
        if program.amount is None and program.source is not None:
            record.warnings.append(f"项目“{program.name}”（第{program.source.line}行）没有读到预算金额 "
                                   f"(no amount found for a program)")
    if not record.line_items:
        record.warnings.append("没有找到按类/款/项编码的表格行 (no classified table rows found)")
    if not record.duties:
        record.warnings.append("没有找到主要职能 (no numbered duties found)")
    missing = [k for k in ("revenue_total", "expenditure_total", "basic_expenditure", "project_expenditure")
               if k not in record.totals]
    if missing:
        record.warnings.append(f"缺少合计数 (totals not found): {', '.join(missing)}")
    described = sum(Decimal(str(p.amount or 0)) for p in record.programs)
    project = record.totals.get("project_expenditure")
    if record.programs and project and abs(described - Decimal(str(project))) > Decimal("0.01"):
        record.warnings.append(f"项目说明只覆盖 {described.normalize():f} 万元，项目支出合计 {project} 万元 "
                               f"(programs described add up to less than the project total)")
