"""A goal count of a program named by what it does, not by its printed name (保障100台自助终端运行的项目要完成多少个
证照自主签发): the one program whose name and goal hold those words, asked again by its name — the count its goal
states, with the clause's line and the program it was read as; two programs fitting alike are asked about. The
department, programs and figures are invented; a real store, a real app."""

from __future__ import annotations

import pytest
from web_records import store_of

from ingest.record import Fact, Program, Record, Source
from ingest.stated_parts import GOAL_COUNT
from query_api.app import create_app
from tests.query_api.sample_clients import ask

DEPT = "临江市政务服务数据管理局"
E_GOV = "1.完成不少于30个证照自主签发;2.将统一预约叫取号评价系统部署到不少于10个政务大厅;3.保障100台自助终端运行稳定。"
CLOUD = "1.为全区各有关单位提供政务云资源租赁服务,覆盖全区32个单位及以上。2.开通服务器数量550台及以上。"


@pytest.fixture(scope="module")
def client():
    record = Record(DEPT, 2023, "budget", "consolidated", "a.txt", "a" * 64, "raw")
    record.programs = [Program("电子政务经费", DEPT, 147.23, performance_target=E_GOV, source=Source("项目表", 505)),
                       Program("政务云经费", DEPT, 950.0, performance_target=CLOUD, source=Source("项目表", 567)),
                       Program("信息化运维经费", DEPT, 353.07, performance_target="建设和维护全区基层公共服务自助终端",
                               source=Source("项目表", 592))]
    record.facts = [Fact(GOAL_COUNT, n, unit, label=name, text=clause, source=Source("项目表", line))
                    for name, n, unit, clause, line in (
                        ("电子政务经费", 30, "个", "1.完成不少于30个证照自主签发", 505),
                        ("电子政务经费", 10, "个", "2.将统一预约叫取号评价系统部署到不少于10个政务大厅", 505),
                        ("电子政务经费", 100, "台", "3.保障100台自助终端运行稳定", 505),
                        ("政务云经费", 32, "个", "覆盖全区32个单位及以上", 567),
                        ("政务云经费", 550, "台", "2.开通服务器数量550台及以上", 567))]
    return create_app({"STORE": store_of([record]), "TESTING": True}).test_client()


@pytest.mark.parametrize(("asked", "value", "name"), [
    ("保障100台自助终端运行的项目要完成多少个证照自主签发", 30, "电子政务经费"),
    ("保障自助终端稳定运行的那个项目要把叫号系统部署到几个政务大厅", 10, "电子政务经费"),
    ("提供政务云资源租赁服务的项目要开通多少台服务器", 550, "政务云经费")])
def test_the_program_described_is_asked_by_its_name(client, asked, value, name):
    reply = ask(client, f"{DEPT}2023年{asked}")
    assert [a["value"] for a in reply["answers"]] == [value], reply
    assert "第505行" in reply["answers"][0]["source"] or "第567行" in reply["answers"][0]["source"]
    assert f"“{name}”" in reply["message"], reply


def test_two_programs_the_words_fit_alike_are_asked_about(client):
    reply = ask(client, f"{DEPT}2023年负责自助终端的项目要保障多少台终端")
    assert reply["answers"] == [] and "电子政务经费" in reply["message"] and "信息化运维经费" in reply["message"], reply


@pytest.mark.parametrize("asked", ["预算超过200万元的项目有几个", "预算在200万元以上的项目有多少个"])
def test_programs_counted_by_a_condition_are_no_program_described(client, asked):
    reply = ask(client, f"{DEPT}2023年{asked}")
    assert [a["value"] for a in reply["answers"]][:1] == [2] and "理解为" not in (reply["message"] or ""), reply
