"""The answer type of a question: the kind of thing its question word asks for, read from the question
phrase itself — the noun the question word governs (哪些X / 哪个X / 几个X / 多少个X / 什么X / 列出X, or
X有哪些 / X是哪个 / X是什么), else the noun the question ends on (…的下属单位), else a distributive
(各部门) — mapped through one table of kind nouns. Names of the graph's entities are blanked before it
is read, so the 局 of 某某局有哪些 is no question word's noun. It knows nothing of what the graph holds:
`subjects` combines it with the entities named, the operation and the measure.
"""

from __future__ import annotations

import re

# Kind nouns, longer words first within a kind: the one table from a noun to the kind of answer it asks for.
# SPECIFIC kinds are asked for wherever their noun stands (哪些部门没有下属单位: units, not departments).
KIND_NOUNS: list[tuple[str, str]] = [
    ("subordinate_unit", r"(?:下属|所属|直属|下级|二级|基层)(?:预算|事业|行政)?(?:单位|机构)|事业单位|预算单位"),
    ("internal_unit", r"内设机构|内部机构|内设|职能科室|科室|股室|处室|职能科|科(?![学目技长研])|股|处(?!理)|室"),
    ("indicator", r"绩效指标|指标"),
    ("document", r"文档|文件|报告|资料|公开(?!的)"),
    ("year", r"年份|年度|年(?!初|末|底|度)"),
    ("duty", r"主要职责|职责|职能|主要任务"),
    ("program", r"项目|(?<!采购)工程(?!类|师)|专项(?!资金|经费)"),
    ("department", r"部门|局|委|机关"),
    ("unit", r"单位|中心|机构|家"),
]
SPECIFIC = ("subordinate_unit",)
ORGANISATION = ("department", "unit", "who")  # an organisation is the answer, whatever it is called

def counted(nouns: str) -> re.Pattern:
    """A number said before one of `nouns` (两个原水管道工程, 三个下属单位), the number its first group."""
    # 两条原水管道工程, 三类项目: 条 and 类 count them too (never 第二条, nor a 类 not said of programs: 公益二类事业单位)
    return re.compile(rf"(?<![\d.第])([两二三四五六七八九十\d]+)(?:个|项(?!目)|条|类(?=项目|工程|专项))"
                      rf"[^，,。？?\s]{{0,12}}?(?:{nouns})")


_NOUN = "|".join(f"(?P<{kind}>{pattern})" for kind, pattern in KIND_NOUNS)
# A question word before its noun: 哪些项目, 哪一年, 几个科室, 多少个项目, 什么机构, 列出所有单位
_WH_BEFORE = re.compile(r"(?:哪(?:些|个|一个|几个|几家|几|一|位)?|什么|(?<![近这前后])几个?|多少个?|列出(?:所有|全部)?|所有|全部)"
                        rf"的?(?:{_NOUN})")
# A question word after its noun: 项目有哪些, 部门是哪个, 职责是什么, 项目有几个, 项目清单, 那几个专项里哪个
# (not when the question word governs a noun of its own: 部门有哪些项目 asks for programs)
_ANY_NOUN = "|".join(pattern for _, pattern in KIND_NOUNS)
_WH_AFTER = re.compile(rf"(?:{_NOUN})(?:里面?|中|当中|之中)?(?:(?:都|还|一共|总共)?(?:有|是|为|包括|包含)?(?:哪些|哪个|哪一个|哪几个|哪家|什么|几个|多少个)"
                       rf"(?!的?(?:{_ANY_NOUN}))|的?(?:清单|列表|名单|一览))")
# 内设 said as the verb before the question word (内设了哪些机构, 内设几个部门): the sections inside, whatever noun follows
_SET_INSIDE = re.compile(r"内(?:设|部设(?:置|立)?)(?:了|有)?(?:哪些|哪几个|几个|多少个|什么)的?(?:机构|部门|单位)")
# A number of them: 两个原水管道工程 (加起来), 三个下属单位 — a set of that kind, however many
_COUNTED = counted(_NOUN)
# 谁: an organisation, with no noun (谁负责, 谁的最高)
_WHO = re.compile(r"谁|哪家")
# The noun a question ends on, asked as a list: 跟政务热线相关的项目, 某局的下属单位, 政府采购预算最多的部门
_HEAD = re.compile(rf"(?:{_NOUN})(?:呢|吗)?[?？。!！]*$")
# (a subordinate unit's noun is no head word: SPECIFIC, it is answered wherever it stands, before the head is read)
_HEAD_WORDS = re.compile(r"^(?:内设机构|内部机构|科室|股室|处室|"
                         r"绩效指标|指标|职责|职能|主要职责|项目|工程|专项|文件|文档|报告|资料|部门|单位)")
# 多少篇审计报告 / 几次培训: the noun counted by a measure word of its own is a quantity asked (an indicator's
# figure), not a kind of answer (个 and 份 count documents and units as well, so they are not among them)
_MEASURED = re.compile(r"(?:多少|几)(?:篇|次|件|名|场|期|批|条|本|台|辆|户|座)[^，,。？?]{0,12}$")
# 各部门 / 每个单位: every organisation is an answer (a ranking or list of them)
_EACH = re.compile(r"(?:各个?|每个|每一个)(部门|单位)")
# What a named thing does: 负责什么, 做什么, 用于什么 (the duties of an organisation, the purpose of a program)
_ACTIVITY = re.compile(r"(?:负责|做|干|管|用于|用来|用在)(?:什么|哪些|些什么|啥|嘛)")


def _kind(match: re.Match) -> tuple[str, str]:
    kind = next(k for k, v in match.groupdict().items() if v is not None)
    return kind, match.group(kind)


def answer_type(text: str) -> tuple[str | None, str]:
    """(kind, how) of what `text` (names blanked) asks for: kind one of KIND_NOUNS' kinds, "who" or "activity",
    or None; how it was read: "named" (a specific noun anywhere), "wh" (governed by the question word),
    "counted" (a number of them), "head" (the noun the question ends on), "each" (各部门) or ""."""
    for match in re.finditer(_NOUN, text):
        kind, _ = _kind(match)
        if kind in SPECIFIC:
            return kind, "named"
    found = [(m.start(), _kind(m)[0]) for m in _WH_BEFORE.finditer(text)]
    found += [(m.start(), "internal_unit") for m in _SET_INSIDE.finditer(text)]
    found += [(m.start(), _kind(m)[0]) for m in _WH_AFTER.finditer(text)
              if _kind(m)[0] != "year" or _kind(m)[1] == "年份"]  # 2026年哪个部门: a year given, not asked
    if found:
        return min(found)[1], "wh"
    number = _COUNTED.search(text)
    if number:
        return _kind(number)[0], "counted"
    if _ACTIVITY.search(text):
        return "activity", "wh"
    if _WHO.search(text):
        return "who", "wh"
    head = _HEAD.search(text)
    if head and _HEAD_WORDS.match(head.group()) and not _MEASURED.search(text[:head.start()]):
        return _kind(head)[0], "head"
    if _EACH.search(text):
        return "department", "each"
    return None, ""


def is_kind_noun(words: str) -> bool:
    """Whether `words` are only a kind noun (工程, 专项, 科室): what is asked for, never a topic."""
    return re.fullmatch(_ANY_NOUN, words) is not None


def blank(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with the spans (names) blanked, so their words are read as no question phrase."""
    chars = list(text)
    for start, end in spans:
        chars[start:end] = [" "] * (end - start)
    return "".join(chars)
