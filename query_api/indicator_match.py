"""The performance indicators a question names: by the last two characters of their names, scored by the
character pairs of the question (or of its synonyms) they share, of the program or organisation named."""

from __future__ import annotations

import re
import threading
from typing import TYPE_CHECKING

from query_api.answer_type import blank
from query_api.lexicon import ORG_KINDS, Entry, Lexicon, is_header_word, normalise, simplified
from query_api.topic_words import STOPWORDS

if TYPE_CHECKING:
    from query_api.nlu import Question


# A unit printed in brackets after an indicator's name (提交审计报告和信息（篇）, 参与审计项目（个）): no word of
# the name — the question says 多少篇, never 篇）
BRACKETED_UNIT = re.compile(r"\s*[（(][^（）()]{1,10}[）)]$")
COUNT_ASKED = re.compile(r"(?:多少|几)个?(人|次|件|家|项|户|台|辆|场|期|篇|条|所)")


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
        self.by_program: dict[str | None, list[tuple[int, str, Entry]]] = {}  # a program's own, for _by_asked_words
        for position, e in enumerate(entries):
            self.parents.setdefault(None, set()).add(e.parent)
            self.parents.setdefault(e.year, set()).add(e.parent)
            name = BRACKETED_UNIT.sub("", normalise(e.label)) or normalise(e.label)
            if len(name) < 2 or name in STOPWORDS or is_header_word(name):  # 单位, 预算总支出: not an indicator's words
                continue
            self.by_tail.setdefault(name[-2:], []).append((position, name, e))
            self.by_program.setdefault(e.parent, []).append((position, name, e))
        self.programs_of: dict[str, list[Entry]] = {}  # an organisation's programs, its indicators' parents
        for e in lexicon.of_kind("program"):
            self.programs_of.setdefault(e.parent, []).append(e)
            unit = lexicon.by_uri.get(e.parent or "")
            if unit is not None and unit.parent and unit.parent != e.parent:  # a unit's program is its department's too
                self.programs_of.setdefault(unit.parent, []).append(e)


_INDICATORS_LOCK = threading.Lock()


def _indicators(lexicon: Lexicon) -> _Indicators:
    with _INDICATORS_LOCK:  # made once per lexicon (a lexicon is one store state's), on its first question
        made = lexicon.__dict__.get("_indicator_index")
        if made is None:
            made = lexicon.__dict__["_indicator_index"] = _Indicators(lexicon)
    return made


# one ask of several in a question (配置了多少个职场坐席、平台有多少工作人员): a clause holding a question word
_ASK = re.compile(r"多少|几[个人次件家项户台辆场期篇条所名]?|是否|哪些")
# (和, 以及 join two asks where a question word follows at once: 多少个坐席和多少名工作人员)
_CLAUSE = re.compile(r"[、，,；;]|(?:和|以及|及|还有|与)(?=[^、，,；;。？?]{0,3}(?:多少|几))")


def _asks(text: str) -> list[str]:
    """The clauses of `text` that each ask something, the words before the first said with it (某局说，热线配置了多少
    个坐席); one clause (the whole text) when fewer than two ask."""
    asks, before = [], ""
    for clause in _CLAUSE.split(text):
        if _ASK.search(clause):
            asks.append(before + clause)
            before = ""
        elif not asks:
            before += clause
    return asks if len(asks) > 1 else [text]


def match_indicators(text: str, question: Question, lexicon: Lexicon) -> list[Entry]:
    """Indicators whose name best matches the question's words or their synonyms (`_indicator_score`), in
    the asked year, of a named program where given, and of those the named organisation's where it has any
    (another's that fits better is kept, for the answer to say the organisation has none of that name). Two
    things asked in one question (多少个职场坐席、有多少工作人员) are each matched, where each names one."""
    asks = _asks(text)
    if len(asks) > 1:
        each = [_matched(ask, question, lexicon) for ask in asks]
        if all(each):
            return list(dict.fromkeys(e for found in each for e in found))
    return _matched(text, question, lexicon)


