"""Question understanding: a Chinese question → `Question` (intent, entity mentions, slots).

Entity mentions come from a spaCy pipeline (`spacy.blank("zh")` with the jieba segmenter) whose
EntityRuler holds the graph's own labels and aliases (see `lexicon`). The intent comes from the
question's words and the kinds of entities it names; slots are the year, document type (预算/决算),
scope (本级/汇总), a comparison with a number ("超过2000万元"), an order ("最大的"), a count
("多少个"), a change on last year ("比上年"), the measure asked for (收入, 三公经费, …) and the
remaining topic words. Nothing here names a department, program or document.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field

import spacy

from query_api.lexicon import ORG_KINDS, Entry, Lexicon, normalise, place_prefixes

# Measures a department/year has, by the words that ask for them (longest first wins). Keys follow
# the record contract's fact keys; "three_public" picks the budget or the actual by document type.
MEASURE_WORDS: list[tuple[str, str]] = [
    ("一般公共预算财政拨款收入", "general_budget_revenue"),
    ("一般公共预算财政拨款支出", "general_budget_expenditure"),
    ("政府性基金预算财政拨款收入", "government_fund_revenue"),
    ("国有资本经营预算财政拨款收入", "state_capital_revenue"),
    ("财政拨款收入", "fiscal_appropriation_revenue"),
    ("因公出国", "three_public_outbound"),
    ("公务接待", "three_public_reception"),
    ("公务用车", "three_public_vehicle"),
    ("三公", "three_public"),
    ("机关运行经费", "administrative_operating_cost"),
    ("行政经费", "administrative_operating_cost"),
    ("运行经费", "administrative_operating_cost"),
    ("政府采购", "government_procurement"),
    ("基本支出", "basic_expenditure"),
    ("项目支出", "project_expenditure"),
    ("年初结转", "carryover_begin"),
    ("年末结转", "carryover_end"),
    ("执行率", "execution_rate"),
    ("自评得分", "performance_score"),
    ("绩效得分", "performance_score"),
    ("国有资产", "state_assets_total"),
    ("固定资产", "fixed_assets"),
    ("车辆", "vehicles"),
    ("收入", "revenue_total"),
    ("支出", "expenditure_total"),
    ("总计", "grand_total"),
    ("总额", "revenue_total"),
    ("总数", "revenue_total"),
    ("部门预算", "revenue_total"),
    ("部门决算", "revenue_total"),
]

_CHANGE = re.compile(r"比上年|较上年|比去年|较去年|同比|上年|增减|变化|变动|增加了?多少|减少了?多少|增长了?多少|下降了?多少")
_YEAR = re.compile(r"(?<![\d.])((?:19|20)\d\d)(?![\d.])(?!\s*(?:万|亿|元|千|百|个|项|台|秒|%))\s*(?:年度|年)?")
_NUMBER = re.compile(r"(\d+(?:\.\d+)?)\s*(亿元|亿|千万元|千万|百万元|百万|万元|万|千元|元)?")
_COMPARATORS = [
    (re.compile(r"不少于|不低于|至少|大于等于|大于或等于|以上（含）|及以上"), ">="),
    (re.compile(r"不超过|不高于|不多于|至多|小于等于|小于或等于|及以下"), "<="),
    (re.compile(r"超过|大于|高于|多于|以上|超出"), ">"),
    (re.compile(r"低于|少于|小于|不足|以下|不到"), "<"),
]
_BETWEEN = re.compile(r"(\d+(?:\.\d+)?)\s*(亿元|亿|万元|万|元)?\s*(?:到|至|-|~|～|和)\s*(\d+(?:\.\d+)?)\s*(亿元|亿|万元|万|元)?\s*(?:之间|以内|范围)")
_SCALE = {"亿元": 10000, "亿": 10000, "千万元": 1000, "千万": 1000, "百万元": 100, "百万": 100,
          "万元": 1, "万": 1, "千元": 0.1, "元": 0.0001, None: 1}

# Words that carry no topic (question words, verbs of relation, generic nouns).
STOPWORDS = set("""
哪些 哪个 哪家 什么 多少 几个 是 的 了 吗 呢 有 有哪些 都 和 与 及 或 在 对 中 其 所 该 各 个 请问 请 列出 告诉 我 一下
涉及 有关 相关 关于 包括 包含 含有 涉 相关的 项目 项 项目有 经费 部门 单位 机构 负责 承担 主管 管理 工作 职责 主要 职能
哪 些 谁 由 为 用于 用 来 做 目标 目标值 预算 决算 金额 资金 年 年度 数 数据 是否 情况 方面 上 下 及其 等 哪里 归 所属
跟 同 向 把 被 让 给 从 按 查 查询 查找 搜索 找 看看 显示 相关联 挂钩 关联 联系 事项 事务 方面的 这个 那个 一些 哪几个 什么样
""".split())


@dataclass
class Mention:
    """A span of the question naming one or more graph entries (the same name may occur in several documents)."""

    text: str
    start: int
    end: int
    entries: list[Entry]

    @property
    def kinds(self) -> set[str]:
        return {e.kind for e in self.entries}


@dataclass
class Question:
    text: str
    intent: str = "unknown"
    mentions: list[Mention] = field(default_factory=list)
    year: int | None = None
    doc_type: str | None = None  # budget | final_account
    scope: str | None = None  # consolidated | standalone
    comparator: str | None = None
    number: float | None = None  # in 万元 where it is an amount
    number_high: float | None = None  # the upper bound when comparator is "between"
    order: str | None = None  # desc | asc
    limit: int | None = None
    measure: str | None = None
    change: bool = False
    topic: str | None = None
    indicators: list[Entry] = field(default_factory=list)  # performance indicators the question's words name

    def entries(self, *kinds: str) -> list[Entry]:
        out: list[Entry] = []
        for mention in self.mentions:
            out.extend(e for e in mention.entries if e.kind in kinds and e not in out)
        return out

    def to_json(self) -> list[dict]:
        return [{"text": m.text, "kind": sorted(m.kinds)[0] if m.kinds else None,
                 "uris": [e.uri for e in m.entries], "label": m.entries[0].label if m.entries else None}
                for m in self.mentions]


_NLP_LOCK = threading.Lock()
_RUN_LOCK = threading.Lock()


def pipeline(lexicon: Lexicon):
    """The spaCy pipeline of `lexicon` (built once): jieba segmenter with the lexicon's dictionary + EntityRuler."""
    nlp = getattr(lexicon, "_nlp", None)
    if nlp is not None:
        return nlp
    with _NLP_LOCK:
        if getattr(lexicon, "_nlp", None) is None:
            nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
            nlp.tokenizer.jieba_seg = lexicon.tokenizer  # its own dictionary, not jieba's global one
            ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "ORTH"})
            ruler.add_patterns([{"label": "ENT", "pattern": surface, "id": surface} for surface in lexicon.surfaces])
            lexicon._nlp = nlp
    return lexicon._nlp


