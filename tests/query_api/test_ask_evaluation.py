"""Self-evaluation questions (绩效自评结果, 自评等级, 自评得分, 预算执行率) over the bundled fictional final
account, and over the shared corpus when it is present."""

from __future__ import annotations

import pytest

from graph_store.registry import open_store
from ingest.parse import parse_file
from ingest.rdf import record_to_graph
from ingest.record import Fact, Record, Source
from query_api.ask import answer
from query_api.slots import asks_rating

SAMPLE_DEPT = "海州市数据资源局"


@pytest.fixture(scope="module")
def sample_store(samples_dir):
    store = open_store("memory")
    for name in ("haizhou_data_2024_final_account.txt", "haizhou_data_2025_budget.txt"):
        store.replace_graph(*record_to_graph(parse_file(samples_dir / name)))
    return store


def _ratings(reply: dict) -> dict[str, str]:
    return {a["label"]: a["value"] for a in reply["answers"] if a["type"] == "rating"}


@pytest.mark.parametrize("question", [
    f"{SAMPLE_DEPT}2024年部门整体支出绩效自评结果是什么",
    f"{SAMPLE_DEPT}2024年的整体支出自评等级",
    f"请问{SAMPLE_DEPT}部门整体绩效评价结果怎么样",
    "数据资源局2024年部门决算整体支出绩效自评情况如何",
])
def test_overall_rating_is_answered_with_its_source(sample_store, question):
    reply = answer(sample_store, question)
    assert reply["intent"] == "self_evaluation", reply["intent"]
    rating = next(a for a in reply["answers"] if a["type"] == "rating")
    assert rating["value"] == "良好"
    assert "部门整体支出绩效自评结果" in rating["label"] and SAMPLE_DEPT in rating["label"]
    assert "良好" in rating["text"]
    assert rating["source"].startswith(f"{SAMPLE_DEPT}2024年部门决算") and "绩效自评" in rating["source"]
    rate = next(a for a in reply["answers"] if a["unit"] == "%")  # the figure of the same section
    assert rate["value"] == 98.57 and "行" in rate["source"]


def test_program_rating_alone_when_programs_are_asked_about(sample_store):
    reply = answer(sample_store, f"{SAMPLE_DEPT}2024年项目绩效自评等级是什么")
    assert list(_ratings(reply).values()) == ["优秀"]
    both = answer(sample_store, f"{SAMPLE_DEPT}2024年绩效自评结果")
    assert sorted(_ratings(both).values()) == ["优秀", "良好"]


def test_execution_rate_is_an_amount_with_its_line(sample_store):
    reply = answer(sample_store, f"{SAMPLE_DEPT}2024年预算执行率是多少")
    assert [(a["value"], a["unit"]) for a in reply["answers"]] == [(98.57, "%")]
    assert "第" in reply["answers"][0]["source"]


def test_budget_year_has_no_rating_and_says_so(sample_store):
    reply = answer(sample_store, f"{SAMPLE_DEPT}2025年绩效自评结果")
    assert reply["answers"] == []
    assert "绩效自评" in reply["message"]


def test_score_of_a_fictional_final_account_is_an_amount():
    record = Record(department="东海市示例区数据局", fiscal_year=2023, document_type="final_account",
                    scope="standalone", source_file="example.txt", sha256="c" * 64, layout="raw",
                    facts=[Fact("performance_score", 96.5, unit="分", source=Source("说明", 40))],
                    performance={"overall_rating": "优秀"})
    store = open_store("memory")
    store.replace_graph(*record_to_graph(record))
    reply = answer(store, "东海市示例区数据局2023年绩效自评得分")
    assert [(a["value"], a["unit"], a["source"].endswith("第40行")) for a in reply["answers"]] == [(96.5, "分", True)]
    reply = answer(store, "示例区数据局2023年的自评结果")
    assert [a["value"] for a in reply["answers"]] == ["优秀", 96.5]


def test_the_score_of_the_wholes_evaluation_is_no_executed_money(sample_store):
    # 部门整体支出 names the evaluation scored: never its 执行数 276.00 万元
    reply = answer(sample_store, f"{SAMPLE_DEPT}2024年部门整体支出绩效自评得了多少分")
    assert reply["intent"] == "self_evaluation" and "得分" in reply["message"]
    assert all(a["unit"] != "万元" for a in reply["answers"]) and "良好" in _ratings(reply).values()


def test_score_not_stated_gives_the_ratings_and_says_so(sample_store):
    reply = answer(sample_store, f"{SAMPLE_DEPT}2024年的绩效自评得分")
    assert reply["intent"] == "self_evaluation"
    assert "得分" in reply["message"] and "良好" in _ratings(reply).values()


@pytest.mark.parametrize("text, rating", [
    ("某局2023年部门整体支出绩效自评结果是什么", True), ("某局绩效评级", True), ("某局的自评等级", True),
    ("某局自评得分是多少", False), ("某局预算执行率", False), ("热线接通率的目标值是多少", False),
    ("某局的绩效目标是什么", False), ("某局决算绩效评价如何", True), ("某局自评为良好吗", True),
    ("某局绩效自评评了个什么等级", True), ("某局整体支出自评拿了什么等次", True),
    ("某局绩效目标中质量指标的等级", False), ("某局绩效指标的级别是多少", False),
])
def test_rating_words(text, rating):
    assert asks_rating(text) is rating


# ---------------------------------------------------------------- the shared corpus


@pytest.fixture(scope="module")
def corpus_store(shared_dir, tmp_path_factory):
    store = open_store("oxigraph", tmp_path_factory.mktemp("evaluation") / "store")
    for path in sorted((shared_dir / "corpus").glob("*.txt")):
        record = parse_file(path)
        if record.document_type == "final_account":
            store.replace_graph(*record_to_graph(record))
    yield store
    store.close()


def test_corpus_final_account_ratings_and_rate(corpus_store):
    reply = answer(corpus_store, "清城区大数据中心2023年部门整体支出绩效自评结果是什么")
    assert reply["intent"] == "self_evaluation"
    assert reply["answers"][0]["value"] == "良好" and "清城区大数据中心" in reply["answers"][0]["label"]
    assert any(a["value"] == 31.21 and a["unit"] == "%" for a in reply["answers"])
    assert list(_ratings(answer(corpus_store, "清城区大数据中心的项目绩效自评等级")).values()) == ["优秀"]
    rate = answer(corpus_store, "清城区大数据中心2023年预算执行率是多少")["answers"]
    assert [a["value"] for a in rate] == [31.21]


@pytest.mark.parametrize("question", [f"{SAMPLE_DEPT}2024年部门整体支出全年预算280万元，实际执行了多少？",
                                      f"{SAMPLE_DEPT}2024年部门整体支出执行数是多少",
                                      f"{SAMPLE_DEPT}2024年整体支出实际花了多少"])
def test_the_wholes_executed_figure_is_the_self_evaluations(sample_store, question):
    # the 部门整体支出 the self-evaluation states (执行数 276.00 of 全年预算数 280.00), never the tables' total
    reply = answer(sample_store, question)
    executed = [a for a in reply["answers"] if a["value"] == 276.0]
    assert executed and "第166行" in executed[0]["source"], reply
    assert all(a["value"] in (276.0, 280.0, -4.0, 4.0, 98.57) for a in reply["answers"]), reply


def test_the_wholes_plan_when_that_is_asked(sample_store):
    reply = answer(sample_store, f"{SAMPLE_DEPT}2024年部门整体支出预算是多少")
    assert [(a["value"], "第166行" in a["source"]) for a in reply["answers"]] == [(280.0, True)]
