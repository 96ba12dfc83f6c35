"""The rows of a table itemising one cost (会议费明细表, 培训费明细表: 序号, 培训名称, 时间, 人数, 金额, 备注): each a part of
that cost with an amount of its own, a Fact `stated_part` — its name as the label, its amount in 万元, the table's title
then the row (its date and persons too) as the text, the row's line — so a training or a meeting is asked by its name
and ranked among the others of its table (query_api/answering/program_parts.py, part_rank.py), never with the cost's
total. The counts a row prints beside its amount (人数 95, 天数 2, 会期（天） 1) are the row's own figures too, a Fact
`stated_part_count` each — its unit 人 or 天 as its column says, the same label, text and line — so the trainings are
ranked by their persons (哪个培训人数最多) and the meetings by their days (哪次会议天数最长) as by their money. A table continued on the next page under another header (序号, 培训名称 … after the 会议费明细表's rows, its title
left at the foot of the page before) starts the parts of the cost its name column says.

    itemised_costs(grids)   a Fact `stated_part` per row with a name and an amount, in the order printed, and a Fact
                            `stated_part_count` per count the row prints (人数, 天数)
"""

from __future__ import annotations

import re

from ingest.grid import Grid
from ingest.record import Fact, Source
from ingest.stated_parts import STATED_PART
from ingest.text import squeeze

PART_COUNT = "stated_part_count"

# a table itemising a cost: its title ends with the cost and 明细表 (会议费明细表, 培训费明细表)
_TITLE = re.compile(r"([\u4e00-\u9fff]{1,6}费)明细表$")
# the column naming each item (会议名称, 培训名称) and the one of its amount
_NAME = re.compile(r"^([\u4e00-\u9fff]{1,6})名称$")
_AMOUNT = re.compile(r"^金额|^预算(?:数|金额)?$|^合计$")
_TOTAL = re.compile(r"^(?:合计|总计|小计|共计)$")
# a column counting what a row is of, and its unit: persons (人数, 参训人数, 参会人数（人）), days (天数, 会期（天）, 培训天数)
_COUNTS = ((re.compile(r"^[\u4e00-\u9fff]{0,4}人数(?:[（(]人[）)])?$|^[\u4e00-\u9fff]{0,4}人次$"), "人"),
           (re.compile(r"^[\u4e00-\u9fff]{0,4}天数(?:[（(]天[）)])?$|^会期(?:[（(]天[）)])?$"), "天"))
_COUNT = re.compile(r"^(\d+(?:\.\d+)?)\s*(?:人|天|人次)?$")


def _counts(header: list[str], cells: list[str]) -> list[tuple[float, str, str]]:
    """(count, unit, column) of each count a row prints in a column counting persons or days."""
    out = []
    for head, cell in zip(header, cells, strict=False):
        unit = next((u for pattern, u in _COUNTS if pattern.match(head)), None)
        found = _COUNT.match(squeeze(cell)) if unit else None
        if found:
            value = float(found.group(1))
            out.append((int(value) if value.is_integer() else value, unit, head))
    return out


def _columns(cells: list[str]) -> tuple[int, int, str] | None:
    """(name column, amount column, the cost its name column says: 培训名称 → 培训费) of a header row, else None."""
    cells = [squeeze(c) for c in cells]
    name = next(((i, m.group(1)) for i, c in enumerate(cells) if (m := _NAME.match(c))), None)
    amount = next((i for i, c in enumerate(cells) if _AMOUNT.match(c)), None)
    if name is None or amount is None:
        return None
    return name[0], amount, name[1].removesuffix("费") + "费"


def itemised_costs(grids: list[Grid]) -> list[Fact]:
    """Every row of a cost's 明细表 with a name and an amount, as a part of that cost (see the module docstring)."""
    out: list[Fact] = []
    for grid in grids:
        titled = _TITLE.search(grid.title)
        columns = _columns(grid.columns) if titled else None
        if columns is None:
            continue
        header = [squeeze(c) for c in grid.columns]
        for row in grid.rows:
            if (again := _columns(row.cells)) is not None:  # a header printed again: another cost's table goes on
                columns, header = again, [squeeze(c) for c in row.cells]
                continue
            at_name, at_amount, cost = columns
            if max(at_name, at_amount) >= len(row.cells):
                continue
            name, amount = squeeze(row.cells[at_name]), grid.amount(row.cells[at_amount])
            if len(name) < 2 or _TOTAL.match(name) or amount is None:
                continue
            said = "，".join(f"{h}{squeeze(c)}" for h, c in zip(header, row.cells, strict=False)
                            if squeeze(c) and h and h not in ("序号", header[at_name], header[at_amount]))
            table = f"{cost}明细表"
            text = f"{table}…{name}" + (f"（{said}）" if said else "") + f"{row.cells[at_amount]}{grid.unit}"
            out.append(Fact(STATED_PART, amount, label=name, text=text, source=Source(table, row.line, row.page)))
            out += [Fact(PART_COUNT, count, unit, label=name, text=text, source=Source(table, row.line, row.page))
                    for count, unit, _ in _counts(header, row.cells)]
    return out
