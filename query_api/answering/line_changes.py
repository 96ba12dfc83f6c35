"""Which lines of one department's classification changed on last year the way the question asks (某局2026年哪几类支出
比上年减少了 / 哪一项比上年执行数是减少的？减了多少): every line whose change its document's text states (比上年增减,
ingest.item_changes) with the sign asked, each with its change (a fall asked positive, as every change) and its line,
the largest first. 类 or 款 asked: the 功能分类 lines of that level only (a code of 3 or 5 digits; a line printed by name
with nothing above it is a 类); where the text states no 功能分类 类 (its 项 only), the 经济分类's 类 (301 工资福利支出),
and for the line that changed most the top of the lines it does state beside them — no 类's change is ever added up
from its 项 (a 项 of last year gone this year would go missing). Only what the text states is tested: a line it
states no change of is not listed, whatever its rows, and the message says so.

    asked(q, labels)                 whether the question asks for such lines of one department
    answer(store, known, q, label)   the lines, of one document (the year asked, else the latest; 汇总 before 本级)
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from graph_store.base import Store
from ingest.record import CHANGE_COLUMN
from query_api.answering import codeless
from query_api.answering.change_direction import as_asked, by_size
from query_api.answering.changes import change_word
from query_api.answering.figures import ITEM_DIMS, ROW_DIMS
from query_api.answering.rows import (
    TIMEOUT,
    UNIT_WAN,
    Result,
    answer_row,
    asked_years,
    compare_amounts,
    only_scope,
    source_of,
)
from query_api.cube import MAX_LIMIT, TOP, CubeQuery, Cut, run

if TYPE_CHECKING:
    from query_api.ask import Knowledge
    from query_api.nlu import Question

# lines asked for by which (哪几类支出, 哪一项, 哪些科目), never programs (哪些项目) or departments
_WHICH_LINES = re.compile(r"哪(?:几|一|些)?(?:个|项)?(?:(?P<level>类|款)|科目|功能分类|经济分类)|哪(?:几|一)项(?!目)|哪些支出")
_LEVELS = {"类": 3, "款": 5}
FUNCTIONAL, ECONOMIC = "functional", "economic"


def asked(q: Question, labels: list[str]) -> bool:
    """Whether the question asks which lines of one department rose (or fell) on last year (哪几类支出减少了: a line's
    rise or fall is on last year, the one its text states)."""
    return bool((q.change_sign or by_size(q)) and not q.change_rate and len(labels) == 1
                and not q.entries("item", "program") and _WHICH_LINES.search(q.text))


def answer(store: Store, known: Knowledge, q: Question, label: str) -> Result:
    years = asked_years(q)
    cuts = [Cut("column", CHANGE_COLUMN), Cut("department", label)] + \
        ([Cut("year", "|".join(str(y) for y in years))] if years else [])
    reply = run(store, CubeQuery(cuts, ROW_DIMS, limit=MAX_LIMIT, leaves_only=False), timeout=TIMEOUT)  # coded lines and lines by name
    # of the phase asked where there are such (比上年执行数 is what a budget compares with, so no phase said for sure)
    cells = [c for c in reply["cells"] if c["phase"] == q.doc_type] or reply["cells"]
    cells, _ = only_scope(cells, q, known, lambda c: c["document"])
    docs = [known.documents[c["document"]] for c in cells if c["document"] in known.documents]
    if not docs:
        return Result([], reply["sparql"], f"{label}的文件没有写明各科目比上年的增减。", reply["cube_query"])
    doc = max(docs, key=lambda d: (d.year or 0, d.scope == "consolidated", d.type == "budget"))
    cells = [c for c in cells if c["document"] == doc.uri]
    cells, level, functional = _of_level_asked(store, q, cuts, cells)
    sign = q.change_sign  # 0: a change asked by its size (变化最大), either way, each said with its own direction

    def moved(c: dict) -> bool:
        return c["value"] * sign > 0 if sign else compare_amounts(c["value"], 0) != 0

    kept = sorted((c for c in cells if moved(c)), key=lambda c: -abs(c["value"]))
    what = f"比上年{'减少' if sign < 0 else '增加'}" if sign else "比上年增减"
    ranked = _ranked(q, kept)
    # 类 of the 经济分类 ranked where the text states the 功能分类's 项 only: the top of those beside them
    beside = _ranked(q, [c for c in functional if moved(c)])
    answers = []
    for c in [*(ranked or kept), *beside]:
        name = codeless.row_name(str(c.get("observation_label", "")), CHANGE_COLUMN)
        said = "（下级科目，文件写明）" if c in beside else "（文件写明）"
        label = f"{name}{what}" if sign else f"{name}比上年{'减少' if c['value'] < 0 else '增加'}"
        answers.append(answer_row(label, as_asked(q, c["value"]), UNIT_WAN, "change",
                                  c["observation"], f"{name}比上年{change_word(c['value'])}{said}",
                                  source_of(known, c["document"], c.get("table"), c.get("line"))))
    of = f"{doc.department}{doc.year}年{doc.type_label}（{doc.scope_label}）"
    noun = ("经济分类的类" if functional and cells else "类") if level == 3 else "款" if level == 5 else "科目"
    message = (f"{of}的说明写明{what}的{noun}有{len(kept)}个（只看文件写明比上年增减的{noun}，共{len(cells)}个）。"
               if answers else f"{of}的说明写明比上年增减的{len(cells)}个{noun}里，没有{what}的。" if cells
               else f"{of}的说明没有写明哪一{noun}比上年的增减。")
    extreme = ('最少' if q.order == 'asc' else '最多') if sign else ('最小' if q.order == 'asc' else '最大')
    if ranked:  # 哪个科目比上年增加得最多: the top one(s), the rest counted in the message
        top = "、".join(_named(c, sign) for c in ranked)
        message = f"{message[:-1]}；{what}{extreme}的是{top}" + ("（按增减的多少排，不论增减）。" if not sign else "。")
    if functional and (cells or beside):  # the 功能分类 stated by 项 only: no 类's change is printed, none added up
        most = "、".join(_named(c, sign) for c in beside)
        message = (message + "说明没有写明功能分类各类的增减" if cells else f"{of}的说明没有写明各类比上年的增减") + \
            "（只写了下级科目）" + \
            (f"；写明的下级科目里{what}{extreme}的是{most}。" if most else "。")
    return Result(answers, reply["sparql"], message, reply["cube_query"])


def _named(c: dict, sign: int) -> str:
    """A line's name, with its direction where none was asked (变化最大: 审计业务（减少181.13万元）)."""
    return codeless.row_name(str(c.get("observation_label", "")), CHANGE_COLUMN) + \
        ("" if sign else f"（{change_word(c['value'])}）")


