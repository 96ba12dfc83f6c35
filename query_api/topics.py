"""Finding things by meaning: words the graph itself shows to be interchangeable, and phrases of its
texts (names of programs and organisations, targets, descriptions, duties) that a topic names in other
words. The names of classification codes are not among them: every document prints the same national
names (公用经费 beside 公务用车运行维护费), which says nothing of what a document's own short words mean.

Learned synonyms (`query_api.learned`): two names of one thing that differ in one run of characters name
it by either run (维修 / 维护, 运维 / 运行维护), and a program's name that runs together what its indicators
spell out (水电气 / 水电燃气). The hand list (`data/synonyms.txt`) stays the seed; what is learned is added to it.

Near phrases (`TopicIndex.near`): when a topic's words are in no name, duty or target text, the
phrases of those texts that abbreviate to it (公车 in 公务用车, 医保 in 医疗保障: each character the
start or end of a word of the phrase, in order), the topic with such a short word of it spelled out
(长护险补助 → 长期护理保险补助), or the clauses holding most of its character pairs, best first.
The texts are read per document and kept under the document graph's version (`entries_cache`), so a
store's index costs one read of files a server has seen; the index itself is made once per store state.
"""

from __future__ import annotations

import math
import re
import threading
from collections import Counter, defaultdict
from collections.abc import Iterable
from difflib import SequenceMatcher

from query_api.learned import Memo, learn_synonyms, name_of
from query_api.lexicon import Entry, normalise, simplified

_UNIT_WORD = re.compile(r"(?:处|科|股|室|局|所|站|队|中心)$")  # what ends a unit's name after its own words
INDEX_FORMAT = "4"  # raised when the index learns otherwise or is saved in another shape: the merged index saved per store state is made anew
MAX_RUNS = 200  # distinct runs of text tried as a word's long form
_CHINESE = re.compile(r"[\u4e00-\u9fff]+")


def _count(counter: Counter, key, sign: int) -> None:
    counter[key] += sign
    if counter[key] <= 0:
        del counter[key]


# ------------------------------------------------------------------------------------- resembling names

# A name resembles a topic when the runs of two or more characters they share, in order, hold this share of
# the topic's characters (原水管道工程 / …原水管建设工程: 原水管 + 工程, 5 of 6); one shared character is no
# evidence (安保 / 保安服务), nor is a topic of fewer characters than RESEMBLING_TOPIC.
RESEMBLANCE, MIN_RUN, RESEMBLING_TOPIC = 0.75, 2, 4


def shared_runs(topic: str, text: str) -> list[str]:
    """The runs of at least MIN_RUN characters `topic` shares with `text`, in the order both have them (the
    longest first, then on either side of it: difflib's matching blocks)."""
    blocks = SequenceMatcher(None, topic, text, autojunk=False).get_matching_blocks()
    return [topic[b.a:b.a + b.size] for b in blocks if b.size >= MIN_RUN]


def resemblance(topic: str, text: str) -> list[str]:
    """The runs that make `text` resemble `topic` (its why), or [] when they hold less than RESEMBLANCE of the
    topic's characters, the topic is shorter than RESEMBLING_TOPIC or `text` holds it whole (a match, not a
    resemblance). Years, numbers and brackets are no part of either."""
    topic, text = name_of(topic), name_of(text)
    if len(topic) < RESEMBLING_TOPIC or topic in text:
        return []
    runs = shared_runs(topic, text)
    return runs if sum(map(len, runs)) >= RESEMBLANCE * len(topic) else []


def reordered(word: str, words: Iterable[str]) -> list[str]:
    """`word` of two characters said the other way round where `words` (the names' words) say it so: 安保 /
    保安 (同素逆序), a weak sign tried only when nothing else names the topic."""
    word = normalise(word)
    other = word[::-1]
    return [other] if len(word) == 2 and _CHINESE.fullmatch(word) and other != word and other in words else []


# ---------------------------------------------------------------------------------------- near phrases

_CLAUSE = re.compile(r"[^，。；;、,.：:！？!?（）()\s“”\"]+")


