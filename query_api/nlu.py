"""Question understanding: a Chinese question → `Question`, its slots filled by independent readers.

Entity mentions come from a spaCy pipeline (`spacy.blank("zh")` with the jieba segmenter) whose
EntityRuler holds the graph's own labels and aliases (see `lexicon`): `EntityPipeline`. The other slots
are read from the words outside the names (`slots`): years, phase (预算/决算), scope (本级/汇总), the
measures asked for (收入, 三公经费, …), a threshold ("超过2000万元"), an order and top-k ("最大的三个"),
a change on last year, an output wish ("只列名称"), and the operation (lookup, list, rank, count, sum,
average, compare, change, trend, share, condition, plan vs actual) — read without knowing what is
asked about. The subject (what kind of thing the answers are: programs, units, duties, a figure …)
comes from the words and the kinds of entities named (`subjects`); the question type (`intent`)
is named from subject and operation. Nothing here names a department, program or document."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field

from query_api.lexicon import ORG_KINDS, Entry, Lexicon, is_header_word, normalise, place_prefixes, simplified
from query_api.names import (
    content_words,
    match_org,
    match_program,
    org_candidates,
    programs_by_words,
    typed_place,
    unit_under_department,
)
from query_api.slots import (
    YEAR,
    amount_slots,
    document_slots,
    operation_slots,
    output_wish,
    plain_question,
    small_number,
)
from query_api.subjects import ABOUT, intent_of, subject_of

# Words that carry no topic (question words, verbs of relation, generic nouns).
STOPWORDS = set("""
哪些 哪个 哪家 什么 多少 几个 是 的 了 吗 呢 有 有哪些 都 和 与 及 或 在 对 中 其 所 该 各 个 请问 请 列出 告诉 我 一下
涉及 有关 相关 关于 包括 包含 含有 涉 相关的 项目 项 项目有 经费 部门 单位 机构 负责 承担 主管 管理 工作 职责 主要 职能
哪 些 谁 由 为 用于 用 来 做 目标 目标值 预算 决算 金额 资金 年 年度 数 是否 情况 方面 上 下 及其 等 哪里 归 所属
跟 同 向 把 被 让 给 从 按 查 查询 查找 搜索 找 看看 显示 相关联 挂钩 关联 联系 事项 事务 方面的 这个 那个 一些 哪几个 什么样
关系 有关系 名称 名字 里 中 叫 带 含 带有 含有 都 呢 啊 吧 管 吗 所有 全部 类 列举 统计 有没有 是否有
花 花了 钱 花费 开支 安排 一共 总共 共 合计 加起来 分别
科室 股室 处室 内设机构 科 股 处 室 进行
今年 本年 本年度 当年 去年 上年 本级 汇总 即可 可以 只 实施 执行 开展
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
    base_year: int | None = None  # the year a change is measured from when it is the only one named (比2025年)
    doc_type: str | None = None  # budget | final_account
    page: int = 1  # which PAGE of a list that grows with the store (answering.rows.page_of)
    scope: str | None = None  # consolidated | standalone
    comparator: str | None = None
    number: float | None = None  # in 万元 where it is an amount
    number_high: float | None = None  # the upper bound when comparator is "between"
    order: str | None = None  # desc | asc
    limit: int | None = None
    measure: str | None = None
    measures: list[str] = field(default_factory=list)  # every measure named (基本支出和项目支出), `measure` first
    change: bool = False
    change_rate: bool = False  # the change asked as a rate (降幅, 增长了百分之几), not an amount
    output: str | None = None  # an output wish stated after the question: names | amounts | other
    change_sign: int = 0  # +1 asked as an increase (增加了多少), -1 as a decrease (减少了多少), 0 either way
    topic: str | None = None
    words_left: str | None = None  # the words that are no name, slot or question word (topic_of): a topic may be said
    indicators: list[Entry] = field(default_factory=list)  # performance indicators the question's words name
    unknown_orgs: list[str] = field(default_factory=list)  # organisation names the graph does not hold
    ambiguous: list[tuple[str, list[str]]] = field(default_factory=list)  # names standing for 2+ organisations
                                                                           # (set by names.ties)
    # what is done with what is found (slots.OPERATIONS), and the words that qualify it (slots.operation_slots)
    operation: str = "lookup"
    smaller: bool = False  # the lesser asked for: 更少, 最低
    difference: bool = False  # a difference asked for: 多多少, 相差
    which_departments: bool = False  # departments are the answer: 哪个部门, 哪些单位
    ranked: bool = False  # departments asked for in order: 哪个部门…最多, 前三
    zero: bool = False  # a figure that is zero asked for: 是0的
    share: tuple | None = None  # (denominator measure, (comparator, level) or None): 占…的比例, 超过…的一半
    subject: str = "unknown"  # what kind of thing the answers are (SUBJECTS)
    answer_type: str | None = None  # the kind the question phrase asks for (answer_type.KIND_NOUNS), if it names one
    about: bool = False  # programs asked for by a topic (涉及, 有关 …), not by their organisation
    how_many: int | None = None  # how many programs the question says there are (两个原水管道工程)

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
    by_start = lexicon.long_surfaces
    found = sorted((rank, at, surface) for at in range(len(text) - 3)
                   for rank, surface in by_start.get(text[at:at + 2], ()) if text.startswith(surface, at))
    for _, at, surface in found:  # longest first, as the EntityRuler left them
        if not any(covered[at:at + len(surface)]):
            spans.append((at, at + len(surface), surface))
            covered[at:at + len(surface)] = [True] * len(surface)
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
    for mention in mentions:  # 临江交通工务中心: the entity's own place typed without its level word before a short name
        mention.start = _own_place_before(text, mention)
        mention.text = text[mention.start:mention.end]
    return sorted(mentions, key=lambda m: m.start), unknown