def find_mentions(text: str, lexicon: Lexicon) -> list[Mention]:
    """Entity mentions of `text` (already normalised): the EntityRuler's, then any longer label it missed
    because jieba cut the question differently, then a bare place name standing for its department."""
    nlp = pipeline(lexicon)
    with _RUN_LOCK:  # spaCy pipelines are not documented as thread-safe; a question takes a millisecond
        doc = nlp(text)
    spans = [(ent.start_char, ent.end_char, ent.ent_id_ or ent.text) for ent in doc.ents]
    covered = [False] * len(text)
    for start, end, _ in spans:
        covered[start:end] = [True] * (end - start)
    for surface in sorted(lexicon.surfaces, key=len, reverse=True):
        if len(surface) < 4:
            break
        at = text.find(surface)
        while at >= 0:
            if not any(covered[at:at + len(surface)]):
                spans.append((at, at + len(surface), surface))
                covered[at:at + len(surface)] = [True] * len(surface)
            at = text.find(surface, at + 1)
    if not any(lexicon.surfaces[s][0].kind in ORG_KINDS for _, _, s in spans if s in lexicon.surfaces):
        for place in lexicon.places:
            at = text.find(place)
            if at >= 0 and not any(covered[at:at + len(place)]):
                spans.append((at, at + len(place), "\0" + place))
    mentions = []
    for start, end, key in sorted(spans):
        entries = lexicon.places[key[1:]] if key.startswith("\0") else lexicon.surfaces.get(key, [])
        entries = [e for e in entries if not _other_place(text[:start], e)]
        if entries:
            mentions.append(Mention(text[start:end], start, end, entries))
    return mentions


def _other_place(before: str, entry: Entry) -> bool:
    """True when a short name follows a place that is not the entity's own: in 深圳市政务服务数据管理局
    the alias 政务服务数据管理局 must not stand for the 清远市 or 广州市 one."""
    if entry.kind not in ORG_KINDS or not before.endswith(("省", "市", "区", "县", "州")):
        return False
    return not any(before.endswith(place) for place in place_prefixes(entry.label))


