"""Question understanding: a Chinese question → `Question` (intent, entity mentions, slots).

Entity mentions come from a spaCy pipeline (`spacy.blank("zh")` with the jieba segmenter) whose
EntityRuler holds the graph's own labels and aliases (see `lexicon`): `EntityPipeline`. The intent comes from the
question's words and the kinds of entities it names; slots are the year, document type (预算/决算),
scope (本级/汇总), a comparison with a number ("超过2000万元"), an order ("最大的"), a count
("多少个"), a change on last year ("比上年"), the measure asked for (收入, 三公经费, …) and the
remaining topic words. Nothing here names a department, program or document.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field

from query_api.lexicon import ORG_KINDS, Entry, Lexicon, is_header_word, normalise, place_prefixes, simplified
from query_api.names import match_org, match_program, org_candidates, typed_place
from query_api.slots import (
    GENERAL_MEASURES,
    YEAR,
    amount_slots,
    asks_rating,
    document_slots,
    output_wish,
    plain_question,
)

# Words that carry no topic (question words, verbs of relation, generic nouns).
STOPWORDS = set("""
哪些 哪个 哪家 什么 多少 几个 是 的 了 吗 呢 有 有哪些 都 和 与 及 或 在 对 中 其 所 该 各 个 请问 请 列出 告诉 我 一下
涉及 有关 相关 关于 包括 包含 含有 涉 相关的 项目 项 项目有 经费 部门 单位 机构 负责 承担 主管 管理 工作 职责 主要 职能
哪 些 谁 由 为 用于 用 来 做 目标 目标值 预算 决算 金额 资金 年 年度 数 是否 情况 方面 上 下 及其 等 哪里 归 所属
跟 同 向 把 被 让 给 从 按 查 查询 查找 搜索 找 看看 显示 相关联 挂钩 关联 联系 事项 事务 方面的 这个 那个 一些 哪几个 什么样
关系 有关系 名称 名字 里 中 叫 带 含 带有 含有 都 呢 啊 吧 管 吗 所有 全部 类 列举 统计 有没有 是否有
花 花了 钱 花费 开支 安排 一共 总共 共 合计 加起来 分别
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
    years: list[int] = field(default_factory=list)  # every year named (2024年和2021年), `year` first
    doc_type: str | None = None  # budget | final_account
    scope: str | None = None  # consolidated | standalone
    comparator: str | None = None
    number: float | None = None  # in 万元 where it is an amount
    number_high: float | None = None  # the upper bound when comparator is "between"
    order: str | None = None  # desc | asc
    limit: int | None = None
    measure: str | None = None
    measures: list[str] = field(default_factory=list)  # every measure named (基本支出和项目支出), `measure` first
    change: bool = False
    output: str | None = None  # an output wish stated after the question: names | amounts | other
    change_sign: int = 0  # +1 asked as an increase (增加了多少), -1 as a decrease (减少了多少), 0 either way
    topic: str | None = None
    indicators: list[Entry] = field(default_factory=list)  # performance indicators the question's words name
    unknown_orgs: list[str] = field(default_factory=list)  # organisation names the graph does not hold

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


