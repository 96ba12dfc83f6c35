"""Questions answered over a small fictional graph made with the real mapper (ingest.rdf) in a memory store."""

from __future__ import annotations

import json

import pytest

from graph_store.registry import open_store
from ingest.rdf import record_to_graph
from ingest.record import Duty, Fact, Indicator, LineItem, Program, Record, Source, Unit
from query_api.app import create_app

DEPT = "临江市东湖区数据资源局"


def fictional_records() -> list[Record]:
    out = []
    for scope, sha in (("consolidated", "a" * 64), ("standalone", "b" * 64)):
        r = Record(DEPT, 2025, "budget", scope, f"{scope}.txt", sha, "tsv")
        r.duties = [Duty("负责全区政务热线管理工作", 1, Source("主要职责", 3)),
                    Duty("负责电子政务网络建设与运维", 2, Source("主要职责", 4)),
                    Duty("指导人民群众参与基层调解工作", 3, Source("主要职责", 5))]
        r.internal_units = [Unit("综合股", source=Source("内设机构", 6)), Unit("热线运营股", "负责热线话务运营和知识库维护", source=Source("内设机构", 7))]
        r.subordinate_units = [Unit("临江市东湖区政务热线中心", source=Source("下属单位", 8))]
        r.programs = [Program("政务热线外包服务项目", DEPT, 300.0, performance_target="热线接通率达到90%", source=Source("项目表", 20)),
                      Program("机房运维经费", DEPT, 80.0, source=Source("项目表", 21))]
        if scope == "consolidated":
            r.programs.append(Program("热线中心日常运作经费", "临江市东湖区政务热线中心", 45.5, source=Source("项目表", 22)))
        r.indicators = [Indicator("热线接通率", ">=", 90, "%", "政务热线外包服务项目", source=Source("绩效表", 30))]
        r.line_items = [LineItem("支出表", "2010301", "行政运行", {"合计": 120.0}, "functional", source=Source("支出表", 40))]
        total = 500.0 if scope == "consolidated" else 380.0
        r.facts = [Fact("revenue_total", total, source=Source("收支总表", 10)),
                   Fact("three_public_budget", 2.5 if scope == "consolidated" else 1.5, source=Source("三公", 50)),
                   Fact("revenue_change", -20.0 if scope == "consolidated" else -12.0, source=Source("说明", 51))]
        out.append(r)
    return out


@pytest.fixture(scope="module")
def client():
    store = open_store("memory")
    for record in fictional_records():
        store.replace_graph(*record_to_graph(record))
    return create_app({"STORE": store, "TESTING": True}).test_client()


def ask(client, q: str) -> dict:
    resp = client.get("/api/ask", query_string={"q": q})
    assert resp.status_code == 200
    return json.loads(resp.data)


def labels(reply: dict) -> list[str]:
    return [a["label"] for a in reply["answers"]]


def values(reply: dict) -> list:
    return [a["value"] for a in reply["answers"]]


def test_programs_about_a_topic_match_name_words(client):
    reply = ask(client, "哪些项目涉及政务热线")
    assert reply["intent"] == "programs_about"
    assert "政务热线外包服务项目" in labels(reply) and "机房运维经费" not in labels(reply)


def test_short_department_name_resolves_to_full_name(client):
    reply = ask(client, "东湖区数据资源局有哪些内设机构")
    assert sorted(labels(reply)) == ["热线运营股", "综合股"]
    assert reply["entities"][0]["label"] == DEPT


def test_subordinate_units_and_parent(client):
    assert labels(ask(client, f"{DEPT}的下属单位有哪些")) == ["临江市东湖区政务热线中心"]
    assert labels(ask(client, "东湖区政务热线中心隶属于哪个部门")) == [DEPT]


def test_multi_hop_from_an_internal_unit_to_its_departments_subordinates(client):
    assert labels(ask(client, "热线运营股所在部门有哪些下属单位")) == ["临江市东湖区政务热线中心"]


def test_duties_and_duty_holder(client):
    assert len(ask(client, f"{DEPT}的主要职责有哪些")["answers"]) == 3
    assert labels(ask(client, "哪个部门负责电子政务网络建设")) == [DEPT]


def test_duty_holder_falls_back_to_the_parts_of_a_word(client):
    reply = ask(client, "哪个部门负责人民调解")  # the duty says 人民…调解, not 人民调解
    assert labels(reply) == [DEPT] and "调解" in reply["answers"][0]["text"]


