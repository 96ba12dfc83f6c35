"""The plan: a understood question (its slots) → the query that answers it → answer rows.

Amounts of summary figures go through ONE compiler (`compiler`: slots → cube query) whatever the
operation — compare, share, rank, condition, a topic's total; a department's own figures (with their
text), classified items, programs, organisations, duties, indicators and evaluations are lists and
lookups over their own small query builders (`figures`, `programs`, `organisations`, `indicators`,
`evaluations`). The question type (`Question.intent`) names the subject and, for programs, the
operation; it stays in the reply for the page and clients.

Layers, each importing only those below it: plan → compiler, figures, programs, organisations,
indicators, evaluations, unit_totals, unit_counts → sparql_parts, rows → query_api.cube, query_api.queries.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from graph_store.base import Store
from ingest.record import UNIT_TOTAL_KEYS
from query_api.answering import (
    change_direction,
    compiler,
    described_program,
    evaluations,
    figures,
    final_programs,
    funding,
    goal_counts,
    indicators,
    line_changes,
    line_compare,
    line_plans,
    line_rank,
    named_kinds,
    organisations,
    part_list,
    part_rank,
    part_threshold,
    parts_compared,
    program_changes,
    program_parts,
    program_plan,
    programs,
    programs_across,
    rates,
    sections,
    side_by_side,
    topic_money,
    topic_programs,
    unit_counts,
    unit_scope,
)
from query_api.answering.figures_summed import (
    added,
    figure_and_items,
    items_added,
    parts_missing,
    parts_of_one,
)
from query_api.answering.rows import (
    Result,
    asked_years,
    org_labels,
    summed,
)
from query_api.indicator_match import own_words
from query_api.names import ask_which, not_held, ties
from query_api.nlu import understand
from query_api.slots import COST_COUNTS, GENERAL_MEASURES, SUM_WORDS, UNKNOWN

if TYPE_CHECKING:
    from query_api.ask import Knowledge
    from query_api.nlu import Question

Step = Callable[[Store, "Knowledge", "Question"], Result]

# The query builder of each subject (nlu.SUBJECTS); the operation slot says what it does with what it finds.
STEPS: dict[str, Step] = {
    "internal_units": lambda s, k, q: unit_counts.units_counted(s, k, q, "InternalUnit"),
    "subordinate_units": lambda s, k, q: unit_counts.units_counted(s, k, q, "SubordinateUnit"),
    "named_units": organisations.named_units,
    "parent": organisations.parent,
    "duties": organisations.duties,
    "duty_holder": organisations.duty_holder,
    "unit_duty_holder": organisations.unit_duty_holder,
    "departments": organisations.departments,
    "years": organisations.years,
    "documents": lambda s, k, q: organisations.years(s, k, q, documents=True),
    "programs": lambda s, k, q: program_step(s, k, q),
    "program_purpose": programs.purpose,
    "program_owner": programs.owner,
    "program_indicators": indicators.program_indicators,
    "indicator": indicators.indicator,
    "indicators_unmet": indicators.unmet,
    "self_evaluation": evaluations.self_evaluation,
    "department_figures": lambda s, k, q: compiler.execute(s, k, q, compiler.compile_rank(q, k)),
    "figure": lambda s, k, q: figure(s, k, q),
}

# Subjects that are not summary figures: never compiled to a comparison or ranking of them.
NOT_FIGURES = ("named_units", "programs", "program_purpose", "program_owner", "program_indicators", "indicator",
               "self_evaluation", "indicators_unmet", "duty_holder", "unit_duty_holder", "duties", "internal_units",
               "parent")

# the program's amount asked in other words than money's (执行了多少, 用了多少, 还剩多少): its money, not a figure
# of its indicators
_AMOUNT_ASKED = re.compile(figures.MONEY_WORDS + r"|执行|使用|用了|用掉|用去|结余|剩")


def _names_a_topic(q: Question) -> bool:
    """Whether the question's words are a topic, not the organisation asked about (a name in them is searched for)."""
    return q.subject in ("duty_holder", "unit_duty_holder", "departments", "documents") \
        or q.subject == "programs" and q.about


