"""Performance indicators as answers: an indicator's target and actual, a program's indicators, and the
indicators whose actual falls short of the target (the document's own verdict, else the comparison)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from graph_store.base import JOINS_AS_WRITTEN, Store, check_iri
from query_api import queries
from query_api.answering import indicator_rank, side_by_side, summaries
from query_api.answering.goal_counts import shared_chars
from query_api.answering.rows import (
    TIMEOUT,
    Result,
    answer_row,
    number,
    org_labels,
    page_message,
    page_of,
    source_of,
)
from query_api.answering.sparql_parts import values_in, year_filter
from query_api.indicator_match import ANOTHER_FIGURE, BRACKETED_UNIT, own_words
from query_api.lexicon import ORG_KINDS, normalise

if TYPE_CHECKING:
    from query_api.ask import Knowledge
    from query_api.nlu import Question

# an indicator's target asked (目标值, 要求, 控制在), its actual (实际, 完成值), or both (目标值和实际完成值)
_TARGET_ASKED = re.compile(r"目标|指标值|要求|要达到|应达到|需达到|标准|控制在")
_ACTUAL_ASKED = re.compile(r"实际|完成")

INDICATORS = """
SELECT DISTINCT ?i ?label ?comparator ?target ?unit ?actual ?actualUnit ?met ?printed ?progLabel ?doc ?year ?table ?line WHERE {{
  {filters}
  ?i a {Indicator} ; {label} ?label .
  OPTIONAL {{ ?i {comparator} ?comparator }}
  OPTIONAL {{ ?i {targetValue} ?tv . ?tv {qvalue} ?target OPTIONAL {{ ?tv {qunit} ?unit }} }}
  OPTIONAL {{ ?i {actual} ?av . ?av {qvalue} ?actual OPTIONAL {{ ?av {qunit} ?actualUnit }} }} OPTIONAL {{ ?i {met} ?met }} OPTIONAL {{ ?i {text} ?printed }}
  OPTIONAL {{ ?i {program} ?prog . ?prog {label} ?progLabel }}
  OPTIONAL {{ ?i {from} ?doc }} OPTIONAL {{ ?i {year} ?year }}
  OPTIONAL {{ ?i {table} ?table }} OPTIONAL {{ ?i {line} ?line }}
}} ORDER BY ?doc ?line
"""


def indicator_answer(known: Knowledge, r, value, note: str = "") -> dict:
    # no unit read beside the target: the one the name prints in brackets (提交审计报告和信息（篇）)
    bracketed = BRACKETED_UNIT.search(str(r.label))
    unit = str(r.unit) if r.unit else str(r.actualUnit) if getattr(r, "actualUnit", None) \
        else bracketed.group().strip(" （）()") if bracketed else None
    # a target printed with no number read from it (≥20M, 逐步提高) is said as printed, never as "None"
    target = f"{r.comparator or ''}{number(r.target)}{unit or ''}" if r.target is not None else str(r.printed or "未列数值")
    parts = [f"{r.progLabel}：" if r.progLabel else "", f"{r.label} 目标值 {target}"]
    if r.target is None and r.actual is not None and not r.comparator:  # a count stated done, no target printed
        parts[1] = f"{r.label} 文件写明完成 {number(r.actual)}{unit or ''}（未列目标值）"  # (ingest.output_counts)
    elif r.actual is not None:
        parts.append(f"，实际完成 {number(r.actual)}{unit or ''}")
    parts.append(note)
    return answer_row(str(r.label), value, unit, "indicator", str(r.i), "".join(parts), source_of(known, r.doc, r.table, r.line))


def indicator(store: Store, known: Knowledge, q: Question) -> Result:
    entries = q.indicators
    if not entries:
        return Result(message="没有找到这个绩效指标。")
    # Selected by label, then by IRI below: Virtuoso refuses this query as too costly ("estimated
    # execution time exceeds the limit") when ?i is bound by VALUES, FILTER IN or sameTerm; and, on a server
    # holding millions of other quads, even by label (423 s estimated at 8 documents), unless told to join in
    # the order written (labels first: 0.1 s).
    wanted = {e.uri for e in entries}
    labels = sorted({e.label for e in entries})
    text = JOINS_AS_WRITTEN + queries.sparql(INDICATORS, filters=values_in("?label", labels))
    asked = q.text  # the words outside the indicators' names (完成 of 审计整改完成率 asks nothing)
    for name in sorted({BRACKETED_UNIT.sub("", e.label) for e in entries}, key=len, reverse=True):
        asked = asked.replace(name, " ")
    target_asked, actual_asked = bool(_TARGET_ASKED.search(asked)), bool(_ACTUAL_ASKED.search(asked))
    wants_target = target_asked and not actual_asked
    answers, seen = [], set()
    named = departments_named(q, known)
    for r in store.query(text, timeout=TIMEOUT):
        if str(r.i) not in wanted:
            continue
        if named and getattr(known.documents.get(str(r.doc)), "department", None) not in named:
            continue  # an indicator of another department than the one named: never its answer
        value = number(r.target) if wants_target or r.actual is None else number(r.actual)
        key = (str(r.progLabel), str(r.label), value, str(r.year))  # the same indicator in the 本级 and 汇总 documents
        if key not in seen:
            seen.add(key)
            note = {True: "，已达到目标值", False: "，未达到目标值"}.get(met(r), "")
            if target_asked and actual_asked and r.target is not None and r.actual is not None:
                # 目标值和实际完成值: both asked, each its own answer (one line prints both)
                answers += [{**indicator_answer(known, r, number(r.target), note), "label": f"{r.label}（目标值）"},
                            {**indicator_answer(known, r, number(r.actual), note), "label": f"{r.label}（实际完成值）"}]
            else:
                answers.append(indicator_answer(known, r, value, note))
    found = Result(answers, text, None if answers else "没有找到所问部门的这个绩效指标。")
    # 电费和水费哪个更多: the two targets in 万元 ordered, and their difference computed
    # 水费、电费、燃气费哪项最多: the targets ranked, the top one first
    return side_by_side.compared(q, found, list(dict.fromkeys(a["label"] for a in answers)), programs=True) \
        or indicator_rank.ranked(q, found) or indicator_rank.apart(q, found) or found


def departments_named(q: Question, known: Knowledge) -> set[str]:
    """The departments the question names, itself or through a unit of it (the unit's parent)."""
    by_uri = known.lexicon.by_uri
    return {e.label if e.kind == "department" else parent.label for e in q.entries(*ORG_KINDS)
            if e.kind == "department" or (parent := by_uri.get(e.parent or "")) is not None and parent.kind == "department"}


def _of_programs(labels: list[str]) -> str:
    """The indicators of the programs of `labels`: by label, a pattern of the query's own (the OPTIONAL one cannot be
    looked up first)."""
    return f"{values_in('?progLabel', labels)} ?i {queries.TERMS['program']} ?prog . ?prog {queries.TERMS['label']} ?progLabel ."


def program_indicators(store: Store, known: Knowledge, q: Question) -> Result:
    """The performance indicators of the named programs, with target (and actual where reported)."""
    labels = [e.label for e in q.entries("program")]
    text = queries.sparql(INDICATORS, filters=(_of_programs(labels) if labels else "") + " " + year_filter(q))
    answers, seen = [], set()
    for r in store.query(text, timeout=TIMEOUT):
        key = (str(r.progLabel), str(r.label), str(r.year))
        if key not in seen:
            seen.add(key)
            answers.append(indicator_answer(known, r, number(r.actual) if r.actual is not None else number(r.target)))
    return Result(answers, text, None if answers else "这个项目没有列出绩效指标。")


# what an indicator's printed clause holds that no question says of it: its figures, spaces and punctuation
_NOT_WORDS = re.compile(r"[\d.%％≥≤><=＝\s，,；;。：:、（）()]+")


def by_printed_words(store: Store, known: Knowledge, q: Question) -> Result | None:
    """The indicators of the programs named that the question's own words name by the words printed around their
    value (政务云经费's indicator 单位, printed 覆盖全区32个单位及以上, asked 覆盖单位有多少个: 覆盖 and 单位 stand in its
    clause) where no name of an indicator holds them: those whose clause and name hold the most of the words in runs
    of two characters or more, half of them at least, every one that fits as well listed; None when none does, or
    money is asked (no indicator's figure is money's)."""
    programs = sorted({e.label for e in q.entries("program")})
    words = normalise(own_words(q))
    if not programs or len(words) < 2 or ANOTHER_FIGURE.search(words):
        return None
    text = queries.sparql(INDICATORS, filters=_of_programs(programs) + " " + year_filter(q))
    rows = list(store.query(text, timeout=TIMEOUT))
    scored = [(shared_chars(words, _NOT_WORDS.sub("", normalise(f"{r.printed or ''}{r.label}"))), r) for r in rows]
    best = max((score for score, _ in scored), default=0)
    if best < max(2, (len(words) + 1) // 2):
        return None
    answers, seen = [], set()
    for score, r in scored:
        key = (str(r.progLabel), str(r.label), str(r.year))
        if score == best and key not in seen:
            seen.add(key)
            answers.append(indicator_answer(known, r, number(r.actual) if r.actual is not None else number(r.target),
                                            f"（按指标原文“{r.printed}”）" if r.printed else ""))
    return Result(answers, text, "按绩效指标原文的文字找到：" + "；".join(a["text"] for a in answers) + "。")


def met(r) -> bool | None:
    """Whether an indicator's actual reaches its target: the document's own verdict, else the comparison."""
    if r.met is not None:
        return bool(r.met.toPython())
    actual, target = number(r.actual), number(r.target)
    if actual is None or target is None:
        return None
    comparator = str(r.comparator or ">=")
    return {">=": actual >= target, ">": actual > target, "<=": actual <= target, "<": actual < target,
            "=": abs(actual - target) < 1e-9}.get(comparator)


# The indicators whose verdict can be known: a reported actual or the document's own verdict.
MEASURED = "FILTER(BOUND(?actual) || BOUND(?met))"


def unmet(store: Store, known: Knowledge, q: Question) -> Result:
    """The indicators short of their target: of the organisations named, by one query over their documents;
    else every one the store holds, found and counted in the per-document summaries, and the asked page (or
    all, a page or fewer) read from the store — the query reads those, never every indicator of the store."""
    labels = org_labels(q, known)
    if not labels:
        return _unmet_page(store, known, q, summaries.unmet_rows(summaries.summary_for(store), q))
    filters = [MEASURED, year_filter(q), f"?i {queries.TERMS['department']}/{queries.TERMS['label']} ?deptLabel . "
               + values_in("?deptLabel", labels)]
    text = queries.sparql(INDICATORS, filters="\n  ".join(f for f in filters if f))
    answers = [indicator_answer(known, r, number(r.actual), "，未达到目标值")
               for r in store.query(text, timeout=TIMEOUT) if met(r) is False]
    return Result(answers, text, None if answers else NONE_UNMET)


NONE_UNMET = "没有未达到目标值的绩效指标。"


def _unmet_page(store: Store, known: Knowledge, q: Question, listed: list[tuple]) -> Result:
    """The asked page of the unmet indicators (summary rows, in the answer's order) read from the store — their
    documents' measured indicators, the page's kept where the store says they fall short — and, past a page,
    the count of them all."""
    start, page = page_of(listed, q)
    if not page:
        return Result(message=page_message(len(listed), start, 0, "") if listed else NONE_UNMET,
                      total=len(listed) if listed else None)
    wanted = {r[0] for r in page}
    # by the indicators' IRIs (the summary rows hold them), joined as written: by (label, document) pairs Virtuoso
    # took 2-3 s for a page of 50 at 1,000 documents, against 35-45 ms so (oxigraph 76-240 → 38-50 ms); left to
    # its own plan, Virtuoso took 0.5-1 s over the IRIs at 8 documents on a server holding 8 M quads, 22 ms so
    iris = " ".join(f"<{check_iri(i)}>" for i in sorted(wanted))
    text = JOINS_AS_WRITTEN + queries.sparql(INDICATORS, filters=f"VALUES ?i {{ {iris} }}\n  {MEASURED}")
    answers = [indicator_answer(known, r, number(r.actual), "，未达到目标值")
               for r in store.query(text, timeout=TIMEOUT) if str(r.i) in wanted and met(r) is False]
    if len(listed) <= len(answers) and start == 0:  # the whole list on one page: no count, as any short list
        return Result(answers, text, None if answers else NONE_UNMET)
    return Result(answers, text, page_message(len(listed), start, len(answers), "按文档和行排序"), total=len(listed))
