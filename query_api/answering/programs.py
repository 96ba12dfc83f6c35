"""Questions about programs (项目): by topic, by organisation, ranked, filtered by amount, counted,
summed, and what a program is for. One SPARQL template, narrowed by filters from the question."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from graph_store.base import Store
from ingest.record import AMOUNT_PLACES
from query_api import queries
from query_api.answering import candidates, summaries
from query_api.answering.rows import (
    PAGE,
    TIMEOUT,
    UNIT_WAN,
    Result,
    addition,
    answer_row,
    number,
    order_key,
    org_labels,
    page_message,
    page_of,
    plain,
    prefer_doc_type,
    source_of,
)
from query_api.answering.sparql_parts import (
    loosened,
    topic_filter,
    topic_forms,
    values_in,
    year_filter,
)
from query_api.lexicon import ORG_KINDS, without_year
from query_api.slots import MONEY_WORDS, SUM_WORDS

# Money asked beside a count (几个项目，一共多少钱): their total too, not only how many (一共几个 asks no money)
_MONEY_ASKED = re.compile(rf"{MONEY_WORDS}|资金[是有为]?多少|万元|加起来|总额|合计")

if TYPE_CHECKING:
    from query_api.ask import Knowledge
    from query_api.nlu import Question


def total_money_asked(q: Question) -> bool:
    """Whether a count's question asks their money added up too (几个项目，一共多少钱), not only how many."""
    return bool(SUM_WORDS.search(q.text) and _MONEY_ASKED.search(q.text))


# The programs a question selects (by name, organisation, year, candidates), then their amounts, target and
# source line. The selection is asked first and its rows given to the second query as VALUES: oxigraph
# otherwise looks up the amounts of every program of the store before joining them to the few selected.
SELECTION = """
SELECT DISTINCT ?p ?label ?year ?doc ?deptLabel ?orgLabel WHERE {{
  {body}
}}
"""
PROGRAM = """{filters}
  ?p a {Program} ; {label} ?label ; {year} ?year ; {department} ?dept ; {from} ?doc .
  ?dept {label} ?deptLabel ."""  # the pattern a program matches (format()ed alone: its braces are single)
# Its spending unit, in each branch of a UNION that does not name it already: after the UNION, or beside a unit
# the branch has bound, oxigraph reads every program's unit to join them (230 ms at 1,000 documents, not 10).
UNIT = "\n  OPTIONAL {{ ?p {spentBy} ?org . ?org {label} ?orgLabel }}"
SELECTED = ("p", "label", "year", "doc", "deptLabel", "orgLabel")
# Rows given as VALUES (~250 characters each, in a query of at most 100,000: graph_store.query_limits); a larger
# selection (every program of a city) stays a subquery
MAX_SELECTED = 200

# An amount's value is an OPTIONAL of its own: four patterns in one OPTIONAL get a plan that reads every
# amount of the document (every program observation has a gk:value: ontology/shapes.ttl).
PROGRAMS = """
SELECT DISTINCT ?p ?label ?amount ?executed ?target ?orgLabel ?deptLabel ?doc ?year ?table ?line WHERE {{
  {selected}
  OPTIONAL {{ ?budget {program} ?p ; {from} ?doc ; {column} ?bc . FILTER(STR(?bc) = "预算数") OPTIONAL {{ ?budget {value} ?amount }}
             OPTIONAL {{ ?budget {table} ?btable }} OPTIONAL {{ ?budget {line} ?bline }} }}
  OPTIONAL {{ ?exec {program} ?p ; {from} ?doc ; {column} ?ec . FILTER(STR(?ec) = "执行数") OPTIONAL {{ ?exec {value} ?executed }}
             OPTIONAL {{ ?exec {table} ?etable }} OPTIONAL {{ ?exec {line} ?eline }} }}
  OPTIONAL {{ ?p {target} ?target }}
  OPTIONAL {{ ?p {table} ?ptable }} OPTIONAL {{ ?p {line} ?pline }}
  # The line of this document's amount: a program listed by two documents carries both documents' lines.
  BIND(COALESCE(?btable, ?etable, ?ptable) AS ?table) BIND(COALESCE(?bline, ?eline, ?pline) AS ?line)
  {amount_filters}
}} ORDER BY {order}
"""


