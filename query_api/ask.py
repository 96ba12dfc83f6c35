"""Questions → SPARQL → answers. `answer(store, text)` is what /api/ask and `govkg ask` return:

    {"question", "intent", "entities", "sparql", "answers": [{"label", "value", "unit", "type", "uri",
     "text", "source"}], "message"}

and "total", the exact number of answers, when a list that grows with the store (every program of a topic
or over an amount, every unmet indicator) shows only one page of them (`page`, from 1; `answering.summaries`).

Amounts are in 万元 with their source (document, table, line). A question we cannot place (an unknown
department, no matching question type) gets no answers and a message saying what can be asked — never
a guess. Understanding fills the question's slots (`nlu`, `slots`); `answering.plan` turns them into
queries — amounts through one compiler to cube queries — and rows.
"""

from __future__ import annotations

import itertools
import re
import threading
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property

from graph_store.base import Store
from graph_store.shared import description
from query_api import queries
from query_api.answering import codeless
from query_api.lexicon import Entry, Lexicon, base_dictionary, lexicon_for

# Longer is no question but a paste or an attack: every word of it would become a condition of the query.
MAX_QUESTION_CHARS = 200

HELP_EXAMPLES: list[tuple[str, str, str]] = [
    ("programs_about", "某个主题的项目", "哪些项目涉及12345热线 / 与政务云有关的项目"),
    ("programs_of", "某部门的项目清单", "某某局2024年有哪些项目"),
    ("internal_units", "内设机构", "某某局有哪些内设机构 / 设有哪些股室"),
    ("subordinate_units", "下属单位", "某某局的下属单位有哪些"),
    ("parent", "所属部门", "某某中心隶属于哪个部门 / 某某科属于哪个部门"),
    ("duty_holder", "谁负责某项工作", "哪个部门负责公共资源交易管理"),
    ("duties", "部门职责", "某某局的主要职责有哪些"),
    ("amount", "金额（项目、收支总额、功能/经济分类科目、三公经费、政府采购、比上年增减）",
     "某项目的预算是多少 / 某某局2024年三公经费预算 / 2023年住房保障支出 / 收入预算比上年减少了多少"
     " / 某某局基本支出和项目支出各多少 / 某科所在部门的政府采购"),
    ("rank_programs", "排名", "某某局预算金额最大的项目 / 哪个项目预算最多 / 预算最大的三个项目"),
    ("rank_departments", "部门排名（同一年度、同一口径）", "2026年哪个部门的预算最多 / 哪个部门三公经费最少 / 哪些单位的机关运行经费是0"),
    ("compare", "比较与变化（差额带正负号）",
     "甲局和乙局2026年谁的三公经费更多？多多少 / 某某局2024年机关运行经费预算比2021年决算多了多少"
     " / 某某局基本支出比项目支出少多少 / 三公经费比去年多了还是少了 / 2023年支出降幅是多少"),
    ("share", "占比与条件", "某某局2026年项目支出占支出总额的比例 / 三公经费里公务接待费占几成 / 一般公共服务支出占总支出的百分之几"
     " / 哪些部门的项目支出超过支出总额的一半 / 哪些部门的三公经费比上年减少了"),
    ("plan_vs_actual", "决算与预算（差额带正负号）", "某某局2021年三公经费实际花的比预算少了多少"),
    ("trend", "历年变化", "某某局历年的三公经费"),
    ("average", "平均", "2026年各部门三公经费平均是多少 / 某某局项目平均预算"),
    ("sum_topic", "某个主题的项目合计", "智慧城市相关的项目一共安排了多少预算 / 跟医疗救助有关的项目有几个"),
    ("program_owner", "项目的使用单位", "某项目属于哪个部门"),
    ("count_programs", "计数", "某某中心有多少个项目"),
    ("sum_programs", "合计", "某某中心的项目预算合计"),
    ("filter_programs", "按金额筛选", "预算超过2000万元的项目有哪些 / 预算在100万到500万之间的项目"),
    ("indicator", "绩效指标目标值与实际完成值", "热线接通率的目标值是多少 / 2021年满意度实际完成多少"),
    ("self_evaluation", "绩效自评结果、自评得分与预算执行率（部门决算）",
     "某某局2023年部门整体支出绩效自评结果是什么 / 某某中心的项目绩效自评等级 / 某某局的预算执行率是多少"),
    ("indicators_unmet", "未达标的绩效指标", "哪些绩效指标没有达到目标值"),
    ("program_indicators", "项目的绩效指标", "某项目有哪些绩效指标"),
    ("program_purpose", "项目用途与绩效目标", "某项目用于什么 / 某项目的绩效目标是什么"),
    ("years", "有哪些年份", "某某局有哪些年份的数据"),
    ("documents", "有哪些文档", "知识库收录了哪些文件"),
    ("departments", "有哪些部门", "知识库里有哪些部门"),
]


