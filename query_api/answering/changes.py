"""A change on last year, two ways through the cube: as one document states it (比上年增减: a fact
`*_change`) and recomputed from two documents of consecutive years (this year's figure − last year's, of
the same department, phase and scope; every document's and its last year's figures read by one cube
query). Where both exist they are checked against each other: a disagreement is shown as two answers and said in the message, never silently
picked; where only the two documents exist, the recomputed change is the answer, said to be one.

    checked(store, known, q, stated, labels, figure, what)   the stated changes checked, and completed where unstated
    recompute_all(store, known, docs, figure)                each document's change on last year's, and the one query's reply
    stated_item_change(stated, doc, top, value, q)            a classified line's change its document's text states
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from graph_store.base import Store
from ingest.record import AMOUNT_PLACES, CHANGE_COLUMN, PREVIOUS_BUDGET, PREVIOUS_EXECUTED
from query_api.answering.change_direction import as_asked
from query_api.answering.rows import TIMEOUT, UNIT_WAN, answer_row, asked_years, plain, source_of
from query_api.cube import MAX_LIMIT, CubeQuery, Cut, run
from query_api.cube_kinds import TOLERANCE

if TYPE_CHECKING:
    from query_api.ask import DocInfo, Knowledge
    from query_api.nlu import Question


@dataclass
class Recomputed:
    """This year's figure less last year's, each the one figure of its document (count 1 in each)."""

    difference: float
    before: float
    after: float
    document: DocInfo  # this year's
    previous: DocInfo  # last year's
    source: str | None = None  # the two figures' tables and lines, where known


def previous_documents(known: Knowledge, docs, named: int | None = None) -> dict[str, DocInfo]:
    """Last year's document of the same department, phase and scope as each of `docs` (IRIs), where the store
    holds exactly one: the documents indexed once, not scanned once per document. `named`: the earlier year the
    question names (2025年…比2024年): that year's document, of the same phase and scope where there is one, else
    the one of the same phase (another scope), else of another phase within the same scope (a budget set against
    last year's final account is a comparison the question asks, labelled with both); never of both another phase
    and another scope."""
    held: dict[tuple, list[DocInfo]] = {}
    for d in known.documents.values():
        held.setdefault((d.department, d.year), []).append(d)
    out = {}
    for doc in docs:
        info = known.documents.get(doc)
        year = named if named is not None else info.year - 1 if info and info.year else None
        if info is None or year is None or not info.year or year >= info.year:
            continue
        there = held.get((info.department, year), [])
        same = [d for d in there if (d.type, d.scope) == (info.type, info.scope)]
        if named is not None and not same:
            same = [d for d in there if d.type == info.type] or [d for d in there if d.scope == info.scope]
        if len(same) == 1:
            out[doc] = same[0]
    return out


def figures_query(keys: list[str], documents: list[str]) -> CubeQuery:
    """The figures `keys` of a set of documents (IRIs), each with its table and line (a figure read twice from
    one document, same value, is one cell): the documents' observations read first. One query for every
    pair of years a change is recomputed from."""
    return CubeQuery([Cut("fact", "|".join(sorted(set(keys)))), Cut("document", "|".join(sorted(set(documents))))],
                     ["document", "fact", "table", "line"], limit=MAX_LIMIT)


def _phase_of(key: str, doc_type: str) -> str:
    # the figure of the phase the key is of (a final account's *_budget is its plan), else the document's
    return "budget" if key.endswith("_budget") else "final_account" if key.endswith("_actual") else doc_type


def recompute_all(store: Store, known: Knowledge, docs: list[str],
                  figure: Callable[[str | None], str]) -> tuple[dict[str, Recomputed], dict | None]:
    """The change of each document of `docs` on last year's document, by ONE cube query over all of them and
    their last years' documents: this year's figure (`figure(phase)`, its key) less last year's, and that
    query's reply (None when no document's last year is held). A document is left out when last year's is not
    held or either does not print the figure exactly once."""
    pairs = previous_documents(known, docs)
    if not pairs:
        return {}, None
    keys = {d: figure(known.documents[d].type) for d in pairs}
    reply = run(store, figures_query(list(keys.values()), [*pairs, *(p.uri for p in pairs.values())]), timeout=TIMEOUT)
    cells: dict[tuple, list[dict]] = {}
    for c in reply["cells"]:
        cells.setdefault((c["document"], c["fact"], c["phase"]), []).append(c)
    out = {}
    for doc, previous in pairs.items():
        info = known.documents[doc]
        at = (keys[doc], _phase_of(keys[doc], info.type))
        # one figure in each document: two different figures of one key (its table and its text disagreeing)
        # give no change rather than one picked
        before, after = cells.get((previous.uri, *at), []), cells.get((doc, *at), [])
        if len(before) == len(after) == 1 and before[0]["count"] == after[0]["count"] == 1:
            b, a = before[0], after[0]
            source = "；".join(filter(None, (source_of(known, previous.uri, b.get("table"), b.get("line")),
                                            source_of(known, doc, a.get("table"), a.get("line")))))
            out[doc] = Recomputed(round(a["value"] - b["value"], AMOUNT_PLACES), b["value"], a["value"], info, previous, source)
    return out, reply


def change_word(value: float, unit: str = UNIT_WAN) -> str:
    """A signed change in words: 增加/减少 and its size, or 持平."""
    return f"{'增加' if value > 0 else '减少'}{plain(abs(value))}{unit}" if value else "持平"


def disagreement(name: str, said: float, recomputed: float) -> str:
    """The note that the change `name`'s document states and the two years' figures' difference disagree."""
    return (f"{name}：文件写明比上年{change_word(said)}，而两年文件的数字相减为{plain(recomputed)}万元，"
            "两者不一致（上年数字可能经过调整或口径不同），两个都列出")


