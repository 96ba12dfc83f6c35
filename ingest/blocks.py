"""Which block of its table each classified row is printed in, where a table prints its codes more than once.

The national templates print some tables in blocks whose rows share codes: 部门经济 codes keyed under
two 政府经济 classes (301 工资福利支出 under 501 机关工资福利支出, then again under 505
对事业单位经常性补助), or a table printed unit by unit (预算单位 / 单位名称). The readers name such
blocks where the table prints what tells them apart (`ingest.grid_read`, `ingest.gd_items`); this
module names the rest, and groups rows by table and block for the sums that must hold inside one.

    mark_pairs(items, pairs)   the 政府经济 类 beside each 部门经济 类 row, as the block of its rows
    mark_units(items, units)   a Block per unit on the rows of a table printed for two or more units
    number_unnamed(items)      where a 类 row is printed again with other figures after rows under it,
                               the rows from there on are that 类's next block (第2组)
    block_key(item)            (table, block): rows whose sums must agree
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from ingest.record import Block, LineItem


def block_key(item: LineItem) -> tuple[str, Block | None]:
    return item.table, item.block


def side_by_side(items: list[LineItem]) -> bool:
    """A table printed in two column blocks (人员经费 | 公用经费) reads some lines into two items."""
    lines = [item.source.line for item in items]
    return len(set(lines)) < len(lines)


def mark_pairs(items: list[LineItem], pairs: list[tuple[str, str] | None]) -> None:
    """`pairs[i]` is the other economic code printed beside items[i] (政府经济 501 beside 部门经济 301)
    and its name: the rows of a 类 printed beside one are in that code's 类 block (301 and its 款
    under 501, and again under 505), named as its 类 row names it. A 类 printed without one is no
    block, whatever its 款 print beside them."""
    names = {code: name for code, name in filter(None, pairs) if len(code) == 3 and name}
    top, block = "", None
    for item, pair in zip(items, pairs, strict=True):
        if len(item.code) == 3:
            top, block = item.code, Block(code=pair[0][:3], name=names.get(pair[0][:3])) if pair else None
        if block is not None and item.code and item.code.startswith(top):
            item.block = replace(item.block or Block(), code=block.code, name=block.name)


def mark_units(items: list[LineItem], units: list[str | None]) -> None:
    """`units[i]` is the unit whose block items[i] is printed in; a table of one unit is one block."""
    if len({u for u in units if u}) < 2:
        return
    for item, unit in zip(items, units, strict=True):
        if unit:
            item.block = replace(item.block or Block(), unit=unit)


def number_unnamed(items: list[LineItem]) -> None:
    """A 类 printed a second time in one table and block, with other figures and after rows under it,
    opens a block the table does not name: its rows (and their 款 and 项) are numbered by the time
    their 类 was printed. A 类 repeated with the same figures is the row printed again over a page
    break, not a new block."""
    groups: dict[tuple, list[LineItem]] = defaultdict(list)
    for item in items:
        if item.code.isdigit() and len(item.code) in (3, 5, 7):
            groups[block_key(item)].append(item)
    for rows in groups.values():
        if side_by_side(rows):
            continue
        count: dict[str, int] = {}
        last: dict[str, dict] = {}
        under: dict[str, bool] = {}  # rows under the 类 read since it was printed
        ordinal: list[tuple[LineItem, int | None]] = []
        for item in rows:
            top = item.code[:3]
            if len(item.code) == 3:
                if top not in count:
                    count[top] = 1
                elif under.get(top) and item.values != last[top]:
                    count[top] += 1
                last[top], under[top] = item.values, False
            elif top in count:
                under[top] = True
            ordinal.append((item, count.get(top)))
        repeated = {top for top, n in count.items() if n > 1}
        for item, n in ordinal:
            if n is not None and item.code[:3] in repeated:
                item.block = replace(item.block or Block(), ordinal=n)
