"""Changes on the year before as a narrative states them, in any wording, with their sign:

    收入比 2025 年减少 246429.22 万元
    “三公”经费预算1.10万元，比上年预算数减少25万元
    7.61万元，2025年预算数为9.23万元，和2025年相比预算减少1.62万元
    收入、支出预算总计64,090.74万元，与上年相比收、支预算总计各减少3,815.79万元
    （一）公务接待费 / 2026年预算安排18.85万元，比上年增加0.00万元     (the subject is the heading)

    changes(paras, year)   a Fact per change read, keyed `<measure>_change` (and `_change_pct`)

A change belongs to the measure named nearest before it in its clause run (after the comparison
when it is named there: '与上年相比收、支预算总计各减少'); a change of one fund's share
(财政拨款, 政府性基金…) or of a measure without a key is passed over, but a whole's change broken down by its
parts right after it ('收入比2025年减少…，主要是…政府性基金预算财政拨款减少258146.77万元') gives each part that
names a measure its own. When every part of the
“三公” has its change and the whole has none, the whole's is their sum.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ingest.prose import Paragraph, canonical
from ingest.record import Fact
from ingest.stated import THREE_PUBLIC_PARTS, THREE_PUBLIC_SUMMED, of_year_before
from ingest.text import parse_amount, sentence_of

_NUM = r"([\d,]+(?:\.\d+)?)"
_YEAR_WORD = r"(?:上年|去年|上一?年度|(?P<year>(?:19|20)\d\d)年)度?"
_COMPARED = rf"(?:(?:比|较|和|与|同)(?:{_YEAR_WORD})(?:同期)?(?:年初)?(?:预算|决算)?(?:执行)?数?(?:相比|比较)?|同比)"
# the words between the comparison and the verb name the subject when they say one ('收、支预算总计各');
# ingest.item_changes reads an item's change with it
# a change printed negative ('增加-3.20万元') is a decrease; a decrease printed negative says nothing sure
CHANGE = re.compile(rf"{_COMPARED}[，]?(?P<said>[^，。；\d]{{0,12}}?)(?P<verb>增加|减少|增长|下降|上升|降低)了?(-?[\d,]+(?:\.\d+)?)万元"
                     rf"(?:[，]?(?P<pverb>增长|下降|增加|减少|上升|降低)了?(?P<pct>\d+(?:\.\d+)?)%)?")
# no change: 持平 wherever it stands ('与上年预算数持平', not '基本持平': roughly is not 0); 相同 / 一致 only
# right after the amount compared ('预算支出0万元，与上年预算数相同', not '统计口径与上年一致')
FLAT = re.compile(rf"{_COMPARED}(?:(?:预算)?持平|(?P<same>相同|一致|无变化|没有变化|无增减|没有增减))")
_CLAUSE_START = re.compile(r"[。；]|其中[：:]?")
# a title's numbering ('1.', '（二）', '三、')
TITLE_MARK = r"(?:\d{1,2}[.、．]|[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}、)"
# a paragraph opening with a numbered title sentence ('1.因公出国（境）费用。2026年预算数…'): its subject
_TITLE = re.compile(rf"^{TITLE_MARK}([^。；\d]{{2,24}})[。：:]")

# (keys, pattern) — the measure a subject names; checked all, the nearest match wins, and of two
# ending at one place the one starting first
_SUBJECTS_NAMED: list[tuple[tuple[str, ...], str]] = [
    (("three_public_change",), r"三公”?经费"),
    (("administrative_operating_cost_change",), r"机关运行经费|运行经费"),
    *(((key + "_change",), name) for key, name in THREE_PUBLIC_PARTS),
    # 一般公共预算当年拨款 is the year's appropriation, the income side's (浙江's wording)
    (("general_budget_revenue_change",), r"一般公共预算(?:财政)?拨款收入|一般公共预算当年拨款(?!支出)"),
    (("general_budget_expenditure_change",), r"一般公共预算(?:财政)?拨款支出"),
    (("government_fund_revenue_change",), r"政府性基金预算(?:财政)?拨款收入"),
    # every fund's appropriation, named whole (not 一般公共预算财政拨款收入, one fund's, nor “三公”经费财政拨款支出)
    (("fiscal_appropriation_revenue_change",), r"(?<![算金本营])财政拨款收入"),
    (("fiscal_appropriation_expenditure_change",), r"(?<![算金本营费”])财政拨款支出"),
    # the department's spending by kind ('2.项目支出577.15万元，比上年决算数减少100.39万元'); of one fund's
    # spending in a paragraph naming the fund (FUND_SAID); never one kind's (基本建设项目支出, 专项业务费项目支出) nor a
    # description of what is spent on ('等项目支出'): no word right before it but a year's or the department's
    (("basic_expenditure_change",), r"(?:(?<![\u4e00-\u9fff])|(?<=[年度门位]))基本支出"),
    (("project_expenditure_change",), r"(?:(?<![\u4e00-\u9fff])|(?<=[年度门位]))项目支出"),
    # one fund's or one part's share ('一般公共预算拨款收入' is not the department's 收入)
    ((), r"财政拨款|拨款|一般公共预算|政府性基金|国有资本|专户|经营|事业|其他|上级补助|附属单位|基本|项目"
         r"|人员|公用|资本性|[（(](?:类|款|项|\d{3,7})[）)]|采购|资产"),
]
# A named measure's words run on to the 收入/支出 after them ('三公”经费预算支出', '拨款收入'), so
# that they, starting earlier, win over the bare word.
_RUN_ON = r"(?:[^，。；\d]{0,8}?(?:收入|支出))?"
# The bare 收入 / 支出 is the department's only after a year, the department's name or a word of the
# whole (本年, 预算, 总): after any other word it is a kind of spending ('上缴上级支出', '一般公共服务支出').
_WHOLE = r"(?:(?<![\u4e00-\u9fff])|(?<=[年度门位局本算总委办所站队心院]))"
# A fund word right after a named measure qualifies it ('机关运行经费财政拨款预算48.78万元'), it names no
# fund's share: the named measure runs on over it.
_QUALIFIED = r"(?:(?:一般公共预算)?(?:财政)?拨款(?:预算|支出)?)?"
_SUBJECTS = [(keys, re.compile(f"(?:{p}){_QUALIFIED if keys else ''}{_RUN_ON}")) for keys, p in _SUBJECTS_NAMED] + [
    (keys, re.compile(_WHOLE + p)) for keys, p in [(("revenue_change", "expenditure_change"), r"收[、，]?支"),
                                                   (("revenue_change",), r"收入"), (("expenditure_change",), r"支出")]]
_WHOLE_KEYS = {keys for keys, _ in _SUBJECTS[len(_SUBJECTS_NAMED):]}  # the bare 收入 / 支出: no measure named
_THREE_PARTS = tuple(key + "_change" for key in THREE_PUBLIC_SUMMED)
# Keys of the department's whole spending by kind: a fund named earlier in their paragraph makes the figure that
# fund's ('一般公共预算财政拨款支出…。其中：基本支出…比上年增加'), not the department's.
_SPENDING_PARTS = {("basic_expenditure_change",), ("project_expenditure_change",)}
FUND_SAID = re.compile(r"财政拨款|一般公共预算|政府性基金|国有资本经营")
# A change of the whole broken down by its parts after it ('收入比2025年减少246429.22万元，主要是一般公共预算
# 财政拨款增加10300.15万元，政府性基金预算财政拨款减少258146.77万元'): each part's own change on the same year.
_BREAKDOWN = re.compile(r"[，,]?(?:主要是|主要原因是|其中[：:]?)")
_PART_CHANGE = re.compile(r"([^，。；、\d]{2,20}?)(?P<verb>增加|减少|增长|下降|上升|降低)了?(-?[\d,]+(?:\.\d+)?)万元(?:[，、；。]|$)")


def subject(text: str) -> tuple[str, ...] | None:
    """The keys of the measure named last in `text`; None when none is named."""
    found = [(m.start(), m.end(), keys) for keys, pattern in _SUBJECTS for m in pattern.finditer(text)]
    named = [(s, e) for s, e, keys in found if keys and keys not in _WHOLE_KEYS]
    best, out = (-1, 0), None
    for start, end, keys in found:
        if not keys and any(start <= s and e <= end for s, e in named):
            continue  # a fund word before a named measure qualifies it ('一般公共预算机关运行经费预算支出')
        if (end, -start) > best:
            best, out = (end, -start), keys
    return out


def _signed(verb: str | None, value: float) -> float:
    return -value if verb in _DOWN else value


_DOWN = ("减少", "下降", "降低")


def signed_change(m: re.Match) -> float | None:
    """The signed amount of a change match of CHANGE's shape (the group after `verb` holds the amount);
    None for a decrease printed negative ('减少-3万元': a double negative or a slip, no sure sign)."""
    value = parse_amount(m.group(m.re.groupindex["verb"] + 1))
    if value is None or (value < 0 and m.group("verb") in _DOWN):
        return None
    return _signed(m.group("verb"), value)


def changes(paras: list[Paragraph], year: int | None) -> list[Fact]:
    """The changes on the year before stated in `paras`, the first of each key only."""
    out: dict[str, Fact] = {}
    heading = ""
    for p in paras:
        text = canonical(p.text)
        if len(text) <= 24 and not re.search(r"[。；\d]", text):
            heading = text  # '（二）公务接待费': the subject of the paragraph right under it
            continue
        for m in list(CHANGE.finditer(text)) + list(FLAT.finditer(text)):
            if not of_year_before(m, year) or (m.groupdict().get("same") and not text[:m.start()].endswith("万元，")):
                continue  # compared with another year than the one before, or 相同 said of no amount
            clause = text[:m.start()]
            starts = [c.end() for c in _CLAUSE_START.finditer(clause)]
            clause = clause[starts[-1] if starts else 0:]
            said = m.groupdict().get("said") or ""
            title = _TITLE.match(text)
            titled = title is not None and starts == [title.end()]  # the first sentence after the title
            named = subject(said)  # a fund named after the comparison (its share's change) is no other subject's
            keys = named if named is not None else subject(clause) or (subject(heading) if not starts else None) \
                or (subject(title.group(1)) if titled else None)
            if not keys or keys in _SPENDING_PARTS and FUND_SAID.search(text, 0, m.start()):
                continue
            if keys in _WHOLE_KEYS and m.groupdict().get("verb"):
                _parts_of(text, m, keys[0], p, out)
            verb = m.groupdict().get("verb")
            value = signed_change(m) if verb else 0.0
            if value is None:
                continue
            sentence = sentence_of(text, m)
            for key in keys:
                if key not in out:
                    out[key] = Fact(key, value, text=sentence, source=p.source())
                pct_key = key + "_pct"
                if verb and m.group("pct") and pct_key not in out:  # the rate printed after the change, its own
                    out[pct_key] = Fact(pct_key, _signed(m.group("pverb"), float(m.group("pct"))), unit="%",
                                        text=sentence, source=p.source())
        heading = ""
    parts = {k: out[k] for k in _THREE_PARTS if k in out}
    if "three_public_vehicle_change" not in parts:
        sub = [out[k] for k in ("three_public_vehicle_purchase_change", "three_public_vehicle_operation_change")
               if k in out]
        if len(sub) == 2:
            parts["three_public_vehicle_change"] = Fact(
                "three_public_vehicle_change", float(sum(Decimal(str(f.value)) for f in sub)),
                text="公务用车购置及运行费变化 = 购置费 + 运行费", source=sub[0].source)
            out["three_public_vehicle_change"] = parts["three_public_vehicle_change"]
    if "three_public_change" not in out and len(parts) == 3:
        total = sum(Decimal(str(f.value)) for f in parts.values())
        out["three_public_change"] = Fact("three_public_change", float(total), text="“三公”经费变化 = " + " + ".join(
            f"{f.value:g}" for f in parts.values()), source=parts["three_public_outbound_change"].source)
    return list(out.values())


def _parts_of(text: str, m: re.Match, whole: str, p: Paragraph, out: dict[str, Fact]) -> None:
    """The changes of the parts of the whole change `m` (of `whole`, revenue_change or expenditure_change) that
    its sentence lists right after it, each the part's own where its name with the whole's side word (收入 /
    支出) names a measure ('一般公共预算财政拨款' + 收入); parts naming none (财政专户管理资金) are passed over."""
    lead = _BREAKDOWN.match(text, m.end())
    if lead is None:
        return
    side = "收入" if whole == "revenue_change" else "支出"
    at = lead.end()
    while (part := _PART_CHANGE.match(text, at)) is not None:
        at = part.end()
        name = part.group(1)
        full = name if name.endswith(side) else name + side
        keys = subject(full)
        value = signed_change(part)
        # the part's name is the measure's whole name ('基本建设项目支出' is one kind's, not the 项目支出)
        whole_name = any(k == keys and pattern.fullmatch(full) for k, pattern in _SUBJECTS)
        if keys and keys not in _WHOLE_KEYS and whole_name and value is not None:
            for key in keys:
                out.setdefault(key, Fact(key, value, text=sentence_of(text, m), source=p.source()))

