"""One SPARQL template per question type, filled from a `Question` and run on the store.

`run(store, knowledge, question)` picks the template by intent and turns rows into answers
(`{"label", "value", "unit", "type", "uri", "text", "source"}`). Organisations are matched by label,
so a department named in several documents is one department. Measures and indicator matching are in
`ask_amounts`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graph_store.base import Store
from query_api import queries, topics
from query_api.ask import Knowledge
from query_api.ask_units import unit_amounts
from query_api.lexicon import ORG_KINDS, normalise
from query_api.names import ask_which, ties
from query_api.nlu import Question
from query_api.queries import literal

UNIT_WAN = "万元"
TIMEOUT = 10


@dataclass
class Result:
    answers: list[dict] = field(default_factory=list)
    sparql: str | None = None
    message: str | None = None
    cube_query: dict | None = None  # the cube query the SPARQL was compiled from (query_api.ask_cube)
    # two figures set side by side: {"a": {label, value, source}, "b": {…}, "difference": b − a, "unit", "label"}
    comparison: dict | None = None


def answer_row(label, value=None, unit=None, kind=None, uri=None, text=None, source=None) -> dict:
    return {"label": label, "value": value, "unit": unit, "type": kind, "uri": uri, "text": text, "source": source}


def plain(value: float) -> str:
    """An amount as printed, every decimal kept (13215.69, not :g's 13215.7), no trailing zeros."""
    return f"{value:.4f}".rstrip("0").rstrip(".")


def number(node) -> float | None:
    if node is None:
        return None
    try:
        return round(float(node.toPython()), 4)
    except (TypeError, ValueError, AttributeError):
        return None


def source_of(known: Knowledge, doc, table=None, line=None) -> str | None:
    """"<document> · <table> · 第N行" — where a value was read."""
    info = known.documents.get(str(doc)) if doc is not None else None
    parts = []
    if info:
        parts.append(f"{info.department}{info.year or ''}年{info.type_label}"
                     + (f"（{info.scope_label}）" if info.scope_label else ""))
    if table:
        parts.append(str(table))
    if line:
        parts.append(f"第{line}行")
    return " · ".join(parts) or None


def org_labels(question: Question, known: Knowledge) -> list[str]:
    """Labels of the organisations the question names; an internal unit asked about its department's
    relations ("某科所在部门…") is replaced by its department (one hop)."""
    labels: list[str] = []
    for entry in question.entries(*ORG_KINDS):
        if entry.label not in labels:
            labels.append(entry.label)
    return labels


def filter_in(var: str, values: list[str]) -> str:
    """FILTER: the string value of `var` is one of `values` (labels are @zh literals, so compare STR)."""
    return f"FILTER({either(var, values)})" if values else ""


def either(var: str, values: list[str]) -> str:
    """STR(var) = v1 || STR(var) = v2 …: what `IN` says, written out because Virtuoso 7 answered
    `STR(?x) IN ("…", "…")` with no rows once it listed two or more (Chinese) strings."""
    expr = var if var.startswith("STR(") else f"STR({var})"
    return " || ".join(f"{expr} = {literal(v)}" for v in values)


def year_filter(question: Question, var: str = "?year") -> str:
    """FILTER on the years the question names (one, or several: 2024年和2021年)."""
    years = question.years or ([question.year] if question.year else [])
    return f"FILTER(xsd:integer({var}) IN ({', '.join(map(str, years))}))" if years else ""


def prefer_doc_type(rows: list, question: Question, known: Knowledge, doc_attr: str = "doc") -> list:
    """Rows of the asked document type (预算/决算) when there are any, else all rows (a soft filter)."""
    if not question.doc_type:
        return rows
    kept = [r for r in rows if (info := known.documents.get(str(getattr(r, doc_attr)))) and info.type == question.doc_type]
    return kept or rows


# --- organisations -------------------------------------------------------------------------------

UNITS = """
SELECT DISTINCT ?u ?label ?text ?doc ?year ?table ?line ?deptLabel WHERE {{
  ?u a {cls} ; {label} ?label ; {rel} ?dept .
  ?dept {label} ?deptLabel .
  OPTIONAL {{ ?u {responsibilities} ?text }} OPTIONAL {{ ?u {from} ?doc . OPTIONAL {{ ?doc {year} ?year }} }}
  OPTIONAL {{ ?u {table} ?table }} OPTIONAL {{ ?u {line} ?line }}
  {filters}
}} ORDER BY ?deptLabel DESC(?year) ?doc ?line
"""

PARENTS = """
SELECT DISTINCT ?dept ?deptLabel ?label ?doc ?year WHERE {{
  ?u {label} ?label .
  {{ ?u {unitOf} ?dept }} UNION {{ ?u {subOrgOf} ?dept }}
  ?dept {label} ?deptLabel .
  OPTIONAL {{ ?u {from} ?doc . OPTIONAL {{ ?doc {year} ?year }} }}
  {filters}
}} ORDER BY ?deptLabel DESC(?year) ?doc
"""


def in_order(rows, *names: str) -> list:
    """`rows` sorted here by `names` (a leading '-': a number descending), Python's code-point order breaking
    the ties the store left: stores collate Chinese text differently, and a unit listed by two documents
    carries both documents' texts, so the store's own order would pick a different one per backend."""
    def key(row) -> tuple:
        out = []
        for name in names:
            node = getattr(row, name.lstrip("-"))
            value = node.toPython() if node is not None else None
            if value is None:
                out.append((2, 0, ""))  # unbound last, either way
            elif isinstance(value, int | float) and not isinstance(value, bool):
                out.append((0, -value if name.startswith("-") else value, ""))
            else:
                out.append((1, 0, str(value)))
        return tuple(out)

    return sorted(rows, key=key)


def parent_labels(store: Store, labels: list[str]) -> list[str]:
    rows = store.query(queries.sparql(PARENTS, filters=filter_in("?label", labels)), timeout=TIMEOUT)
    return sorted({str(r.deptLabel) for r in rows})


def units(store: Store, known: Knowledge, q: Question, cls: str) -> Result:
    labels = org_labels(q, known)
    if not labels and re.search(r"没有|无|不设|未设", q.text):
        return without_units(store, cls)
    if not labels:
        return Result(message="请说明是哪个部门或单位。")
    if not q.entries("department") and q.entries("internal_unit", "subordinate_unit"):
        labels = parent_labels(store, labels) or labels  # 某科所在部门的下属单位: hop to its department
    rel = queries.TERMS["unitOf" if cls == "InternalUnit" else "subOrgOf"]
    text = queries.sparql(UNITS, cls=queries.TERMS[cls], rel=rel, filters=filter_in("?deptLabel", labels))
    rows = in_order(store.query(text, timeout=TIMEOUT), "deptLabel", "-year", "doc", "line", "text")
    seen, answers = set(), []
    kind = "internal_unit" if cls == "InternalUnit" else "subordinate_unit"
    for r in rows:
        if str(r.label) in seen:
            continue
        seen.add(str(r.label))
        answers.append(answer_row(str(r.label), kind=kind, uri=str(r.u), text=str(r.text) if r.text else f"属于{r.deptLabel}",
                                  source=source_of(known, r.doc, r.table, r.line)))
    if cls == "InternalUnit" and (work := topics.responsible_for(q.text)):  # 哪个科室负责X: the ones whose duties say X
        answers = topics.best_by_words(answers, work, known.lexicon)
    if cls == "SubordinateUnit" and (amounts := unit_amounts(store, known, q, answers, source_of, answer_row)):
        return Result(amounts[0], amounts[1])  # each unit's own total, ranked or added up
    if answers and re.search(r"多少个|几个|多少家|几家|数量|个数", q.text):  # asked how many: one number, the names in text
        names = "、".join(a["label"] for a in answers)
        return Result([answer_row(f"{'、'.join(labels)}的{'内设机构' if cls == 'InternalUnit' else '下属单位'}数",
                                  len(answers), "个", "count", text=names, source=answers[0]["source"])], text)
    return Result(answers, text)


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
    text = queries.sparql(PARENTS, filters=filter_in("?label", labels))
    answers, seen = [], set()
    for r in store.query(text, timeout=TIMEOUT):
        if str(r.deptLabel) not in seen:
            seen.add(str(r.deptLabel))
            answers.append(answer_row(str(r.deptLabel), kind="department", uri=str(r.dept),
                                      text=f"{r.label}隶属于{r.deptLabel}", source=source_of(known, r.doc)))
    return Result(answers, text)


DUTIES = """
SELECT DISTINCT ?d ?text ?orgLabel ?doc ?year ?table ?line ?kind WHERE {{
  {{ ?org {purpose} ?d . ?d {text} ?text . BIND("duty" AS ?kind) }}
  UNION
  {{ ?d {unitOf} ?org ; {responsibilities} ?text . BIND("unit" AS ?kind) }}
  ?org {label} ?orgLabel .
  OPTIONAL {{ ?d {from} ?doc . ?doc {year} ?year }}
  OPTIONAL {{ ?d {table} ?table }} OPTIONAL {{ ?d {line} ?line }}
  {filters}
}} ORDER BY ?orgLabel DESC(?year) ?line ?doc
"""


def duties(store: Store, known: Knowledge, q: Question) -> Result:
    """The duties of one organisation, from one document (the asked year's, else the latest); of a unit,
    the responsibilities its department's document gives it."""
    if q.entries("internal_unit", "subordinate_unit") and not q.entries("department"):
        return unit_duties(store, known, q)
    labels = org_labels(q, known)
    filters = filter_in("?orgLabel", labels) + ' FILTER(?kind = "duty")'
    text = queries.sparql(DUTIES, filters=filters)
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
        sparql = queries.sparql(UNITS, cls=queries.TERMS[cls], rel=queries.TERMS[rel], filters=filter_in("?label", labels))
        for r in store.query(sparql, timeout=TIMEOUT):
            if r.text and (str(r.deptLabel), str(r.label)) not in seen:  # one text a unit (documents repeat it)
                seen.add((str(r.deptLabel), str(r.label)))
                answers.append(answer_row(str(r.label), kind="duty", uri=str(r.u), text=f"{r.deptLabel}{r.label}：{r.text}",
                                          source=source_of(known, r.doc, r.table, r.line)))
    return Result(answers, sparql, None if answers else "文档没有列出这个机构的职责。")


# Conditions a topic may add to one query: its words (a text must hold them all) in a few synonym forms.
# A topic of more words than this names no program or duty; its query would only be slow.
MAX_TOPIC_WORDS = 12
MAX_TOPIC_FORMS = 8


def topic_forms(q: Question, known: Knowledge, fine: bool = False) -> list[list[str]]:
    """The topic and its synonyms, each as the list of parts a text must all contain; `fine` splits
    words into their smallest dictionary parts (人民调解 → 人民, 调解) for a second, looser try."""
    if not q.topic:
        return []
    forms = []
    for form in known.lexicon.expand(q.topic):
        parts = re.findall(r"[0-9A-Za-z]+|[\u4e00-\u9fff]+", form)
        words: list[str] = []
        for part in parts:
            if re.fullmatch(r"[0-9A-Za-z]+", part):
                words.append(part)
            else:
                words.extend(_parts(part, known.lexicon.search_tokens(part)) if fine else known.lexicon.tokens(part))
        words = list(dict.fromkeys(words))  # a word said twice is one condition
        if words and len(words) <= MAX_TOPIC_WORDS and words not in forms:
            forms.append(words)
    return forms[:MAX_TOPIC_FORMS]


def _parts(word: str, tokens: list[str]) -> list[str]:
    """`word` cut into consecutive dictionary parts, longest first from the left (人民调解 → 人民, 调解;
    jieba's search mode also lists the overlapping 民调, which is not a part)."""
    smaller = sorted({t for t in tokens if t != word and len(t) > 1}, key=len, reverse=True)
    out, at = [], 0
    while at < len(word):
        part = next((t for t in smaller if word.startswith(t, at)), None)
        if part is None:
            at += 1  # a character no part starts with: leave it out rather than demand it
            continue
        out.append(part)
        at += len(part)
    return out or [word]


def loosened(q: Question, known: Knowledge, run) -> Result:
    """`run(forms)` with the topic's words; if nothing matches, once more with their smallest parts."""
    result = run(topic_forms(q, known))
    if result.answers or not q.topic:
        return result
    fine = topic_forms(q, known, fine=True)
    result = run(fine) if fine != topic_forms(q, known) else result
    meaning = known.lexicon.meaning
    near = meaning.near(q.topic) if meaning is not None and not result.answers else []
    return run([[phrase] for phrase in near]) if near else result  # 公车 for 公务用车 (query_api.topics)


def topic_filter(var: str, forms: list[list[str]]) -> str:
    return "(" + " || ".join(queries.contains_all(var, words) for words in forms) + ")"


def duty_holder(store: Store, known: Knowledge, q: Question) -> Result:
    if not topic_forms(q, known):
        return Result(message="请说明是哪项工作。")
    return loosened(q, known, lambda forms: _duty_holder(store, known, forms))


def _duty_holder(store: Store, known: Knowledge, forms: list[list[str]]) -> Result:
    text = queries.sparql(DUTIES, filters=f"FILTER{topic_filter('?text', forms)}")
    answers, seen = [], set()
    for r in in_order(store.query(text, timeout=TIMEOUT), "orgLabel", "-year", "line", "doc", "kind", "text"):
        if str(r.orgLabel) in seen:
            continue
        seen.add(str(r.orgLabel))
        answers.append(answer_row(str(r.orgLabel), kind="department", text=str(r.text),
                                  source=source_of(known, r.doc, r.table, r.line)))
    return Result(answers, text)


def departments(store: Store, known: Knowledge, q: Question) -> Result:
    by_dept: dict[str, list] = {}
    for info in known.documents.values():
        by_dept.setdefault(info.department, []).append(info)
    answers = [answer_row(name, kind="department", uri=docs[0].department_uri,
                          text="、".join(sorted({f"{d.year}年{d.type_label}" for d in docs})),
                          source="；".join(d.label for d in docs))
               for name, docs in sorted(by_dept.items())]
    return Result(answers, queries.sparql(queries.DOCUMENTS))


def years(store: Store, known: Knowledge, q: Question) -> Result:
    labels = org_labels(q, known)
    if q.entries("internal_unit", "subordinate_unit") and not q.entries("department"):
        labels = parent_labels(store, labels) or labels
    docs = known.docs_of(set(labels) if labels else None)
    if q.intent == "documents":
        return Result([answer_row(d.label, d.year, "年", "document", d.uri,
                                  f"{d.department} {d.year}年{d.type_label}（{d.scope_label}）", d.label)
                       for d in sorted(docs, key=lambda d: (d.department, d.year or 0))], queries.sparql(queries.DOCUMENTS))
    by_year: dict[int, list] = {}
    for d in docs:
        by_year.setdefault(d.year, []).append(d)
    answers = [answer_row(f"{y}年", y, "年", "year", text="、".join(sorted({f"{d.department}{d.type_label}" for d in ds})),
                          source="；".join(d.label for d in ds)) for y, ds in sorted(by_year.items()) if y]
    return Result(answers, queries.sparql(queries.DOCUMENTS))


def run(store: Store, known: Knowledge, q: Question) -> Result:
    """The answers to `q` by its intent; an intent without a template gets no answers."""
    from query_api import ask_amounts, ask_evaluation, ask_programs

    handlers = {
        "internal_units": lambda: units(store, known, q, "InternalUnit"),
        "subordinate_units": lambda: units(store, known, q, "SubordinateUnit"),
        "parent": lambda: parent(store, known, q),
        "duties": lambda: duties(store, known, q),
        "duty_holder": lambda: duty_holder(store, known, q),
        "departments": lambda: departments(store, known, q),
        "years": lambda: years(store, known, q),
        "documents": lambda: years(store, known, q),
        "programs_about": lambda: ask_programs.about(store, known, q),
        "programs_of": lambda: ask_programs.listing(store, known, q),
        "count_programs": lambda: ask_programs.aggregate(store, known, q),
        "sum_programs": lambda: ask_programs.aggregate(store, known, q),
        "rank_programs": lambda: ask_programs.listing(store, known, q),
        "filter_programs": lambda: ask_programs.listing(store, known, q),
        "program_purpose": lambda: ask_programs.purpose(store, known, q),
        "program_owner": lambda: ask_programs.owner(store, known, q),
        "program_indicators": lambda: ask_amounts.program_indicators(store, known, q),
        "rank_departments": lambda: ask_amounts.rank_departments(store, known, q),
        "amount": lambda: ask_amounts.amount(store, known, q),
        "indicator": lambda: ask_amounts.indicator(store, known, q),
        "self_evaluation": lambda: ask_evaluation.self_evaluation(store, known, q),
        "indicators_unmet": lambda: ask_amounts.unmet(store, known, q),
    }
    handler = handlers.get(q.intent)
    if q.intent not in TOPIC_INTENTS:  # never a guess between two organisations of one name
        q.ambiguous = q.ambiguous + ties(q.mentions, known.lexicon, q.year, known.years_by_org())
        if q.ambiguous:
            return Result(message=ask_which(q.ambiguous))
    if q.unknown_orgs and q.intent not in TOPIC_INTENTS:
        return Result(message=f"知识库里没有“{'、'.join(q.unknown_orgs)}”。收录的部门有："
                              + "、".join(sorted({d.department for d in known.documents.values()})) + "。")
    if q.intent not in PROGRAM_INTENTS:
        from query_api import ask_cube

        found = ask_cube.answer(store, known, q)
        if found is not None:
            return found
    if handler is None:
        return Result(message="没能理解这个问题。")
    if q.intent == "programs_about":
        from query_api import ask_cube

        return ask_cube.sum_programs(store, q, handler())
    return handler()


# Question types about programs, indicators or evaluations: never a comparison of summary figures.
PROGRAM_INTENTS = ("programs_about", "programs_of", "count_programs", "rank_programs",
                   "filter_programs", "program_purpose", "program_owner", "program_indicators", "indicator",
                   "self_evaluation", "indicators_unmet", "duty_holder", "duties", "internal_units", "parent")


# Question types whose words are a topic, not the organisation asked about: a name in them is searched for.
TOPIC_INTENTS = ("programs_about", "duty_holder", "departments", "documents")
