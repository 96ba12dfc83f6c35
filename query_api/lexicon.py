"""The words the service understands, taken from the graph itself: every labelled entity's label and
aliases (short forms without the leading place names, skos:altLabel), the jieba user dictionary built
from them, and the domain synonym list in `data/synonyms.txt`.

A `Lexicon` is built once per store state (`lexicon_for`) and shared by question understanding and
keyword search. Nothing here names a particular department, program or document.
"""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import jieba

from query_api.state_cache import StateCache

jieba.setLogLevel(logging.WARNING)  # its dictionary-loading chatter is not the user's concern

DATA_DIR = Path(__file__).parent / "data"

# Entity kinds, as the question layer names them.
KINDS = ("department", "internal_unit", "subordinate_unit", "program", "indicator", "item", "duty")
ORG_KINDS = ("department", "internal_unit", "subordinate_unit")

# A leading administrative place (广东省, 清远市, 白云区, …): 1–4 characters and a level word. "X城市" is
# not a place (智慧城市运行中心), so a prefix ending in 城市 is never dropped.
_PLACE = re.compile(r"^([\u4e00-\u9fff]{1,4}?(?:自治区|自治州|特别行政区|省|市|区|县|旗|盟))")
# The office ending a unit's name after the place or service it runs (烈士陵园管理所, 水库管理处).
_RUNS_A_PLACE = re.compile(r"(?:管理所|管理处|管理站|服务所|服务站)$")
_BRACKETED = re.compile(r"[（(][^（）()]*[）)]")
_DASH_TAIL = re.compile(r"[-—－─]{2,}.*$")
_YEAR_HEAD = re.compile(r"^(?:19|20)\d\d(?:年度?)?(?=[\u4e00-\u9fff])")  # 2026年驻京经费, 2026驻京经费
_YEAR_TAIL = re.compile(r"[-—－]?[（(]?(?:19|20)\d\d年度?[）)]?$")
_WORDLIKE = re.compile(r"\w")  # a search token holds a letter, digit or Han character
_FOLD = re.compile(r"[\s“”‘’\"'「」『』]+")


_T2S = None


def simplified(text: str) -> str:
    """Traditional Chinese folded to Simplified (OpenCC t2s): 重慶市水利局「三公」經費 → 重庆市水利局「三公」经费."""
    global _T2S
    if _T2S is None:
        import opencc  # a compiled converter, loaded once (~10 ms)

        _T2S = opencc.OpenCC("t2s")
    return _T2S.convert(text) if text else text


def normalise(text: str) -> str:
    """NFKC, no whitespace or quotation marks: the form labels and questions are compared in."""
    return _FOLD.sub("", unicodedata.normalize("NFKC", text or ""))


def without_year(name: str, year: int | str | None = None) -> str:
    """A program's name, normalised, without a year printed before it (2026年, 2026年度, 2026; only `year` when
    given): documents print one program's name with and without it."""
    year_pattern = re.escape(str(year)) if year not in (None, "None") else r"20\d\d"
    return re.sub(rf"^{year_pattern}(?:年度|年)?", "", normalise(name))


_BASE: list[tuple[dict[str, int], int]] = []  # jieba's own prefix dictionary, loaded once per process
_BASE_LOCK = threading.Lock()


def base_dictionary() -> tuple[dict[str, int], int]:
    """jieba's default prefix dictionary (word → frequency) and its total, as `Tokenizer.initialize` loads it
    (~0.6 s, from jieba's cache file), loaded once per process: each Lexicon's tokenizer starts from a copy
    (20 ms), and `govkg ingest` loads it beside the parsing instead of after the writes."""
    with _BASE_LOCK:
        if not _BASE:
            tokenizer = jieba.Tokenizer()
            tokenizer.initialize()
            _BASE.append((tokenizer.FREQ, tokenizer.total))
        return _BASE[0]


_FROM_FILE: list[bool] = []  # set by `base_from_file`


