"""Organisations as answers: a department's internal and subordinate units (with the units' own totals
where asked), a unit's department, duties, who is responsible for a kind of work, and what the store
holds (departments, years, documents). Each is a list or lookup over its own small query; organisations
are matched by label, so a department named in several documents is one department.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from graph_store.base import Store
from query_api import queries, topics, unit_nouns
from query_api.answering import candidates, duty_cover
from query_api.answering.rows import TIMEOUT, Result, answer_row, in_order, org_labels, paged, source_of
from query_api.answering.sparql_parts import loosened, topic_filter, topic_forms, values_in
from query_api.answering.unit_totals import unit_amounts
from query_api.lexicon import normalise, simplified
from query_api.slots import COUNT_WORDS

if TYPE_CHECKING:
    from query_api.ask import Knowledge
    from query_api.nlu import Question

UNITS = """
SELECT DISTINCT ?u ?label ?text ?doc ?year ?table ?line ?deptLabel WHERE {{
  {filters}
  ?u a {cls} ; {label} ?label ; {rel} ?dept .
  ?dept {label} ?deptLabel .
  OPTIONAL {{ ?u {responsibilities} ?text }} OPTIONAL {{ ?u {from} ?doc . OPTIONAL {{ ?doc {year} ?year }} }}
  OPTIONAL {{ ?u {table} ?table }} OPTIONAL {{ ?u {line} ?line }}
}} ORDER BY ?deptLabel DESC(?year) ?doc ?line
"""

PARENTS = """
SELECT DISTINCT ?dept ?deptLabel ?label ?doc ?year WHERE {{
  {filters}
  ?u {label} ?label .
  {{ ?u {unitOf} ?dept }} UNION {{ ?u {subOrgOf} ?dept }}
  ?dept {label} ?deptLabel .
  OPTIONAL {{ ?u {from} ?doc . OPTIONAL {{ ?doc {year} ?year }} }}
}} ORDER BY ?deptLabel DESC(?year) ?doc
"""

def _department_labels(store: Store, q: Question, labels: list[str]) -> list[str]:
    """`labels`, or where only units are named, their departments' (某科所在部门的下属单位: hop to its
    department), when the store knows them."""
    if not q.entries("internal_unit", "subordinate_unit") or q.entries("department"):
        return labels
    rows = store.query(queries.sparql(PARENTS, filters=values_in("?label", labels)), timeout=TIMEOUT)
    return sorted({str(r.deptLabel) for r in rows}) or labels


def units(store: Store, known: Knowledge, q: Question, cls: str) -> Result:
    labels = org_labels(q, known)
    if not labels and re.search(r"没有|无|不设|未设", q.text):
        return without_units(store, cls)
    if not labels:
        return Result(message="请说明是哪个部门或单位。")
    labels = _department_labels(store, q, labels)
    answers, text = unit_list(store, known, labels, cls)
    if cls == "SubordinateUnit" and (amounts := unit_amounts(store, known, q, answers)):
        return amounts  # each unit's own total, ranked or added up
    if cls == "SubordinateUnit" and not answers and re.search(r"下设.{0,4}(?:部门|机构)", simplified(q.text)):
        inside, text = unit_list(store, known, labels, "InternalUnit")  # 某中心下设哪些部门: its offices too
        if inside:
            return Result(inside, text, f"{'、'.join(labels)}的文件没有列出下属单位；列出的内设机构有{len(inside)}个。")
    return _counted(q, labels, "内设机构" if cls == "InternalUnit" else "下属单位", answers, text) or Result(answers, text)


def unit_list(store: Store, known: Knowledge, labels: list[str], cls: str) -> tuple[list[dict], str]:
    """The internal or subordinate units (`cls`) of the organisations `labels`, one row a name, and the query."""
    rel = queries.TERMS["unitOf" if cls == "InternalUnit" else "subOrgOf"]
    text = queries.sparql(UNITS, cls=queries.TERMS[cls], rel=rel, filters=values_in("?deptLabel", labels))
    rows = in_order(store.query(text, timeout=TIMEOUT), "deptLabel", "-year", "doc", "line", "text")
    # a unit several documents list has a line in each, which the query does not pair with its document:
    # a line is cited only where every document listing the unit gives the same one
    lines: dict[str, set] = {}
    for r in rows:
        lines.setdefault(str(r.label), set()).add((r.table, r.line))
    seen, answers = set(), []
    kind = "internal_unit" if cls == "InternalUnit" else "subordinate_unit"
    for r in rows:
        if str(r.label) in seen:
            continue
        seen.add(str(r.label))
        table, line = (r.table, r.line) if len(lines[str(r.label)]) == 1 else (None, None)
        answers.append(answer_row(str(r.label), kind=kind, uri=str(r.u), text=str(r.text) if r.text else f"属于{r.deptLabel}",
                                  source=source_of(known, r.doc, table, line)))
    return answers, text


def _counted(q: Question, labels: list[str], noun: str, answers: list[dict], text: str) -> Result | None:
    """Asked how many: one number, the names in its text; asked for them too (共几个，分别是什么): the members
    themselves, the count in the message — no count row as one more member."""
    if not (answers and COUNT_WORDS.search(simplified(q.text))):
        return None
    names = "、".join(a["label"] for a in answers)
    if q.output == "members":  # 共几个，分别是什么: the members themselves, as many as the count says
        return Result(answers, text, f"{'、'.join(labels)}共有{len(answers)}个{noun}：{names}。")
    return Result([answer_row(f"{'、'.join(labels)}的{noun}数", len(answers), "个", "count", text=names,
                              source=answers[0]["source"])], text)


def named_units(store: Store, known: Knowledge, q: Question) -> Result:
    """The units of the organisations named that the document's own noun names (`unit_nouns`): every
    subordinate unit for 局属单位, those whose names end so for 派出审计处 or 总站. None fits: no answer, and
    a message naming the units there are."""
    labels = org_labels(q, known)
    labels = _department_labels(store, q, labels)
    noun = q.unit_noun or ""
    classes = ("SubordinateUnit",) if unit_nouns.belonging(noun) else ("InternalUnit", "SubordinateUnit")
    listed, sparql = [], None
    for cls in classes:
        found, sparql = unit_list(store, known, labels, cls)
        listed += found
    answers = listed if unit_nouns.belonging(noun) else [a for a in listed if unit_nouns.names(noun, a["label"])]
    if not answers:
        there = "、".join(a["label"] for a in listed[:12]) + ("等" if len(listed) > 12 else "")
        return Result(sparql=sparql, message=f"{'、'.join(labels)}的文件里没有名称是“{noun}”的机构"
                                             + (f"；列出的机构有：{there}。" if there else "，也没有列出内设机构或下属单位。"))
    return _counted(q, labels, noun, answers, sparql) or Result(answers, sparql)


WITHOUT_UNITS = """
SELECT ?d (SAMPLE(?name) AS ?label) WHERE {{
  ?d a {Department} ; {label} ?name .
  FILTER NOT EXISTS {{ ?u a {cls} ; {rel} ?d }}
}} GROUP BY ?d ORDER BY ?label
"""


def without_units(store: Store, cls: str) -> Result:
    """哪些部门没有下属单位: the departments whose documents list none (an unlisted unit cannot be told
    from an absent one, so the answer says what it rests on)."""
    rel = queries.TERMS["unitOf" if cls == "InternalUnit" else "subOrgOf"]
    text = queries.sparql(WITHOUT_UNITS, cls=queries.TERMS[cls], rel=rel)
    kind = "内设机构" if cls == "InternalUnit" else "下属单位"
    answers = [answer_row(str(r.label), kind="department", uri=str(r.d), text=f"文件中没有列出{kind}")
               for r in store.query(text, timeout=TIMEOUT)]
    return Result(answers, text, f"{len(answers)} 个部门的文件没有列出{kind}。" if answers else f"每个部门都列出了{kind}。")


def parent(store: Store, known: Knowledge, q: Question) -> Result:
    labels = [e.label for e in q.entries("internal_unit", "subordinate_unit")]
    text = queries.sparql(PARENTS, filters=values_in("?label", labels))
    answers, seen = [], set()
    for r in store.query(text, timeout=TIMEOUT):
        if str(r.deptLabel) not in seen:
            seen.add(str(r.deptLabel))
            answers.append(answer_row(str(r.deptLabel), kind="department", uri=str(r.dept),
                                      text=f"{r.label}隶属于{r.deptLabel}", source=source_of(known, r.doc)))
    return Result(answers, text)


DUTIES = """
SELECT DISTINCT ?d ?text ?orgLabel ?doc ?year ?table ?line ?kind WHERE {{
  {filters}
  {{ {candidates} ?org {purpose} ?d . ?d {text} ?text . BIND("duty" AS ?kind) }}
  UNION
  {{ {candidates} ?d {unitOf} ?org ; {responsibilities} ?text . BIND("unit" AS ?kind) }}
  ?org {label} ?orgLabel .
  OPTIONAL {{ ?d {from} ?doc . ?doc {year} ?year }}
  OPTIONAL {{ ?d {table} ?table }} OPTIONAL {{ ?d {line} ?line }}
}} ORDER BY ?orgLabel DESC(?year) ?line ?doc
"""


def duties(store: Store, known: Knowledge, q: Question) -> Result:
    """The duties of one organisation, from one document (the asked year's, else the latest); of a unit,
    the responsibilities its department's document gives it."""
    if q.entries("internal_unit", "subordinate_unit") and not q.entries("department"):
        return unit_duties(store, known, q)
    labels = org_labels(q, known)
    filters = values_in("?orgLabel", labels) + ' FILTER(?kind = "duty")'
    text = queries.sparql(DUTIES, candidates="", filters=filters)
    rows = [r for r in store.query(text, timeout=TIMEOUT) if not q.year or (r.year is not None and int(r.year) == q.year)]
    if not rows:
        return Result(sparql=text, message="没有找到该部门的职责。")
    by_doc: dict[str, list] = {}
    for r in rows:
        by_doc.setdefault(str(r.doc), []).append(r)
    best = max(by_doc.values(), key=lambda rs: (int(rs[0].year or 0), len(rs)))
    seen, answers = set(), []
    for r in best:
        if normalise(str(r.text)) in seen:
            continue
        seen.add(normalise(str(r.text)))
        answers.append(answer_row(str(r.orgLabel), kind="duty", uri=str(r.d), text=str(r.text),
                                  source=source_of(known, r.doc, r.table, r.line)))
    return Result(answers, text)


def unit_duties(store: Store, known: Knowledge, q: Question) -> Result:
    labels = [e.label for e in q.entries("internal_unit", "subordinate_unit")]
    answers, sparql, seen = [], None, set()
    for cls, rel in (("InternalUnit", "unitOf"), ("SubordinateUnit", "subOrgOf")):
        sparql = queries.sparql(UNITS, cls=queries.TERMS[cls], rel=queries.TERMS[rel], filters=values_in("?label", labels))
        for r in store.query(sparql, timeout=TIMEOUT):
            if r.text and (str(r.deptLabel), str(r.label)) not in seen:  # one text a unit (documents repeat it)
                seen.add((str(r.deptLabel), str(r.label)))
                answers.append(answer_row(str(r.label), kind="duty", uri=str(r.u), text=f"{r.deptLabel}{r.label}：{r.text}",
                                          source=source_of(known, r.doc, r.table, r.line)))
    return Result(answers, sparql, None if answers else "文档没有列出这个机构的职责。")

def duty_holder(store: Store, known: Knowledge, q: Question) -> Result:
    if not topic_forms(q, known):
        return Result(message="请说明是哪项工作。")
    phrase = topics.responsible_for(q.text) or q.topic or ""  # 负责国有资产管理: 国有资产管理, 管理 no topic word
    found = loosened(q, known, lambda forms: _duty_holder(store, known, forms, phrase=phrase))
    # no duty holds every word: a long paraphrase of one (受理群众写给领导的来信) is the duty holding most of them
    return found if found.answers else duty_cover.best(store, known, q, DUTIES) or found


# An organisation answers who does a work when its duty holds at least this share of what the best one holds
# of the asked phrase (the runs of characters they share, in order): a duty saying the phrase's words apart, in
# other sentences, is not one stating the work.
WELL_MATCHED = 0.75


def duty_match(phrase: str, text: str) -> tuple[int, int]:
    """How much of the asked `phrase` a duty's `text` holds: the characters of the runs (two or more) they share
    in order, and the longest run (人工影响天气作业方案 of 制定人工影响天气作业方案: 10, 10)."""
    runs = topics.shared_runs(normalise(phrase), normalise(text))
    return sum(map(len, runs)), max(map(len, runs), default=0)


def _duty_holder(store: Store, known: Knowledge, forms: list[list[str]], labels: list[str] | None = None,
                 phrase: str = "") -> Result:
    # the duties and units whose text may hold the words (candidates.py), then the same test on them alone;
    # of the organisations `labels` only, where given. Each organisation by its duty holding most of `phrase`,
    # the best first, and only those holding nearly as much as the best (WELL_MATCHED)
    found = candidates.index_for(store).holding(("duty", "responsibilities"), forms)
    filters = f"FILTER{topic_filter('?text', forms)}" + (values_in("?orgLabel", labels) if labels else "")
    text = queries.sparql(DUTIES, candidates=candidates.values("?d", found), filters=filters)
    best: dict[str, tuple[tuple[int, int], object]] = {}
    for r in in_order(store.query(text, timeout=TIMEOUT) if found else [], "orgLabel", "-year", "line", "doc", "kind", "text"):
        score = duty_match(phrase, str(r.text))
        if str(r.orgLabel) not in best or score > best[str(r.orgLabel)][0]:
            best[str(r.orgLabel)] = (score, r)
    ranked = sorted(best.values(), key=lambda found: found[0], reverse=True)  # stable: by name among equals
    top = ranked[0][0][0] if ranked else 0
    answers = [answer_row(str(r.orgLabel), kind="department", text=str(r.text), source=source_of(known, r.doc, r.table, r.line))
               for score, r in ranked if score[0] >= WELL_MATCHED * top]
    return Result(answers, text)


def unit_duty_holder(store: Store, known: Knowledge, q: Question) -> Result:
    """The internal units (of the organisations named, or any) whose responsibilities hold the topic's words."""
    if not topic_forms(q, known):
        return Result(message="请说明是哪项工作。")
    labels = org_labels(q, known)

    def run(forms: list[list[str]]) -> Result:
        found = candidates.index_for(store).holding(("responsibilities",), forms)
        filters = f"{candidates.values('?u', found)} FILTER{topic_filter('?text', forms)} " + values_in("?deptLabel", labels)
        text = queries.sparql(UNITS, cls=queries.TERMS["InternalUnit"], rel=queries.TERMS["unitOf"], filters=filters)
        answers, seen = [], set()
        for r in in_order(store.query(text, timeout=TIMEOUT) if found else [], "deptLabel", "-year", "doc", "line", "text"):
            if (str(r.deptLabel), str(r.label)) not in seen:
                seen.add((str(r.deptLabel), str(r.label)))
                answers.append(answer_row(str(r.label), kind="internal_unit", uri=str(r.u),
                                          text=f"{r.deptLabel}{r.label}：{r.text}", source=source_of(known, r.doc, r.table, r.line)))
        return Result(answers, text, None if answers else "没有找到职责里写着这项工作的内设机构。")

    result = loosened(q, known, run)
    work = topics.responsible_for(q.text) or q.topic
    if result.answers or not (labels and work):
        return result
    # no section's duties hold every word: the sections whose names and duties say most of it; where the
    # document gives its sections no duties that is a guess by name, said so, with the department's own duty
    # line that states the work as the evidence (or that line alone when no section's name says it)
    every = units(store, known, q, "InternalUnit")
    best = topics.best_by_words(every.answers, work, known.lexicon)
    best = best if best and len(best) < len(every.answers) else []
    if any(a["text"] not in {f"属于{label}" for label in labels} for a in best):
        return Result(best, every.sparql)  # by their own duties' words
    own = loosened(q, known, lambda forms: _duty_holder(store, known, forms, labels, work or ""))
    if not own.answers:
        return Result(best, every.sparql) if best else result
    duty = own.answers[0]
    said = f"文件没有写明由哪个内设机构负责；{duty['label']}的职责写着这项工作（见来源行）"
    if not best:
        return Result(own.answers, own.sparql, said + "。")
    guessed = [{**a, "text": f"按名称推断；{duty['label']}的职责：{duty['text']}", "source": duty["source"]} for a in best]
    return Result(guessed, own.sparql, said + f"，按名称推断是{'、'.join(a['label'] for a in best)}。")


def departments(store: Store, known: Knowledge, q: Question) -> Result:
    """Every department of the store with the years and kinds of its documents, by name (a page at a time)."""
    by_dept: dict[str, list] = {}
    for info in known.documents.values():
        by_dept.setdefault(info.department, []).append(info)
    return paged(sorted(by_dept.items()), q, "按名称排序", lambda item: answer_row(
        item[0], kind="department", uri=item[1][0].department_uri,
        text="、".join(sorted({f"{d.year}年{d.type_label}" for d in item[1]})), source="；".join(d.label for d in item[1])),
        queries.sparql(queries.DOCUMENTS))


def years(store: Store, known: Knowledge, q: Question, documents: bool = False) -> Result:
    labels = org_labels(q, known)
    labels = _department_labels(store, q, labels)
    docs = known.docs_of(set(labels) if labels else None)
    if documents:  # every document (of the organisations named), a page at a time
        return paged(sorted(docs, key=lambda d: (d.department, d.year or 0)), q, "按部门和年份排序", lambda d: answer_row(
            d.label, d.year, "年", "document", d.uri, f"{d.department} {d.year}年{d.type_label}（{d.scope_label}）", d.label),
            queries.sparql(queries.DOCUMENTS))
    by_year: dict[int, list] = {}
    for d in docs:
        by_year.setdefault(d.year, []).append(d)
    answers = [answer_row(f"{y}年", y, "年", "year", text="、".join(sorted({f"{d.department}{d.type_label}" for d in ds})),
                          source="；".join(d.label for d in ds)) for y, ds in sorted(by_year.items()) if y]
    return Result(answers, queries.sparql(queries.DOCUMENTS))
