"""Counts an organisation's document prints beside the lists the store holds of the same things: its programs
(编报绩效目标的项目20个) beside the programs listed, its internal or subordinate units (内设机构25个, 无下属单位)
beside the units listed, and the units its budget covers (纳入预算编制范围的单位). Where the printed number and the
list's differ both are shown, never only the smaller as if it were all.

    units_counted(store, known, q, cls)             an organisation's units, the printed count where it differs
    beside_printed_count(store, known, q, counted)  a count of programs, the printed count beside it where it differs
    evaluated_count(store, known, q)                how many programs were evaluated (对4个项目开展绩效自评): printed only
    graded_count(store, known, q)                   how many evaluated programs got a grade (评为“优”的有几个/有哪些):
                                                    printed only, else the one rating printed for them all
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING

from graph_store.base import Store
from ingest.program_counts import GRADED
from ingest.record import FACT_KEYS
from query_api.answering import evaluations, figures, organisations
from query_api.answering.figures import fact_cells
from query_api.answering.rows import (
    Result,
    answer_row,
    document_of_source,
    only_scope,
    org_labels,
    plain,
    prefer_doc_type,
    source_of,
)
from query_api.lexicon import simplified
from query_api.slots import COUNT_WORDS, asks_rating

if TYPE_CHECKING:
    from query_api.ask import Knowledge
    from query_api.nlu import Question


# The count of programs a document prints in words (编报绩效目标的项目20个): the one it states
PRINTED_COUNT = "performance_target_programs"


def beside_printed_count(store: Store, known: Knowledge, q: Question, counted: Result) -> Result:
    """A count of an organisation's programs (or its members), and where its document prints how many programs
    it set targets for and that number is not the count of the programs listed, the printed one beside it with
    its line, saying they differ: the store may hold fewer programs than the document has (a table not read), or
    the document set targets for only some. Never only the smaller number as if it were all."""
    labels = org_labels(q, known)
    if not labels or q.comparator or q.about or not counted.answers:
        return counted
    printed = figures.facts(store, known, q, labels, PRINTED_COUNT).answers
    if len(printed) != 1 or printed[0]["value"] is None:
        return counted
    stated = printed[0]
    document = document_of_source(stated.get("source"))
    members = [a for a in counted.answers if a.get("type") == "program"]
    listed = len([a for a in members if document_of_source(a.get("source")) == document]) if members \
        else next((a["value"] for a in counted.answers if a.get("type") == "count"), None)
    if listed is None or listed == stated["value"]:
        return counted
    note = (f"文件写明{stated['label']}为{plain(stated['value'])}个（{stated.get('source')}），与这里列出的{plain(listed)}个"
            "不一致：知识库只读到这些项目的名称和金额，或文件只为部分项目编报了绩效目标。")
    answers = counted.answers if members else [*counted.answers, stated]
    return dataclasses.replace(counted, answers=answers, message=(counted.message or "") + note)


# programs counted as evaluated (几个项目开展了绩效自评, 重点绩效评价了几个项目): the count the narrative prints; the
# key evaluations' when 重点 qualifies the evaluation itself (not 重点项目自评); a condition on the programs (自评得分低于
# 90分, 评为优的, 几个项目超过100万元) is not asked of that count
_EVALUATED = re.compile(r"自评|评价")
_KEY_EVALUATED = re.compile(r"重点(?:绩效)?评价")
_SCORED = re.compile(r"得分|分数|打分|评分|\d+分|几分|多少分|优秀|良好|合格|较差|等级|等次|评级|评为")


def evaluated_count(store: Store, known: Knowledge, q: Question) -> Result | None:
    """How many programs an organisation evaluated, asked: the count its document prints, with its sentence (each
    fund's added as printed); none printed, no answer — the programs the store holds are not the programs evaluated
    (a final account prints the tables of a few). None when no such count is asked."""
    labels = org_labels(q, known)
    if q.operation != "count" or not labels or not _EVALUATED.search(q.text) or q.comparator or q.number is not None \
            or _SCORED.search(q.text) or asks_rating(q.text):
        return None
    key = "key_evaluated_programs" if _KEY_EVALUATED.search(q.text) else "evaluated_programs"
    found = figures.facts(store, known, q, labels, key)
    if found.answers:
        return found
    when = f"{q.year}年" if q.year else ""
    return Result(sparql=found.sparql, cube_query=found.cube_query,
                  message=f"文件没有写明{'、'.join(labels)}{when}{FACT_KEYS[key]}；知识库里的项目不一定是评价过的全部项目，"
                          "不以它们的个数作答。")


# a grade asked (评为“优”的, 自评为优秀的, 等级为良的 …) and a count of programs: how many its document says got it
_GRADE_ASKED = re.compile(r"[“\"‘'](优秀|良好|不合格|合格|优|良|中|较差|差)[”\"’']|(?:评为|评定为|获评|(?:评级|等级|等次|结果)(?:为|是))"
                          r"(优秀|良好|不合格|合格|优|良|中|较差|差)")
# programs of a grade asked by which (自评等级是良的项目有哪些 / 评为优的是哪几个项目), not how many
_WHICH_ASKED = re.compile(r"哪些|哪几个|哪个|哪一个|哪几项|什么项目|列出|名单|清单|有谁")
_SAME_GRADE = {"优秀": "优", "良好": "良", "较差": "差"}  # a grade printed in either word


def graded_count(store: Store, known: Knowledge, q: Question) -> Result | None:
    """How many evaluated programs got the grade asked (评为“优”的项目有几个), as the document prints it
    (ingest.program_counts.graded_counts), with its sentence; none printed, no answer — never the execution rate or
    the score of the same section, nor the programs held counted. None when no grade's count is asked."""
    labels = org_labels(q, known)
    asked = _GRADE_ASKED.search(q.text)
    which = bool(_WHICH_ASKED.search(q.text)) and "项目" in q.text
    if not asked or not labels or not (which or COUNT_WORDS.search(simplified(q.text))):
        return None
    grade = asked.group(1) or asked.group(2)
    rows, cube = fact_cells(store, q, labels, [GRADED])
    rows, _ = only_scope(prefer_doc_type(rows, q, known), q, known, lambda r: str(r.doc))
    fits = [r for r in rows if _same_grade(str(r.label), grade)]
    when = f"{'、'.join(labels)}{q.year}年" if q.year else "、".join(labels)
    if not fits:
        return _rated_together(store, known, q, labels, grade, which, when) or \
            Result(sparql=cube["sparql"], message=f"文件没有写明{when}绩效评级为“{grade}”的项目个数。")
    answers = [answer_row(f"{r.deptLabel}{r.year}年绩效评级为“{r.label}”的项目数", r.value, "个", "count", str(r.f),
                          str(r.text or ""), source_of(known, r.doc, r.table, r.line)) for r in fits]
    said = "、".join(f"{plain(r.value)}个" for r in fits)
    message = None if not which else f"文件写明{when}绩效评级为“{grade}”的项目有0个：没有这样的项目。" \
        if not any(r.value for r in fits) else f"文件只写明{when}绩效评级为“{grade}”的项目有{said}，没有逐个列出是哪些项目。"
    return Result(answers, cube["sparql"], message, cube["cube_query"])


def _same_grade(printed: str, asked: str) -> bool:
    """Whether a grade printed is the one asked, in either word (优秀 / 优)."""
    return _SAME_GRADE.get(printed, printed) == _SAME_GRADE.get(asked, asked)


def _rated_together(store: Store, known: Knowledge, q: Question, labels: list[str], grade: str, which: bool,
                    when: str) -> Result | None:
    """Where a final account prints no count by grade but one rating for the programs it evaluated (…等项目绩效自评
    情况：优秀, evaluations.ratings): that rating with its section when it is the grade asked — the programs are
    not counted nor listed one by one, the message says so — and none when it is another (the rating printed is
    said); None when no program rating is printed."""
    rated, text = evaluations.ratings(store, known, q, labels, ("program",))
    if not rated:
        return None
    printed = "、".join(dict.fromkeys(f"“{a['value']}”" for a in rated))
    fits = [a for a in rated if _same_grade(str(a["value"]), grade)]
    if not fits:
        return Result([], text, f"{when}的决算写明项目绩效自评结果为{printed}，没有写明评为“{grade}”的项目。")
    return Result(fits, text, f"{when}的决算写明所评项目的绩效自评结果为{printed}（对所评的项目一并写明），"
                              f"没有写明评为“{grade}”的项目{'是哪些' if which else '个数'}。")


# The count of units a document prints (内设机构25个, 包括27个机关行政科室, 无下属单位: ingest/unit_counts.py)
PRINTED_UNIT_COUNT = {"InternalUnit": "internal_unit_count", "SubordinateUnit": "subordinate_unit_count"}
BUDGET_UNITS = "budget_unit_count"


def units_counted(store: Store, known: Knowledge, q: Question, cls: str) -> Result:
    """An organisation's internal or subordinate units (organisations.units); asked how many, the count its
    document prints, with its line, where the units are not listed one by one or not as many as it says —
    the listed ones' count beside it, never only the smaller number as if it were all."""
    labels = org_labels(q, known)
    if labels and q.measure == BUDGET_UNITS and (covered := figures.facts(store, known, q, labels, BUDGET_UNITS)).answers:
        return covered  # 纳入预算编制范围的二级预算单位有几个: the budget's units, its own 本级 among them
    found = organisations.units(store, known, q, cls)
    if not labels or q.output == "members" or not COUNT_WORDS.search(simplified(q.text)) \
            or any(a.get("type") != "count" for a in found.answers):
        return found
    printed = figures.facts(store, known, q, labels, PRINTED_UNIT_COUNT[cls]).answers
    listed = found.answers[0]["value"] if found.answers else None
    if listed is not None:  # set against the list, the count the listing document prints: never another year's
        document = document_of_source(found.answers[0].get("source"))
        printed = [a for a in printed if document_of_source(a.get("source")) == document]
    if len(printed) != 1 or printed[0]["value"] is None:
        return found
    stated = printed[0]
    if listed == stated["value"]:
        return found
    said = f"文件写明{stated['label']}为{plain(stated['value'])}个（{stated.get('source')}）"
    if listed is None:
        return Result([stated], found.sparql, f"{said}；文件没有逐一列出它们的名称。")
    return Result([stated, *found.answers], found.sparql,
                  f"{said}；知识库读到的名称有{plain(listed)}个，与之不一致（文件另列的机构，或没有读到的名称）。")
