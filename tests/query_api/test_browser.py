"""The pages in a real headless Chromium (Debian's chromium + chromium-driver, through Selenium), over the
bundled samples served by a real waitress server that sends the production Content-Security-Policy.

A user's path: ask a question, follow the answer to the department's page, see the treemap drawn, download
a CSV and check its numbers, run a SPARQL query in the editor, search with a facet. Screenshots at 390 and
1440 px go to var/screenshots/ (or $GOVKG_SCREENSHOTS), kept by CI as artefacts. Skipped, with the reason,
where there is no Chromium.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from conftest import start_server

from graph_store.registry import open_store
from ingest.parse import parse_file
from ingest.rdf import record_to_graph
from query_api.app import create_app

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install '.[test]')")
from selenium.common.exceptions import TimeoutException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SHOTS = Path(os.environ.get("GOVKG_SCREENSHOTS", ROOT / "var" / "screenshots"))
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
DRIVER = shutil.which("chromedriver")
CSP = ("default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
QUESTION = "海州市数据资源局2025年预算最大的三个项目"
DEPARTMENT = "海州市数据资源局"

pytestmark = [pytest.mark.skipif(not (CHROMIUM and DRIVER), reason="no chromium/chromedriver (apt-get install chromium chromium-driver)"),
              # rdflib's memory store, on the cube's GRAPH ?g patterns: nothing of ours to change
              pytest.mark.filterwarnings("ignore:Dataset.contexts is deprecated:DeprecationWarning")]


# how long a page may take to show something on a loaded machine: a bound against hanging, never a speed tested
PATIENCE = 60


@pytest.fixture(scope="module")
def site():
    store = open_store("memory")
    for path in sorted((ROOT / "samples").glob("*.txt")):
        store.replace_graph(*record_to_graph(parse_file(path)))
    # the pages' content is tested, not the server's limits: a loaded machine must not cut an aggregate at 5 s
    app = create_app({"STORE": store, "TESTING": True, "MAX_ROWS": 500, "QUERY_TIMEOUT": PATIENCE})

    @app.after_request
    def csp(response):  # the header the production server sends: the pages must work under it
        response.headers["Content-Security-Policy"] = CSP
        return response

    url, stop = start_server(app)
    yield url
    stop()


@pytest.fixture(scope="module")
def downloads(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def browser(downloads):
    options = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--lang=zh-CN"):
        options.add_argument(arg)
    options.binary_location = CHROMIUM
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=webdriver.ChromeService(DRIVER), options=options)
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    driver.set_window_size(1440, 1000)
    SHOTS.mkdir(parents=True, exist_ok=True)
    yield driver
    driver.quit()


def wait(driver, css: str, seconds: float = None):
    seconds = seconds or PATIENCE
    try:
        return WebDriverWait(driver, seconds).until(lambda d: d.find_element(By.CSS_SELECTOR, css))
    except TimeoutException:
        shot(driver, "failed")
        raise AssertionError(f"{css} did not appear on {driver.current_url}") from None


def shot(driver, name: str) -> None:
    """Full-page screenshots at 1440 and 390 px wide."""
    for width in (1440, 390):
        driver.set_window_size(width, 1000)
        time.sleep(0.4)  # charts redraw on resize
        height = driver.execute_script("return document.documentElement.scrollHeight")
        driver.set_window_size(width, min(height, 6000))
        time.sleep(0.2)
        driver.save_screenshot(str(SHOTS / f"{name}-{width}.png"))
    driver.set_window_size(1440, 1000)


def no_csp_violations(driver) -> None:
    refused = [e["message"] for e in driver.get_log("browser") if "Content Security Policy" in e["message"]
               or "Refused to" in e["message"]]
    assert not refused, refused


def get_json(url: str) -> dict:
    with urllib.request.urlopen(url) as reply:
        return json.loads(reply.read())


def test_ask_then_follow_the_answer_to_the_department_and_its_treemap(browser, site):
    browser.get(site + "/")
    box = wait(browser, "#q")
    box.send_keys(QUESTION)
    browser.find_element(By.CSS_SELECTOR, "button[value=ask]").click()
    wait(browser, "table.answers tbody tr")
    assert urllib.parse.parse_qs(urllib.parse.urlsplit(browser.current_url).query)["q"] == [QUESTION]
    rows = browser.find_elements(By.CSS_SELECTOR, "table.answers tbody tr")
    assert [r.find_elements(By.TAG_NAME, "td")[1].text for r in rows] == ["200", "90", "30"]
    wait(browser, "#answer-chart svg")
    shot(browser, "answer")

    browser.find_element(By.LINK_TEXT, DEPARTMENT).click()  # the entity recognised in the question
    wait(browser, "#functional-chart svg path")
    assert browser.find_element(By.TAG_NAME, "h1").text == DEPARTMENT
    WebDriverWait(browser, PATIENCE).until(lambda d: d.find_element(By.ID, "functional-chart").get_attribute("data-leaves"))
    # the leaves drawn: the palette-filled rectangles of the treemap (parents are drawn white behind them)
    drawn = browser.execute_script("""
        const el = document.getElementById('functional-chart');
        const palette = echarts.getInstanceByDom(el).getOption().color.map(c => String(c).toLowerCase());
        return Array.from(el.querySelectorAll('svg path')).filter(p => palette.includes((p.getAttribute('fill') || '').toLowerCase())).length;""")
    expected = leaf_rows(site, browser.current_url)
    assert drawn == len(expected) == int(browser.find_element(By.ID, "functional-chart").get_attribute("data-leaves"))
    assert "未能" not in browser.find_element(By.ID, "chart-note").text  # every level came from /api/aggregate
    shot(browser, "department")
    no_csp_violations(browser)


def test_a_change_is_drawn_as_two_bars_and_the_signed_difference(browser, site):
    question = DEPARTMENT + "2025年支出比2024年增加了多少"
    browser.get(site + "/?" + urllib.parse.urlencode({"q": question}))
    wait(browser, "#comparison-chart svg text")
    cmp = get_json(site + "/api/ask?q=" + urllib.parse.quote(question))["comparison"]
    # the sample's 2024 final account spent 895.00, its 2025 budget is 1000.00: +105 on the year before
    assert (cmp["a"]["value"], cmp["b"]["value"], cmp["difference"]) == (895.0, 1000.0, 105.0)
    WebDriverWait(browser, PATIENCE).until(lambda d: "差额 +105 万元" in d.find_element(By.ID, "comparison-chart").text)
    drawn = browser.execute_script("""
        const el = document.getElementById('comparison-chart');
        const palette = echarts.getInstanceByDom(el).getOption().color.map(c => String(c).toLowerCase());
        const bars = Array.from(el.querySelectorAll('svg path')).filter(p => palette.includes((p.getAttribute('fill') || '').toLowerCase()));
        return [bars.length, Array.from(el.querySelectorAll('svg text')).map(t => t.textContent)];""")
    bars, texts = drawn
    assert bars == 2 and {"895", "1000"} <= set(texts) and texts.count("+105 万元") == 1, drawn
    assert not browser.find_elements(By.ID, "answer-chart")  # not also drawn as three bars of one kind
    shot(browser, "comparison")
    no_csp_violations(browser)


def leaf_rows(site: str, page_url: str) -> dict[str, float]:
    """The codes of the latest document's spending table that have no row under them, read from the
    observations API (independently of the chart's aggregate)."""
    iri = get_json(site + "/api/ask?q=" + urllib.parse.quote("知识库里有哪些部门"))["answers"][0]["uri"]
    assert urllib.parse.urlsplit(page_url).path == urllib.parse.urlsplit(iri).path
    rows = get_json(site + "/api/observations?kind=line_item&department=" + urllib.parse.quote(iri))["rows"]
    latest = max(r["year"] for r in rows)
    table = [r for r in rows if r["year"] == latest and r["table"] == "支出总体情况表" and r["column"] == "合计"]
    codes = {r["code"] for r in table}
    return {r["code"]: float(r["value"]) for r in table if not any(c != r["code"] and c.startswith(r["code"]) for c in codes)}


def test_the_programs_csv_downloads_with_the_numbers_of_the_page(browser, site, downloads):
    iri = get_json(site + "/api/ask?q=" + urllib.parse.quote("知识库里有哪些部门"))["answers"][0]["uri"]
    browser.get(site + urllib.parse.urlsplit(iri).path)
    link = wait(browser, "#programs a.csv")
    shown = {r.find_elements(By.TAG_NAME, "td")[0].text: r.find_elements(By.TAG_NAME, "td")[3].text
             for r in browser.find_elements(By.CSS_SELECTOR, "#program-table tbody tr")}
    link.click()
    target = downloads / "program.csv"
    WebDriverWait(browser, PATIENCE).until(lambda _: target.exists() and target.stat().st_size)
    text = target.read_bytes().decode("utf-8")
    assert text.startswith("\ufeff")
    budget = {r["program"]: r["value"] for r in csv.DictReader(io.StringIO(text[1:])) if r["column"] == "预算数"}
    assert budget["政务热线外包服务项目"] == "200" and budget["政务云运维经费"] == "90"
    assert all(budget[name] == value for name, value in shown.items() if value)


def test_sparql_editor_runs_a_query_and_shows_labels_and_errors(browser, site):
    browser.get(site + "/sparql-editor")
    wait(browser, ".CodeMirror")
    browser.find_element(By.ID, "run").click()  # the page's own example: one row per department
    wait(browser, "#result-table tbody tr")
    rows = browser.find_elements(By.CSS_SELECTOR, "#result-table tbody tr")
    departments = get_json(site + "/api/ask?q=" + urllib.parse.quote("知识库里有哪些部门"))["answers"]
    assert len(rows) == len(departments)
    assert DEPARTMENT in [r.find_elements(By.TAG_NAME, "td")[0].text for r in rows]  # a label, not an IRI
    browser.execute_script("govkgEditor.setValue('SELECT ?s WHERE { ?s rdfs:label ?l . FILTER(CONTAINS(?l, \"热线\")) }')")
    browser.find_element(By.ID, "run").click()
    wait(browser, "#result-table tbody tr a")
    shot(browser, "sparql")
    browser.execute_script("govkgEditor.setValue('SELECT * WHERE { ?s ?p ?o }')")
    browser.find_element(By.ID, "run").click()
    assert "500" in wait(browser, "#truncated").text  # the server's row limit, said on the page
    assert len(browser.find_elements(By.CSS_SELECTOR, "#result-table tbody tr")) == 500
    browser.execute_script("govkgEditor.setValue('SELECT ?s WHERE { ?s ?p }')")
    browser.find_element(By.ID, "run").click()
    assert "查询有误" in wait(browser, "#sparql-error").text
    no_csp_violations(browser)


def test_search_with_a_facet_and_the_back_button(browser, site):
    browser.get(site + "/")
    wait(browser, "#q").send_keys("行政运行")
    browser.find_element(By.CSS_SELECTOR, "button[value=search]").click()
    facet = wait(browser, "input[name=type][value=line_item]")
    unfiltered = browser.find_element(By.CSS_SELECTOR, ".hits .message").text
    facet.click()
    WebDriverWait(browser, PATIENCE).until(lambda d: "type=line_item" in d.current_url)
    wait(browser, "input[name=type][value=line_item]:checked")
    labels = [e.text for e in browser.find_elements(By.CSS_SELECTOR, ".hits .answer .label")]
    assert labels and all(t.startswith("[科目金额]") for t in labels)
    shot(browser, "search")
    browser.back()
    WebDriverWait(browser, PATIENCE).until(lambda d: "type=" not in d.current_url)
    WebDriverWait(browser, PATIENCE).until(lambda d: d.find_element(By.CSS_SELECTOR, ".hits .message").text == unfiltered)
    no_csp_violations(browser)


def test_a_hostile_name_runs_no_script_in_the_browser(browser, tmp_path):
    from web_records import IMG, SCRIPT, records, store_of

    hostile = SCRIPT + IMG
    store = store_of(records(f"临江市南湖区统计局{hostile}", hostile))
    url, stop = start_server(create_app({"STORE": store, "TESTING": True}))
    try:
        browser.get(url + "/?mode=search&q=" + urllib.parse.quote("普查 统计局"))
        wait(browser, ".hits .answer a")
        browser.find_element(By.CSS_SELECTOR, ".hits .answer .label a").click()
        wait(browser, "h1")
        time.sleep(1)
        assert browser.execute_script("return window.pwned") is None
        assert "<script>" in browser.find_element(By.TAG_NAME, "h1").text or "onerror" in browser.page_source
    finally:
        stop()
