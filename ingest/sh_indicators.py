"""Performance indicators of the Shanghai family, from 项目绩效目标表 / 绩效自评表 tables.

Such a table names its program in a '项目名称' row, then lists indicators under a header row with
'三级指标' (or '指标名称') and '指标值' (or '目标值'), sometimes with '指标性质' (≥, ≤, =),
'度量单位', and in a final account '实际完成值'. `table_indicators(doc)` reads every such table
(and the program each names, with its 实施单位 and 年度资金总额); a table that continues on the next
page keeps its program and columns.
"""

from __future__ import annotations

import re

from ingest.reader import Document
from ingest.record import Indicator, Program, Source
from ingest.text import is_amount, parse_amount, squeeze, yuan_to_wan

_WORDS = {"≥": ">=", ">=": ">=", "不低于": ">=", "不少于": ">=", "大于等于": ">=", "以上": ">=",
          "≤": "<=", "<=": "<=", "不高于": "<=", "不超过": "<=", "不多于": "<=", "小于等于": "<=", "以内": "<=",
          "以下": "<=", ">": ">", "大于": ">", "高于": ">", "<": "<", "小于": "<", "低于": "<", "=": "=", "等于": "=",
          "正向": ">=", "反向": "<="}  # 指标方向: 正向 means at least the value, 反向 at most
_VALUE = re.compile(r"(≥|>=|≤|<=|不低于|不少于|大于等于|不高于|不超过|不多于|小于等于|大于|高于|小于|低于|等于|>|<|=)?"
                    r"\s*(-?\d+(?:\.\d+)?)\s*([%％‰]|[\u4e00-\u9fff]{1,4}?)?\s*(以上|以内|以下)?")


def parse_target(text: str, direction: str | None = None, unit: str | None = None) -> tuple[str, float, str | None] | None:
    """'≥95%' → ('>=', 95.0, '%'); '100' with direction '≤' and unit '件' → ('<=', 100.0, '件');
    None for a qualitative value ('好', '有效提升')."""
    m = _VALUE.fullmatch(squeeze(text))
    if not m:
        return None
    word = m.group(1) or m.group(4) or squeeze(direction) or "="
    comparator = _WORDS.get(word)
    if comparator is None:
        comparator = next((c for w, c in _WORDS.items() if w in word), "=")
    found_unit = (m.group(3) or "").replace("％", "%") or squeeze(unit) or None
    return comparator, float(m.group(2)), found_unit


def _met(comparator: str, target: float, actual: float) -> bool:
    return {">=": actual >= target, "<=": actual <= target, ">": actual > target,
            "<": actual < target, "=": abs(actual - target) < 1e-9}[comparator]


def table_indicators(doc: Document) -> tuple[list[Indicator], list[Program]]:
    """Indicators of every 绩效目标表, and the programs those tables name (amounts in 万元)."""
    out: list[Indicator] = []
    programs: list[Program] = []
    program: Program | None = None
    columns: dict[str, int] | None = None
    money_cols: dict[str, int] = {}  # a 自评表's 全年预算数 / 全年执行数 columns
    unit = "万元"
    for page in doc.pdf_pages:
        page_text = " ".join(ln.text for ln in doc.lines[page.first_line: page.first_line + page.line_count])
        m = re.search(r"单位\s*[：:]\s*(万元|元)", page_text)
        unit = m.group(1) if m else unit
        for table in page.tables:
            for r, row in enumerate(table.rows):
                cells = _split_labels([squeeze(c) for c in row])
                line = table.row_lines[r] if r < len(table.row_lines) else None
                source = Source("绩效目标表", line, table.page)
                if "项目名称" in cells:
                    name = next((c for c in cells[cells.index("项目名称") + 1:] if c), None)
                    program = Program(name=name, source=source) if name else None
                    if program:
                        programs.append(program)
                        _program_row(program, cells, unit)  # '项目名称 | X | 实施单位 | Y' on one row
                    columns = None
                    continue
                if program is not None and columns is None:
                    if any("执行数" in c for c in cells):
                        money_cols = _money_columns(cells)
                    _program_row(program, cells, unit, money_cols)
                header = _header(cells)
                if header:
                    columns = header
                    continue
                if columns is None:
                    continue
                indicator = _indicator(cells, columns, program.name if program else None, source)
                if indicator:
                    out.append(indicator)
    return out, programs


