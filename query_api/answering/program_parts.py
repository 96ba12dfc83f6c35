"""A part of a program or a figure that a sentence prints with an amount of its own (口岸管理业务40,000.70万元，主要包括：
口岸管养工作38,297.20万元，…; 项目总预算2921.00万，其中…进博会推进专项153.00万): asked by the part's words, the whole's
amount is not the answer. The document's parts are facts `stated_part` (ingest/stated_parts.py): a part named is
answered with its own figure and that sentence's line (`stated_part`). A program's description holding a part no
such fact keeps is quoted in the message, and no number is answered in its place (`printed_part`). A figure stated
with what it buys (拟购置固定资产3.80万元，主要是采购复印机、打印机…) answers a question naming those things
(`bought_with`), labelled with what its sentence says."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from graph_store.base import Store, check_iri
from ingest.record import FACT_KEYS, FACT_UNITS
from ingest.stated_parts import STATED_PART
from query_api import queries
from query_api.answering import programs
from query_api.answering.figures import fact_cells
from query_api.answering.printed import TOLERANCE
from query_api.answering.rows import TIMEOUT, Result, answer_row, only_scope, prefer_doc_type, source_of
from query_api.lexicon import normalise, without_year
from query_api.names import ask_which, content_words

if TYPE_CHECKING:
    from query_api.ask import Knowledge
    from query_api.nlu import Question

DESCRIPTIONS = "SELECT ?p ?text WHERE {{ VALUES ?p {{ {iris} }} ?p gk:description ?text }}"
# a part and its amount: the words since the last separator, then the figure in 万元
_PART = re.compile(r"([^，,；;：:。、（）()\s\d]{2,30}?)\s*(\d[\d,]*(?:\.\d+)?)\s*万元")


def printed_part(store: Store, q: Question, answers: list[dict]) -> str | None:
    """The clause of an answered program's description that prints the question's topic as a part of it with an
    amount (口岸管养工作38,297.20万元), as a sentence naming the program; None when none does, or when the part is
    the program itself (its own name before its own amount)."""
    topic = normalise(q.topic or "")
    programs = {a["uri"]: a for a in answers if a.get("uri") and a.get("type") == "program"}
    if len(topic) < 2 or not programs:
        return None
    iris = " ".join(f"<{check_iri(uri)}>" for uri in sorted(programs))
    for r in store.query(queries.sparql(DESCRIPTIONS, iris=iris), timeout=TIMEOUT):
        program = programs[str(r.p)]
        for part in _PART.finditer(normalise(str(r.text))):
            name = part.group(1)
            if _said_in(topic, name) and name not in normalise(program["label"]):
                where = f"（项目见{program['source']}）" if program.get("source") else ""
                return f"{program['label']}{where}的说明写明其中“{name}{part.group(2)}万元”"
    return None


def holds_topic(topic: str, name: str) -> bool:
    """Whether `name` holds the topic whole (政务服务中心运行 of 政务服务)."""
    topic, name = normalise(topic), normalise(name)
    return len(topic) >= 2 and topic in name


def names_topic(known: Knowledge, topic: str, name: str) -> bool:
    """Whether `name` holds the topic: whole, or each of its words (the lexicon's content words, never its
    characters) in order (a program 公共资源交易工作保障经费 of the topic 公共资源交易保障; never 政务外网服务器运维 of
    政务服务 unless 政务 and 服务 are its words, nor 信息化公共平台开发 of 信息公开)."""
    if holds_topic(topic, name):
        return True
    words, rest = content_words(known.lexicon.tokens(topic)), normalise(name)
    if len(words) < 2:
        return False  # one word: only the name holding it whole names it
    for word in words:
        at = rest.find(word)
        if at < 0:
            return False
        rest = rest[at + len(word):]
    return True


def _said_in(topic: str, name: str) -> bool:
    """Whether `name` holds the topic's characters in order, its first two together (定点飞行检查: 定点机构飞行检查)."""
    rest = iter(name)
    return topic[:2] in name and all(char in rest for char in topic)


def _longest_shared(topic: str, name: str) -> int:
    """The length of the longest run of the topic's characters that `name` holds too."""
    return max((j - i for i in range(len(topic)) for j in range(i + 1, len(topic) + 1) if topic[i:j] in name), default=0)


