"""A program named by what it does rather than by its printed name (保障100台自助终端运行的项目要完成多少个证照自主
签发): the one program of the organisations named whose name and goal (gk:performanceTarget) hold most of the words
describing it, and the question asked again of it by name — every step that answers a named program's count (its
indicators, the counts its goal states) then answers it. Only a count is asked this way (几个, 多少台: what a goal
states); two programs the words fit alike are asked about, never one picked; none fitting half of the words, the
question is answered as it was asked.

    again(store, known, q)   the question asked of the program described, its name and the words that found it;
                             None where it describes none, names one, or asks no count
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from graph_store.base import Store
from ingest.stated_parts import COUNTERS
from query_api.answering.goal_counts import shared_chars
from query_api.answering.programs import program_rows
from query_api.answering.rows import Result, org_labels
from query_api.lexicon import ORG_KINDS, normalise

if TYPE_CHECKING:
    from query_api.ask import Knowledge
    from query_api.nlu import Question

# the words before these name the program by what it does (保障100台自助终端运行的项目, 开通服务器的那个项目)
_DESCRIBED = re.compile(r"(?:的|那个|那项|这个|这项)+项目")
# a count asked of it in a measure word and what it counts (要完成多少个证照自主签发, 部署到几个政务大厅), never the
# programs counted (预算超过100万元的项目有几个: no program described)
_COUNT_ASKED = re.compile(rf"(?:几|多少)(?:{COUNTERS})[\u4e00-\u9fff]{{2}}")
_SHORTEST = 4  # characters describing a program, at the least


def _described(q: Question) -> tuple[str, str] | None:
    """The words describing a program (保障100台自助终端运行) and those after them (要完成多少个证照自主签发), or None."""
    rest = normalise(q.text)
    for mention in q.mentions:  # the organisations named, set apart from the words describing the program
        if set(mention.kinds) & set(ORG_KINDS):
            rest = rest.replace(normalise(mention.text), " ", 1)
    found = _DESCRIBED.search(rest)
    if found is None:
        return None
    before = re.split(r"[\s，,。？?：:]", rest[:found.start()])[-1]
    before = re.sub(r"^(?:\d{4}年度?)", "", before)
    return (before, rest[found.end():]) if len(before) >= _SHORTEST else None


def again(store: Store, known: Knowledge, q: Question) -> tuple[str, str, str] | Result | None:
    """(the question asked of the program by name, its name, the words describing it); a Result asking which where
    two programs fit alike; None where no program is described, one is named, no count is asked or none fits."""
    if q.entries("program") or not (labels := org_labels(q, known)):
        return None
    described = _described(q)
    if described is None or not _COUNT_ASKED.search(described[1]):
        return None
    words, after = described
    rows, _ = program_rows(store, known, q, [], organisations=True)
    best: dict[str, int] = {}
    for r in rows:
        said = normalise(f"{r.label}{r.target or ''}")
        best[str(r.label)] = max(best.get(str(r.label), 0), shared_chars(words, said))
    top = max(best.values(), default=0)
    if 2 * top < len(words):
        return None
    names = sorted(name for name, score in best.items() if score == top)
    if len(names) > 1:
        return Result(message=f"“{words}”的项目有{len(names)}个：{'、'.join(names)}，请说明问的是哪一个。")
    when = f"{q.year}年" if q.year else ""
    return f"{'、'.join(labels)}{when}{names[0]}{after}", names[0], words
