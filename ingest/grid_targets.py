"""Programs and indicators of the national 项目支出绩效目标表, in its two printed forms.

- One row per indicator: columns for the project (项目名称, 单位（项目）名称), its amount
  (资金总额), the indicator (三级指标 / 指标名称), its value (指标值 / 目标值) and where printed its
  comparator (指标性质, 指标值类型) and unit (计量单位, 度量单位), and where printed its goal (年度绩效目标,
  绩效目标). A project's cells are printed on its first row only.
- One sheet per project: label cells followed by their value (项目名称 | X, 主管部门 | Y,
  实施单位 | Z, 年度资金总额 | amount, 当年绩效目标 | its goal), then an indicator block under a 三级指标 header;
  a sheet without a 项目名称 row is named by its title ('X项目绩效目标表').
A project's goal text is its `performance_target` ("1、支付驻京房租费249.8万元。2、…": the parts and counts it
prints are read from it, ingest.stated_parts).
The 部门整体支出绩效目标表 belongs to no program and is left out.

    targets(grids)   (programs, indicators) with their table and line
"""

from __future__ import annotations

import re

from ingest.grid import Grid, GridRow
from ingest.grid_read import label
from ingest.prose import ORG_SUFFIXES
from ingest.record import Indicator, Program, Source
from ingest.sh_indicators import parse_target

_INDICATOR = re.compile(r"^(?:三级指标|指标名称|绩效指标名称)$")
_VALUE = re.compile(r"^(?:指标值|目标值|指标目标值|年度指标值|绩效指标值)$")
_COMPARATOR = re.compile(r"指标性质|指标值类型|指标方向|计算符号")
_MEASURE = re.compile(r"计量单位|度量单位|指标单位")
_PROJECT = re.compile(r"^(?:项目名称|单位（项目）名称|单位\(项目\)名称)$")
_AMOUNT = re.compile(r"资金总额|预算资金|当年预算|预算金额|项目金额|^金额")
_UNIT = re.compile(r"^(?:实施单位|项目实施单位|单位名称)$")
_OWNER = re.compile(r"^主管部门")
# the goal of the year (or of the whole term where no year's is printed): a column or a label cell
_GOAL = re.compile(r"^(?:年度|当年|本年)?(?:绩效)?目标$|^(?:年度|当年|本年|总体|项目实施期|实施期)(?:绩效)?目标$")
_CODE_PREFIX = re.compile(r"^\d+(?:[_\s-]+|(?=[\u4e00-\u9fff])(?!年))")  # '339_烟台市…', '105001长春市…'
_IS_LABEL = re.compile(r"^(?:主管部门|实施单位|项目名称|三级指标|指标名称|总体目标|年度目标|实施期限)|资金(?:总额|金额)|金额"
                       r"|[（(][千万亿]?元[）)]$")  # a label, not a value
_TARGET = re.compile(r"^(?:[≥≤<>=＝]|[<>]=)?\s*-?\d+(?:\.\d+)?\s*(?:%|％|[\u4e00-\u9fff]{1,4})?$")
_NAME_CODE = re.compile(r"^\d+_")


def is_target_table(grid: Grid) -> bool:
    return "绩效目标" in grid.title and "整体" not in grid.title


def targets(grids: list[Grid]) -> tuple[list[Program], list[Indicator]]:
    programs: list[Program] = []
    indicators: list[Indicator] = []
    reader: _Reader | None = None
    previous: Grid | None = None
    for grid in grids:
        rows = grid.lead + grid.rows
        untitled_sequel = not grid.title and previous is not None and is_target_table(previous)
        previous = grid
        if not is_target_table(grid) and not untitled_sequel:
            continue
        if reader is not None and (grid.title == reader.grid.title or untitled_sequel) and not _names_project(rows):
            reader.go_on(grid)  # the sheet going on over a page break, with no header of its own
        else:
            if reader is not None:
                programs += _units_from_rows(reader.programs, reader.indicators)
                indicators += reader.indicators
            reader = _Reader(grid)
        for row in rows:
            reader.read(row)
    if reader is not None:
        programs += _units_from_rows(reader.programs, reader.indicators)
        indicators += reader.indicators
    return programs, indicators