def _matched(text: str, question: Question, lexicon: Lexicon) -> list[Entry]:
    index = _indicators(lexicon)
    year = question.year if question.year and question.year in index.years else None
    programs = {e.uri for e in question.entries("program")}
    of_programs = bool(programs & index.parents.get(year, set()))
    # a count asked in words (几个人, 多少次) names the indicator counting it (…人数, …次数)
    # (多少家医疗机构 names …医疗机构数量 as well: a count's indicator is named …数量 as often as …家数)
    counted = [COUNT_ASKED.sub(r"\1数", text), COUNT_ASKED.sub("数量", text)] if COUNT_ASKED.search(text) else []
    texts = [text, *counted] + [t.replace(word, other) for t in (text, *counted) for group in lexicon.synonyms
                                for word in group if word in t for other in group if other != word]  # 平均通话时长: 通话均长
    tails = {t[i:i + 2] for t in texts for i in range(len(t) - 1)}
    scored, said = [], []
    for _, name, entry in sorted(x for tail in tails for x in index.by_tail.get(tail, ())):  # in the lexicon's order
        if (year is not None and entry.year != year) or (of_programs and entry.parent not in programs):
            continue
        score = max((_indicator_score(name, t) for t in texts), default=(0, 0.0))
        if score[1] > 0:
            scored.append((score, entry))
            if name in text:
                said.append((name, score, entry))
    # those holding most of the words' pairs — or, two names or more said whole apart (水费和燃气费), each of them, the
    # one of more pairs never the only one; of them the named organisation's where it has any (another's
    # that fits better is kept, for the answer to say the organisation has none of that name), then those whose
    # program the words also name
    most = max((s[0] for s, _ in scored), default=0)
    apart = [(n, s, e) for n, s, e in said if not any(n != m and n in m for m, _, _ in said)]
    tier = [(s, e) for _, s, e in apart] if len({n for n, _, _ in apart}) >= 2 \
        else [(s, e) for s, e in scored if s[0] == most]
    orgs = {e.uri for e in question.entries(*ORG_KINDS)}
    if orgs and not programs:  # of an organisation named, those of its programs and documents where it has them
        own = [p for org in orgs for p in index.programs_of.get(org, ())]
        mine = {e.uri for e in own}, {e.document for e in own if e.document}
        tier = [(s, e) for s, e in tier if e.parent in mine[0] or e.document in mine[1]] or tier
    # none named by its name's own pairs: by the words asked, of what is named (unless a figure or line is asked)
    if not tier and (programs or orgs) and not question.measures and not question.entries("item"):
        return _by_asked_words(text, question, index, programs, orgs, year, lexicon)
    tier = _by_program_words(tier, texts, lexicon)
    # a name said whole (接通率, not 热线人工接通率) is the one; else every one that fits as well is listed, never
    # one picked by the length of its name (满意度 of 被审计单位满意度 and 受训学员满意率 alike)
    whole = [e for s, e in tier if s[1] >= 1.0]
    return whole or [e for _, e in tier]


def _by_program_words(found: list[tuple[tuple[int, float], Entry]], texts: list[str],
                      lexicon: Lexicon) -> list[tuple[tuple[int, float], Entry]]:
    """Of indicators that fit the words equally (满意度 of many programs), those whose program's name the other
    words of the question also say most of (慢特病患者满意度: 门诊慢特病管理服务经费's); all when none is said."""
    if len(found) < 2:
        return found

    def said(e: Entry) -> int:
        program = lexicon.by_uri.get(e.parent or "")
        name = normalise(program.label) if program is not None else ""
        # the program's own words: not those it shares with the indicator's name (审计 of 审计整改完成率)
        own = _bigrams(name) - _bigrams(normalise(e.label)) if len(name) >= 2 else set()
        return max((sum(1 for p in own if p in t) for t in texts), default=0)

    counts = [said(e) for _, e in found]  # found: (score, indicator) pairs
    most = max(counts)
    return [pair for pair, count in zip(found, counts, strict=True) if count == most] if most else found