def help_message() -> str:
    return "可以这样问：" + "；".join(f"{title}（如：{example}）" for _, title, example in HELP_EXAMPLES)


def short_help() -> str:
    """The kinds of question, by title only: what follows a question not understood (examples: /api/ask/help)."""
    titles = dict.fromkeys(re.sub(r"（.*?）", "", title) for _, title, _ in HELP_EXAMPLES)
    return "可以问：" + "、".join(titles) + "（例子见 /api/ask/help）。"


@dataclass
class DocInfo:
    uri: str
    label: str
    department: str
    year: int | None
    type: str | None
    scope: str | None
    department_uri: str | None = None

    @property
    def scope_label(self) -> str:
        return {"consolidated": "汇总", "standalone": "本级"}.get(self.scope or "", "")

    @property
    def type_label(self) -> str:
        return {"budget": "部门预算", "final_account": "部门决算"}.get(self.type or "", "")


@dataclass
class Knowledge:
    """What the question layer knows of one store state: its lexicon and its documents."""

    lexicon: Lexicon
    documents: dict[str, DocInfo] = field(default_factory=dict)

    @cached_property
    def years_by_org(self) -> dict[str, set[int]]:
        """Each disclosing organisation's label → the years of its documents (made once: a Knowledge is of
        one store state, and every question asks it)."""
        out: dict[str, set[int]] = {}
        for doc in self.documents.values():
            out.setdefault(doc.department, set()).add(doc.year)
        return out

    @cached_property
    def departments(self) -> frozenset[str]:
        """The labels of the organisations whose documents the store holds (made once, as `years_by_org`)."""
        return frozenset(doc.department for doc in self.documents.values())

    def docs_of(self, department_labels: set[str] | None = None) -> list[DocInfo]:
        return [d for d in self.documents.values() if department_labels is None or d.department in department_labels]


_STATE_LOCK = threading.Lock()
_KNOWLEDGE: dict[tuple, Knowledge] = {}


# A number per store object (weakly held: a new store never inherits a dead one's state through a reused id()).
_TOKENS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_NEXT_TOKEN = itertools.count()


def store_state(store: Store) -> tuple:
    """A key that changes when the store's graphs change (used to rebuild caches): the store's generation,
    one lookup, where it keeps one (graph_store.base.Store.state), never a count of its triples; within
    `one_state(store)`, the state it held when the block began."""
    held = getattr(_HELD, "states", {}).get(id(store))
    if held is not None and held[0] is store:
        return held[1]
    with _STATE_LOCK:
        token = _TOKENS.setdefault(store, next(_NEXT_TOKEN))
    return (token, *store.state())


_HELD = threading.local()


@contextmanager
def one_state(store: Store) -> Iterator[tuple]:
    """A block of work that sees one state of `store`: its caches' every look at the state (a search looks
    at the topic index once per word) is the one look made when it began (a look lists the files of a
    store on disk: ~0.3 ms at 1,000 documents). Blocks nest; the outermost one's state holds."""
    states = _HELD.__dict__.setdefault("states", {})
    if id(store) in states:
        yield states[id(store)][1]
        return
    states[id(store)] = (store, store_state(store))
    try:
        yield states[id(store)][1]
    finally:
        del states[id(store)]


