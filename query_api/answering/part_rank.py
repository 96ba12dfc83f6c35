"""The largest (or smallest) of one figure's parts its document prints (政府采购230万元，其中货物类10万元、工程类0万元、
服务类220万元: 政府采购里哪类最多; 码头管理业务…主要包括：甲…万元，乙…万元: 哪一块分得最多; 除了甲，哪一项钱最多): the
parts of the one figure asked — the narrower kinds of the figure named (政府采购's 货物类 / 工程类 / 服务类, the 三公's
three), else the parts one sentence prints after the amount of the whole the question names (`stated_part`) — of one
document (the year asked, else the latest; 汇总 before 本级), ranked by amount; the top one is answered with its amount
and line, every part in the message. A part the question leaves out (除了甲) is not ranked. Parts of two figures are
never ranked together: two sentences fitting alike are asked about, never one picked.

    asked(q, labels)                        whether the question asks which part of one organisation's figure is largest
    answer(store, known, q, labels[0])      the top part, or None when no figure's parts fit
    printed_parts(store, known, q, label)   the parts of the whole named, of one document (answering/part_threshold.py)
    one_document(known, q, rows)            the rows of the one document asked (answering/parts_compared.py)
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from graph_store.base import Store
from ingest.cost_details import PART_COUNT
from ingest.stated_parts import STATED_PART
from ontology.fact_kinds import KINDS
from query_api.answer_type import is_kind_noun
from query_api.answering.change_direction import as_asked, by_size
from query_api.answering.changes import change_word
from query_api.answering.figures import doc_order, fact_cells, fact_keys, fact_rank
from query_api.answering.rows import (
    Result,
    answer_row,
    compare_amounts,
    only_scope,
    plain,
    prefer_doc_type,
    source_of,
)
from query_api.lexicon import normalise

if TYPE_CHECKING:
    from query_api.ask import Knowledge
    from query_api.nlu import Question

# a part asked for by which (哪类, 哪一块, 哪一项, 哪部分), never a line, program, unit or department named after it
_WHICH_PART = re.compile(r"哪(?:一|个)?(?:类|块|项|部分|种|笔|方面)(?!目|支出|收入|科目|功能|经济|单位|部门|资金|经费)")
_MOST = re.compile(r"最多|最大|最高|最贵|分得最多|最长")
_LEAST = re.compile(r"最少|最小|最低|最便宜|最短")
# the rows of a cost's 明细表 ranked by a count each prints (哪个培训人数最多, 哪次会议天数最长, 哪个会开的时间最长): its
# persons or its days (ingest.cost_details), never its money
_BY_COUNT = ((re.compile(r"人数|多少人|几个人|人最多|人最少|人次"), "人"),
             (re.compile(r"天数|几天|多少天|会期|天最多|天最少|时间最长|时间最短|开得最长|最长|最短"), "天"))
# a part left out: 除了甲，…; 除甲以外…
_EXCEPT = re.compile(r"除(?:了|去|开)?(?P<name>[^，,。？?]{1,20}?)(?:以外|之外|外)?(?:[，,]|(?=哪)|$)")
# words of a question that name no whole: the ask, the order, the part left out, the money nouns
_ASK = re.compile(r"(?:哪(?:一|个)?)?(?:类|块|项|部分|种|笔|方面)?[^最]{0,4}?最.*$|哪(?:一|个)?(?:类|块|项|部分|种|笔|方面).*")
_IN = re.compile(r"(?:[里中内]|当中|之中|里面|的)$")
_NOUN = re.compile(r"(?:的)?(?:资金|经费|支出|部分|费用|预算|金额|安排)$")


# which one of the whole named just before (安排的培训里，哪一个培训最贵; 培训里哪个花钱最少): 哪个, then the noun said
# again or the ask at once
_WHICH_OF = re.compile(r"(?:[里中内]|当中|之中|里面)[，,]?\s*哪一?个")
_ASK_AT_ONCE = re.compile(r"(?:的|花|最|预算|钱|金额|安排|用)")


def _which_of_whole(text: str) -> list[str]:
    """The words naming the whole whose parts are asked which one (longest first: 驻京经费, 京经费, 经费), said just
    before 里 — the noun said again after 哪个 alone; none when the question asks no such thing."""
    for at in _WHICH_OF.finditer(text):
        before, after = text[:at.start()], text[at.end():]
        tails = [before[-n:] for n in (4, 3, 2) if len(before) >= n]
        if again := [t for t in tails if after.startswith(t)]:
            return again[:1]
        if _ASK_AT_ONCE.match(after):
            return tails
    return []


# which one of the rows a cost's table itemises, by their own noun (哪个培训预算最高: the 培训费明细表's rows)
_WHICH_ONE = re.compile(r"哪一?(?:个|次|场|期)(?P<noun>[\u4e00-\u9fff]{2,4}?)"
                        r"(?=的|预算|花|钱|经费|费用|金额|支出|安排|最|人数|天数|参加|参会|参训|会期|时间|开)")


def _which_one(text: str) -> str | None:
    """The noun after 哪个 when it names no kind of thing the store lists (培训, 会议; never 项目, 部门), else None."""
    said = _WHICH_ONE.search(text)
    return said.group("noun") if said and not is_kind_noun(said.group("noun")) else None


def asked(q: Question, labels: list[str]) -> bool:
    """Whether the question asks which part of one organisation's figure is the largest (or smallest)."""
    return bool(len(labels) == 1 and not q.change_rate and bool(q.change) == bool(q.change_sign or by_size(q))
                and (_WHICH_PART.search(q.text) or _which_of_whole(q.text) or _which_one(q.text))
                and (_MOST.search(q.text) or _LEAST.search(q.text)))


