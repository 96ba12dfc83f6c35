"""Two organisations' figures of one line or program compared (普陀区司法局2026年和普陀区商务委2025年的购房补贴预算，哪个高？
高多少？): each side's own figure — one answer per organisation, each from its own document — the larger first (the smaller
when asked so), then their difference, computed and said so; or added up (…加起来多少): both, then their sum, computed.
Two programs of one organisation (审计培训和审计事务这两个项目，哪个钱多？多多少？) are compared the same way, each side
the answer of its name, both perhaps of one document. Anything else (a side with no figure or with several) is left as
it was found: no difference of figures not known to be the two sides, nor of a budget and a final account the question
did not ask for (甲局和乙局的购房补贴哪个高: one phase both sides, or none). Each side is labelled with its year and phase,
and two years the question did not name are said in the message."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ingest.record import AMOUNT_PLACES, UNIT_WAN
from query_api.answering.rows import Result, answer_row, asked_years, document_of_source, plain

if TYPE_CHECKING:
    from query_api.nlu import Question


def compared(q: Question, found: Result, labels: list[str], programs: bool = False) -> Result | None:
    """`found`'s two answers — one of each of the two organisations `labels`, in 万元 — ordered and their difference
    added; None when the question compares nothing or the answers are not one a side. `programs`: `labels` are two
    programs' names (A和B这两个项目，哪个钱多), each answer the one of that name, both perhaps of one document."""
    if q.operation != "compare" or (found_sides := _sides(q, found, labels, programs)) is None:
        return None
    sides, phases = found_sides
    years = _years_said(q, phases)
    first, second = sorted(sides, key=lambda a: a["value"], reverse=not q.smaller)
    high, low = max(a["value"] for a in sides), min(a["value"] for a in sides)
    diff = round(high - low, AMOUNT_PLACES)
    row = answer_row(f"{first['label']}比{second['label']}{'少' if q.smaller else '多'}", diff, UNIT_WAN, "difference",
                     None, f"{plain(high)} − {plain(low)} = {plain(diff)}{UNIT_WAN}（计算所得）",
                     "；".join(a["source"] for a in (first, second)))
    return Result([first, second, row], found.sparql, f"{first['label']}{'更少' if q.smaller else '更多'}，相差"
                  f"{plain(diff)}{UNIT_WAN}（计算所得）{years}。", found.cube_query)


def unpaired(q: Question, found: Result, labels: list[str]) -> Result | None:
    """Two programs compared (`labels`) each found, but in no one year and phase both (a budget beside a final
    account): `found` as it is, the message saying why no difference is given and where each is printed; None
    otherwise."""
    if q.operation != "compare" or len(labels) != 2:
        return None
    printed = [sorted({p for a in found.answers if a.get("label") == label
                       and (p := _phase(document_of_source(a.get("source"))))}) for label in labels]
    if not all(printed) or set(printed[0]) & set(printed[1]):  # (one year and phase both: some other reason)
        return None
    where = "；".join(f"{label}：{'、'.join(f'{y}年{phase}' for y, phase in years)}"
                      for label, years in zip(labels, printed, strict=True))
    return Result(found.answers, found.sparql, f"两个项目没有印在同一年的同一类文件里（{where}），所以没有计算差额；"
                                               "可以问明年份再比较。", found.cube_query)


def added(q: Question, found: Result, labels: list[str]) -> Result | None:
    """`found`'s two answers — one of each of the two organisations `labels`, in 万元, each its own document — and
    their sum, computed and said so (普陀区司法局2026年和普陀区商务委2025年的机关运行经费加起来多少); None when the question
    adds nothing up or the answers are not one a side."""
    if q.operation != "sum" or (found_sides := _sides(q, found, labels)) is None:
        return None
    sides, phases = found_sides
    total = round(sum(a["value"] for a in sides), AMOUNT_PLACES)
    years = _years_said(q, phases)
    row = answer_row(f"{sides[0]['label']}与{sides[1]['label']}合计", total, UNIT_WAN, "sum", None,
                     " + ".join(plain(a["value"]) for a in sides) + f" = {plain(total)}{UNIT_WAN}（计算所得）",
                     "；".join(a["source"] for a in sides))
    return Result([*sides, row], found.sparql, f"两者合计{plain(total)}{UNIT_WAN}（计算所得）{years}。", found.cube_query)


def _years_said(q: Question, phases: list) -> str:
    """Two years the question did not ask for: the figures are set beside each other as they are, and it is said."""
    return "" if len(set(asked_years(q))) >= 2 or phases[0] == phases[1] else \
        f"（两边年份不同：{'与'.join(f'{y}年{p}' for y, p in phases)}）"


def _sides(q: Question, found: Result, labels: list[str], programs: bool = False) -> tuple[list[dict], list] | None:
    """The answer of each of the two organisations `labels` — each one answer in 万元 of its own document, both of
    one phase unless the question names the two years — labelled with its year and phase, and those phases; None
    otherwise. `programs`: `labels` are two programs' names, each side the answer of that name (one document may
    print both)."""
    answers = _latest_both(q, found.answers, labels) if programs else found.answers
    if len(labels) != 2 or len(answers) != 2 or any(a.get("unit") != UNIT_WAN or a.get("value") is None for a in answers):
        return None
    if programs:
        sides = [next((a for a in answers if a.get("label") == label), None) for label in labels]
    else:
        sides = [next((a for a in answers if label in "".join(a.get(k) or "" for k in ("label", "text", "source"))), None)
                 for label in labels]
    documents = {document_of_source(a.get("source")) for a in answers}
    if None in sides or sides[0] is sides[1] or len(documents) != 2 and not (programs and len(documents) == 1):
        return None
    phases = [_phase(document_of_source(a.get("source"))) for a in sides]
    if len(set(asked_years(q))) < 2 and (None in phases or phases[0][1] != phases[1][1]):
        return None  # a side of no year asked: a budget is never set beside a final account
    return [{**a, "label": _labelled(a["label"], phase)} for a, phase in zip(sides, phases, strict=True)], phases


def _latest_both(q: Question, answers: list[dict], labels: list[str]) -> list[dict]:
    """Two programs asked of no year whose answers are of several documents (审计培训 in a budget and a final
    account): the answers of the latest one document printing both, of one answer each; `answers` otherwise."""
    if len(answers) <= 2 or asked_years(q):
        return answers
    by_document: dict[str, list[dict]] = {}
    for a in answers:
        by_document.setdefault(document_of_source(a.get("source")), []).append(a)
    both = [(phase, found) for document, found in by_document.items() if (phase := _phase(document))
            and sorted(a.get("label") for a in found) == sorted(labels)]
    latest = max((phase[0] for phase, _ in both), default=None)
    of_latest = [found for phase, found in both if phase[0] == latest]
    return of_latest[0] if len(of_latest) == 1 else answers


# the year and phase of a source's document (临江市司法局2026年部门预算（本级）)
_PHASE = re.compile(r"(\d{4})年部门(预算|决算)")


def _phase(document: str) -> tuple[int, str] | None:
    """The year and phase (预算/决算) of a source's document; None when it says none."""
    found = _PHASE.search(document)
    return (int(found.group(1)), found.group(2)) if found else None


def _labelled(label: str, phase: tuple[int, str] | None) -> str:
    """`label` with its figure's year and phase said (临江市司法局购房补贴（2026年预算）)."""
    if phase is None or phase[1] in label:
        return label
    return f"{label}（{phase[1]}）" if f"{phase[0]}年" in label else f"{label}（{phase[0]}年{phase[1]}）"
