"""The subject of a question: what kind of thing its answers are (programs, units, duties, indicators,
a department's figures …), composed from independent slots: the answer type read from the question
phrase (`answer_type`: 哪些项目 / 哪个科室 / 职责有哪些 …), the relation asked (负责, 隶属, 用于, 涉及 …),
the kinds of the entities named, the operation (`slots.operation_slots`, read before and apart) and the
measure. One table of what each answer type becomes (`_BY_TYPE`) replaces a rule per wording; a
question with no question phrase falls back to its relation, measure and the entities' kinds. The
question type's name (`intent`) is derived from subject and operation, as the page and clients know it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from query_api.answer_type import KIND_NOUNS, ORGANISATION
from query_api.indicator_match import BRACKETED_UNIT, COUNT_ASKED
from query_api.lexicon import ORG_KINDS, normalise
from query_api.slots import GENERAL_MEASURES, HOLDINGS, MONEY_WORDS, PRINTED_COUNTS, asks_rating

if TYPE_CHECKING:
    from query_api.nlu import Question

# Words that ask for programs about a topic (涉及, 有关, 名称里有 …).
ABOUT = r"涉及|有关|相关|关于|包括|包含|方面|围绕|名称|名字|含有|带有|关系|关联"

# Words that put what is asked for under the organisation named as units of their own (下属部门), not its sections.
SUBORDINATE = r"下属|所属|直属|下级|二级|下辖|旗下|管辖"
# Relations between the answers and what is named: one pattern each, read wherever they stand (管 to manage, not
# the 管 of 管道, 管网: a pipe).
RELATIONS = {
    "responsible": r"负责|承担|主管|牵头|管理(?!着)|管(?![辖着了道网线材廊])|职责|归谁",
    "belongs": r"隶属|属于|归属|上级|归哪|谁管|谁主管|主管部门|所在部门|哪个(?:部门|单位)的|(?:使用|实施|承担)单位",
    "under": SUBORDINATE + r"|下面|下设|管着|管了|管理着|底下",
    "purpose": r"用于|用途|用来|用在|花在|干什么|做什么|(?<!项)目的|目标是什么|绩效目标$|项目目标|什么目标|"
               r"(?:达到|实现)什么|是什么项目|内容",
    "about": ABOUT,
    "unmet": r"(?:没|未|没有)(?:有)?(?:达到|达成|完成|实现|达标)|不达标|低于目标|未能?达|不及目标",
    "duties": r"职责|职能|负责什么|负责哪些|做什么|干什么|干嘛|干啥|做啥|主要任务|是什么机构|管什么",
    "indicator": r"指标|目标值|完成值|实际完成|实际值|完成情况|达到多少|率|均长|满意|时长|时限|上限|下限|控制在",
}
# Verbs of a duty's work (制定…方案, 组织…作业, 审批…项目): words left beside them that ask which organisation
# does it name the work, not the store's list of departments.
_WORK = re.compile(r"制定|制订|拟订|拟定|起草|编制|组织|开展|实施|审批|审核|核准|监督|监管|指导|协调|统筹|推进|推动|"
                   r"落实|办理|受理|发布|承办|保障|执法|查处|处置|登记|备案|评估|考核|检查")
# Other words for a program where they end what is asked for (供水管道工程, 哪些专项): not a kind of
# procurement (工程类采购) nor part of a longer word (工程师).
_PROGRAM_NOUN = re.compile(r"(?<!采购)(?:工程|专项)(?=[？?。，,！!]|有哪些|$|有几|有多少|加起来|一共|合计|总共|的(?:预算|金额|资金))")
# Measures that are not a program's amount: programs are not counted, ranked or averaged by them.
NOT_PROGRAM_AMOUNTS = ("performance_score", "execution_rate", "fixed_assets_purchase", *HOLDINGS)
_PROGRAM_OPERATIONS = ("count", "sum", "average", "rank", "condition")
# Money asked of what is named (the program's, not an indicator's target)
_MONEY = re.compile(rf"{MONEY_WORDS}|花了?多少|安排了?多少")


@dataclass
class Named:
    """The kinds of the entities a question names, and the relations its words state."""

    orgs: bool
    units: bool  # an internal or subordinate unit
    department: bool
    programs: bool
    items: bool
    relations: set[str]
    plural: bool  # 哪些: a list, not the one
    program_word: bool  # 项目 said outside a program's name
    text: str  # the question as the slots read it

    def __contains__(self, relation: str) -> bool:
        return relation in self.relations


def subject_of(text: str, q: Question, bare: str) -> str:
    """What kind of thing the answers are (one of SUBJECTS), from the answer type, the relation, the kinds of
    the entities named, the operation and the measure; `bare` is `text` with the names blanked (but an item's).
    `q.about` is set where programs are asked for by a topic."""
    how = q.answer_how  # the answer type was read with the other slots (nlu.understand)
    said = Named(orgs=bool(q.entries(*ORG_KINDS)), units=bool(q.entries("internal_unit", "subordinate_unit")),
                 department=bool(q.entries("department")), programs=bool(q.entries("program")),
                 items=_items_of_their_own(q), plural="哪些" in text,
                 relations={name for name, pattern in RELATIONS.items() if re.search(pattern, bare)},
                 program_word=bool(re.search("项目", _PROGRAM_NOUN.sub("项目", bare))) and not _indicator_words(q, "项目"),
                 text=text)
    # 提交多少篇审计报告 / 聘请中介机构多少家: the noun asked is an indicator's word (or its unit), not a kind of thing
    of_indicator = _nouns_of_indicators(q, bare)
    if _cost_of_program(q, text):
        return "indicator"  # 水电气项目里电费安排了多少钱: the program's cost its indicator names, not the program's money
    if _named_whole(q, text) and (re.search(RELATIONS["indicator"], text) or _AMONG_INDICATORS.search(text)) \
            and not set(q.measures) & set(_STATED_RATES):
        return "indicator"  # 公车委托管理的固定资产利用率要求: the indicator, whatever figure its program's words name
    if q.answer_type in ("year", "document") and not of_indicator or re.search(r"收录了?哪些", text):
        return "years" if q.answer_type == "year" else "documents"
    if "unmet" in said:
        return "indicators_unmet"
    # (出国去了几个团组: a count the narrative prints, its noun no unit of the department)
    if q.unit_noun and not re.search(r"负责|承担|主管|牵头", bare) and not set(q.measures) & PRINTED_COUNTS \
            and not _noun_of_indicator(q, q.unit_noun, bare):  # (聘请多少家中介机构: the indicator 聘请中介机构（家）)
        return "named_units"  # 某局的局属单位有哪些 / 有几个派出审计处: its units the document's noun names
    if asks_rating(text) and (said.orgs or not said.programs and not q.indicators) \
            or q.measures == ["performance_score"] and said.orgs and not (q.order or q.change or q.comparator):
        return "self_evaluation"  # 某局2023年部门整体支出绩效自评结果 / 自评得分: its final account's 绩效自评
    by_type = (lambda *_: "indicator") if of_indicator else _BY_TYPE.get(q.answer_type)
    found = by_type(q, said, how) if by_type else None
    return found or _fallback(q, said)


# Rates a department states of itself (预算执行率, 自评得分): asked of the department, not of a program's indicator
_STATED_RATES = ("execution_rate", "performance_score")


def _indicator_words(q: Question, word: str) -> bool:
    """Whether `word` is said as a word of an indicator the question names (农村饮水项目建设数量: 项目 is
    the indicator 建设农村饮水项目数量's, not a question about programs)."""
    return any(word in normalise(e.label) for e in q.indicators)


def _noun_of_indicator(q: Question, noun: str, bare: str) -> bool:
    """Whether the unit noun asked (多少家中介机构) is the counted noun of an indicator the question names, said with
    other words of its name (聘请…中介机构 of 聘请中介机构（家）): how many of them the indicator plans, no unit of the
    organisation. The noun alone (有哪些派出审计处) is still the units, whatever indicator holds it."""
    for e in q.indicators:
        name = BRACKETED_UNIT.sub("", normalise(e.label))
        if noun in name and any(len(rest) >= 2 and rest in bare for rest in name.split(noun)):
            return True
    return False


# the question asking among a program's indicators (绩效指标里, 绩效目标中, 的指标中)
_AMONG_INDICATORS = re.compile(r"(?:绩效)?(?:指标|目标)(?:表)?(?:里面?|中|当中|之中|内)")


def _named_whole(q: Question, text: str) -> bool:
    """Whether the question says an indicator's whole name (of four characters or more, its unit in brackets
    aside; of two where it says it asks among indicators: 绩效指标里，电费定的是多少): the strongest sign the indicator
    is asked, whatever else the words name."""
    shortest = 2 if _AMONG_INDICATORS.search(text) else 4
    return any(len(name) >= shortest and name in text
               for e in q.indicators if (name := BRACKETED_UNIT.sub("", normalise(e.label))))


# An indicator whose name is a cost (电费, 燃气费, 运维成本, 总金额): its target is money, a part of its program's
_COST_NAME = re.compile(r"(?:费|费用|金额|成本|资金|经费)$")


def _cost_of_program(q: Question, text: str) -> bool:
    """Whether the question says, whole, the name of a cost indicator of a program it names (电费 of
    经常性运转经费（水电气）, whose target 140 万元 is that part of its budget) and asks money of it, compares two
    such costs (水费和电费哪个少: what they cost) or asks no figure of another name (水费和电费分别是多少)."""
    programs = {e.uri for e in q.entries("program")}
    return bool(_MONEY.search(text) or q.operation == "compare" or not q.measures) and any(
        e.parent in programs and _COST_NAME.search(name) and name in text
        for e in q.indicators if len(name := BRACKETED_UNIT.sub("", normalise(e.label))) >= 2)


def _nouns_of_indicators(q: Question, bare: str) -> bool:
    """Whether every noun the answer type was read from is a word of an indicator the question names: 提交多少篇
    审计报告 asks the indicator 提交审计报告和信息's target, not for documents."""
    names = [normalise(e.label) for e in q.indicators]
    pattern = dict(KIND_NOUNS).get(q.answer_type or "")  # 谁 / 做什么 ask no noun
    # a count's measure word (多少家医疗机构: 家) is how many, no noun of its own
    nouns = [m.group() for m in re.finditer(pattern, COUNT_ASKED.sub(" ", bare))] if names and pattern else []
    return bool(nouns) and all(any(noun in name for name in names) for noun in nouns)


def _items_of_their_own(q: Question) -> bool:
    """Whether the question names a classified item other than as words of an indicator it names (医疗救助 in
    医疗救助政策知晓率 is the indicator 城乡医疗救助政策知晓率's words, not the 21013 line's money) or as the name
    of a program whose indicator it names (审计事务要提交多少条审计建议: the program 审计事务's, not the 20108 line)."""
    names = [normalise(e.label) for e in q.indicators]
    programs = {e.parent for e in q.indicators}
    return any(not any(m.text in name and not name.endswith(m.text) for name in names)
               and not any(e.uri in programs for e in m.entries)
               for m in q.mentions if "item" in m.kinds)


def _holding_counted(q: Question) -> bool:
    """Whether what is asked of the units is a holding (下属各单位一共有多少辆车): the consolidated figure, no list."""
    return bool(q.measures) and set(q.measures) <= set(HOLDINGS)


def _units(q: Question, said: Named, how: str) -> str:
    if "responsible" in said and not said.programs:
        return "unit_duty_holder"  # 某局哪个科室负责…: the internal unit whose responsibilities say so
    return "internal_units"


def _organisations(q: Question, said: Named, how: str) -> str | None:
    if said.units and not said.plural:
        return "parent"  # 某科是哪个单位的内设机构: the unit's department, not a list of units
    if said.department and q.answer_type == "department" and not (q.measure or q.order or said.items or said.programs) \
            and not said.relations & {"belongs", "responsible", "duties"} and not re.search(SUBORDINATE, said.text):
        return "internal_units"  # 某局设了几个部门 / 下设哪些部门: the departments inside one are its sections
    if said.department and not said.units and ("belongs" in said or "under" in said) and not said.programs \
            and not _holding_counted(q) and not ("duties" in said and q.words_left):
        return "subordinate_units"  # 哪些单位隶属于某局 / 某局下面有哪些单位: the department's units (…是哪个部门的职责: a work's)
    if said.programs:  # (要覆盖多少个单位: a count its goal states, no organisation owning it)
        return "program_owner" if not (q.order and q.measure) and q.operation != "count" else None
    if "responsible" in said:  # 某局里谁负责…: a section of the department named
        return "unit_duty_holder" if q.answer_type == "who" and said.department else "duty_holder"
    if q.order and (q.measure or how != "each") or how == "each" and q.measure and q.operation == "lookup":
        return "department_figures"  # 哪个部门的三公经费最多 / 各部门的三公经费: departments by a measure
    if how == "each":
        return None  # 各部门…平均 / 比上年: the operation's figures
    if not said.orgs and q.words_left and _WORK.search(q.words_left) and not (q.measure or said.items):
        return "duty_holder"  # 人工影响天气的作业方案归哪个单位制定: whose duties say the work the words name
    return "departments" if not said.orgs else None


def _programs(q: Question, said: Named, how: str) -> str | None:
    """Programs: of a topic (its words left once names and question words go), or of an organisation."""
    if "about" in said or "purpose" in said and not said.programs \
            or "responsible" in said and q.words_left and not (said.programs or said.units):
        return _about(q)  # a list of programs about a topic (哪个项目是管防汛的), even when it is also a program's name
    if said.programs or q.measure in NOT_PROGRAM_AMOUNTS:
        return None  # a program named: its own figures or words; a score or rate is no program's amount
    if said.orgs and q.words_left and q.operation in ("list", "sum") and not q.measure and not said.items \
            and q.comparator is None:
        return _about(q)  # 某中心有哪些供水管道工程 / 两个原水管道工程加起来: the organisation's programs on a topic
    if said.orgs or q.operation in _PROGRAM_OPERATIONS and q.operation != "sum":
        return "programs"
    return _about(q)  # 政务热线的项目花了多少钱: the topic's programs (all of them when no topic is left)


def _indicators(q: Question, said: Named, how: str) -> str:
    return "program_indicators" if said.programs else "indicator"


def _activity(q: Question, said: Named, how: str) -> str | None:
    """What a named thing does: an organisation's duties, a program's purpose."""
    if said.programs:
        return "program_purpose"
    return "duties" if said.orgs else None


_BY_TYPE = {
    "internal_unit": _units,
    # 某中心是哪个部门的下属单位: the one named is the unit, its department the answer
    "subordinate_unit": lambda q, said, how: "parent" if said.units and not said.plural else (
        None if _holding_counted(q) else "subordinate_units"),
    "department": _organisations, "unit": _organisations, "who": _organisations,
    "program": _programs,
    "indicator": _indicators,
    "duty": lambda q, said, how: "duties" if said.orgs else None,
    "activity": _activity,
}
assert set(ORGANISATION) <= set(_BY_TYPE)


def _fallback(q: Question, said: Named) -> str:
    """No question phrase decided it: the operation on figures, the relation, then the entities' kinds, then
    the measure."""
    if q.operation == "share":
        return "figure"  # a share is of two figures, whatever names the part (an item, a program, a measure)
    if said.units and "belongs" in said:
        return "parent"
    if said.orgs and "duties" in said and not said.programs:
        return "duties"
    if said.programs and q.measure == "execution_rate":
        return "figure"  # 某项目的预算执行率: its spending over its budget, not its indicators
    if said.programs and "indicator" in said and not q.indicators:
        return "program_indicators"
    if said.programs and "purpose" in said:
        return "program_purpose"
    if said.programs and ("belongs" in said or "responsible" in said) and not _MONEY.search(said.text):
        # 某项目归属 / 由…负责 (哪个部门 / 谁 are the organisations' answer type); 管长护险的项目预算多少 asks its money
        return "program_owner"
    if said.program_word and not said.programs and q.operation == "count" and "indicator" not in said:
        return "programs"  # 项目数量: not the indicator named …数量
    if q.indicators and said.program_word and not said.programs and "indicator" not in said and _MONEY.search(said.text):
        return _about(q)  # 交水电燃气费的项目预算多少钱: indicators' words say what it pays for; its money is asked
    if q.indicators and said.programs and "indicator" not in said and _MONEY.search(said.text):
        return "figure"  # 请中介机构做审计的那个项目预算多少: the program's money, its indicators' words only find it
    if q.operation == "compare" and len({e.label for e in q.entries("program")}) >= 2 and "indicator" not in said:
        return "figure"  # A和B这两个项目哪个多: their money, whatever indicator the words of their names hold
    if q.indicators and not q.measure and not said.items and not _MONEY.search(said.text):
        return "indicator"  # (网上办事大厅运维花多少钱: money, whatever indicator 政务大厅 the words hold)
    if "indicator" in said and not q.measure and not said.programs and not said.items and not said.program_word:
        return "indicator"
    if said.program_word and not said.programs:
        if "about" in said or "purpose" in said:
            return _about(q)
        if q.operation in _PROGRAM_OPERATIONS and q.measure not in NOT_PROGRAM_AMOUNTS:
            return _programs(q, said, "") or "programs"
        if not said.orgs and not said.items and q.measure in (None, *GENERAL_MEASURES) and q.comparator is None:
            return _about(q)  # 政务云的项目花了多少钱: the programs on that topic, with their amounts
    if said.programs or said.items or q.measure or re.search(r"多少|金额|预算|决算|经费|数额|钱", said.text):
        return "figure"
    return "indicator" if re.search(r"指标", said.text) else "unknown"


def _about(q: Question) -> str:
    q.about = True
    return "programs"


# What the answers can be (subject_of); the question type (Question.intent) names the subject, and for
# programs and departments' figures the operation too, as the page and clients know it.
SUBJECTS = ("years", "documents", "indicators_unmet", "self_evaluation", "named_units", "parent", "subordinate_units",
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
