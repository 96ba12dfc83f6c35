"""Question understanding: a Chinese question → `Question`, its slots filled by independent readers.

Entity mentions (`mentions`: a spaCy EntityRuler of the graph's labels and aliases, and names as people
shorten them); the other slots from the words outside the names (`slots`): years, phase (预算/决算), scope
(本级/汇总), the measures asked for, a threshold ("超过2000万元"), an order and top-k, a change on last year,
an output wish ("只列名称"), and the operation (lookup, list, rank, count, sum, average, compare, change,
trend, share, condition, plan vs actual) — read without knowing what is asked about; the indicators the
words name (`indicator_match`); the topic, the words left (`topic_words`); the answer type, the noun the
question word governs (`answer_type`). The subject (what kind of thing the answers are) is composed from
those slots (`subjects`), and the question type (`intent`) named from subject and operation. Nothing here
names a department, program or document."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from query_api import everyday, program_phrase
from query_api.answer_type import answer_type, blank, counted, is_kind_noun
from query_api.indicator_match import match_indicators
from query_api.lexicon import ORG_KINDS, Entry, Lexicon, normalise, simplified, without_year
from query_api.mentions import Mention, find_mentions, hop_to_department
from query_api.names import (
    content_words,
    match_item,
    match_program,
    programs_by_words,
    surfaces_of,
    unit_under_department,
)
from query_api.slots import (
    HOLDINGS,
    SCOPE_OF_UNITS,
    SHARE_ASKED,
    SUM_WORDS,
    amount_slots,
    document_slots,
    funding_condition,
    measure_spans,
    operation_slots,
    output_wish,
    plain_question,
    side_scopes,
    small_number,
)
from query_api.subjects import ABOUT, intent_of, subject_of
from query_api.topic_words import topic_of
from query_api.unit_nouns import asked_noun


@dataclass
class Question:
    text: str
    intent: str = "unknown"
    mentions: list[Mention] = field(default_factory=list)
    year: int | None = None
    years: list[int] = field(default_factory=list)  # every year named (2024年和2021年), `year` first
    base_year: int | None = None  # the year a change is measured from when it is the only one named (比2025年)
    as_of: int | None = None  # the year whose end a stock is asked at (到2025年底有多少辆车: slots.amount_slots)
    doc_type: str | None = None  # budget | final_account
    page: int = 1  # which PAGE of a list that grows with the store (answering.rows.page_of)
    scope: str | None = None  # consolidated | standalone
    side_scopes: dict[str, str] = field(default_factory=dict)  # the scope said beside one organisation, by its label
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
    # the members of a list of programs' heads (X、Y两个专项) naming no program of the organisations, or two
    unlisted: list[str] = field(default_factory=list)
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
    share_whole_said: bool = False  # the share's whole named (占支出总额的比例), not left to its part's (占比多少)
    subject: str = "unknown"  # what kind of thing the answers are (SUBJECTS)
    answer_type: str | None = None  # the kind the question phrase asks for (answer_type.KIND_NOUNS), if it names one
    answer_how: str = ""  # how it was read: named, wh, counted, head, each (answer_type.answer_type)
    about: bool = False  # programs asked for by a topic (涉及, 有关 …), not by their organisation
    how_many: int | None = None  # how many programs the question says there are (两个原水管道工程)
    by_parts: bool = False  # the program found by the parts it holds, none named (水费、电费哪项最多: answering.indicator_rank)
    unit_noun: str | None = None  # the document's own noun for some of the units asked for (派出审计处, 局属单位)
    readings: list[tuple[str, str]] = field(default_factory=list)  # everyday words read as a line's (招待费 → 公务接待费)
    funding: str | None = None  # where the programs' money comes from (钱来自政府性基金预算): its column's first words
    funding_other: bool = False  # the money not wholly from `funding` (不全是一般公共预算): another source's too
    within: list[str] | None = None  # the programs the answer is limited to (answering.funding), by IRI
    described: bool = False  # the programs asked are those a 说明 section describes (answering.sections)

    def entries(self, *kinds: str) -> list[Entry]:
        out: list[Entry] = []
        for mention in self.mentions:
            out.extend(e for e in mention.entries if e.kind in kinds and e not in out)
        return out

    def to_json(self) -> list[dict]:
        return [{"text": m.text, "kind": sorted(m.kinds)[0] if m.kinds else None,
                 "uris": [e.uri for e in m.entries], "label": m.entries[0].label if m.entries else None}
                for m in self.mentions]


_PROGRAMS_COUNTED = counted("项目|工程|专项")


def _owned(program, orgs: set[str], lexicon: Lexicon) -> bool:
    """Whether the program (a lexicon entry) is one of the organisations `orgs`' own: its unit is one of
    them, or that unit's department is."""
    return program.parent in orgs \
        or (unit := lexicon.by_uri.get(program.parent or "")) is not None and unit.parent in orgs