def knowledge_for(store: Store, *, warm: bool = True) -> Knowledge:
    """The cached Knowledge of `store` (rebuilt when its graphs change), its question pipeline (jieba
    dictionary, spaCy EntityRuler) built with it: a server calls this once at start-up so that its first
    question is answered as fast as the others; later calls cost a look at the store's state. The
    entries and documents are read from the store; the slow part made from them (the jieba dictionary
    and the phrase patterns, ~2 s) is saved on disk under a digest of the words it holds. `warm=False`
    (a command that only saves it for a server): no spaCy pipeline is built (2-3 s of imports and set-up);
    the first question asked of this Knowledge builds it."""
    from query_api import knowledge_cache, topics
    from query_api.mentions import pipeline, surface_patterns

    key = store_state(store)

    summary: dict = {}

    def build() -> Lexicon:
        summary.update(_summary(store))
        lexicon = summary["lexicon"]
        words = lexicon.user_words() + sorted(lexicon.surfaces)
        saved_at = knowledge_cache.path_for(words)
        saved = knowledge_cache.load(saved_at)
        # the patterns kept for the pipeline, built now or at the first question: it cuts no surface form again
        if saved is not None:
            lexicon.restore_tokenizer(saved["freq"], saved["total"])
            lexicon._patterns = saved["patterns"]
        else:
            lexicon._patterns = surface_patterns(lexicon)
            freq = lexicon.tokenizer.FREQ
            base, base_total = (None, None) if isinstance(freq, knowledge_cache.SavedFreq) else base_dictionary()
            knowledge_cache.save(saved_at, freq=freq, total=lexicon.tokenizer.total, base=base,
                                 base_total=base_total, patterns=lexicon._patterns)
        lexicon.meaning = topics.Meaning(store, lexicon)  # its index made on the first topic asked
        return lexicon

    lexicon = lexicon_for(key, build)
    with _STATE_LOCK:
        known = _KNOWLEDGE.get(key)
        if known is not None and known.lexicon is lexicon:
            return known
    known = Knowledge(lexicon, summary.get("documents") or load_documents(store))
    if warm:
        pipeline(lexicon)
    with _STATE_LOCK:
        for old in [k for k in _KNOWLEDGE if k[0] == key[0]] + list(_KNOWLEDGE)[:-8]:
            _KNOWLEDGE.pop(old, None)
        _KNOWLEDGE[key] = known
    return known


def _summary(store: Store) -> dict:
    """{"lexicon": a Lexicon of every entry, "documents": DocInfo by IRI} of the store at its graphs' present
    versions: for a store on disk loaded from the file saved by whoever first made it at these versions
    (`govkg ingest`, or a server), so a start reads one file, not a file per document nor the store."""
    from query_api import entries_cache

    versions = store.graph_versions()
    saved = entries_cache.merged_path("knowledge", versions) if store.persistent else None
    summary = entries_cache.load_merged(saved) if saved is not None else None
    if isinstance(summary, dict) and isinstance(summary.get("lexicon"), Lexicon):
        return summary
    summary = {"lexicon": Lexicon(load_entries(store)), "documents": load_documents(store)}
    if saved is not None:
        entries_cache.save_merged(saved, summary)
    return summary


def load_entries(store: Store) -> list[Entry]:
    """Every labelled entity of the store as a lexicon entry: read per document graph (joins inside one
    document, not across the union of all) and kept under the graph's version (query_api.entries_cache),
    so only documents written since are read again."""
    from query_api import entries_cache

    rows: dict[tuple[str, str, str], dict] = {}
    for found in entries_cache.cached_each("lexicon", store, document_lexicon_rows).values():
        for s, kind, label, alt, year, doc, parent in found:
            slot = rows.setdefault((s, kind, label), {"alts": [], "year": None, "doc": None, "parent": None})
            if alt is not None and alt not in slot["alts"]:
                slot["alts"].append(alt)
            slot["year"] = slot["year"] or year
            slot["doc"] = slot["doc"] or doc
            slot["parent"] = slot["parent"] or parent
    return [Entry(s, kind, label, tuple(v["alts"]), v["year"], v["doc"], v["parent"])
            for (s, kind, label), v in rows.items()]


def document_lexicon_rows(store: Store, graph: str, version: str) -> list[list]:
    """The lexicon rows (s, kind, label, alt, year, doc, parent) of one version of one document graph, as
    JSON values: kept under the version (query_api.entries_cache)."""
    from query_api import entries_cache

    # the description only when the rows are not kept: reading it costs 0.1-0.3 s a document, and a
    # merge of the lexicon asks every document of the store for its rows
    return entries_cache.cached("lexicon", store, graph, version,
                                lambda: lexicon_rows(description(store, graph)))


