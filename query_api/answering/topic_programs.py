"""Money asked on a topic the words name, answered by programs (在安保上花多少钱, 智慧白云相关的项目一共安排了多少预算,
公车委托管理花了多少): the programs of the organisations named whose names (else descriptions) hold the topic, a part
or purchase one sentence prints where that is what the topic names, added up by one cube query when a total is
asked — never the organisation's whole; moved out of `plan` unchanged.

    topic_asked(q)                               whether money is asked on a topic, no figure
    topic_programs(store, known, q, labels)      the programs on the topic, added up (or the part the topic names)
    program_beside_measure(store, known, q)      programs named by the words beside a measure's own, or None
    programs_named_by(store, known, q)           programs whose names hold the words left, added up, or None
    topic_total(store, known, q, listed)         the programs a topic question found, summed where asked
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from graph_store.base import Store
from ingest.record import AMOUNT_PLACES
from query_api.answering import (
    candidates,
    cell_readers,
    compiler,
    covering,
    figures,
    program_parts,
    programs,
    topic_money,
)
from query_api.answering.parts_added import parts_added
from query_api.answering.rows import Result, addition, answer_row, plain
from query_api.slots import COST_COUNTS, SUM_WORDS
from query_api.subjects import intent_of

if TYPE_CHECKING:
    from query_api.ask import Knowledge
    from query_api.nlu import Question


def topic_asked(q: Question) -> bool:
    """Whether money is asked on a topic the words name (在安保上花多少钱), no figure: never an organisation's total."""
    return bool(not q.measure and q.words_left and not q.change and q.comparator is None)


def topic_programs(store: Store, known: Knowledge, q: Question, labels: list[str]) -> Result:
    """The programs of the organisations named on the topic the words name, added up (no answer when none)."""
    q.about, q.topic, q.operation, q.subject = True, q.words_left, "sum", "programs"
    q.intent = intent_of(q)
    listed = programs.about(store, known, q)
    # a program the topic names (its words in order) is what is asked, never a part or purchase its words half cover
    named = any(program_parts.names_topic(known, q.topic or "", a.get("label") or "") for a in listed.answers)
    # none found by its name: the program whose name and description cover the most of the topic (租电子政务外网那条
    # 专线: 电子政务云平台网络专线租用服务项目, whose target says 电子政务外网)
    described = covering.best(store, known, q) if not listed.answers else None
    if not named and (
            part := parts_added(store, known, q, labels)  # 区级和市级加起来: the parts one sentence prints, added
            or program_parts.stated_part(store, known, q, labels)
            or program_parts.bought_with(store, known, q, labels)) \
            and not (described and covering.covers_less(part, covering.topic_words(q, known), described[1])):
        return part  # 进博会推进专项安排了多少, 买复印机花多少: the part or the purchase its sentence prints, not a program
    if described:  # (a part or purchase covering less of the topic is not what it names)
        return described[0]
    if not named and (part := program_parts.printed_part(store, q, listed.answers)):
        # 口岸管养工作要花多少钱: a part its program's description prints, never the whole program's amount
        return Result(sparql=listed.sparql, message=f"{part}；知识库没有单列这一部分的金额（及其所在行），"
                                                    "不以整个项目的金额作答。")
    found = topic_total(store, known, q, listed)
    if not found.answers and (lines := topic_money.described(store, known, q, figures.items)):
        return lines  # 标准化菜场花了多少: the line whose document says it is for that
    return found if found.answers else Result(
        sparql=found.sparql, cube_query=found.cube_query,
        message=f"没有找到{'、'.join(labels)}与“{q.topic}”有关的项目；部门的收支总额不是它的金额。")


def program_beside_measure(store: Store, known: Knowledge, q: Question) -> Result | None:
    """The programs of the organisation named whose names hold the question's words beside a measure's own
    (公车委托管理花了多少 → 公务用车委托管理费, whose name holds 公务用车 and 委托), added up by `topic_total` — a
    program the words name, never the 三公 figure near it; None when no words are left beside the measure or no
    program's name holds them (the measure then answers); never for a count (培训几个人: no 教师培训's money)."""
    if q.change or q.comparator is not None or q.measure in COST_COUNTS \
            or not (topic_money.beyond_measure(q) or topic_money.program_of_measure_words(q)):
        return None
    return programs_named_by(store, known, q)


def programs_named_by(store: Store, known: Knowledge, q: Question) -> Result | None:
    """The programs of the organisation named whose names hold the words left, added up by `topic_total`; None
    when no program's name holds them (a description or an indicator holding them is not enough)."""
    probe = dataclasses.replace(q, about=True, topic=q.words_left, operation="sum", subject="programs",
                                measure=None, measures=[])
    found = programs.about(store, known, probe)
    named = [a for a in found.answers if (a.get("matched") or "").startswith("名称含")]
    return topic_total(store, known, probe, Result(named, found.sparql)) if named else None


