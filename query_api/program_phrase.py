"""A program described by the words before 项目 (公车统管那个项目, 请中介的项目, 做审计的项目, 新媒体那个项目): the noun
phrase whose head is 项目, between the last name said before it and 项目. Its words pick the programs of the
organisation named (a department's with its units') whose names hold the most of them, or of a synonym's form
(公车 / 公务用车); what the question asks comes after 项目 (要求提交多少篇审计报告, 一年最多租几次车) and is read apart,
so an indicator's words never have to be a program's. Several programs fitting the phrase are narrowed by the
indicators the rest of the question names (做审计的项目要求提交多少篇审计报告: the one audit program with such an
indicator); programs still fitting equally are asked about, never one picked."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from query_api.answer_type import blank
from query_api.indicator_match import BRACKETED_UNIT
from query_api.lexicon import ORG_KINDS, Entry, Lexicon, normalise, without_year
from query_api.mentions import Mention
from query_api.names import content_words, programs_by_words
from query_api.slots import measure_spans
from query_api.topic_words import topic_of

if TYPE_CHECKING:
    from query_api.nlu import Question

# 项目 as the head of a noun phrase: not a figure (项目支出, 项目数), not asked which (哪个项目)
_HEAD = re.compile(r"(?<!哪个)(?<!哪一个)项目(?!支出|数|个数|总数|总额)")
# words pointing at the program (那个, 这个, 的) between the phrase and 项目
_POINTING = re.compile(r"(?:的|那个|这个|那一个|这一个|那|这|该|此)+$")
# words under the names before the phrase (某局的, 某中心下面的) and the year it is of (2021年)
_UNDER = re.compile(r"^(?:的|下面的?|下属的?|所属的?|里面?的?|旗下的?)?(?:(?:19|20)\d\d年度?|[今明去]年)?的?"
                    r"(?:那个|这个|那一个|这一个|该|有一?个|有一项)?")
# programs asked for together or ranked (有关的项目, 哪些项目, 几个项目, 最大的项目, 项目一共): no one program described
_NOT_ONE = re.compile(r"涉及|有关|相关|关于|包括|包含|方面|围绕|名称|名字|含有|带有|哪|多少个|几个|几项|最|各|所有|全部|其他")
_TAIL_NOT_ONE = re.compile(r"^(?:中|里|里面|当中)?(?:一共|总共|共)?有?(?:哪|多少个|几个|几项|最|各)"
                           r"|^的?(?:钱|预算|经费|资金)?(?:加起来|加在一起|一共|总共|合计|共计|总计|之和)")

# A spot said as where a program sits (农林水那块（农村产权交易建设）, 一般公共服务那块的政务中心物业): the words in the
# brackets or after 那块 name the program; the class or topic before 那块 is a hint, never the figure asked
SPOT = re.compile(r"(?:那块|那一块|这块|这一块|那部分|这部分)(?P<of>的|里的?|中的?|里面的?)?")
_BRACKETED = re.compile(r"\s*[（(]([^（）()]{2,40})[）)]")
_BRACKET_BEFORE = re.compile(r"[（(]([^（）()]{2,40})[）)]\s*$")
_NO_NAME = re.compile(r"含|包括|包含|本级|汇总|合并|单位|万元|\d")
_YEAR_SAID = re.compile(r"(?:19|20)\d\d年度?的?|[今明去前]年的?")
# nothing named after 那块的, only the ask (农林水那块的预算, 这一块的钱): the spot is what is asked
_ASK_ONLY = re.compile(r"^(?:一共|总共|总的|全部|今年|去年|明年)?(?:预算|决算|花|用|安排|是|有|支出|经费|钱|资金|金额|多少|几|"
                       r"执行|情况|变化|比|跟|和|与|占|[^\u4e00-\u9fff]|$)")


def spot_named(norm: str, mentions: list[Mention]) -> str | None:
    """`norm` with the hint before 那块 left out and the words naming the program kept (those in brackets beside it,
    else those after it), or None when the question says no such spot or names nothing in it."""
    spot = SPOT.search(norm)
    if spot is None:
        return None
    start = max([m.end for m in mentions if m.kinds & set(ORG_KINDS) and m.end <= spot.start()], default=0)
    start = max([start] + [y.end() for y in _YEAR_SAID.finditer(norm, start, spot.start())])
    if start < spot.start() and norm[start] == "的":
        start += 1
    after, before = _BRACKETED.match(norm, spot.end()), _BRACKET_BEFORE.search(norm, start, spot.start())
    named = (after or before).group(1) if after or before else ""
    if _NO_NAME.search(named):  # 一般公共服务那块（含下属单位）: a scope or a figure in the brackets, no name
        return None
    if named:
        return norm[:start] + named + norm[after.end() if after else spot.end():]
    if not spot.group("of") or _ASK_ONLY.match(norm[spot.end():]):
        return None  # (公共法律服务这一块，预算涨了还是降了: the spot is what is asked)
    return norm[:start] + norm[spot.end():]


def phrase_of(norm: str, question: Question) -> tuple[str, int, int] | None:
    """(phrase, start, end) of the words describing a program before 项目, or None when there are none."""
    head = _HEAD.search(norm)
    if head is None or any(m.start <= head.start() < m.end for m in question.mentions):
        return None
    # after the last name before it but a classified line's (城乡医疗救助中央补助那个项目: the line's words describe it)
    start = max((m.end for m in question.mentions if m.end <= head.start() and m.kinds - {"item"}), default=0)
    said = norm[start:head.start()]
    lead = _UNDER.match(said)
    start += lead.end() if lead else 0
    phrase = _POINTING.sub("", norm[start:head.start()])
    if not phrase or _NOT_ONE.search(phrase) or _TAIL_NOT_ONE.match(norm[head.end():]):
        return None
    return phrase, start, start + len(phrase)


def described(norm: str, question: Question, lexicon: Lexicon, orgs: set[str]) -> Mention | None:
    """The programs of `orgs` (and their units) the phrase before 项目 describes, as a mention over the phrase;
    None when there is no phrase or no program fits it."""
    found = phrase_of(norm, question)
    if found is None:
        return None
    phrase, start, end = found
    words = topic_of(phrase, [], lexicon) or ""
    units = {e.uri for e in lexicon.of_kind(*ORG_KINDS, parents=orgs)}
    programs = lexicon.of_kind("program", parents=orgs | units)
    fits = _fitting(words, programs, lexicon) if len(words) >= 2 else []
    return Mention(phrase, start, end, fits) if fits else None


# a program said as the whole a part is asked inside (水电气经费里，电费…; 口岸管理业务中，哪些…): the words before 里
_INSIDE = re.compile(r"(?:里面|里|当中|之中|中(?=[，,]))")
# nouns any program's name may end in: no word of the one meant
_ANY_PROGRAM = {"经费", "资金", "费用", "项目", "专项", "业务", "工作", "支出", "预算"}


def contained(norm: str, question: Question, lexicon: Lexicon, orgs: set[str]) -> Mention | None:
    """The one program of `orgs` (and their units) said as the whole before 里 / 中 / 当中 (水电气经费里: the program
    whose name holds 水电气), as a mention over the words; None when no such words, a figure's name among them
    (三公经费里: a figure, its parts asked), or no program or two programs hold them all."""
    inside = _INSIDE.search(norm)
    if inside is None or any(m.start <= inside.start() < m.end for m in question.mentions):
        return None
    start = max((m.end for m in question.mentions if m.end <= inside.start() and m.kinds - {"item"}), default=0)
    lead = _UNDER.match(norm[start:inside.start()])
    start += lead.end() if lead else 0
    phrase = norm[start:inside.start()]
    if len(phrase) < 2 or _NOT_ONE.search(phrase) or measure_spans(phrase):
        return None
    words = [w for w in content_words(lexicon.tokens(phrase)) if w not in _ANY_PROGRAM]
    units = {e.uri for e in lexicon.of_kind(*ORG_KINDS, parents=orgs)}
    fits = programs_by_words(words, lexicon.of_kind("program", parents=orgs | units), question.year)
    return Mention(phrase, start, inside.start(), fits) if fits and len(told_apart(fits, question.years)) == 1 \
        else None


def holding_parts(norm: str, question: Question, lexicon: Lexicon, orgs: set[str]) -> Mention | None:
    """The program of `orgs` (and their units) whose indicators hold every name of two or more the question says whole
    (水费、电费、燃气费哪项最多, no program named: the program with a 水费, an 电费 and a 燃气费), as a mention over no
    words — two programs holding them all, both (asked about, never one picked); None when the question names fewer
    than two, or no program holds them all."""
    names = {BRACKETED_UNIT.sub("", normalise(e.label)) for e in question.indicators}
    names = {n for n in names if len(n) >= 2 and n in norm and not any(n != m and n in m for m in names)}
    if len(names) < 2:
        return None
    units = {e.uri for e in lexicon.of_kind(*ORG_KINDS, parents=orgs)}
    own = {e.uri: e for e in lexicon.of_kind("program", parents=orgs | units)}
    held: dict[str, set[str]] = {}
    for e in question.indicators:
        held.setdefault(e.parent or "", set()).add(BRACKETED_UNIT.sub("", normalise(e.label)))
    fits = [own[uri] for uri, said in held.items() if uri in own and names <= said]
    return Mention(fits[0].label, 0, 0, fits) if fits else None


def _fitting(words: str, programs: list[Entry], lexicon: Lexicon) -> list[Entry]:
    """The programs whose names hold the largest share of the words' content words, half of them at least (请中介机构
    协助审计: 中介机构 and 审计 of 购买中介机构审计服务, 协助 no name's), in the words as said or a synonym's form (公车 /
    公务用车, 北京 / 驻京, 12345热线 / 12345服务热线)."""
    shares: dict[Entry, float] = {}
    for form in dict.fromkeys([words, *lexicon.expand(words)]):
        content = content_words(lexicon.tokens(form))
        for e in programs if content else ():
            share = sum(1 for w in content if w in normalise(e.label)) / len(content)
            if share >= 0.5:
                shares[e] = max(shares.get(e, 0.0), share)
    best = max(shares.values(), default=None)
    return [e for e, share in shares.items() if share == best]


def settle(mention: Mention, question: Question) -> None:
    """Keep of the described programs those whose indicators the question names (where some are), and the
    mention when one program is left; two or more fitting equally are asked about, the mention dropped."""
    parents = {e.parent for e in question.indicators}
    picked = [e for e in mention.entries if e.uri in parents] or mention.entries
    names = told_apart(picked, question.years)
    if len(names) > 1:
        question.mentions.remove(mention)
        question.ambiguous.append((mention.text, names))
    else:
        mention.entries = picked


def told_apart(fits: list[Entry], years: list[int]) -> list[str]:
    """The program names among `fits` the question cannot tell apart: the most any one year has of them, of
    the asked years where they have some (a program printed again in another year's document, under its name
    or another, is no second program)."""
    asked = [y for y in years if any(e.year == y for e in fits)] or sorted({e.year or 0 for e in fits})
    by_year = [sorted({normalise(e.label) for e in fits if (e.year or 0) == y}) for y in asked]
    return max(by_year, key=len)


# Programs limited to those a section of the document describes (写了说明的那几个专项, 项目说明里介绍的项目, 单独说明了的
#项目): the words of the condition, read apart from what is asked of them
_DESCRIBED = re.compile(r"(?:(?:写|附|配|作|做|给)了?|有|带|附有|写有)(?:单独|专门|详细)?的?(?:项目)?(?:经费)?(?:情况)?说明的"
                        r"|(?:项目)?(?:经费)?(?:情况)?说明(?:部分)?(?:里|中|当中)(?:介绍|写|列|提|讲|说|描述)?(?:到|出|了)*的?"
                        r"|(?:单独|专门|详细)(?:作了?|做了?|进行了?|加以)?说明(?:了|过)?的")


def described_condition(norm: str) -> tuple[int, int] | None:
    """The span of the words limiting the programs asked to those a 说明 section describes, or None."""
    found = _DESCRIBED.search(norm) if re.search(r"项目|专项|工程", norm) else None
    return found.span() if found else None


# Names listed with their shared head said once after them (科技创新、生命健康、商业创新这三个专项): each member a
# name's head, the head noun the kind they share
_LISTED = re.compile(r"(?:(?:19|20)\d\d年度?)?的?((?:[\u4e00-\u9fff]{2,12}(?:、|，|和|及|与|以及)){1,9}[\u4e00-\u9fff]{2,12}?)"
                     r"(?:(?:这|那)?(?:[两二三四五六七八九十\d]+)个)?(专项|项目|工程)")
_JOINS = re.compile(r"、|，|以及|和|及|与")


def listed(norm: str, question: Question, lexicon: Lexicon, orgs: set[str]) -> tuple[list[Mention], list[str]]:
    """The programs named by a list of their names' heads with the kind said once after them (科技创新、生命健康、
    商业创新、贸易高质量发展这四个专项: 科技创新专项, 生命健康专项（政策资金） …), one mention each, when every member
    names exactly one program of `orgs` (and their units) — a name starting with the member and the kind, else
    with the member; and the members naming none or two (each said with the kind: 文化旅游专项), none of the
    mentions then — a sum of the rest would be answered as the whole list's."""
    found = _LISTED.search(blank(norm, [(m.start, m.end) for m in question.mentions]))
    if found is None:
        return [], []
    units = {e.uri for e in lexicon.of_kind(*ORG_KINDS, parents=orgs)}
    programs = lexicon.of_kind("program", parents=orgs | units)
    out, unfound, at = [], [], found.start(1)
    for member in _JOINS.split(found.group(1)):
        start = norm.index(member, at)
        at = start + len(member)
        fits = [e for e in programs if normalise(e.label).startswith(member + found.group(2))] \
            or [e for e in programs if normalise(e.label).startswith(member)]
        if len({normalise(e.label) for e in fits}) != 1:
            unfound.append(member + found.group(2) + ("（对应不止一个项目）" if fits else ""))
            continue
        out.append(Mention(member, start, at, fits))
    # a list none of whose members names a program is no list of programs (某某、某某两个项目 of other words)
    return ([], unfound) if unfound and out else ([], []) if unfound else (out, [])