def _selection(filters: str, alternatives: list[str]) -> str:
    """The selection query: the programs matching `filters` and one of `alternatives` (each its own branch of a
    UNION holding the whole pattern: joined to a UNION outside it, the pattern is read for every program)."""
    if not alternatives:
        return queries.sparql(SELECTION, body=(PROGRAM + UNIT).format(**queries.TERMS, filters=filters))
    branches = [(PROGRAM + ("" if "?orgLabel" in a else UNIT)).format(**queries.TERMS, filters=f"{a}\n  {filters}")
                for a in alternatives]
    return queries.sparql(SELECTION, body=" UNION ".join(f"{{ {b} }}" for b in branches))


def _selected(store: Store, selection: str) -> str | None:
    """The selection as the second query's first part: its rows as VALUES, or itself as a subquery when large;
    None when it selects nothing."""
    rows = list(store.query(selection, timeout=TIMEOUT, read_rows=MAX_SELECTED + 1))
    if not rows:
        return None
    if len(rows) > MAX_SELECTED:
        return _subquery(selection)
    return _values([" ".join(getattr(r, v).n3() if getattr(r, v) is not None else "UNDEF" for v in SELECTED)
                    for r in rows])


def _values(cells: list[str]) -> str:
    """The selected programs as VALUES: one cell (the terms of SELECTED, space-separated) per program."""
    return f"VALUES (?{' ?'.join(SELECTED)}) {{ {' '.join(f'({c})' for c in cells)} }}"


def _subquery(selection: str) -> str:
    return "{ " + selection[selection.index("SELECT"):] + " }"  # without its prefixes: the query has them


def program_rows(store: Store, known: Knowledge, q: Question, filters: list[str], order: tuple[str, ...] = ("label",),
                 amount_filters: list[str] = (), run: bool = True, organisations: bool = False,
                 selected: str | None = None) -> tuple[list, str]:
    """Program rows matching `filters` (on name, year, candidates: applied first), with `organisations` those
    of the organisations the question names (`org_alternatives`), and `amount_filters` (on ?amount,
    ?target); one row per (name, year) — a program in both the 汇总 and the 本级 document is one program —
    by `one_per_program`, in `order` (the names of the row's variables, as `rows.in_order` sorts them).
    Not `run`: the query that would be asked, and no rows (no program can match). `selected`: the selection
    already made (its rows as VALUES of SELECTED), instead of `filters`."""
    if selected is None:
        filters = "\n  ".join(f for f in [*filters, year_filter(q)] if f)
        selection = _selection(filters, org_alternatives(q, known) if organisations else [])
        selected = _selected(store, selection) if run else None
    text = queries.sparql(PROGRAMS, selected=selected or _subquery(selection), order=" ".join(f"?{n}" for n in order),
                          amount_filters="\n  ".join(f for f in amount_filters if f))
    rows = prefer_doc_type(list(store.query(text, timeout=TIMEOUT)) if selected else [], q, known)
    fields = lambda r: (str(r.label), str(r.year), number(r.amount), str(r.doc), str(r.p))  # noqa: E731
    return one_per_program(rows, known, q, fields, order_key(*order)), text


def one_per_program(rows: list, known: Knowledge, q: Question, fields, order) -> list:
    """One row a program name and year: the rule of every list of programs, whatever its rows' shape
    (`fields(row)`: name, year, amount, document, program IRI; `order(row)`: the answer's sort key).

    Rows of the asked document type and scope where there are any (soft filters), sorted by `order`, ties
    broken by the 汇总 document before the 本级, then the document IRI, then the program IRI — never by a
    store's own order (stores break ties differently, and an answer's source must not depend on the backend).
    A name and year stands where its first row stands and shows, of its rows that print that row's amount,
    the first in the same tie order: the 汇总 document's where both print the same figure."""
    def info(r):
        return known.documents.get(fields(r)[3])

    if q.doc_type:
        rows = [r for r in rows if (i := info(r)) and i.type == q.doc_type] or rows
    if q.scope:  # 本级有哪些项目: the programs of the 本级 document
        rows = [r for r in rows if (i := info(r)) and i.scope == q.scope] or rows

    def tie(r) -> tuple:
        _, _, _, document, iri = fields(r)
        return (0 if (i := info(r)) and i.scope == "consolidated" else 1, document, iri)

    groups: dict[tuple, list] = {}
    for r in sorted(rows, key=lambda r: (order(r), tie(r))):
        groups.setdefault(fields(r)[:2], []).append(r)
    chosen = [min((r for r in group if fields(r)[2] == fields(group[0])[2]), key=tie) for group in groups.values()]
    priced = {(without_year(fields(r)[0], fields(r)[1]), fields(r)[1]) for r in chosen if fields(r)[2] is not None}
    return [r for r in chosen if fields(r)[2] is not None or not _priced_elsewhere(fields(r)[0], fields(r)[1], priced, known)]