# Money or a line asked (安保上花多少钱, 项目支出预算, 这一项安排了多少): the program's or the line's figure, which no
# indicator's words found loosely may take the place of
ANOTHER_FIGURE = re.compile(r"预算|决算|经费|资金|金额|钱|花|开支|安排|拨款|支出|收入|万元")
# Words that say how a value is asked, not what of (多少, 最多, 计划, 一年, the measure word after 多少 that no name
# counts by: 多少吨水): taken out so the words around them close up (用多少电 → 用电, 一年用多少吨水 → 用水,
# 一年最多租几次车 → 租车)
_ASKING = re.compile(r"[\d\s]+|(?:(?<=多少)|(?<=几))(?:万|千|百)?(?:吨|度|立方米?|方|份|座|个|公里|千米|米|亩|元)|多少|几|最多|最少|最高|最低|至少|最大|最小|上限|下限|不超过|不少于|不低于|以内|以上|"
                     r"要求|计划|预计|打算|目标值?|指标值?|定的?|实际|完成值?|达到|做到|要|"
                     r"一年|每年|全年|今年|年度|[年月]|项目|那个|这个|的|是|了|吗|呢|和|与|及|[？?，,。]")


def _by_asked_words(text: str, question: Question, index: _Indicators, programs: set[str], orgs: set[str],
                    year: int | None, lexicon: Lexicon) -> list[Entry]:
    """The indicators of the programs named (else of the organisations named) that the question's other words
    name in words of their own (提交多少篇审计报告: 提交审计报告和信息; 一年最多租几次车: 全年租用车辆次数; 用多少电:
    用电量): the most of the words' character pairs, then characters, that the indicator's name holds, of the
    words no program's name holds (水电气 names the program 经常性运转经费（水电气）, not its 水电气设备运行安全率).
    Only among the few indicators of what is named, so a looser match than the name's own pairs is safe; two
    that fit equally are both listed, and none when the words share no two characters running with a name.
    Never when money, a figure or a line is asked outside the names: that is no indicator's."""
    named = blank(text, [(m.start, m.end) for m in question.mentions if m.kinds & {"program", *ORG_KINDS}])
    if ANOTHER_FIGURE.search(named):
        return []
    owners = programs or {p.uri for org in orgs for p in index.programs_of.get(org, ())}
    forms = dict.fromkeys((_counted(named), _counted(named, times=True)))
    scored = []
    for said in forms:
        # the words left once those naming any of the programs are out (水电气 of 经常性运转经费（水电气）, 行政中心保安服务
        # of another program than the indicator's): an indicator is found by words of its own, never by a program's
        for uri in sorted(owners):
            program = lexicon.by_uri.get(uri)
            said = _without(said, normalise(program.label)) if program is not None else said
        words = _ASKING.sub("", said)
        for _, name, entry in sorted(x for owner in owners for x in index.by_program.get(owner, ())):
            if year is not None and entry.year != year:
                continue
            pairs = sum(1 for p in _bigrams(words) if p in name) if len(words) >= 2 else 0
            held = sum(1 for c in set(words) if c in name)
            if pairs and held >= 2:  # a run of two of its characters at least (安保 is no word of 保安服务)
                scored.append(((pairs, held), entry))
    best = max((s for s, _ in scored), default=None)
    return list(dict.fromkeys(e for s, e in scored if s == best))


def _counted(text: str, times: bool = False) -> str:
    """`text` with a count asked said as the names count it: 几次 → 次数, 几场 → 场数, or with `times` the events
    counted by times (场次, 人次; never 辆次 for 几辆车, which asks for cars, not trips)."""
    return COUNT_ASKED.sub(lambda m: m.group(1) + ("次" if times and m.group(1) in "场人" else "数"), text)


def own_words(q: Question) -> str:
    """The question's words outside the names it gives and the words asking how (多少, 一年, 要求…): what it asks
    of what it names (一年要新增多少供水能力: 新增供水能力); empty when it asks only how much."""
    rest = normalise(simplified(q.text))  # 有多少錢: 钱, a money word
    for mention in q.mentions:
        rest = rest.replace(mention.text, " ")
    for program in q.entries("program"):  # a program named in part (信息化合同存量款): the rest of its name too
        rest = _without(rest, normalise(program.label))
    return _ASKING.sub("", rest)


def _without(text: str, name: str) -> str:
    """`text` less every run of two or more of its characters that `name` holds."""
    out, i = [], 0
    while i < len(text):
        end = next((j for j in range(len(text), i + 1, -1) if text[i:j] in name), None)
        if end is None:
            out.append(text[i])
            i += 1
        else:
            out.append(" ")
            i = end
    return "".join(out)


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
