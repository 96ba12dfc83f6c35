"""Performance indicators (绩效指标) in running text, and the self-evaluation (绩效自评) narrative.

    indicators_from_text(text)   "接通率≥80%，通话均长小于或等于250秒，覆盖32个单位及以上"
    self_evaluation(lines, dept) programs, indicators (target, actual, met) and overall figures of
                                 a final account's 绩效自评 section

Comparators are normalised to >=, <=, >, <, =: ≥ ≧ 大于或等于 不低于 不少于 及以上 → >=;
≤ ≦ 小于或等于 不超过 不高于 以内 → <=; 超过 高于 大于 → >; 低于 小于 少于 → <; 为 → =.
"""

from __future__ import annotations

import re

from ingest.output_counts import output_counts
from ingest.prose import Paragraph, canonical, paragraphs
from ingest.prose_units import split_names
from ingest.reader import Line
from ingest.record import Fact, Indicator, Program, Source
from ingest.text import parse_amount, squeeze

UNITS = ("%", "秒", "个", "台", "家", "次", "人次", "人", "件", "天", "小时", "分钟", "万元", "元", "项", "套", "辆",
         "户", "条", "分", "篇", "场", "期", "GB", "TB", "M", "兆", "平方米", "公里", "所", "份", "类",
         "万件", "万条", "万次", "万人次", "万人", "万户", "万个", "万册", "万页")
_UNIT = "|".join(sorted((re.escape(u) for u in UNITS), key=len, reverse=True))
_CMP_WORDS = {
    "≥": ">=", "≧": ">=", ">=": ">=", "＞=": ">=", "大于或等于": ">=", "大于等于": ">=", "不低于": ">=", "不少于": ">=",
    "不小于": ">=", "至少": ">=", "达到": ">=", "达": ">=", "至": ">=",
    "≤": "<=", "≦": "<=", "<=": "<=", "小于或等于": "<=", "小于等于": "<=", "不超过": "<=", "不高于": "<=",
    "不大于": "<=", "控制在": "<=",
    ">": ">", "＞": ">", "超过": ">", "高于": ">", "大于": ">",
    "<": "<", "＜": "<", "低于": "<", "小于": "<", "少于": "<",
    "=": "=", "＝": "=", "为": "=",
}
_WEAK = {"达到", "达", "至", "为", "控制在"}  # need a unit after the number to count as an indicator
_CMP = "|".join(sorted((re.escape(w) for w in _CMP_WORDS), key=len, reverse=True))
# A number ends where the document's number ends: '1e3' or '1.2.3' is not 1 followed by text.
_VALUE = r"(\d+(?:\.\d+)?)(?!\.?\d|[eE][-+]?\d)"
# NAME CMP VALUE UNIT [及以上]: 接通率≥80%, 一致率达95%及以上, 准确率超过80%
_P1 = re.compile(rf"(?P<name>[^，,；;。:：]*?)(?P<cmp>{_CMP})\s*{_VALUE}\s*(?P<unit>{_UNIT})?\s*(?P<suffix>及以上|以上|以内|以下)?")
# [NAME] VALUE UNIT [NOUN] 及以上: 服务器数量550台及以上, 覆盖全区32个单位及以上
_P2 = re.compile(rf"(?P<name>[^，,；;。:：\d]*?)\s*{_VALUE}\s*(?P<unit>{_UNIT})\s*(?P<noun>[^，,；;。\d]{{0,12}}?)(?P<suffix>及以上|以上|以内|以下)")
# NAME VALUE% with no comparator word, for a rate: 系统正常运行率100%
_P3 = re.compile(rf"(?P<name>[^，,；;。:：\d]{{2,30}}?(?:率|度))\s*{_VALUE}\s*%")
_VERBS = re.compile(r"^(?:完成|实现|建设|开通|覆盖|保障|提高|提升|确保|达到|推进|提供|保持|全区|全市|全年|年度)+")
_METRIC_END = ("率", "度", "长", "数", "量", "比", "值", "时间", "时长", "次数", "人数", "个数", "规模")