def _own_indicators(mentions: list[Mention], lexicon: Lexicon, text: str) -> list[Mention]:
    """The mentions less a measure's words linked only to indicators of other organisations' programs than the
    ones named (某局预算完成率: its 完成率, not an indicator another department's program calls 预算完成率), or
    said of a figure named before them (某局三公经费预算执行率: the 三公经费's rate, whoever's indicator is so called)."""
    orgs = {e.uri for m in mentions for e in m.entries if e.kind in ORG_KINDS}
    if not orgs:
        return mentions

    def others(m: Mention) -> bool:
        if not m.entries or any(e.kind != "indicator" for e in m.entries) or not measure_spans(m.text):
            return False
        words = blank(text, [(x.start, x.end) for x in mentions if x is not m])  # not a figure inside a name
        if any(end <= m.start for _, end, _ in measure_spans(words)):
            return True  # a rate of the figure named before it
        programs = [lexicon.by_uri.get(e.parent or "") for e in m.entries]
        return all(p is not None and not _owned(p, orgs, lexicon) for p in programs)

    return [m for m in mentions if not others(m)]


def understand(text: str, lexicon: Lexicon) -> Question:
    """The intent, entity mentions and slots of one question."""
    text = simplified(text)  # 「三公」經費裡哪一項: every reading below, and each answer's own reading of q.text, in Simplified
    raw = normalise(text)
    if program_phrase.SPOT.search(raw):  # 农林水那块（农村产权交易建设）: the words naming the program, the class a hint
        raw = program_phrase.spot_named(raw, find_mentions(raw, lexicon)[0]) or raw  # (read before 那块 is dropped)
    norm, wish = output_wish(plain_question(raw))
    question = Question(text=text, output=wish)
    question.mentions, question.unknown_orgs = find_mentions(norm, lexicon)
    # everyday words of a classified line (招待费, 出差的钱): read as its name, outside the names found, and found again
    orgs = {e.uri for m in question.mentions for e in m.entries if e.kind in ORG_KINDS}
    units = orgs | {e.uri for e in lexicon.of_kind(*ORG_KINDS, parents=orgs)}
    programs = (e.label for e in (lexicon.of_kind("program", parents=units) if orgs else lexicon.of_kind("program")))
    if read := everyday.formal(norm, [(m.start, m.end) for m in question.mentions if m.kinds - {"item"}], lexicon,
                               programs):
        norm, question.readings = read
        question.mentions, question.unknown_orgs = find_mentions(norm, lexicon)
    hop_to_department(norm, question.mentions, lexicon)
    unit_under_department(norm, question.mentions)
    if together := _with_all_its_units(norm, question, lexicon):  # 某局和它的中心一共: their figure is the 汇总's
        norm = together
    norm, included = _units_of_scope(norm, question)  # 某局（含下属政务服务中心的部门汇总）: the 汇总, no unit asked
    question.mentions = _own_indicators(question.mentions, lexicon, norm)
    if (funded := funding_condition(norm)) is not None:  # 钱来自政府性基金预算的项目: a condition on them, no topic
        question.funding, (start, end), question.funding_other = funded
        question.mentions = [m for m in question.mentions if not (m.end > m.start and start <= m.start and m.end <= end)]
        norm = blank(norm, [(start, end)])
    if (said := program_phrase.described_condition(norm)) is not None:  # 写了说明的那几个专项: a condition, no topic
        question.described, norm = True, blank(norm, [said])
    named = {e.uri for e in question.entries(*ORG_KINDS)}
    if named and (heads := program_phrase.shared_head(norm, question, lexicon, named)):
        # 政府雇员的工资费用和公用经费: each program the head said once names, no 公用经费 figure inside them
        question.mentions = [m for m in question.mentions if not any(h.start <= m.start < h.end for h in heads)] + heads
    # slots from the words outside the names: 12345热线智慧办理系统2021年建设项目经费 does not ask about 2021
    # (a classification item's name is kept: 公务用车购置及运行费 also names a 三公 figure)
    # (only names with no span are added below, so this is also the text the answer type and subject read)
    outside = blank(norm, [(m.start, m.end) for m in question.mentions if m.kinds - {"item"}])
    amount_slots(question, outside)
    _document_slots(question, outside)
    outside = blank(outside, [m.span() for m in SCOPE_OF_UNITS.finditer(outside)])  # the scope read: no units asked
    orgs = {e.uri for e in question.entries(*ORG_KINDS)}
    if orgs and (rows := program_phrase.stem_parts(norm, question, lexicon, orgs)):  # X经费（项目经费和运行经费）: each row
        question.mentions = [m for m in question.mentions if not any(r.start <= m.start < r.end for r in rows)] + rows
        outside = blank(outside, [(r.start, r.end) for r in rows])
        _document_slots(question, outside)
    if orgs and not question.entries("program"):  # 科技创新、生命健康这两个专项: each program the list names
        listed, question.unlisted = program_phrase.listed(norm, question, lexicon, orgs)
        question.mentions += listed
    phrase = (program_phrase.described(norm, question, lexicon, orgs)
              or program_phrase.contained(norm, question, lexicon, orgs)) if orgs and not question.entries("program") else None
    if phrase is not None:  # 公车统管那个项目: the program's words, no 三公 figure asked, no line inside them
        question.mentions = [m for m in question.mentions if not phrase.start <= m.start < phrase.end] + [phrase]
        outside = blank(outside, [(phrase.start, phrase.end)])
        _document_slots(question, outside)
    if (together or included) and question.scope is None:
        question.scope = "consolidated"
    # read with the organisations' names blanked: 医保 of 烟台医保局 is no word of 医保定点医疗机构满意度
    unnamed = blank(norm, [(m.start, m.end) for m in question.mentions if m.kinds & set(ORG_KINDS)])
    question.indicators = match_indicators(unnamed, question, lexicon)
    if orgs and not question.entries("program") and (held := program_phrase.holding_parts(norm, question, lexicon, orgs)):
        question.mentions.append(held)  # 水费、电费、燃气费哪项最多: the program whose indicators they are
        question.measure, question.measures = None, []  # (项目支出里，…: the whole they are said inside, no figure asked)
        question.by_parts = True
        question.indicators = match_indicators(unnamed, question, lexicon)
    if question.indicators and question.entries("program") and set(question.measures or ["-"]) <= set(HOLDINGS):
        question.measure, question.measures = None, []  # 公车统管费用车辆租用次数: 车辆 is the indicator's word
    if phrase is not None:
        program_phrase.settle(phrase, question)
    said = _PROGRAMS_COUNTED.search(norm)  # 两个原水管道工程: a number of programs said, with their topic
    shared = _shared_by_programs(norm, question, lexicon, orgs) if not said else None
    if not question.entries("program", "item") and not (orgs and question.measure) and not question.unknown_orgs \
            and not question.indicators and not shared \
            and not re.search(ABOUT + r"|负责|承担|主管|职责|牵头|(?:部门|单位|谁)管|哪些项目", norm) \
            and not said:  # topic words, not a program's name
        words = topic_of(norm, question.mentions, lexicon) or ""  # a program named with words left out
        found = match_program(words, surfaces_of(lexicon), question.year)
        if orgs:  # 白云区信息化合同存量款: a program of the organisation named
            found = [e for e in found if e.parent in orgs]
        found = found or match_item(words, lexicon)  # 支持中小企业: the item its name starts with
        if len({normalise(e.label) for e in found}) > 1:  # two programs fit as well: ask, never pick one
            question.ambiguous.append((words, sorted({e.label for e in found})))
        elif found:
            question.mentions.append(Mention(words, 0, 0, found))
    if orgs and not question.entries("program") and not question.ambiguous and re.search(r"(?<!哪个)项目", norm) \
            and not re.search(ABOUT + r"|哪些|多少个|几个|最", norm) and not said and not shared:
        # 某局请中介机构做审计的那个项目: the one program of the organisation whose name holds the words said
        words = topic_of(norm, question.mentions, lexicon) or ""
        found = programs_by_words(content_words(lexicon.tokens(words)),
                                  lexicon.of_kind("program", parents=orgs), question.year)
        if len({normalise(e.label) for e in found}) > 1:
            question.ambiguous.append((words, sorted({e.label for e in found})))
        elif found:
            question.mentions.append(Mention(words, 0, 0, found))
    if orgs and not question.entries("program", "item") and not question.ambiguous:
        _share_part(norm, question, lexicon, orgs)
    # a share's figures are read with only the organisations' names blanked (支出总额 may also name an indicator)
    orgs_named = [m for m in question.mentions if m.kinds & set(ORG_KINDS)]
    figures_text = blank(norm, [(m.start, m.end) for m in orgs_named])
    # the named figures a share may be of: classified items and programs (城乡居民医保补助占项目支出的比例)
    items = [(m.start, m.end) for m in question.mentions if m.kinds & {"item", "program"} and m.end > m.start]
    # the answer type (the noun the question word governs) is read with the names blanked: 某局有哪些 asks no 局, and
    # 行政事业单位养老支出多少 no 单位 (a classified line's name kept for the figures is no noun asked)
    lines = [(m.start, m.end) for m in question.mentions if m.kinds == {"item"} and m.end > m.start]
    question.answer_type, question.answer_how = answer_type(blank(outside, lines))
    if (question.entries(*ORG_KINDS) or question.unknown_orgs) and not question.entries("program") \
            and question.answer_type in (None, "department", "unit", "internal_unit"):  # not 哪些项目涉及某中心
        question.unit_noun = asked_noun(outside)  # 某局有哪几个派出审计处: its units of that noun (or none: unknown)
    # a second ask answered beside the first (…是哪个，多少钱) is no operation of its own
    asked = output_wish(text)[0] if wish in ("members", "amounts") else question.text
    operation_slots(question, asked, len({e.label for e in question.entries(*ORG_KINDS)}), figures_text, items,
                    len({e.label for e in question.entries("program")}))
    words = topic_of(norm, question.mentions, lexicon)
    question.words_left = None if words and is_kind_noun(words) else words  # 有哪些工程: the noun asked for, no topic
    question.how_many = small_number(said.group(1)) if said else None
    if shared:  # 公车统管的钱加起来多少: the programs' money, not a figure a part of the words names (公车)
        question.measure, question.measures = None, []
    question.subject = subject_of(norm, question, bare=outside)
    if shared and question.subject in ("programs", "figure") and question.operation in _TOGETHER_OPERATIONS:
        question.subject, question.about, question.words_left = "programs", True, shared
    if question.about or question.subject in ("duty_holder", "unit_duty_holder"):
        question.topic = question.words_left  # the same words: the mentions have not changed since
    # programs added up or counted with no topic left in the words: every program (项目预算一共多少)
    question.about = question.about and bool(question.topic or question.operation not in ("count", "sum"))
    question.intent = intent_of(question)
    return question