def _core(name: str) -> str:
    name = normalise(name)
    return _NOUN.sub("", name) or name


def _left_out(q: Question) -> str | None:
    said = _EXCEPT.search(q.text)
    return _core(said.group("name")) if said else None


def _whole_kind(q: Question) -> str | None:
    """The figure named whose narrower kinds are its parts: the broadest of those named (政府采购 of 政府采购…服务类),
    the broader one of a part named only to be left out (政府采购中除了服务类: 政府采购)."""
    named = [m for m in q.measures or ([q.measure] if q.measure else []) if m in KINDS]
    out = _left_out(q)
    named = [KINDS[m].broader if out and KINDS[m].broader and out in _core(KINDS[m].label) else m for m in named]
    wholes = [m for m in named if KINDS[m].broader not in named and any(k.broader == m for k in KINDS.values())]
    return wholes[0] if len(wholes) == 1 else None


def answer(store: Store, known: Knowledge, q: Question, label: str) -> Result | None:
    whole = _whole_kind(q)
    if q.change and not whole:
        return None  # a sentence's parts state no change on last year
    # a figure named whose parts are not printed (or whose parts' changes are not): no answer, never the whole's
    # figure nor another line's in its place
    none = Result(message=f"{label}的文件没有写明{KINDS[whole].label}各部分{'比上年的增减' if q.change else '的金额'}，"
                          "无法比较哪一部分最多。") if whole else None
    counted = None if whole or q.change else counted_by(q)
    found = printed_parts(store, known, q, label, PART_COUNT if counted else STATED_PART)
    if found is None or isinstance(found, Result):
        return found or none
    parts, of, sparql, cube = found
    if counted:  # its rows' persons (or days), each the row's own figure; none printed, no ranking by money instead
        parts = [r for r in parts if str(r.unit or "").startswith(counted)]
        if not parts:
            return Result(sparql=sparql, message=f"{of}没有列出各项的{'人数' if counted == '人' else '天数'}，"
                                                 "无法比较；不以金额代替。")
    out = _left_out(q)
    sign = q.change_sign or 1  # a change asked: its size in the direction asked (a fall's, of those that fell)
    size = by_size(q)  # 哪一项变化最大: its size either way, each said as the rise or fall it is

    def ranked_by(r) -> float:
        return abs(float(r.value)) if size else float(r.value) * sign

    kept = [r for r in parts if (not out or (out not in _core(str(r.label)) and _core(str(r.label)) not in out))
            and (not q.change or ranked_by(r) > 0)]
    if len(parts) < 2 or not kept:
        return none  # one part printed is no ranking (one left once the rest are left out, or moved the other way, is)
    least = bool(_LEAST.search(q.text)) and not _MOST.search(q.text)
    top = (min if least else max)(ranked_by(r) for r in kept)
    tops = [r for r in kept if not compare_amounts(ranked_by(r), top)]  # a 元 document's 15 元 is no tie
    moved = "增减" if size else "减少" if sign < 0 else "增加"
    word = ("比上年" + moved if q.change else {"人": "人数", "天": "天数"}.get(counted or "", "")) \
        + (("最小" if least else "最大") if size else "最少" if least else "最多")
    answers = [answer_row(f"{of}中{r.label}{word}", as_asked(q, float(r.value)) if q.change else float(r.value),
                          str(r.unit or "万元"), "change" if q.change else "count" if counted else "amount", str(r.f),
                          str(r.text or ""), source_of(known, r.doc, r.table, r.line)) for r in tops]
    listed = "、".join(f"{r.label}" + (f"比上年{change_word(float(r.value))}" if q.change else
                                       f"{plain(float(r.value))}{r.unit or '万元'}") for r in parts)
    left = f"（除去{out}）" if out else ""
    message = f"{of}写明的各部分：{listed}；{left}{word}的是{'、'.join(str(r.label) for r in tops)}。"
    return Result(answers, sparql, message, cube)