class EntityPipeline:
    """The question pipeline: `spacy.blank("zh")` segmenting with the lexicon's own jieba tokenizer, and an
    EntityRuler whose phrase patterns (ORTH) are the graph's labels and aliases. A match is a whole run of
    the question's tokens equal to a surface form's own tokens; overlapping matches keep the longest.

    `patterns` maps each surface form's tokens to it: saved with the store's knowledge (`ask.knowledge`), so
    that a cold start builds the ruler without cutting every surface form again. The ruler is given a
    pattern when a question first holds all of its tokens (no other pattern can match it), so neither a
    cold `govkg ask` nor a server's start pays for the thousands of names a question does not use."""

    def __init__(self, lexicon: Lexicon, patterns: dict[tuple[str, ...], str] | None = None):
        import spacy
        from spacy.lang.zh import Segmenter

        cut = lexicon.tokenizer.cut
        if patterns is None:  # each surface form as its own tokens (as a question's tokens will show it)
            patterns = {}
            for surface in sorted(lexicon.surfaces):
                patterns.setdefault(tuple(t for t in cut(surface) if t), surface)
        self.patterns = patterns
        self._tokens_of = {surface: list(tokens) for tokens, surface in patterns.items()}
        self._by_first: dict[str, list[str]] = {}  # a pattern under its first token
        for tokens, surface in patterns.items():
            if tokens:
                self._by_first.setdefault(tokens[0], []).append(surface)
        self._added: set[str] = set()
        self._tokenizer = lexicon.tokenizer
        # Made with the char segmenter (spaCy then loads no jieba dictionary of its own), then switched to
        # jieba with the lexicon's tokenizer, which knows the graph's names.
        nlp = spacy.blank("zh")
        nlp.tokenizer.segmenter = Segmenter.jieba
        nlp.tokenizer.jieba_seg = lexicon.tokenizer
        self._ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "ORTH"})
        self._nlp = nlp
        self._lock = threading.Lock()  # spaCy pipelines are not documented as thread-safe; a question takes a ms

    def __call__(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, surface) of the names in `text`, in text order."""
        with self._lock:
            doc = self._nlp.make_doc(text)
            words = {t.text for t in doc}
            wanted = [surface for word in words for surface in self._by_first.get(word, ())
                      if surface not in self._added and all(t in words for t in self._tokens_of[surface])]
            if wanted:
                self._add(wanted)
            if self._added:
                doc = self._ruler(doc)
        return [(ent.start_char, ent.end_char, ent.ent_id_ or ent.text) for ent in doc.ents]

    def _add(self, surfaces: list[str]) -> None:
        # The ruler reads a phrase pattern through the tokenizer: it is given each surface's saved tokens.
        self._nlp.tokenizer.jieba_seg = _Presplit(self._tokens_of, self._tokenizer)
        try:
            self._ruler.add_patterns([{"label": "ENT", "pattern": surface, "id": surface} for surface in surfaces])
        finally:
            self._nlp.tokenizer.jieba_seg = self._tokenizer
        self._added.update(surfaces)


class _Presplit:
    """A jieba stand-in that gives each known surface form its saved tokens (and cuts anything else)."""

    def __init__(self, tokens_of: dict[str, list[str]], tokenizer):
        self._tokens_of, self._tokenizer = tokens_of, tokenizer

    def cut(self, text: str, cut_all: bool = False):
        known = self._tokens_of.get(text)
        return known if known is not None else self._tokenizer.cut(text, cut_all=cut_all)


def pipeline(lexicon: Lexicon) -> EntityPipeline:
    """The spaCy pipeline of `lexicon` (built once, with its jieba dictionary)."""
    matcher = getattr(lexicon, "_matcher", None)
    if matcher is not None:
        return matcher
    with _NLP_LOCK:
        if getattr(lexicon, "_matcher", None) is None:
            lexicon._matcher = EntityPipeline(lexicon)
    return lexicon._matcher


def find_mentions(text: str, lexicon: Lexicon) -> tuple[list[Mention], list[str]]:
    """Entity mentions of `text` (already normalised) and the organisation names it holds that the graph
    does not: the EntityRuler's mentions, then any longer label it missed because jieba cut the question
    differently, then organisation names as people shorten them (区政数局, 商务委), then a bare place
    name standing for its department."""
    spans = pipeline(lexicon)(text)
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
    named = [False] * len(text)
    for start, end, key in spans:
        if any(e.kind in ORG_KINDS for e in lexicon.surfaces.get(key, [])):
            named[start:end] = [True] * (end - start)
    typed, unknown = _typed_org_names(text, covered, named, lexicon)
    spans = [s for s in spans if not any(s[0] < end and start < s[1] for start, end, _ in typed)]
    if not unknown and not any(lexicon.surfaces[s][0].kind in ORG_KINDS for _, _, s in spans if s in lexicon.surfaces) \
            and not typed:
        for place in lexicon.places:
            at = text.find(place)
            if at >= 0 and not any(covered[at:at + len(place)]):
                spans.append((at, at + len(place), "\0" + place))
    mentions = [Mention(text[start:end], start, end, entries) for start, end, entries in typed]
    for start, end, key in spans:
        if text[start:end] in STOPWORDS:
            continue  # an indicator named 单位 is not meant by the word
        entries = lexicon.places[key[1:]] if key.startswith("\0") else lexicon.surfaces.get(key, [])
        entries = [e for e in entries if not _other_place(text[:start], e)]
        entries = _of_kind_said(text[end:], entries)
        if entries:
            mentions.append(Mention(text[start:end], start, end, entries))
    return sorted(mentions, key=lambda m: m.start), unknown


# A name followed by the word for its kind (审计事务项目, 审计事务科目) means that kind only, where a program
# and a classification code share the name.
_KIND_WORDS = (("项目", "program"), ("科目", "item"), ("指标", "indicator"))


def _of_kind_said(after: str, entries: list[Entry]) -> list[Entry]:
    for word, kind in _KIND_WORDS:
        if after.startswith(word) and any(e.kind == kind for e in entries):
            return [e for e in entries if e.kind == kind]
    return entries


def _typed_org_names(text: str, covered: list[bool], named: list[bool], lexicon: Lexicon) -> tuple[list[tuple], list[str]]:
    """Organisation names outside the matched spans, resolved by abbreviation (`names.match_org`); those
    that resolve to nothing are names the graph does not hold."""
    orgs = [e for e in lexicon.entries if e.kind in ORG_KINDS]
    typed, unknown = [], []
    for starts, end in org_candidates(text, covered, named):
        for start in starts:
            found = match_org(text[start:end], orgs)
            if found:
                typed.append((start, end, found))
                covered[start:end] = [True] * (end - start)
                break
        else:
            unknown.append(text[starts[-1]:end])
    return typed, unknown


def _other_place(before: str, entry: Entry) -> bool:
    """True when a short name follows a place that is not the entity's own: in 深圳市政务服务数据管理局
    the alias 政务服务数据管理局 must not stand for the 清远市 or 广州市 one, nor 上海市商务委员会 for the
    district's 上海市普陀区商务委员会 (a bare 区 or 市 is the level of its own place: 区档案局)."""
    if entry.kind not in ORG_KINDS or not before.endswith(("省", "市", "区", "县", "州")):
        return False
    places = place_prefixes(entry.label)
    if typed_place(before) == before[-1]:
        return not places or places[-1][-1] != before[-1]
    # 上海市商务委员会 is not 上海市普陀区商务委员会; 湖州退役军人事务局 is 湖州市's (州 ends the place's own name)
    return not places or not before.endswith((places[-1], places[-1][:-1]))


