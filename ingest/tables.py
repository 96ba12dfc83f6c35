"""The national tables of a PDF applied to the record its family parser made: table values win.

Whatever family read the narrative, a PDF's ruled tables are read once more by meaning
(`ingest.grid`, `ingest.grid_read`, `ingest.grid_programs`): classified rows with their full
codes replace the rows read from text on the same pages, totals printed in the tables replace those
read elsewhere, the programs of a 项目支出表 replace programs guessed from text (without one, the
programs the 项目绩效目标表s name are added), and the indicators of the 绩效目标表s come first.
What the family parser said of its own reading of the tables replaced (rows it skipped, sums of
the rows it read) goes with that reading.

    apply_tables(record, doc)
"""

from __future__ import annotations

import re

from ingest.cost_details import itemised_costs
from ingest.grid import grids
from ingest.grid_programs import has_targets, is_program_table, list_programs
from ingest.grid_read import line_items
from ingest.grid_targets import targets
from ingest.grid_totals import table_facts
from ingest.grid_units import unit_totals
from ingest.reader import Document
from ingest.record import Record
from ingest.stated_parts import goal_parts
from ingest.text import program_key


def apply_tables(record: Record, doc: Document) -> None:
    if not doc.pdf_pages:
        return
    found = grids(doc)
    if not found:
        return
    page_of = {line.no: line.page for line in doc.lines}  # a warning's line → its page
    items = line_items(found)
    if items:
        pages = {i.source.page for i in items}
        record.line_items = items + [i for i in record.line_items if i.source.page not in pages]
        _drop_said(record, page_of, pages, _ITEM_READING)
    facts = table_facts(found, record.document_type, record.fiscal_year)
    if facts:
        keys = {f.key for f in facts}
        record.facts = facts + [f for f in record.facts if f.key not in keys]
    record.unit_totals = unit_totals(found) or record.unit_totals
    programs = list_programs(found)
    targeted, indicators = targets(found)
    record.facts += itemised_costs(found)  # 培训费明细表: each training with its amount, a part of the 培训费
    by_name = {program_key(p.name): p for p in targeted}
    for program in programs:  # a 项目支出表 without units (or goals): the unit (and goal) its 绩效目标表 names
        if (targeted_as := by_name.get(program_key(program.name))) is not None:
            program.unit = program.unit or targeted_as.unit
            program.performance_target = program.performance_target or targeted_as.performance_target
    for program in programs + targeted:
        program.unit = program.unit or record.department
    # what a goal says it pays (1、支付驻京房租费249.8万元) or achieves (提高到160万m3/d): of the 绩效目标表's goals, and of
    # those a 项目支出表 prints in a 绩效目标 column of its own (a program of both tables read once)
    record.facts += goal_parts(targeted + [p for p in programs if program_key(p.name) not in by_name and p.performance_target],
                               record.fiscal_year)
    if indicators:
        # the ruled 绩效目标表 replaces the text's reading of its pages (as for line items above): there the
        # text reader took cells printed side by side for one indicator (名称 and 指标值 from the wrong cells)
        named, pages = {i.name for i in indicators}, {i.source.page for i in indicators}
        record.indicators = indicators + [i for i in record.indicators if i.name not in named and i.source.page not in pages]
    described = {program_key(p.name): p for p in record.programs}
    # a 项目支出表 printing each project's 绩效目标 gives the targets (or none): the text's reading of the
    # same table may pair a target with the row next to it
    printed_targets = any(has_targets(g) for g in found if is_program_table(g))
    if programs:  # the 项目支出表 lists every program: it replaces what was read elsewhere
        for program in programs:
            old = described.get(program_key(program.name))
            if old is not None:
                if not printed_targets and not program.performance_target:
                    program.performance_target = old.performance_target
                program.description = old.description
                program.executed = program.executed if program.executed is not None else old.executed
        record.programs = programs
        _drop_said(record, page_of, None, _PROGRAM_READING)  # the programs it spoke of are gone, wherever it read them
    else:  # no list: the programs the 绩效目标表s name join those described in the text
        if record.layout in ("raw", "tsv") and not any(is_program_table(g) for g in found):
            # The ruled tables hold no 项目支出表: rows the text parser took from one came from a
            # contents line that reads like its title.
            record.programs = [p for p in record.programs if not (p.source.table and "项目支出" in p.source.table)]
        for program in targeted:
            old = described.get(program_key(program.name))
            if old is None:
                record.programs.append(program)
            else:
                old.amount = program.amount if old.amount is None else old.amount
                old.performance_target = old.performance_target or program.performance_target


# What a family parser says of its text reading of tables (ingest.gd_items, gd_checks, gd_programs,
# guangdong), by the words it ends with: moot where the ruled tables were read instead.
_ITEM_READING = ("(rows without a code skipped)", "(a parent row does not equal the sum of its rows",
                 "(the total row does not equal the sum of the classified rows")
_PROGRAM_READING = ("(amounts without a program name)", "(the programs read do not add up")
_NO_CODES = "(no table rows with classification codes)"
_LINE = re.compile(r"第(\d+)")


def _drop_said(record: Record, page_of: dict[int, int], pages: set[int] | None, kinds: tuple[str, ...]) -> None:
    """Drop the family parser's warnings of `kinds` about a line (its page by `page_of`) of `pages` (whose
    tables were read from their ruling; None: wherever), and its word that no coded rows were found once some were."""

    def moot(warning: str) -> bool:
        if warning.endswith(_NO_CODES):
            return any(i.code for i in record.line_items)
        named = _LINE.search(warning)
        if not any(k in warning for k in kinds):
            return False
        return pages is None or named is not None and page_of.get(int(named.group(1))) in pages

    record.warnings = [w for w in record.warnings if not moot(w)]