def _ranked(q: Question, kept: list[dict]) -> list[dict]:
    """The lines asked for by order (哪个科目增加得最多 / 减少最少 / 前三): that many from the top, by the size of the
    change in the direction asked, lines tied with the last kept; none when no order is asked."""
    if not q.order or not kept:
        return []
    ordered = sorted(kept, key=lambda c: abs(c["value"]), reverse=q.order != "asc")
    n = min(q.limit or 1, len(ordered))
    last = abs(ordered[n - 1]["value"])  # tied at the amount's places (a 元 document's 15 元 is no tie)
    return [c for c in ordered if not compare_amounts(abs(c["value"]), last) or c in ordered[:n]]


def of_level_asked(store: Store, q: Question, cuts: list[Cut], cells: list[dict]) -> tuple[list[dict], int | None]:
    """The cells (drilled down by observation; `cuts` the query's) of the lines of the level asked (哪几类: the 类,
    哪几款: the 款; 类 of the 经济分类 where no 功能分类 类 is among them), every cell when none is, and the code
    width of that level."""
    chosen, level, _ = _of_level_asked(store, q, cuts, cells)
    return chosen, level


def _of_level_asked(store: Store, q: Question, cuts: list[Cut], cells: list[dict]) \
        -> tuple[list[dict], int | None, list[dict]]:
    """`of_level_asked`, and the 功能分类 lines among `cells` when its 类 are those of the 经济分类 (none else)."""
    functional: list[dict] = []
    said = _WHICH_LINES.search(q.text)
    level = _LEVELS.get(said.group("level")) if said and said.group("level") else None
    if level is not None:  # of one level: a 功能分类 code of its width, or (a 类) a line by name with nothing above it
        coded = run(store, CubeQuery(cuts, ITEM_DIMS, limit=MAX_LIMIT, leaves_only=False), timeout=TIMEOUT)["cells"]
        codes = {c["observation"]: (c["scheme"], c["code"]) for c in coded}
        tops = set()
        if level == 3:
            tops = {c["observation"] for c in run(store, CubeQuery([*cuts, Cut("row_parent", TOP)], ROW_DIMS, limit=MAX_LIMIT),
                                                  timeout=TIMEOUT)["cells"]}
        if "经济分类" in q.text:  # 按经济分类哪一类支出增长最多: that classification's lines of the level, by code only
            return [c for c in cells if _of_level(codes.get(c["observation"]), False, level, ECONOMIC)], level, []
        chosen = [c for c in cells if _of_level(codes.get(c["observation"]), c["observation"] in tops, level)]
        if not chosen and level == 3:  # no 功能分类 类 stated (its 项 only): the 经济分类 类 (301 工资福利支出) are 类 too
            chosen = [c for c in cells if _of_level(codes.get(c["observation"]), False, level, ECONOMIC)]
            # (a document of no coded lines (its text's lines by name): every line stated, none of them a 类)
            functional = [c for c in cells if (codes.get(c["observation"]) or ("",))[0] == FUNCTIONAL] \
                if any(c["observation"] in codes for c in cells) else [c for c in cells if c["observation"] not in tops]
        cells = chosen
    return cells, level, functional


def which_lines(q: Question) -> bool:
    """Whether the question asks which lines (哪几类支出, 哪一项, 哪些科目), never programs or departments."""
    return bool(_WHICH_LINES.search(q.text))


def _of_level(code: tuple[str, str] | None, top: bool, width: int, scheme: str = FUNCTIONAL) -> bool:
    """Whether a line (its (scheme, code), None for a line printed by name) is a line of the level asked of
    `scheme` (功能分类 unless said)."""
    return code[0] == scheme and len(code[1]) == width if code else top