def topic_of(text: str, mentions: list[Mention], lexicon: Lexicon) -> str | None:
    """The question's words that are not question words, slots or named entities (None if none)."""
    rest = text
    for mention in sorted(mentions, key=lambda m: m.start, reverse=True):
        if mention.kinds & set(ORG_KINDS):
            rest = rest[:mention.start] + " " + rest[mention.end:]
    rest = YEAR.sub(" ", rest)
    # the asking words at the end go first: jieba glues 有 of 有多少 onto the word before (存量款有)
    rest = re.sub(r"(?:有|是|为|共|总共|一共|合计)?(?:多少钱?|几个|哪些|什么)\W*$", " ", rest)
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


_HOP = re.compile(r"(?:所在|所属|隶属|上级)的?(?:部门|单位|局|机关|主管部门)")


def hop_to_department(text: str, mentions: list[Mention], lexicon: Lexicon) -> None:
    """A unit named as the way to its department (热线管理科所在部门的三公经费) stands for that department;
    "某科所在部门是哪个" still asks for the department itself."""
    hop = _HOP.search(text)
    if not hop or re.fullmatch(r"(?:是|为)?(?:哪个|哪一个|哪家|什么|谁)?(?:部门|单位)?(?:呢|啊)?", text[hop.end():]):
        return
    for mention in mentions:
        if mention.kinds <= {"internal_unit", "subordinate_unit"} and text[mention.end:hop.start()] in ("", "的"):
            parents = [lexicon.by_uri[e.parent] for e in mention.entries if e.parent in lexicon.by_uri]
            mention.entries = list(dict.fromkeys(parents)) or mention.entries