# the lines one sentence's parts may lie apart (a part's own clause wrapped over lines)
_SENTENCE_LINES = 6


def printed_parts(store: Store, known: Knowledge, q: Question, label: str, key: str = STATED_PART):
    """The parts one document prints of the one whole the question names — the narrower kinds of a figure named, else
    the parts of the sentence whose whole it names (`key`: their money, or their persons/days): (parts, what they are
    of, SPARQL, cube query); a Result saying why none when two sentences fit alike; None when none fits."""
    whole = _whole_kind(q)
    return _kind_parts(store, known, q, label, whole) if whole else stated_parts(store, known, q, [label], key)


def one_document(known: Knowledge, q: Question, rows: list) -> list:
    """The rows of one document: those of the scope and document type asked, then of the latest document left."""
    rows, _ = only_scope(prefer_doc_type(rows, q, known), q, known, lambda r: str(r.doc))
    if not rows:
        return []
    doc = max({str(r.doc) for r in rows}, key=lambda d: doc_order(known, d))
    return [r for r in rows if str(r.doc) == doc]


def _kind_parts(store: Store, known: Knowledge, q: Question, label: str, whole: str):
    """The narrower kinds of `whole` one document prints, each its own figure (its table's, else its earliest line)."""
    kinds = [name for name, kind in KINDS.items() if kind.broader == whole]
    keys = {k: name for name in kinds for phase in ("budget", "final_account") for k in fact_keys(name, phase, q.change)}
    rows, cube = fact_cells(store, q, [label], sorted(keys))
    rows = one_document(known, q, rows)
    if not rows:
        return None
    info = known.documents[str(rows[0].doc)]
    order = {k: i for i, k in enumerate(fact_keys(kinds[0], info.type, q.change))}
    by_kind: dict[str, object] = {}
    for r in sorted(rows, key=lambda r: (order.get(str(r.key), 0), fact_rank(r))):
        by_kind.setdefault(keys[str(r.key)], r)
    parts = [by_kind[name] for name in kinds if name in by_kind]
    for name, r in zip([n for n in kinds if n in by_kind], parts, strict=True):
        r.label = KINDS[name].label.removeprefix(KINDS[whole].label) or KINDS[name].label  # 政府采购货物类: 货物类
    of = f"{info.department}{info.year}年{info.type_label}（{info.scope_label}）的{KINDS[whole].label}"
    return parts, of, cube["sparql"], cube["cube_query"]


