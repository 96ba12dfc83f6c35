"""How many programs a final account's narrative says were evaluated, as printed — the store may hold fewer
programs than were evaluated (only the key ones' tables are printed), so a count of them is never this:

    组织对2021年度“某某项目”等4个一般公共预算项目支出开展绩效自评          → evaluated_programs 4
    开展了部门整体支出及4个项目绩效自评 / 绩效自评项目共4个                  → evaluated_programs 4
    对2023年度一般公共预算项目支出开展绩效自评，其中一级项目0个，二级项目13个  → evaluated_programs 13
    …；组织对2023年度2个政府性基金预算项目开展绩效自评                      → each fund's count added in
    共组织对3个项目开展了重点绩效评价                                      → key_evaluated_programs 3
    绩效评级为“优”的项目4个；“良”的项目0个                                → graded_programs 4 (label 优), 0 (良)

    program_counts(paras, year)   a Fact per kind of `year`, from the first paragraph stating it (its line the
                                  fact's source), its text the sentences counted
    graded_counts(paras, year)    a Fact `graded_programs` per grade of `year`, the grade as printed its label,
                                  from the first paragraph printing grades

A sentence gives one count of a kind: its whole (绩效自评项目共4个) where it says one, else each fund's added
(开展了4个项目绩效自评，绩效自评项目共4个 is 4, said twice). The levels are not added: a 二级 program sits inside
a 一级 one, so 一级项目2个，二级项目9个 is 9 programs evaluated, not 11 — the documents count the evaluated
programs at the 二级 level (一级项目0个，二级项目13个), the 一级 ones only grouping them. Counts of another year
('2023年对5个项目开展了绩效自评' in the 2024 budget) and of programs to come (拟, 计划) are not read.
"""

from __future__ import annotations

import re

from ingest.prose import Paragraph, canonical
from ingest.record import Fact
from ingest.stated import of_year
from ingest.text import chinese_number, sentence_of, squeeze

_N = r"(\d+|[一二两三四五六七八九十百]+)"
# a fund's or a level's name between the number and 项目 (一般公共预算, 政府性基金预算, 二级)
_OF = r"(?:[^，。；、“”0-9]{0,12}?)"
_SELF = r"(?:绩效)?自评"
_KEY = r"重点(?:绩效)?评价"
# 绩效自评项目共4个: the sentence's whole count, not one more fund's
_TOTAL = re.compile(rf"{_SELF}(?:的)?项目(?:共|共有|有|为)*{_N}个")
PATTERNS: list[tuple[str, re.Pattern]] = [
    ("key_evaluated_programs", re.compile(rf"{_N}个{_OF}项目(?:支出)?(?:开展|进行)了?{_KEY}")),
    ("evaluated_programs", re.compile(rf"{_N}个{_OF}项目(?:支出)?(?:开展|进行)?了?{_SELF}")),
    ("evaluated_programs", _TOTAL),
    # 开展绩效自评，其中一级项目0个，二级项目13个: the 二级 count (the 一级 one only when no 二级 program is)
    ("evaluated_programs", re.compile(rf"{_SELF}[，,]?其中[：:]?一级项目{_N}个[，,、]二级项目{_N}个")),
]
_NOT_DONE = re.compile(r"拟|计划|将")

GRADED = "graded_programs"
_GRADES = r"优秀|良好|不合格|合格|优|良|中|较差|差"
# a grade said as one (评级为“优”, 评价等级为优秀, or quoted: “良”), then the count of its programs
_GRADE = re.compile(rf"(?:为[“\"]?(?P<said>{_GRADES})[”\"]?|[“\"](?P<quoted>{_GRADES})[”\"])(?:等级|等次|级)?的项目"
                    rf"(?:有|共|为)*{_N}个")
_EVALUATION = re.compile(r"评级|评价|自评|等级|等次")


def program_counts(paras: list[Paragraph], year: int | None) -> list[Fact]:
    """The counts of evaluated programs of `year` the paragraphs print (module docstring), the first paragraph of
    each kind; within it every fund's clause added (一般公共预算 13, 政府性基金 0), one wording per sentence."""
    found: dict[str, Fact] = {}
    for p in paras:
        text = squeeze(canonical(p.text))
        # (key, sentence start) -> [(count, sentence, whether the sentence's whole)]
        per_sentence: dict[tuple[str, int], list[tuple[int, str, bool]]] = {}
        taken: list[tuple[int, int]] = []
        for key, pattern in PATTERNS:
            if key in found:
                continue
            for m in pattern.finditer(text):
                if any(a < m.end() and m.start() < b for a, b in taken) or _NOT_DONE.search(_clause(text, m.start())):
                    continue
                numbers = [chinese_number(g) for g in m.groups()]
                if None in numbers or not of_year(text, m.start(1), year):
                    continue
                taken.append((m.start(), m.end()))
                per_sentence.setdefault((key, text.rfind("。", 0, m.start())), []).append(
                    (numbers[-1] or numbers[0], sentence_of(text, m), pattern is _TOTAL))
        counts: dict[str, list[tuple[int, str]]] = {}
        for (key, _), said in per_sentence.items():
            whole = [(n, s) for n, s, total in said if total]  # another wording there says the same programs again
            counts.setdefault(key, []).extend(whole or [(n, s) for n, s, _ in said])
        for key, said in counts.items():
            sentences = list(dict.fromkeys(s for _, s in said))
            found[key] = Fact(key, sum(n for n, _ in said), "个", text="".join(sentences)[:300], source=p.source())
    return list(found.values())


def _clause(text: str, start: int) -> str:
    """The words of `text` before `start` in its clause (after the last 。；，)."""
    return text[max(text.rfind(mark, 0, start) for mark in "。；，,") + 1:start]


def graded_counts(paras: list[Paragraph], year: int | None) -> list[Fact]:
    """How many evaluated programs each grade got, as printed (绩效评级为“优”的项目4个；“良”的项目0个): of the first
    paragraph printing grades in a sentence on evaluation, each grade once, of `year` (not of programs to come)."""
    for p in paras:
        text = squeeze(canonical(p.text))
        found: dict[str, Fact] = {}
        for m in _GRADE.finditer(text):
            grade, count = m.group("said") or m.group("quoted"), chinese_number(m.group(3))
            sentence = sentence_of(text, m)
            if count is None or grade in found or not _EVALUATION.search(sentence) \
                    or _NOT_DONE.search(_clause(text, m.start())) or not of_year(text, m.start(), year):
                continue
            found[grade] = Fact(GRADED, count, "个", label=grade, text=sentence, source=p.source())
        if found:
            return list(found.values())
    return []
