"""The 项目支出 table of a Guangdong budget: programs grouped under the units that spend them.

A unit row (the department or a subordinate unit, with its subtotal and no performance target)
opens a group; each program row below it gives the program's name, its total (总计), its amount per
funding source and its 绩效目标 text. Both layouts wrap: in tab-separated text a name cut by a page
break goes on in a row without numbers; in raw PDF text a program name is indented, may span
lines before its numbers, and its 绩效目标 text follows on the next lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.gd_indicators import indicators_from_text
from ingest.gd_items import starts_code
from ingest.gd_tables import Row, Table, first_amount, is_data_row, is_value, value_names
from ingest.prose import ORG_SUFFIXES, Paragraph, paragraphs, section
from ingest.reader import Line
from ingest.record import Indicator, Program, Source
from ingest.text import normalize_name, squeeze

_TOTAL_COLUMNS = ("总计", "合计", "小计")


def is_program_table(table: Table) -> bool:
    title = re.sub(r"[（(][^）)]*[）)]$", "", table.title)
    if "经济分类" in table.title or "功能分类" in table.title or "项目支出" not in title:
        return False
    if not (title.endswith(("预算表", "决算表", "项目支出表", "明细表", "绩效目标表")) or "绩效目标" in table.header_text):
        return False
    data = [r for r in table.rows if is_data_row(r.cells)]
    return sum(starts_code(r.cells) for r in data) * 2 <= len(data)  # rows by classification code are line items


@dataclass
class UnitRow:
    """A row that looks like a spending unit's subtotal."""

    name: str
    amount: float | None
    funding: dict[str, float]
    source: Source
    certain: bool = False  # named in a 单位名称 column, not guessed from the name's shape


def programs(table: Table, department: str, known_units: set[str]
             ) -> tuple[list[Program], list[Indicator], list[str]]:
    """The programs of one 项目支出 table, the indicators stated in their 绩效目标 text, and
    warnings for rows of amounts whose program name could not be read."""
    parse_rows = _tsv_rows if table.layout == "tsv" else _raw_rows
    known = {normalize_name(u) for u in known_units} | {normalize_name(department)}
    progs = _assign_units(parse_rows(table, department, known), department, known)
    nameless = [p for p in progs if not normalize_name(p.name)]
    warnings = [f"{table.title}: 第{p.source.line}行 金额 {p.amount} 没有项目名称，已跳过 (amounts without a program name)"
                for p in nameless]
    progs = [p for p in progs if normalize_name(p.name)]
    indicators: list[Indicator] = []
    for p in progs:
        p.name = normalize_name(p.name)
        _budget_and_executed(p)
        if p.performance_target:
            p.performance_target = p.performance_target.strip()
            indicators += indicators_from_text(p.performance_target, p.name, p.source)
    return progs, indicators, warnings


def _budget_and_executed(program: Program) -> None:
    """A final account's program table prints the budget and the executed amount as columns
    (预算数, 决算数 / 执行数 / 实际支出): they are the program's amount and executed, not funding."""
    for column in list(program.funding):
        if any(word in column for word in ("决算", "执行", "实际支出")):
            program.executed = program.funding.pop(column)
        elif "预算数" in column:
            program.amount = program.funding.pop(column)


def _assign_units(entries: list, department: str, known: set[str]) -> list[Program]:
    """Programs with the unit whose row stands above them. A row that only looked like a unit (an
    unknown name whose amount is not the sum of the programs below it) is a program after all."""
    checked: list = []
    for i, entry in enumerate(entries):
        if (isinstance(entry, UnitRow) and not entry.certain and not _OWN_ROW.fullmatch(normalize_name(entry.name))
                and normalize_name(entry.name).removesuffix("本级") not in known):
            below = []
            for nxt in entries[i + 1:]:
                if isinstance(nxt, UnitRow):
                    break
                below.append(nxt.amount or 0.0)
            if entry.amount is None or not below or abs(sum(below) - entry.amount) > 0.011 * len(below):
                entry = Program(name=entry.name, amount=entry.amount, funding=entry.funding, source=entry.source)
        checked.append(entry)
    out, unit = [], normalize_name(department)
    for entry in checked:
        if isinstance(entry, UnitRow):
            own = _OWN_ROW.fullmatch(normalize_name(entry.name))
            unit = normalize_name(department) if own else _full_name(normalize_name(entry.name).removesuffix("本级"), known)
        else:
            entry.unit = unit
            out.append(entry)
    return out