def stated_part(store: Store, known: Knowledge, q: Question, labels: list[str],
                of_whole: Callable[[str], bool] | None = None) -> Result | None:
    """The parts printed in the organisations' sentences that the topic names, each its own figure with its line:
    the parts named the topic, else whose names hold it, else whose names it holds (a part of four characters
    or more), else whose names hold its characters in order, else holding three or more of its characters in a row
    that make half of it (北京房租: 支付驻京房租费); the question's own words tried before an everyday word's
    reading; None when none does. Parts of two names fitting
    alike in one document are asked about, never one picked. `of_whole`: only the parts whose sentence's text
    passes it (the whole they are printed under)."""
    topic = normalise(q.topic or "")
    if len(topic) < 2 or not labels:
        return None
    rows, cube = fact_cells(store, q, labels, [STATED_PART])
    rows, unheld = only_scope(prefer_doc_type(rows, q, known), q, known, lambda r: str(r.doc))
    rows = [r for r in rows if of_whole(normalise(str(r.text or "")))] if of_whole else rows
    # the topic as read, then as said: a part is printed in the document's words, an everyday word read as a line's
    # (房租 → 租赁) is its own again (驻京房租费)
    said = [*({normalise(topic.replace(normalise(name), normalise(word))) for word, name in q.readings} - {topic}), topic]
    tiers = (lambda name, t: name == t, lambda name, t: t in name,
             lambda name, t: len(name) >= 4 and name in t, lambda name, t: _said_in(t, name),
             lambda name, t: (run := _longest_shared(t, name)) >= 3 and 2 * run >= len(t))
    fits = next((kept for fits in tiers for t in said
                 if (kept := [r for r in rows if fits(normalise(str(r.label)), t)])), [])
    if not fits:
        return Result(sparql=cube["sparql"], message=unheld) if unheld else None
    names = sorted({str(r.label) for r in fits})
    if any(len({str(r.label) for r in fits if r.doc == doc}) > 1 for doc in {r.doc for r in fits}):
        return Result(sparql=cube["sparql"], message=ask_which([(q.topic or "", names)]))
    answers = [answer_row(f"{r.deptLabel}{r.year}年{r.label}", r.value, str(r.unit or "万元"), "amount", str(r.f),
                          str(r.text or ""), source_of(known, r.doc, r.table, r.line)) for r in fits]
    return Result(answers, cube["sparql"], "文件在说明中单列了这一部分的金额：" + "；".join(names) + "。",
                  cube["cube_query"])


# a part named inside the program asked about (口岸管理业务里，口岸管养工作…; 驻京经费里，驻京房租…): the words opening it
_INSIDE = re.compile(r"^(?:的|之)?(?:里面?|中|当中|之中|内|下)?的?[,、:;\s]*")
# and the ask after them (安排了多少钱, 要花多少, 定的是多少万元)
_ASKED_AFTER = re.compile(r"的?(?:预算|经费|资金|钱|金额)?(?:数|额)?(?:是|为|有)?(?:要|需要|计划|预计|准备|一共|总共|共)?"
                          r"(?:安排|花|花费|用|使用|支出|投入|拨付?|给|定|占)?(?:了|的是|的|得)?(?:多少|几)"
                          r"(?:钱|万元?|元)?(?:呢|啊)?[?。!]*$")
_FIGURE = re.compile(r"\d[\d,]*(?:\.\d+)?")


def words_after_program(q: Question) -> str:
    """The words naming a part after the program the question names and before what it asks (深圳口岸办口岸管理业务里，
    口岸管养工作安排了多少钱: 口岸管养工作); empty when nothing follows the program's name but the ask."""
    text = normalise(q.text)
    ends = [at + len(m.text) for m in q.mentions if "program" in m.kinds and m.text
            and (at := text.rfind(normalise(m.text))) >= 0]
    if not ends:
        return ""
    rest = _INSIDE.sub("", text[max(ends):], count=1)
    return _ASKED_AFTER.sub("", rest)


def part_of_program(store: Store, known: Knowledge, q: Question, labels: list[str]) -> Result | None:
    """A part the question names after the program it names (生命健康专项里，支持企业规模化发展安排了多少): the part a sentence
    prints under that program — its name or its amount in the sentence's whole (2025年度项目总预算1170.00万，其中…支持
    企业规模化发展870.00万) —, with that sentence's line; None when no words follow the program's name or no part of
    it fits them (the program's own amount answers then)."""
    if not labels:
        return None
    words = words_after_program(q)
    if len(words) < 2:  # 全市经责审计培训预算多少: a part's whole name said, a program's name (审计培训) inside it
        return part_around_name(store, known, q, labels)
    wholes = programs.purpose_amounts(store, known, q).answers
    names = {normalise(m.text) for m in q.mentions if "program" in m.kinds and len(m.text) >= 2} \
        | {without_year(a["label"]) for a in wholes if a.get("label")}
    amounts = [float(a["value"]) for a in wholes if isinstance(a.get("value"), int | float)]

    def of_whole(text: str) -> bool:  # the whole's clause: before the part's own (…)
        whole = text.split("…")[0]
        printed = [float(f.replace(",", "")) for f in _FIGURE.findall(whole)]
        return any(name in whole for name in names) or any(abs(p - a) < TOLERANCE for p in printed for a in amounts)

    found = stated_part(store, known, dataclasses.replace(q, topic=words), labels, of_whole)
    return found if found is not None and found.answers else None


