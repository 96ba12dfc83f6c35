"""What every reader of sentences shares: the names of the “三公” parts, and the year a stated
figure is of.

    THREE_PUBLIC_PARTS         (key, regex of the part's name), the one table of the parts' names
    THREE_PUBLIC_SUMMED        the keys of the three parts that add up to the whole
    of_year(text, at, year)    whether the figure stated at `at` is of `year`
    of_year_before(m, year)    whether a change (a match with a `year` group) is on the year before

A sentence may state two years' figures ('2025年公务接待费支出30.00万元，2026年预算28.00万元'): a
figure is of the year said last before it in its sentence. A budget's or final account's figure is
its own year's only; last year's is never read as it (a wrong number is worse than none).
"""

from __future__ import annotations

import re

from ontology.fact_kinds import KINDS

# The parts of the “三公”, in every wording the narratives use: 因公出国（境）经费 / 费用,
# 公务用车购置和运行维护费, 公务用车运行费. A vehicle's purchase and operation are parts of its whole.
THREE_PUBLIC_PARTS: tuple[tuple[str, str], ...] = (
    ("three_public_outbound", r"因公出国[（(]境[）)](?:经)?费(?:用)?"),
    ("three_public_reception", r"公务接待费"),
    ("three_public_vehicle", r"公务用车购置[及和]运行(?:维护)?费"),
    ("three_public_vehicle_purchase", r"公务用车购置(?:费|支出)?"),
    ("three_public_vehicle_operation", r"公务用车运行(?:及)?(?:维护)?(?:费|支出)?"),
)
# the three whose sum is the “三公”: its parts in the ontology (gk:ThreePublicCosts' narrower kinds)
THREE_PUBLIC_SUMMED = tuple(key for k in KINDS.values() if k.broader == "three_public" for key in k.keys)

# Figures of a stock at a date (assets and vehicles at the end of last year) or of a past year's
# evaluation, which a budget states as they are: no year of theirs is the budget's.
AT_A_DATE = frozenset({"fixed_assets", "fixed_assets_net", "state_assets_total", "vehicles", "large_equipment", "performance_score"})

_COMPARED_WITH = r"(?:比|较|与|和|同)"
# 上年结转 / 上年末 are this year's money and a date, not last year's figures
_LAST_YEAR = r"(?:上一?年|去年)(?!度?(?:结转|结余|末))"
_MENTION = re.compile(rf"(?P<compared>{_COMPARED_WITH})?(?:(?P<year>(?:19|20)\d\d)年|(?P<last>{_LAST_YEAR}))")
_CLAUSE_END = re.compile(r"[，；：]")


def of_year(text: str, at: int, year: int | None) -> bool:
    """Whether the figure stated at `at` in `text` is of `year`: the year said last before it in its
    sentence is `year`, or none is said. A year named plainly ('2025年公务接待费') holds for the rest of
    its sentence; 上年 ('上年公务用车运行维护费预算为5万元') and the year compared with ('比2025年预算
    9.23万元增加' states 2025's) only in their own clause: '与上年持平；公务用车运行费17.50万元' or
    '（上年基数为0，不可比）；公务接待费0万元' say nothing of the figure after them."""
    if year is None:
        return True
    sentence = text.rfind("。", 0, at) + 1
    clause = max([sentence] + [m.end() for m in _CLAUSE_END.finditer(text, sentence, at)])
    said = None
    for m in _MENTION.finditer(text, sentence, at):
        if (m.group("compared") or m.group("last")) and m.start() < clause:
            continue  # '（上年基数为0，不可比）；公务接待费0万元': an aside of an earlier clause
        said = year - 1 if m.group("last") else int(m.group("year"))
    return said in (None, year)


def of_year_before(m: re.Match, year: int | None) -> bool:
    """Whether the comparison `m` (with a `year` group) is one of `year` with the year before: naming
    that year ('比2025年' in a 2026 document; '比2026年预算' is not), or saying 上年 / 同比 of a figure
    of `year` ('2025年收入预算90万元，比上年增加5万元' is 2025's change, not 2026's)."""
    named = m.group("year")
    if named and year:
        return int(named) == year - 1
    return of_year(m.string, m.start(), year)
