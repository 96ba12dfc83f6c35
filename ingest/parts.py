"""Publications in parts: some cities publish the 情况说明 (text) and the 报表 (tables) of one budget as
two files, the tables often without a cover. Files of one department and year are joined into one
document, text first, and parsed as one; every value keeps its own file, line and page.

    kind_of(doc)                 'text', 'tables' or 'whole'
    identity(doc)                (department, year, 预算/决算), each None when not printed
    Joiner                       collects the parts of a batch and says which files go together
    join(docs)                   one Document of several, and the spans to map values back
    assign_sources(record, ...)  each value's Source named by its own file, line and page
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from ingest.reader import Document, Line
from ingest.record import Record
from ingest.text import squeeze

_NUMBER = re.compile(r"-?\d[\d,]*(?:\.\d+)?")  # a table cell holding a figure, 元 printed without decimals too
_AMOUNTS = re.compile(r"(?<![\d.])-?\d[\d,]*\.\d{2}(?!\d)")
_NARRATIVE = re.compile(r"(?:主要|部门|单位|基本)职(?:能|责)|职能职责|机构设置|单位构成|预算构成|情况说明|名词解释")
_LABEL = re.compile(r"(?:预算主管部门|主管部门|编制部门|编制单位|部门名称|单位名称|部门|单位)[：:]\s*([^\s：:]{4,40}?)"
                    r"(?=\s|单位[：:]|金额单位|$)")
_TITLE_NAME = re.compile(r"^(?P<name>\S{4,40}?)(?P<year>20\d\d)年度?(?:部门|单位)?(?:综合)?(?:预算|决算)?\S{0,20}表$")
_YEAR = re.compile(r"(20\d\d)\s*年")


def kind_of(doc: Document) -> str:
    """'tables' for a part that is tables only (rows of figures, no narrative heading), 'text' for
    a narrative without tables, 'whole' for anything else."""
    heads = [squeeze(ln.text) for ln in doc.lines if len(squeeze(ln.text)) <= 30]
    narrative_heads = sum(1 for h in heads if _NARRATIVE.search(h) and not re.search(r"[.…·]{3,}", h))
    data_rows = sum(1 for ln in doc.lines if len(_AMOUNTS.findall(ln.text)) >= 2)
    # a PDF's ruled tables count too: their cells need not share a text line
    data_rows = max(data_rows, sum(1 for page in doc.pdf_pages for table in page.tables for row in table.rows
                                   if sum(bool(c and _NUMBER.fullmatch(c.strip())) for c in row) >= 2))
    if data_rows >= 5 and narrative_heads == 0:
        return "tables"
    if narrative_heads and data_rows < max(5, 0.05 * len(heads)):
        return "text"
    return "whole"


def identity(doc: Document) -> tuple[str | None, int | None, str | None]:
    """The department, year and kind (预算/决算) a part is of: the department from the cover, else a
    label ('部门名称：X'), else a title ('X2026年部门收支总表'); the year and kind from a budget title
    ('2026年部门预算', '2026年…收支总表'), else the commonest year in the first lines."""
    # here: a store rebuilt from the record cache reads no part (ingest.parse imports this module)
    from ingest import narrative, prose

    lines = doc.lines
    department = narrative.cover_department(lines)
    for ln in lines[:200]:
        if department:
            break
        m = _LABEL.search(ln.text)
        if m and prose.plausible_name(m.group(1)):
            department = narrative.department_name(m.group(1))
        m = _TITLE_NAME.match(squeeze(ln.text))
        if not department and m and prose.plausible_name(m.group("name")):
            department = narrative.department_name(m.group("name"))
    head = "".join(squeeze(ln.text) for ln in lines[:120])
    m = re.search(r"(20\d\d)年度?[^。，]{0,30}?(?:部门|单位)(?:综合)?(预算|决算)", head)
    years = Counter(int(y) for y in _YEAR.findall(head) if 2000 < int(y) < 2100)
    year = int(m.group(1)) if m else years.most_common(1)[0][0] if years else None
    kind = m.group(2) if m else ("决算" if "决算" in head and "预算" not in head else "预算" if "预算" in head else None)
    return department, year, kind


@dataclass
class _Part:
    doc: Document
    kind: str
    department: str | None
    year: int | None
    budget_kind: str | None


def _same_department(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b or a.endswith(b) or b.endswith(a)


class Joiner:
    """Collects the text and tables parts of a batch; `groups()` gives the documents to parse
    together (text first) and those left alone. A tables part joins the one text part of its
    folder, year and department; a part that prints neither joins the only text part of its folder."""

    def __init__(self) -> None:
        self.parts: list[_Part] = []

    def add(self, doc: Document, kind: str | None = None) -> bool:
        """Keep `doc` when it is a part; False when it is whole and can be parsed alone. `kind`: its kind_of,
        when the caller knows it."""
        kind = kind or kind_of(doc)
        if kind == "whole":
            return False
        self.parts.append(_Part(doc, kind, *identity(doc)))
        return True

    def groups(self) -> list[list[Document]]:
        texts = [p for p in self.parts if p.kind == "text"]
        used: set[int] = set()
        out: list[list[Document]] = []
        for text in texts:
            here = text.doc.path.parent
            fits = [t for t in self.parts if t.kind == "tables" and id(t) not in used and t.doc.path.parent == here
                    and t.year in (None, text.year) and t.budget_kind in (None, text.budget_kind)
                    and _same_department(t.department, text.department)]
            # a part that prints its department and year is matched by them; one that does not
            # takes its partner's only when there is no other text part it could belong to
            named = [t for t in fits if t.department is not None and t.year is not None]
            alone = not any(x is not text and x.doc.path.parent == here for x in texts)
            fits = named or (fits if alone else [])
            if len(fits) == 1:
                used.add(id(fits[0]))
                out.append([text.doc, fits[0].doc])
            else:
                out.append([text.doc])
        out += [[p.doc] for p in self.parts if p.kind == "tables" and id(p) not in used]
        return out


@dataclass
class Span:
    path: Path
    first_line: int  # lines of this part are numbered after this many lines of the parts before
    first_page: int


def join(docs: list[Document]) -> tuple[Document, list[Span]]:
    """One Document holding the lines (and PDF pages) of `docs` in order, numbered on."""
    lines: list[Line] = []
    pages: list = []
    spans: list[Span] = []
    for doc in docs:
        line_off = len(lines)
        page_off = max((ln.page or 0 for ln in lines), default=0)
        spans.append(Span(doc.path, line_off, page_off))
        lines += [replace(ln, no=ln.no + line_off, page=ln.page + page_off if ln.page else ln.page) for ln in doc.lines]
        for page in doc.pdf_pages:
            tables = [replace(t, page=t.page + page_off, row_lines=[n + line_off if n else n for n in t.row_lines])
                      for t in page.tables]
            pages.append(replace(page, number=page.number + page_off, first_line=page.first_line + line_off,
                                 runs={no + line_off: runs for no, runs in page.runs.items()}, tables=tables))
    sha = hashlib.sha256("+".join(d.sha256 for d in docs).encode()).hexdigest()
    kind = "pdf" if all(d.kind == "pdf" for d in docs) else "txt"
    warnings = list(dict.fromkeys(w for d in docs for w in d.warnings))
    return Document(path=docs[0].path, sha256=sha, kind=kind, lines=lines, pdf_pages=pages, warnings=warnings), spans


def _span_of(line: int, spans: list[Span]) -> Span:
    return next(s for s in reversed(spans) if line > s.first_line)


def assign_sources(record: Record, spans: list[Span]) -> Record:
    """Give every value the file it came from, with that file's own line and page; say in the
    warnings that the record joins several files."""
    for value in [*record.duties, *record.internal_units, *record.subordinate_units, *record.line_items,
                  *record.programs, *record.indicators, *record.facts]:
        source = value.source
        if source is None or source.line is None:
            continue
        span = _span_of(source.line, spans)
        value.source = replace(source, file=span.path.name, line=source.line - span.first_line,
                               page=source.page - span.first_page if source.page else source.page)
    for entry in record.checks:
        for failure in entry["failures"]:
            if failure["line"]:
                span = _span_of(failure["line"], spans)
                failure["file"], failure["line"] = span.path.name, failure["line"] - span.first_line

    def local(m: re.Match) -> str:
        span = _span_of(int(m.group(1)), spans)
        return f"{span.path.name} 第{int(m.group(1)) - span.first_line}行"

    record.warnings = [re.sub(r"第(\d+)行", local, w) for w in record.warnings]
    files = [s for s in spans if s.path.name != _COVER]
    record.source_file = str(files[0].path)
    if len(files) > 1:
        record.parts = [str(s.path) for s in files]
        names = " + ".join(s.path.name for s in files)
        record.warnings.insert(0, f"由{len(files)}个文件合并为一份记录：{names} (one publication in {len(files)} files: "
                                  "the narrative and the tables were joined)")
    return record


_COVER = "(封面)"


def headless(doc: Document) -> tuple[Document, list[Span]] | None:
    """A tables part read alone, with the department and year its titles and headers print put
    before it as its cover ('2026年某局部门预算'); None when it is no tables part or they do not
    print both. Its values keep their own lines (`assign_sources`)."""
    department, year, kind = identity(doc)
    if kind_of(doc) != "tables" or not (department and year and kind):  # kind: the part says 预算 or 决算 itself
        return None
    title = f"{year}年{department}部门{kind}"
    cover = Document(path=doc.path.with_name(_COVER), sha256=doc.sha256, kind=doc.kind,
                     lines=[Line(title, 1, 1 if doc.lines and doc.lines[0].page else None)],
                     warnings=[f"报表没有封面，部门和年度取自表格的标题和表头：{department} {year}年 "
                               "(a tables part without a cover: department and year read from its titles and headers)"])
    joined, spans = join([cover, doc])
    return replace(joined, sha256=doc.sha256, path=doc.path), spans
