"""Each unit's own 基本支出 or 项目支出 where a Guangdong-family table prints them unit by unit: under a header
“支出项目类别（资金使用单位）” a row naming a budget unit (the department's own, or one of its units) gives that
unit's total, the rows under it its parts ("广州市某中心 227.98 …", then 工资福利支出 207.77 …). A unit asked by
name is answered with its own row, never its department's.

    spending_units(tables, units)   a UnitTotal per row naming one of `units`, its measure the table's
"""

from __future__ import annotations

from ingest.gd_tables import Table, first_amount
from ingest.record import Source, UnitTotal
from ingest.text import squeeze

_BY_UNIT = "资金使用单位"
# what the rows of a table printed by the unit that spends total, by the words of its title
_MEASURES = (("基本支出", "basic_expenditure"), ("项目支出", "project_expenditure"))


def spending_units(tables: list[Table], units: set[str]) -> list[UnitTotal]:
    """The rows naming one of `units` (the department and its units) in the tables printed by the unit that spends,
    each with its first amount (the row's 总计), once per unit and measure."""
    names = {squeeze(u) for u in units}
    out: dict[tuple[str, str], UnitTotal] = {}
    for table in tables:
        measure = next((m for words, m in _MEASURES if words in table.title), None)
        if measure is None or _BY_UNIT not in table.header_text:
            continue
        for row in table.rows:
            try:
                at = first_amount(row.cells)
            except StopIteration:
                continue
            name, value = squeeze("".join(row.cells[:at])), table.amount(row.cells[at])
            if name in names and value is not None:
                out.setdefault((name, measure), UnitTotal(name, None, value, "总计", Source(
                    table=table.title, line=row.line.no, page=row.line.page), measure))
    return list(out.values())
