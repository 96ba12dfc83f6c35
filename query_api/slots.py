"""Slots of a question that are not entities: the year, document type (预算/决算), scope (本级/汇总),
a comparison with a number ("超过2000万元"), an order ("最大的", "排第一"), a count, a change on last
year ("比上年") and the measure asked for (收入, 三公经费, 政府采购, …)."""

from __future__ import annotations

import datetime
import re
from typing import TYPE_CHECKING

from query_api.answer_type import ORGANISATION
from query_api.lexicon import normalise

if TYPE_CHECKING:
    from query_api.nlu import Question

# Measures a department/year has, by the patterns that ask for them: earlier patterns claim their words
# first (一般公共预算财政拨款收入 before 收入), every measure named is asked for. Keys follow the record
# contract's fact keys; "three_public" picks the budget or the actual by document type.
# the procurement a kind of it is asked of, before the kind: 采购预算里 / 政府采购中，/ 政府采购，服务类 (a pause after
# 里 or 中, or before a kind said with 类, kept)
_OF_PROCUREMENT = r"采购(?:[^，,。？?和与及、]{0,4}[里中][，,]|[，,](?=[^，,。？?和与及、]{0,6}类))?[^，,。？?和与及、]{0,6}"
MEASURE_WORDS: list[tuple[str, str]] = [
    # the appropriation alone (一般公共预算拨款, 浙江's 一般公共预算当年拨款) is the income side's
    (r"一般公共预算(?:财政)?拨款收入|一般公共预算收入|一般公共预算(?:财政)?(?:当年)?拨款(?!支出)", "general_budget_revenue"),
    (r"一般公共预算(?:财政)?拨款支出|一般公共预算支出", "general_budget_expenditure"),
    # (the fund's spending said with the verb between: 拿政府性基金安排了哪些支出, 政府性基金列支的支出)
    (r"政府性基金(?:预算)?(?:财政)?拨款支出|政府性基金(?:预算)?(?:(?:财政)?拨款)?(?:(?:安排|列支)了?的?(?:哪些|什么|多少)?)?支出",
     "government_fund_expenditure"),
    # (a fund's appropriation named without 收入 is still that fund's, never every fund's 财政拨款)
    (r"政府性基金(?:预算)?(?:财政)?拨款(?:收入)?(?!支出)|政府性基金收入", "government_fund_revenue"),
    (r"国有资本经营预算(?:财政)?拨款(?:收入)?(?!支出)", "state_capital_revenue"),
    # the income's other sources, each its own row of the 收支总表 (其他收入比上年多了多少: that row, not the whole income)
    (r"上级补助收入|上级补助", "superior_subsidy_revenue"),
    (r"事业收入", "business_revenue"),
    (r"经营收入", "operating_revenue"),
    (r"附属单位上缴(?:收入)?", "affiliated_revenue"),
    (r"其他收入", "other_revenue"),
    # the self-evaluation's whole: 部门整体支出 (its 全年预算数 and 执行数), never the total of the tables; its plan
    # when that is what is asked (部门整体支出预算是多少; not …全年预算280万元，实际执行了多少); its completion rate
    # (整体支出完成了预算的百分之几) is the rate's own words
    (r"整体支出的?(?:全年|年初)?预算数?(?!.{0,20}(?:执行|实际|花|用|决算))", "overall_expenditure_budget"),
    (r"(?:部门)?整体支出(?![^，,。？?]{0,4}(?:执行率|完成率|完成了?(?:年初)?预算))", "overall_expenditure"),
    (r"(?<![算费”])财政拨款支出", "fiscal_appropriation_expenditure"),
    (r"财政拨款(?:收入)?(?!支出)", "fiscal_appropriation_revenue"),
    # (出国考察的钱, 出境花了多少: going abroad is the one figure that says it)
    (r"因公出国|出国出境|出国（境）|出国\(境\)|出国|出境", "three_public_outbound"),
    (r"公务接待", "three_public_reception"),
    # the equipment held above the template's unit price (单价100万元以上的设备有几台, 大型设备): a count
    (r"100万元?(?:[（(]含[）)])?以上(?:的)?(?:通用|专用)?设备|大型设备", "large_equipment"),
    # the whole 公务用车 cost, then its two halves, each its own figure (公务用车运行维护费248.50万元)
    (r"(?:公务用车|公车)购置[及和与]运行(?:维护)?(?:费|经费|支出)?", "three_public_vehicle"),
    # (each also as people say it: 养车 / 公车的油费 are the running costs, 买公车 / 添置车辆 the purchase)
    # (公务车 is 公务用车 as people say it: 公务车的运行费 is its running cost; these claim their words before the
    # count below does, so a cost asked of the 公务车 is never read as the number held)
    (r"(?:公务用?车|公车|车辆?)的?运行(?:及)?(?:维护|维修)?(?:费|经费|支出)?|养车|修车"
     r"|(?:公务用?车|公车|车辆?)的?(?:油费|加油|燃油|燃料|维修|维护|保养|保险|过路|路桥|停车)", "three_public_vehicle_operation"),
    (r"(?:公务用?车|公车|车辆?)的?购置(?:费|经费|支出)?|(?:购置|购买|买|添置|新购|新买)了?(?:公务用?车|公车|车辆?)",
     "three_public_vehicle_purchase"),
    # how many vehicles are held (几辆车, 公务车有多少辆): a count, not the money spent on them
    (r"(?:几|多少)辆|(?:几|多少)台(?=(?:公务用?|公)?车)|车辆?(?:的)?(?:数量|总数|台数)|车辆数|公务车(?!购置|运行|费|经费|支出|开支)",
     "vehicles"),
    (r"公务用车|公车", "three_public_vehicle"),
    (r"三公", "three_public"),
    (r"机关运行经费|机关运行费|行政经费|运行经费|机关运转经费", "administrative_operating_cost"),
    # a kind of procurement (政府采购预算里服务类的, 政府采购里，货物类的): that part, never the whole
    (_OF_PROCUREMENT + r"服务类?|服务类?(?:政府)?采购", "procurement_services"),
    (_OF_PROCUREMENT + r"货物类?|货物类?(?:政府)?采购", "procurement_goods"),
    (_OF_PROCUREMENT + r"工程类?|工程类?(?:政府)?采购", "procurement_works"),
    (r"政府采购|采购预算|采购金额|采购资金|采购支出|采购了?多少", "government_procurement"),
    # a kind of spending a prose section states (委托业务费情况); an item's row where the tables print one
    (r"委托业务费", "commissioned_services"),
    # the two parts of 基本支出 by use, however the document names them (人员经费 / 人员支出, 公用经费 / 日常公用支出)
    (r"人员(?:支出|经费)|人头经费", "personnel_expenditure"),
    (r"(?:日常)?公用(?:支出|经费)", "public_expenditure"),
    (r"基本支出", "basic_expenditure"),
    (r"项目支出", "project_expenditure"),
    (r"年初结转|上年结转", "carryover_begin"),
    (r"年末结转|结转下年", "carryover_end"),
    # the whole budget's completion asked without a figure named (完成预算的百分之几): the rate stated, else
    # the general-budget spending's final account against its plan (answering/plan.py)
    (r"执行率|完成率|完成了?(?:年初)?预算的?(?:百分之(?:几|多少)|百分比|多少|比例|几成)", "execution_rate"),
    # a score however it is asked (平均得分, 评分): the self-evaluation's, the only score the documents give
    (r"自评得分|绩效得分|自评分|得分|评分|分数|平均分|多少分", "performance_score"),
    # the units a budget covers, its own 本级 among them (纳入预算编制范围的单位): a count the document prints
    (r"纳入[^，,。？?]{0,16}?范围的?(?:二级)?(?:预算)?单位", "budget_unit_count"),
    # the staff counted (ingest.staff_counts): 核定编制多少人, 实有多少人 / 一共多少人, 在职的有几个, 离退休多少人
    # (编制数 / 编制人数 a count however said; 编制 alone asked or set beside another: 比编制少, 编制和实有人数)
    (r"(?<!预算)编制(?:数|总数|人数)?(?=[是为有]?(?:多少|几))|核定编制|编制内|(?<!预算)编制(?:总数|人数|数)"
     r"|(?<!预算)编制(?=和|与|跟|比|相差|差|少|多)", "staff_authorized"),
    (r"实有(?:人员|人数)?|(?:一共|总共|共有|共)(?:有)?(?:多少|几)(?:个)?(?:人|名)", "staff_actual"),
    (r"在职(?:人员|人数|的)?(?=[是为有]?(?:多少|几))", "staff_active"),
    (r"离退休(?:人员|人数|的)?(?=[是为有]?(?:多少|几))", "staff_retired"),
    (r"国有资产|资产总额|资产总计|资产合计|总资产", "state_assets_total"),
    # the assets held said loosely (名下有多少资产, 账上的资产): the total where printed, else the fixed assets
    # (figures.FALLBACKS), each answered by its own name
    (r"(?:名下|账上|账面上?|手里|拥有|占有|占用)(?:的|有|了)?(?:多少)?资产|有多少资产|(?<!固定)(?<!国有)(?<!无形)资产有多少", "assets_held"),
    # the assets a budget plans to buy (拟购置固定资产, 新购置多少固定资产), not those held
    (r"(?:购置|购买|采购|添置|买)[^，,。？?]{0,6}?固定资产|资产购置", "fixed_assets_purchase"),
    (r"(?:固定)?资产(?:的)?(?:账面)?净值", "fixed_assets_net"),
    (r"固定资产", "fixed_assets"),
    (r"车辆|(?:几|多少)辆车", "vehicles"),
    (r"收入", "revenue_total"),
    # (多花了 / 少用了 after a comparison is the difference's verb, not a measure: 决算比预算少花了多少)
    (r"支出|(?<![多少])花了|花费|开支|开销|(?<![多少])用了多少", "expenditure_total"),
    # the budget's grand total of revenue and spending (收入总计 = 支出总计), asked in people's words: 收支总预算,
    # 收支总计, 预算总收支, 收支预算总额
    (r"收支(?:预算)?总(?:预算|计|规模|盘子|额)|(?:预算)?总收支|收支总体规模", "grand_total"),
    (r"总计", "grand_total"),
    # (汇总数 is the consolidated figure's scope, no measure: 含下属单位的汇总数)
    (r"总额|(?<!汇)总数", "revenue_total"),
    # (部门预算总支出 is spending: the budget's words before a head noun that names the figure only qualify it)
    (r"部门(?:预算|决算)(?!总?(?:支出|收入))", "revenue_total"),
    # the budget's size in everyday words (预算盘子, 盘子多大): the department's whole, as 部门预算 names it
    (r"盘子", "revenue_total"),
]