def checked(store: Store, known: Knowledge, q: Question, stated: list[tuple[str, dict]], labels: list[str],
            figure: Callable[[str | None], str], what: str) -> tuple[list[dict], list[str], list[dict]]:
    """The changes documents state (`stated`: (document, answer) pairs, in the order answered), each checked
    against the two years' figures, and, for the years asked, the recomputed change of every other document
    of `labels` whose last year's document is held. `figure(phase)` is the key of the figure changed in a
    document of that phase, `what` its name. (answers, notes on disagreements, the compares' replies)."""
    asked = set(asked_years(q))
    held = sorted((d for d in known.docs_of(set(labels)) if d.year in asked), key=lambda d: (d.year, d.uri))
    held = [d for d in held if not q.doc_type or d.type == q.doc_type]
    held = [d.uri for d in held if not q.scope or d.scope == q.scope]
    answers, notes = [], []
    by_doc = dict(stated)
    wanted = list(dict.fromkeys([*by_doc, *held]))
    recomputed, reply = recompute_all(store, known, [d for d in wanted if d in known.documents], figure)
    replies = [reply] if recomputed else []
    for doc in wanted:
        info, own, again = known.documents.get(doc), by_doc.get(doc), recomputed.get(doc)
        if again is None or info is None:
            answers += [own] if own is not None else []
            continue
        found, note = judge(known, q, own, again, f"{info.department}{info.year}年{what}")
        answers += found
        notes += [note] if note else []
    return answers, notes, replies


def judge(known: Knowledge, q: Question, own: dict | None, again: Recomputed, name: str) -> tuple[list[dict], str | None]:
    """The answers of one change: the stated one (`own`, signed as asked) confirmed by the two documents'
    figures, or shown beside them when they disagree (and the note saying so), or, stated nowhere, the two
    figures' difference labelled as one."""
    shown = as_asked(q, again.difference)  # asked as a decrease: a fall positive
    # of two phases (a budget against last year's final account) or scopes (汇总 against 本级): each year's figure
    # says its phase and scope
    phases = tuple(_kind(d, again) for d in (again.document, again.previous))
    sum_text = (f"{again.document.year}年{phases[0]}{plain(again.after)}万元 − {again.previous.year}年{phases[1]}"
                f"{plain(again.before)}万元 = {plain(again.difference)}万元")
    source = again.source or "；".join(filter(None, (source_of(known, again.previous.uri),
                                                    source_of(known, again.document.uri))))
    if own is None:  # no change stated: the two documents' figures
        than = f"比{again.previous.year}年{phases[1]}" if phases[1] else "比上年"
        return [answer_row(f"{name}{than}{change_word(again.difference)}（两年文件相减）", shown, UNIT_WAN, "change",
                           None, f"文件没有写明比上年增减；{sum_text}", source)], None
    stated_value = as_asked(q, own["value"])  # signed again
    if abs(stated_value - again.difference) <= TOLERANCE:
        return [{**own, "text": f"{own['text'] or ''}；与两年文件相减一致：{sum_text}".lstrip("；")}], None
    return ([own, answer_row(f"{name}（两年文件相减）", shown, UNIT_WAN, "change", None, sum_text, source)],
            disagreement(name, stated_value, again.difference))