def _priced_elsewhere(name: str, year, priced: set[tuple], known: Knowledge) -> bool:
    """Whether a name printed with no amount is a program listed with its amount under a shorter name: the
    same name less its year (2026年信访专项经费 in the targets' table, 2026信访专项经费 in the programs'
    table) or less an organisation's name before it (杭州市气象局气象业务建设 / 气象业务建设)."""
    key = without_year(name, year)
    surfaces = known.lexicon.surfaces
    return any((key[at:], year) in priced
               and (at == 0 or any(e.kind in ORG_KINDS for e in surfaces.get(key[:at], ()))) for at in range(len(key) - 1))


def org_alternatives(q: Question, known: Knowledge) -> list[str]:
    """Programs spent by the named organisations, or printed in their documents: the two lookups by label
    (none when the question names no organisation)."""
    labels = org_labels(q, known)
    if not labels:
        return []
    t = queries.TERMS
    return [f"{values_in('?orgLabel', labels)} ?org {t['label']} ?orgLabel . ?p {t['spentBy']} ?org .",
            f"{values_in('?deptLabel', labels)}"]


def program_answer(known: Knowledge, r, text: str | None = None, executed: bool = False) -> dict:
    """One program as an answer: its budget (or, `executed`, what a final account says was spent)."""
    final = (info := known.documents.get(str(r.doc))) is not None and info.type == "final_account"
    value = number(r.amount)
    detail = [f"{r.orgLabel or r.deptLabel}", f"{r.year}年"]
    if value is not None:
        detail.append(f"预算 {plain(value)} 万元")
    if final and r.executed is not None:
        detail.append(f"执行 {plain(number(r.executed))} 万元")
    if executed and r.executed is not None or value is None:
        value = number(r.executed)
    return answer_row(str(r.label), value, UNIT_WAN, "program", str(r.p),
                      text or "，".join(detail), source_of(known, r.doc, r.table, r.line))


def about(store: Store, known: Knowledge, q: Question) -> Result:
    """Programs whose name has every word of the topic (or a synonym), or whose name or target text
    holds the topic as a phrase; then those it names otherwise (a resembling name, its description).
    Each answer says why it matched (`matched`)."""
    if not topic_forms(q, known):
        return Result(message="请说明项目的主题，例如“哪些项目涉及政务云”。")
    phrases = known.lexicon.expand(q.topic)
    index = candidates.index_for(store)

    def run(forms: list[list[str]]) -> Result:
        name_match = topic_filter("?label", forms)
        # and a phrase the topic names in other words (query_api.topics: 公车 → 公务用车) in the target too
        in_target = phrases + [f[0] for f in forms if len(f) == 1 and f[0] not in q.topic]
        target_match = queries.contains_any("?target", in_target)
        # the programs whose name or target may hold them (candidates.py), then the same test on them alone
        named = index.holding(("program_name",), forms)
        found = named | index.holding(("program_target",), [[p] for p in in_target])
        topic_test = f"FILTER({name_match} || (BOUND(?target) && {target_match}))"

        def answered(r) -> dict:
            why = candidates.matched(str(r.label), r.target and str(r.target), forms, in_target, q.topic)
            return {**program_answer(known, r), "matched": why}
        if len(found) > PAGE and q.operation not in ("sum", "count") and not org_labels(q, known):
            # every program the topic names: counted from the summaries, the first page read from the store
            ranked = _one_per_summary_row(summaries.program_rows(summaries.summary_for(store), q, found), known, q,
                                          lambda r: (r[0] not in named, r[1], r[2] or 0))
            return _page(store, known, q, ranked, [topic_test], "名称含主题的在前，按名称排序", answered)
        # the target text is read outside the name/organisation subquery, so the topic test is an outer filter
        rows, text = program_rows(store, known, q, [candidates.values("?p", found)], organisations=True,
                                  amount_filters=[topic_test], run=bool(found))
        return Result([answered(r) for r in rows], text)

    found = loosened(q, known, run)
    found = found if found.answers else _spread(store, known, q) or found
    found = found if found.total else _by_meaning(store, known, q, index, found)
    named = candidates.by_name_if_asked(found.answers, q.text)  # 名字里带…: the names' matches alone
    return found if len(named) == len(found.answers) else Result(named, found.sparql, found.message if named else None)