def base_from_file(on: bool = True) -> None:
    """In this process (`on`; until called with False) a Lexicon's tokenizer reads jieba's base dictionary from
    the cache's file, word by word (knowledge_cache.SavedFreq.over), while `base_dictionary` has not been loaded:
    for a command that makes one lexicon and saves it (`govkg ingest`), not a server, whose lexicons each copy
    the loaded one (20 ms)."""
    _FROM_FILE[:] = [True] if on else []


def _base_words() -> tuple[dict[str, int], int]:
    """A prefix dictionary for a new tokenizer to add its words to, and its total: jieba's own, copied, or
    read from its file (`base_from_file`)."""
    if _FROM_FILE and not _BASE:
        from query_api import knowledge_cache

        path = knowledge_cache.jieba_base_file()
        words = knowledge_cache.SavedFreq.over(path) if path is not None else None
        if words is not None:
            return words, words.total
    freq, total = base_dictionary()
    return dict(freq), total


def _tokenizer_from(freq: dict[str, int], total: int) -> jieba.Tokenizer:
    """A jieba tokenizer using `freq` (kept, not copied) as its prefix dictionary, without loading jieba's."""
    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ, tokenizer.total, tokenizer.initialized = freq, total, True
    return tokenizer


@dataclass(frozen=True)
class Entry:
    """One labelled thing of the graph. `year`/`document` where it belongs to one document."""

    uri: str
    kind: str
    label: str
    alt_labels: tuple[str, ...] = ()
    year: int | None = None
    document: str | None = None
    parent: str | None = None  # the organisation it belongs to (unit → department, program → unit)


def is_place_name(word: str) -> bool:
    """Whether `word` is a place with its level word (泉州市, 白云区), not one said without it (泉州)."""
    return _PLACE.fullmatch(word) is not None


def place_prefixes(name: str) -> list[str]:
    """The leading place names of an organisation's name, outermost first: 广州市白云区X → [广州市, 白云区]."""
    out, rest = [], name
    while True:
        match = _PLACE.match(rest)
        if not match or match.group(1).endswith("城市") or len(rest) - len(match.group(1)) < 2:
            return out
        out.append(match.group(1))
        rest = rest[len(match.group(1)):]


# The office word after the area it governs, said without it: X街道办事处 is X街道, X镇人民政府 X镇.
_OFFICE_OF_AREA = re.compile(r"(街道|镇|乡|苏木)(?:办事处|人民政府)$")


# The office administering a place, said by the place alone (X基地综合协调办公室, X园区管理委员会).
_OFFICE_OF_PLACE = re.compile(r"(?:(?<=基地)|(?<=[园景新]区)|(?<=新城)|(?<=[园港岛湖山湾城馆场库]))"
                             r"(?:综合|协调|管理|建设|发展)+(?:办公室|委员会)$")


def org_aliases(name: str) -> list[str]:
    """Short forms of an organisation's name: each leading place dropped in turn (at least 4 characters
    left), and each of those without the office word after the area it governs (街道办事处 → 街道) or the
    office administering the place it names (职业教育基地综合协调办公室 → 职业教育基地)."""
    out, rest = [], name
    for prefix in place_prefixes(name):
        rest = rest[len(prefix):]
        if len(rest) >= 4:
            out.append(rest)
    for form in [name, *out]:
        short = _OFFICE_OF_AREA.sub(r"\1", form)
        if short != form and len(short) >= 3:
            out += [s for s in (short, short + "办" if short.endswith("街道") else "") if s and s not in out]
    for form in [name, *out]:  # 长沙职业教育基地综合协调办公室 is said 长沙职业教育基地
        head = _OFFICE_OF_PLACE.sub("", form)
        if head != form and len(head) - len("".join(place_prefixes(head))) >= 4 and head not in out:
            out.append(head)
    return out


_ORG_END = re.compile(r"(?:中心|局|院|站|所|处|室|委员会|办公室|队)$")


