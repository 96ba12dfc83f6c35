"""The subject of a question: what kind of thing its answers are (programs, units, duties, indicators,
a department's figures …), read from its words and the kinds of entities it names, and the name of the
question type (`intent`) made from subject and operation. The operation itself is read apart, before
(`slots.operation_slots`); the first rule that holds wins.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from query_api.lexicon import ORG_KINDS
from query_api.slots import GENERAL_MEASURES, asks_rating

if TYPE_CHECKING:
    from query_api.nlu import Question

# Words that ask for programs about a topic (涉及, 有关, 名称里有 …).
ABOUT = r"涉及|有关|相关|关于|包括|包含|方面|围绕|名称|名字|含有|带有|关系|关联"


# Other words for a program where they end what is asked for (供水管道工程, 哪些专项): not a kind of
# procurement (工程类采购) nor part of a longer word (工程师).
_PROGRAM_NOUN = re.compile(r"(?<!采购)(?:工程|专项)(?=[？?。，,！!]|有哪些|$|有几|有多少|加起来|一共|合计|总共|的(?:预算|金额|资金))")


def subject_of(text: str, q: Question) -> str:
    """What kind of thing the answers are (one of SUBJECTS), from the question's words and the kinds of entities
    it names (first rule that holds wins); `q.about` is set where programs are asked for by a topic. What is
    done with them is the operation slot, read before and apart (slots.operation_slots)."""
    text = _PROGRAM_NOUN.sub("项目", text)  # 有哪些供水管道工程: programs, whatever they are called
    orgs = q.entries(*ORG_KINDS)
    units = q.entries("internal_unit", "subordinate_unit")
    programs = q.entries("program")
    items = q.entries("item")
    asks_program = bool(re.search(r"项目", text))
    if re.search(r"哪些年|哪几年|哪一年|什么年份|年份|几个年度|哪些年度|几年的|多少年的", text):
        return "years"
    if re.search(r"哪些(文档|文件|报告|公开|资料)|(文档|文件|报告)有哪些|收录了?哪些", text):
        return "documents"
    if re.search(r"(没|未|没有)(有)?(达到|达成|完成|实现|达标)|不达标|低于目标|未能?达|不及目标", text):
        return "indicators_unmet"
    if asks_rating(text) and (orgs or not programs and not q.indicators) or q.measures == ["performance_score"] and orgs \
            and not (q.order or q.change or q.comparator):
        return "self_evaluation"  # 某局2023年部门整体支出绩效自评结果 / 自评得分: its final account's 绩效自评
    if units and re.search(r"哪一?(个|家)(部门|单位|局|委|中心|机关)|隶属|归属|归哪|上级|归谁|谁管|谁主管", text) \
            and not re.search(r"哪些", text):
        return "parent"  # 某科是哪个单位的内设机构: the unit's department, not a list of units
    if q.entries("department") and not units and re.search(r"隶属|属于|归属", text) \
            and re.search(r"哪些|哪个|哪几个|单位|机构", text) and not programs:
        return "subordinate_units"  # 哪些单位隶属于某局: the department's units
    if re.search(r"(哪个|哪一个|哪些|什么)(内设机构|科室|股室|处室|科|股|处|室)(来|在)?(负责|承担|主管|牵头)", text) \
            and not programs:
        return "unit_duty_holder"  # 某局哪个科室负责…: the internal unit whose responsibilities say so
    if re.search(r"内设机构|内设|股室|科室|处室|职能科|设有哪些|设置了?哪些|内部机构|(哪些|哪个|什么|几个)(科|股|处|室)(?![学目技长])", text):
        return "internal_units"
    if re.search(r"(?:下属|所属|直属|下级|二级)(?:预算|事业|行政)?单位|下属|下辖|旗下", text) \
            or re.search(r"(下面|下设|管辖)的?(有)?(哪些|什么|几个)?(单位|事业单位|中心)", text):
        return "subordinate_units"
    if units and re.search(r"隶属|属于哪|归属|上级|主管部门|所在部门|哪个部门的|哪个单位的|归哪", text):
        return "parent"
    if re.search(r"(哪个|哪些|哪家|什么|谁)(部门|单位|机构|科室|股室)?(来|在)?(负责|承担|主管|牵头|管理|管)", text) \
            and not units and not programs:
        return "duty_holder"
    if re.search(r"哪个|哪些|哪家|哪几个|哪几家|谁", text) and re.search(r"负责|承担|主管|职责|管理|牵头|归谁", text) \
            and not programs and not orgs:
        return "duty_holder"
    if orgs and re.search(r"职责|职能|负责什么|负责哪些|做什么|干什么|干嘛|干啥|做啥|主要任务|是什么机构|管什么", text) and not programs \
            and not re.search(r"(哪些|什么|几个)项目", text):  # 某局负责哪些项目: its programs
        return "duties"
    if re.search(r"(哪些|什么|所有|全部|多少个?|哪几个|几个|几家|多少家)(部门|单位|机构)|(部门|单位|机构)有哪些|部门列表", text) \
            and not programs and not orgs:
        return "departments"
    if re.search(r"哪些项目|项目有哪些|什么项目|哪几个项目|(?:相关|有关)的?项目|的项目$", text) \
            and re.search(ABOUT, text):
        return _about(q)  # a list of programs about a topic, even when the topic is also a program's name
    if programs and re.search(r"指标", text) and (re.search(r"哪些|什么|列出|有几|多少个", text) or not q.indicators):
        return "program_indicators"
    if programs and re.search(r"用于|用途|用来|用在|花在|干什么|做什么|(?<!项)目的|绩效目标是什么|目标是什么|绩效目标$|项目目标|什么目标|(达到|实现)什么|是什么项目|内容", text):
        return "program_purpose"
    if asks_program and not programs and q.operation in ("count", "sum") and re.search(ABOUT, text):
        return _about(q)  # 跟医疗救助有关的项目一共多少钱: the topic's programs, added up or counted
    if asks_program and orgs and not programs and q.words_left and q.operation in ("list", "sum") \
            and not q.measure and not items and q.comparator is None:
        return _about(q)  # 某中心有哪些供水管道工程 / 两个原水管道工程加起来: the organisation's programs on a topic
    counts = asks_program and not re.search(r"指标|目标|完成|率", text)
    if counts and q.operation == "count":
        return "programs"  # 项目数量: not the indicator named …数量
    if q.indicators and not q.measure and not items and re.search(r"指标|目标|完成|实际|达到|多少|几|是否", text):
        return "indicator"
    if re.search(r"指标|目标值|完成值|实际完成|实际值|完成情况|达到多少|率|均长|满意|时长|时限", text) \
            and not q.measure and not programs and not items and not re.search(r"项目", text):
        return "indicator"
    if asks_program and q.operation == "count":
        return "programs"
    if asks_program and q.operation == "sum" and not programs and orgs:  # without one, the words may be a topic
        return "programs"
    if asks_program and q.operation == "average" and not programs:  # 项目平均预算: the mean of their budgets
        return "programs"
    if q.order and q.measure and not programs and q.which_departments:
        return "department_figures"  # 哪个部门的项目支出最多: departments by a measure, not programs
    if asks_program and q.operation == "rank" and not programs:
        return "programs"
    if q.order and not programs and not asks_program and \
            re.search(r"哪个(部门|单位)|哪些(部门|单位)|的(部门|单位)(是哪个|有哪些|是)?$", text):
        return "department_figures"
    if programs and re.search(r"哪个(部门|单位)|哪家|谁的|属于|归属|负责|使用单位|承担", text):
        return "program_owner"
    if asks_program and q.operation == "condition" and q.number is not None:
        return "programs"
    if asks_program and not programs and re.search(ABOUT + "|用于", text):
        return _about(q)
    if asks_program and orgs and not programs and re.search(r"哪些|什么|列出|清单|有几|名单|所有|列表|项目$", text):
        return "programs"
    if asks_program and not programs and not orgs and re.search(r"哪些|什么|有没有|是否有|类项目|类的项目|所有", text):
        return _about(q)
    if q.indicators and not q.measure and not items and not programs:
        return "indicator"  # 2021年热线满足度: an indicator named with no question word
    if asks_program and not programs and not orgs and not items and q.measure in (None, *GENERAL_MEASURES) \
            and q.comparator is None:
        return _about(q)  # 政务云的项目花了多少钱: the programs on that topic, with their amounts
    if programs or items or q.measure or re.search(r"多少|金额|预算|决算|经费|数额", text):
        return "figure"
    if re.search(r"指标", text):
        return "indicator"
    return "unknown"


def _about(q: Question) -> str:
    q.about = True
    return "programs"


# What the answers can be (subject_of); the question type (Question.intent) names the subject, and for
# programs and departments' figures the operation too, as the page and clients know it.
SUBJECTS = ("years", "documents", "indicators_unmet", "self_evaluation", "parent", "subordinate_units",
            "internal_units", "duty_holder", "unit_duty_holder", "duties", "departments", "programs", "program_indicators",
            "program_purpose", "program_owner", "indicator", "department_figures", "figure", "unknown")
_PROGRAM_INTENTS = {"count": "count_programs", "sum": "sum_programs", "average": "average_programs", "rank": "rank_programs",
                    "condition": "filter_programs"}


def intent_of(q: Question) -> str:
    """The question type's name, from the subject and the operation."""
    if q.subject == "programs":
        return "programs_about" if q.about else _PROGRAM_INTENTS.get(q.operation, "programs_of")
    return {"department_figures": "rank_departments", "figure": "amount",
            "unit_duty_holder": "duty_holder"}.get(q.subject, q.subject)