def counted_by(q: Question) -> str | None:
    """The unit of the count the parts are asked to be ranked by (人: 人数最多, 天: 天数最长), or None (their money)."""
    if re.search(r"钱|费|预算|金额|经费|万元", q.text):
        return None
    return next((unit for pattern, unit in _BY_COUNT if pattern.search(q.text)), None)


def wholes_of(rows: list) -> dict[tuple, list]:
    """The parts `rows` (of one document) grouped by the whole their sentence or table prints them under: (where it
    starts, its head) → its parts, each printed once."""
    wholes: dict[tuple, list] = {}
    # a part's text: the whole's clause, then its own; a table's rows, its title (培训费明细表), then theirs. The parts
    # of one sentence are printed on lines of their own (主要包括：甲…万元，乙…万元 over ten lines): one whole while
    # its head is said again within a few lines, another sentence of the same head further on
    start: dict[str, int] = {}
    before: dict[str, int] = {}
    for r in sorted(rows, key=lambda r: int(r.line) if r.line is not None else 0):
        head = str(r.text or "").split("…", 1)[0]
        line = int(r.line) if r.line is not None else 0
        if head == str(r.table):
            wholes.setdefault((head, head), []).append(r)
            continue
        if head not in before or line - before[head] > _SENTENCE_LINES:
            start[head] = line
        before[head] = line
        group = wholes.setdefault((str(start[head]), head), [])
        if not any((str(p.label), float(p.value)) == (str(r.label), float(r.value)) for p in group):
            group.append(r)  # a part printed twice under one whole's clause, once
    return wholes


def stated_parts(store: Store, known: Knowledge, q: Question, labels: list[str], key: str = STATED_PART):
    """The parts one sentence prints after the amount of the whole the question names (its words, or a program it
    names, held by the whole's clause), of the organisation `labels` names; None when no sentence's, or two
    sentences' alike, fit."""
    rows, cube = fact_cells(store, q, labels, [key])
    rows = one_document(known, q, rows)
    named = [_core(_IN.sub("", _ASK.sub("", _EXCEPT.sub("", normalise(w))))) for w in (q.topic, q.words_left) if w]
    programs = [w for e in q.entries("program") if len(w := normalise(e.label)) >= 2]
    named = [w for w in named if len(w) >= 2] + programs
    wholes = wholes_of(rows)
    if not (_WHICH_PART.search(q.text) or _which_of_whole(q.text)) and (noun := _which_one(q.text)):
        # 哪个培训最高, no whole named: the rows of a table whose title holds the noun (培训费明细表), no sentence's
        fitting = [parts for (_, head), parts in wholes.items() if head == str(parts[0].table) and noun in head]
    else:  # the whole's words said before 里 (the longest any whole holds), else the question's other words
        fitting = next((found for said in _which_of_whole(q.text)
                        if (found := [parts for (_, head), parts in wholes.items() if said in normalise(head)])), None) \
            or next((found for words in (programs, named)  # a program named: its clause, before any other words'
                     if (found := [parts for (_, head), parts in wholes.items() if any(w in normalise(head) for w in words)])),
                    [])
    if len(fitting) != 1:
        return Result(sparql=cube["sparql"], message="几句说明都列出了这笔钱的各部分，请说明是哪一笔的。") if fitting else None
    parts = fitting[0]
    info = known.documents[str(parts[0].doc)]
    head = str(parts[0].text or "").split("…", 1)[0]
    of = f"{info.department}{info.year}年{info.type_label}（{info.scope_label}）中“{head.rstrip('：:，,')}”"
    return parts, of, cube["sparql"], cube["cube_query"]