def test_total_gives_both_scopes_labelled(client):
    reply = ask(client, "东湖区数据资源局2025年收入预算总额是多少")
    assert sorted(values(reply)) == [380.0, 500.0]
    assert any("汇总" in label for label in labels(reply)) and any("本级" in label for label in labels(reply))
    assert all(a["unit"] == "万元" and a["source"] for a in reply["answers"])


def test_change_on_last_year_is_a_magnitude_with_direction(client):
    reply = ask(client, "东湖区数据资源局2025年收入比上年减少了多少")
    assert sorted(values(reply)) == [12.0, 20.0]
    assert all("减少" in a["text"] for a in reply["answers"])


def test_program_amount_rank_count_sum_and_threshold(client):
    assert values(ask(client, "政务热线外包服务项目的预算是多少")) == [300.0]
    assert labels(ask(client, "东湖区数据资源局预算最大的项目"))[0] == "政务热线外包服务项目"
    assert values(ask(client, "东湖区政务热线中心有多少个项目")) == [1]
    summed = ask(client, "东湖区政务热线中心的项目预算合计")
    assert values(summed) == [45.5, 45.5] and summed["answers"][1]["type"] == "program"  # the total, then what it adds
    # the sum said in words jieba cuts apart (加起来 → 加 / 起来) is no topic of the centre's programs
    assert values(ask(client, "东湖区政务热线中心所有项目加起来一共多少钱"))[0] == 45.5
    assert labels(ask(client, "预算超过100万元的项目有哪些")) == ["政务热线外包服务项目"]


def test_three_public_line_item_and_indicator(client):
    assert sorted(values(ask(client, "东湖区数据资源局2025年三公经费预算"))) == [1.5, 2.5]
    assert 120.0 in values(ask(client, "东湖区数据资源局2025年行政运行支出"))
    assert 90.0 in values(ask(client, "热线接通率的目标值是多少"))


def test_program_purpose_years_and_departments(client):
    reply = ask(client, "政务热线外包服务项目用于什么")
    assert "接通率" in reply["answers"][0]["text"]
    assert values(ask(client, f"{DEPT}有哪些年份的数据")) == [2025]
    (dept,) = ask(client, "知识库里有哪些部门")["answers"]
    assert dept["label"] == DEPT and dept["uri"].startswith("http")  # the department's IRI, to follow up in SPARQL


def test_unknown_department_gets_no_answers_and_a_short_message_naming_it(client):
    reply = ask(client, "深圳市教育局2024年预算是多少")
    assert reply["answers"] == [] and "没有“深圳市教育局”" in reply["message"]
    assert "可以这样问" not in reply["message"] and len(reply["message"]) < 200  # not followed by the whole help


def test_a_question_not_understood_gets_the_kinds_of_question_by_title(client):
    reply = ask(client, "今天天气怎么样")
    assert reply["answers"] == [] and "内设机构" in reply["message"] and "/api/ask/help" in reply["message"]


def test_question_can_be_posted_as_form_or_json(client):
    assert json.loads(client.post("/api/ask", data={"q": "知识库里有哪些部门"}).data)["answers"]
    assert json.loads(client.post("/api/ask", json={"q": "知识库里有哪些部门"}).data)["answers"]


def test_help_lists_examples_and_missing_question_is_400(client):
    assert len(json.loads(client.get("/api/ask/help").data)["intents"]) >= 10
    assert client.get("/api/ask").status_code == 400


def test_path_explains_how_two_entities_are_linked(client):
    reply = json.loads(client.get("/api/path", query_string={"from": "热线运营股", "to": "临江市东湖区政务热线中心"}).data)
    assert [step["label"] for step in reply["path"]][0] == "热线运营股"
    assert DEPT in [step["label"] for step in reply["path"]]
    assert client.get("/api/path", query_string={"from": "热线运营股", "to": "不存在的单位"}).status_code == 404
    short = json.loads(client.get("/api/path", query_string={"from": "东湖区政务热线中心", "to": "东湖区数据资源局"}).data)
    assert short["path"] and short["path"][-1]["label"] == DEPT
    abbreviated = json.loads(client.get("/api/path", query_string={"from": "热线运营股", "to": "区数资局"}).data)
    assert abbreviated["path"] and abbreviated["path"][-1]["label"] == DEPT


def test_knowledge_is_built_once_with_its_question_pipeline():
    from query_api.ask import knowledge_for

    store = open_store("memory")
    store.replace_graph(*record_to_graph(fictional_records()[0]))
    first = knowledge_for(store)
    assert getattr(first.lexicon, "_matcher", None) is not None  # a server's warm-up builds what the first question needs
    assert knowledge_for(store) is first