def _names_project(rows: list[GridRow]) -> bool:
    return any(c == "项目名称" or _PROJECT.match(c) or _INDICATOR.match(c) for row in rows for c in row.cells)


def _row_form(grid: Grid) -> bool:
    """A header with an indicator column, and no '项目名称 | X' label row (the sheet form)."""
    if not any(_INDICATOR.match(p) for parts in grid.header for p in parts):
        return False
    for row in grid.lead:
        for c, text in enumerate(row.cells):
            value = next((v for v in row.cells[c + 1:] if v and v != text), "")
            if text == "项目名称" and value and not _IS_LABEL.search(value):
                return False
    return True


def _units_from_rows(programs: list[Program], indicators: list[Indicator]) -> list[Program]:
    """A unit's own row in a row-per-indicator table (its name, its total, no indicator) is no
    program: it is the unit of the programs below it."""
    named = {i.program for i in indicators}
    out, unit = [], None
    for program in programs:
        if program.name not in named and program.name.endswith(ORG_SUFFIXES) and named:
            unit = program.name
            continue
        program.unit = program.unit or unit
        out.append(program)
    return out


class _Reader:
    """Reads a table row by row: label cells, an indicator header, indicator rows."""

    def __init__(self, grid: Grid):
        self.grid = grid
        self.programs: list[Program] = []
        self.indicators: list[Indicator] = []
        self.current: Program | None = None
        self.columns: dict[str, int] = {}
        self.owner: str | None = None
        m = re.match(r"(.+?)(?:项目)?(?:支出)?绩效目标表", grid.title)
        self.titled = m.group(1) if m and not re.search(r"项目支出|部门|专项|一级项目", grid.title) else None
        if _row_form(grid):
            for c, parts in enumerate(grid.header):  # the row-per-indicator form: columns from the header
                for part in parts:
                    self._column(part, c)

    def _column(self, text: str, c: int) -> None:
        for key, pattern in (("indicator", _INDICATOR), ("value", _VALUE), ("comparator", _COMPARATOR),
                             ("measure", _MEASURE), ("project", _PROJECT), ("unit", _UNIT), ("goal", _GOAL)):
            if pattern.search(text) and key not in self.columns:
                self.columns[key] = c
        if _AMOUNT.search(text) and "amount" not in self.columns:
            self.columns["amount"] = c

    def go_on(self, grid: Grid) -> None:
        """Read `grid` as the rest of this table. A page ruled with other columns keeps the column
        order around the value column, which is found again as the one holding targets (≥90%)."""
        if len(grid.header) != len(self.grid.header) and "value" in self.columns:
            rows = grid.lead + grid.rows
            width = max((len(r.cells) for r in rows), default=0)
            hits = [sum(bool(c < len(r.cells) and _TARGET.match(r.cells[c])) for r in rows) for c in range(width)]
            if hits and max(hits):
                shift = hits.index(max(hits)) - self.columns["value"]
                self.columns = {k: c + shift for k, c in self.columns.items() if c + shift >= 0}
        self.grid = grid if grid.title else Grid(title=self.grid.title, page=grid.page, unit=self.grid.unit,
                                                 header=grid.header)

    def _source(self, row: GridRow) -> Source:
        return Source(table=self.grid.title, line=row.line, page=row.page)

    def _start(self, name: str, row: GridRow, unit: str | None = None) -> None:
        name = _NAME_CODE.sub("", name)
        self.current = Program(name=name, unit=unit, source=self._source(row))
        self.programs.append(self.current)

    def read(self, row: GridRow) -> None:
        cells = row.cells
        if any(_INDICATOR.match(c) for c in cells) and any(_VALUE.match(c) for c in cells):
            for key in ("indicator", "value", "comparator", "measure"):
                self.columns.pop(key, None)
            for c, text in enumerate(cells):
                self._column(text, c) if not _PROJECT.match(text) else None
            return
        self._labels(row)
        project = self.columns.get("project")
        if (project is not None and project < len(cells) and cells[project] and not _PROJECT.match(cells[project])
                and not _IS_LABEL.search(cells[project]) and label(cells[project]) not in ("合计", "总计")):
            name = _NAME_CODE.sub("", cells[project])
            if not (self.current and self.current.name == name):
                unit_col = self.columns.get("unit")
                unit = _CODE_PREFIX.sub("", cells[unit_col]) if unit_col is not None and unit_col < len(cells) else None
                self._start(name, row, unit or (self.programs[-1].unit if self.programs else None))
            amount_col = self.columns.get("amount")
            if amount_col is not None and amount_col < len(cells) and self.current.amount is None:
                self.current.amount = self.grid.amount(cells[amount_col])
            goal_col = self.columns.get("goal")
            if goal_col is not None and goal_col < len(cells) and cells[goal_col] and not self.current.performance_target:
                self.current.performance_target = cells[goal_col]
        self._indicator(row)

    def _labels(self, row: GridRow) -> None:
        """Label cells of the one-sheet-per-project form, each followed by its value."""
        cells = row.cells
        for c, text in enumerate(cells):
            value = next((v for v in cells[c + 1:] if v and v != text), "")
            if text == "项目名称" and value and not _IS_LABEL.search(value) and (
                    "project" not in self.columns or self.columns["project"] == c):
                if not (self.current and self.current.name == value):
                    self._start(value, row, self.owner)
            elif _OWNER.match(text) and value and not _IS_LABEL.search(value) and not value.endswith("期限"):
                self.owner = _CODE_PREFIX.sub("", value)
                if self.current and self.current.unit is None:
                    self.current.unit = self.owner
            elif _GOAL.match(text) and value and self.current and "project" not in self.columns \
                    and not _IS_LABEL.search(value) and not self.current.performance_target:
                self.current.performance_target = value  # 当年绩效目标 | its text (the year's, printed first)
            elif _UNIT.match(text) and value and self.current and "project" not in self.columns:
                self.current.unit = _CODE_PREFIX.sub("", value)
            elif _AMOUNT.search(text) and "project" not in self.columns:
                amount = next((a for v in cells[c + 1:] if (a := self._amount(v, text)) is not None), None)
                if amount is not None:
                    if self.current is None and self.titled:
                        self._start(self.titled, row)
                    if self.current is not None and self.current.amount is None:
                        self.current.amount = amount

    def _amount(self, cell: str, label_text: str) -> float | None:
        """An amount in 万元; a label that names its unit ('资金金额(万元)') overrides the table's."""
        m = re.search(r"[（(](元|千元|万元|亿元)[）)]", label_text)
        if not m or m.group(1) == self.grid.unit:
            return self.grid.amount(cell)
        return Grid(title="", page=0, unit=m.group(1)).amount(cell)

    def _indicator(self, row: GridRow) -> None:
        cols = self.columns
        if "indicator" not in cols or "value" not in cols:
            return
        cells = row.cells
        name = cells[cols["indicator"]] if cols["indicator"] < len(cells) else ""
        value = cells[cols["value"]] if cols["value"] < len(cells) else ""
        if not name or not value or _INDICATOR.match(name):
            return
        if self.current is None and self.titled:
            self._start(self.titled, row)
        direction = cells[cols["comparator"]] if "comparator" in cols and cols["comparator"] < len(cells) else None
        measure = cells[cols["measure"]] if "measure" in cols and cols["measure"] < len(cells) else None
        parsed = parse_target(value, direction, measure)
        comparator, target, unit = parsed if parsed else (None, None, None)
        self.indicators.append(Indicator(name=name, comparator=comparator, target=target, unit=unit,
                                         program=self.current.name if self.current else None, text=value,
                                         source=self._source(row)))
