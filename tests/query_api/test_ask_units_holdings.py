"""A holding asked of a department's units together (下属各单位一共有多少辆车): the figure its consolidated document
prints for them all, never a list of the units nor the department's own figure added to it. The department and figures
are invented; a real store, a real app."""

from __future__ import annotations

import pytest
from web_records import store_of

from ingest.record import Fact, Record, Source, Unit
from query_api.app import create_app
from tests.query_api.sample_clients import ask

DEPT = "临江市林业局"


def _record(scope: str, vehicles: float, line: int) -> Record:
    record = Record(DEPT, 2024, "budget", scope, f"{scope}.txt", scope[0] * 64, "raw")
    record.subordinate_units = [Unit("临江市林业技术推广站"), Unit("临江市森林防火中心")]
    record.facts = [Fact("vehicles", vehicles, unit="辆", text=f"共有车辆{vehicles:g}辆", source=Source("国有资产占有使用情况", line))]
    return record


@pytest.fixture(scope="module")
def client():
    store = store_of([_record("consolidated", 9, 50), _record("standalone", 4, 20)])
    return create_app({"STORE": store, "TESTING": True}).test_client()


@pytest.mark.parametrize("asked", ["下属各单位一共有多少辆车", "所属单位的车加起来有几辆"])
def test_the_units_vehicles_together_are_the_consolidated_figure(client, asked):
    reply = ask(client, f"{DEPT}{asked}")
    assert [(a["value"], a["unit"], a["source"].endswith("第50行")) for a in reply["answers"]] == [(9, "辆", True)]


def test_the_units_asked_alone_are_still_listed(client):
    labels = {a["label"] for a in ask(client, f"{DEPT}有哪些下属单位")["answers"]}
    assert labels == {"临江市林业技术推广站", "临江市森林防火中心"}


@pytest.mark.parametrize("asked", ["和林业技术推广站、森林防火中心一共有几台车", "连同林业技术推广站和森林防火中心名下一共有几辆车"])
def test_a_department_named_with_all_its_units_together_is_the_consolidated_figure(client, asked):
    reply = ask(client, f"{DEPT}{asked}")
    assert [(a["value"], a["unit"], a["source"].endswith("第50行")) for a in reply["answers"]] == [(9, "辆", True)]


def test_a_department_named_with_some_of_its_units_is_not_the_consolidated_figure(client):
    # the two of them together: no document prints it, so never the figure of all three
    reply = ask(client, f"{DEPT}和森林防火中心一共有几辆车")
    assert [a["value"] for a in reply["answers"]] != [9]