def run(store: Store, known: Knowledge, q: Question) -> Result:
    """The answers to `q`; a question of no known subject gets none, and a message."""
    if not _names_a_topic(q):  # never a guess between two organisations of one name
        q.ambiguous = q.ambiguous + ties(q.mentions, known.lexicon, q.year, known.years_by_org)
        if q.ambiguous:
            return Result(message=ask_which(q.ambiguous))
    if q.unknown_orgs and not _names_a_topic(q):
        return Result(message=not_held(q.unknown_orgs, known.departments))
    if q.unlisted:  # 贸易高质量发展、文化旅游两个专项一共多少: never the found ones' sum as the whole list's
        who = "、".join(org_labels(q, known))
        return Result(message=f"没有找到{who}的{'、'.join(q.unlisted)}，所以没有回答（不以找到的几个项目之和作为"
                              "全部之和）；可以分别问每个项目的金额。")
    if (described := described_program.again(store, known, q)) is not None:  # 保障100台自助终端的项目要完成多少个…
        if isinstance(described, Result):
            return described  # two programs fit the words alike
        asked, name, words = described
        found = run(store, known, understand(asked, known.lexicon))
        return dataclasses.replace(found, message=f"问的项目理解为“{name}”（名称和绩效目标写有“{words}”）。"
                                                  + (found.message or ""))
    if (graded := unit_counts.graded_count(store, known, q)) is not None:
        return graded  # 评为“优”的项目有几个: the count printed for that grade, never the section's rate or score
    if q.subject not in ("indicator", "program_indicators") and (counted := goal_counts.goal_count(store, known, q)):
        return counted  # X的绩效目标里要覆盖几个单位: a count its goal states (覆盖32个单位), where no indicator was asked
    if q.subject == "indicator" and not q.indicators \
            and (counted := goal_counts.goal_count(store, known, q, every_program=True)):
        return counted  # 过水能力能达到多少万立方米/日: no indicator holds it, a goal of one of its programs states it
    if q.share and q.share[0] == UNKNOWN:  # 人员经费占基本支出的比例: never the whole's figure instead
        kind = figures.unknown_cost(q) or "这项费用"
        return Result(message=f"知识库里没有单列的“{kind}”，算不出它的占比；可以问基本支出、项目支出、三公经费、"
                              "政府采购或某个科目占支出的比例。")
    if q.share and q.share[1] == UNKNOWN:  # 占财政拨款支出的比例: a whole the store keeps no figure of
        return Result(message="知识库里没有单列这个合计数，算不出占比；可以问占支出总额、收入总额、基本支出、项目支出、"
                              "一般公共预算财政拨款支出或三公经费的比例。")
    if part_threshold.asked(q, labels := org_labels(q, known)) \
            and (over := part_threshold.answer(store, known, q, labels[0])) is not None:
        return over  # 口岸管理业务里，哪些具体工作超过500万元: the parts its sentence prints passing it, never the whole
    if part_list.asked(q) and (listed := part_list.answer(store, known, q)) is not None:
        return listed  # X专项里有哪几块: the parts its document prints, each with its amount and line
    if parts_compared.asked(q, labels) and (compared := parts_compared.answer(store, known, q, labels[0])):
        return compared  # 甲和乙哪个钱多: two printed parts of the one whole holding both, never the whole's amount
    if part_rank.asked(q, labels) and (top := part_rank.answer(store, known, q, labels[0])):
        return top  # 政府采购里哪类最多: the largest of that figure's printed parts, never the whole
    if topic_money.asked(q):  # 在培训上花了多少: the topic's line, else (measure cleared) its programs below
        found = topic_money.answer(store, known, q, figures.items)
        if found is not None:
            return found
    if line_plans.asked(q, labels := org_labels(q, known)):  # 哪些科目的决算数和年初预算一样: the final account's lines
        return line_plans.answer(store, known, q, labels[0])
    if line_changes.asked(q, labels):  # 哪几类支出比上年减少了: the lines the text says so of
        return line_changes.answer(store, known, q, labels[0])
    if line_compare.asked(q, labels) and (compared := line_compare.answer(store, known, q, labels[0])) is not None:
        return compared  # 培训费和会议费哪个多，差多少: both, the larger first, the difference, each one's scope said
    if line_rank.asked(q, labels):  # 按功能分类哪一类支出最多: one table's lines of the level asked, ranked
        return line_rank.answer(store, known, q, labels[0])
    if q.subject == "figure" and not topic_money.asked(q) and (left := topic_money.unnamed(q)):
        # 气象服务支出比上年增加了多少 (a change, comparison or share: no topic's programs to add up): words naming
        # nothing known beside a general measure — the department's total (or its change) is not what is asked
        return Result(message=f"没有找到{'、'.join(org_labels(q, known))}的“{left}”（知识库里没有这个科目或项目）；"
                              "部门的收支总额不是它的金额。")
    if q.subject == "figure" and (subjects := rates.asked_of(q)) and (labels := org_labels(q, known)):
        # 三公经费的预算完成率: the rate printed beside that figure, never the department's overall one
        return rates.of_figures(store, known, q, labels, subjects)
    if (held := funding.of_program(store, known, q)) is not None:  # X项目里有多少是单位资金: its column of that source
        return held
    if q.funding and q.subject != "programs":  # 政府性基金安排的项目的支出: a fund's part of a whole no table prints
        return Result(message=f"文件没有单列{q.funding}资金在这个数里的部分，不以整个数作答；可以问哪些项目有"
                              f"{q.funding}资金安排。")
    if q.subject not in NOT_FIGURES:
        found = compiler.answer(store, known, q)
        if found is not None:
            return found
    step = STEPS.get(q.subject)
    return step(store, known, q) if step else Result(message="没能理解这个问题。")