_OWN_ROW = re.compile(r"(?:[局委办院部]|机关)?(?:本级|本部)")  # the department's own group: 本级, 局本级, 机关本部


def _known(name: str, known: set[str]) -> bool:
    """The department or a subordinate unit named in the narrative (an indented row may still be one)."""
    return normalize_name(name).removesuffix("本级") in known


def _full_name(name: str, known: set[str]) -> str:
    """The unit's full name when the table prints it short ("更新事务中心" for "某区更新事务中心")."""
    if name in known or len(name) < 4:
        return name
    longer = [k for k in known if k.endswith(name)]
    return longer[0] if len(longer) == 1 else name


def _is_unit(name: str, known: set[str]) -> bool:
    """A name that may head a unit's group: a known unit, or an organisation's name. An unknown one
    stays a unit only if its amount is the sum of the programs below it (`_assign_units`)."""
    if _OWN_ROW.fullmatch(normalize_name(name)):
        return True
    name = normalize_name(name).removesuffix("本级")
    return name in known or (len(name) >= 4 and name.endswith(ORG_SUFFIXES) and not name.endswith(("费", "项目", "经费")))


def _amounts(table: Table, cells: list[str]) -> tuple[float | None, dict[str, float], int]:
    """The program's total, its funding by source, and the index after its numbers."""
    start = first_amount(cells)
    positions, values = [], []
    i = start
    while i < len(cells) and (is_value(cells[i]) or (table.layout == "tsv" and not cells[i])):
        if cells[i]:
            positions.append(i)
            values.append(table.amount(cells[i]))
        i += 1
    names = value_names(table, start, len(values), positions)
    while i < len(cells) and re.fullmatch(r"-?\d+(?:\.\d+)?%|", cells[i].strip()):
        i += 1  # an execution-rate column (执行率 93.75%) is not target text
    total = values[0] if values else None
    funding = {n: v for n, v in zip(names, values, strict=True) if n not in _TOTAL_COLUMNS and v}
    return total, funding, i


def _source(table: Table, row: Row) -> Source:
    return Source(table=table.title, line=row.line.no, page=row.line.page)


def _name_column(table: Table) -> int:
    """The tsv column holding program names: a 项目名称 column printed after a 单位名称 column, else
    the first."""
    cols = table.columns
    return next((i for i, c in enumerate(cols) if i > 0 and "项目名称" in c), 0)


def _reads_as_text(cell: str) -> bool:
    """A cell that reads as running text, not as the end of a wrapped program name: it ends a
    sentence, opens with an item number, or is longer than names are."""
    return cell.endswith(("。", "；", ";", "！")) or bool(re.match(r"\d+[.、．]", cell)) or len(cell) > 30


def _tsv_rows(table: Table, department: str, known: set[str]) -> list:
    out: list = []
    last: Program | None = None
    name_col = _name_column(table)
    unit = None
    for row in table.rows:
        cells = row.cells
        name = squeeze(cells[name_col]) if len(cells) > name_col else ""
        unit_cell = squeeze(cells[0]) if name_col and cells else ""
        if name in ("合计", "总计") or (not name and unit_cell in ("合计", "总计")):
            continue
        has_numbers = is_data_row(cells)
        text = ""
        if has_numbers and name_col and unit_cell and unit_cell != unit:
            # a 单位名称 column: its cell names the unit of the programs from here on
            total, funding, _ = _amounts(table, cells)
            out.append(UnitRow(unit_cell, None if name else total, {} if name else funding, _source(table, row),
                               certain=True))
            unit, last = unit_cell, None
            if not name:
                continue
        if has_numbers:
            total, funding, after = _amounts(table, cells)
            text = " ".join(c for c in cells[after:] if c)
            if not text and not name_col and _is_unit(name, known):
                out.append(UnitRow(name, total, funding, _source(table, row)))
                last = None
                continue
            last = Program(name=name, amount=total, funding=funding, performance_target=text or None,
                           source=_source(table, row))
            out.append(last)
            continue
        text = " ".join(c for i, c in enumerate(cells) if c and i > name_col)
        if last is None:
            continue
        if name and not text and last.performance_target and _reads_as_text(name):
            name, text = "", name  # target text whose leading empty cells the extractor dropped
        if name:  # the rest of a name cut by a page break
            last.name += name
        if text:
            last.performance_target = (last.performance_target or "") + text
    return out