def shared_head(norm: str, question: Question, lexicon: Lexicon, orgs: set[str]) -> list[Mention]:
    """The programs named by the head their names share, said once, and each one's rest, joined (政府雇员的工资费用和
    公用经费: 政府雇员工资费用 and 政府雇员公用经费), one mention each over its rest (the first over the head too), of
    the organisations named and their units (of the year asked); none when no two programs' rests are said so after
    their head — a head of two characters or more, each rest of two or more."""
    if not _JOINS.search(norm):
        return []
    units = {e.uri for e in lexicon.of_kind(*ORG_KINDS, parents=orgs)}
    by_name: dict[str, list[Entry]] = {}
    for e in lexicon.of_kind("program", parents=orgs | units):
        if question.year is None or e.year in (None, question.year):
            by_name.setdefault(without_year(e.label), []).append(e)
    names = sorted(by_name)
    for i, one in enumerate(names):
        for other in names[i + 1:]:
            k = next((k for k, (x, y) in enumerate(zip(one, other, strict=False)) if x != y), min(len(one), len(other)))
            if k < 2 or len(one) - k < 2 or len(other) - k < 2 or one[:k] not in norm \
                    or one[k:] not in norm or other[k:] not in norm:
                continue
            for first, second in ((one, other), (other, one)):
                said = re.search(f"{re.escape(first[:k])}的?({re.escape(first[k:])})(?:{_JOINS.pattern})"
                                 f"({re.escape(second[k:])})", norm)
                if said:
                    return [Mention(norm[said.start():said.end(1)], said.start(), said.end(1), by_name[first]),
                            Mention(said.group(2), said.start(2), said.end(2), by_name[second])]
    return []