def _kind(d: DocInfo, again: Recomputed) -> str:
    """What of `d` (one of `again`'s two documents) differs from the other: its phase and scope, its scope, or ''."""
    other_type = again.document.type != again.previous.type
    scope = f"（{d.scope_label}）" if d.scope_label and (other_type or again.document.scope != again.previous.scope) else ""
    return (d.type_label if other_type else "") + scope


def item_change(known: Knowledge, doc: str, previous: DocInfo | None, picked: list,
                by_doc_top: dict[tuple[str, str], list], pick: Callable[[list], list]) -> Recomputed | None:
    """A classified item's change on last year from two documents: its figure in `doc` (the rows `picked`,
    of one code asked) less the same code's in `previous`, last year's document of the same department, phase
    and scope, read from `by_doc_top` (rows of both years, one query, by document and code asked) in the same
    column (and table, where last year printed one of that name) and picked the same way (`pick`); None when
    last year's document is not held or does not print the same codes."""
    if previous is None or not picked:
        return None
    first = picked[0]
    held = by_doc_top.get((previous.uri, str(first.top)), [])
    rows = [r for r in held if r.column == first.column]
    if not rows and previous.type != known.documents[doc].type:
        rows = held  # a final account's columns are named otherwise: the same pick (the column asked, else the total)
    rows = [r for r in rows if r.table == first.table] or rows
    before_rows = pick(rows) if rows else []
    if sorted(str(r.c) for r in before_rows) != sorted(str(r.c) for r in picked):
        return None
    before, after = round(sum(r.value for r in before_rows), AMOUNT_PLACES), round(sum(r.value for r in picked), AMOUNT_PLACES)
    source = "；".join(filter(None, (source_of(known, previous.uri, before_rows[0].table, before_rows[0].line),
                                    source_of(known, doc, first.table, first.line))))
    return Recomputed(round(after - before, AMOUNT_PLACES), before, after, known.documents[doc], previous, source)


def item_rate(known: Knowledge, q: Question, label: str, change: tuple, after: float, uri: str) -> dict:
    """A line's change asked as a rate (下降了百分之几): its stated change (`change`: signed as asked, words, text,
    row) over last year's figure (this year's less the change), computed and said so, with the change's line; no
    rate (None) when last year's figure is not above 0."""
    signed, words, text, row = change
    raw = as_asked(q, signed)
    before = round(after - raw, AMOUNT_PLACES)
    rate = round(raw / before * 100, 2) if before > 0 else None
    shown = None if rate is None else as_asked(q, rate)
    how = (f"{text}；{plain(abs(raw))} ÷ 上年 {plain(before)}万元 = {plain(abs(rate))}%（计算所得）" if rate is not None
           else f"{text}；上年为0，算不出幅度")
    return answer_row(f"{label}（幅度）", shown, "%", "change", uri, how, source_of(known, row.doc, row.table, row.line))


def stated_item_change(stated: list, doc: str, top: str, value: float, q: Question) -> tuple | None:
    """(signed change, words, text, row) of the item `top` in `doc` on the year before, as its narrative
    states it, or its figure less last year's (executed when the question says 执行, else the change
    stated, else last year's budget); None when the narrative says neither."""
    mine = {str(r.column): r for r in stated if str(r.doc) == doc and str(r.c) == top}
    order = (PREVIOUS_EXECUTED, CHANGE_COLUMN, PREVIOUS_BUDGET) if "执行" in q.text else \
        (CHANGE_COLUMN, PREVIOUS_BUDGET, PREVIOUS_EXECUTED)
    column = next((c for c in order if c in mine), None)
    if column is None:
        return None
    r = mine[column]
    if column == CHANGE_COLUMN:
        change, how = r.value, "比上年"
    else:
        change = round(value - r.value, AMOUNT_PLACES)
        how = f"比上年{'执行数' if column == PREVIOUS_EXECUTED else '预算数'}{plain(r.value)}万元"
    words = how + change_word(change)
    signed = as_asked(q, change)  # asked as a decrease (减少了多少) a decrease is positive
    return signed, words, f"本年{plain(value)}万元，{words}", r