def _by_meaning(store: Store, known: Knowledge, q: Question, index, found: Result) -> Result:
    """`found` and after its answers the programs the topic names otherwise (candidates.by_meaning: a name
    resembling it, a description holding its words), each with why."""
    listed = {a.get("uri") for a in found.answers}
    other = {iri: why for iri, why in candidates.by_meaning(index, q.topic, topic_forms(q, known)).items()
             if iri not in listed}
    if not other or len(other) > PAGE:
        return found
    rows, text = program_rows(store, known, q, [candidates.values("?p", set(other))], organisations=True)
    more = [{**program_answer(known, r), "matched": other[str(r.p)]} for r in rows if str(r.p) not in listed]
    if not more:
        return found
    return Result(found.answers + more, found.sparql or text, found.message if found.answers else None)


def _spread(store: Store, known: Knowledge, q: Question) -> Result | None:
    """Programs holding each of the topic's smallest words in their name or their target text, when no one
    text holds them all (供水管道工程: 原水管道工程, whose target says 供水), else in those and their indicators'
    names; None when none does."""
    words = (topic_forms(q, known, fine=True) or [[]])[0]
    if not words:
        return None
    index = candidates.index_for(store)
    found = set.intersection(*(index.holding(("program_name", "program_target"), [[w]]) for w in words)) \
        if len(words) > 1 else set()
    if found:
        spread = queries.contains_all("CONCAT(STR(?label), COALESCE(STR(?target), \"\"))", words)
        rows, text = program_rows(store, known, q, [candidates.values("?p", found)], organisations=True,
                                  amount_filters=[f"FILTER{spread}"])
        if rows:
            return Result([program_answer(known, r) for r in rows], text)
    # the names of its indicators too (水电 in the name, 燃气 an indicator's; of the organisation named, when
    # only other organisations' names hold them all): the index decides
    why = candidates.spread(index, words)
    rows, text = program_rows(store, known, q, [candidates.values("?p", set(why))], organisations=True,
                              run=0 < len(why) <= PAGE)
    return Result([{**program_answer(known, r), "matched": why[str(r.p)]} for r in rows], text) if rows else None


def _one_per_summary_row(rows: list[tuple], known: Knowledge, q: Question, order) -> list[tuple]:
    """`one_per_program` of summary rows (p, label, year, doc, dept, org, amount)."""
    return one_per_program(rows, known, q, lambda r: (r[1], r[2], r[6], r[3], r[0]), order)


def _page(store: Store, known: Knowledge, q: Question, ranked: list[tuple], amount_filters: list[str], order: str,
          answered=None) -> Result:
    """The page of `ranked` the question asks for (summary rows, one per program name and year, in the answer's
    order) as answers read from the store — every figure and line shown is the store's — with the count of them all."""
    start, page = page_of(ranked, q)
    if not page:
        return Result(message=page_message(len(ranked), start, 0, order), total=len(ranked))
    # each program in the document the summary chose (a program two documents print has two amounts), its name,
    # year and organisations as the summary read them from that document: no query to select them again
    # (12 ms of CPU for a page of 50 at 1,000 documents); its amounts, target and lines read from the store
    cells = [" ".join((f"<{r[0]}>", f"{queries.literal(r[1])}@zh", str(r[2]) if r[2] is not None else "UNDEF", f"<{r[3]}>",
                       f"{queries.literal(r[4])}@zh", f"{queries.literal(r[5])}@zh" if r[5] is not None else "UNDEF"))
             for r in page]
    rows, text = program_rows(store, known, q, [], amount_filters=amount_filters, selected=_values(cells))
    found = {(str(r.label), str(r.year)): r for r in rows}
    answered = answered or (lambda r: program_answer(known, r))
    answers = [answered(found[key]) for r in page if (key := (r[1], str(r[2]))) in found]
    if len(ranked) <= len(answers):
        return Result(answers, text)
    return Result(answers, text, page_message(len(ranked), start, len(answers), order), total=len(ranked))


def threshold_words(q: Question) -> str:
    """The conditions asked, in words for an answer's label ("有政府性基金资金安排的", "预算超过500万元的"), ""
    without one."""
    funded = f"有{q.funding}资金安排的" if q.funding else ""
    if q.comparator == "between" and q.number_high is not None:
        return f"{funded}预算在{plain(q.number)}万元到{plain(q.number_high)}万元之间的"
    words = {">": "超过", ">=": "不少于", "<": "低于", "<=": "不超过"}.get(q.comparator or "")
    return funded + (f"预算{words}{plain(q.number)}万元的" if words and q.number is not None else "")


