"""Figures stated in the narrative of a budget document (either family): 三公经费 and its parts,
机关运行经费, 政府采购 and its parts, 国有资产 / 固定资产, vehicles, income and spending changes on
the year before (万元 and %), 绩效自评 scores.

    facts(lines)   a Fact per figure found, keyed by `ingest.record.FACT_KEYS`, with its sentence
                   and the paragraph's line
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from copy import copy
from decimal import Decimal
from functools import lru_cache

from ingest.prose import ITEM, Paragraph, canonical, is_heading, paragraphs
from ingest.reader import Line
from ingest.record import REVENUE_SOURCES, Fact, adds_up
from ingest.stated import AT_A_DATE, THREE_PUBLIC_PARTS, THREE_PUBLIC_SUMMED, of_year, of_year_before
from ingest.text import amount_text, parse_amount, sentence_of, yuan_to_wan

_NUM = r"(-?[\d,，]+(?:\.\d+)?)"
_CHANGE = rf"比上年(?:决算数|预算数)?(增加|减少|增长|下降|持平)?\s*{_NUM}?\s*万元?"

_PROCUREMENT_PART = (r"(?:(?:政府采购|拟采购){kind}类?(?:采购)?(?:预算|支出|项目)?|{kind}类(?:采购)?(?:预算|支出|项目)?"
                     r"|{kind}采购(?:支出)?)(?:为)?" + _NUM + "万元")
# (key, pattern with the value as its group 1)
_FACT_PATTERNS: list[tuple[str, str]] = [
    ("three_public_actual", rf"“?三公”?经费”?(?:财政拨款)?支出决算(?:数)?为{_NUM}万元"),
    ("three_public_actual", rf"“?三公”?经费”?(?:财政拨款)?(?:实际)?支出(?:决算数?)?(?:合计|总额)?(?:为|共计?)?{_NUM}万元"),
    ("three_public_budget", rf"“?三公”?经费”?(?:财政拨款)?支出决算(?:数)?为[\d.,]+万?元，完成(?:全年)?预算{_NUM}万元"),
    ("three_public_budget", rf"安排“?三公”?经费”?(?:预算)?{_NUM}万元"),
    ("three_public_budget", rf"“?三公”?经费”?(?:财政拨款)?(?:支出)?预算(?:数)?(?:支出|安排|总额)?(?:为|共计?)?{_NUM}万元"),
    # a part of the “三公” ('安排公务接待费预算6.02万元', '公务用车运行费32.00万元', '1.因公出国（境）费用。2026年
    # 预算数36.14万元': a title sentence, then the figure); not the last of a list of parts ('…公务接待费及公务
    # 用车购置及运行费X万元' is their total)
    *((key, rf"(?<![及和])(?:{name})(?:[。：:](?:20\d\d年度?)?)?(?:安排|预算|决算|支出|数|为)*{_NUM}万元")
      for key, name in THREE_PUBLIC_PARTS),
    # a final account's plan of a part, beside its actual ('公务接待费支出决算为0.37万元，完成预算2.00万元的18.50%')
    *((f"{key}_budget", rf"(?<![及和])(?:{name})(?:财政拨款)?(?:支出)?决算(?:数)?为[\d.,]+万?元，完成(?:全年|年初)?预算{_NUM}万元")
      for key, name in THREE_PUBLIC_PARTS),
    ("administrative_operating_cost", rf"机关运行经费(?:财政拨款)?(?:安排|支出|预算)(?:数|总额|总计|安排|支出)?(?:为|共计?)?{_NUM}万元"),
    # "（一）机关运行经费。2026年一般公共预算财政拨款运行经费2115.63万元"
    ("administrative_operating_cost", rf"机关运行经费。[^。]{{0,30}}?财政拨款运行经费(?:安排|支出|预算)?(?:为)?{_NUM}万元"),
    ("government_procurement", rf"政府采购(?:预算|支出|资金|项目)?(?:预算)?(?:总额|安排|合计|金额)?(?:为|共计?|共有)?{_NUM}万元"),
    # a part of the procurement: named with 采购 before it or 类 after it ('政府采购服务预算', '拟采购服务支出',
    # '服务类项目'), never bare ('商品和服务支出' is a kind of spending)
    ("procurement_goods", _PROCUREMENT_PART.format(kind="货物")),
    ("procurement_works", _PROCUREMENT_PART.format(kind="工程")),
    ("procurement_services", _PROCUREMENT_PART.format(kind="服务")),
    ("procurement_sme", rf"授予中小企业合同金额{_NUM}万元"),
    ("fixed_assets", rf"固定资产(?:金额|原值|总额|总量|总值)(?:合计)?(?:为|共计?)?{_NUM}万元"),
    # the book value less depreciation, its own figure: never answered as the original value
    ("fixed_assets_net", rf"固定资产(?:账面)?净值(?:合计)?(?:为|共计?)?{_NUM}万元"),
    ("fixed_assets_net", rf"固定资产(?:账面)?原值[\d,，.]+万元[，,、；]?(?:其中)?[，,]?(?:账面)?净值(?:为)?{_NUM}万元"),
    # what the year's budget plans to buy ('本年度拟购置固定资产54.5万元'): not the assets held
    ("fixed_assets_purchase", rf"(?:拟|计划|安排|预计)(?:新)?购置(?:固定)?资产(?:金额)?(?:预算)?(?:为|共计?)?{_NUM}万元"),
    ("state_assets_total", rf"(?:国有)?资产(?:总额|原值合计|原值总额)(?:为|共计?)?{_NUM}万元"),
    # stated in the narrative of a final account; the tables' figures, read first, win over these
    ("revenue_total", rf"(?<!财政拨款)本年收入(?:合计)?(?:为|共计?)?{_NUM}万元"),
    ("expenditure_total", rf"(?<!财政拨款)本年支出(?:合计)?(?:为|共计?)?{_NUM}万元"),
    # "（一）收入预算：2026 年年初预算数 186549.30 万元，其中：…"
    ("revenue_total", rf"^(?:[（(][一二三四五六七八九十]+[）)])?收入预算[：:](?:\d{{4}}年度?)?(?:年初)?(?:预算数|预算)?(?:为|共计?)?{_NUM}万元"),
    ("expenditure_total", rf"^(?:[（(][一二三四五六七八九十]+[）)])?支出预算[：:](?:\d{{4}}年度?)?(?:年初)?(?:预算数|预算)?(?:为|共计?)?{_NUM}万元"),
    ("grand_total", rf"(?:总收入|收入总计|总支出|支出总计)(?:为|共计?)?{_NUM}万元"),
    ("general_budget_revenue", rf"一般公共预算财政拨款收入{_NUM}万元"),
    ("fiscal_appropriation_revenue", rf"财政拨款收入合计{_NUM}万元"),
    ("general_budget_expenditure", rf"一般公共预算财政拨款支出{_NUM}万元"),
    ("government_fund_expenditure", rf"政府性基金预算财政拨款支出{_NUM}万元"),
    # every fund's (not 一般公共预算财政拨款支出 nor “三公”经费财政拨款支出: one fund's, one kind's)
    ("fiscal_appropriation_expenditure", rf"(?<![算费”])财政拨款支出(?:合计|总额)?(?:预算|决算)?(?:数)?(?:为|共计?)?{_NUM}万元"),
    # (自评得分92.5分, 自评综合得分为95分, 绩效自评总分：90分, 评价得分 88 分); a 总分 only in a sentence saying no
    # 得分 after it: in '绩效自评总分100分，自评得分92.5分' it is the full mark
    ("performance_score", r"(?:(?:自评|评价|绩效)(?:综合|总)?|综合)(?:得分|评分|总分(?![^。]*(?:得分|评分)))(?:为|是|[：:])?"
                          r"\s*(\d+(?:\.\d+)?)\s*分"),
    # the income's other sources stated on their own ('8.其他收入2.54万元'; not 非税其他收入)
    *((key, rf"(?<![\u4e00-\u9fff]){label}(?:预算|决算)?(?:数)?(?:为)?{_NUM}万元") for label, key in REVENUE_SOURCES.items()),
]
_CHANGES: list[tuple[str, str, str]] = [
    ("revenue_change", "revenue_change_pct", r"(?:收入预算|年度总收入|本年收入)[\d,.]+万元，"),
    # (not "“三公”经费支出预算18.3万元，比上年增加0.05万元": a part's change is not the department's)
    ("expenditure_change", "expenditure_change_pct", r"(?<!经费)(?:支出预算|年度总支出|本年支出)[\d,.]+万元，"),
    ("general_budget_revenue_change", "general_budget_revenue_change_pct", r"一般公共预算财政拨款收入[\d,.]+万元，"),
    ("three_public_change", None, r"安排“?三公”?经费”?[\d,.]+万元，"),
    ("administrative_operating_cost_change", None, r"机关运行经费(?:安排|支出)[\d,.]+万元，"),
    # the income's other sources ('8.其他收入2.54万元，比上年决算数增加2.54万元')
    *((f"{key}_change", None, rf"(?<![\u4e00-\u9fff]){label}(?:预算|决算)?[\d,.]+万元，") for label, key in REVENUE_SOURCES.items()),
]


# Every pattern above reads its figure in 万元; a document printing 元 ("政府采购预算17000元") is read
# with the same patterns and converted.
_FACT_RES = [(key, re.compile(pattern.replace("万元", "万?元"))) for key, pattern in _FACT_PATTERNS]
# the year compared with is said many ways: 比上年, 较上年, 比2025年, 比上年预算数, 比上年执行数, 同比
_CHANGE_RES = [(key, pct_key, re.compile(lead + r"(?:(?:比|较)(?:上年|去年|(?P<year>(?:19|20)\d\d)年)度?(?:预算|决算)?(?:执行)?数?|同比)"
                                         rf"(?P<verb>增加|减少|增长|下降){_NUM}万元"
                                         rf"(?:，(?P<pverb>增长|下降){_NUM}%)?"))
               for key, pct_key, lead in _CHANGES]
_HAS_FIGURE = re.compile(r"元|%|得分|总分|评分|辆|台")
# the vehicles held ('共有车辆3辆', '共有公务用车0辆', '账上共有机动车3辆', '车辆2辆', '保有量为1辆'), never those a
# budget plans to buy ('安排购置车辆0辆')
# the equipment held of the national template's unit price ('单价100万元（含）以上设备（不含车辆）0台（套）', '单位价值100
# 万元以上设备25台'; other prices, 20万 or 50万, and one kind's, 通用 or 专用, are other counts no department's can be
# set against), never what a
# budget plans to buy ('安排购置单位价值100万元以上设备0台')
_EQUIPMENT = re.compile(r"(?:单价|单位价值)(?:在)?100万元(?:[（(]含[）)])?以上(?:的)?设备"
                        r"(?:[（(]不含车辆[）)])?(\d+)台")
_BUYING = re.compile(r"购置|购买|新购|采购|更新|拟|计划")
_VEHICLES = re.compile(r"(?:共有|车辆|保有量为?)(?:车辆|公务用?车|机动车)?(\d+)辆")


def _bought(text: str, start: int, stops: str = "。") -> bool:
    """Whether a buying word stands before `start` in its sentence (or clause, up to any of `stops`): a plan to
    buy ('2026年拟更新车辆1辆'), not what is held."""
    return bool(_BUYING.search(text, max(text.rfind(stop, 0, start) for stop in stops) + 1, start))


def _signed(verb: str | None, value: float) -> float:
    return -value if verb in ("减少", "下降") else value


def facts(lines: list[Line], paras: list[Paragraph] | None = None, year: int | None = None) -> list[Fact]:
    """Figures stated in sentences (all in 万元 unless the key's unit says otherwise), each with the
    paragraph it came from; the first statement of a key wins, later ones are kept after it. A figure
    is of `year` ('2025年公务接待费支出30.00万元，2026年预算28.00万元' gives 28), but a stock at a
    date (assets, vehicles) or a past year's evaluation is read as stated.

    A change is one on the year before `year`: '比2025年增加' in a 2026 document is, '比2026年预算增加'
    (a final account against its own budget) is not, and is not read as one.

    The family parser and the narrative both ask: the figures of the paragraphs read last are
    remembered, and each caller is given facts of its own."""
    paras = paragraphs(lines) if paras is None else paras
    return [copy(f) for f in _facts(tuple((p.text, p.line, p.page) for p in paras), year)]


@lru_cache(maxsize=2)
def _facts(paras: tuple[tuple[str, int, int | None], ...], year: int | None) -> tuple[Fact, ...]:
    out: list[Fact] = []
    said: set[tuple] = set()  # (key, value, line) already out: a set, as a scan of `out` is quadratic
    for p in (Paragraph(*para) for para in paras):
        text = canonical(p.text)
        if not _HAS_FIGURE.search(text):
            continue
        for key, pattern in _FACT_RES:
            if not pattern.search(text):  # most patterns do not match: no generator made for them
                continue
            # the first figure of the document's own year: a sentence may state last year's before it
            # (the assets held, never those the year plans to buy: '拟购置固定资产金额为54.5万元')
            m = next((m for m in pattern.finditer(text) if (key in AT_A_DATE or of_year(text, m.start(1), year))
                      and not (key == "fixed_assets" and _bought(text, m.start()))), None)
            if m:
                in_yuan = text[m.end(1):].startswith("元")
                value = yuan_to_wan(m.group(1)) if in_yuan else parse_amount(m.group(1))
                if value is not None and (key, value, p.line) not in said:  # two wordings may match one sentence
                    said.add((key, value, p.line))
                    unit = "分" if key == "performance_score" else "万元"
                    out.append(Fact(key, value, unit=unit, text=sentence_of(text, m), source=p.source()))
        for key, pct_key, pattern in _CHANGE_RES:
            m = next((m for m in pattern.finditer(text) if of_year_before(m, year)), None)
            if not m:
                continue
            at = m.re.groupindex
            value = parse_amount(m.group(at["verb"] + 1))
            if value is not None:
                out.append(Fact(key, _signed(m.group("verb"), value), text=sentence_of(text, m), source=p.source()))
            if pct_key and m.group("pverb"):
                pct = parse_amount(m.group(at["pverb"] + 1))
                if pct is not None:
                    out.append(Fact(pct_key, _signed(m.group("pverb"), pct), unit="%", text=sentence_of(text, m),
                                    source=p.source()))
        # (in its clause: '公务用车购置费…减少12.00万元，主要是我办现有在编车辆2辆' holds 2)
        m = next((m for m in _VEHICLES.finditer(text) if not _bought(text, m.start(), "。；，,")), None)
        if m:
            out.append(Fact("vehicles", float(m.group(1)), unit="辆", text=sentence_of(text, m), source=p.source()))
        for m in _EQUIPMENT.finditer(text):
            if not _bought(text, m.start()):  # not in a sentence of purchases
                out.append(Fact("large_equipment", float(m.group(1)), unit="台", text=sentence_of(text, m), source=p.source()))
    return tuple(out)



_AMOUNT = r"([\d,]+(?:\.\d+)?)"
# "支出预算合计64,090.74万元，其中：基本支出6,895.74万元，占10.76%；项目支出57,195万元" — the split of
# the department's whole spending; the total may end its sentence before "其中".
_SPLIT_HEAD = 40  # characters of the sentence before the word 支出, read for a fund's name
_SPLIT_TAIL = re.compile(rf"(?:支出预算|预算支出|支出决算|决算支出|支出)(?:合计|总计|总额)?(?:数)?(?:为|共)?{_AMOUNT}万?元"
                         rf"[^。]{{0,70}}?。?其中[：:，]?基本支出(?:预算|合计)?数?为?{_AMOUNT}万元"
                         rf"(?:[^。；]{{0,24}}?[；，、])?项目支出(?:预算|合计)?数?为?{_AMOUNT}万元")
_SPLIT = re.compile(rf"(?P<head>[^。；]{{0,{_SPLIT_HEAD}}}?){_SPLIT_TAIL.pattern}")
# "按支出用途分类，包括人员支出2,906.80万元，占49.4%；日常公用支出838.27万元，…；项目支出2,131.61万元"
_BY_USE = re.compile(rf"人员(?:支出|经费){_AMOUNT}万元[^。；]{{0,16}}[；，、](?:日常)?公用(?:支出|经费){_AMOUNT}万元"
                     rf"[^。；]{{0,16}}[；，、]项目支出{_AMOUNT}万元")
# "预算55,884.67万元，包括在职人员经费3,098.93万元、公用经费919.20万元、…、项目支出50,878.08万元": the
# spending listed by part, its basic parts named as such
_COMPOSED = re.compile(rf"预算{_AMOUNT}万元[，,]?(?:包括|其中)[：:]?((?:[^。；、，]{{2,16}}?{_AMOUNT}万元[、，；]?){{2,8}})")
_PART = re.compile(rf"([^。；、，\d]{{2,16}}?){_AMOUNT}万元")
# the share printed right after a figure ("项目支出2,131.61万元，占36.3%"): kept in the figure's text, so the
# question layer answers a share as printed (query_api/answering/printed.py), not recomputed and rounded otherwise
_SHARE_AFTER = re.compile(r"[，,]?\s*(?:约)?占[^。；，,\d%]{0,16}?\s*\d+(?:\.\d+)?\s*[%％]")


def _share_after(joined: str, end: int) -> str:
    """The share `joined` prints right at `end`, or ""."""
    m = _SHARE_AFTER.match(joined, end)
    return m.group(0) if m else ""
_BASIC_PART = re.compile(r"人员|公用|个人和家庭|增人增资|工资福利|日常运转")
# "本单位基本支出预算数386.73万元" — a statement of its own, not of a fund's share or of a change
_OWN = {"basic_expenditure": re.compile(rf"(?P<head>)基本支出(?:预算)?数?为?{_AMOUNT}万元"),
        "project_expenditure": re.compile(rf"(?P<head>)项目支出(?:预算)?数?为?{_AMOUNT}万元")}
_FUND_SHARE = re.compile(r"财政拨款|一般公共预算|拨款|政府性基金|国有资本|上年|增加|减少|增长|下降")


def spending_split(paras: list[Paragraph], year: int | None) -> list[Fact]:
    """基本支出 and 项目支出 of the whole department as its narrative states them: the split of total
    spending ("支出预算X万元，其中：基本支出Y万元…项目支出Z万元"), the split by use (人员 + 公用 = 基本),
    or a sentence of its own. Statements about one fund (财政拨款, 一般公共预算), another year or a
    change are passed over: their figure is not the department's total."""
    joined, starts, headings = "", [], {}
    heading = ""
    for p in paras:
        if is_heading(p.text):
            heading = p.text
        starts.append((len(joined), p))
        headings[p.line] = heading  # the section a paragraph is in: '四、一般公共预算拨款支出' is one fund's
        joined += canonical(p.text)

    def source_of(offset: int) -> Paragraph:
        return next(p for start, p in reversed(starts) if start <= offset)

    def one_fund(offset: int) -> bool:
        return bool(_FUND_SHARE.search(headings.get(source_of(offset).line, "")))

    out: list[Fact] = []
    for m in _splits(joined):
        if _FUND_SHARE.search(m.group("head")) or not of_year(joined, m.start(2), year) or one_fund(m.start(2)):
            continue
        p, text = source_of(m.start(2)), m.group(0) + _share_after(joined, m.end())
        out += [Fact("basic_expenditure", parse_amount(m.group(3)), text=text, source=p.source()),
                Fact("project_expenditure", parse_amount(m.group(4)), text=text, source=p.source())]
        break
    if not out:
        m = _BY_USE.search(joined)
        if m:
            p, text = source_of(m.start()), m.group(0) + _share_after(joined, m.end())
            basic = Decimal(m.group(1).replace(",", "")) + Decimal(m.group(2).replace(",", ""))
            out += [Fact("basic_expenditure", float(basic), text=f"{text}（基本支出 = 人员 + 公用）", source=p.source()),
                    Fact("project_expenditure", parse_amount(m.group(3)), text=text, source=p.source()),
                    Fact("personnel_expenditure", parse_amount(m.group(1)), text=text, source=p.source()),
                    Fact("public_expenditure", parse_amount(m.group(2)), text=text, source=p.source())]
    if not out:
        out += _basic_by_parts(joined, source_of, one_fund)
    for key, pattern in _OWN.items():
        if any(f.key == key for f in out):
            continue
        for m in pattern.finditer(joined):
            start = joined.rfind("。", 0, m.start("head")) + 1
            this_year = of_year(joined, m.start(2), year)
            if joined.startswith("其中", start):  # "…财政拨款支出X万元。其中：基本支出Y万元": that sentence's share
                this_year = this_year and of_year(joined, start - 1, year)
                start = joined.rfind("。", 0, start - 1) + 1
            head = joined[start: m.start(2)]
            if this_year and not (_FUND_SHARE.search(head) or one_fund(m.start(2))):
                out.append(Fact(key, parse_amount(m.group(2)), text=m.group(0) + _share_after(joined, m.end()),
                                source=source_of(m.start(2)).source()))
                break
    return out


def _splits(text: str) -> Iterator[re.Match]:
    """The matches of `_SPLIT.finditer(text)`, found from their tails: the lazy head tried at every
    character of a document cost ~10 ms. The leftmost match ends its head at the first place the tail
    matches and starts as far before it as `_SPLIT_HEAD` and the last 。 or ； allow; a match starting
    earlier would need a later tail, further than `_SPLIT_HEAD` or across that stop."""
    pos = 0
    while tail := _SPLIT_TAIL.search(text, pos):
        at = tail.start()
        low = max(pos, at - _SPLIT_HEAD, text.rfind("。", pos, at) + 1, text.rfind("；", pos, at) + 1)
        m = _SPLIT.match(text, low)
        yield m
        pos = m.end()


# "（二）公务接待费" / "2026年预算安排18.85万元，比上年…": a part of the “三公” named by a sub-heading
# and budgeted in the paragraph under it.
_PART_HEADINGS = tuple((key, re.compile(name)) for key, name in THREE_PUBLIC_PARTS if key in THREE_PUBLIC_SUMMED)
_PART_BUDGET = re.compile(rf"^(?:20\d\d年度?)?(?:预算安排|预算数为|预算为|安排|预算)(?:预算)?{_AMOUNT}万元")


def three_public_parts(paras: list[Paragraph], year: int | None) -> list[Fact]:
    """The parts of the “三公” budget each under its own sub-heading ('（一）因公出国（境）经费') with its
    amount opening the paragraph under it, and their total (the sum of the three, all so read). Parts
    stated in sentences are `facts`'."""
    found: dict[str, Fact] = {}
    for heading, body in zip(paras, paras[1:], strict=False):
        title = canonical(ITEM.sub("", heading.text, count=1))
        for key, pattern in _PART_HEADINGS:
            if key in found or not pattern.fullmatch(title):
                continue
            text = canonical(body.text)
            m = _PART_BUDGET.match(text)
            if m and of_year(text, m.start(1), year):
                found[key] = Fact(key, parse_amount(m.group(1)), text=f"{title}：{m.group(0)}", source=body.source())
    out = list(found.values())
    if len(out) == 3:
        total = sum(Decimal(str(f.value)) for f in out)
        out.append(Fact("three_public_budget", float(total), text="“三公”经费 = " + " + ".join(
            amount_text(f.value) for f in out), source=out[0].source))
    return out


# "（一）人员经费5,080.69万元，主要包括：…（二）公用经费834.69万元": 基本支出's two parts by use, each
# stated on its own (在职人员经费 / 离退休人员经费 are only some of the 人员经费)
_BY_USE_PART = (("personnel_expenditure", re.compile(rf"(?<![职休退])人员(?:经费|支出)(?:支出)?(?:预算)?为?{_AMOUNT}万元")),
                ("public_expenditure", re.compile(rf"(?:日常)?公用(?:经费|支出)(?:支出)?(?:预算)?为?{_AMOUNT}万元")))


def basic_by_use(paras: list[Paragraph], year: int | None, facts: list[Fact]) -> list[Fact]:
    """人员经费 and 公用经费 as the narrative states them, kept only when they add up exactly to the
    record's 基本支出 (a statement of one fund's basic spending is some other whole's parts), and only where
    the tables gave neither."""
    basic = next((f.value for f in facts if f.key == "basic_expenditure" and isinstance(f.value, (int, float))), None)
    if basic is None or any(f.key in ("personnel_expenditure", "public_expenditure") for f in facts):
        return []
    found: dict[str, tuple[float, Paragraph, str]] = {}
    for p in paras:
        text = canonical(p.text)
        for key, pattern in _BY_USE_PART:
            m = pattern.search(text)
            if key not in found and m and of_year(text, m.start(1), year):
                found[key] = (parse_amount(m.group(1)), p, m.group(0))
    if len(found) < 2 or not adds_up((value for value, _, _ in found.values()), basic):
        return []
    return [Fact(key, value, text=f"{text}（人员 + 公用 = 基本支出 {amount_text(basic)}万元）", source=p.source())
            for key, (value, p, text) in found.items()]


def _basic_by_parts(joined: str, source_of, one_fund) -> list[Fact]:
    """基本支出 = the spending less its 项目支出 when the narrative lists the spending by part, the
    parts add up to it exactly, and every part but the projects is a part of basic spending."""
    for m in _COMPOSED.finditer(joined):
        total = Decimal(m.group(1).replace(",", ""))
        parts = [(name, Decimal(amount.replace(",", ""))) for name, amount in _PART.findall(m.group(2))]
        projects = [amount for name, amount in parts if "项目支出" in name]
        others = [name for name, _ in parts if "项目支出" not in name]
        if (len(projects) != 1 or not others or sum(a for _, a in parts) != total or one_fund(m.start(1))
                or not all(_BASIC_PART.search(name) for name in others)):
            continue
        p, text = source_of(m.start(1)), m.group(0)
        return [Fact("basic_expenditure", float(total - projects[0]), text=f"{text}（基本支出 = 合计 − 项目支出）",
                     source=p.source()),
                Fact("project_expenditure", float(projects[0]), text=text, source=p.source())]
    return []