# A program row named as its stem and a part after a dash or in brackets (定额补助经费——项目经费, X（市级）): rows of one
# table whose names share the stem and differ by that part
_STEM_PART = re.compile(r"^(?P<stem>.{2,}?)(?:(?:——|--|—|－|-)(?P<part>.{2,})|[（(](?P<bracketed>[^（）()]{2,20})[）)])$")
_MONEY_TAIL = re.compile(r"(?:专项资金|经费|费用|资金|费)$")
# a part said without its money word is one only where a list or a bracket goes on after it (项目和运行经费)
_PART_ENDS = r"(?=[和及与、，,）)]|以及|两|$)"


def _forms(word: str) -> list[str]:
    core = _MONEY_TAIL.sub("", word)
    return [re.escape(word)] + ([re.escape(core) + _PART_ENDS] if len(core) >= 2 and core != word else [])


def stem_parts(norm: str, question: Question, lexicon: Lexicon, orgs: set[str]) -> list[Mention]:
    """The program rows named as one stem and two or more of its parts (两笔定额补助经费（项目经费和运行经费）合计多少:
    定额补助经费——项目经费 and 定额补助经费——运行经费), one mention each over the part's words (the first over the stem's
    too), of the organisations named and their units; none when the question names the stem with fewer than two of
    its parts (the stem alone is a topic: all its rows), and never a part it does not name."""
    units = {e.uri for e in lexicon.of_kind(*ORG_KINDS, parents=orgs)}
    groups: dict[str, dict[str, list[Entry]]] = {}
    for e in lexicon.of_kind("program", parents=orgs | units):
        if (cut := _STEM_PART.match(normalise(e.label))) and not (part := cut["part"] or cut["bracketed"])[0].isdigit():
            groups.setdefault(cut["stem"], {}).setdefault(part, []).append(e)
    for stem, parts in groups.items():
        said = next((m for form in _forms(stem) if (m := re.search(form, norm))), None) if len(parts) >= 2 else None
        if said is None:
            continue
        named = sorted((m.start(), m.end(), entries) for part, entries in parts.items()
                       if (m := next((f for form in _forms(part) if (f := re.compile(form).search(norm, said.end()))),
                                     None)))
        if len(named) >= 2:
            return [Mention(norm[start:end], start, end, entries) for start, end, entries in
                    [(said.start(), named[0][1], named[0][2]), *named[1:]]]
    return []
