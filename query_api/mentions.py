"""Entity mentions of a question: the spans that name the graph's entries, found by a spaCy pipeline
(`spacy.blank("zh")` with the jieba segmenter) whose EntityRuler holds the graph's own labels and aliases
(see `lexicon`), then by longer labels jieba cut apart, organisation names as people shorten them
(`names.match_org`) and a bare place name standing for its department; and a unit named as the way to
its department (某科所在部门的…)."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

from query_api.lexicon import ORG_KINDS, Entry, Lexicon, is_place_name, normalise, place_prefixes
from query_api.names import asked_as_noun, match_org, org_candidates, org_index, typed_place
from query_api.topic_words import STOPWORDS


@dataclass
class Mention:
    """A span of the question naming one or more graph entries (the same name may occur in several documents)."""

    text: str
    start: int
    end: int
    entries: list[Entry]

    @property
    def kinds(self) -> set[str]:
        return {e.kind for e in self.entries}


_NLP_LOCK = threading.Lock()


class EntityPipeline:
    """The question pipeline: `spacy.blank("zh")` segmenting with the lexicon's own jieba tokenizer, and an
    EntityRuler whose phrase patterns (ORTH) are the graph's labels and aliases. A match is a whole run of
    the question's tokens equal to a surface form's own tokens; overlapping matches keep the longest.

    `patterns` maps each surface form's tokens to it: saved with the store's knowledge (`ask.knowledge`), so
    that a cold start builds the ruler without cutting every surface form again. The ruler is given a
    pattern when a question first holds all of its tokens (no other pattern can match it), so neither a
    cold `govkg ask` nor a server's start pays for the thousands of names a question does not use."""

    def __init__(self, lexicon: Lexicon, patterns: dict[tuple[str, ...], str] | None = None):
        import spacy
        from spacy.lang.zh import Segmenter

        self.patterns = patterns = surface_patterns(lexicon) if patterns is None else patterns
        self._tokens_of = {surface: list(tokens) for tokens, surface in patterns.items()}
        self._by_first: dict[str, list[str]] = {}  # a pattern under its first token
        for tokens, surface in patterns.items():
            if tokens:
                self._by_first.setdefault(tokens[0], []).append(surface)
        self._added: set[str] = set()
        self._tokenizer = lexicon.tokenizer
        # Made with the char segmenter (spaCy then loads no jieba dictionary of its own), then switched to
        # jieba with the lexicon's tokenizer, which knows the graph's names.
        nlp = spacy.blank("zh")
        nlp.tokenizer.segmenter = Segmenter.jieba
        nlp.tokenizer.jieba_seg = lexicon.tokenizer
        self._ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "ORTH"})
        self._nlp = nlp
        self._lock = threading.Lock()  # spaCy pipelines are not documented as thread-safe; a question takes a ms

    def __call__(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, surface) of the names in `text`, in text order."""
        with self._lock:
            doc = self._nlp.make_doc(text)
            words = {t.text for t in doc}
            wanted = [surface for word in words for surface in self._by_first.get(word, ())
                      if surface not in self._added and all(t in words for t in self._tokens_of[surface])]
            if wanted:
                self._add(wanted)
            if self._added:
                doc = self._ruler(doc)
        return [(ent.start_char, ent.end_char, ent.ent_id_ or ent.text) for ent in doc.ents]

    def _add(self, surfaces: list[str]) -> None:
        # The ruler reads a phrase pattern through the tokenizer: it is given each surface's saved tokens.
        self._nlp.tokenizer.jieba_seg = _Presplit(self._tokens_of, self._tokenizer)
        try:
            self._ruler.add_patterns([{"label": "ENT", "pattern": surface, "id": surface} for surface in surfaces])
        finally:
            self._nlp.tokenizer.jieba_seg = self._tokenizer
        self._added.update(surfaces)


def surface_patterns(lexicon: Lexicon) -> dict[tuple[str, ...], str]:
    """Each surface form of `lexicon` under its own tokens (as a question's tokens will show it): what an
    EntityPipeline is made from, saved with the store's knowledge (no spaCy needed to make it)."""
    cut, patterns = lexicon.tokenizer.cut, {}
    for surface in sorted(lexicon.surfaces):
        patterns.setdefault(tuple(t for t in cut(surface) if t), surface)
    return patterns


class _Presplit:
    """A jieba stand-in that gives each known surface form its saved tokens (and cuts anything else)."""

    def __init__(self, tokens_of: dict[str, list[str]], tokenizer):
        self._tokens_of, self._tokenizer = tokens_of, tokenizer

    def cut(self, text: str, cut_all: bool = False):
        known = self._tokens_of.get(text)
        return known if known is not None else self._tokenizer.cut(text, cut_all=cut_all)


def pipeline(lexicon: Lexicon) -> EntityPipeline:
    """The spaCy pipeline of `lexicon` (built once, with its jieba dictionary)."""
    matcher = getattr(lexicon, "_matcher", None)
    if matcher is not None:
        return matcher
    with _NLP_LOCK:
        if getattr(lexicon, "_matcher", None) is None:
            lexicon._matcher = EntityPipeline(lexicon, getattr(lexicon, "_patterns", None))
    return lexicon._matcher


def find_mentions(text: str, lexicon: Lexicon) -> tuple[list[Mention], list[str]]:
    """Entity mentions of `text` (already normalised) and the organisation names it holds that the graph
    does not: the EntityRuler's mentions, then any longer label it missed because jieba cut the question
    differently, then organisation names as people shorten them (区政数局, 商务委), then a bare place
    name standing for its department."""
    spans = pipeline(lexicon)(text)
    covered = [False] * len(text)
    for start, end, _ in spans:
        covered[start:end] = [True] * (end - start)
    by_start = lexicon.long_surfaces
    found = sorted((rank, at, surface) for at in range(len(text) - 3)
                   for rank, surface in by_start.get(text[at:at + 2], ()) if text.startswith(surface, at))
    for _, at, surface in found:  # longest first, as the EntityRuler left them
        if not any(covered[at:at + len(surface)]):
            spans.append((at, at + len(surface), surface))
            covered[at:at + len(surface)] = [True] * len(surface)
    named = [False] * len(text)
    for start, end, key in spans:
        if any(e.kind in ORG_KINDS for e in lexicon.surfaces.get(key, [])):
            named[start:end] = [True] * (end - start)
    typed, unknown = _typed_org_names(text, covered, named, lexicon)
    unknown = _not_in_programs(unknown, typed, spans, lexicon)
    spans = [s for s in spans if not any(s[0] < end and start < s[1] for start, end, _ in typed)
             and not any(start < s[0] and s[1] <= end for start, end in unknown.values())]
    # (a name inside an unknown one is part of it: the 办公室 of 某某领导小组办公室 is none of the graph's 办公室)
    if not unknown and not any(lexicon.surfaces[s][0].kind in ORG_KINDS for _, _, s in spans if s in lexicon.surfaces) \
            and not typed:
        taken: list[tuple[int, int]] = []
        for place in sorted(lexicon.places, key=len, reverse=True):  # 白云区 before the 白云 inside it
            at = text.find(place)
            if at < 0 or any(covered[at:at + len(place)]) or any(a <= at < b for a, b in taken):
                continue
            if not is_place_name(place) and at > 0 and text[at - 1].isalnum():
                continue  # 泉州 said alone begins the question or a clause; the 白云 of 智慧白云 is a word of a name
            taken.append((at, at + len(place)))
            spans.append((at, at + len(place), "\0" + place))
    mentions = [Mention(text[start:end], start, end, entries) for start, end, entries in typed]
    for start, end, key in spans:
        if text[start:end] in STOPWORDS:
            continue  # an indicator named 单位 is not meant by the word
        entries = lexicon.places[key[1:]] if key.startswith("\0") else lexicon.surfaces.get(key, [])
        entries = [e for e in entries if not _other_place(text[:start], e)]
        entries = _of_kind_said(text[end:], entries)
        if entries:
            mentions.append(Mention(text[start:end], start, end, entries))
    mentions, others = _units_of_the_named(text, mentions)
    unknown.update(_not_in_programs(others, typed, spans, lexicon))
    for mention in mentions:  # 临江交通工务中心: the entity's own place typed without its level word before a short name
        mention.start = _own_place_before(text, mention)
        mention.text = text[mention.start:mention.end]
    return sorted(mentions, key=lambda m: m.start), list(unknown)


def _not_in_programs(unknown: dict[str, tuple[int, int]], typed: list[tuple], spans: list[tuple],
                     lexicon: Lexicon) -> dict[str, tuple[int, int]]:
    """`unknown` without the names that are words of a program of the organisations named (信访接待中心 of
    长春信访局's 信访接待中心运行费, 驻京 of 驻京经费): a program's words, not an organisation the graph lacks."""
    if not unknown:
        return unknown
    orgs = {e.uri for _, _, entries in typed for e in entries if e.kind in ORG_KINDS}
    orgs |= {e.uri for _, _, key in spans for e in lexicon.surfaces.get(key, []) if e.kind in ORG_KINDS}
    if not orgs:
        return unknown
    units = {e.uri for e in lexicon.of_kind("internal_unit", "subordinate_unit", parents=orgs)}
    labels = [normalise(e.label) for e in lexicon.of_kind("program", parents=orgs | units)]

    def in_a_program(name: str) -> bool:
        # the name's span may start at a word before it (给行政中心 of 给行政中心请保安): its tails count too, down
        # to four characters (行政中心 of 市行政中心保安服务)
        name = normalise(name)
        return any(name[i:] in label for i in range(max(1, len(name) - 3)) for label in labels)
    return {name: span for name, span in unknown.items() if not in_a_program(name)}


def _units_of_the_named(text: str, mentions: list[Mention]) -> tuple[list[Mention], dict[str, tuple[int, int]]]:
    """With a department named, a unit's name stands for that department's unit, never another's (泉州市政府办的
    信息中心 is not 苏州市's 信息中心): the mentions kept, and the unit names no named department holds. Another's
    unit's name said as the noun asked (长春信访局有哪些督查处: 苏州's 督查处) is kept, to be read as that noun
    (`names.unit_under_department`: the department's 督查一处 and 督查二处), never a name the graph lacks."""
    departments = {e.uri for m in mentions for e in m.entries if e.kind == "department"}
    if not departments:
        return mentions, {}
    kept, others = [], {}
    for mention in mentions:
        units = [e for e in mention.entries if e.kind in ("internal_unit", "subordinate_unit")]
        if units and len(units) == len(mention.entries) and not any(e.parent in departments for e in units) \
                and not asked_as_noun(text, mention.start, mention.end):
            others[mention.text] = (mention.start, mention.end)
        else:
            kept.append(mention)
    return kept, others


def _own_place_before(text: str, mention: Mention) -> int:
    """Where `mention` starts once the place of its organisation typed right before it (with or without its
    level word) is counted in."""
    for entry in mention.entries:
        if entry.kind not in ORG_KINDS:
            continue
        for place in reversed(place_prefixes(entry.label)):
            for form in (place, place[:-1]):
                if len(form) >= 2 and text.startswith(form, mention.start - len(form)) \
                        and not mention.text.startswith(place):
                    return mention.start - len(form)
    return mention.start


# A name followed by the word for its kind (审计事务项目, 审计事务科目) means that kind only, where a program
# and a classification code share the name.
_KIND_WORDS = (("项目", "program"), ("科目", "item"), ("指标", "indicator"))


def _of_kind_said(after: str, entries: list[Entry]) -> list[Entry]:
    for word, kind in _KIND_WORDS:
        if after.startswith(word) and any(e.kind == kind for e in entries):
            return [e for e in entries if e.kind == kind]
    return entries


def _typed_org_names(text: str, covered: list[bool], named: list[bool],
                     lexicon: Lexicon) -> tuple[list[tuple], dict[str, tuple[int, int]]]:
    """Organisation names outside the matched spans, resolved by abbreviation (`names.match_org`); those
    that resolve to nothing are names the graph does not hold (each with its span)."""
    orgs = org_index(lexicon)
    typed, unknown = [], {}
    for starts, ends in org_candidates(text, covered, named):
        found = next(((start, end, entries) for end in ends for start in starts
                      if (entries := match_org(text[start:end], orgs))), None)
        if found:
            start, end, _ = found
            typed.append(found)
            covered[start:end] = [True] * (end - start)
            named[start:end] = [True] * (end - start)  # the next name (甲局和乙局) starts after this one
        else:
            unknown.setdefault(text[starts[-1]:ends[0]], (starts[-1], ends[0]))
    return typed, unknown


def _other_place(before: str, entry: Entry) -> bool:
    """True when a short name follows a place that is not the entity's own: in 深圳市政务服务数据管理局
    the alias 政务服务数据管理局 must not stand for the 清远市 or 广州市 one, nor 上海市商务委员会 for the
    district's 上海市普陀区商务委员会 (a bare 区 or 市 is the level of its own place: 区档案局)."""
    if entry.kind not in ORG_KINDS or not before.endswith(("省", "市", "区", "县", "州")):
        return False
    places = place_prefixes(entry.label)
    if typed_place(before) == before[-1]:
        return not places or places[-1][-1] != before[-1]
    # 上海市商务委员会 is not 上海市普陀区商务委员会; 湖州退役军人事务局 is 湖州市's (州 ends the place's own name)
    return not places or not before.endswith((places[-1], places[-1][:-1]))


_HOP = re.compile(r"(?:所在|所属|隶属|上级)的?(?:部门|单位|局|机关|主管部门)")


def hop_to_department(text: str, mentions: list[Mention], lexicon: Lexicon) -> None:
    """A unit named as the way to its department (热线管理科所在部门的三公经费) stands for that department;
    "某科所在部门是哪个" still asks for the department itself."""
    hop = _HOP.search(text)
    if not hop or re.fullmatch(r"(?:是|为)?(?:哪个|哪一个|哪家|什么|谁)?(?:部门|单位)?(?:呢|啊)?", text[hop.end():]):
        return
    for mention in mentions:
        if mention.kinds <= {"internal_unit", "subordinate_unit"} and text[mention.end:hop.start()] in ("", "的"):
            parents = [lexicon.by_uri[e.parent] for e in mention.entries if e.parent in lexicon.by_uri]
            mention.entries = list(dict.fromkeys(parents)) or mention.entries