# Names joined as one (某局和某中心, 连同某中心)
_JOINED = re.compile(r"[和及与跟、]|以及|连同|加上|还有")


def _with_all_its_units(norm: str, question: Question, lexicon: Lexicon) -> str | None:
    """`norm` with the units blanked when it names a department and, joined to it, every subordinate unit it has,
    asked together (清远政数局和政务服务中心一共有几台车): what they hold or spend together is the figure the
    consolidated (汇总) document prints, the units only saying so — their mentions go. None otherwise (some of its
    units only: no document prints their sum)."""
    orgs = [m for m in question.mentions if m.kinds & set(ORG_KINDS)]
    depts = [m for m in orgs if m.kinds == {"department"} and len(m.entries) == 1]
    if len(depts) != 1 or len(orgs) < 2 or not SUM_WORDS.search(norm):
        return None
    dept = depts[0].entries[0].uri
    units = [m for m in orgs if m is not depts[0]]
    held = {e.uri for e in lexicon.of_kind("subordinate_unit", parents={dept})}
    if any(m.kinds != {"subordinate_unit"} for m in units) or {e.uri for m in units for e in m.entries} != held:
        return None
    chain = sorted(orgs, key=lambda m: m.start)
    if chain[0] is not depts[0] or not all(_JOINED.fullmatch(norm[a.end:b.start]) for a, b in zip(chain, chain[1:], strict=False)):
        return None
    question.mentions = [m for m in question.mentions if m not in units]
    return blank(norm, [(chain[0].end, chain[-1].end)])