_LABELLED = re.compile(r"^(项目名称|项目实施单位|实施单位|主管部门|预算单位|年度资金总额|年度绩效目标|绩效目标)[：:](.+)$")


def _split_labels(cells: list[str]) -> list[str]:
    """'项目名称：某某项目' in one cell → the label and its value as two cells."""
    out = []
    for c in cells:
        m = _LABELLED.match(c)
        out += [m.group(1), m.group(2)] if m else [c]
    return out


def _money_columns(cells: list[str]) -> dict[str, int]:
    """Columns of a final account's 自评表 money header: the budget (全年预算数, else 年初预算数)
    and the executed amount (全年执行数 / 执行数)."""
    cols: dict[str, int] = {}
    for i, c in enumerate(cells):
        if "执行数" in c:
            cols["executed"] = i
        elif "预算数" in c and ("全年" in c or "amount" not in cols):
            cols["amount"] = i
    return cols


def _money(text: str, unit: str, label: str) -> float | None:
    if not is_amount(text):
        return None
    return yuan_to_wan(text) if unit == "元" and "万元" not in label else parse_amount(text)


def _program_row(program: Program, cells: list[str], unit: str, money_cols: dict[str, int] | None = None) -> None:
    if money_cols and any("资金总额" in c for c in cells):
        for key, i in money_cols.items():
            value = _money(cells[i], unit, "") if i < len(cells) else None
            if value is not None and getattr(program, key) is None:
                setattr(program, key, value)
    for k, cell in enumerate(cells):
        rest = [c for c in cells[k + 1:] if c]
        if not rest:
            continue
        if cell in ("实施单位", "项目实施单位", "预算单位") and program.unit is None:
            program.unit = rest[0]
        elif ("资金总额" in cell or cell in ("年度预算", "项目金额", "预算金额")) and program.amount is None:
            amount = next((c for c in rest if is_amount(c)), None)
            if amount is not None:
                program.amount = _money(amount, unit, cell)
        elif cell in ("年度绩效目标", "绩效目标", "年度目标") and program.performance_target is None:
            program.performance_target = rest[0]


def _header(cells: list[str]) -> dict[str, int] | None:
    def find(*words: str) -> int | None:
        """The column named by one of `words`, else the first whose name holds one: 指标值 is the value's column,
        never the 指标值类型 (its comparator) printed before it (湖南's 部门整体支出绩效目标表)."""
        named = next((i for i, c in enumerate(cells) if c in words), None)
        return named if named is not None else next((i for i, c in enumerate(cells) for w in words if w in c), None)

    name = find("三级指标", "指标名称")
    target = find("年度指标值", "指标值", "目标值")
    if name is None or target is None:
        return None
    cols = {"name": name, "target": target}
    for key, words in (("direction", ("指标性质", "指标方向", "符号", "指标值类型")), ("unit", ("度量单位", "计量单位", "单位")),
                       ("actual", ("实际完成值", "实际值", "完成值"))):
        i = find(*words)
        if i is not None and i not in cols.values():
            cols[key] = i
    return cols


def _indicator(cells: list[str], cols: dict[str, int], program: str | None, source: Source) -> Indicator | None:
    def get(key: str) -> str | None:
        i = cols.get(key)
        return cells[i] if i is not None and i < len(cells) else None

    name, value = get("name"), get("target")
    if not name or not value:
        return None
    text = "".join(c for c in (name, get("direction"), value, get("unit")) if c and c != "定性")
    parsed = parse_target(value, get("direction"), get("unit"))
    if parsed is None:
        return Indicator(name=name, program=program, text=text, source=source)
    comparator, target, unit = parsed
    indicator = Indicator(name=name, comparator=comparator, target=target, unit=unit, program=program,
                          text=text, source=source)
    actual = get("actual")
    if actual:
        done = parse_target(actual)
        if done is not None:
            indicator.actual = done[1]
            indicator.met = _met(comparator, target, done[1])
    return indicator
