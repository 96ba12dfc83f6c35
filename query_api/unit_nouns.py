"""The document's own nouns for some of an organisation's units: 派出审计处, 局属单位, 总站, 中心 …

A question that asks for such a noun under an organisation (某局有哪几个派出审计处, 某局的局属单位有哪些,
某局下面有哪些总站) asks for the units the noun names, whatever the document calls them; there is no list
of nouns. `asked_noun(text)` reads the noun the question word governs, when it ends in an organisation
word and is not one of the kind nouns every document shares (内设机构, 科室, 下属单位 … : `answer_type`
reads those). `names(noun, label)` says whether a unit's name is one of them:

    派出审计处 → 派出党群部门审计处   the name ends with the noun's last words (two characters or more)
                                      and holds the rest of the noun, in order, before them
    总站       → 重庆市水文监测总站   (the main name: a bracketed second name is not its ending)
    局属单位   → every subordinate unit: 局属, 委属, 厅属 — belonging to the department (`belonging`)
"""

from __future__ import annotations

import re

from query_api.answer_type import KIND_NOUNS
from query_api.lexicon import place_prefixes

# Words that end the name of a unit (分局 and 总站 end in 局 and 站).
_ORG_END = r"单位|机构|处|科|室|股|中心|站|所|队|院|馆|部|组|局|办|会"
_RUN = rf"(?:(?!的)[\u4e00-\u9fff]){{0,12}}?(?:{_ORG_END})"  # one noun: 部门的下属单位 is two
# 哪几个派出审计处, 几个局属单位: the noun right after the question word …
_BEFORE = re.compile(rf"(?:哪些|哪几个|哪几家|哪个|哪一个|几个|几家|多少个|多少家|列出(?:所有|全部)?)的?({_RUN})"
                     r"(?=$|[^\u4e00-\u9fff]|有|是|呢|吗|名单|名称|分别|都|各|和|及|与|或)")
# … or before it: 局属单位有哪些, 派出审计处是哪几个
_AFTER = re.compile(rf"({_RUN})(?:都|还|一共|总共|分别)?(?:有|是|为|包括)?(?:哪些|哪几个|哪几家|哪个|哪一个|几个|多少个|什么)")
# Words before the noun that are no part of it: 的局属单位, 下面的总站, 下设的派出审计处
_LEAD = re.compile(r"^(?:的|下面的?|下边的?|底下的?|里面?的?|下设的?|设有的?|设的?|有的?)+")
_KIND_WORDS = "|".join(p for kind, p in KIND_NOUNS if kind in ("internal_unit", "subordinate_unit"))
# The kind nouns every document shares: asked by their kind (answer_type), not by the words of names.
# (said with the words documents put before them too: 内设处室, 机关行政科室)
_SHARED = re.compile(rf"(?:内设的?|机关|行政|职能)*(?:{_KIND_WORDS})|单位|机构|部门|局|委|办|家|[处科室股]|[内外全各]部")
# 局属, 委属, 厅属, 办属 …: a unit belonging to the department (what 下属 and 所属 also say).
_BELONGING = re.compile(r"^[\u4e00-\u9fff]属(?:的)?(?:单位|机构)$")


def asked_noun(text: str) -> str | None:
    """The document noun `text` (the question with its names blanked) asks for, or None; nouns asked together
    (哪些驻外联络处、办事处) joined by 、 (`nouns` parts them). 驻外 said before nouns joined qualifies each (驻外地的办事处和
    联络处: 驻外办事处、驻外联络处)."""
    text = _AWAY_OF.sub(r"\1", text)  # 驻外地的办事处: the 的 of a qualifier, not between two nouns
    for pattern in (_BEFORE, _AFTER):
        for match in pattern.finditer(text):
            noun = _LEAD.sub("", match.group(1))
            if noun and not _SHARED.fullmatch(noun):  # 部, 队: a word of the document's own too
                more, at = [], match.end(1)
                while pattern is _BEFORE and (joined := _JOINED.match(text, at)):
                    more.append(joined.group(1))
                    at = joined.end(1)
                said = [*_JOINS.split(noun), *more]  # (联络处和办事处有哪些: joined before the question word)
                said = [n for n in said if n and not _SHARED.fullmatch(n)]
                away = _AWAY.match(said[0]) if said else None
                said = [n if not away or _AWAY.match(n) else away.group() + n for n in said]
                return "、".join(said) or None
    return None


# …联络处、办事处 / 和办事处: a further noun joined to the one after the question word (one right after another)
_JOINED = re.compile(rf"(?:、|和|及|与|以及|或)({_RUN})(?=$|[^\u4e00-\u9fff]|有|是|呢|吗|名单|名称|分别|都|各|和|及|与|或)")


# 驻外 / 驻外地 before a noun: stationed at a place outside, which each name says (驻北京, 驻深圳)
_AWAY = re.compile(r"^驻外地?")
_AWAY_OF = re.compile(r"(驻外地?)的")


# a joining word right after a noun's organisation word: two nouns (联络处和办事处; not 规划和发展处)
# (the last characters of _ORG_END's words: a look-behind is of one width)
_JOINS = re.compile(r"(?<=[处科室股站所队院馆部组局办会位构心])(?:、|和|及|与|以及|或)")


def nouns(noun: str) -> list[str]:
    """The nouns asked together in `noun` (asked_noun): 驻外联络处、办事处 → 驻外联络处, 办事处."""
    return [n for n in noun.split("、") if n]


def belonging(noun: str) -> bool:
    """Whether `noun` asks for every unit belonging to the department (局属单位, 委属机构)."""
    return _BELONGING.fullmatch(noun) is not None


def names(noun: str, label: str) -> bool:
    """Whether the unit `label` is one `noun` names: its main name (without its place and a bracketed second
    name) ends with the noun's last two characters or more, and holds the rest of the noun in order before them."""
    if "、" in noun:  # nouns asked together: a unit any of them names
        return any(names(n, label) for n in nouns(noun))
    away = _AWAY.match(noun)
    noun = _AWAY.sub("驻", noun)  # 驻外联络处: 驻 and a place (驻北京联络处, 驻沪联络处)
    name = re.sub(r"[（(].*?[）)]$", "", label)
    name = name[sum(len(p) for p in place_prefixes(name)):] or name
    if away and noun in ("驻机构", "驻单位"):  # 驻外机构: every unit stationed at a place, whatever its kind
        return re.search(rf"驻[\u4e00-\u9fff]+(?:{_ORG_END})$", name) is not None
    # a numbered unit (来访接待一处, 督查第二处, 督查3处, 二大队) is one of the noun without its number (来访接待处, 大队)
    return _ends_so(noun, name) or _ends_so(noun, _NUMBERED.sub("", name))


# the number a unit's name puts before its last word (督查一处, 督查第二处, 督查3处, 一大队): the name formed from the
# noun by a numeral or an ordinal inserted before its organisation word
_NUMBERED = re.compile(rf"第?[一二三四五六七八九十百零〇两\d]+(?=(?:大|中|小|分)?(?:{_ORG_END})$)")


def _ends_so(noun: str, name: str) -> bool:
    shared = 0
    while shared < min(len(noun), len(name)) and noun[-1 - shared] == name[-1 - shared]:
        shared += 1
    if shared < min(2, len(noun)):
        return False
    rest, at = noun[:len(noun) - shared], 0
    before = name[:len(name) - shared]
    for char in rest:
        at = before.find(char, at) + 1
        if not at:
            return False
    return True