# Words that ask for a rating (自评结果, 自评等级, 评价结果, 绩效评级, 评为什么, 自评怎么样, 自评为良好吗).
# (评了个什么等级, 自评拿了什么等次: a rating noun a few words after the evaluation's)
RATING_WORDS = re.compile(r"(?:自评|评价|考评|评估)(?:的)?(?:结果|结论|等级|等次|级别|情况|档次)|评级|评定|"
                          r"(?:绩效|自评|评价|考评)(?:(?!指标|目标)[^，,。？?]){0,8}?(?:等级|等次|级别|档次)|"
                          r"评(?:为|了|上|的是|得)个?(?:什么|哪|几|啥)|"
                          r"(?:自评|绩效|评价|考评)(?:得|拿|打)?(?:了|的)?(?:怎么样|如何|好不好|咋样|是什么)|"
                          r"自评(?:结果)?(?:为|是)|评价结果(?:为|是)|评为")
_SCORE = re.compile(r"得分|分数|打分|评分|多少分|几分")


def asks_rating(text: str) -> bool:
    """Whether a question asks for a self-evaluation rating (its score alone is an amount question)."""
    return bool(RATING_WORDS.search(text)) and not (_SCORE.search(text) and not re.search(r"等级|评级|结果", text))


# The counts the “三公” narrative prints beside its money (ingest.three_public_counts), by the figure whose words
# the question names and the count it asks: (measure, count asked, key)
_TIMES = r"(?:几|多少)(?:个)?(?:批次|批|次|趟|回)|批次|次数"
_PERSONS = r"(?:几|多少)(?:个)?(?:人次|人)|人次|人数"
THREE_PUBLIC_COUNTS = [
    ("three_public_reception", _TIMES, "reception_batches"),
    ("three_public_reception", _PERSONS, "reception_persons"),
    ("three_public_outbound", r"(?:几|多少)(?:个)?(?:团|团组|批)|团组", "outbound_groups"),
    ("three_public_outbound", _PERSONS, "outbound_persons"),
    ("three_public_vehicle_purchase", r"(?:几|多少)辆|数量|台数", "vehicle_purchases"),
]

# and those the 一般性支出 narrative prints beside a cost no measure names (培训费, 会议费), by the words naming it
COST_COUNT_WORDS = [
    (r"培训", r"(?:几|多少)(?:期|场|批)|期数", "training_sessions"),
    (r"培训", _PERSONS, "training_persons"),
    (r"会议|开会|开了?(?:几|多少)(?:次|个|场)会", r"(?:几|多少)(?:个|场)?(?:次|会)|次数", "meeting_count"),
    (r"会议|开会|参会", _PERSONS, "meeting_persons"),
]

COST_COUNTS = {key for _, _, key in COST_COUNT_WORDS}
PRINTED_COUNTS = {key for _, _, key in THREE_PUBLIC_COUNTS} | COST_COUNTS


def _of_a_program(q: Question) -> bool:
    """Whether the question asks of a program: says one's whole name or 项目 (审计培训项目计划培训多少人次, 培训那个项目一年
    办几场培训: its indicator is asked, not the department's 一般性支出 count)."""
    return "项目" in q.text or any(normalise(e.label) in normalise(q.text) for e in q.entries("program"))


def cost_counts_asked(text: str) -> list[str]:
    """The counts a question asks beside the 会议费 or 培训费 it names by their words (培训几个人: the persons trained),
    money asked beside them or not (培训费多少，培训几个人: the line's money is answered too)."""
    return [key for said, asked, key in COST_COUNT_WORDS if re.search(said, text) and re.search(asked, text)]


def counts_asked(text: str, measures: list[str]) -> list[str]:
    """The counts a question asks of the “三公” figures it names (接待了几次、多少人: the batches and the persons),
    in the order of THREE_PUBLIC_COUNTS; none when it asks money (花了多少钱)."""
    if _MONEY.search(re.sub(r"公务接待费?|出国[（(]境[）)]费?|购置费?", "", text)):
        return []
    return [key for measure, asked, key in THREE_PUBLIC_COUNTS if measure in measures and re.search(asked, text)]