class TopicIndex:
    """The texts a topic is looked for in (program names and targets, duties, responsibilities) and the
    names of the graph, with what they show: `related(word)` (learned synonyms and abbreviations) and
    `near(topic)` (clauses holding most of a topic's characters). `tokenize` cuts a phrase into words."""

    def __init__(self, documents: Iterable[Iterable[str]], entries: Iterable[Entry], tokenize):
        # each document's texts as one string: a word and a phrase said in one document name one thing there
        self._documents = ["\n".join(normalise(t) for t in texts) for texts in documents]
        self._clauses = Counter(c for text in self._documents for c in set(_CLAUSE.findall(text)) if len(c) >= 2)
        self._tokenize = tokenize
        self._texts: Counter | None = None  # of a store's index: each text → the documents saying it
        # the names holding each character: their short words (what a long phrase may be called) are cut
        # from them when a word starting with that character is first asked about
        self._names: dict[str, set[str]] = defaultdict(set)
        self._labels: set[str] = set()  # the names (normalised) of the entries now
        self._short: dict[str, set[str]] = {}
        self._memo: dict[str, list[str]] = {}
        self._lock = threading.Lock()
        self._learning = Memo()  # what was learned of each group of names, for the next change (learned.Memo)
        self._change_entries(list(entries))
        self._clauses_changed()

    @classmethod
    def of_store(cls, tokenize) -> TopicIndex:
        """An index of a store holding nothing yet, that `changed` keeps: the texts of all its documents are
        read as one (the texts live in the reference graph, which every document shares)."""
        index = cls([], [], tokenize)
        index._texts = Counter()
        return index

    def changed(self, added: Counter, removed: Counter, entries: Iterable[Entry],
                words: Iterable[str] | None = None) -> TopicIndex:
        """This index of a store (`of_store`) changed in place — so no one else may be reading it — by the
        texts of the documents added and removed (text → documents saying it) and the store's entries now
        (distinct, as a Lexicon's are): the texts, clauses and names that change are made again; the learned
        synonyms are learned again of the groups of names that changed (query_api.learned.Memo; `words`: the
        tokenizer's own words, the lexicon's user words — without them, of every group)."""
        gone, came = [], []
        for sign, texts, moved in ((1, added, came), (-1, removed, gone)):
            for text, n in texts.items():
                text = normalise(text)
                before = self._texts[text]
                _count(self._texts, text, sign * n)
                if (before > 0) != (self._texts[text] > 0):
                    moved.append(text)
        for sign, texts in ((1, came), (-1, gone)):
            for text in texts:
                for clause in set(_CLAUSE.findall(text)):
                    if len(clause) >= 2:
                        _count(self._clauses, clause, sign)
        self._documents = ["\n".join(self._texts)]
        self._change_entries(list(entries), words)
        self._clauses_changed()
        self._short, self._memo = {}, {}
        return self

    def _change_entries(self, entries: list[Entry], words: Iterable[str] | None = None) -> None:
        self.learned = learn_synonyms(entries, self._tokenize, self._learning, words)
        labels = {normalise(e.label) for e in entries
                  if e.kind in ("program", "item", "department", "internal_unit", "subordinate_unit")}
        for label in labels - self._labels:
            for char in set(label):
                self._names[char].add(label)
        for label in self._labels - labels:
            for char in set(label):
                self._names[char].discard(label)
        self._labels = labels

    def _clauses_changed(self) -> None:
        self.clauses = sorted(self._clauses)
        from query_api.char_postings import CharPostings  # numpy's: imported when an index is made

        self._postings = CharPostings(self.clauses)  # the clauses holding each character

    def __getstate__(self) -> dict:
        # saved without the tokenizer (the lexicon's, given back on loading) and what is learnt per word asked
        return {**self.__dict__, "_tokenize": None, "_lock": None, "_short": {}, "_memo": {}}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._lock = threading.Lock()

    def tokenize_with(self, tokenize) -> None:
        self._tokenize = tokenize

    def related(self, word: str, abbreviations: bool = True) -> list[str]:
        """Words that name what `word` names, by what the graph shows: a learned synonym, or (with
        `abbreviations`) a phrase that `word` abbreviates (医保 → 医疗保障) where every document saying
        `word` says the phrase too (a document's own short form of it; 公用 is no 公务用车 where one says
        公用 without it)."""
        word = normalise(word)
        if not abbreviations:
            return list(dict.fromkeys(y if x == word else x for x, y in self.learned if word in (x, y)))
        with self._lock:
            if word in self._memo:
                return self._memo[word]
        out = [y if x == word else x for x, y in self.learned if word in (x, y)]
        if _CHINESE.fullmatch(word or "") and len(word) <= 3:
            out += [p for p in self.abbreviated(word) if self._implies(word, p)]
        out = list(dict.fromkeys(w for w in out if w != word))
        with self._lock:
            self._memo[word] = out
        return out

    def short_words(self, first: str) -> set[str]:
        """The words of two or three characters starting with `first` in the names (水保处: 水保 too)."""
        if first not in self._short:
            words = set()
            for label in self._names.get(first, ()):
                for word in [*self._tokenize(label), _UNIT_WORD.sub("", label)]:
                    if 2 <= len(word) <= 3 and word[0] == first and _CHINESE.fullmatch(word):
                        words.add(word)
            self._short[first] = words
        return self._short[first]

    def _implies(self, short: str, long: str) -> bool:
        """Every document saying `short` says `long` too (and one does)."""
        saying = [text for text in self._documents if short in text]
        return bool(saying) and all(long in text for text in saying)

    def shortened(self, long: str) -> list[str]:
        """The short words of the names that abbreviate `long` (医疗保障 → 医保, 水土保持 → 水保), where every
        document saying one says `long` too."""
        long = normalise(long)
        if not _CHINESE.fullmatch(long or ""):
            return []
        return [w for w in sorted(self.short_words(long[0]))
                if w != long and abbreviates(w, long, self._tokenize) and self._implies(w, long)]

    def abbreviated(self, short: str, most: int = 6) -> list[str]:
        """Phrases of the texts that `short` abbreviates, the most frequent first (the phrase may run on
        to the end of the word its last character begins: 医保 → 医疗保障)."""
        if len(short) < 2 or "\n" in short:  # a phrase abbreviates to two characters or more, of one clause
            return []
        gap = r"[^\n]{0,3}?"
        pattern = re.compile(re.escape(short[0]) + "".join(gap + re.escape(c) for c in short[1:]) + r"[^\n]{0,3}")
        core = re.compile(gap.join(re.escape(c) for c in short))
        # a run lies inside one clause and holds every character of `short`: only the clauses holding them all
        # are read, in their order, so the runs (and the order of equally frequent ones) are those of a scan
        # of every clause, at a cost that follows the clauses holding the characters
        clauses = "\n".join(self.clauses[i] for i in self._postings.holding_all(short).tolist())
        # `short`'s characters each begin or end a word of two characters or more (`abbreviates`): a shorter
        # phrase is none of its long forms, and needs no cutting into words
        shortest = 2 * len(short)
        counts: Counter = Counter()
        # each distinct run once (a common word matches thousands of times), the most frequent first
        for run, n in Counter(m.group() for m in pattern.finditer(clauses)).most_common(MAX_RUNS):
            for cut in range(max(core.match(run).end(), shortest), len(run) + 1):
                if abbreviates(short, run[:cut], self._tokenize):
                    counts[run[:cut]] += n
                    break
        return [p for p, _ in sorted(counts.items(), key=lambda pc: (-pc[1], len(pc[0]), pc[0]))][:most]

    def said(self, word: str) -> bool:
        """Whether any text of the index holds `word` (only the clauses holding its characters are read)."""
        return any(word in self.clauses[i] for i in self._postings.holding_all(word).tolist())

    def spelled_out(self, topic: str, most: int = 2) -> list[str]:
        """`topic` with each of its words that no text says but that abbreviates a phrase of the texts
        said in full (长护险补助 → 长期护理保险补助: 长护险 is in no text, 长期护理保险 is), the most frequent
        phrases first; [] when no word of it is such a short form."""
        forms = [topic]
        for word in dict.fromkeys(self._tokenize(topic)):
            if word != topic and 2 <= len(word) <= 3 and _CHINESE.fullmatch(word) and not self.said(word):
                long = self.abbreviated(word, most)
                forms = [form.replace(word, phrase) for form in forms for phrase in long] or forms
        return [form for form in forms if form != topic]

    def near(self, topic: str, most: int = 6) -> list[str]:
        """The clauses holding at least two thirds of the character pairs of `topic` (of three pairs or
        more), most first: what a topic of several words names when no text holds its words."""
        topic = normalise(topic)
        pairs = {topic[i:i + 2] for i in range(len(topic) - 1)} if _CHINESE.fullmatch(topic or "") else set()
        if len(pairs) < 3:
            return []
        least = next(m for m in range(len(pairs) + 1) if m / len(pairs) >= 2 / 3)
        # a clause holding a pair holds both its characters: only those holding the characters of `least` pairs
        # or more are read (not every clause: ~30 ms at 1,000 documents)
        held = [self._postings.holding_all(p) for p in pairs]
        import numpy as np  # imported where the index is asked (not by the rows' modules `govkg ingest` forks with)

        candidates, times = np.unique(np.concatenate(held), return_counts=True)
        scored = []
        for clause in (self.clauses[i] for i in candidates[times >= least].tolist()):
            share = sum(1 for p in pairs if p in clause) / len(pairs)
            if share >= 2 / 3:
                scored.append((-share, len(clause), clause))
        return [c for _, _, c in sorted(scored)[:most]]