def _own_place_before(text: str, mention: Mention) -> int:
    """Where `mention` starts once the place of its organisation typed right before it (with or without its
    level word) is counted in."""
    for entry in mention.entries:
        if entry.kind not in ORG_KINDS:
            continue
        for place in reversed(place_prefixes(entry.label)):
            for form in (place, place[:-1]):
                if len(form) >= 2 and text.startswith(form, mention.start - len(form)) \
                        and not mention.text.startswith(place):
                    return mention.start - len(form)
    return mention.start


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
                named[start:end] = [True] * (end - start)  # the next name (甲局和乙局) starts after this one
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
    rest = re.sub(r"[两一二三四五六七八九十\d]+(?:个|项|笔)", " ", rest)  # 两个原水管道工程: how many is said, not a topic
    words = [_strip_stopwords(t) for t in lexicon.tokens(rest)]
    # stripped again once joined: jieba may cut a stopword (加起来 → 加 / 起来) into parts that are none
    return _strip_stopwords("".join(w for w in words if w and not re.fullmatch(r"[\d.]+", w))) or None


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


# 两个原水管道工程: a number of programs said, so the words are their topic, never one program's name
_PROGRAMS_COUNTED = re.compile(r"(?<![\d.])([两二三四五六七八九十\d]+)(?:个|项)[^，,。？?\s]{0,12}?(?:项目|工程|专项)")


def understand(text: str, lexicon: Lexicon) -> Question:
    """The intent, entity mentions and slots of one question."""
    norm, wish = output_wish(plain_question(normalise(simplified(text))))
    question = Question(text=text, output=wish)
    question.mentions, question.unknown_orgs = find_mentions(norm, lexicon)
    hop_to_department(norm, question.mentions, lexicon)
    unit_under_department(norm, question.mentions)
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
            and not re.search(ABOUT + r"|负责|承担|主管|职责|牵头|(?:部门|单位|谁)管|哪些项目", norm) \
            and not _PROGRAMS_COUNTED.search(norm):  # topic words, not a program's name
        words = topic_of(norm, question.mentions, lexicon) or ""  # a program named with words left out
        found = match_program(words, lexicon.surfaces, question.year)
        if orgs:  # 白云区信息化合同存量款: a program of the organisation named
            found = [e for e in found if e.parent in orgs]
        if len({normalise(e.label) for e in found}) > 1:  # two programs fit as well: ask, never pick one
            question.ambiguous.append((words, sorted({e.label for e in found})))
        elif found:
            question.mentions.append(Mention(words, 0, 0, found))
    if orgs and not question.entries("program") and not question.ambiguous and re.search(r"(?<!哪个)项目", norm) \
            and not re.search(ABOUT + r"|哪些|多少个|几个|最", norm) and not _PROGRAMS_COUNTED.search(norm):
        # 某局请中介机构做审计的那个项目: the one program of the organisation whose name holds the words said
        words = topic_of(norm, question.mentions, lexicon) or ""
        found = programs_by_words(content_words(lexicon.tokens(words)),
                                  [e for e in lexicon.of_kind("program") if e.parent in orgs], question.year)
        if len({normalise(e.label) for e in found}) > 1:
            question.ambiguous.append((words, sorted({e.label for e in found})))
        elif found:
            question.mentions.append(Mention(words, 0, 0, found))
    # a share's figures are read with only the organisations' names blanked (支出总额 may also name an indicator)
    orgs_named = [m for m in question.mentions if m.kinds & set(ORG_KINDS)]
    figures_text = "".join(" " if any(m.start <= i < m.end for m in orgs_named) else c for i, c in enumerate(norm))
    # the named figures a share may be of: classified items and programs (城乡居民医保补助占项目支出的比例)
    items = [(m.start, m.end) for m in question.mentions if m.kinds & {"item", "program"} and m.end > m.start]
    operation_slots(question, question.text, len({e.label for e in question.entries(*ORG_KINDS)}), figures_text, items)
    question.words_left = topic_of(norm, question.mentions, lexicon)
    said = _PROGRAMS_COUNTED.search(norm)
    question.how_many = small_number(said.group(1)) if said else None
    question.subject = subject_of(norm, question)
    if question.about or question.subject in ("duty_holder", "unit_duty_holder"):
        question.topic = question.words_left  # the same words: the mentions have not changed since
    # programs added up or counted with no topic left in the words: every program (项目预算一共多少)
    question.about = question.about and bool(question.topic or question.operation not in ("count", "sum"))
    question.intent = intent_of(question)
    return question