# a count of vehicles asked (几辆, 多少辆, 车辆数): only then is the 公务用车 of a question the vehicles held
VEHICLE_COUNT = re.compile(r"(?:几|多少)[辆台]|数量|车辆数|总数|台数")
_MONEY = re.compile(r"钱|费|支出|开支|开销|花|万元")
GENERAL_MEASURES = ("revenue_total", "expenditure_total", "grand_total")
# Measures of what a department holds (车辆, 资产): no program has such a figure
HOLDINGS = ("vehicles", "state_assets_total", "assets_held", "fixed_assets", "fixed_assets_net", "large_equipment")
# The direction a change is asked in: a decrease asked as 减少了多少 is answered as a positive number. A fall asked
# with the money's verb between (少花了多少, 少安排了多少, 少用了多少) is one too: the one reading of these words (as
# q.change_sign), for every reader of a change's or a difference's sign (answering/change_direction.py)
_FALL_ASKED = re.compile(r"(?:少|降|缩减)(?:花|用|支出|安排|投入)?了?多少")
# a cut asked in everyday words (培训支出压了多少, 预算盘子缩水了多少, 砍掉了多少, 哪一项压得最多): a change asked as a decrease
_CUT_ASKED = re.compile(r"(?:压缩|压减|压|砍|削减|削|缩水|缩)(?:掉|下来|下)?(?:了?多少|得?最多)")  # (压得最多: the largest cut)
_DECREASE = re.compile(rf"减少|下降|降低|少了|减了|降了|降幅|跌|缩减|压减|缩水|{_FALL_ASKED.pattern}|{_CUT_ASKED.pattern}")
_INCREASE = re.compile(r"增加|增长|提高|多了|增了|涨|增幅|上升")
# 含下属单位 / 包括所属单位在内: the scope of the figures asked (the consolidated document), no units asked for
SCOPE_OF_UNITS = re.compile(r"(?:含|包括|包含|连同)(?:下属|所属)(?:预算)?(?:单位|机构)?(?:在内)?")
CONSOLIDATED = re.compile(rf"汇总|合并|{SCOPE_OF_UNITS.pattern}")
# a holding counted over the units (下属各单位一共有多少辆车, 所属单位的车加起来): the consolidated document's figure
_OVER_UNITS = re.compile(r"(?:下属|所属|直属|各)(?:各|的)?(?:预算)?(?:单位|机构)[^，,。？?]{0,6}(?:一共|总共|合计|加起来|共有|共计|总计)")
HOLDINGS_ASKED = re.compile(r"辆|车|台|设备|资产")
# Where a program's money comes from (answering.funding): the sources as the national template heads the program
# tables' funding columns (each column's first words)
SOURCES = r"政府性基金|国有资本经营|财政专户|一般公共预算|事业收入|事业单位经营收入|上级补助收入|附属单位上缴收入|其他资金|单位资金"
# the unit's own money said in plain words (单位自己的资金, 自有资金, 自筹资金): the template's 单位资金
OWN_MONEY = r"单位自(?:己的?|有|筹)(?:的?资金|的?钱)?|自有资金|自筹资金"
_COMES = r"来自|来源于|来源(?:是|为)|出自|使?用的?(?:都|全)?是|使?用了?|由|从|靠"
# 钱来自政府性基金预算 / 用了国有资本经营预算的 / 政府性基金预算安排的 / 一般公共预算拨款的钱: said of the money, never a
# line's own name (一般公共预算财政拨款支出: no word of money's coming before it, no 安排的 / 拨款的 after it)
_FUNDING = re.compile(rf"(?:(?:钱|资金|经费)(?:是|都|全)?)?(?:{_COMES})(?P<fund>{SOURCES}|{OWN_MONEY})(?:预算|管理资金|资金)?(?:的钱|的资金)?"
                      rf"(?:安排|列支|拨付)?的?|(?P<fund2>{SOURCES})(?:预算|管理资金|资金)?(?:安排|列支|(?:财政)?拨款|拨付)的"
                      rf"(?:钱|资金|经费)?"
                      rf"|(?P<other>除了?)(?P<fund3>{SOURCES})(?:预算|管理资金|资金)?(?:安排的?|的?资金|的钱)?(?:之外|以外|外)?")
# not wholly from the source named (不全是一般公共预算安排的, 不完全由…安排, 除了…还有其他资金来源): another source's money
_NOT_WHOLLY = re.compile(r"(?:不全|不完全|不都|不全部|并非全部?|并不全|不只|不仅|不止|不单)(?:是|由|来自|用|靠|从)?$")
_OTHER_TOO = re.compile(r"^[，,]?(?:还|也)(?:有|用了?|来自)(?:其他|其它|别的)(?:的)?(?:资金来源|来源的?资金|资金|来源|钱|经费)?")
_PROGRAMS = re.compile(r"项目|专项")


def funding_asked(text: str) -> tuple[str, tuple[int, int]] | None:
    """The funding source a question about programs names (as its column begins: 政府性基金) and the span of
    the words that say it; None when it names none, or asks about no programs."""
    found = funding_condition(text)
    return None if found is None else found[:2]


def funding_condition(text: str) -> tuple[str, tuple[int, int], bool] | None:
    """`funding_asked`, and whether the money is asked to be not wholly from that source (不全是一般公共预算安排的,
    除了一般公共预算还有其他资金来源): the span then holds the words of the negation too."""
    if not _PROGRAMS.search(text):
        return None
    found = _FUNDING.search(text)
    if found is None:
        return None
    start, end = found.span()
    before, after = _NOT_WHOLLY.search(text[max(0, start - 6):start]), _OTHER_TOO.match(text[end:])
    start -= len(before.group()) if before else 0
    end += after.end() if after else 0
    fund = found.group("fund") or found.group("fund2") or found.group("fund3")
    return ("单位资金" if re.fullmatch(OWN_MONEY, fund) else fund, (start, end),
            bool(found.group("other") or before or after))


# 最多租几次车 / 最少要完成多少: at most / at least, said of the figure asked (a verb between the word and the
# question word), never the superlative of 预算最多的项目 / 最多的是多少 / 最多多少
AT_MOST = re.compile(r"(?:最多|最少|最高|最低)(?![是为的])[^，,。？?的是为]{1,3}?(?:几|多少)")
_CHANGE = re.compile(rf"{_CUT_ASKED.pattern}|比上年|较上年|比去年|较去年|同比|上年|上一年|前一年|增减|变化|变动|增加了?多少|减少了?多少|增长了?多少|"
                     r"下降了?多少|涨了?多少|降了?多少|增幅|降幅|增长率|下降率|是增是减|(?:与|和|跟|同|较)去年|"
                     # the money's verb between: 比2023年多花了多少, 少用了多少
                     r"(?:多|少)(?:花|用|支出|安排|投入)了?多少|缩水|"
                     # a direction asked as a choice: 增长了还是下降了, 多还是少, 是涨是跌
                     r"(?:增|涨|多|升|提高|上升)[加长]?了?(?:还是|或是|或者|是)(?:减|降|少|跌|下降|降低)")
