"""The cells of a cube reply: a SPARQL row read into a cell (numbers as printed, phase and scope by name,
the ratio of a compare, a warning where a cell adds figures of several tables or columns), and the
cells as CSV."""

from __future__ import annotations

import csv
import io

from ingest.record import AMOUNT_PLACES
from query_api.cube_kinds import name_of
from query_api.cube_query import PHASE_NAMES, SCOPE_NAMES, CubeQuery


def read_cell(row: dict, query: CubeQuery) -> dict:
    """One cell of the reply from one row of the compiled query's results (`row.asdict()`)."""
    cell: dict = {}
    for key, term in row.items():
        name = key.replace("code_", "code.", 1) if key.startswith("code_") else key
        text = str(term)
        if key == "phase":
            cell[name] = PHASE_NAMES.get(text, text)
        elif key == "scope":
            cell[name] = SCOPE_NAMES.get(text, text)
        elif key == "fact_kind":  # its notation and Chinese name, from the ontology (not a label in the store)
            cell[name], cell["fact_kind_label"] = name_of(text)
        elif key == "year":
            cell[name] = int(text)
        elif key in ("count", "count_a", "count_b", "tables", "columns", "line"):
            cell[name] = int(text)
        elif key in ("value", "value_a", "value_b", "difference"):
            cell[name] = _number(term, query.aggregate)
        else:
            cell[name] = text
    if query.compare:
        a, b = cell.get("value_a"), cell.get("value_b")
        cell["ratio"] = round(b / a, 6) if a and b is not None else None
    if cell.get("tables", 1) > 1 or cell.get("columns", 1) > 1:
        cell["warning"] = (f"此数加总了 {cell.get('tables')} 个表、{cell.get('columns')} 个栏目的数字，可能重复计算；"
                           "请用 cut=table:… 与 cut=column:… 限定 (this cell adds figures of several tables or columns)")
    return cell


def _number(term, aggregate: str):
    """A decimal of the store as a float rounded to the printed precision (sums of 2-decimal amounts)."""
    value = float(str(term))
    if aggregate == "count":
        return int(value)
    return round(value, AMOUNT_PLACES)


def to_csv(reply: dict) -> str:
    """The cells as CSV: a header row, one row per cell, plain numbers, a BOM so spreadsheets read UTF-8."""
    columns: list[str] = []
    for cell in reply["cells"]:
        columns += [k for k in cell if k not in columns]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    for cell in reply["cells"]:
        writer.writerow({k: _plain(v) for k, v in cell.items()})
    return "\ufeff" + out.getvalue()


def _plain(value) -> object:
    # repr of a float never adds thousands separators or an exponent for amounts this size; a list in one field
    if isinstance(value, list):
        return "、".join(map(str, value))
    return "" if value is None else (f"{value:.6f}".rstrip("0").rstrip(".") if isinstance(value, float) else value)