def amount_slots(question: Question, text: str) -> None:
    """Comparison and number ("超过2000万元" → > 2000.0 万元), order ("最大", "前3"), year."""
    years = [int(y) for y in _YEAR.findall(text)]
    question.year = years[0] if years else None
    for pattern, comparator in _COMPARATORS:
        match = pattern.search(text)
        if not match:
            continue
        tail = _NUMBER.search(text, match.end())
        head = _NUMBER.search(text[:match.start()][-12:]) if not tail else None
        number = tail or head
        if number and (not years or number.group(1) not in map(str, years) or number.group(2)):
            question.comparator = comparator
            question.number = float(number.group(1)) * _SCALE[number.group(2)]
            break
    if re.search(r"最大|最高|最多|最贵|最大的|排名|排行|前\d+|前[一二三四五六七八九十]+|多到少|高到低", text):
        question.order = "desc"
    if re.search(r"最小|最低|最少|最便宜|少到多|低到高", text):
        question.order = "asc"
    top = re.search(r"前([\d一二两三四五六七八九十]+)", text) or \
        re.search(r"最[大高多小低少贵]的?([\d一二两三四五六七八九十]+)(?:个|项|名)", text)
    if top:
        question.limit = _small_number(top.group(1))
    between = _BETWEEN.search(text)
    if between:
        low = float(between.group(1)) * _SCALE[between.group(2) or between.group(4)]
        high = float(between.group(3)) * _SCALE[between.group(4)]
        question.comparator, question.number, question.number_high = "between", min(low, high), max(low, high)


def _small_number(text: str) -> int | None:
    """1–99 written in digits or Chinese numerals (三, 十, 十二, 二十)."""
    if text.isdigit():
        return int(text)
    digits = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
    if "十" in text:
        tens, _, ones = text.partition("十")
        return digits.get(tens, 1) * 10 + digits.get(ones, 0)
    return digits.get(text)


def document_slots(question: Question, text: str) -> None:
    if "决算" in text or re.search(r"实际支出|执行数|完成数|实际完成", text):
        question.doc_type = "final_account"
    elif "预算" in text:
        question.doc_type = "budget"
    if "本级" in text:
        question.scope = "standalone"
    elif re.search(r"汇总|合并|含下属|整体", text):
        question.scope = "consolidated"
    question.change = bool(_CHANGE.search(text))
    for word, key in MEASURE_WORDS:
        if word in text:
            question.measure = key
            break


def topic_of(text: str, mentions: list[Mention], lexicon: Lexicon) -> str | None:
    """The question's words that are not question words, slots or named entities (None if none)."""
    rest = text
    for mention in sorted(mentions, key=lambda m: m.start, reverse=True):
        if mention.kinds & set(ORG_KINDS):
            rest = rest[:mention.start] + " " + rest[mention.end:]
    rest = _YEAR.sub(" ", rest)
    words = [_strip_stopwords(t) for t in lexicon.tokens(rest)]
    return "".join(w for w in words if w and not re.fullmatch(r"[\d.]+", w)) or None


def _strip_stopwords(token: str) -> str:
    """`token` without stopwords at either end ("哪些项目" → "")."""
    changed = True
    while token and changed:
        changed = False
        for word in STOPWORDS:
            if token == word:
                return ""
            if len(word) > 1 and token.startswith(word):
                token, changed = token[len(word):], True
            elif len(word) > 1 and token.endswith(word):
                token, changed = token[:-len(word)], True
    return token


def understand(text: str, lexicon: Lexicon) -> Question:
    """The intent, entity mentions and slots of one question."""
    norm = normalise(text)
    question = Question(text=text)
    question.mentions = find_mentions(norm, lexicon)
    amount_slots(question, norm)
    document_slots(question, norm)
    question.indicators = match_indicators(norm, question, lexicon)
    question.intent = classify(norm, question)
    if question.intent in ("programs_about", "duty_holder", "search"):
        question.topic = topic_of(norm, question.mentions, lexicon)
    return question


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)} or {text}


def match_indicators(text: str, question: Question, lexicon: Lexicon) -> list[Entry]:
    """Indicators whose name best matches the question's words: its last two characters (接通率, 均长)
    present and at least half its character pairs (or its last three, 满意度), in the asked year and of a
    named program where given."""
    candidates = lexicon.of_kind("indicator")
    if question.year and any(e.year == question.year for e in candidates):
        candidates = [e for e in candidates if e.year == question.year]
    programs = {e.uri for e in question.entries("program")}
    if programs and any(e.parent in programs for e in candidates):
        candidates = [e for e in candidates if e.parent in programs]
    scored = []
    for entry in candidates:
        name = normalise(entry.label)
        if len(name) < 2 or name[-2:] not in text:
            continue
        pairs = _bigrams(name)
        score = sum(1 for p in pairs if p in text) / len(pairs)
        if score >= 0.5 or (len(name) > 3 and name[-3:] in text):  # 满意度 names 服务对象满意度
            scored.append((score, entry))
    best = max((s for s, _ in scored), default=0.0)
    return [e for s, e in scored if s >= best - 1e-9]


