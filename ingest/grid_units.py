"""Each budget unit's own total, as the national 收入总表 prints it: one row per unit, named in a
单位名称 / 部门名称 column (often with a 单位编码 / 部门代码), its first amount the unit's whole
income. The 合计 row and the rows that group others (a code that heads longer codes; without
codes, a row equal to the sum of the rows under it) are not a unit's own.

    unit_totals(grids)   a UnitTotal per unit row of the first such table
"""

from __future__ import annotations

import re
from decimal import Decimal

from ingest.grid import Grid
from ingest.grid_read import column_kinds, label
from ingest.record import Source, UnitTotal

_UNIT_HEADER = re.compile(r"(?:单位|部门)(?:名称|编码|代码)")


def _is_income_table(grid: Grid) -> bool:
    return bool(re.search(r"收入(?:预算|决算)?总表$", grid.title)) and "财政拨款" not in grid.title


def unit_totals(grids: list[Grid]) -> list[UnitTotal]:
    """The units of the first 收入总表 whose rows are units, each with its total; [] when none."""
    for grid in filter(_is_income_table, grids):
        kinds = column_kinds(grid)
        keys = [c for c, k in enumerate(kinds) if k in ("code", "name") and _UNIT_HEADER.search("".join(grid.header[c]))]
        values = [c for c, k in enumerate(kinds) if k == "value"]
        names = [c for c in keys if kinds[c] == "name"]
        codes = [c for c in keys if kinds[c] == "code"]
        if not names or not values or values[0] < names[0]:
            continue
        rows = []
        for row in grid.rows:
            name = label(row.cells[names[0]])
            code = row.cells[codes[0]].strip() if codes else ""
            if not name and code in ("合计", "总计"):
                continue
            value = grid.amount(row.cells[values[0]])
            if name and name not in ("合计", "总计") and value is not None:
                rows.append((name, code, Decimal(str(value)), row))
        if codes:
            own = [r for r in rows if not any(o[1] != r[1] and o[1].startswith(r[1]) for o in rows if r[1])]
        else:
            own = [r for i, r in enumerate(rows) if not _groups(r[2], [o[2] for o in rows[i + 1:]])]
        if not own:
            continue
        return [UnitTotal(name, code or None, float(value), grid.columns[values[0]] or "合计",
                          Source(table=grid.title, line=row.line, page=row.page)) for name, code, value, row in own]
    return []


def _groups(value: Decimal, below: list[Decimal]) -> bool:
    """True when `value` is the sum of the rows `below`, to within the rounding of each (0.01 a row:
    a group row prints the rounded sum, 6256.31 over rows adding to 6256.30)."""
    return len(below) > 1 and abs(value - sum(below)) <= Decimal("0.01") * len(below)
