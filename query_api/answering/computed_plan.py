"""A final account's plan printed only as its difference from the actual (一般公共预算财政拨款支出4,690.97万元，比年初
预算数增加3,320.27万元): the actual less the printed difference, an answer said to be computed, with how."""

from __future__ import annotations

from ingest.record import AMOUNT_PLACES, FACT_KEYS
from query_api.answering.rows import UNIT_WAN, answer_row, plain, source_of

# a final account's figure against its plan, where only the difference is printed (比年初预算数增加3,320.27万元)
VS_PLAN = "vs_plan"


def plan_from_difference(name: str, actual: float, difference: float, source: str | None,
                         scope: str = "") -> dict:
    """The answer row of the plan of `name` (its department, year and figure): `actual` less the printed signed
    `difference` (actual − plan), labelled computed (`scope`: the document's scope, said after), at `source`."""
    plan = round(actual - difference, AMOUNT_PLACES)
    return answer_row(f"{name}年初预算（计算所得）{scope}", plan, UNIT_WAN, "amount", None,
                      f"决算 {plain(actual)}万元 − 文件写明的差额 {plain(difference)}万元 = {plain(plan)}万元", source)


def final_account_plan(known, measure: str, found: dict, info, actual_keys: list[str]) -> dict | None:
    """The plan of a final account's figure of `measure` that prints only its actual (the first of `actual_keys` in
    `found`, a document's figures by key) and the difference from the plan: plan_from_difference; None when either
    is not printed, is not in 万元, or the document (`info`) is no final account."""
    said = found.get(f"{measure}_{VS_PLAN}")
    actual = next((found[k] for k in actual_keys if k in found), None)
    if info is None or info.type != "final_account" or said is None or actual is None \
            or str(actual.unit or UNIT_WAN) != UNIT_WAN or str(said.unit or UNIT_WAN) != UNIT_WAN:
        return None
    return plan_from_difference(f"{actual.deptLabel}{actual.year}年{FACT_KEYS.get(measure, measure)}", actual.value,
                                said.value, source_of(known, said.doc, said.table, said.line), f"（{info.scope_label}）")