# A change asked as a rate (降幅, 增长了百分之几): the stated percentage, not the amount.
_CHANGE_RATE = re.compile(r"增幅|降幅|幅度|增长率|下降率|百分之(?:几|多少)|百分点|百分比|几成|%")
YEAR = re.compile(r"(?<![\d.])((?:19|20)\d\d)(?![\d.])(?!\s*(?:万|亿|元|千|百|个|项|台|秒|%))\s*(?:年度|年)?")
_NUMBER = re.compile(r"(\d+(?:\.\d+)?)\s*(亿元|亿|千万元|千万|百万元|百万|万元|万|千元|元)?")
_COMPARATORS = [
    (re.compile(r"不少于|不低于|至少|大于等于|大于或等于|以上（含）|及以上"), ">="),
    (re.compile(r"不超过|不高于|不多于|至多|小于等于|小于或等于|及以下"), "<="),
    (re.compile(r"超过|大于|高于|多于|以上|超出"), ">"),
    (re.compile(r"低于|少于|小于|不足|以下|不到"), "<"),
]
_BETWEEN = re.compile(r"(\d+(?:\.\d+)?)\s*(亿元|亿|万元|万|元)?\s*(?:到|至|-|~|～|和)\s*(\d+(?:\.\d+)?)\s*(亿元|亿|万元|万|元)?\s*(?:之间|以内|范围)")
_YEAR_END = re.compile(r"((?:19|20)\d\d)\s*年\s*(?:底|末|年底|年末|12\s*月\s*31\s*日)")
_SCALE = {"亿元": 10000, "亿": 10000, "千万元": 1000, "千万": 1000, "百万元": 100, "百万": 100,
          "万元": 1, "万": 1, "千元": 0.1, "元": 0.0001, None: 1}

# Politeness and requests around a question (请问, 帮我查一下, 我想知道, 谢谢): not part of what is asked.
_REQUEST = re.compile(r"^(?:(?:你好|您好|请问一下|请问|请帮我|请帮忙|帮我|帮忙|麻烦(?:你|您)?|我想(?:知道|了解|问一下|问|查)?|想(?:知道|了解|问)|"
                      r"请|查一下|查询一下|查询|查查|搜一下|看一下|看看|(?:能|可以)?告诉我|问一下|能否|能不能|可以|"
                      r"(?:列举|列出|统计|整理)(?:一下)?)[,，:：\s]*)+")
_THANKS = re.compile(r"(?<=[\u4e00-\u9fff\d])(?:吗|呢|吧)?[,，。!！?？\s]*(?:谢谢(?:你|您)?|多谢|感谢)?[?？。!！\s]*$")


# A trailing instruction on how to answer ("…？只列项目名称，不要金额"): not part of what is asked.
_OUTPUT_WISH = re.compile(r"[?？。，,;；!！]\s*((?:请|麻烦)?(?:只|仅|不要|不用|无需|不需要|列出|给出|按)[^?？]*)[?？。!！]*$")


# A second ask after a comma for the members of what the first counts or lists, or for each one's amount
# (…共几个，各叫什么 / 分别是哪些 / 都有哪些 / 名单呢 / 各多少钱; or in a sentence of its own: 有几个？都叫什么): an output wish, "members" — answered beside the
# first (the count, then each member), never read as a question of its own.
_MEMBERS_WISH = re.compile(r"[，,;；?？。]\s*((?:那|它们|他们|这些|其|具体)?(?:都|各自?|分别|具体|一共|又|还)*(?:"
                           r"(?:是|叫|叫做|有|包括)?(?:哪些|哪几个|哪几家|什么|啥)(?:名字|名称|单位|机构|项目)?"
                           r"|(?:名单|名称|名字|清单)(?:是什么|有哪些|呢)?"
                           r"|(?<=[各别])(?:花了|是|有|安排了?|用了)?多少钱?)"
                           r")(?:呢|啊)?[?？。!！]*$")


# …最大的项目是哪个，多少钱 (or in a sentence of its own: 是哪个？多少钱？): a second ask for the amount of what the first
# finds — an output wish, "amounts" (the first's answer carries its amount), never a sum of its own.
_AMOUNT_WISH = re.compile(r"[，,;；?？。]\s*(?:它|其|这个项目)?的?(?:金额|预算|经费|资金)?(?:是|有|为|花了|安排了?|用了|要)?"
                          r"多少(?:钱|万元?)?(?:呢|啊)?[?？。!！]*$")
# 有哪些科室，一共几个 / 有哪些项目？一共几个: a count asked after a list — both are answered (the count, then each member).
_COUNT_TOO = re.compile(r"[，,;；?？。]\s*(?:那|它们|这些)?(?:一共|总共|共计?)?有?(?:几个|多少个|几家|多少家|几项|多少项)(?:呢)?[?？。!！]*$")
# 一共几个项目？列一下: the members asked for in a sentence after the count (列一下 / 列出来 / 列个清单)
_LIST_TOO = re.compile(r"[，,;；?？。]\s*(?:请|麻烦)?(?:都|分别|具体)?(?:列一下|列出来|列一列|列举一下|列举出来|列个?(?:清单|名单))"
                       r"(?:吧|呢)?[?？。!！]*$")
_ASKS = re.compile(r"几|多少|哪|什么|谁|最")


def output_wish(text: str) -> tuple[str, str | None]:
    """The question without a trailing instruction, and the wish it states: "names" (只列名称, 不要金额),
    "amounts" (只要金额), "members" (a second ask for the members or each one's amount: 共几个，各叫什么) or
    "other"; None without one."""
    members = _MEMBERS_WISH.search(text) or _LIST_TOO.search(text)
    # 某局，有哪些项目: the one question, not a second; 一共几个，列出来 is no 列出… wish of how to answer
    if members and _ASKS.search(text[:members.start()]):
        return text[:members.start()], "members"
    match = _OUTPUT_WISH.search(text)
    if not match:
        # (实际花了多少，预算是多少: the plan beside the actual is a second figure asked, no wish of how to answer)
        if (amount := _AMOUNT_WISH.search(text)) and _ASKS.search(text[:amount.start()]) \
                and not ("预算" in amount.group() and re.search(r"实际|决算|执行|花", text[:amount.start()])):
            return text[:amount.start()], "amounts"
        if (count := _COUNT_TOO.search(text)) and re.search(r"哪|什么", text[:count.start()]):
            return text, "members"  # the count asked, the members listed beside it
        return text, None
    wish = match.group(1)
    kind = "names" if re.search(r"名称|名字|不要金额|不用金额|不要数字", wish) else \
        ("amounts" if re.search(r"金额|数字|多少", wish) else "other")
    return text[:match.start()] + text[match.start()], kind


def without_request(text: str) -> str:
    """`text` without the politeness and request words around the question itself."""
    return _THANKS.sub("", _REQUEST.sub("", text)) or text


_DIGITS = {c: str(i) for i, c in enumerate("零一二三四五六七八九")} | {"〇": "0", "○": "0", "Ｏ": "0"}


def written_years(text: str) -> str:
    """Years as people write them, in four digits: 二〇二四年 → 2024年, 24年(度) → 2024年(度)."""
    text = re.sub(r"[〇○零一二三四五六七八九]{4}(?=年)", lambda m: "".join(_DIGITS.get(c, c) for c in m.group()), text)
    return re.sub(r"(?<![\d.])([1-3]\d)(?=年)(?!年[前后内来间])", lambda m: "20" + m.group(1), text)