def understand(text: str, lexicon: Lexicon) -> Question:
    """The intent, entity mentions and slots of one question."""
    norm, wish = output_wish(plain_question(normalise(simplified(text))))
    question = Question(text=text, output=wish)
    question.mentions, question.unknown_orgs = find_mentions(norm, lexicon)
    hop_to_department(norm, question.mentions, lexicon)
    # slots from the words outside the names: 12345热线智慧办理系统2021年建设项目经费 does not ask about 2021
    # (a classification item's name is kept: 公务用车购置及运行费 also names a 三公 figure)
    names = [m for m in question.mentions if m.kinds - {"item"}]
    outside = "".join(" " if any(m.start <= i < m.end for m in names) else c for i, c in enumerate(norm))
    amount_slots(question, outside)
    document_slots(question, outside)
    question.indicators = match_indicators(norm, question, lexicon)
    orgs = {e.uri for e in question.entries(*ORG_KINDS)}
    if not question.entries("program", "item") and not (orgs and question.measure) and not question.unknown_orgs \
            and not question.indicators \
            and not re.search(ABOUT + r"|负责|承担|主管|职责|牵头|(?:部门|单位|谁)管|哪些项目", norm):  # topic words, not a program's name
        words = topic_of(norm, question.mentions, lexicon) or ""  # a program named with words left out
        found = match_program(words, lexicon.surfaces, question.year)
        if orgs:  # 白云区信息化合同存量款: a program of the organisation named
            found = [e for e in found if e.parent in orgs]
        if found:
            question.mentions.append(Mention(words, 0, 0, found))
    question.intent = classify(norm, question)
    if question.intent in ("programs_about", "duty_holder", "search"):
        question.topic = topic_of(norm, question.mentions, lexicon)
    return question


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)} or {text}


def match_indicators(text: str, question: Question, lexicon: Lexicon) -> list[Entry]:
    """Indicators whose name best matches the question's words or their synonyms (`_indicator_score`), in
    the asked year and of a named program where given."""
    candidates = lexicon.of_kind("indicator")
    if question.year and any(e.year == question.year for e in candidates):
        candidates = [e for e in candidates if e.year == question.year]
    programs = {e.uri for e in question.entries("program")}
    if programs and any(e.parent in programs for e in candidates):
        candidates = [e for e in candidates if e.parent in programs]
    texts = [text] + [text.replace(word, other) for group in lexicon.synonyms for word in group if word in text
                      for other in group if other != word]  # 平均通话时长 asks for 通话均长
    scored = []
    for entry in candidates:
        name = normalise(entry.label)
        if len(name) < 2 or name in STOPWORDS or is_header_word(name):  # 单位, 预算总支出: not an indicator's words
            continue
        score = max((_indicator_score(name, t) for t in texts), default=(0, 0.0))
        if score[1] > 0:
            scored.append((score, entry))
    best = max((s for s, _ in scored), default=(0, 0.0))
    return [e for s, e in scored if s == best]


def _indicator_score(name: str, text: str) -> tuple[int, float]:
    """How well `text` names the indicator `name`: (character pairs present, their share), when its last
    two characters (接通率, 均长) are present and at least half its pairs (or its last three: 满意度
    names 服务对象满意度); (0, 0.0) if not. More pairs first: 人工接通率 is 热线人工接通率, not 接通率."""
    if name[-2:] not in text:
        return (0, 0.0)
    pairs = _bigrams(name)
    found = sum(1 for p in pairs if p in text)
    share = found / len(pairs)
    return (found, share) if share >= 0.5 or (len(name) > 3 and name[-3:] in text) else (0, 0.0)


