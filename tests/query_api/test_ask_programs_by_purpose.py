"""A program named by what it does, not by its name (租电子政务外网那条专线要花多少钱): of an invented department's
programs, the one whose name and target or description cover the most of the question's words is answered, with
the words that matched; two covering it alike are asked about, a topic nothing covers gets no number, and a
purchase sentence covering less of it is not the answer (a real store, fictional records)."""

from __future__ import annotations

import pytest
from web_records import store_of

from ingest.record import Fact, Indicator, Program, Record, Source
from query_api.app import create_app
from tests.query_api.sample_clients import ask

DEPT = "滨江市政务服务数据管理局"
CULTURE = "滨江市文化馆"


def _program(name: str, amount: float, line: int, target: str, description: str | None = None) -> Program:
    return Program(name, DEPT, amount=amount, performance_target=target, description=description,
                   source=Source("项目支出表", line))


@pytest.fixture(scope="module")
def client():
    record = Record(DEPT, 2024, "budget", "consolidated", "bj-data-2024.pdf", "c" * 64, "raw")
    record.programs = [
        _program("滨江市电子政务云平台网络专线租用服务项目", 99.0, 20,
                 "通过租用专线组网建设全市电子政务骨干承载网络，为滨江市电子政务外网的建设提供线路保障。"),
        _program("党政内网（政务外网）运维经费", 231.5, 21, "对机房环境、机房设备、政务外网网络等进行日常维护。"),
        _program("第三方暗访调查费", 18.4, 22, "聘请第三方专业机构对各级政务服务大厅进行暗访检查。"),
        _program("政务大厅日常运作经费", 120.0, 23, "保障政务服务大厅日常运转，提升群众办事体验。"),
        _program("信息化项目管理经费", 809.48, 24, "开展信息化规划咨询、第三方造价服务、专家评审等。"),
        _program("黄杨泵站至缯坑水库第二条原水管建设工程", 4237.0, 25, "供水受咸潮影响显著，建设原水管以提高供水保障能力。"),
        _program("广南梅第二条原水管道工程", 3000.0, 26, "解决原水供水管道过水能力不足。")]
    # an indicator named like the hall (政务大厅): never the answer when the money is asked (那笔钱是多少)
    record.indicators = [Indicator("政务大厅", "=", 10.0, "个", "政务大厅日常运作经费", text="=10个",
                                   source=Source("绩效目标表", 50))]
    # a purchase whose sentence names the 电子政务外网 too, but not the 专线
    record.facts = [Fact("fixed_assets_purchase", 3.8, text="本年度拟购置固定资产3.80万元，主要是采购电子政务外网交换机等设备。",
                         source=Source("国有资产占有使用情况", 40))]
    culture = Record(CULTURE, 2024, "budget", "standalone", "bj-culture-2024.pdf", "d" * 64, "raw")
    culture.programs = [
        Program("文艺演出经费", CULTURE, amount=60.0, description="组织演员培训后赴基层巡回。", source=Source("项目支出表", 30)),
        Program("业务培训经费", CULTURE, amount=45.0, description="培训内容包括演出技巧。", source=Source("项目支出表", 31))]
    return create_app({"STORE": store_of([record, culture]), "TESTING": True, "QUERY_TIMEOUT": 60.0}).test_client()


@pytest.mark.parametrize("asked, name, value", [
    ("租电子政务外网那条专线要花多少钱", "滨江市电子政务云平台网络专线租用服务项目", 99.0),
    ("请第三方去政务服务大厅暗访调查，这笔钱预算多少", "第三方暗访调查费", 18.4),
    ("给各级政务服务大厅搞暗访的那笔钱是多少", "第三方暗访调查费", 18.4),
    # (the filler 那条 leaves a stop: no word 建原 glued across it, which no program holds)
    ("为解决咸潮影响建的那条原水管要花多少钱", "黄杨泵站至缯坑水库第二条原水管建设工程", 4237.0)])
def test_a_program_described_by_its_purpose_is_the_one_covering_most_of_the_words(client, asked, name, value):
    reply = ask(client, f"{DEPT}{asked}")
    assert [(a["label"], a["value"]) for a in reply["answers"]] == [(name, value)]
    assert reply["answers"][0]["source"].endswith("第" + {99.0: "20", 18.4: "22", 4237.0: "25"}[value] + "行")
    matched = reply["answers"][0]["matched"]
    assert "绩效目标含" in matched  # which words matched, and where (the name's too where it holds some)
    assert ("名称含" in matched) == ("搞暗访" not in asked)
    assert "建原" not in matched  # the words said are those of the question, none glued across a filler


def test_two_programs_covering_the_words_alike_are_asked_about(client):
    reply = ask(client, f"{CULTURE}培训演出人员的那笔钱是多少")
    assert reply["answers"] == []
    assert "文艺演出经费" in reply["message"] and "业务培训经费" in reply["message"]


def test_words_no_program_covers_get_no_number(client):
    reply = ask(client, f"{DEPT}修缮办公楼外墙那笔钱要多少")
    assert reply["answers"] == []