def other_names(name: str) -> list[str]:
    """An organisation's name without the other names it gives in brackets, and those names
    (重庆市水文监测总站（市水质监测中心） → 重庆市水文监测总站, 市水质监测中心; each may be split further)."""
    inner = [m.group(1) for m in re.finditer(r"[（(]([^（）()]*)[）)]", name)]
    bare = _BRACKETED.sub("", name)
    if not inner or bare == name or not _ORG_END.search(bare):
        return []
    others = [n for part in inner for n in re.split(r"[、，,]", part) if _ORG_END.search(n) and len(n) >= 4]
    # 市水质监测中心: a bare level word for the unit's own place
    return [bare] + others + [n[1:] for n in others if n[0] in "省市区县" and len(n) >= 5]


def program_aliases(name: str) -> list[str]:
    """Short forms of a program's name: without bracketed notes, a dashed suffix, leading place names or a
    trailing 项目."""
    forms = {name}
    for form in list(forms):
        forms.add(_BRACKETED.sub("", form))
        forms.add(_DASH_TAIL.sub("", form))
    for form in list(forms):  # the year a program is budgeted for, said before or after it (2026年驻京经费)
        forms.add(_YEAR_TAIL.sub("", _YEAR_HEAD.sub("", form)))
    for form in list(forms):
        places = place_prefixes(form)
        if places and len(form) - len("".join(places)) >= 6:  # 清远市12345…项目 is asked as 12345…项目
            forms.add(form[len("".join(places)):])
    for form in list(forms):
        if form.endswith("项目") and len(form) > 6:
            forms.add(form[:-2])
    forms.discard(name)
    return sorted(f for f in forms if len(f) >= 4)


def item_aliases(name: str) -> list[str]:
    """Short forms of a classification item: without a trailing 支出 (科学技术方面的支出 names 科学技术支出)."""
    short = re.sub(r"(?:方面的?)?支出$", "", name)
    return [short] if short != name and len(short) >= 4 and not short.startswith("其他") else []


def load_synonyms(path: Path = DATA_DIR / "synonyms.txt") -> list[tuple[str, ...]]:
    """Groups of interchangeable words (one group a line, words separated by spaces, # comments)."""
    groups = []
    for line in path.read_text(encoding="utf-8").splitlines():
        words = tuple(normalise(w) for w in line.split("#", 1)[0].split())
        if len(words) > 1:
            groups.append(words)
    return groups


# Column headers and measure names of the budget tables: a program or indicator labelled so is a header
# cell a parser read as a name, and must not take the word from the measure it names.
_HEADER_WORD = re.compile(r"(?:(?:19|20)\d\d年度?)?(?:预算|决算)?总?(?:一般公共预算|政府性基金预算?|国有资本经营预算|财政拨款|财政专户管理资金|事业收入|其他收入|"
                          r"基本支出|项目支出|人员经费|公用经费|本年收入|本年支出|合计|总计|小计|预算数|决算数|执行数|"
                          r"上年结转|年初结转|年末结转|收入|支出)(?:合计|总计|小计|预算|决算)?")


def is_header_word(label: str) -> bool:
    return bool(_HEADER_WORD.fullmatch(normalise(label)))


