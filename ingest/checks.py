"""Books that balance: which accounting identities a record's figures satisfy, whatever the layout.

    收入 + 结转 = 总计        本年收入合计 + 年初结转和结余 = 总计
    支出 + 结转 = 总计        本年支出合计 + 年末结转和结余 = 总计
    基本 + 项目 = 支出合计    基本支出 + 项目支出 = 本年支出合计
    类 = Σ 款, 款 = Σ 项      in every table, block (`ingest.blocks`) and column, each parent row
                              equals its rows

`check(record)` fills `record.checks` (one entry per identity and table: how many times it was
checked, and each failure with its table, line, code and column) and adds a warning per failure.
A failure says something was misread or misprinted; nothing is dropped because of a check.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from ingest.blocks import block_key, side_by_side
from ingest.record import Fact, LineItem, Record

TOTALS = "收支总表"  # where the totals' identities are checked when their facts name no table


def tolerance(count: int) -> float:
    """Printed amounts are rounded to 0.01: a sum of `count` of them may be off by half a cent each."""
    return max(0.015, 0.006 * count)


def children(items: list[LineItem], i: int, by_parent: dict[str, list[LineItem]] | None) -> list[LineItem]:
    """The rows under items[i]: the ones that follow it, or with `by_parent` (items by their code
    without its last two digits) every row whose code extends it by one level."""
    parent = items[i]
    if by_parent is not None:
        return by_parent.get(parent.code, [])
    kids = []
    for item in items[i + 1:]:
        if len(item.code) <= len(parent.code):
            break
        if len(item.code) == len(parent.code) + 2 and item.code.startswith(parent.code):
            kids.append(item)
    return kids


def _entry(identity: str, table: str | None) -> dict:
    return {"identity": identity, "table": table, "checked": 0, "holds": True, "failures": []}


def _fail(entry: dict, line: int | None, what: str) -> None:
    entry["holds"] = False
    entry["failures"].append({"line": line, "detail": what})


def _level(code: str) -> str:
    return {3: "类 = Σ 款", 5: "款 = Σ 项"}.get(len(code), "科目 = Σ 下级科目")


def _items_checks(items: list[LineItem]) -> list[dict]:
    by_block: dict[tuple, list[LineItem]] = defaultdict(list)
    for item in items:
        if item.code and item.code.isdigit():
            by_block[block_key(item)].append(item)
    out: list[dict] = []
    for (table, block), rows in by_block.items():
        by_parent = None
        if side_by_side(rows):
            by_parent = defaultdict(list)
            for item in rows:
                by_parent[item.code[:-2]].append(item)
        entries: dict[str, dict] = {}
        for i, parent in enumerate(rows):
            kids = children(rows, i, by_parent)
            if not kids:
                continue
            entry = entries.setdefault(_level(parent.code), _entry(_level(parent.code), table))
            if block is not None:
                entry["block"] = block.label()
            wrong = []
            for column, value in parent.values.items():
                if not all(column in k.values for k in kids):
                    continue
                entry["checked"] += 1
                total = sum(Decimal(str(k.values[column])) for k in kids)
                if abs(float(total) - value) > tolerance(len(kids)):
                    wrong.append(f"{column} {value:g} ≠ 下级科目之和 {total:f}")
            if wrong:  # one failure per row, its columns listed
                _fail(entry, parent.source.line, f"[{parent.code}]{parent.name} {'；'.join(wrong)}")
        out += [e for e in entries.values() if e["checked"]]
    return out


def _first(facts: list[Fact]) -> dict[str, Fact]:
    first: dict[str, Fact] = {}
    for fact in facts:
        if isinstance(fact.value, (int, float)):
            first.setdefault(fact.key, fact)
    return first


def _sum_check(identity: str, parts: list[Fact | None], total: Fact | None, carryover: Fact | None = None,
               with_carryover: bool = False) -> dict | None:
    """Σ `parts` (+ `carryover` when `with_carryover`) = `total`. A 结转 not read counts as 0 when the
    sum agrees without it; otherwise the identity cannot be checked."""
    if total is None or any(p is None for p in parts):
        return None
    terms = [p for p in parts if p is not None] + ([carryover] if carryover is not None else [])
    amount = sum(Decimal(str(p.value)) for p in terms)
    off = abs(float(amount) - total.value) > tolerance(len(terms))
    if with_carryover and carryover is None and off:
        return None
    entry = _entry(identity, total.source.table or TOTALS)
    entry["checked"] = 1
    if off:
        _fail(entry, total.source.line, f"{' + '.join(f'{p.value:g}' for p in terms)} = {amount:f} ≠ {total.value:g}")
    return entry


def _totals_checks(facts: list[Fact]) -> list[dict]:
    first = _first(facts)
    get = first.get
    checks = [
        _sum_check("收入 + 结转 = 总计", [get("revenue_total")], get("grand_total"), get("carryover_begin"), True),
        _sum_check("支出 + 结转 = 总计", [get("expenditure_total")], get("grand_total"), get("carryover_end"), True),
        _sum_check("基本 + 项目 = 支出合计", [get("basic_expenditure"), get("project_expenditure")], get("expenditure_total")),
        _sum_check("货物 + 工程 + 服务 = 政府采购", [get("procurement_goods"), get("procurement_works"),
                                                get("procurement_services")], get("government_procurement")),
    ]
    return [c for c in checks if c is not None]


def prefer_balanced_split(record: Record) -> None:
    """When the first 基本/项目支出 read (a table) does not add up to the spending total and another
    statement of both (the narrative) does, the one that adds up goes first: a figure that balances
    the books is the one the document means."""
    first = _first(record.facts)
    total = first.get("expenditure_total")
    basics = [f for f in record.facts if f.key == "basic_expenditure" and isinstance(f.value, (int, float))]
    projects = [f for f in record.facts if f.key == "project_expenditure" and isinstance(f.value, (int, float))]
    if total is None or not basics or not projects:
        return

    def adds_up(b: Fact, p: Fact) -> bool:
        return abs(b.value + p.value - total.value) <= tolerance(2)  # type: ignore[operator]

    if adds_up(basics[0], projects[0]):
        return
    pair = next(((b, p) for b in basics for p in projects if _one_statement(b, p) and adds_up(b, p)), None)
    if pair is None:
        return
    old = (basics[0], projects[0])
    record.facts = [*pair, *(f for f in record.facts if f not in pair)]
    record.warnings.append(
        f"{old[0].source.table or '表格'}: 第{old[0].source.line}行 基本支出 {old[0].value:g} + 项目支出 {old[1].value:g} "
        f"≠ 本年支出合计 {total.value:g}，采用第{pair[0].source.line}行所述 {pair[0].value:g} 与 {pair[1].value:g} "
        "(the table's split does not add up; the stated split that does is used)")


def _one_statement(a: Fact, b: Fact) -> bool:
    """Whether two facts were read from one statement: one row of a table, or one sentence (each cites the line
    of its own figure, which may be the next one)."""
    return a.source.line == b.source.line or bool(a.text) and a.text == b.text and a.source.table == b.source.table


def check(record: Record) -> Record:
    """Fill `record.checks` and warn, with table and line, for each identity that fails."""
    prefer_balanced_split(record)
    record.checks = _totals_checks(record.facts) + _items_checks(record.line_items)
    said = "\n".join(record.warnings)
    for entry in record.checks:
        for failure in entry["failures"]:
            block = f"（{entry['block']}）" if entry.get("block") else ""
            where = f"{entry['table']}{block}: 第{failure['line']}行"
            if f"{where} " in said and failure["detail"].split(" ")[0] in said:
                continue  # the family parser has already said it
            record.warnings.append(f"{where} {entry['identity']} 不成立：{failure['detail']} "
                                   "(an accounting identity does not hold: a figure may be misread or misprinted)")
    return record