def program_step(store: Store, known: Knowledge, q: Question) -> Result:
    """Programs: of a topic (listed, or added up or counted), or of an organisation listed, ranked, over a
    threshold, counted or added up."""
    if q.funding and q.within is None:  # 钱来自政府性基金预算的项目: those programs, then as any programs
        q = dataclasses.replace(q, within=funding.programs(store, known, q))
        funded = f"除{q.funding}外还有其他来源资金" if q.funding_other else f"有{q.funding}资金"
        if not q.within:
            where = "、".join(org_labels(q, known)) + (f"{q.year}年" if q.year else "")
            if not funding.sources_printed(store, known, q):  # no amount by source: "none" would be a guess
                return Result(message=f"{where}的项目没有按资金来源列出金额（文件的项目表未分列资金来源，或未能读出），"
                                      f"无法判断哪些项目{funded}安排。")
            return Result(message=f"没有找到{where}{funded}安排的项目。")
        if q.operation in ("sum", "average"):  # their budgets may hold money of other sources too: listed, not added
            found = programs.listing(store, known, dataclasses.replace(q, operation="list"))
            return dataclasses.replace(found, message=f"{funded}安排的项目如下；各项目的预算可能还含其他来源的"
                                                      "资金，所以没有把它们加总。")
    if q.described:  # 写了说明的那几个专项: those a 说明 section describes, never the whole program table
        q = dataclasses.replace(q, within=sections.described(store, known, q), described=False)
        if not q.within:
            return Result(message=sections.none_described(q, known))
    if _programs_changed(q):  # 哪个项目比上年增加最多: no program's last-year amount is held, never this year's ranked
        where = "、".join(org_labels(q, known)) + (f"{q.year}年" if q.year else "")
        if said := program_changes.ranked(store, known, q, where):
            return said  # the changes every program's item states, ranked
        return Result(message=f"知识库里没有{where}各项目上年的金额或比上年的增减（项目表只列了当年的金额），算不出哪个"
                              "项目增加或减少了，不以当年的金额作答；可以问各项目当年的预算（如“哪个项目预算最多”），或部门"
                              "项目支出合计比上年的增减。")
    if (evaluated := unit_counts.evaluated_count(store, known, q)) is not None:
        return evaluated  # 对几个项目开展了绩效自评: the count printed, never the programs the store holds counted
    if q.about:
        return topic_programs.topic_total(store, known, q, programs.about(store, known, q))
    if q.operation in ("count", "sum", "average"):  # their budgets counted, added up or averaged: one cube query
        found = programs.totals(known, q, compiler.cells(store, compiler.compile_programs(q, known)), q.operation)
        return unit_counts.beside_printed_count(store, known, q, found) if q.operation == "count" else found
    if q.operation == "condition" and (paged := programs.over_threshold(store, known, q)) is not None:
        return paged  # more programs than a page: the first page and the count
    if final_programs.asked(q):  # X局2024年决算的项目支出里，哪一项花得最多: its own programs by what they spent
        return final_programs.rank(store, known, q)
    if q.operation in ("rank", "condition"):  # by amount: one cube query
        return programs.by_amount(known, q, compiler.cells(store, compiler.compile_programs(q, known)))
    return programs.listing(store, known, q)