# the words saying a unit is inside the figures asked (含下属…, 包括所属的…, 连同…): the consolidated scope
_INCLUDING = re.compile(r"(?:含|包括|包含|连同)(?:其?(?:下属|所属|直属)(?:单位)?的?)?$")
_IN_IT = re.compile(r"在内")


def _units_of_scope(norm: str, question: Question) -> tuple[str, bool]:
    """`norm` with the subordinate units of the department named blanked, with the words saying the figures include
    them (某局（含下属政务服务中心的部门汇总）, 包括所属某中心在内), and whether there were such: the scope of the figures
    (the 汇总 document), not a unit asked about — their mentions go."""
    depts = {e.uri for m in question.mentions for e in m.entries if e.kind == "department"}
    if len(depts) != 1:  # (甲局（含下属某中心）和乙局: a scope said beside one of two is that side's, slots.side_scopes)
        return norm, False
    spans = []
    for m in question.mentions:
        said = _INCLUDING.search(norm[:m.start]) if m.kinds == {"subordinate_unit"} and m.end > m.start \
            and all(e.parent in depts for e in m.entries) else None
        if said:
            after = _IN_IT.match(norm, m.end)
            spans.append((m, said.start(), after.end() if after else m.end))
    if not spans:
        return norm, False
    question.mentions = [m for m in question.mentions if not any(m is unit for unit, _, _ in spans)]
    return blank(norm, [(start, end) for _, start, end in spans]), True


