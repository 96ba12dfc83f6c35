"""What a department holds at a date (vehicles, fixed assets, equipment of the template's unit price), read
apart from what its budget plans to buy; every snippet is a fictional department's."""

from __future__ import annotations

from ingest import gd_facts
from tests.ingest.test_gd_variants import lines_of, totals


def test_vehicles_stated_as_the_fleet_held():
    got = totals(gd_facts.facts(lines_of("公务用车运行维护费支出0.84万元，公务用车保有量为2辆。")))
    assert got["vehicles"] == 2


def test_vehicles_a_budget_plans_to_buy_are_not_the_fleet_held():
    got = totals(gd_facts.facts(lines_of("2026年部门预算安排购置车辆1辆，其中，特种专业技术用车1辆。"), year=2026))
    assert "vehicles" not in got
    got = totals(gd_facts.facts(lines_of("截至2025年12月底，本单位共有公务用车 0 辆，其中，机要通信用车 0辆。"), year=2026))
    assert got["vehicles"] == 0


def test_vehicles_to_buy_do_not_hide_the_fleet_held_after_them():
    text = "2026年部门预算安排采购车辆2辆，其中执法用车1辆。本部门截至2025年底共有车辆9辆。"
    assert [f.value for f in gd_facts.facts(lines_of(text), year=2026) if f.key == "vehicles"] == [9]
    assert [f for f in gd_facts.facts(lines_of("2026年拟更新车辆1辆。"), year=2026) if f.key == "vehicles"] == []
    text = "公务用车购置费2026年预算数0.00万元，较2025年减少12.00万元，主要是我局现有在编车辆3辆，2026年无购车计划。"
    assert [f.value for f in gd_facts.facts(lines_of(text), year=2026) if f.key == "vehicles"] == [3]


def test_assets_held_on_the_books_and_assets_to_buy_are_two_figures():
    text = ("截止2025年12月31日，固定资产账上共有机动车3辆。本单位固定资产总量为4295.98万元，房屋和构筑物3773.63万元。\n"
            "截至2025年11月30日，本部门固定资产金额1,792.52万元，车辆1辆。本年度拟购置固定资产54.5万元，主要是台、桌子等。")
    got = [(f.key, f.value) for f in gd_facts.facts(lines_of(text), year=2026)
           if f.key in ("vehicles", "fixed_assets", "fixed_assets_purchase")]
    assert got == [("fixed_assets", 4295.98), ("vehicles", 3), ("fixed_assets", 1792.52),
                   ("fixed_assets_purchase", 54.5), ("vehicles", 1)]


def test_equipment_held_above_the_templates_unit_price_is_a_count_of_its_own():
    text = ("截至2025年12月31日，本部门共有车辆5辆。单位价值 100 万元（含）以上设备（不含车辆）25 台（套）。\n"
            "单价50万元以上通用设备0台（套），单价100万元以上专用设备3台（套）。\n"
            "截至上年底，本部门共有车辆4辆，单价20万元以上的设备14台（套）。\n"
            "2026年部门预算安排购置车辆13辆；单位价值100万元（含）以上设备1台（套）。")
    got = [(f.key, f.value, f.unit) for f in gd_facts.facts(lines_of(text), year=2026) if f.key == "large_equipment"]
    # not the 50万 or 20万 counts (other prices), nor one kind's (专用 only), nor the planned purchase
    assert got == [("large_equipment", 25, "台")]


def test_one_kinds_equipment_is_not_the_count_of_all_equipment():
    text = "单位价值50万元以上通用设备4台（套），单位价值100万元以上专用设备1台（套）。"
    assert [f for f in gd_facts.facts(lines_of(text), year=2026) if f.key == "large_equipment"] == []


def test_the_net_book_value_of_assets_is_not_their_original_value():
    got = totals(gd_facts.facts(lines_of("截至2025年12月31日，本部门固定资产原值1,200.50万元，净值860.25万元。"), year=2026))
    assert (got["fixed_assets"], got["fixed_assets_net"]) == (1200.5, 860.25)


def test_assets_held_and_assets_the_year_plans_to_buy_are_two_figures():
    text = """
五、国有资产占有使用情况
截至2025年12月31日，本单位固定资产总量为4295.98万元，房屋和构筑物3773.63万元。本年度拟购置固定资产54.5万元，主要是设备家具采购等。
"""
    got = totals(gd_facts.facts(lines_of(text), year=2026))
    assert (got["fixed_assets"], got["fixed_assets_purchase"]) == (4295.98, 54.5)


def test_assets_the_year_plans_to_buy_with_their_amount_are_not_the_assets_held():
    got = [(f.key, f.value) for f in gd_facts.facts(lines_of("本年度拟购置固定资产金额为54.5万元。"), year=2026)
           if f.key.startswith("fixed_assets")]
    assert got == [("fixed_assets_purchase", 54.5)]