# words that say no more than a rise or fall (预算减少的项目: 减少 is no topic of programs)
_CHANGE_ONLY = re.compile(r"(?:预算|金额|资金|支出)?(?:比上年|较上年|比去年|较去年|同比)?(?:增加|减少|增长|下降|降低|压减|缩减)"
                          r"(?:了|的)?(?:最多|最少|得最多|得最少)?")


def _programs_changed(q: Question) -> bool:
    """Whether programs are asked by their change on last year (哪个项目比上年增加最多, 预算减少的项目有哪些), none named:
    the store holds no program's last-year amount (no program table of the corpus prints one), so none is answered."""
    if q.entries("program") or not (q.change_sign or change_direction.by_size(q)):
        return False
    return bool(q.change and not q.about or q.about and _CHANGE_ONLY.fullmatch(q.words_left or ""))


def figure(store: Store, known: Knowledge, q: Question) -> Result:
    """A figure asked for by name: a classified item, a program's amount, or a department's figures (each
    measure named); a unit without documents of its own: the sum of the programs it spends."""
    labels = org_labels(q, known)
    if q.entries("program") and labels and not q.change \
            and (part := program_parts.part_of_program(store, known, q, labels)):
        return part  # 驻京经费里，差旅费要花多少: the part its sentence prints under that program, not the program's
    if q.entries("item") and not q.entries("program") and labels and not q.change \
            and (part := program_parts.part_around_name(store, known, q, labels)):
        return part  # 全市审计业务会预算多少: the 会议费明细表's row whose name holds the line's (审计业务), not the line
    if q.entries("item") and labels and (q.measure or "").startswith("three_public") and not q.change:
        # a 三公 part named as its economic item (公务用车运行维护费): the 三公 table's figure, which counts
        # every source of funds, where the documents print it; the item's row otherwise
        if len(q.measures) > 1 and q.operation == "sum":  # 公务接待费和公务用车运行维护费合计: each part, and their sum
            results = [figures.facts(store, known, q, labels, m) for m in q.measures]
            if all(r.answers for r in results) and parts_of_one(q.measures) and (total := added(results)):
                return Result([*(r.answers[0] for r in results), total], results[0].sparql, total["text"] + "。",
                              results[0].cube_query)
        if q.operation == "sum" and len(labels) == 1 and (mixed := figure_and_items(store, known, q, labels)):
            return mixed  # 公务接待费和会议费一共多少: the 三公 part's figure, the other item's row, and their sum
        stated = figures.facts(store, known, q, labels, q.measure)
        if stated.answers:
            return stated
    if q.entries("item") and not _programs_compared(q):
        if q.operation == "compare" and len(set(asked_years(q))) == 2 and len(labels) == 1:
            q = dataclasses.replace(q, change=True)  # 行政运行2025年比2024年多了多少: the line's change between them
        found = figures.items(store, known, q)
        if found.answers and labels and (counts := [m for m in q.measures if m in COST_COUNTS]):
            # 培训费多少，准备培训几个人: the line's money, and the count its paragraph prints beside it
            found = dataclasses.replace(found, answers=[*found.answers, *(
                a for m in counts for a in figures.facts(store, known, q, labels, m).answers)])
        # a change asked of an item whose text states none, when the words also name a figure whose change
        # is stated (公务接待费比上年…: the 三公 part): that figure's change, never the item's amount
        unstated = q.change and not any(a["type"] == "change" for a in found.answers)
        kind = q.measure or named_kinds.kind_named_as(q)
        if found.answers and not q.change and kind != q.measure and labels and q.operation == "lookup":
            return named_kinds.beside_rows(store, known, q, labels, kind, found)  # the text's 培训费 beside the row
        if found.answers and q.operation == "sum" and not q.change and len(labels) == 1 \
                and (total := items_added(q, found.answers)):
            return Result([*found.answers, total], found.sparql, total["text"] + "。", found.cube_query)  # 培训费和会议费一共
        if found.answers and q.operation == "sum" and len(labels) == 1 and (missing := parts_missing(q, found.answers)):
            # 因公出国（境）费和公务接待费合计, the first printed nowhere: what was found, never called the sum
            found = dataclasses.replace(found, message=f"没有找到{'、'.join(missing)}的金额，所以没有加总；"
                                                       "下面是找到的部分。")
        if (found.answers and not unstated) or not kind or kind in GENERAL_MEASURES or not labels:
            # 甲局和乙局的购房补贴哪个高 (加起来多少): the two, and by how much (their sum)
            return side_by_side.compared(q, found, labels) or side_by_side.added(q, found, labels) or found
        if kind != q.measure:  # 培训费 the text states as a kind of its own (all its money, the row perhaps the
            # basic spending's alone): its figure or change where the row has none or states none
            stated = figures.facts(store, known, q, labels, kind)
            return stated if stated.answers else found
        if unstated and found.answers:
            stated = figures.facts(store, known, q, labels, q.measure)
            return stated if stated.answers else found
        # 公务用车购置及运行费 names an economic item and a 三公 figure: the figure when the item has no rows
    if q.entries("program") and not q.measure and (q.change or programs_across.asked(q) and q.operation != "lookup") \
            and (said := program_changes.stated(store, known, q)):
        return said  # 口岸管理业务比2025年年初预算增加了多少: the change its item states, never its amount
    if programs_across.asked(q) and not q.measure:  # 某项目2024年预算比2021年决算多多少: each year's, and the change
        return programs_across.across(store, known, q)
    if program_plan.asked(q) and q.measure != rates.RATE:  # 年初预算多少，实际执行了多少: both, and the difference
        return program_plan.plan_and_actual(store, known, q)
    if q.entries("program") and q.measure == rates.RATE and not q.change:
        return rates.of_program(store, known, q)  # a program's own rate, never the department's overall one
    # 政务云经费花了多少, 审计培训花了多少钱: the program's amount — a money verb's general measure names no figure
    # of the department beside a program
    if q.entries("program") and not q.measure and len(words := own_words(q)) >= 2 and not _AMOUNT_ASKED.search(words) \
            and not SUM_WORDS.search(words) and q.operation != "compare":
        # (两个项目合计多少: their money added up; A比B多多少, 哪个少: their money compared)
        # 水利专项资金一年要新增多少供水能力: a figure of the program no indicator of it holds, never its money
        if (printed := indicators.by_printed_words(store, known, q)) is not None:
            return printed  # 政务云经费覆盖单位有多少个: the indicator 单位 its clause prints after 覆盖
        named = "、".join(dict.fromkeys(e.label for e in q.entries("program")))
        return Result(message=f"知识库里没有“{named}”的“{words}”：只有它的预算金额和绩效指标，它的绩效指标里没有这一项。")
    if q.entries("program") and (not q.measure or not labels or topic_money.money_word(q)
                                 or q.measure == "expenditure_total" and not q.change and q.comparator is None):
        # 气象业务建设方面的支出: the program's money — 支出 beside a program never names the department's total
        found = programs.purpose_amounts(store, known, q)
        if q.operation == "sum" and len({e.label for e in q.entries("program")}) > 1 and found.answers \
                and (total := summed(found.answers, "、".join(a["label"] for a in found.answers) + "合计")):
            return Result([*found.answers, total], found.sparql, total["text"] + "（计算所得）。")  # 加起来: each, then their sum
        named = list(dict.fromkeys(e.label for e in q.entries("program")))  # 这两个项目哪个钱多: two of one organisation
        return side_by_side.compared(q, found, labels) or side_by_side.compared(q, found, named, programs=True) \
            or (side_by_side.unpaired(q, found, named) if len(labels) <= 1 else None) or found
    if not labels:
        return Result(message="没有找到问题中的部门、单位或项目（知识库里可能没有）。")
    if not q.measure and not re.search(figures.MONEY_WORDS, q.text):
        if counted := goal_counts.goal_count(store, known, q, every_program=True):
            return counted  # 要保障多少台自助终端稳定运行: the count a goal of one of its programs states
        return Result(message="知识库里只有预算和决算中的金额与绩效指标，没有这个数字（如人数、电话）。")
    if not q.measure and (kind := figures.unknown_cost(q)):
        # 运维经费: the programs whose names hold the words where the organisation has some, else no such figure
        if topic_programs.topic_asked(q) and (named := topic_programs.programs_named_by(store, known, q)):
            return named
        return Result(message=f"知识库里没有单列的“{kind}”，可以问收支总额、基本支出、项目支出、三公经费、政府采购或某个科目。")
    measure = q.measure or "revenue_total"
    if not any(label in known.departments for label in labels):
        if topic_programs.topic_asked(q):  # 某中心的长护险补助多少钱: its programs on the topic, never all of its programs
            return topic_programs.topic_programs(store, known, q, labels)
        if measure in (*UNIT_TOTAL_KEYS, "grand_total") and not q.change:  # (预算 alone: its row's 合计)
            # a unit's own row of its department's 收入总表, or of its 基本支出 / 项目支出 printed unit by unit
            own = compiler.execute(store, known, q, compiler.compile_unit_total(q, known))
            if own.answers:
                return own
        if q.measure in unit_scope.PRINTED_OF_UNITS and not q.change:
            # a unit without its own documents: the programs it spends, added up (its 项目支出, never its income)
            return programs.totals(known, q, compiler.cells(store, compiler.compile_programs(q, known)), "sum")
        return unit_scope.department_only(known, q, q.measure)
    if beside := topic_programs.program_beside_measure(store, known, q):
        return beside  # 公车委托管理花了多少: the program its words name, not the 三公 vehicle figure
    if topic_programs.topic_asked(q):
        return topic_programs.topic_programs(store, known, q, labels)
    results = [figures.facts(store, known, q, labels, m) for m in (q.measures if len(q.measures) > 1 else [measure])]
    if measure == "execution_rate" and not results[0].answers and not q.change:
        # no rate stated: the general-budget spending's final account against the plan it states, computed
        # (asked of a copy: when it finds nothing, the rate's own message below is of the question as asked)
        computed = compiler.answer(store, known, dataclasses.replace(
            q, measure="general_budget_expenditure", measures=["general_budget_expenditure"], operation="plan_vs_actual"))
        if computed is not None and computed.answers:
            return computed
    said = "".join(r.message for r in results if r.answers and r.message)  # of answers (a change two ways disagreeing)
    if q.operation == "sum" and len(results) >= 2 and not q.change and parts_of_one(q.measures) \
            and (total := added(results)):
        return Result([*(a for r in results for a in r.answers), total], results[0].sparql, total["text"] + "。",
                      results[0].cube_query)  # 人员经费和公用经费一共多少: each, then their sum
    found = Result([a for r in results for a in r.answers], results[0].sparql,
                   said or (None if any(r.answers for r in results) else results[0].message), results[0].cube_query)
    return side_by_side.added(q, found, labels) or found  # 甲局2026年和乙局2025年的机关运行经费加起来: both, and their sum


def _programs_compared(q: Question) -> bool:
    """Whether two programs are compared (审计培训和审计事务这两个项目，哪个钱多), one of them named as no classified
    line: like with like — the other is the program too, though a line has its name (审计事务, the 20108 line)."""
    if q.operation != "compare" or len({e.label for e in q.entries("program")}) != 2:
        return False
    return any("item" not in m.kinds for m in q.mentions if "program" in m.kinds)