def classify(text: str, q: Question) -> str:
    """The question type, from its words and the kinds of entities it names (first rule that holds wins)."""
    orgs = q.entries(*ORG_KINDS)
    units = q.entries("internal_unit", "subordinate_unit")
    programs = q.entries("program")
    items = q.entries("item")
    asks_program = bool(re.search(r"项目", text))
    if re.search(r"哪些年|哪几年|哪一年|什么年份|年份|几个年度|哪些年度", text):
        return "years"
    if re.search(r"哪些(文档|文件|报告|公开|资料)|(文档|文件|报告)有哪些|收录了?哪些", text):
        return "documents"
    if re.search(r"(没|未|没有)(有)?(达到|达成|完成|实现)|未达标|不达标|没达标|低于目标", text):
        return "indicators_unmet"
    if units and re.search(r"哪一?个(部门|单位)|隶属|归属|归哪|上级", text) and not re.search(r"哪些", text):
        return "parent"  # 某科是哪个单位的内设机构: the unit's department, not a list of units
    if re.search(r"内设机构|内设|股室|科室|处室|职能科|设有哪些|设置了?哪些|内部机构", text):
        return "internal_units"
    if re.search(r"下属单位|下属|所属单位|所属事业单位|直属单位|下级单位|二级单位|下辖|旗下", text) \
            or re.search(r"(下面|下设|管辖)的?(有)?(哪些|什么|几个)?(单位|事业单位|中心)", text):
        return "subordinate_units"
    if units and re.search(r"隶属|属于哪|归属|上级|主管部门|所在部门|哪个部门的|哪个单位的|归哪", text):
        return "parent"
    if re.search(r"(哪个|哪些|哪家|什么|谁)(部门|单位|机构|科室|股室)?(来|在)?(负责|承担|主管|牵头|管理|管)", text) \
            and not units and not programs:
        return "duty_holder"
    if re.search(r"哪个|哪些|哪家|谁", text) and re.search(r"负责|承担|主管|职责|管理|牵头", text) \
            and not asks_program and not orgs:
        return "duty_holder"
    if orgs and re.search(r"职责|职能|负责什么|负责哪些|做什么|干什么|干嘛|主要任务|是什么机构|管什么", text) and not programs:
        return "duties"
    if re.search(r"(哪些|什么|所有|全部|多少个?|哪几个)(部门|单位|机构)|(部门|单位|机构)有哪些|部门列表", text) \
            and not programs and not orgs:
        return "departments"
    if re.search(r"哪些项目|项目有哪些|什么项目|哪几个项目|相关项目|相关的项目|的项目$", text) \
            and re.search(r"涉及|有关|相关|关于|包括|包含|方面|围绕", text):
        return "programs_about"  # a list of programs about a topic, even when the topic is also a program's name
    if programs and re.search(r"指标", text) and re.search(r"哪些|什么|列出|有几|多少个", text):
        return "program_indicators"
    if programs and re.search(r"用于|用途|用来|干什么|做什么|(?<!项)目的|绩效目标是什么|目标是什么|绩效目标$|项目目标|什么目标|(达到|实现)什么|是什么项目|内容", text):
        return "program_purpose"
    if q.indicators and not q.measure and not items and re.search(r"指标|目标|完成|实际|达到|多少|几|是否", text):
        return "indicator"
    if re.search(r"指标|目标值|完成值|实际完成|实际值|完成情况|达到多少|率|均长|满意|时长|时限", text) \
            and not q.measure and not programs and not items and not re.search(r"项目", text):
        return "indicator"
    if asks_program and re.search(r"多少个|几个|多少项|几项|数量|个数|总数", text):
        return "count_programs"
    if asks_program and re.search(r"合计|总计|总和|一共|总共|加起来|共计|总额", text) and not programs:
        return "sum_programs"
    if asks_program and q.order and not programs:
        return "rank_programs"
    if q.order and not programs and not asks_program and \
            re.search(r"哪个(部门|单位)|哪些(部门|单位)|的(部门|单位)(是哪个|有哪些|是)?$", text):
        return "rank_departments"
    if programs and re.search(r"哪个(部门|单位)|哪家|谁的|属于|归属|负责|使用单位|承担", text):
        return "program_owner"
    if asks_program and q.comparator and q.number is not None:
        return "filter_programs"
    if asks_program and not programs and re.search(r"涉及|有关|相关|关于|包括|包含|方面|用于|围绕", text):
        return "programs_about"
    if asks_program and orgs and not programs and re.search(r"哪些|什么|列出|清单|有几|名单|所有", text):
        return "programs_of"
    if asks_program and not programs and not orgs and re.search(r"哪些|什么", text):
        return "programs_about"
    if programs or items or q.measure or re.search(r"多少|金额|预算|决算|经费|数额", text):
        return "amount"
    if re.search(r"指标", text):
        return "indicator"
    return "unknown"