def abbreviates(short: str, phrase: str, tokenize) -> bool:
    """`short` is how `phrase` is abbreviated: `phrase` cut into as many words as `short` has characters
    (at least two), each character of `short` the first or last of its own word, in order (公车: 公务|用车,
    医保: 医疗|保障, 军休: 军队|离休); never a word of the phrase itself."""
    words = [w for w in tokenize(phrase) if w]
    if len(words) != len(short) or len(short) < 2 or short in words:
        return False
    return all(char in (word[0], word[-1]) and len(word) >= 2 for char, word in zip(short, words, strict=True))


# What a question asks someone to be responsible for: the words after 负责/承担/主管 (哪个科室负责X).
_RESPONSIBLE_FOR = re.compile(r"(?:负责|承担|主管|分管|牵头)(?:的是|着)?(.{2,})$")
_ASKING = re.compile(r"(?:工作)?(?:的是|是)?(?:哪个|哪些|哪家|什么|谁)?(?:科室|股室|处室|部门|单位|科|股|处|室)?(?:呢|啊|吗)?\W*$")


def responsible_for(text: str) -> str | None:
    """The work a question asks who is responsible for (某局哪个科室负责对热线承办商进行考核 → 对热线承办商
    进行考核), or None."""
    m = _RESPONSIBLE_FOR.search(normalise(simplified(text)))
    work = _ASKING.sub("", m.group(1)) if m else ""
    return work or None


