"""The cube's `fact_kind` dimension: what a summary figure is a figure of (ontology/fact_kinds.py, the
gk:FactKind concepts of govkg.ttl), drilled down its hierarchy, with each whole checked against its parts.

    cut=fact_kind:three_public        the kind and every kind under it (by notation, Chinese name or IRI)
    drilldown=fact_kind               one cell per kind; a cell never mixes kinds, drilled down or not
    check_parts(cells)                each whole whose parts add up to it (gk:partsAddUp) set beside the sum of
                                      its parts' cells of the same other dimensions: agree, disagree (both
                                      shown, neither picked) or incomplete (a part not printed)
"""

from __future__ import annotations

from ingest.record import AMOUNT_PLACES
from ontology.fact_kinds import KINDS
from query_api.cube_query import CubeError

_BY_IRI = {kind.iri: name for name, kind in KINDS.items()}
_BY_LABEL = {kind.label: name for name, kind in KINDS.items()}
_PARTS = {n: [c for c, k in KINDS.items() if k.broader == n] for n in KINDS}  # each kind's narrower kinds
# Two figures printed to two decimals, each rounded: a sum of parts may be a cent or two from the whole, a
# difference of two years a cent from the change a document states (query_api.answering.changes).
TOLERANCE = 0.011


def notation(value: str) -> str:
    """The kind a cut names by notation, Chinese name or IRI; a CubeError naming the known kinds otherwise."""
    name = value if value in KINDS else _BY_IRI.get(value) or _BY_LABEL.get(value)
    if name is None:
        raise CubeError(f"未知的数据项类别 (unknown fact kind) {value!r}; 可用 (known): {', '.join(KINDS)}")
    return name


def under(name: str) -> list[str]:
    """The kind `name` and every kind below it, the whole first."""
    return [name] + [x for c in _PARTS[name] for x in under(c)]


def cut_iris(values: list[str]) -> list[str]:
    """The IRIs a cut on these kinds matches: each kind and those under it."""
    return list(dict.fromkeys(KINDS[n].iri for v in values for n in under(notation(v))))


def name_of(iri: str) -> tuple[str, str]:
    """(notation, Chinese name) of a kind's IRI; the IRI itself for one the ontology does not define."""
    name = _BY_IRI.get(iri)
    return (name, KINDS[name].label) if name else (iri, iri)


def check_parts(cells: list[dict]) -> None:
    """Set on each cell of a whole whose parts add up to it (gk:partsAddUp), from the cells of its parts that
    have the same other dimensions: `parts_sum`, `parts_check` ("agree", "disagree" or "incomplete") and
    `parts_missing` (the parts no cell holds, or holds with another count of figures than the whole's;
    a part printed only as its own parts is their sum). A disagreement is said in the cell's `warning` with both
    figures; neither is picked. Cells of sums only (the caller's aggregate is sum)."""
    def others(c: dict) -> tuple:
        return tuple(sorted((k, str(v)) for k, v in c.items() if k not in _CELL_MEASURES))
    by_key = {(c["fact_kind"], others(c)): c for c in cells}

    def figure(name: str, key: tuple, count: int) -> float | None:
        # a part's own cell, else (a part whose parts add up to it, printed without its own figure: 公务用车
        # given only as 购置 and 运行) the sum of its parts — the document's figures, never a guess
        cell = by_key.get((name, key))
        # a part's cell adding another number of figures than the whole's (a figure read twice, one document
        # printing no part) is no check of this whole
        if cell is not None:
            return cell["value"] if cell["count"] == count else None
        parts = _PARTS[name]
        if not KINDS[name].parts_add_up or not parts:
            return None
        values = [figure(n, key, count) for n in parts]
        return None if None in values else round(sum(values), AMOUNT_PLACES)

    for c in cells:
        kind = KINDS.get(c["fact_kind"])
        if kind is None or not kind.parts_add_up:
            continue
        key = others(c)
        parts = _PARTS[c["fact_kind"]]
        found = {n: figure(n, key, c["count"]) for n in parts}
        missing = [KINDS[n].label for n, value in found.items() if value is None]
        total = round(sum(value for value in found.values() if value is not None), AMOUNT_PLACES)
        c["parts_sum"], c["parts_missing"] = total, missing
        if missing:
            c["parts_check"] = "incomplete"
        elif abs(total - c["value"]) <= TOLERANCE * len(parts):
            c["parts_check"] = "agree"
        else:
            c["parts_check"] = "disagree"
            shown = "、".join(f"{KINDS[n].label}{found[n]:g}" for n in parts)
            c["warning"] = (f"{kind.label}{c['value']:g}万元与各分项之和{total:g}万元（{shown}）不一致，两个都列出"
                            f" (the whole {c['value']:g} and the sum of its parts {total:g} disagree)")


# What a cell measures, not which cell it is: left out when matching a whole's cell to its parts' cells.
_CELL_MEASURES = {"fact_kind", "fact_kind_label", "value", "count", "tables", "columns", "warning",
                  "parts_sum", "parts_check", "parts_missing"}