def normalize_marks(text: str) -> str:
    """LaTeX and full-width comparison marks as plain symbols: '$\\geq 90.00\\%$' → '≥ 90.00%'."""
    text = text.replace("\\geq", "≥").replace("\\leq", "≤").replace("\\ge", "≥").replace("\\le", "≤")
    text = text.replace("\\%", "%").replace("$", "").replace("％", "%")
    return text


def _clean_name(name: str) -> str:
    name = re.sub(r"^[\d\s.、()（）①-⑳]+", "", squeeze(name)).rstrip("：:")
    stripped = _VERBS.sub("", name)
    return stripped if len(stripped) >= 2 else ""  # a bare verb (完成) names nothing


def _suffix_cmp(suffix: str | None, cmp: str) -> str:
    if suffix in ("及以上", "以上"):
        return ">="
    if suffix in ("以内", "以下"):
        return "<="
    return cmp


_CLAUSE_END = re.compile(r"[，,；;。\n]|(?<=[^\d])\.(?=\D)")
_DIGIT = re.compile(r"\d")


def indicators_from_text(text: str, program: str | None = None, source: Source | None = None) -> list[Indicator]:
    """Targets stated in a performance-target text, one Indicator per "name comparator value unit"
    found (the sentence it came from in `text`)."""
    out: list[Indicator] = []
    for clause in _CLAUSE_END.split(normalize_marks(text)):
        clause = clause.strip()
        if not clause or not _DIGIT.search(clause):
            continue
        found = _clause_indicator(clause)
        if found:
            name, cmp, value, unit = found
            out.append(Indicator(name=name, comparator=cmp, target=value, unit=unit, program=program, text=clause,
                                 source=source or Source()))
    return out


def _clause_indicator(clause: str) -> tuple[str, str, float, str | None] | None:
    for m in _P1.finditer(clause):
        word, unit = m.group("cmp"), m.group("unit")
        if word in _WEAK and not unit:
            continue
        # a year or a date is not a target ("至2021年")
        if clause[m.end():m.end() + 1] in ("年", "月", "日") and not unit:
            continue
        name = _clean_name(m.group("name"))
        if not name or name.endswith(("到", "于", "在", "至")):
            tail = re.match(r"[^\d，,；;。]{2,12}", clause[m.end():])
            name = _clean_name(tail.group(0)) if tail else ""
        if not name or len(name) > 40:
            continue
        return name, _suffix_cmp(m.group("suffix"), _CMP_WORDS[word]), float(m.group(3)), unit
    m = _P2.search(clause)
    if m:
        noun, name = squeeze(m.group("noun")), _clean_name(m.group("name"))
        name = noun if noun and not (name and name.endswith(_METRIC_END)) else name
        if name and len(name) <= 40:
            return name, _suffix_cmp(m.group("suffix"), "="), float(m.group(2)), m.group("unit")
    m = _P3.search(clause)
    if m and _clean_name(m.group("name")):
        return _clean_name(m.group("name")), "=", float(m.group(2)), "%"
    return None


# ---------------------------------------------------------------- self-evaluation

# "“热线外包服务”项目绩效自评综述：项目全年预算数为200万元，执行数为190万元" or, unquoted after an
# item number, "1.热线外包服务项目绩效自评情况：全年预算数200万元，全年执行数190万元".
_AMOUNTS_EVAL = (r"(?:项目)?全年预算数为?\s*(?P<budget>[\d,.]+)\s*万元[，,]\s*(?:全年)?执行数为?\s*(?P<executed>[\d,.]+)\s*万元"
                 r"(?:[，,]\s*(?:完成预算的|(?:预算)?执行率为?)\s*(?P<rate>[\d.]+)\s*%)?")
