"""The cube query: its dimensions, cuts, compare sides and the /api/aggregate parameters that make one
(compiled to SPARQL and run by query_api.cube)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

UNIT_WAN = "万元"
AGGREGATES = ("sum", "count", "avg", "min", "max")
MAX_LIMIT = 10000
_FUNCTIONAL, _ECONOMIC = "/code/functional/", "/code/economic/"
PHASE_IRIS = {"budget": "gk:Budget", "final_account": "gk:FinalAccount", "预算": "gk:Budget", "决算": "gk:FinalAccount"}
SCOPE_IRIS = {"consolidated": "gk:Consolidated", "standalone": "gk:Standalone", "汇总": "gk:Consolidated",
              "本级": "gk:Standalone"}
PHASE_NAMES = {"https://w3id.org/govkg/def#Budget": "budget", "https://w3id.org/govkg/def#FinalAccount": "final_account"}
SCOPE_NAMES = {"https://w3id.org/govkg/def#Consolidated": "consolidated",
               "https://w3id.org/govkg/def#Standalone": "standalone"}
CODE_LEVELS = {"code.class": 3, "code.section": 5, "code.item": 7}
# Dimensions whose values are resources (cells carry an IRI and a `_label`); the others are literals.
# `observation` makes each figure its own cell (its IRI, its label as printed); `text` is the sentence a
# fact was read from; `measure_unit` the unit of the figure (万元 unless cut or drilled down on: % 分 辆 …);
# `code` a classified row's own code, whatever its level.
RESOURCE_DIMS = ("department", "unit", "document", "program", "observation")
LITERAL_DIMS = ("year", "phase", "scope", "table", "column", "fact", "scheme", "line", "text", "measure_unit")
# `fact_kind`: what a fact is a figure of (query_api.cube_kinds): a kind and those under it when cut on
KIND_DIMS = ("fact_kind",)
DRILLDOWNS = RESOURCE_DIMS + LITERAL_DIMS + KIND_DIMS + ("code",) + tuple(CODE_LEVELS)
# row, row_parent: a line printed without a code, by its name and the name of what it is part of
CUT_DIMS = RESOURCE_DIMS + LITERAL_DIMS + KIND_DIMS + ("code", "value", "row", "row_parent")
_COMPARATORS = re.compile(r"^(>=|<=|>|<|=|!=)?\s*(-?\d+(?:\.\d+)?)$")


class CubeError(ValueError):
    """A cube query that cannot be compiled: an unknown dimension, aggregate, value or order."""


@dataclass(frozen=True)
class Cut:
    """A filter: `dim` is one of CUT_DIMS, `value` an IRI, a label, or for `value` a threshold (">100")."""

    dim: str
    value: str


@dataclass(frozen=True)
class Compare:
    """Two sets of cuts side by side: each cell gets value_a, value_b, difference (b − a) and ratio (b / a),
    and count_a, count_b, the figures each side adds up (1 and 1: two figures set against each other).
    The dimensions the two sides cut on are not grouped on (2024 budget vs 2021 final account is one cell)."""

    a: tuple[Cut, ...]
    b: tuple[Cut, ...]

    @classmethod
    def on(cls, dim: str, a: str, b: str) -> Compare:
        """Two values of one dimension (compare=year:2024|2025)."""
        return cls((Cut(dim, a),), (Cut(dim, b),))

    def dims(self) -> set[str]:
        return {c.dim for c in self.a + self.b}


@dataclass
class CubeQuery:
    cuts: list[Cut] = field(default_factory=list)
    drilldowns: list[str] = field(default_factory=list)
    aggregate: str = "sum"
    order: list[tuple[str, str]] = field(default_factory=list)  # (dimension or "value", "asc" | "desc")
    limit: int = 100
    offset: int = 0
    compare: Compare | None = None
    leaves_only: bool = True  # classified rows: subtotals not added to their parts (see the module docstring)

    def to_json(self) -> dict:
        out = {"cut": [f"{c.dim}:{c.value}" for c in self.cuts], "drilldown": list(self.drilldowns),
               "aggregate": self.aggregate, "order": [f"{k}:{d}" for k, d in self.order],
               "limit": self.limit, "offset": self.offset}
        if self.compare:
            out["compare_a"] = [f"{c.dim}:{c.value}" for c in self.compare.a]
            out["compare_b"] = [f"{c.dim}:{c.value}" for c in self.compare.b]
        return out


def parse_params(args) -> tuple[CubeQuery, str]:
    """A CubeQuery and the output format from the /api/aggregate parameters (a MultiDict)."""
    cuts = [_cut(raw) for raw in args.getlist("cut")]
    order = []
    for raw in args.getlist("order"):
        for part in filter(None, (p.strip() for p in raw.split(","))):
            key, _, direction = part.partition(":")
            order.append((key, direction or "asc"))
    compare = None
    if args.get("compare"):
        dim, _, pair = args["compare"].partition(":")
        a, sep, b = pair.partition("|")
        if not sep or not a or not b:
            raise CubeError(f"compare 应写作 维度:甲|乙 (compare is DIM:A|B): {args['compare']}")
        compare = Compare.on(dim, a, b)
    elif args.get("compare_a") or args.get("compare_b"):
        sides = [tuple(_cut(raw) for raw in args.getlist(name)) for name in ("compare_a", "compare_b")]
        if not all(sides):
            raise CubeError("compare_a 与 compare_b 都要给出 (give both compare_a and compare_b)")
        compare = Compare(*sides)
    drilldowns = [d.strip() for raw in args.getlist("drilldown") for d in raw.split("|") if d.strip()]
    query = CubeQuery(cuts, drilldowns, args.get("aggregate", "sum"), order,
                      _integer(args.get("limit", "100"), "limit"), _integer(args.get("offset", "0"), "offset"), compare)
    fmt = args.get("format", "json")
    if fmt not in ("json", "csv"):
        raise CubeError(f"format 应为 json 或 csv: {fmt}")
    return query, fmt


def _cut(raw: str) -> Cut:
    dim, sep, value = raw.partition(":")
    if not sep:
        raise CubeError(f"cut 应写作 维度:取值 (cut is DIM:VALUE): {raw}")
    return Cut(dim.strip(), value.strip())


def _integer(text: str, name: str) -> int:
    if not text.strip().isdigit():
        raise CubeError(f"{name} 应为非负整数 ({name} must be a whole number): {text}")
    return int(text)
