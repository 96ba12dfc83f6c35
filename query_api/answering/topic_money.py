"""Money asked with topic words (某局在培训上花了多少, 用车方面的开支): what a measure word with a topic asks is
never the department's total. The topic decides what answers, by the kind of thing that names it:

- a classified line the documents print (经济分类 first — what the money was spent on: 培训 → 30216 培训费;
  then 功能分类) whose name holds the topic or a word the graph relates to it, or that the topic shortens
  (物业费 → 物业管理费: its characters in order, first and last the name's own): that line's amount;
- else the department's programs on the topic, added up (plan.figure's topic total);
- else a line the department's document says its money is for the topic (…其他商业服务业等支出（项）3136.40万元，
  主要用于标准化菜场及副食品行业管理: 标准化菜场 → 2169999), by that description (`described`).

Every line answered says what matched and why (`matched`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from query_api.answering import codeless
from query_api.answering.rows import TIMEOUT, Result, document_of_source, source_of, summed
from query_api.lexicon import normalise
from query_api.slots import ASKING_WORDS, GENERAL_MEASURES, measure_spans

if TYPE_CHECKING:
    from query_api.ask import Knowledge
    from query_api.lexicon import Entry, Lexicon
    from query_api.nlu import Question

# A verb or noun of money that says nothing of what the money is for (花了, 开支, 用了多少): with a topic
# beside it, the topic says what is asked. 支出 and 收入 name the department's figures themselves.
_MONEY_VERB = re.compile(r"花|开支|开销|用了多少|钱|经费")
_FIGURE_WORD = re.compile(r"支出|收入|总额|合计|总计|预算数|决算数")
# What the slot patterns leave of the asking words once the stopwords are gone (比, 较, 还是, 总支出's 总,
# 跟上年比怎么样: 跟 and 怎么样).
# the words of a department's whole budget (收支预算总计, 收、支总额) are no topic either, though no measure alone
_ASKING = re.compile(r"比|较|是|还是|更|最|占|额|总|(?:经济|功能)分类|执行数|跟|与|和|同|上|怎么样|如何|咋样|多少"
                     r"|收[、，]?支|预算|决算|合计|总计|全年|整体|全部")
# The fewest characters of a topic left over (气象服务): one left alone is a particle, never a thing.
_FEWEST = 2
# More lines than this for one topic: the topic is too broad to name a line (费, 支出), programs are tried.
MOST_LINES = 3
# Economic lines first: what a department spends on (培训费), then functional ones (培训支出 under 教育).
_KINDS = ("/economic/", "/functional/")


def unnamed(q: Question) -> str | None:
    """The words left over that name no thing an answer of `q` uses, when its measure is only a general one
    (支出, 收入, 花了: the department's totals): 杭州市气象局气象服务支出是多少 → 气象服务, a line the lexicon does not
    know. None when no department is named (a unit's name may be left in the words), a classified item or
    program is named, a specific measure is asked, or nothing is left."""
    if not q.words_left or not q.entries("department") or q.entries("item", "program") or q.measure not in (None, *GENERAL_MEASURES) \
            or any(m not in GENERAL_MEASURES for m in q.measures):
        return None
    return _left_of(q.words_left)


def _left_of(words: str, *more: re.Pattern) -> str | None:
    """`words` without measure words, asking words and what `more` matches; None when nothing is left."""
    for start, end, _ in reversed(measure_spans(words)):
        words = words[:start] + " " + words[end:]
    for pattern in (*ASKING_WORDS, _ASKING, *more):
        words = pattern.sub(" ", words)
    return "".join(w for w in re.split(r"[\W\d]+", words) if len(w) >= _FEWEST) or None


_MONEY_NOUN = re.compile(r"费用|经费|资金|金额|费|钱")


def beyond_measure(q: Question) -> str | None:
    """The words left beside a specific measure's own (委托 of 公车委托管理花了多少, 公车 naming the 三公 vehicle
    figure), money nouns left out (公车的费用 leaves none); None when nothing is left."""
    if not q.words_left or not q.measure or q.measure in GENERAL_MEASURES:
        return None
    return _left_of(q.words_left, _MONEY_NOUN)


# 管公车的项目 / 公车的项目预算多少: a program asked by a specific measure's own words (项目支出 is a measure)
_PROGRAM_SAID = re.compile(r"的(?:项目|专项)(?!支出)")


def program_of_measure_words(q: Question) -> bool:
    """Whether the question asks for a program (…的项目) by nothing but a specific measure's own words."""
    return bool(q.words_left and q.measure and q.measure not in GENERAL_MEASURES and _PROGRAM_SAID.search(q.text))


def money_word(q: Question) -> bool:
    """花了多少钱 with a topic: a money word, and no measure but the general one it gives (花了 → expenditure_total)."""
    return bool(_MONEY_VERB.search(q.text)
                and (q.measure is None or q.measure in GENERAL_MEASURES and not _FIGURE_WORD.search(q.text)))


def asked(q: Question) -> bool:
    """Whether `q` asks for money on a topic: a department named, topic words left, and no measure but the
    general one a money word gives — or a figure word beside words that name nothing known (气象服务支出):
    either way the department's total is never the answer."""
    return bool(q.subject == "figure" and q.words_left and not q.entries("program")
                and (money_word(q) or unnamed(q))
                and not q.change and q.comparator is None and not q.share
                and q.operation != "plan_vs_actual")  # 决算比预算少花了多少: 花 is the difference's verb


def topic_lines(topic: str, lexicon: Lexicon) -> tuple[list[Entry], str]:
    """The classified items whose name holds every word of `topic` or of a word the graph relates to it, of the
    first kind that has any (economic, then functional), with the form that matched; ([], "") when none, or
    when more than MOST_LINES names match (a topic that broad names no line)."""
    forms = [(form, [w for w in lexicon.tokens(form) if w] or [form])
             for form in (normalise(f) for f in lexicon.expand(topic))]
    named = [(e, normalise(e.label)) for e in lexicon.of_kind("item")]
    for kind in _KINDS:
        for form, words in forms:
            found = [e for e, label in named if kind in e.uri and all(w in label for w in words)]
            # an 其他… line holds what no named line does: never the topic's line when a named one matches
            found = [e for e in found if not e.label.startswith("其他")] or found
            if 0 < len({e.label for e in found}) <= MOST_LINES:
                return found, form
        # an everyday short form of a line's name: its characters in the name's order, from its first
        # character to its last (物业费 → 物业管理费, 公车运行维护费 → 公务用车运行维护费)
        topic_name = normalise(topic)
        found = [e for e, label in named if kind in e.uri and shortens(topic_name, label)]
        if 0 < len({e.label for e in found}) <= MOST_LINES:
            return found, found[0].label
        # several lines said at once, sharing their last word (水电费: 水费 and 电费)
        labels = {label for e, label in named if kind in e.uri}
        if parts := joined(topic_name, labels):
            return [e for e, label in named if kind in e.uri and label in parts], "、".join(parts)
    return [], ""


def joined(topic: str, names: set[str]) -> list[str]:
    """The names `topic` says at once by their shared last word (水电费 → 水费, 电费; 差旅会议费 → 差旅费,
    会议费): its head cut into parts of one or two characters, each part with that word a name of `names`;
    [] when no cut makes two names or more (at most MOST_LINES)."""
    for tail in (topic[-1:], topic[-2:]):
        head = topic[:-len(tail)]
        cuts = _cuts(head, lambda part, tail=tail: part + tail in names)
        if cuts and 2 <= len(cuts[0]) <= MOST_LINES:
            return [part + tail for part in cuts[0]]
    return []


def _cuts(text: str, fits) -> list[list[str]]:
    """The cuts of `text` into parts of one or two characters that all `fits`, the fewest parts first."""
    if not text:
        return [[]]
    out = [[text[:n], *rest] for n in (2, 1) if len(text) >= n and fits(text[:n]) for rest in _cuts(text[n:], fits)]
    return sorted(out, key=len)


def shortens(short: str, name: str) -> bool:
    """`short` (three characters or more, shorter than `name`) is `name` with characters left out: it
    starts and ends as `name` does and holds the rest of its characters in `name`'s order."""
    if len(short) < 3 or len(short) >= len(name) or short[0] != name[0] or short[-1] != name[-1]:
        return False
    rest = iter(name[1:-1])
    return all(char in rest for char in short[1:-1])


def matched(topic: str, form: str, line: Entry) -> str:
    """Why a line answers a topic: its name holds the topic, or the word the graph relates to it."""
    kind = "经济分类" if "/economic/" in line.uri else "功能分类"
    if form == line.label and shortens(normalise(topic), normalise(form)):
        return f"{kind}科目“{line.label}”（“{topic}”是它的简称）"
    if "、" in form:
        return f"{kind}科目“{line.label}”（“{topic}”说的是{form}）"
    return f"{kind}科目“{line.label}”含“{form}”" + ("" if form == normalise(topic) else f"（与“{topic}”同义或相关）")


def answer(store, known: Knowledge, q: Question, items_of):
    """The answer to a question `asked` says is money on a topic, or None to go on (its measure cleared: the
    department's total is never the topic's money). `items_of(store, known, q)` answers the classified items
    of q's mentions (figures.items)."""
    from query_api.mentions import Mention

    if not money_word(q):  # 气象服务支出: the topic is the words that name nothing, not the figure word
        q.words_left = unnamed(q)
    q.measure, q.measures = None, []
    if q.entries("item"):  # an item named among the topic's words: its rows where the department prints it
        found = items_of(store, known, q)
        if found.answers:
            return found
        # no such line (给防汛排水安排了多少钱: 防汛 is a code's name): the topic, as any other
        q.mentions = [m for m in q.mentions if "item" not in m.kinds]
    lines, form = topic_lines(q.words_left or "", known.lexicon)
    if not lines:
        return None
    q.mentions = q.mentions + [Mention(q.words_left, 0, 0, lines)]
    found = items_of(store, known, q)
    if not found.answers:
        q.mentions = q.mentions[:-1]
        return None
    for a in found.answers:  # the line each answer is of: the longest name its label holds
        line = max(lines, key=lambda e: (e.label in (a.get("label") or ""), len(e.label)))
        a["matched"] = matched(q.words_left, form, line)
    return _together(found, form.split("、")) if "、" in form else found


def _together(found: Result, parts: list[str]) -> Result:
    """The lines a word says at once (水费, 电费 of 水电费), each, then their sum where each is one answer of
    one and the same document (rows.summed); a line the department does not print is said so, never summed as
    nothing."""
    of = {part: [a for a in found.answers if part in (a.get("label") or "")] for part in parts}
    missing = [part for part, answers in of.items() if not answers]
    if missing:
        return Result(found.answers, found.sparql, f"只找到{'、'.join(p for p in parts if p not in missing)}；"
                      f"没有单列的{'、'.join(missing)}，所以没有合计。", found.cube_query)
    answers = [a[0] for a in of.values() if len(a) == 1]
    if len(answers) != len(parts) or not (total := summed(answers, "、".join(parts) + "合计")):
        return found  # several years or documents: each line as found, not added across them
    return Result([*found.answers, total], found.sparql, total["text"] + "。", found.cube_query)


# The lines of an organisation whose description (what the narrative says their money is for) holds words.
# (a line printed without a code is named by its department, parent and row name: answering/codeless.py)
_DESCRIBED = """
SELECT DISTINCT ?org ?c ?label ?column ?parent ?d ?doc WHERE {{
  VALUES ?org {{ {orgs} }}
  ?o a gk:LineItemObservation ; {organization} ?org ; gk:description ?d ; rdfs:label ?label ; gk:column ?column ;
     {from} ?doc .
  FILTER {test}
  OPTIONAL {{ ?o {classification} ?c }} OPTIONAL {{ ?o gk:parentName ?parent }}
}}
"""


def _line_of(r) -> str | None:
    """The item IRI of a described line's observation: its code's, else its row's (codeless.row_iri)."""
    if r.c is not None:
        return str(r.c)
    name = codeless.row_name(str(r.label), str(r.column))
    return codeless.row_iri(str(r.org), str(r.parent) if r.parent is not None else "", name) if name else None
# Words of a topic that say its money is "for" it, not what it is for (用于标准化菜场, 菜场方面).
_FOR_WORDS = re.compile(r"^(?:主要)?用(?:于|在)|(?:方面|上面?|这块|这一块)$")


def described(store, known: Knowledge, q: Question, items_of) -> Result | None:
    """The lines of the organisations named whose document says their money is for the topic (every word of it
    in the line's description), answered as `items_of` answers lines, each saying which description matched;
    only the answers of a document whose own description of that line matched (a line is for 菜场 one year and
    for 电子商务 the next); None when no line is described so, or more than MOST_LINES are (too broad a topic to
    name one)."""
    from query_api import queries
    from query_api.mentions import Mention

    topic = _FOR_WORDS.sub("", normalise(q.words_left or ""))
    orgs = [e.uri for e in q.entries("department", "subordinate_unit")]
    words = [w for w in known.lexicon.tokens(topic) if len(w) >= _FEWEST] or ([topic] if len(topic) >= _FEWEST else [])
    if not orgs or not words:
        return None
    rows = store.query(queries.sparql(_DESCRIBED, orgs=queries.iris(orgs), test=queries.contains_all("?d", words)),
                       timeout=TIMEOUT)
    # each line's description by the document (its source_of label) that says it
    said: dict[str, dict[str, str]] = {}
    for r in rows:
        if (uri := _line_of(r)) and (doc := source_of(known, r.doc)):
            said.setdefault(uri, {})[doc] = str(r.d)
    lines = [e for uri in said if (e := known.lexicon.by_uri.get(uri)) is not None and e.kind == "item"]
    if not lines or len({e.label for e in lines}) > MOST_LINES:
        return None
    q.mentions = q.mentions + [Mention(topic, 0, 0, lines)]
    found = items_of(store, known, q)
    kept = []
    for a in found.answers:
        line = max(lines, key=lambda e: (e.label in (a.get("label") or ""), len(e.label)))
        # the answer's own document (a change's is the later of its two, named last)
        doc = document_of_source((a.get("source") or "").split("；")[-1])
        if doc not in said[line.uri]:
            continue
        kind = "经济分类" if "/economic/" in line.uri else "功能分类"
        a["matched"] = f"{kind}科目“{line.label}”：文件说它主要用于“{said[line.uri][doc]}”（含“{'”“'.join(words)}”）"
        kept.append((a, doc))
    if not kept:
        return None
    docs = {doc for _, doc in kept}
    lines_said = "；".join(f"{doc}{e.label}主要用于“{d}”" for e in lines for doc, d in said[e.uri].items() if doc in docs)
    return Result([a for a, _ in kept], found.sparql, f"文件没有单列“{topic}”的金额；{lines_said}，这是整个科目的金额。",
                  found.cube_query)