_PROGRAM_EVAL = re.compile(
    r"(?:[“\"](?P<name>[^”\"]{2,80})[”\"]|(?:^|(?<=[。；]))(?:\d{1,2}[.、．]|[（(]\d{1,2}[）)])(?P<bare>[^，。；：:“”]{2,60}?))"
    r"\s*(?:项目)?(?:绩效)?自评(?:综述|情况)[：:]\s*" + _AMOUNTS_EVAL
)
_OVERALL_EVAL = re.compile(r"部门整体(?:专项资金)?支出(?:绩效)?自评(?:综述|情况)[：:]\s*" + _AMOUNTS_EVAL)
_EVAL_LIST = re.compile(r"今年开展了部门整体(?:专项资金)?支出及(?P<list>.+?)(?:等项目)?绩效自评"
                        r"|对(?P<list2>[^。；]+?、[^。；]+?)等?(?:\d+个)?项目(?:开展|进行)了?(?:绩效)?自评")
# a grade as printed (优秀, “优”, 良好等级), only where no word goes on after it (为优化, 一般公共预算 are none)
_RATING = r"[“\"]?(优秀|良好|较好|合格|一般|较差|中等|优|良|中|差)(?=[”\"]|等|级|[^\u4e00-\u9fff]|$)"
# the grade said after the evaluation's words and a few more (结果, 等级, 得分92.5分，等级), across a colon only
# to the grade's own words (项目绩效自评：自评等级为“优”)
_GRADED = (r"绩效(?:自评|评价)[^。；：:]{0,24}?(?:为|是|[：:])\s*"
           r"(?:[^。；：:]{0,8}?(?:等级|结果|评级|结论|评定)(?:为|是)\s*)?" + _RATING)
_TARGET = re.compile(rf"目标值\s*(?:为)?\s*(?P<cmp>{_CMP})?\s*{_VALUE}\s*(?P<unit>{_UNIT})?")
_ACTUAL = re.compile(rf"实际完成(?:值|情况|率)?(?:为|达到?)?\s*{_VALUE}\s*(?P<unit>{_UNIT})?")


def met(comparator: str | None, target: float | None, actual: float | None) -> bool | None:
    """Whether `actual` satisfies "comparator target"; None when either is missing."""
    if comparator is None or target is None or actual is None:
        return None
    return {">=": actual >= target, "<=": actual <= target, ">": actual > target, "<": actual < target,
            "=": abs(actual - target) < 1e-9}[comparator]


_PERFORMANCE_WORD = re.compile(r"绩效(?:自评|评价|管理|情况)")
_NUMBERED = re.compile(r"^(?:[（(]?[一二三四五六七八九十]+[）)、]|\d{1,2}[、.．](?!\d))")


def self_evaluation(lines: list[Line], department: str | None, paras: list[Paragraph] | None = None
                    ) -> tuple[list[Program], list[Indicator], dict, list[Fact]]:
    """Programs named in the 绩效自评 narrative (with budget and executed amounts where stated),
    indicators with their target and actual value ("目标值≥80%，实际完成值78.10%"), and the
    department's overall figures (overall_budget, overall_executed, overall_execution_rate,
    overall_rating, program_rating), with the execution rate also as a Fact with its source."""
    paras = [Paragraph(canonical(normalize_marks(p.text)), p.line, p.page)
             for p in (paragraphs(lines) if paras is None else paras)]
    starts = [i for i, p in enumerate(paras) if _PERFORMANCE_WORD.search(p.text) and _NUMBERED.match(p.text)]
    for start in starts:  # the first heading is a table of contents' entry when nothing is under it
        found = _evaluation_from(paras, start, department)
        if any(found):
            return found
    return [], [], {}, []


