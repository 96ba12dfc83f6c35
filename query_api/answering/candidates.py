"""Which things' texts may hold a topic's words, found without asking the store: the texts a topic is looked
for in (duties, units' responsibilities, programs' names and targets), each with the IRI it belongs to,
read per document graph version and kept with the other per-document caches (query_api.entries_cache),
indexed by character once per store state.

A question's query then names its candidates (`VALUES ?d { … }`) and keeps its CONTAINS test, so the
store reads only the few things that may match, not every text of every document: the candidates are a
superset of what the test accepts (the same words, whitespace dropped from both sides), and the test
itself still decides. A question no text can answer runs no query at all.
"""

from __future__ import annotations

import logging
import math
import re
import time
from collections import Counter, defaultdict

from graph_store.shared import description
from query_api import entries_cache, queries
from query_api.state_cache import StateCache
from query_api.topics import RESEMBLANCE, RESEMBLING_TOPIC, resemblance

FORMAT = "3"  # raised when TEXTS reads other texts: the files kept per document version are read anew

# The kinds of text, as the answering queries test them: a duty's text (org:purpose / gk:text), a unit's
# gk:responsibilities, a program's name, its performance target, its description (项目概述) and the names of its
# performance indicators (水费, 电费, 燃气费: what a program's money is for, said by its own facts).
TEXTS = """
SELECT DISTINCT ?s ?kind ?text WHERE {{
  {{ ?org {purpose} ?s . ?s {text} ?text BIND("duty" AS ?kind) }}
  UNION {{ ?s {responsibilities} ?text BIND("responsibilities" AS ?kind) }}
  UNION {{ ?s a {Program} ; {label} ?text BIND("program_name" AS ?kind) }}
  UNION {{ ?s a {Program} ; {target} ?text BIND("program_target" AS ?kind) }}
  UNION {{ ?s a {Program} ; gk:description ?text BIND("program_description" AS ?kind) }}
  UNION {{ ?i a {Indicator} ; {program} ?s ; {label} ?text BIND("program_indicator" AS ?kind) }}
}}
"""

_SPACE = re.compile(r"\s+")
MIN_SHARED = 2  # distinct characters a resembling text shares with a topic at the least


class TextIndex:
    """Distinct (kind, text) pairs with the IRIs that state them, and for each character the texts holding it."""

    def __init__(self, rows):
        self._subjects: dict[tuple[str, str], set[str]] = defaultdict(set)
        for s, kind, text in rows:
            self._subjects[(kind, _SPACE.sub("", text))].add(s)
        self._keys = list(self._subjects)
        self._by_char: dict[str, set[int]] = defaultdict(set)
        for i, (_, text) in enumerate(self._keys):
            for char in set(text):
                self._by_char[char].add(i)

    def holding(self, kinds: tuple[str, ...], forms: list[list[str]]) -> set[str]:
        """The IRIs with a text of one of `kinds` holding every word of one of `forms` (whitespace ignored,
        as `queries.contains_all` ignores it)."""
        found: set[str] = set()
        for words in forms:
            words = [w for w in (_SPACE.sub("", w) for w in words) if w]
            if not words:
                continue
            postings = sorted((self._by_char.get(c, set()) for c in set("".join(words))), key=len)
            ids = set(postings[0]).intersection(*postings[1:]) if postings else set()
            for i in ids:
                kind, text = self._keys[i]
                if kind in kinds and all(w in text for w in words):
                    found |= self._subjects[(kind, text)]
        return found

    def resembling(self, kinds: tuple[str, ...], topic: str) -> dict[str, list[str]]:
        """The IRIs with a text of one of `kinds` that resembles `topic` without holding it (query_api.topics.
        resemblance), each with the runs it shares with it. Only texts holding enough of the topic's characters
        are compared at all."""
        topic = _SPACE.sub("", topic)
        if len(topic) < RESEMBLING_TOPIC:
            return {}
        chars = set(topic)
        # a text sharing RESEMBLANCE of the topic's characters holds at least this many of its distinct ones
        need = max(MIN_SHARED, math.ceil(RESEMBLANCE * len(topic)) - (len(topic) - len(chars)))
        held = Counter(i for c in chars for i in self._by_char.get(c, ()))
        found: dict[str, list[str]] = {}
        for i, n in held.items():
            kind, text = self._keys[i]
            if n >= need and kind in kinds and (runs := resemblance(topic, text)):
                for s in self._subjects[(kind, text)]:
                    found.setdefault(s, runs)
        return found


def read_rows(view) -> list[list[str]]:
    """The texts (subject, kind, text) of one document's description."""
    return [[str(r.s), str(r.kind), str(r.text)] for r in view.query(queries.sparql(TEXTS), timeout=30)]


def document_rows(store, graph: str, version: str) -> list[list[str]]:
    """The texts (subject, kind, text) of one version of one document, read once per version (kept under it
    by query_api.entries_cache) from its description: the document with the shared statements it makes, alone."""
    return entries_cache.cached(f"texts{FORMAT}", store, graph, version,
                                lambda: read_rows(description(store, graph)))