# Programs asked for together (加起来, 一共, 有几个, 有哪些): words their names share are a topic, not one program
_TOGETHER = re.compile(r"加起来|加在一起|一共|总共|合计|共计|总计|之和|加总|几个|多少个|哪些")
_TOGETHER_OPERATIONS = ("sum", "count", "list")
# Words of money or of the programs themselves after the shared words (的钱, 的项目): not part of what they share
_NOT_SHARED = re.compile(r"(?:的?(?:钱|经费|资金|费用|预算|项目|工程|专项))+$")


def _document_slots(question: Question, outside: str) -> None:
    """The document slots of the words outside the names; a scope said beside one of two organisations is that
    side's (甲局（含下属单位）和乙局), not the whole question's."""
    document_slots(question, outside)
    question.side_scopes = side_scopes(outside, [(m.start, e.label) for m in question.mentions
                                                 for e in m.entries if e.kind in ORG_KINDS])
    if question.side_scopes:
        question.scope = None


def _shared_by_programs(norm: str, question: Question, lexicon: Lexicon, orgs: set[str]) -> str | None:
    """The words left in a question asking for programs together (公车统管的钱加起来多少, 搞科普的项目一共多少钱,
    医疗救助的项目有几个) when two or more programs of the organisations named — or of their units — hold
    them all in their names (or their synonyms: 公车 / 公务用车), or one does and the question says 项目 of
    them; they are then the topic whose programs are added up, counted or listed, never one program picked nor
    a figure a part of them names (公车: the 三公 vehicle figure). The program and item mentions among them go.
    None otherwise, and when the question names a program by its whole name (信访专项经费一共多少钱)."""
    if not orgs or not _TOGETHER.search(norm):
        return None
    named = [m for m in question.mentions if m.kinds & {"program", "item"}]
    if any(without_year(m.text) == without_year(e.label) for m in named for e in m.entries if e.kind == "program"):
        return None  # a program named whole: its own figure
    kept = [m for m in question.mentions if m not in named]
    words = _NOT_SHARED.sub("", topic_of(norm, kept, lexicon) or "")
    said = bool(words and re.search(re.escape(words) + r"的?(?:项目|工程|专项)", norm))  # 公车的项目
    units = {e.uri for e in lexicon.of_kind(*ORG_KINDS, parents=orgs)}
    programs = lexicon.of_kind("program", parents=orgs | units)
    for form in dict.fromkeys([words, *lexicon.expand(words)] if words else []):
        content = content_words(lexicon.tokens(form))
        found = programs_by_words(content, programs, question.year)
        if len({normalise(e.label) for e in found}) >= (1 if said else 2):
            question.mentions = kept
            # 原水管: the words as said where every name holds them, else their content words (搞科普: 科普)
            return form if all(form in normalise(e.label) for e in found) else "".join(content)
    return None


def _share_part(norm: str, question: Question, lexicon: Lexicon, orgs: set[str]) -> None:
    """The part of a share said in words no figure's name holds (烟台医保局城乡居民医保市级补助占项目支出的百分之几):
    a program of the organisation named, else a classified item, named by the words before 占 — added as a
    mention with its span, so the share reads it as its part. Two that fit equally: ask which."""
    asked = SHARE_ASKED.search(norm)
    if not asked:
        return
    before = norm[:asked.start()]
    words = topic_of(before, [m for m in question.mentions if m.end <= asked.start()], lexicon) or ""
    at = before.rfind(words) if words else -1
    if at < 0 or measure_spans(words):
        return  # 基本支出占…: a figure the measures name
    found = match_program(words, surfaces_of(lexicon), question.year)
    # the department's own programs (a program's unit, or that unit's department, is the one named)
    owned = [e for e in found if _owned(e, orgs, lexicon)]
    found = owned or match_item(words, lexicon)
    if len({normalise(e.label) for e in found}) > 1:
        question.ambiguous.append((words, sorted({e.label for e in found})))
    elif found:
        question.mentions.append(Mention(words, at, at + len(words), found))