# a past year said relative to today (去年, 前年), not as what a figure is measured against (比去年, 与去年相比, 去年同期:
# the change's own words, read as a change) nor as money's origin (去年结转过来的: the carried-over column). 今年 stays
# unread: the latest document is this year's, as a question with no year is read
_RELATIVE_YEAR = re.compile(r"(?<![比较与和跟同于])(去年|前年)(?:度)?(?!\s*(?:相比|对比|同期|结转|结余|剩))")
_YEARS_BACK = {"去年": 1, "前年": 2}


def relative_years(text: str, today: datetime.date | None = None) -> str:
    """去年, 前年 said where no year is written, as the years they are today (in 2026: 2025年, 2024年) — never read
    as no year, which answered the latest document's figure to 去年的预算是多少. A question that writes a year keeps
    its words (2026年预算比去年: the change's own reading)."""
    if YEAR.search(text):
        return text
    year = (today or datetime.date.today()).year
    return _RELATIVE_YEAR.sub(lambda m: f"{year - _YEARS_BACK[m.group(1)]}年", text)


_NUMERALS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_POWERS = {"十": 10, "百": 100, "千": 1000}


def _chinese_number(text: str) -> int | None:
    """一千五百 → 1500, 两千 → 2000, 十 → 10, 三十五 → 35 (below ten thousand); None if it is not one."""
    total, digit = 0, None
    for char in text:
        if char in _NUMERALS:
            digit = _NUMERALS[char]
        elif char in _POWERS:
            total += (1 if digit is None else digit) * _POWERS[char]
            digit = None
        else:
            return None
    return total + (digit or 0)


def written_numbers(text: str) -> str:
    """Amounts written in Chinese numerals, in digits: 两千万元 → 2000万元, 五百万 → 500万, 一亿 → 1亿."""
    def digits(match: re.Match) -> str:
        value = _chinese_number(match.group(1))
        return f"{value}{match.group(2)}" if value else match.group()

    return re.sub(r"([一二两三四五六七八九十][零一二两三四五六七八九十百千]*)(万|亿|元)", digits, text)


# A demonstrative before a number of things (那几个原水管项目, 这些项目) or a sum of money (扶持中小企业的那块钱) points
# at them: it asks nothing. 那块 only as a spot (那块钱, 那块的…, 农林水那块是多少, 那块（…）), never a thing's measure word
# (那块地, 这块牌子: the thing asked about)
_DEMONSTRATIVE = re.compile(r"(?<=[\u4e00-\u9fff])[那这](?:几[个项家笔]|些|[笔份]|"
                            r"块(?:钱|资金|经费)?(?=[的里中是有花用预安支（(，,。；;？?]|$))")
# Things said as the set asked among (的几个一级项目里，哪个最少): 几个 picks them out, it asks no count
_AMONG = re.compile(r"(?<=[\u4e00-\u9fff])几[个项家](?=[^，,。？?]{1,12}?(?:里|中|当中|之中)[，,]?[^。？?]*哪)")

# A share asked the other way round, the whole first (预算有百分之多少花在一般公共服务支出上): said as the share's own
# words, the part before 占 (…预算中一般公共服务支出占百分之多少), the whole before it a container
_SPENT_ON = re.compile(r"有?(百分之(?:几|多少)|几成|多大比例|多少比例|多大比重)(?:是|的钱|的资金)?"
                       r"(?:花|用|投|投入|安排|支出)(?:在|到|于|给)了?([^，,。？?]{2,20}?)(?:上面?|方面)?(?=[？?。！!]*$)")


def plain_question(text: str) -> str:
    """A normalised question as the slots and entity matching read it: without request words, with years
    in four digits and amounts in digits, without a demonstrative pointing at what is asked about, a share said
    whole first as its part's."""
    text = _AMONG.sub("", _DEMONSTRATIVE.sub("", without_request(text)))
    return written_numbers(relative_years(written_years(_SPENT_ON.sub(r"中\2占\1", text))))


def amount_slots(question: Question, text: str) -> None:
    """Comparison and number ("超过2000万元" → > 2000.0 万元), order ("最大", "前3"), year."""
    years = list(dict.fromkeys(int(y) for y in YEAR.findall(text)))
    if len(years) == 1 and re.search(rf"(?:比|较|相较于?)\s*{years[0]}\s*年|(?:与|和|跟|同)\s*{years[0]}\s*年\s*(?:相比|比|对比)", text):
        # the one year named is what a figure is measured against (…比2025年减少多少): the change of the
        # year after, as its document states it
        question.base_year, years = years[0], [years[0] + 1]
    question.year = years[0] if years else None
    question.years = years
    end = _YEAR_END.search(text)  # 到2025年底: a stock held then is stated by that year's final account or the next budget
    question.as_of = int(end.group(1)) if end else None
    for pattern, comparator in _COMPARATORS:
        match = pattern.search(text)
        if not match:
            continue
        tail = _NUMBER.search(text, match.end())
        # 2023年预算500万元以上: the number just before it (the last of the words before, never a year before that)
        head = None if tail else next(reversed(list(_NUMBER.finditer(text[:match.start()][-12:]))), None)
        number = tail or head
        if number and (not years or number.group(1) not in map(str, years) or number.group(2)):
            question.comparator = comparator
            question.number = float(number.group(1)) * _SCALE[number.group(2)]
            break
    text = AT_MOST.sub(" ", text)  # 一年最多租几次车: a bound of the figure asked, no order
    if re.search(r"最大|最高|最多|最贵|最大的|排名|排行|前\d+|前[一二三四五六七八九十]+|多到少|高到低|大到小", text):
        question.order = "desc"
    if re.search(r"(?:排名?|位居|位列|名列)?第一(?:名|位)?的|排第一|排名第一|第一名|居首|榜首|之最", text):
        question.order, question.limit = question.order or "desc", 1
    if re.search(r"最小|最低|最少|最便宜|少到多|低到高", text):
        question.order = "asc"
    top = re.search(r"前([\d一二两三四五六七八九十]+)", text) or \
        re.search(r"最[大高多小低少贵]的?(?:是|为)?(?:哪)?([\d一二两三四五六七八九十]+)(?:个|项|名|类(?=项目|工程|专项)|条)", text) or \
        re.search(r"哪([\d两二三四五六七八九十]+)(?:个|项|类|条)(?=[^，,。？?]{0,12}?最)", text)  # 哪三个项目预算最多
    if top:
        question.limit = small_number(top.group(1))
    between = _BETWEEN.search(text)
    if between:
        low = float(between.group(1)) * _SCALE[between.group(2) or between.group(4)]
        high = float(between.group(3)) * _SCALE[between.group(4)]
        question.comparator, question.number, question.number_high = "between", min(low, high), max(low, high)


def small_number(text: str) -> int | None:
    """1–99 written in digits or Chinese numerals (三, 十, 十二, 二十)."""
    if text.isdigit():
        return int(text)
    digits = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
    if "十" in text:
        tens, _, ones = text.partition("十")
        return digits.get(tens, 1) * 10 + digits.get(ones, 0)
    return digits.get(text)