@dataclass
class Lexicon:
    """Surface forms → entries, the synonym groups, and a jieba tokenizer that keeps labels whole."""

    entries: list[Entry]
    synonyms: list[tuple[str, ...]] = field(default_factory=load_synonyms)
    surfaces: dict[str, list[Entry]] = field(default_factory=dict)
    places: dict[str, list[Entry]] = field(default_factory=dict)  # 白云区 → departments in that place
    by_uri: dict[str, Entry] = field(default_factory=dict)
    # words the store's own texts show to name the same thing (query_api.topics.Meaning), set with the store
    meaning: object | None = None

    def __post_init__(self) -> None:
        for entry in self.entries:
            self.by_uri.setdefault(entry.uri, entry)
        for entry in self.entries:
            if entry.kind == "duty" or (entry.kind in ("program", "indicator") and is_header_word(entry.label)):
                continue  # duties are matched by their words; a "program" named 项目支出 is a misread header
            for surface in self._surface_forms(entry) | self._within_parent(entry):
                bucket = self.surfaces.setdefault(surface, [])
                if entry not in bucket:
                    bucket.append(entry)
            if entry.kind == "department":
                for place in place_prefixes(entry.label)[-1:]:
                    # 泉州 as said for 泉州市 (never a one-character 州 of 州市)
                    for said in (place, place[:-1]) if len(place) > 2 else (place,):
                        bucket = self.places.setdefault(said, [])
                        if entry not in bucket:
                            bucket.append(entry)
        for surface, bucket in self.surfaces.items():
            # a "program" named as an organisation is (退役军人事务局) is a table's unit row a parser misread
            if any(e.kind in ORG_KINDS for e in bucket) and any(e.kind == "program" for e in bucket):
                self.surfaces[surface] = [e for e in bucket if e.kind != "program"]
        self._tokenizer: jieba.Tokenizer | None = None
        self._lock = threading.Lock()

    def _within_parent(self, entry: Entry) -> set[str]:
        """A unit named after its department (上海市普陀区财政局财政所) is also called by the rest (财政所);
        a subordinate unit that runs a place (湖州市烈士陵园管理所) by the place (烈士陵园), when its
        department's name does not hold those words (退役军人 of 退役军人服务中心 names the department)."""
        parent = self.by_uri.get(entry.parent or "")
        if entry.kind not in ("internal_unit", "subordinate_unit") or parent is None:
            return set()
        out = set()
        rest = normalise(entry.label)[len(normalise(parent.label)):]
        if normalise(entry.label).startswith(normalise(parent.label)) and len(rest) >= 3:
            out.add(rest)
        if entry.kind == "subordinate_unit":
            places = place_prefixes(entry.label)
            core = entry.label[sum(len(p) for p in places):]
            head = _RUNS_A_PLACE.sub("", core)
            if len(head) >= 4 and head not in normalise(parent.label) and head != core:
                out.add(normalise(head))
        return out

    @staticmethod
    def _surface_forms(entry: Entry) -> set[str]:
        forms = {entry.label, *entry.alt_labels}
        if entry.kind in ORG_KINDS:
            for name in list(forms):
                forms.update(other_names(name))
            for name in list(forms):
                forms.update(org_aliases(name))
        elif entry.kind == "program":
            forms.update(program_aliases(entry.label))
        elif entry.kind == "item":
            forms.update(item_aliases(entry.label))
        return {normalise(f) for f in forms if f and len(normalise(f)) >= 2}

    def __getstate__(self) -> dict:
        # saved without what is made from it and kept elsewhere (the tokenizer and ruler: knowledge_cache;
        # the meaning: the store's)
        state = {k: v for k, v in self.__dict__.items()
                 if k not in ("_tokenizer", "_lock", "_matcher", "_patterns", "_indicator_index",  # that one: nlu._indicators
                              "_of_kinds", "_by_parent", "_surfaces_index", "_org_index")}  # indexes made again when asked
        return {**state, "meaning": None}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._tokenizer, self._lock = None, threading.Lock()

    @cached_property
    def long_surfaces(self) -> dict[str, list[tuple[int, str]]]:
        """The surface forms of 4 or more characters under their first two, each with its rank (longest
        first): a question looks up its own positions, so its cost does not grow with the store's names."""
        index: dict[str, list[tuple[int, str]]] = {}
        ranked = [s for s in sorted(self.surfaces, key=len, reverse=True) if len(s) >= 4]
        for rank, surface in enumerate(ranked):
            index.setdefault(surface[:2], []).append((rank, surface))
        return index

    @property
    def tokenizer(self) -> jieba.Tokenizer:
        """A jieba tokenizer of its own (the global one is left alone) with every surface form as a word."""
        if self._tokenizer is None:
            with self._lock:
                if self._tokenizer is None:
                    tokenizer = _tokenizer_from(*_base_words())
                    for word in self.user_words():
                        tokenizer.add_word(word, freq=max(1000, 200 * len(word)))
                    self._tokenizer = tokenizer
        return self._tokenizer

    def restore_tokenizer(self, freq: dict[str, int], total: int) -> None:
        """Use a saved prefix dictionary (jieba's with our words added) instead of building one."""
        self._tokenizer = _tokenizer_from(freq, total)

    def user_words(self) -> list[str]:
        """The jieba user dictionary: surface forms without spaces, synonym words, domain terms."""
        words = {s for s in self.surfaces if not re.search(r"\s", s)}
        words.update(w for group in self.synonyms for w in group)
        words.update(self.places)
        return sorted(words)

    def tokens(self, text: str) -> list[str]:
        """jieba tokens of `text` (normalised), punctuation and spaces dropped."""
        return [t for t in self.tokenizer.cut(normalise(text)) if _WORDLIKE.search(t)]

    def search_tokens(self, text: str, blocks: dict[str, list[str]] | None = None) -> list[str]:
        """Tokens for indexing: the words and their shorter parts (jieba's search mode). `blocks`: a memo of the
        tokens of each block (jieba cuts a run of Han characters, or of the others, alone): texts that differ
        share their clauses, and cutting is most of what indexing a store's entries costs."""
        if blocks is None:
            return [t for t in self.tokenizer.cut_for_search(normalise(text)) if _WORDLIKE.search(t)]
        out: list[str] = []
        for block in jieba.re_han_default.split(normalise(text)):
            found = blocks.get(block)
            if found is None:
                found = blocks[block] = [t for t in self.tokenizer.cut_for_search(block) if _WORDLIKE.search(t)]
            out += found
        return out

    def expand(self, word: str, abbreviations: bool = True) -> list[str]:
        """`word` and its synonyms: the words of a group holding it, and `word` with a group's word inside
        it replaced by the others (进博会服务保障 → 进口博览会服务保障), and the words the store's texts
        show to name the same (`meaning`; without `abbreviations`, only its learned synonyms, not the
        phrases the word abbreviates, which are looked for in every document's texts)."""
        word = normalise(word)
        out = [word]
        for group in self.synonyms:
            if word in group:
                out.extend(w for w in group if w not in out)
                continue
            _inner_forms(word, group, out)
        if self.meaning is not None:
            out.extend(w for w in self.meaning.related(word, abbreviations) if w not in out)
            for pair in self.meaning.learned():  # a learned word inside it: 交水电燃气费 → 交水电气费
                _inner_forms(word, pair, out)
        return out

    def lookup(self, surface: str, kinds: Iterable[str] = KINDS) -> list[Entry]:
        kinds = tuple(kinds)
        return [e for e in self.surfaces.get(normalise(surface), []) if e.kind in kinds]

    def of_kind(self, *kinds: str, parents: Iterable[str] | None = None) -> list[Entry]:
        """The entries of these kinds (of these parents, when given), in the lexicon's order: looked up in an
        index made once, so a question's cost does not grow with the store's names (150,000 entries at
        1,000 documents: 5 ms a scan)."""
        if parents is None:
            found = self._of_kinds.get(kinds)
            if found is None:
                found = self._of_kinds[kinds] = [e for e in self.entries if e.kind in kinds]
            return found
        found = [(at, e) for parent in dict.fromkeys(parents) for at, e in self._by_parent.get(parent, ())
                 if e.kind in kinds]
        return [e for _, e in sorted(found, key=lambda pair: pair[0])]

    @cached_property
    def _of_kinds(self) -> dict[tuple[str, ...], list[Entry]]:
        return {}

    @cached_property
    def _by_parent(self) -> dict[str, list[tuple[int, Entry]]]:
        index: dict[str, list[tuple[int, Entry]]] = {}
        for at, entry in enumerate(self.entries):
            if entry.parent:
                index.setdefault(entry.parent, []).append((at, entry))
        return index


def _inner_forms(word: str, group: tuple[str, ...], out: list[str]) -> None:
    """Adds to `out` (not already there) `word` with each word of `group` inside it replaced by the others."""
    for inner in group:
        if inner in word and inner != word:
            for other in group:
                if other != inner and (form := word.replace(inner, other)) not in out:
                    out.append(form)


_CACHE: StateCache[Lexicon] = StateCache()


def lexicon_for(key: tuple, build) -> Lexicon:
    """The cached Lexicon for a store state `key` (query_api.ask.store_state); `build()` makes one.

    Older states of the same store are dropped, so a re-ingested store gets a fresh lexicon."""
    return _CACHE.get(key, build)