def threshold_filters(q: Question) -> list[str]:
    """FILTERs on ?amount for "超过2000万元" or "100万到500万之间": the page's figures checked in the store."""
    if q.comparator == "between" and q.number_high is not None:
        return [f"FILTER(BOUND(?amount) && ?amount >= {q.number} && ?amount <= {q.number_high})"]
    if q.comparator and q.number is not None:
        return [f"FILTER(BOUND(?amount) && ?amount {q.comparator} {q.number})"]
    return []


def over_threshold(store: Store, known: Knowledge, q: Question) -> Result | None:
    """Every program over (or under, or between) the question's amounts, when there are more than a page of
    them: counted from the summaries, largest first (smallest when asked), the first page read from the store;
    None for fewer, or when the question names organisations (programs.by_amount lists those)."""
    if org_labels(q, known) or q.within is not None:
        return None
    ascending = q.order == "asc"
    ranked = _one_per_summary_row(summaries.program_rows(summaries.summary_for(store), q), known, q,
                                  lambda r: ((r[6] if ascending else -r[6]), r[1], r[2] or 0))
    if len(ranked) <= PAGE:
        return None
    return _page(store, known, q, ranked, threshold_filters(q), "按预算从小到大" if ascending else "按预算从大到小")


def listing(store: Store, known: Knowledge, q: Question) -> Result:
    """A named organisation's programs, in the order its documents print them."""
    if not org_labels(q, known) and q.within is None:
        return Result(message="请说明是哪个部门或单位的项目。")
    within = [] if q.within is None else [f"VALUES ?p {{ {' '.join(f'<{iri}>' for iri in q.within)} }}"]
    rows, text = program_rows(store, known, q, within, ("line", "label"), organisations=bool(org_labels(q, known)))
    # a unit whose department's documents list no program of its own: said so, not "no answer"
    none = f"{'、'.join(org_labels(q, known))}在知识库的文件里没有单列的项目。" if q.within is None else None
    return Result([program_answer(known, r) for r in rows], text, None if rows else none)


def _one_per_program(known: Knowledge, q: Question, cells: list[dict]) -> list[dict]:
    """`one_per_program` of the budget cells (预算数) of a program cube query: largest first (smallest when asked)."""
    sign = 1 if q.order == "asc" else -1
    return one_per_program([c for c in cells if c.get("column") == "预算数"], known, q,
                           lambda c: (c.get("program_label"), c["year"], c["value"], c["document"], c["program"]),
                           lambda c: (sign * c["value"], str(c.get("program_label")), c["year"] or 0))


def by_amount(known: Knowledge, q: Question, cube: dict) -> Result:
    """Programs from the cells of a program cube query (answering.compiler.compile_programs): ranked by
    their budget (the first `q.limit`, else the first), or every one over the threshold, largest first
    (smallest when asked). One program a name and year, its 汇总 document's figure where both print it."""
    cells = cube["cells"]
    executed = {(c["program"], c["document"]): c["value"] for c in cells if c.get("column") == "执行数"}
    answers = []
    for c in _one_per_program(known, q, cells):
        detail = [str(c.get("unit_label") or ""), f"{c['year']}年", f"预算 {plain(c['value'])} 万元"]
        if c["phase"] == "final_account" or (c["program"], c["document"]) in executed:
            if (spent := executed.get((c["program"], c["document"]))) is not None:
                detail.append(f"执行 {plain(spent)} 万元")
        answers.append(answer_row(c.get("program_label"), c["value"], UNIT_WAN, "program", c["program"], "，".join(detail),
                                  source_of(known, c["document"], c.get("table"), c.get("line"))))
    if q.operation == "rank":
        answers = answers[:q.limit or 1]
    return Result(answers, cube["sparql"], None if answers else "没有找到相关项目。", cube["cube_query"])