def _evaluation_from(paras: list[Paragraph], start: int, department: str | None
                     ) -> tuple[list[Program], list[Indicator], dict, list[Fact]]:
    programs: dict[str, Program] = {}
    indicators: list[Indicator] = []
    performance: dict = {}
    facts: list[Fact] = []
    current: str | None = None
    goals = False  # inside a "绩效目标完成情况" passage, whose numbered items state targets
    for p in paras[start:]:
        text = squeeze(p.text)
        if text.startswith(("第四部分", "第五部分")):
            break
        m = _OVERALL_EVAL.search(text)
        if m:
            budget, executed = parse_amount(m.group("budget")), parse_amount(m.group("executed"))
            rate = parse_amount(m.group("rate")) if m.group("rate") else (
                round(executed / budget * 100, 2) if budget and executed is not None else None)
            performance.update(overall_budget=budget, overall_executed=executed, overall_execution_rate=rate)
            if rate is not None:
                facts.append(Fact("execution_rate", rate, unit="%", text=text[:300], source=p.source("绩效自评")))
            facts += [Fact(key, value, text=text[:300], source=p.source("绩效自评"))
                      for key, value in (("overall_expenditure_budget", budget), ("overall_expenditure", executed))
                      if value is not None]
            current = None
        # the first grade printed of each: a later paragraph's is a program's or a restatement
        r = re.search(rf"部门整体(?:专项资金)?支出{_GRADED}", text)
        if r and "overall_rating" not in performance:
            performance["overall_rating"] = r.group(1)
        r = re.search(rf"项目(?:支出)?{_GRADED}", text)
        if r and "program_rating" not in performance:
            performance["program_rating"] = r.group(1)
        m = _EVAL_LIST.search(text)
        if m:
            for name in split_names(m.group("list") or m.group("list2")):
                if not re.fullmatch(r"\d+个(?:一般公共预算)?项目", name) and _key(name) not in programs:
                    programs[_key(name)] = Program(name=name, unit=department, source=p.source("绩效自评"))
        m = _PROGRAM_EVAL.search(text)
        if m and "部门整体" not in (m.group("name") or m.group("bare")):
            name = m.group("name") or m.group("bare")
            prog = programs.get(_key(name)) or Program(name=name, unit=department, source=p.source("绩效自评"))
            prog.amount, prog.executed = parse_amount(m.group("budget")), parse_amount(m.group("executed"))
            programs[_key(name)] = prog
            current = prog.name
            if "目标值" not in text[m.end():]:
                continue
            text = text[m.end():]
        if "目标值" in text:
            ind = _evaluated_indicator(text, current, p)
            if ind:
                indicators.append(ind)
        elif "绩效目标完成情况" in text or (goals and re.match(r"^[（(][一二三四五六七八九十]+[）)]", text)):
            goals = True
            indicators += [i for i in indicators_from_text(text, None, p.source("绩效自评")) if i.unit == "%"]
        elif counted := output_counts(text, current, p.source("绩效自评")):  # 坐席规模…的情况。配置45个职场坐席
            indicators += counted
            goals = False
        else:
            goals = False
    return list(programs.values()), indicators, performance, facts


def _key(name: str) -> str:
    return squeeze(name).removesuffix("项目")


def _evaluated_indicator(text: str, program: str | None, p: Paragraph) -> Indicator | None:
    m = _TARGET.search(text)
    if not m:
        return None
    before = next((c for c in reversed(re.split(r"[，,；;。]", text[: m.start()])) if c), "")
    name = before.rsplit("的", 1)[-1] if "的" in before else before
    if not name.endswith(_METRIC_END):
        heading = re.match(r"(.{2,30}?)的?完成情况[。：:]", text)
        name = heading.group(1) if heading else name
    cmp = _CMP_WORDS.get(m.group("cmp") or "=", "=")
    target = float(m.group(2))
    actual_m = _ACTUAL.search(text, m.end())
    actual = float(actual_m.group(1)) if actual_m else None
    return Indicator(name=_clean_name(name), comparator=cmp, target=target, unit=m.group("unit"), program=program,
                     actual=actual, met=met(cmp, target, actual), text=text[:300], source=p.source("绩效自评"))