def best_by_words(answers: list[dict], work: str, lexicon) -> list[dict]:
    """The answers whose name and text say the most of `work`, each word (or a word the graph relates to it)
    weighed by how few of the answers' texts hold it (a word every section's duties say tells none
    apart); all of them when none says any."""
    words = [w for w in dict.fromkeys(lexicon.tokens(work)) if len(w) >= 2 and not w.isdigit()]
    texts = [normalise(f"{a.get('label') or ''} {a.get('text') or ''}") for a in answers]  # 水保处 says 水土保持
    if not words or not texts:
        return answers
    meaning = lexicon.meaning
    forms = {w: lexicon.expand(w) + (meaning.shortened(w) if meaning is not None else []) for w in words}
    # a word no text holds is read by its parts, numbers left out (12345热线: 热线, as the duties say it)
    for word in [w for w in words if not any(f in text for f in forms[w] for text in texts)]:
        parts = [p for p in fine_words(re.sub(r"\d+", " ", word).strip(), lexicon.tokenizer) if len(p) >= 2]
        if parts and parts != [word]:
            words.remove(word)
            for part in (p for p in parts if p not in words):
                forms.setdefault(part, [part])
                words.append(part)
    held = [{w for w in words if any(f in text for f in forms[w])} for text in texts]
    weight = {w: math.log(1 + len(texts) / (1 + sum(w in h for h in held))) for w in words}
    scores = [sum(weight[w] for w in h) for h in held]
    best = max(scores)
    return [a for a, score in zip(answers, scores, strict=True) if score == best] if best > 0 else answers


