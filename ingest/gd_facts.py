"""Figures stated in the narrative of a budget document (either family): 三公经费 and its parts,
机关运行经费, 政府采购 and its parts, 国有资产 / 固定资产, vehicles, income and spending changes on
the year before (万元 and %), 绩效自评 scores.

    facts(lines)   a Fact per figure found, keyed by `ingest.record.FACT_KEYS`, with its sentence
                   and the paragraph's line
"""

from __future__ import annotations

import re

from ingest.prose import Paragraph, canonical, paragraphs
from ingest.reader import Line
from ingest.record import Fact
from ingest.text import parse_amount, yuan_to_wan

_NUM = r"(-?[\d,，]+(?:\.\d+)?)"
_CHANGE = rf"比上年(?:决算数|预算数)?(增加|减少|增长|下降|持平)?\s*{_NUM}?\s*万元?"

# (key, pattern, group of the value, sign group or None, unit)
_FACT_PATTERNS: list[tuple[str, str]] = [
    ("three_public_actual", rf"“?三公”?经费(?:财政拨款)?支出决算(?:数)?为{_NUM}万元"),
    ("three_public_actual", rf"“?三公”?经费(?:财政拨款)?(?:实际)?支出(?:决算数?)?(?:合计|总额)?(?:为|共计?)?{_NUM}万元"),
    ("three_public_budget", rf"“?三公”?经费(?:财政拨款)?支出决算(?:数)?为[\d.,]+万?元，完成(?:全年)?预算{_NUM}万元"),
    ("three_public_budget", rf"安排“?三公”?经费(?:预算)?{_NUM}万元"),
    ("three_public_budget", rf"“?三公”?经费(?:财政拨款)?(?:支出)?预算(?:数)?(?:安排|总额)?(?:为|共计?)?{_NUM}万元"),
    ("three_public_outbound", rf"因公出国（境）费(?:用)?(?:支出)?(?:决算为)?{_NUM}万元"),
    ("three_public_vehicle", rf"公务用车购置及运行(?:维护)?费(?:支出)?(?:决算为)?{_NUM}万元"),
    ("three_public_vehicle_purchase", rf"公务用车购置(?:费|支出)(?:决算)?为?{_NUM}万元"),
    ("three_public_vehicle_operation", rf"公务用车运行(?:及)?维护(?:费|支出)(?:决算)?为?{_NUM}万元"),
    ("three_public_reception", rf"公务接待费(?:支出)?(?:决算为)?{_NUM}万元"),
    ("administrative_operating_cost", rf"机关运行经费(?:财政拨款)?(?:安排|支出|预算)(?:数|总额)?(?:为|共计?)?{_NUM}万元"),
    ("government_procurement", rf"政府采购(?:预算|支出)?(?:总额|安排|合计|金额)?(?:为|共计?)?{_NUM}万元"),
    ("procurement_goods", rf"(?:货物类采购预算|政府采购货物支出|货物类?采购(?:支出)?){_NUM}万元"),
    ("procurement_works", rf"(?:工程类采购预算|政府采购工程支出|工程类?采购(?:支出)?){_NUM}万元"),
    ("procurement_services", rf"(?:服务类采购预算|政府采购服务支出|服务类?采购(?:支出)?){_NUM}万元"),
    ("procurement_sme", rf"授予中小企业合同金额{_NUM}万元"),
    ("fixed_assets", rf"固定资产(?:金额|原值|总额)(?:为)?{_NUM}万元"),
    ("state_assets_total", rf"(?:国有)?资产(?:总额|原值合计|原值总额)(?:为|共计?)?{_NUM}万元"),
    # stated in the narrative of a final account; the tables' figures, read first, win over these
    ("revenue_total", rf"(?<!财政拨款)本年收入(?:合计)?(?:为|共计?)?{_NUM}万元"),
    ("expenditure_total", rf"(?<!财政拨款)本年支出(?:合计)?(?:为|共计?)?{_NUM}万元"),
    ("grand_total", rf"(?:总收入|收入总计|总支出|支出总计)(?:为|共计?)?{_NUM}万元"),
    ("general_budget_revenue", rf"一般公共预算财政拨款收入{_NUM}万元"),
    ("fiscal_appropriation_revenue", rf"财政拨款收入合计{_NUM}万元"),
    ("general_budget_expenditure", rf"一般公共预算财政拨款支出{_NUM}万元"),
    ("performance_score", r"(?:(?:自评|评价|绩效)(?:综合)?|综合)得分(?:为)?(\d+(?:\.\d+)?)分"),
]
_CHANGES: list[tuple[str, str, str]] = [
    ("revenue_change", "revenue_change_pct", r"(?:收入预算|年度总收入|本年收入)[\d,.]+万元，"),
    ("expenditure_change", "expenditure_change_pct", r"(?:支出预算|年度总支出|本年支出)[\d,.]+万元，"),
    ("general_budget_revenue_change", "general_budget_revenue_change_pct", r"一般公共预算财政拨款收入[\d,.]+万元，"),
    ("three_public_change", None, r"安排“?三公”?经费[\d,.]+万元，"),
    ("administrative_operating_cost_change", None, r"机关运行经费(?:安排|支出)[\d,.]+万元，"),
]