def test_the_duties_of_an_internal_unit_are_its_responsibilities(client):
    reply = ask(client, "热线运营股负责什么")
    assert reply["intent"] == "duties" and len(reply["answers"]) == 1  # one text although two documents print it
    assert "知识库维护" in reply["answers"][0]["text"]
    assert ask(client, "综合股的职责是什么")["answers"] == []  # none printed: said so, not made up


def test_a_number_the_documents_do_not_give_is_not_the_budget_total(client):
    for question in ("东湖区数据资源局有多少人", "东湖区政务热线中心电话多少"):
        reply = ask(client, question)
        assert reply["answers"] == [] and "没有这个数字" in reply["message"]
    assert sorted(values(ask(client, "东湖区数据资源局2025年的经费是多少"))) == [380.0, 500.0]


def test_two_measures_in_one_question_get_both_figures(client):
    reply = ask(client, "东湖区数据资源局2025年收入总额和三公经费")
    assert sorted(values(reply)) == [1.5, 2.5, 380.0, 500.0]


def test_a_kind_of_cost_the_documents_do_not_give_is_not_the_total(client):
    reply = ask(client, "东湖区数据资源局2025年人员经费")
    assert reply["answers"] == [] and "人员经费" in reply["message"]
    assert values(ask(client, "东湖区数据资源局2025年部门经费")) != []


def test_a_program_asked_of_an_organisation_that_does_not_have_it(client):
    assert values(ask(client, "东湖区数据资源局的机房运维经费是多少")) == [80.0]
    reply = ask(client, "东湖区政务热线中心的机房运维经费是多少")
    assert reply["answers"] == [] and "没有这个项目" in reply["message"]


def test_the_standalone_documents_programs(client):
    assert "热线中心日常运作经费" not in labels(ask(client, "东湖区数据资源局2025年本级有哪些项目"))
    assert "热线中心日常运作经费" in labels(ask(client, "东湖区数据资源局2025年有哪些项目"))


def test_the_knowledge_is_saved_and_read_back_by_a_cold_process(tmp_path, monkeypatch):
    from query_api import ask as ask_module
    from query_api import knowledge_cache, lexicon
    from query_api.state_cache import StateCache

    monkeypatch.setenv("GOVKG_CACHE", str(tmp_path))
    store = open_store("oxigraph", tmp_path / "store")
    store.replace_graph(*record_to_graph(fictional_records()[0]))
    question = "热线运营股是哪个部门的"
    first = ask_module.answer(store, question)
    (saved,) = tmp_path.glob("knowledge-*.sqlite")
    # a cold process: nothing in memory, so the jieba dictionary and the patterns must come from the file
    monkeypatch.setattr(ask_module, "_KNOWLEDGE", {})
    monkeypatch.setattr(lexicon, "_CACHE", StateCache())
    built = []
    monkeypatch.setattr(knowledge_cache, "save", lambda *a, **k: built.append(a))
    again = ask_module.answer(store, question)
    assert again["answers"] == first["answers"] and first["answers"] and built == []
    assert knowledge_cache.load(saved)["patterns"]
    store.close()


def test_two_stores_with_the_same_graphs_never_share_names(tmp_path):
    """A store holding other names under the same graph IRIs and triple count gets its own lexicon."""
    from query_api.ask import answer

    first, second = fictional_records()[0], fictional_records()[0]
    second.subordinate_units = [Unit("临江市东湖区数据服务中心", source=Source("下属单位", 8))]
    answers = []
    for record in (first, second):
        store = open_store("memory")
        store.replace_graph(*record_to_graph(record))
        answers.append([a["label"] for a in answer(store, f"{DEPT}的下属单位有哪些")["answers"]])
    assert answers == [["临江市东湖区政务热线中心"], ["临江市东湖区数据服务中心"]]


def test_a_final_account_asked_of_a_year_with_only_budgets_has_no_answer(client):
    # a budget never prints the year's actual spending: answering its figure for 决算 would be a wrong number
    reply = ask(client, "东湖区数据资源局2025年决算收入是多少")
    assert reply["answers"] == []
    assert "没有2025年的部门决算" in reply["message"] and "2025年部门预算" in reply["message"]
    # a budget's own change on the last year's 执行数 is still a budget's figure
    assert sorted(values(ask(client, "东湖区数据资源局2025年收入比上年执行数减少了多少"))) == [12.0, 20.0]