def lexicon_rows(view) -> list[list]:
    """The lexicon rows of one document's description (graph_store.shared.description), as JSON values (its
    terms read as strings: `Description.values`)."""
    return ([[s, kind, label, alt, int(year) if year is not None else None, doc, parent]
             for s, kind, label, alt, year, doc, parent in view.values(queries.sparql(queries.LEXICON))]
            + codeless.lexicon_rows(view.query(queries.sparql(codeless.ROWS), timeout=30)))


def document_rows(store: Store, graph: str, version: str) -> list[list]:
    """The documents' list's rows (doc, docLabel, dept, deptLabel, year, phase, scope) of one version of one
    document graph, kept under the version: the list is merged from them, not asked of the union of every
    document (0.3 s at 1,000 documents on every change)."""
    from query_api import entries_cache

    return entries_cache.cached(DOCUMENT_ROWS, store, graph, version,
                                lambda: documents_rows_of(description(store, graph)))


def documents_rows_of(view) -> list[list]:
    """The documents' list's rows of one document's description, as JSON values."""
    return [[None if term is None else str(term) for term in (r.doc, r.docLabel, r.dept, r.deptLabel)]
            + [int(r.year) if r.year is not None else None]
            + [None if term is None else str(term) for term in (r.phase, r.scope)]
            for r in view.query(queries.sparql(queries.DOCUMENTS), timeout=30)]


DOCUMENT_ROWS = "documents1"  # what entries_cache keeps of each document for the documents' list


def load_documents(store: Store) -> dict[str, DocInfo]:
    """Every document of `store` by IRI, in the order of queries.DOCUMENTS (department, year, phase, scope; an
    unbound one first, as SPARQL orders it), merged from each document's rows."""
    from query_api import entries_cache

    rows = [row for found in entries_cache.cached_each(DOCUMENT_ROWS, store, document_rows).values() for row in found]
    rows.sort(key=lambda r: (r[3] or "", r[4] is not None, r[4] or 0, r[5] is not None, r[5] or "",
                             r[6] is not None, r[6] or ""))
    docs = {}
    for uri, doc_label, dept, dept_label, year, phase, scope in rows:
        if uri not in docs:
            docs[uri] = DocInfo(uri, doc_label or f"{dept_label}{year or ''}", str(dept_label), year,
                                queries.PHASES.get(str(phase)), queries.SCOPES.get(str(scope)), dept)
    return docs


def answer(store: Store, text: str, page: int = 1) -> dict:
    """The reply to one question (see the module docstring); `page`: which page of a paged list. Never raises
    for a question it cannot place."""
    from query_api.answering import change_direction, plan
    from query_api.nlu import understand

    started = time.perf_counter()
    text = (text or "").strip()
    reply = {"question": text, "intent": "unknown", "entities": [], "sparql": None, "answers": [], "message": ""}
    if not text:
        reply["message"] = "请输入问题。" + help_message()
        return reply
    if len(text) > MAX_QUESTION_CHARS:
        reply["message"] = f"问题太长：最多 {MAX_QUESTION_CHARS} 个字，请只问一件事。"
        return reply
    known = knowledge_for(store)
    question = understand(text, known.lexicon)
    question.page = page
    reply["entities"] = question.to_json()
    # a change moved against the direction asked (减少了多少 of a rise): the true change, the premise corrected
    result = change_direction.corrected(question, plan.run(store, known, question))
    reply["intent"] = question.intent  # as answered: a plan may read the question again (a topic's money)
    reply["sparql"] = result.sparql
    if result.cube_query is not None:
        reply["cube_query"] = result.cube_query
    if result.comparison is not None:
        reply["comparison"] = result.comparison
    reply["answers"] = result.answers
    if question.output == "names":  # 只列名称，不要金额: the names, without amounts
        reply["answers"] = [{**a, "value": None, "unit": None} for a in result.answers]
    if result.total is not None:  # a first page: the count of every answer beside it
        reply["total"] = result.total
    if result.answers:
        reply["message"] = result.message or f"找到 {len(result.answers)} 个答案。"
        if question.readings:  # 招待费 answered as 公务接待费: said, so a reader sees what was answered
            reply["message"] += "（" + "，".join(f"“{said}”按“{read}”理解" for said, read in question.readings) + "）"
    else:
        # a message saying what is missing and what exists stands alone; a question not understood gets the kinds
        reply["message"] = result.message or "没有找到答案。"
        if question.subject == "unknown":
            reply["message"] += short_help()
    reply["elapsed_ms"] = round((time.perf_counter() - started) * 1000, 1)
    return reply