# Every pattern above reads its figure in 万元; a document printing 元 ("政府采购预算17000元") is read
# with the same patterns and converted.
_FACT_RES = [(key, re.compile(pattern.replace("万元", "万?元"))) for key, pattern in _FACT_PATTERNS]
_CHANGE_RES = [(key, pct_key, re.compile(lead + rf"(?:比上年|同比)(?:决算|预算)?数?(增加|减少|增长|下降){_NUM}万元"
                                         rf"(?:，(增长|下降){_NUM}%)?"))
               for key, pct_key, lead in _CHANGES]
_HAS_FIGURE = re.compile(r"元|%|得分|辆")
_VEHICLES = re.compile(r"(?:共有|车辆|保有量为?)(?:车辆)?(\d+)辆")


def _signed(verb: str | None, value: float) -> float:
    return -value if verb in ("减少", "下降") else value


def facts(lines: list[Line], paras: list[Paragraph] | None = None) -> list[Fact]:
    """Figures stated in sentences (all in 万元 unless the key's unit says otherwise), each with the
    paragraph it came from; the first statement of a key wins, later ones are kept after it."""
    out: list[Fact] = []
    said: set[tuple] = set()  # (key, value, line) already out: a set, as a scan of `out` is quadratic
    for p in paragraphs(lines) if paras is None else paras:
        text = canonical(p.text)
        if not _HAS_FIGURE.search(text):
            continue
        for key, pattern in _FACT_RES:
            m = pattern.search(text)
            if m:
                in_yuan = text[m.end(1):].startswith("元")
                value = yuan_to_wan(m.group(1)) if in_yuan else parse_amount(m.group(1))
                if value is not None and (key, value, p.line) not in said:  # two wordings may match one sentence
                    said.add((key, value, p.line))
                    unit = "分" if key == "performance_score" else "万元"
                    out.append(Fact(key, value, unit=unit, text=_sentence(text, m), source=p.source()))
        for key, pct_key, pattern in _CHANGE_RES:
            m = pattern.search(text)
            if not m:
                continue
            value = parse_amount(m.group(2))
            if value is not None:
                out.append(Fact(key, _signed(m.group(1), value), text=_sentence(text, m), source=p.source()))
            if pct_key and m.group(4):
                pct = parse_amount(m.group(4))
                if pct is not None:
                    out.append(Fact(pct_key, _signed(m.group(3), pct), unit="%", text=_sentence(text, m),
                                    source=p.source()))
        m = _VEHICLES.search(text)
        if m:
            out.append(Fact("vehicles", float(m.group(1)), unit="辆", text=_sentence(text, m), source=p.source()))
    return out


def _sentence(text: str, m: re.Match) -> str:
    start = max(text.rfind("。", 0, m.start()) + 1, 0)
    end = text.find("。", m.end())
    return text[start: end + 1 if end >= 0 else len(text)][:300]