_COUNT_ASKED = re.compile(r"(?:多少|几)个?(人|次|件|家|项|户|台|辆|场|期|篇|条|所)")


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)} or {text}


class _Indicators:
    """A lexicon's indicators by the last two characters of their names (an indicator scores only when the
    question holds them: `_indicator_score`), so a question reads the few it may name, not every one."""

    def __init__(self, lexicon: Lexicon):
        entries = lexicon.of_kind("indicator")
        self.years = {e.year for e in entries}
        self.parents: dict[object, set] = {}  # year (None: every year) → the programs of its indicators
        self.by_tail: dict[str, list[tuple[int, str, Entry]]] = {}
        for position, e in enumerate(entries):
            self.parents.setdefault(None, set()).add(e.parent)
            self.parents.setdefault(e.year, set()).add(e.parent)
            name = normalise(e.label)
            if len(name) < 2 or name in STOPWORDS or is_header_word(name):  # 单位, 预算总支出: not an indicator's words
                continue
            self.by_tail.setdefault(name[-2:], []).append((position, name, e))
        self.programs_of: dict[str, list[Entry]] = {}  # an organisation's programs, its indicators' parents
        for e in lexicon.of_kind("program"):
            self.programs_of.setdefault(e.parent, []).append(e)


_INDICATORS_LOCK = threading.Lock()


def _indicators(lexicon: Lexicon) -> _Indicators:
    with _INDICATORS_LOCK:  # made once per lexicon (a lexicon is one store state's), on its first question
        made = lexicon.__dict__.get("_indicator_index")
        if made is None:
            made = lexicon.__dict__["_indicator_index"] = _Indicators(lexicon)
    return made


def match_indicators(text: str, question: Question, lexicon: Lexicon) -> list[Entry]:
    """Indicators whose name best matches the question's words or their synonyms (`_indicator_score`), in
    the asked year, of a named program where given, and of those the named organisation's where it has any
    (another's that fits better is kept, for the answer to say the organisation has none of that name)."""
    index = _indicators(lexicon)
    year = question.year if question.year and question.year in index.years else None
    programs = {e.uri for e in question.entries("program")}
    of_programs = bool(programs & index.parents.get(year, set()))
    # a count asked in words (几个人, 多少次) names the indicator counting it (…人数, …次数)
    counted = _COUNT_ASKED.sub(r"\1数", text)
    texts = [text, counted] + [t.replace(word, other) for t in (text, counted) for group in lexicon.synonyms
                               for word in group if word in t for other in group if other != word]  # 平均通话时长: 通话均长
    tails = {t[i:i + 2] for t in texts for i in range(len(t) - 1)}
    scored = []
    for _, name, entry in sorted(x for tail in tails for x in index.by_tail.get(tail, ())):  # in the lexicon's order
        if (year is not None and entry.year != year) or (of_programs and entry.parent not in programs):
            continue
        score = max((_indicator_score(name, t) for t in texts), default=(0, 0.0))
        if score[1] > 0:
            scored.append((score, entry))
    best = max((s for s, _ in scored), default=(0, 0.0))
    found = [e for s, e in scored if s == best]
    orgs = {e.uri for e in question.entries(*ORG_KINDS)}
    if orgs and not programs:  # of an organisation named, those of its programs and documents where it has them
        own = [p for org in orgs for p in index.programs_of.get(org, ())]
        mine = {e.uri for e in own}, {e.document for e in own if e.document}
        found = [e for e in found if e.parent in mine[0] or e.document in mine[1]] or found
    return found


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