# Words that ask for programs about a topic (涉及, 有关, 名称里有 …).
ABOUT = r"涉及|有关|相关|关于|包括|包含|方面|围绕|名称|名字|含有|带有|关系|关联"


def classify(text: str, q: Question) -> str:
    """The question type, from its words and the kinds of entities it names (first rule that holds wins)."""
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
    if re.search(r"内设机构|内设|股室|科室|处室|职能科|设有哪些|设置了?哪些|内部机构|(哪些|什么|几个)(科|股|处|室)(?![学目技长])", text):
        return "internal_units"
    if re.search(r"下属单位|下属|所属单位|所属事业单位|直属单位|下级单位|二级单位|下辖|旗下", text) \
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
    if re.search(r"哪些项目|项目有哪些|什么项目|哪几个项目|相关项目|相关的项目|的项目$", text) \
            and re.search(ABOUT, text):
        return "programs_about"  # a list of programs about a topic, even when the topic is also a program's name
    if programs and re.search(r"指标", text) and (re.search(r"哪些|什么|列出|有几|多少个", text) or not q.indicators):
        return "program_indicators"
    if programs and re.search(r"用于|用途|用来|用在|花在|干什么|做什么|(?<!项)目的|绩效目标是什么|目标是什么|绩效目标$|项目目标|什么目标|(达到|实现)什么|是什么项目|内容", text):
        return "program_purpose"
    counts = asks_program and not re.search(r"指标|目标|完成|率", text)
    if counts and re.search(r"多少个|几个|多少项|几项|数量|个数|总数|项目数", text):
        return "count_programs"  # 项目数量: not the indicator named …数量
    if q.indicators and not q.measure and not items and re.search(r"指标|目标|完成|实际|达到|多少|几|是否", text):
        return "indicator"
    if re.search(r"指标|目标值|完成值|实际完成|实际值|完成情况|达到多少|率|均长|满意|时长|时限", text) \
            and not q.measure and not programs and not items and not re.search(r"项目", text):
        return "indicator"
    if asks_program and re.search(r"多少个|几个|多少项|几项|数量|个数|总数", text):
        return "count_programs"
    if asks_program and re.search(r"合计|总计|总和|一共|总共|加起来|共计|总额", text) and not programs:
        return "sum_programs"
    if q.order and q.measure and not programs and re.search(r"哪个(部门|单位)|哪些(部门|单位)|哪家", text):
        return "rank_departments"  # 哪个部门的项目支出最多: departments by a measure, not programs
    if asks_program and q.order and not programs:
        return "rank_programs"
    if q.order and not programs and not asks_program and \
            re.search(r"哪个(部门|单位)|哪些(部门|单位)|的(部门|单位)(是哪个|有哪些|是)?$", text):
        return "rank_departments"
    if programs and re.search(r"哪个(部门|单位)|哪家|谁的|属于|归属|负责|使用单位|承担", text):
        return "program_owner"
    if asks_program and q.comparator and q.number is not None:
        return "filter_programs"
    if asks_program and not programs and re.search(ABOUT + "|用于", text):
        return "programs_about"
    if asks_program and orgs and not programs and re.search(r"哪些|什么|列出|清单|有几|名单|所有|列表|项目$", text):
        return "programs_of"
    if asks_program and not programs and not orgs and re.search(r"哪些|什么|有没有|是否有|类项目|类的项目|所有", text):
        return "programs_about"
    if q.indicators and not q.measure and not items and not programs:
        return "indicator"  # 2021年热线满足度: an indicator named with no question word
    if asks_program and not programs and not orgs and not items and q.measure in (None, *GENERAL_MEASURES) \
            and q.comparator is None:
        return "programs_about"  # 政务云的项目花了多少钱: the programs on that topic, with their amounts
    if programs or items or q.measure or re.search(r"多少|金额|预算|决算|经费|数额", text):
        return "amount"
    if re.search(r"指标", text):
        return "indicator"
    return "unknown"