def totals(known: Knowledge, q: Question, cube: dict, operation: str) -> Result:
    """How many programs, their budgets added up, or their mean budget, from the cells of a program cube
    query (answering.compiler.compile_programs: the organisations named or all, the years asked, over a
    threshold if asked): one program a name and year, as `by_amount` reads them."""
    chosen = _one_per_program(known, q, cube["cells"])
    if not chosen:
        return Result(sparql=cube["sparql"], message="没有找到相关项目。", cube_query=cube["cube_query"])
    scope = ("、".join(org_labels(q, known)) or "全部部门") + (f"{q.year}年" if q.year else "")
    which = threshold_words(q)  # 预算超过500万元的: the programs counted or added up are those
    sources = "；".join(sorted({s for c in chosen if (s := source_of(known, c["document"]))}))
    names = "、".join(str(c.get("program_label")) for c in chosen)
    total = round(sum(c["value"] for c in chosen), AMOUNT_PLACES)
    # no document prints this total: it is computed, and shown as the addition it is
    computed = addition([c["value"] for c in chosen], total)
    parts = [answer_row(c.get("program_label"), c["value"], UNIT_WAN, "program", c["program"],
                        f"{c.get('unit_label') or ''}，{c['year']}年，预算 {plain(c['value'])} 万元",
                        source_of(known, c["document"], c.get("table"), c.get("line"))) for c in chosen]
    added = answer_row(f"{scope}的{which}项目预算合计", total, UNIT_WAN, "sum", text=f"{len(chosen)}个项目：{names}；{computed}",
                       source=sources)
    if operation == "count":
        row = answer_row(f"{scope}的{which}项目数", len(chosen), "个", "count", text=names, source=sources)
        if total_money_asked(q):
            # 几个项目，一共多少钱: the count, their total, then each program with its figure
            return Result([row, added, *parts], cube["sparql"], None, cube["cube_query"])
        if q.output == "members":  # 共几个，各叫什么: the programs themselves, as many as the count says
            return Result(parts, cube["sparql"], f"{scope}共有{len(chosen)}个{which}项目：{names}。", cube["cube_query"])
    elif operation == "average":
        row = answer_row(f"{scope}的{which}项目平均预算", round(total / len(chosen), AMOUNT_PLACES), UNIT_WAN, "average",
                         text=f"{len(chosen)}个项目的预算合计{plain(total)}万元 ÷ {len(chosen)}", source=sources)
    elif len(chosen) == 1 and not SUM_WORDS.search(q.text):
        # "烈士陵园的项目预算是多少" of a unit with one program: that program by its name, not a 'total' of one
        return Result(parts, cube["sparql"], None, cube["cube_query"])
    else:  # the total, then the programs it adds up, each with its own figure and line
        return Result([added, *parts], cube["sparql"], None, cube["cube_query"])
    return Result([row], cube["sparql"], None, cube["cube_query"])


def purpose(store: Store, known: Knowledge, q: Question) -> Result:
    """What a program is for: its performance target text, with its amount."""
    labels = [e.label for e in q.entries("program")]
    rows, text = program_rows(store, known, q, [values_in("?label", labels)])
    answers = []
    for r in rows:
        target = str(r.target) if r.target else "文档未给出绩效目标"
        answers.append(program_answer(known, r, text=f"{r.label}：{target}"))
    return Result(answers, text)


def purpose_amounts(store: Store, known: Knowledge, q: Question) -> Result:
    """The amount of each named program (every document it appears in, one answer per name and year)."""
    labels = [e.label for e in q.entries("program")]
    rows, text = program_rows(store, known, q, [values_in("?label", labels)], organisations=True)
    if not rows and org_labels(q, known):
        return Result(sparql=text, message=f"{'、'.join(org_labels(q, known))}没有这个项目。")
    executed = bool(re.search(r"执行|实际|决算|花了|用了|支出了", q.text))
    return Result([program_answer(known, r, executed=executed) for r in rows], text)


def owner(store: Store, known: Knowledge, q: Question) -> Result:
    """Which organisation spends a program, and in which department's document it is."""
    labels = [e.label for e in q.entries("program")]
    rows, text = program_rows(store, known, q, [values_in("?label", labels)])
    answers, seen = [], set()
    for r in rows:
        unit = str(r.orgLabel or r.deptLabel)
        if (unit, str(r.label)) in seen:
            continue
        seen.add((unit, str(r.label)))
        detail = f"{r.label}（{r.year}年）由{unit}使用" + (f"，列在{r.deptLabel}的部门预决算中" if unit != str(r.deptLabel) else "")
        answers.append(answer_row(unit, number(r.amount), UNIT_WAN, "organization", None, detail,
                                  source_of(known, r.doc, r.table, r.line)))
    return Result(answers, text)