def _raw_rows(table: Table, department: str, known: set[str]) -> list:
    out: list = []
    last: Program | None = None
    pending: list[str] | None = None
    pending_indented = False
    pending_row: Row | None = None
    for row in table.rows:
        raw = row.line.text
        indented = raw.startswith("　")  # full-width indentation; ASCII spaces may be empty cells
        cells = row.cells
        if is_data_row(cells):
            k = first_amount(cells)
            lead = "".join(cells[:k])
            name = "".join(pending or []) + lead
            first_indented = pending_indented if pending is not None else indented
            src_row = pending_row or row
            pending, pending_row = None, None
            if squeeze(name) in ("合计", "总计"):
                continue
            total, funding, after = _amounts(table, cells)
            text = "".join(cells[after:])
            if (not first_indented or _known(name, known)) and _is_unit(name, known):
                out.append(UnitRow(name, total, funding, _source(table, src_row)))
                last = None
                continue
            if not name and last is not None and last.performance_target:
                # no indentation told where the name began: it follows the last full stop of the text
                text_before = last.performance_target
                stops = [m.end() - 1 for m in re.finditer(r"[。；;！]|\.(?!\d)", text_before)]
                cut = stops[-1] if stops else -1
                if 0 <= cut < len(text_before) - 1:
                    name = text_before[cut + 1:]
                    last.performance_target = text_before[: cut + 1]
            last = Program(name=name, amount=total, funding=funding, performance_target=text or None,
                           source=_source(table, src_row))
            out.append(last)
            continue
        text = "".join(cells)
        if indented or last is None and pending is None:
            pending, pending_indented, pending_row = [text], indented, row
        elif pending is not None:
            pending.append(text)
        elif last is not None:
            last.performance_target = (last.performance_target or "") + text
    return out


def key_project_targets(lines: list[Line], progs: list[Program], paras: list[Paragraph] | None = None
                        ) -> list[Indicator]:
    """Fill the 绩效目标 of programs whose table row had none from the narrative's 重点项目绩效目标
    section ("项目 预算数 绩效目标" rows: the name, its amount, then the target text), and return
    the indicators of the texts so filled."""
    missing = [p for p in progs if not p.performance_target and len(squeeze(p.name)) >= 4]
    if not missing:
        return []
    paras = section(paragraphs(lines) if paras is None else paras, r"绩效目标")
    if not paras:
        return []
    text = squeeze("".join(p.text for p in paras))
    found = sorted(((text.find(squeeze(p.name)), p) for p in progs if squeeze(p.name) in text),
                   key=lambda hit: hit[0])  # two programs may share a name
    found = [(start, p) for start, p in found if start >= 0]
    indicators: list[Indicator] = []
    for k, (start, prog) in enumerate(found):
        end = next((other for other, _ in found[k + 1:] if other > start), len(text))
        target = re.sub(r"^[\d,.]+", "", text[start + len(squeeze(prog.name)):end])
        target = re.split(r"注[：:]", target)[0]
        if prog in missing and target:
            prog.performance_target = target
            line = next((q.line for q in paras if squeeze(prog.name) in squeeze(q.text)), paras[0].line)
            indicators += indicators_from_text(target, prog.name, Source(table="重点项目绩效目标", line=line))
    return indicators