# a character that may begin a longer name around a program's (经责 of 全市经责审计培训): no 的, year, 里, 和 …
_ENDS_A_WORD = re.compile(r"[\u4e00-\u9fff](?<![的年度里中内和与及、在])$")


def part_around_name(store: Store, known: Knowledge, q: Question, labels: list[str]) -> Result | None:
    """The part whose whole name the question says where a program's or a line's name it holds was read instead
    (全市经责审计培训: the 培训费明细表's row, not the program 审计培训; 全市审计业务会, not the line 审计业务); None when no
    part's name is said so, or two are."""
    text = normalise(q.text)
    said = [normalise(m.text) for m in q.mentions if m.kinds & {"program", "item"} and len(m.text) >= 2]
    others = [normalise(m.text) for m in q.mentions if m.text and normalise(m.text) not in said]
    if not any(_ENDS_A_WORD.search(before := text[:text.find(name)]) and not any(before.endswith(o) for o in others)
               for name in said if text.find(name) > 0):
        return None  # the program's name said after another name, a year or a joining word: no longer name around it
    rows, _ = fact_cells(store, q, labels, [STATED_PART])
    names = {name for r in rows if (name := normalise(str(r.label))) in text
             and any(s in name and len(name) > len(s) for s in said)}
    if len(names) != 1:
        return None
    found = stated_part(store, known, dataclasses.replace(q, topic=names.pop()), labels)
    return found if found is not None and found.answers else None


# what a purchase's sentence says it buys or is for, right after the figure's own printed amount: 3.80万元，主要是采购
# 复印机、打印机、碎纸机等
_BUYS = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*万元[，,]?(?:主要|具体)?(?:是|为|用于|用来|包括)(?:采购|购置|购买|购入)?"
                   r"([^。；;]{2,80})")
# the purchases in 万元 a sentence may state with what they buy (拟购置固定资产, 政府采购…): never a total, an income or an
# expenditure whose sentence says what it is for (收入预算5000万元…主要用于信息化建设: not what 信息化建设 costs), no change
_SPENT_KEYS = [k for k in FACT_KEYS if k not in FACT_UNITS and ("purchase" in k or "procurement" in k)
               and "change" not in k]


def _printed(amount: str, value: object) -> bool:
    """Whether the amount printed is the figure's own value."""
    try:
        return abs(float(amount.replace(",", "")) - float(str(value))) < TOLERANCE
    except ValueError:
        return False


def bought_with(store: Store, known: Knowledge, q: Question, labels: list[str]) -> Result | None:
    """The organisations' purchases whose sentence says, right after the purchase's own amount, that they buy or are
    for what the topic names (买复印机、打印机: 拟购置固定资产3.80万元，主要是采购复印机、打印机…): the topic's words the
    clause holds make half its characters at least; each labelled with the clause, and the message says the figure
    covers all the clause lists. None when no sentence says so."""
    words = content_words(known.lexicon.tokens(q.topic or ""))
    if not words or not labels:
        return None
    rows, cube = fact_cells(store, q, labels, _SPENT_KEYS)
    rows, _ = only_scope(prefer_doc_type(rows, q, known), q, known, lambda r: str(r.doc))
    answers, clauses = [], []
    for r in rows:
        for use in _BUYS.finditer(normalise(str(r.text or ""))):
            if not _printed(use.group(1), r.value):
                continue  # a clause of another figure of the sentence
            held = [w for w in words if w in use.group(2)]
            if held and 2 * sum(map(len, held)) >= len(normalise(q.topic or "")):
                label = f"{r.deptLabel}{r.year}年{FACT_KEYS.get(str(r.key), r.label)}（{use.group(2)}）"
                answers.append(answer_row(label, r.value, str(r.unit or "万元"), "amount", str(r.f), str(r.text),
                                          source_of(known, r.doc, r.table, r.line)))
                clauses.append(use.group(2))
                break
    if not answers:
        return None
    message = (f"文件只写明了整笔金额及其用途（{'；'.join(dict.fromkeys(clauses))}）：这个数字是所列各项合起来的金额，"
               f"不单是“{q.topic}”的花费。")
    return Result(answers, cube["sparql"], message, cube_query=cube["cube_query"])