_INDEXES: StateCache[TextIndex] = StateCache()
_log = logging.getLogger("govkg.candidates")


def index_for(store) -> TextIndex:
    """The TextIndex of `store` in its present state, made from each document's texts (read once per graph
    version, kept by `govkg ingest`) by the first server to start on that state (0.6–2 s of CPU at 1,000
    documents, and says so), which saves it whole under the graphs' versions: a server started again loads it
    (0.2 s)."""
    from query_api.ask import store_state

    def made() -> TextIndex:
        started = time.process_time()
        versions = store.document_versions()
        saved = entries_cache.merged_path(f"texts{FORMAT}", versions) if store.persistent else None
        index = entries_cache.load_merged(saved) if saved is not None else None
        if isinstance(index, TextIndex):
            return index
        each = entries_cache.cached_each(f"texts{FORMAT}", store, document_rows, versions)
        index = TextIndex([row for rows in each.values() for row in rows])
        if saved is not None:
            entries_cache.save_merged(saved, index)
        _log.info("candidates' text index made from %d documents' texts in %.2f s of CPU (saved for the next start)",
                  len(versions), time.process_time() - started)
        return index

    return _INDEXES.get(store_state(store), made)


# Candidates named in one query at most: more would pass the length a query may have (graph_store.query_limits,
# 100,000 characters; an IRI is ~70); a topic that many things hold is tested on every text, as before.
MAX_VALUES = 600


def values(var: str, iris: set[str]) -> str:
    """VALUES `var` { the IRIs }, in a fixed order (the query text is the same for the same candidates); nothing
    when there are more than MAX_VALUES (the query's own test then decides alone)."""
    return f"VALUES {var} {{ {queries.iris(sorted(iris))} }}" if len(iris) <= MAX_VALUES else ""


def by_meaning(index: TextIndex, topic: str | None, forms: list[list[str]]) -> dict[str, str]:
    """Programs a topic names other than by the words of their name or target, each with why: a name resembling
    the topic or a form of it (its shared runs, query_api.topics.resemblance) or a description holding the
    topic's words."""
    if not topic:
        return {}
    why: dict[str, str] = {}
    # the topic as typed, then as its synonyms say it (离休老干部看病补助 → …医疗补助 resembles 离休干部医疗补助)
    for phrase in dict.fromkeys([topic, *("".join(words) for words in forms)]):
        for iri, runs in index.resembling(("program_name",), phrase).items():
            why.setdefault(iri, resembles(phrase, runs))
    for words in forms:
        for iri in index.holding(("program_description",), [words]):
            why.setdefault(iri, f"项目概述含“{'”“'.join(words)}”")
    return why


SPREAD_KINDS = {"program_name": "名称", "program_target": "绩效目标", "program_indicator": "绩效指标"}


def spread(index: TextIndex, words: list[str]) -> dict[str, str]:
    """Programs whose name, target and indicators' names hold every one of `words` between them (经常性运转
    经费（水电气） with its indicator 燃气费 for 水电 + 燃气; for one word, a program whose indicator names it:
    电费), each with why: which text holds which word. Found by the index alone: its texts are the store's, kept per document version."""
    if not words:
        return {}
    held = {w: {kind: index.holding((kind,), [[w]]) for kind in SPREAD_KINDS} for w in words}
    found = set.intersection(*(set().union(*by_kind.values()) for by_kind in held.values()))
    return {iri: "，".join(f"{SPREAD_KINDS[next(k for k, iris in held[w].items() if iri in iris)]}含“{w}”"
                          for w in words) for iri in found}


def matched(label: str, target: str | None, forms: list[list[str]], phrases: list[str], topic: str | None) -> str | None:
    """Why a program answers a topic: the topic's words its name holds, else its name resembling the topic,
    else a phrase its target holds."""
    name = _SPACE.sub("", label)
    for words in forms:
        if all(w in name for w in words):
            # words that are not the topic's own came from a synonym or a phrase the graph relates to it
            other = topic and "".join(words) not in topic
            return f"名称含“{'”“'.join(words)}”" + (f"（与“{topic}”同义或相关）" if other else "")
    if runs := resemblance(topic or "", name):
        return resembles(topic, runs)
    target = _SPACE.sub("", target or "")
    return next((f"绩效目标含“{p}”" for p in phrases if p and p in target), None)


# A topic asked of the programs' names alone (名字里带“智慧”的项目): matches of their target or description are not.
_IN_NAME = re.compile(r"名[字称](?:里面?|中|上)?(?:带|含|有|包含|包括|出现)")


def by_name_if_asked(answers: list[dict], question: str) -> list[dict]:
    """`answers` whose name matched (`matched` says so), when `question` asks for the topic in the names."""
    if not _IN_NAME.search(question):
        return answers
    return [a for a in answers if (a.get("matched") or "").startswith("名称")]


def resembles(topic: str, runs: list[str]) -> str:
    return f"名称与“{topic}”相近（{'…'.join(runs)}）"


def resembled(answer: dict) -> bool:
    """Whether `answer` was found by its name resembling the topic (its `matched` is `resembles`' text)."""
    return (answer.get("matched") or "").startswith("名称与")
