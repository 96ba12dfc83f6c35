"""Names as people type them. Organisations: abbreviations (政数局 for 政务服务数据管理局, 商务委 for
商务委员会), a bare level word for the place (区政数局, 市财政局), a place without its level word
(清远政数局), and names the graph does not hold (白云区教育局) — which must never be read as the
department of the same place.

`org_candidates(text, covered, named)` finds the spans of a question that name an organisation (a run of
characters ending in an organisation word such as 局, 委员会, 中心) outside the spans already matched;
`match_org(name, index)` resolves one such name to the graph's organisations. Programs: a name typed
with words left out (清远12345热线外包服务 for 清远市12345政府服务热线2024年度外包服务项目) resolves
by `match_program` when only a few programs fit. Nothing here names a particular department or program.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable
from functools import lru_cache

from query_api.lexicon import ORG_KINDS, Entry, normalise, org_aliases, place_prefixes

# Words ending an organisation's name. 委 only where it ends a name (商务委), not in 委托/委员; none
# before 属 (局属单位: the bureau's units, no name).
# 办 ends a name only as a short 办公室 (口岸办, 政府办), not in 办理/办法/办事; 总队/支队/大队 end
# enforcement and fire units (应急管理局执法总队).
_SUFFIX = re.compile(r"委员会|办公室|局(?!属)|厅(?!属)|委(?![托员派任属])|办(?![理法事属]|公(?!务|车)|几|多少|了|过|完)|中心|院|总队|支队|大队"
                     r"|所(?![有在属以谓得需])|站|基地|园区")  # 休养所, 监测站; not 所有, 所在; a place's office by the place
# (办 before a count or 了 is the verb: 一年办几场培训)
# Not organisations although they end so: layouts, halls, a data centre as a topic word is kept by
# the caller (topic questions skip the check).
_NOT_ORG = re.compile(r"(?:格|布|结|当|大|全|开|僵|饭|骗|邮)局$|(?:大|餐|客|展|营业|报告|会议|音乐|演播|宴会|候车|候机)厅$|(?<![\u4e00-\u9fff]{2})学院$|(?:庭|医)院$|(?:场|厕|住|处)所$|(?:网|车|加油)站$"
                      r"|(?:承|举|主|协|督|代|包|申|催|经|创|筹|试|接|交)办$")  # 承办商, 督办: verbs, not offices
# Words that may stand before a name without belonging to it (请问, 查一下, 所在, 该 …).
_LEADING = re.compile(
    r"(?:请问|请|麻烦|帮我|帮忙|我想|想|知道|了解|查询|查一下|查查|查|问一下|问|看一下|看看|告诉我|列出|"
    r"一下|关于|有关|所在的?|所属的?|下属的?|直属的?|下设的?|下面的?|旗下的?|其|该|本|这个|那个|这|那|哪个|哪些|哪家|什么|的|和|与|及|在|是|由|对|年度|年|(?:19|20)\d\d年?度?)+")
_GENERIC = {"部门", "单位", "机构", "上级", "主管", "下属", "直属", "所属"}
_LEVELS = "省市区县"
# Endings too common to stand for one organisation from inside its name (白云区管理局).
_GENERIC_NAMES = {"管理局", "服务局", "事务局", "委员会", "办公室", "服务中心", "管理中心", "事务中心", "中心"}


# Words comparing what comes before with the name after them (三公经费比烟台医保局): a name starts after them
# when the run from before them names nothing.
_COMPARING = re.compile(r"相比|比|较|跟")


def org_candidates(text: str, covered: list[bool], named: list[bool]) -> list[tuple[list[int], list[int]]]:
    """Spans of `text` that look like an organisation's name: a run of Chinese characters ending in an
    organisation word outside the `covered` characters (any entity's), reaching back no further than the
    `named` ones (an organisation's: 卫生健康委员会 runs over the item 卫生健康). Each is (possible starts,
    possible ends): the run's start, then the starts left after each leading question word (请问, 所在 …),
    then after a comparing word (比); its end, and where an organisation word continues another
    (职教基地办: 基地, then 办) the longer end first."""
    out: list[tuple[list[int], list[int]]] = []
    for suffix in _SUFFIX.finditer(text):
        end = suffix.end()
        inside = suffix.start() > 0 and covered[suffix.start() - 1] and covered[suffix.start()]
        if inside or any(covered[suffix.start():end]) != all(covered[suffix.start():end]) \
                or (out and out[-1][1][0] > suffix.start()):
            continue  # part of a longer name already matched (an entity named 办公室 may end a longer name)
        if out and out[-1][1][0] == suffix.start() and not covered[suffix.start()]:
            out[-1][1].insert(0, end)  # 长沙职教基地办: the name goes on past 基地
            continue
        start = suffix.start()
        while start > 0 and not named[start - 1] and _name_char(text[start - 1]):
            start -= 1
        starts = [start]
        while (head := _LEADING.match(text, starts[-1])) and starts[-1] < head.end():
            starts.append(head.end())
        if out and start < out[-1][1][0] < suffix.start():  # 甲局和乙局: also the name after the one before
            starts.append(out[-1][1][0])
            while (head := _LEADING.match(text, starts[-1])) and starts[-1] < head.end():
                starts.append(head.end())
        starts += [m.end() for m in _COMPARING.finditer(text, starts[-1], suffix.start()) if m.end() < suffix.start() - 1]
        if starts[-1] >= suffix.start():
            continue  # 所在局, 哪个局: no name before the organisation word
        name = text[starts[-1]:end]
        core = name[:-len(suffix.group())]
        if not core or re.search(r"哪|什么|所在|所属|几个|几家|多少", core) or core in _GENERIC or _NOT_ORG.search(name) \
                or (len(name) < 3 and suffix.group() != "局"):
            continue  # 哪个局, 上级单位, 大厅: not a name
        out.append((starts, [end]))
    return out


def _name_char(char: str) -> bool:
    """A character a name is written in: Chinese, or ASCII letters and digits (12345热线中心)."""
    return "\u4e00" <= char <= "\u9fff" or (char.isascii() and char.isalnum())


def typed_place(before: str) -> str:
    """The words typed right before a name, without leading question words: 请问白云区 → 白云区, 请问区 → 区."""
    run = re.search(r"[\u4e00-\u9fff]*$", before).group()
    at = 0
    while (head := _LEADING.match(run, at)) and at < head.end() < len(run):
        at = head.end()
    return run[at:]


def _split_place(name: str) -> tuple[list[str], str]:
    """Leading places of a name as typed (广州市白云区, or a bare level word 区) and the rest."""
    places = place_prefixes(name)
    rest = name[sum(len(p) for p in places):]
    return places, rest


def _subsequence_end(short: str, full: str) -> int | None:
    """Where the last character of `short` falls in `full` when `short` is `full` with characters left
    out (政数局 in 政务服务数据管理局), starting with the same character; None if it is not."""
    if not short or not full or short[0] != full[0]:
        return None
    at = -1
    for char in short:
        at = full.find(char, at + 1)
        if at < 0:
            return None
    return at


def _abbreviates(short: str, full: str) -> bool:
    """`short` abbreviates `full`: same first character, its characters in order, and it ends where
    `full` ends (委 may stand for 委员会, 办 for 办公室). 和/与/及 typed in `short` may be missing from `full`."""
    short = re.sub(r"[和与及]", "", short) if _subsequence_end(short, full) is None else short
    end = _subsequence_end(short, full)
    return end is not None and full[end + 1:] in ("", "员会", "公室") and len(short) >= 2


def _place_fits(typed: list[str], level: str, places: list[str]) -> bool:
    """The places typed (广州市, 白云, 广州白云区 …) are the entity's own in order, each with or without
    its level word, the last its innermost one; a bare level word (区 in 区政数局) is the level of its
    innermost place."""
    if level and (not places or places[-1][-1] != level):
        return False
    if not typed:
        return True
    return bool(places) and _spells(typed and "".join(typed), places) == len(places)  # 上海市财政局 ≠ 普陀区的


def _spells(text: str, places: list[str], start: int = 0) -> int:
    """How far into `places` the whole of `text` reaches when read as some of them in order (each with
    or without its level word); -1 if it cannot be read so."""
    if not text:
        return start
    for at in range(start, len(places)):
        for form in (places[at], places[at][:-1]):
            if len(form) >= 2 and text.startswith(form):
                reached = _spells(text[len(form):], places, at + 1)
                if reached == len(places) or (reached > 0 and not text[len(form):]):
                    return reached
    return -1


# Words said inside a name that are no part of it: 珠海那个交通市政工务中心 (the one of 珠海 you know).
_FILLERS = re.compile(r"那个|这个|那家|这家|那一个|这一个")


class OrgIndex:
    """The organisations a typed name is matched against, each with its places and the forms of its name
    without them (made once per lexicon), and the organisations under each character of those forms: a
    typed name is tested only against the organisations holding all of its characters (an abbreviation
    keeps its name's characters), so matching costs what the question's name shares, not the store's size."""

    def __init__(self, entries: Iterable[Entry]):
        self.entries = list(entries)
        self.forms: list[tuple[list[str], str, set[str]]] = []
        self.by_char: dict[str, set[int]] = {}
        self.shorts: dict[str, dict[str, None]] = {}  # places without their level word, by their first two characters
        for at, entry in enumerate(self.entries):
            places = place_prefixes(entry.label)
            full = entry.label[sum(len(p) for p in places):]
            # 人民政府办公室 is said 政府办公室; a place's office by the place (长沙职教基地: 长沙职业教育基地)
            fulls = {full, full.replace("人民", ""), *_unplaced_aliases(entry.label)}
            self.forms.append((places, full, fulls))
            for char in set("".join(fulls)):
                self.by_char.setdefault(char, set()).add(at)
            for place in places:
                if len(place) >= 3:
                    self.shorts.setdefault(place[:2], {}).setdefault(place[:-1], None)

    def holding(self, core: str) -> list[int]:
        """The organisations (in order) one of whose forms holds every character of `core` (和/与/及 may be missing)."""
        chars = set(core) - set("和与及")
        if not chars:
            return list(range(len(self.entries)))
        sets = sorted((self.by_char.get(c, set()) for c in chars), key=len)
        return sorted(set.intersection(*sets))

    def places_starting(self, text: str) -> list[str]:
        """The places' short forms (清远 of 清远市) `text` starts with, in the organisations' order."""
        return [short for short in self.shorts.get(text[:2], ()) if text.startswith(short)]


def org_index(lexicon) -> OrgIndex:
    """The lexicon's organisations as an `OrgIndex`, made once per lexicon (kept on it, never pickled)."""
    index = lexicon.__dict__.get("_org_index")
    if index is None:
        index = lexicon.__dict__["_org_index"] = OrgIndex(lexicon.of_kind(*ORG_KINDS))
    return index


def match_org(name: str, index: OrgIndex) -> list[Entry]:
    """The organisations `name` can stand for (exact short names first, then abbreviations), of `index`."""
    name = _FILLERS.sub("", name) or name
    typed, rest = _split_place(name)
    readings = [(typed, "", rest)]
    if not typed and len(rest) > 2 and rest[0] in _LEVELS:
        readings.append(([], rest[0], rest[1:]))  # 区政数局: the district's 政数局
    for typed_places, level, core in readings:
        found = _matches(typed_places, level, core, index)
        if found:
            return found
    # a place typed without its level word (清远政数局): try each known place's short form, on the name as
    # typed too (珠海交通市政…: 珠海交通市 is no place, 珠海 is)
    for text in dict.fromkeys((rest, name)):
        for short in index.places_starting(text):
            if len(text) > len(short) + 1:
                found = _matches([short], "", text[len(short):], index)
                if found:
                    return found
    return []


def _matches(typed: list[str], level: str, core: str, index: OrgIndex) -> list[Entry]:
    exact, abbreviated, inner = [], [], []
    for at in index.holding(core):
        entry, (places, full, fulls) = index.entries[at], index.forms[at]
        if not _place_fits(typed, level, places):
            continue
        if core in fulls:
            exact.append(entry)
        elif any(_abbreviates(core, f) for f in fulls):
            abbreviated.append(entry)
        elif (typed or level) and len(core) >= 3 and core not in _GENERIC_NAMES and any(
                _abbreviates(core, full[at:]) for at in range(1, len(full)) if full[at] == core[0]):
            inner.append(entry)  # 白云区数据局: words from inside the name, its place said
    return exact or abbreviated or inner


class Surfaces:
    """The lexicon's surface forms as `match_program` looks them up: by their first character, and all of
    them in one text searched (in C) for three characters inside a name, so a question's cost follows the
    names that could fit, not a Python loop over every name of the store (57 ms at 1,000 documents)."""

    def __init__(self, surfaces: dict[str, list[Entry]]):
        self.surfaces = surfaces
        self.names = list(surfaces)
        self.by_first: dict[str, list[int]] = {}
        for at, name in enumerate(self.names):
            self.by_first.setdefault(name[:1], []).append(at)
        self.text = "\n".join(self.names)
        self.starts = list(itertools.accumulate((len(n) + 1 for n in self.names[:-1]), initial=0))

    def candidates(self, words: str) -> list[str]:
        """The names starting with the first character of `words` or holding its first three (in order)."""
        found = set(self.by_first.get(words[:1], ()))
        at = self.text.find(words[:3])
        while at >= 0:
            name = bisect.bisect_right(self.starts, at) - 1
            found.add(name)
            at = self.text.find(words[:3], self.starts[name] + len(self.names[name]) + 1)
        return [self.names[at] for at in sorted(found)]


def surfaces_of(lexicon) -> Surfaces:
    """The lexicon's `Surfaces`, made once per lexicon (kept on it, never pickled)."""
    index = lexicon.__dict__.get("_surfaces_index")
    if index is None:
        index = lexicon.__dict__["_surfaces_index"] = Surfaces(lexicon.surfaces)
    return index


def match_program(words: str, index: Surfaces, year: int | None = None, most: int = 3) -> list[Entry]:
    """The programs `words` name with some of its characters left out: those one of whose names or short
    names (`index`: the lexicon's `surfaces_of`) holds them all in order, starting
    with the same character, or starting inside the name with its first three characters as the name has
    them (电梯应急处置平台 for 96196电梯应急处置服务平台) — of the asked year, where given, and only when at
    most `most` programs fit; at least six characters, so a few common words never pick a program."""
    if len(words) < 6:
        return []
    found: list[Entry] = []
    for surface in index.candidates(words):
        at = surface.find(words[:3])
        if _subsequence_end(words, surface) is not None or at > 0 and _subsequence_end(words, surface[at:]) is not None:
            found.extend(e for e in index.surfaces[surface] if e.kind == "program" and e not in found)
    if year is not None and any(e.year == year for e in found):
        found = [e for e in found if e.year == year]
    return found if 0 < len({normalise(e.label) for e in found}) <= most else []


def match_item(words: str, lexicon) -> list[Entry]:
    """The classification item `words` name by the start of its name (支持中小企业 for 支持中小企业发展和管理支出),
    said after 其他 by its catch-all children too: of the items found, the one whose code every other's code
    lies under (21508, not 2150899), or none when they are not one code and those under it. At least four
    characters, and never a whole name (that is linked already). The names are looked up by their first two
    characters (`lexicon.long_surfaces`), not scanned."""
    if len(words) < 4 or any(e.kind == "item" for e in lexicon.surfaces.get(words, ())):
        return []
    starts = [s for _, s in lexicon.long_surfaces.get(words[:2], ()) if s.startswith(words)]
    starts += [s for _, s in lexicon.long_surfaces.get("其他", ()) if s.startswith("其他" + words)]
    found = {e.uri: e for s in starts for e in lexicon.surfaces[s] if e.kind == "item"}
    top = [uri for uri in found if all(other.startswith(uri) for other in found)]  # …/21508: …/2150899 under it
    return [found[top[0]]] if len(top) == 1 and top[0].rsplit("/", 1)[-1].isdigit() else []


# A word that can name part of a program: two characters or more, not an amount's unit or a number.
_CONTENT = re.compile(r"(?![\d.]+$)(?!(?:万元|元|金额|多少|预算|决算|资金|经费)$)\w{2,}")


def content_words(tokens: list[str]) -> list[str]:
    return [t for t in tokens if _CONTENT.fullmatch(t)]


_UNDER = re.compile(r"(?:的|下面的?|下属的?|所属的?|里面?的?|内设的?)?")


def unit_under_department(text: str, mentions: list) -> None:
    """A unit named right after its department (湖州退役军人局下面烈士陵园, 某局的办公室) is what is asked
    about, that department's unit of the name: the department only said where it is, so its mention goes, its
    words now the start of the unit's (no words left over that a topic may read)."""
    for at, dept in enumerate(mentions):
        if not dept.kinds <= {"department"} or at + 1 >= len(mentions):
            continue
        unit = mentions[at + 1]
        under = [e for e in unit.entries if e.parent in {d.uri for d in dept.entries}]
        if unit.kinds <= {"internal_unit", "subordinate_unit"} and _UNDER.fullmatch(text[dept.end:unit.start]) and under:
            unit.entries, dept.entries = under, []  # 某局的办公室: that department's office
            unit.start, unit.text = dept.start, text[dept.start:unit.end]
    for at, unit in enumerate(mentions):
        # 长春信访局有哪些督查处: a unit's name said after the question word, a department named before, is
        # the noun asked for (unit_nouns: its 督查一处 and 督查二处), not the unit of that name
        depts = {e.uri for m in mentions[:at] if m.kinds <= {"department"} for e in m.entries}
        if depts and unit.kinds <= {"internal_unit", "subordinate_unit"} and asked_as_noun(text, unit.start, unit.end):
            unit.entries = []  # (or before it: 长春信访局的督查处有几个)
    mentions[:] = [m for m in mentions if m.entries]


_ASKING = re.compile(r"(?:哪些|哪几个|哪几家|几个|多少个)的?$")
_ASKED = re.compile(r"(?:都|一共|总共)?(?:有|是)?(?:哪些|哪几个|哪几家|几个|多少个)")


def asked_as_noun(text: str, start: int, end: int) -> bool:
    """Whether the name at text[start:end] is said as the noun a question word governs (有哪些督查处, 督查处有几个)."""
    return bool(_ASKING.search(text[:start]) or _ASKED.match(text, end))


def programs_by_words(words: list[str], programs: list[Entry], year: int | None = None) -> list[Entry]:
    """The programs (of one organisation) whose name holds every one of `words` (请中介机构做审计的那个
    项目: 中介机构, 审计 → 购买中介机构审计服务), of the asked year where it has some; [] for no words."""
    if not words:
        return []
    found = [e for e in programs if all(w in normalise(e.label) for w in words)]
    if year is not None and any(e.year == year for e in found):
        found = [e for e in found if e.year == year]
    return found


def ties(mentions, lexicon, year: int | None = None, years: dict[str, set] | None = None) -> list[tuple[str, list[str]]]:
    """The names of a question that stand for two or more organisations equally well (政务服务数据管理局
    where two cities have one, 办公室 in every department): each (name as typed, full names of the
    candidates). A name is narrowed first to the candidates under an organisation the question names
    beside it (某局的办公室; none there: it is none of them, and no tie), then to those with a document of
    the `year` asked (`years`: organisation label → years of its documents, its department's for a unit).
    Such a name is not linked: the reply asks which one is meant."""
    named = {e.uri for m in mentions for e in m.entries if e.kind in ORG_KINDS and len(_orgs(m)) == 1}
    out = []
    for mention in mentions:
        orgs = _orgs(mention)
        if len(orgs) < 2 or mention.kinds - set(ORG_KINDS):
            continue
        if named - {e.uri for e in orgs}:
            orgs = [e for e in orgs if e.parent in named or e.uri in named]
            if len(orgs) != 1:
                continue  # under the organisation named: one, or none of these (a unit it does not have)
        if year is not None and years is not None:
            orgs = [e for e in orgs if year in _years(e, lexicon, years)] or orgs
        mention.entries = [e for e in mention.entries if e in orgs]
        if len(orgs) > 1:
            out.append((mention.text, sorted({full_name(e, lexicon) for e in orgs})))
    return out


def _years(entry: Entry, lexicon, years: dict[str, set]) -> set:
    parent = lexicon.by_uri.get(entry.parent or "")
    return years.get(entry.label) or (years.get(parent.label, set()) if parent is not None else set())


def _orgs(mention) -> list[Entry]:
    """The distinct organisations (by IRI) a mention stands for."""
    return list({e.uri: e for e in mention.entries if e.kind in ORG_KINDS}.values())


def full_name(entry: Entry, lexicon) -> str:
    """An organisation's name as a reader tells it apart: an internal unit with its department's."""
    parent = lexicon.by_uri.get(entry.parent or "")
    if entry.kind == "internal_unit" and parent is not None and not entry.label.startswith(parent.label):
        return parent.label + entry.label
    return entry.label


def ask_which(found: list[tuple[str, list[str]]]) -> str:
    """The reply to a question whose names tie: which one is meant, with the candidates."""
    return "；".join(f"“{text}”可能是{'、'.join(names[:8])}{'等' if len(names) > 8 else ''}"
                    for text, names in found) + "。请说明是哪一个（例如写出全称）。"


def not_held(names: list[str], departments: Iterable[str], most: int = 8) -> str:
    """The reply to a question naming organisations the store does not hold: what is missing, the held
    departments nearest to it (sharing the most of its two-character runs: its place, its kind of office),
    and how many there are in all — never the whole list, which grows with the store."""
    held = sorted(set(departments))
    wanted = {name[i:i + 2] for name in names for i in range(len(name) - 1)}
    places = {p for name in names for p in place_prefixes(name)}

    def nearness(held_name: str) -> tuple[int, int]:  # its place first, then the runs it shares
        return len(places & set(place_prefixes(held_name))), len(wanted & {held_name[i:i + 2] for i in range(len(held_name) - 1)})

    near = sorted(((nearness(d), d) for d in held), key=lambda x: (-x[0][0], -x[0][1], x[1]))
    near = [d for (place, shared), d in near if place or shared >= 2][:most]
    missing = f"知识库里没有“{'、'.join(names)}”。"
    if near:
        return missing + f"相近的有：{'、'.join(near)}（共收录 {len(held)} 个部门，问“有哪些部门”可列出全部）。"
    return missing + f"共收录 {len(held)} 个部门，问“有哪些部门”可列出全部。"


@lru_cache(maxsize=65536)
def _unplaced_aliases(label: str) -> tuple[str, ...]:
    """An organisation's aliases that do not begin with a place (its name as said without the place): per
    label once, as `match_org` may test every entry against each reading of a question."""
    return tuple(a for a in org_aliases(label) if not place_prefixes(a))