def topic_total(store: Store, known: Knowledge, q: Question, listed: Result) -> Result:
    """The programs a topic question found, summed by one cube query when the question asks for a total
    (智慧白云相关的项目一共安排了多少预算). Only the programs whose name holds the topic whole, else its words in order, else
    those resembling it (原水管建设工程 for 原水管道工程: programs.about's `matched`), count when there are any (the
    loose matches stay listed after the total, not added in), unless the question
    says how many there are and only all of them make that number."""
    if q.operation not in ("sum", "count") or not listed.answers:
        return listed
    topic = (q.topic or "").strip()
    # the names holding the topic whole, else its words in order (公共资源交易工作保障经费 of 公共资源交易保障), else
    # those resembling it
    tiers = (lambda a: program_parts.holds_topic(topic, a.get("label") or ""),
             lambda a: program_parts.names_topic(known, topic, a.get("label") or ""), candidates.resembled)
    strict = next((kept for fits in tiers if (kept := [a for a in listed.answers if fits(a)])), [])
    counted = strict or listed.answers
    if q.how_many and len(strict) != q.how_many and len(listed.answers) == q.how_many:
        counted = listed.answers  # 两个原水管道工程: the number said picks the loose matches too
    if q.how_many and len(counted) != q.how_many:  # 三条 said, two found: never a sum of another number of programs
        names = "、".join(a["label"] for a in listed.answers)
        return Result([], listed.sparql, f"问题说有{q.how_many}个与“{topic}”相关的项目，但找到{len(listed.answers)}个"
                                         f"（{names}），其中名称符合的{len(counted)}个，与所说个数不符，未相加；"
                                         "请写出项目名称再问。")
    if q.operation == "count":
        names = "、".join(a["label"] for a in counted)
        count = answer_row(f"与“{topic}”相关的项目数", len(counted), "个", "count", text=names)
        said = f"与“{topic}”相关的项目有{len(counted)}个。"
        if programs.total_money_asked(q) and (summed := _summed(store, q, counted, listed)) is not listed:
            # 有几个，总共多少钱: the count, then the total and the programs it adds up
            return Result([count, *summed.answers], summed.sparql, said + summed.message, summed.cube_query)
        if q.output == "members":  # 一共几个，都是哪些: the programs counted themselves, the count in the message
            left = [a["label"] for a in listed.answers if a not in counted]
            more = f"另有{len(left)}个项目与它相近，未计入：{'、'.join(left)}。" if left else ""
            return Result(counted, listed.sparql, f"与“{topic}”相关的项目有{len(counted)}个：{names}。{more}")
        return Result([count] + listed.answers, listed.sparql, said)
    return _summed(store, q, counted, listed)


def _summed(store: Store, q: Question, counted: list[dict], listed: Result) -> Result:
    """The programs `counted` added up by one cube query, then every program `listed`; `listed` when none sums."""
    topic = (q.topic or "").strip()
    iris = [a["uri"] for a in counted if a.get("uri")]
    if not iris or len(listed.answers) == 1 and listed.answers[0].get("value") is not None \
            and not SUM_WORDS.search(q.text):
        return listed  # one program asked for (no 一共, 合计): its own amount and source answer, not a total of one
    cube = compiler.cells(store, compiler.compile_program_sum(q, iris))
    picked = cell_readers.pick(cube["cells"], q)
    if picked is None:
        return listed
    values = [a["value"] for a in counted if a.get("value") is not None]
    # no document prints this total: shown as the addition it is, where the listed figures make it
    added = addition(values, picked["value"]) \
        if 1 < len(values) == len(counted) and round(sum(values), AMOUNT_PLACES) == picked["value"] \
        else ("各项目预算相加算得" if len(counted) > 1 else "只有这一个项目")
    total = answer_row(f"{len(counted)}个项目{picked['year']}年合计（{cell_readers.PHASE_WORDS[picked['phase']]}，"
                       f"{cell_readers.SCOPE_WORDS[picked['scope']]}）", picked["value"], "万元", "amount", None,
                       "、".join(a["label"] for a in counted) + f"；{added}", None)
    others = [c for c in cube["cells"] if c is not picked]
    note = f"；另有{len(others)}组不同年份、阶段或口径的数字未相加" if others else ""
    return Result([total] + listed.answers, cube["sparql"],
                  f"与“{topic}”相关的{len(counted)}个项目合计{plain(picked['value'])}万元"
                  f"{'（计算所得）' if len(counted) > 1 else ''}{note}。",
                  cube["cube_query"])