def _apart(text: str, a: tuple, b: tuple) -> bool:
    """Whether a conjunction stands between two matched words."""
    left, right = sorted((a, b))
    return bool(re.search(r"[和与及、,，]|以及", text[left[1]:right[0]]))


_AFTER_BI = re.compile(r"比([\u4e00-\u9fff]{2,6}?)(?=多|少|高|低|大|小|超|差|的)")
# the second of two figures added up, named without the head the first gives (采购货物和服务加起来: 政府采购服务)
_AFTER_AND = re.compile(r"(?:和|与|及|跟|、)([\u4e00-\u9fff]{2,4}?)类?(?=的?(?:加起来|加在一起|一共|合计|总共|共计|总和|之和))")


def _elided(text: str, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The figure after 比 named without the head the one before it gives (公务用车购置费比运行费多多少: 运行费 is
    公务用车运行费), or after 和 of two added up (采购货物和服务加起来), where those words name no figure themselves."""
    at = _AFTER_BI.search(text) or _AFTER_AND.search(text)
    if not at or any(at.start(1) <= s < at.end(1) for s, _, _ in found):
        return []
    before = [f for f in found if f[1] <= at.start()]
    if not before:
        return []
    start, end, key = before[-1]
    said = text[start:end]
    for cut in range(len(said) - 1, 1, -1):  # the longest head first
        spans = measure_spans(said[:cut] + at.group(1))
        if len(spans) == 1 and spans[0][:2] == (0, cut + len(at.group(1))) and spans[0][2] != key:
            return [(at.start(1), at.end(1), spans[0][2])]
    return []


def measure_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, measure) of each measure word of `text`, in text order; earlier patterns claim their words first."""
    found, taken = [], [False] * len(text)
    for pattern, key in MEASURE_WORDS:
        for match in re.finditer(pattern, text):
            if not any(taken[match.start():match.end()]):
                taken[match.start():match.end()] = [True] * (match.end() - match.start())
                found.append((match.start(), match.end(), key))
    return sorted(found)


def said_in(text: str, key: str, default: str | None = None) -> str | None:
    """The words `text` names the measure `key` with (人员经费), else `default`."""
    return next((text[a:b] for a, b, k in measure_spans(text) if k == key), default)


_SCOPE_SAID = re.compile(rf"本级|{CONSOLIDATED.pattern}")


def side_scopes(text: str, sides: list[tuple[int, str]]) -> dict[str, str]:
    """The scope each of two or more organisations is asked in where the words say it within that side's own
    words (甲局2024年（含下属单位的汇总数）和乙局2026年: 甲局's 汇总, 乙局's left to its documents): a side's words
    run from its name (`sides`: (where the name starts, label)) to the next side's name. Words after the last
    name are that side's when they stand in brackets beside it (乙局2026年（本级）) or an earlier side has its own
    too, else they are the whole question's (its `scope`); {} when no side has its own."""
    starts = sorted(dict((label, at) for at, label in sorted(sides, reverse=True)).items(), key=lambda kv: kv[1])
    if len(starts) < 2:
        return {}
    said: dict[str, str] = {}
    bracketed = False  # a scope said in brackets beside the last side
    for m in _SCOPE_SAID.finditer(text):
        side, at = next(((label, at) for label, at in reversed(starts) if at <= m.start()), (None, 0))
        if side is not None:
            said.setdefault(side, "standalone" if m.group() == "本级" else "consolidated")
            opened = max(text.rfind("（", at, m.start()), text.rfind("(", at, m.start()))
            bracketed |= side == starts[-1][0] and opened >= 0 and not re.search(r"[）)]", text[opened:m.start()])
    return said if set(said) - {starts[-1][0]} or bracketed else {}


def document_slots(question: Question, text: str) -> None:
    if "决算" in text or re.search(r"实际支出|执行数|完成数|实际完成", text):
        question.doc_type = "final_account"
    elif "预算" in text:
        question.doc_type = "budget"
    if "本级" in text:
        question.scope = "standalone"
    # (整体 is no scope word: 部门整体支出 is the department's whole, whichever document it publishes; a scope
    # asked is answered from that scope's document only)
    elif CONSOLIDATED.search(text) or _OVER_UNITS.search(text) and HOLDINGS_ASKED.search(text):
        question.scope = "consolidated"  # (下属各单位一共有多少辆车: the figure printed for them all)
    question.change = bool(_CHANGE.search(text)) or question.base_year is not None
    question.change_rate = question.change and bool(_CHANGE_RATE.search(text)) and not SHARE_ASKED.search(text)
    down, up = _DECREASE.search(text), _INCREASE.search(text)
    question.change_sign = 0 if bool(down) == bool(up) else (-1 if down else 1)
    found = measure_spans(text)
    found = sorted(found + _elided(text, found))
    specific = [f for f in found if f[2] not in GENERAL_MEASURES]
    # 基本支出和项目支出: both; a general word beside a specific one (三公经费实际支出) only says which figure,
    # unless a conjunction sets it apart (收入总额和三公经费)
    kept = [f for f in found if f in specific or not specific or all(_apart(text, f, g) for g in specific)]
    question.measures = list(dict.fromkeys(key for _, _, key in kept))
    if not specific and found:  # 收入和支出: both; 收入预算总额: one
        question.measures = list(dict.fromkeys([found[0][2]] + [f[2] for f in found[1:] if _apart(text, found[0], f)]))
    # 三公经费中公务接待费: the figure named inside another is the one asked (the container only places it)
    containers = {key for _, end, key in found if _CONTAINER.match(text, end) and any(g[0] > end for g in found)}
    question.measures = sorted(question.measures, key=lambda key: key in containers)
    counts = counts_asked(text, question.measures)
    if counts:  # 接待了几次、一共多少人: the counts printed beside the money, never the money
        question.measures = counts
    elif not _of_a_program(question) and (cost_counts := cost_counts_asked(text)):
        # 培训几个人: the count the 一般性支出 paragraph prints, no amount in its place (of a program named: its indicator's)
        question.measures = cost_counts
    elif "vehicles" in question.measures and VEHICLE_COUNT.search(text):  # 有几辆公务用车: the 公务用车 words name
        # what is counted, not its money; vehicles bought (购置几辆) are not the ones held but their own count (新增
        # is a net change of the vehicles held, never what was bought)
        buying = re.search(r"购置|购买|买|新购|更新", text)
        question.measures = ["vehicle_purchases"] if buying else ["vehicles"]
    elif "vehicles" in question.measures and _MONEY.search(text):  # 公务车花了多少钱: no count asked, the money is
        question.measures = list(dict.fromkeys(
            "three_public_vehicle" if key == "vehicles" else key for key in question.measures))
    if "performance_score" in question.measures and _SCORE.search(text):  # 部门整体支出绩效自评得了多少分: the
        # 整体支出 words name the evaluation scored, not its executed money
        question.measures = [key for key in question.measures if not key.startswith("overall_expenditure")]
    if "execution_rate" in question.measures:  # 部门整体支出完成了预算的百分之几: the department's own stated rate
        question.measures = [key for key in question.measures if key != "overall_expenditure"]
    question.measure = question.measures[0] if question.measures else None


# --- the operation: what is done with the figures or entities found -------------------------------------

_WHICH = re.compile(r"谁|哪个|哪家|哪一|哪位|哪年|哪一年|更多|更少|更高|更低|更大|更小|多多少|少多少|大多少|差多少|相差|差额")
_LESS = re.compile(r"更少|更低|更小|最少|最低|最小|(?:哪个|哪一个|哪家|谁)[^，,。？?]{0,8}?(?<![减降缩])(?:少|低|小)(?![于了])")
# 多多少 / 少了多少 / 高出多少 / 低多少 / 超出多少: one figure against another
# 少几个人 / 多了几名: a count against another (最多几个, 至少几个 bound a count, compare none)
_DIFFERENCE = re.compile(r"(?:多|少|高|低|大|小|超)(?:出|花|用|支出?|安排|投入|了)*多少|差多少|相差|差额|增加了?多少|减少了?多少|变化"
                         r"|(?<![最至])(?:多|少)了?几(?:个|名|位)?(?:人|名)|差几(?:个|名|位)?(?:人|名)")
_SUPERLATIVE = re.compile(r"最多|最高|最大|最少|最低|最小|排名|排第|前\d|前[一二三四五六七八九十]")
_ZERO = re.compile(r"(?:是|为|等于)(?:0|零)(?:\.0+)?(?:万元|元)?(?:的|吗|呢)?[?？]?$|(?:是|为)(?:0|零)的")
# "A超过B的一半": a share asked as a threshold (the departments whose share passes it)
_SHARE = re.compile(r"(超过了?|高于|大于|多于|不到|低于|少于|小于)([^，,。？?]{1,12}?)的?(一半|半数|(\d+(?:\.\d+)?)%)")
# a share asked for: A占B的比例 / 百分之几 / 几成 / 多大比重, A的占比, A所占比例 (group 2: the words naming B)
SHARE_ASKED = re.compile(r"(所占|占)了?([^，,。？?]{0,14}?)的?(?:比例|比重|百分比|百分之(?:几|多少)|几成|多少(?!钱|万)|多大|几分之几|份额|几个百分点)|占比")
# a measure named as the whole its part is read in: 三公经费里公务接待费占几成, 在支出总额中占
_CONTAINER = re.compile(r"(?:”|\")?(?:经费|费用|预算|支出|总额)?(?:中|里|内|当中|之中|里面)(?:的)?")
# The whole a part is a share of when the question names none (项目支出占比多少): the total it is a part of.
WHOLE_OF = {"three_public_outbound": "three_public", "three_public_reception": "three_public",
            "three_public_vehicle": "three_public", "three_public_vehicle_operation": "three_public",
            "three_public_vehicle_purchase": "three_public", "procurement_services": "government_procurement",
            "procurement_goods": "government_procurement", "procurement_works": "government_procurement",
            "general_budget_revenue": "revenue_total", "government_fund_revenue": "revenue_total",
            "fiscal_appropriation_revenue": "revenue_total", "state_capital_revenue": "revenue_total",
            "revenue_total": "grand_total", "personnel_expenditure": "basic_expenditure",
            "public_expenditure": "basic_expenditure"}
# (个数 not after a number: 两个数据共享项目 says how many, it does not ask; 哪几个 asks which, not how many)
COUNT_WORDS = re.compile(r"多少个|(?<![哪那这])几个|多少项|(?<![哪那这])几项|数量|(?<![两二三四五六七八九十\d])个数|总数|项目数|多少家|(?<![哪那这])几家")
SUM_WORDS = re.compile(r"一共|合计|总共|共计|总计|总和|加起来|加在一起|累计|总额|之和|加总|多少钱")
# Money asked of what is named (多少钱, 预算是多少): the words subjects and answering.programs both read
MONEY_WORDS = r"多少钱|钱[是有为]?多少|金额|(?:预算|经费)[是有为]?多少"
_AVERAGE = re.compile(r"平均|均值")
_TREND = re.compile(r"历年|逐年|趋势|各年|每年|这几年|近几年")
_PLAN = r"(?<!一般公共)(?<!政府性基金)(?<!国有资本经营)预算"  # a plan, not the 预算 of a fund's name
_PLAN_VS_ACTUAL = re.compile(r"预决算|(?:年初|调整)?预算数?[和与跟同](?:最后|最终|实际)?的?决算|预算执行情况|执行情况|实际与预算|决算数?[和与跟同](?:年初|调整)?预算|"
                             r"(?:实际|决算)[^，,。？?]{0,6}(?:超过|超出|高于|低于)[^，,。？?]{0,4}预算|"  # 决算超过了年初预算
                             r"完成了?(?:年初)?预算|"
                             r"(?:实际|决算|执行|花的|用的|支出)[^，,。？?]{0,8}比[^，,。？?]{0,4}预算|"
                             r"预算[^，,。？?]{0,8}比[^，,。？?]{0,4}(?:实际|决算|执行)|"
                             r"比(?:年初)?预算数?(?:多|少|超|节约|结余|差)|"  # 机关运行经费比预算少了多少
                             r"[跟和与同](?:年初)?预算数?(?:相)?比(?:较)?[^，,。？?]{0,2}(?:多|少|超|节约|结余|差)|"  # 跟年初预算比少花了多少
                             # each asked in its own clause (or question: 年初预算多少？最后实际用掉多少), each a figure: 实际花了多少，预算是多少 /
                             # 年初预算多少，决算多少
                             # (never the 预算 of a fund's name: 决算中一般公共预算是多少; nor 预算是多少，决算公开了吗)
                             rf"{_PLAN}数?[是为有]?多少[^。]{{0,12}}(?:实际|决算|执行)[^。？?]{{0,8}}(?:多少|几)|"
                             rf"(?:实际|决算|执行)[^。？?]{{0,8}}(?:多少|几)[^。？?]{{0,8}}{_PLAN}数?[是为有]?多少")
_LAST_YEAR = re.compile(r"上年|去年|同比|上一年")
_LIST = re.compile(r"哪些|有哪些|哪几个|哪几家|列出|清单|名单|所有|全部|列表")

# Every slot pattern that says how a figure is asked (a change, its rate, a comparison, an order, a share, a
# sum, a count, a trend, plan vs actual), not what of: what is left of a question without them names a thing.
ASKING_WORDS = (_CHANGE, _DECREASE, _INCREASE, _CHANGE_RATE, _LAST_YEAR, _PLAN_VS_ACTUAL, _WHICH, _LESS, _DIFFERENCE,
                _SUPERLATIVE, SHARE_ASKED, SUM_WORDS, COUNT_WORDS, _AVERAGE, _TREND)

OPERATIONS = ("lookup", "list", "rank", "count", "sum", "average", "compare", "change", "trend", "share",
              "condition", "plan_vs_actual")


# 信息化建设支出 with no item of that name known: the general word belongs to an unknown figure, whose
# share must not be answered with the department's whole spending
UNKNOWN = "unknown"
# a Han character right before a general measure word qualifies it (信息化建设支出), except these
# (总支出, 的支出, 2026年支出, 部门支出, 单位支出, 预算支出, 本级支出, 全年支出, 共支出, 一共花了)
_QUALIFIED = re.compile(r"[\u4e00-\u9fff](?<![总的年度门位算级全共一部有])")


def share_slot(text: str, items: list[tuple[int, int]] = ()) -> tuple[str, str, tuple[str, float] | None] | None:
    """(the part, the whole, (comparator, threshold) or None) of a share question, else None. The part and
    the whole are measures, or "item" for a classified item the question names (`items`: its spans): a
    general word inside an item's name (一般公共服务支出) is the item. The part is the figure named
    closest before 占; the whole the one named after 占, else one named as a container (三公经费里…), else
    the total the part belongs to (WHOLE_OF; spending by default)."""
    spans = _share_spans(text, items)
    m = _SHARE.search(text)
    if m:  # 哪些部门的项目支出超过支出总额的一半
        inside = [key for start, _, key in spans if m.start(2) <= start < m.end(2)]
        part = next((_part(text, span) for span in spans if span[0] < m.start()), None)
        if not inside or part in (None, UNKNOWN) or inside[0] == part:
            return None
        level = 0.5 if m.group(3) in ("一半", "半数") else float(m.group(4)) / 100
        return part, inside[0], (">" if m.group(1)[0] in "超高大多" else "<", level)
    at = SHARE_ASKED.search(text)
    if not at:
        return None
    # the whole named after 占; a general word qualified by words no figure stands for (财政拨款支出) is
    # none the store holds, never the department's whole spending
    after = [_part(text, s) if s[0] > at.start(2) else s[2] for s in spans if at.lastindex and at.start(2) <= s[0] < at.end(2)]
    before = [(start, end, key) for start, end, key in spans if end <= at.start()]
    held = {end: c.end() for _, end, _ in before if (c := _CONTAINER.match(text, end))}  # 三公经费里: where 里 ends
    containers = [key for _, end, key in before if end in held and held[end] <= at.start()]
    parts = [_part(text, (start, end, key)) for start, end, key in before if not (end in held and key in containers)]
    cost = _unknown_cost(text[:at.start()], spans)
    if cost is not None and (not before or cost > before[-1][0]):
        parts.append(UNKNOWN)  # 人员经费占基本支出的比例: a cost no figure stands for is the part
    if not parts:
        return None
    part = parts[-1]
    whole = (after or containers or [WHOLE_OF.get(part, "expenditure_total")])[0]
    # (two lines named, one a share of the other: both "item", told apart by where the question names them)
    return (part, whole, None) if whole != part or part == "item" else None  # an UNKNOWN part: a message (plan)


def whole_said(text: str) -> bool:
    """Whether a share question names its whole (占支出总额的比例, 三公经费里…占几成), not only the part (占比多少):
    a whole left unsaid may be answered with the one the document prints the part's share of."""
    at = SHARE_ASKED.search(text)
    if not at:
        return False
    if at.lastindex and measure_spans(at.group(2) or ""):
        return True
    return any((c := _CONTAINER.match(text, end)) and c.end() <= at.start() for _, end, _ in measure_spans(text[:at.start()]))


# Words that may stand before 经费 without naming a kind of cost (部门经费, 项目经费; 年, 的 never do).
NOT_A_COST = {"部门", "单位", "项目", "工作", "预算", "决算", "财政", "安排", "全部", "所有", "整体", "合计", "总共", "一共"}
COST = re.compile(r"((?:(?![的年之和与及各中里])[\u4e00-\u9fff]){2})(?:经费|费用)")


def _unknown_cost(text: str, spans: list[tuple[int, int, str]]) -> int | None:
    """Where `text` names a kind of cost (人员经费, 公用经费) outside every measure and item, else None."""
    for match in COST.finditer(text):
        if match.group(1) not in NOT_A_COST and not any(a < match.end() and match.start() < b for a, b, _ in spans):
            return match.start()
    return None


def _share_spans(text: str, items: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """The measures and named items of `text` in order: a general measure word inside an item's name is the item."""
    # 信息化建设支出: the general word right after an item's name is the item's own
    spans = [s for s in measure_spans(text)
             if s[2] not in GENERAL_MEASURES or not any(a <= s[0] <= b for a, b in items)]
    spans += [(a, b, "item") for a, b in items if not any(a <= s[0] < b for s in spans)]
    return sorted(spans)


def _part(text: str, span: tuple[int, int, str]) -> str:
    """The part's measure, or UNKNOWN for a general word qualified by an unknown name before it."""
    start, _, key = span
    return UNKNOWN if key in GENERAL_MEASURES and start and _QUALIFIED.match(text[start - 1]) else key


def operation_slots(question: Question, text: str, organisations: int, outside: str | None = None,
                    items: list[tuple[int, int]] = (), programs: int = 0) -> None:
    """The operation asked for (one of OPERATIONS) and the words that qualify it, from the question's words,
    the numbers and order already read, how many organisations it names and how many years: never from
    what kind of thing is asked about. `text` is the question as written (the comparison words are read
    over the whole of it, names included: 更多 may follow a name directly); a share is read from `outside`,
    the question with the organisations' names blanked (`items`: the spans of the classified items named;
    `programs`: how many programs it names — two of one organisation, 哪个多, are compared)."""
    q = question
    q.smaller = bool(_LESS.search(text))
    q.difference = bool(_DIFFERENCE.search(text))
    q.which_departments = q.answer_type in ORGANISATION  # 哪个部门, 哪些单位, 谁, 各部门: organisations are the answer
    q.zero = bool(_ZERO.search(text))
    q.share = share_slot(outside if outside is not None else text, items)
    q.share_whole_said = bool(q.share) and whole_said(outside if outside is not None else text)
    q.ranked = ranked = q.which_departments and bool(_SUPERLATIVE.search(text) or q.limit)
    years = len(set(q.years))
    asks_which = bool(_WHICH.search(text)) or q.difference
    two_figures = organisations <= 1 and len(q.measures) >= 2 and not _LAST_YEAR.search(text)  # 基本支出比项目支出
    two_programs = organisations <= 1 and programs >= 2 and not ranked  # A和B这两个项目，哪个钱多
    # 水电气经费里，电费和水费哪个更多: two indicators of one program, their targets compared
    two_indicators = organisations <= 1 and len({normalise(e.label) for e in q.indicators}) == 2 and not ranked \
        and not _SUPERLATIVE.search(text)
    if asks_which and (organisations >= 2 and not ranked or organisations == 1 and years >= 2 or two_figures
                       or two_programs or two_indicators):
        q.operation = "compare"
    elif q.share:
        q.operation = "share" if not q.share[2] else "condition"
    elif q.which_departments and (q.change_sign and q.change or q.zero):  # 哪些部门的…减少了 / 是0
        q.operation = "condition"
    elif ranked:  # 哪个部门的收入总额最多
        q.operation = "rank"
    elif _PLAN_VS_ACTUAL.search(text) and not _LAST_YEAR.search(text):  # 实际花的比预算少了多少 (not 比上年执行数)
        q.operation = "plan_vs_actual"
    # (的几个一级项目里，哪个最少: no count; 去了几个团组: the count printed is the figure, nothing to count)
    elif COUNT_WORDS.search(_AMONG.sub("", text)) and not (q.measures and set(q.measures) <= PRINTED_COUNTS):
        q.operation = "count"
    elif _AVERAGE.search(text):
        q.operation = "average"
    elif SUM_WORDS.search(text):
        q.operation = "sum"
    elif q.order or q.limit:
        q.operation = "rank"
    elif q.comparator and q.number is not None:
        q.operation = "condition"
    elif q.change:
        q.operation = "change"
    elif _TREND.search(text):
        q.operation = "trend"
    elif _LIST.search(text):
        q.operation = "list"
    else:
        q.operation = "lookup"