def fine_words(text: str, tokenizer) -> list[str]:
    """`text` cut into its smallest dictionary words: jieba's words, each longer one split into the shorter
    words jieba's search mode finds in it (公务用车 → 公务, 用车) that cover most of it, the more common words
    where two cuts cover as much (市行政中心保安服务 → 市, 行政, 中心, 保安, 服务, not 市行 first); the
    characters no such word covers kept as words of their own."""
    out = []
    for word in tokenizer.cut(text):
        parts = {t for t in tokenizer.cut_for_search(word) if 1 < len(t) < len(word)}
        out += _cover(word, parts, getattr(tokenizer, "FREQ", {})) if parts else [word]
    return [w for w in out if w]


def _cover(word: str, parts: set[str], freq: dict) -> list[str]:
    """`word` cut into `parts` covering the most characters, then of the highest summed log frequency."""
    best: list[tuple] = [(0, 0.0, [])] + [None] * len(word)  # (covered, score, cut) of each prefix
    for at in range(len(word)):
        covered, score, cut = best[at]
        steps = [(at + 1, 0, 0.0, word[at])] + [(at + len(p), len(p), math.log(1 + freq.get(p, 0)), p)
                                                 for p in parts if word.startswith(p, at)]
        for end, gain, bonus, piece in steps:
            # a character no part covers joins the one before it if that was uncovered too
            joined = cut[:-1] + [cut[-1] + piece] if not gain and cut and cut[-1] not in parts else cut + [piece]
            candidate = (covered + gain, score + bonus, joined)
            if best[end] is None or candidate[:2] > best[end][:2]:
                best[end] = candidate
    return best[-1][2]


class Meaning:
    """What the question layer asks of a store's topics (`Lexicon.meaning`): the index is made on first use,
    from a store held weakly (a lexicon is cached beyond one store object's life)."""

    def __init__(self, store, lexicon):
        import weakref

        self._store, self._lexicon = weakref.ref(store), weakref.ref(lexicon)

    def _index(self) -> TopicIndex | None:
        from query_api.topic_store import index_for

        store, lexicon = self._store(), self._lexicon()
        return index_for(store, lexicon) if store is not None and lexicon is not None else None

    def related(self, word: str, abbreviations: bool = True) -> list[str]:
        index = self._index()
        return index.related(word, abbreviations) if index else []

    def learned(self) -> list[tuple[str, ...]]:
        """The synonyms learned from the graph (query_api.learned), each pair once."""
        index = self._index()
        return index.learned if index else []

    def shortened(self, long: str) -> list[str]:
        index = self._index()
        return index.shortened(long) if index else []

    def near(self, topic: str) -> list[str]:
        """Phrases of the texts a topic names in other words, for a topic no text holds: what it abbreviates
        (公车 → 公务用车) and the short words of the names abbreviating it (医疗保障 → 医保), else the topic
        with a short word of it spelled out (长护险补助 → 长期护理保险补助), else the clauses holding most of
        its characters."""
        index = self._index()
        if index is None or not _CHINESE.fullmatch(normalise(topic) or ""):
            return []
        topic = normalise(topic)
        return (index.abbreviated(topic) if len(topic) <= 4 else []) + index.shortened(topic) \
            + (reordered(topic, index.short_words(topic[-1])) if len(topic) == 2 else []) \
            or index.spelled_out(topic) or index.near(topic)
