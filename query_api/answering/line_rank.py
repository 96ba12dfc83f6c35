"""Which line of one department's classification holds the most (or least) money (重庆水利局按功能分类哪一类支出最多 /
哪个支出科目（项级）的钱最多 / 哪个款级科目最少): the coded lines of the level asked (类, 款, 项: a 功能分类 code of 3, 5 or
7 digits, a 经济分类 one of 3 or 5; no level said: the finest the document prints) of one document (the year asked,
else the latest; 汇总 before 本级, the budget before the final account), ranked by their whole figure. The figures
ranked are one table's (the expenditure table printing most lines of that level, its total column, each code's
first row), so lines are never compared across tables of other funds (a 一般公共预算 table's 农林水 beside the
all-funds one). The top one (or the number asked, lines tied with the last kept) is answered with its code, amount
and line; the message names the next ones and how many lines were compared. A table or a parent line named
(一般公共预算当年拨款里哪个项级科目最大, 商品和服务支出里最大的前三项) restricts the ranking to that table's lines or the
codes under that line, one level finer; none printed: refused with the reason, never the department's whole.

    asked(q, labels)                 whether the question asks which line of one department is largest or smallest
    answer(store, known, q, label)   the top line(s), or a message saying why none
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from graph_store.base import Store
from query_api.answering import codeless
from query_api.answering.figures import ITEM_DIMS, ROW_DIMS
from query_api.answering.rows import (
    TIMEOUT,
    UNIT_WAN,
    Result,
    answer_row,
    asked_years,
    column_rank,
    compare_amounts,
    only_scope,
    plain,
    source_of,
)
from query_api.cube import MAX_LIMIT, TOP, CubeQuery, Cut, run
from query_api.slots import small_number

if TYPE_CHECKING:
    from query_api.ask import Knowledge
    from query_api.nlu import Question

# a line asked for by which (哪个科目, 哪一类支出, 哪个支出科目, 哪个款级科目), never a program (哪个项目) or a part of a
# figure the question names (三公经费里哪一项: answering.part_rank)
_WHICH = re.compile(r"哪(?:几|一|些|(?P<n>[两二三四五六七八九十\d]+))?(?:个|项)?(?:[类款项]级)?(?:(?:支出|收入)?科目|(?P<level>类|款)(?![级型别])|功能分类|经济分类)")
# … or said after the order (支出最多的三个科目, 最少的款级科目)
_AFTER = re.compile(r"(?:最多|最少|最大|最小|最高|最低)的(?:(?P<n>[两二三四五六七八九十\d]+)个)?"
                    r"(?:(?:[类款项]级)?(?:支出|收入)?科目|(?P<level>类|款)(?:支出)?(?![\u4e00-\u9fff]))")
_LEVEL = re.compile(r"(?P<level>[类款项])级")
# … or, once a table or a parent line is named before it (商品和服务支出里, 一般公共预算当年拨款中), by item (哪一项, 前三项,
# 最少的两项), in the clause after a comma too (商品和服务支出里，金额最大的前三项)
_ITEM = re.compile(r"[里中下](?:[^。？?]*?)(?:哪(?:一|几|(?P<n>[两二三四五六七八九十\d]+))?(?:个|项)|前(?:[两二三四五六七八九十\d]+)项"
                   r"|最(?:多|少|大|小|高|低)的(?:[两二三四五六七八九十\d]+)?[个项])(?![项目])")
# a table the question names (一般公共预算当年拨款里, 基本支出中): its measure → the words its table's name holds
_TABLE_WORDS = {"basic_expenditure": "基本支出", "project_expenditure": "项目支出",
                "general_budget_revenue": "一般公共预算", "general_budget_expenditure": "一般公共预算",
                "government_fund_revenue": "政府性基金", "government_fund_expenditure": "政府性基金",
                "fiscal_appropriation_revenue": "财政拨款", "fiscal_appropriation_expenditure": "财政拨款"}
# a table of one fund's money only (一般公共预算支出表, 政府性基金预算支出表): the all-funds table is ranked before it
_ONE_FUND = re.compile(r"一般公共预算|政府性基金|国有资本经营")
_WIDTHS = {"functional": {"类": 3, "款": 5, "项": 7}, "economic": {"类": 3, "款": 5}}
_SCHEME_WORDS = {"functional": "功能分类", "economic": "经济分类"}


def asked(q: Question, labels: list[str]) -> bool:
    """Whether the question asks which classified line of one department holds the most or least money: an order
    asked of no figure but expenditure (其他 measures' parts are part_rank's), no line or program named."""
    within = q.subject != "programs" and bool(_table_words(q) or _parent(q))  # 哪个项目: programs, not lines
    return bool(q.operation == "rank" and q.order and not q.change and len(labels) == 1
                and set(q.measures) <= {"expenditure_total", *_TABLE_WORDS} and not q.entries("program")
                and len({e.label for e in q.entries("item")}) <= 1
                and (_WHICH.search(q.text) or _AFTER.search(q.text) or (within and _ITEM.search(q.text))))


def _table_words(q: Question) -> list[str]:
    """The words of the table the question ranks within (一般公共预算当年拨款里 → 一般公共预算): its measures', and
    those said before the which (政府性基金预算里哪个科目: no measure of its own)."""
    said = next((m for p in (_WHICH, _AFTER, _ITEM) if (m := p.search(q.text))), None)
    before = q.text[:said.start()] if said else ""
    return list(dict.fromkeys([*(_TABLE_WORDS[m] for m in q.measures if m in _TABLE_WORDS),
                               *(w for w in dict.fromkeys(_TABLE_WORDS.values()) if w in before)]))


def _parent(q: Question) -> str | None:
    """The line the question ranks the lines under (商品和服务支出里金额最大的前三项 → 商品和服务支出)."""
    items = {e.label for e in q.entries("item")}
    return next(iter(items)) if len(items) == 1 else None


def _level_asked(text: str) -> str | None:
    return next((m.group("level") for p in (_LEVEL, _WHICH, _AFTER) if (m := p.search(text)) and m.group("level")), None)


def _cells(store: Store, known: Knowledge, q: Question, cuts: list[Cut], dims: list[str], keep) -> tuple[list, dict, str | None]:
    """The cells `keep` accepts of the documents of the phase and scope asked, the query's reply, and the message
    when the department has such cells only in a scope not asked."""
    reply = run(store, CubeQuery(cuts, dims, limit=MAX_LIMIT, leaves_only=False), timeout=TIMEOUT)
    cells = [c for c in reply["cells"] if keep(c) and c["document"] in known.documents
             and (not q.doc_type or c["phase"] == q.doc_type)]
    cells, unheld = only_scope(cells, q, known, lambda c: c["document"])
    return cells, reply, unheld


def answer(store: Store, known: Knowledge, q: Question, label: str) -> Result:
    scheme = "economic" if "经济分类" in q.text else "functional"
    level = _level_asked(q.text)
    years = asked_years(q)
    words, parent = _table_words(q), _parent(q)
    cuts = [Cut("department", label)] + ([Cut("year", "|".join(str(y) for y in years))] if years else [])
    cells, reply, unheld = _cells(store, known, q, cuts, ITEM_DIMS, lambda c: c.get("scheme") in _WIDTHS)
    if parent and not unheld:  # the lines under a line named: its code's scheme, codes it opens, one level finer
        held = [c for c in cells if c.get("code") and _name(c) == parent]
        if not held:
            return Result([], reply["sparql"], f"没有找到{label}带编码的“{parent}”科目，分不出它下面的科目，"
                                               "不以它的合计数作答。", reply["cube_query"])
        scheme, prefix = held[0]["scheme"], held[0]["code"]
    cells = [c for c in cells if c.get("scheme") == scheme]
    widths = _WIDTHS[scheme]
    if parent and not unheld:
        finer = sorted(w for w in widths.values() if w > len(prefix))
        width = widths[level] if level in widths and widths[level] in finer else next(iter(finer), None)
        if width is None:
            return Result([], reply["sparql"], f"“{parent}”（{prefix}）已是{_SCHEME_WORDS[scheme]}最细一级的科目，"
                                               "下面没有再分的科目。", reply["cube_query"])
        cells = [c for c in cells if c["code"].startswith(prefix) and c["code"] != prefix]
        level = next(name for name, w in widths.items() if w == width)
    if words and not unheld:  # a table named: only tables of it, never the department's whole
        cells = [c for c in cells if all(w in str(c.get("table") or "") for w in words)]
        if not cells:
            return Result([], reply["sparql"], f"没有找到{label}单列{'、'.join(words)}、按{_SCHEME_WORDS[scheme]}列出科目的表，"
                                               "不以全部支出的科目作答。", reply["cube_query"])
    key = None
    if cells:  # coded lines: the level's code width (none said: the finest printed)
        width = widths.get(level) if level else max((len(c["code"]) for c in cells if len(c["code"]) in widths.values()),
                                                   default=None)
        noun = next((name for name, w in widths.items() if w == width), level or "")
        key = (lambda c: c["code"] if len(c["code"]) == width else None) if width else None
    elif not unheld and scheme == "functional" and level in (None, "类") and not words and not parent:
        # lines printed by name only (杭州, 西安): the classes are those with nothing above them
        cells, reply, unheld = _cells(store, known, q, [*cuts, Cut("row_parent", TOP)], ROW_DIMS, lambda c: True)
        noun, key = "类", (lambda c: _name(c))
    if unheld:
        return Result([], reply["sparql"], unheld, reply["cube_query"])
    what = _SCHEME_WORDS[scheme]
    if not cells and key is None and level in ("款", "项") and scheme == "functional":
        return Result([], reply["sparql"], f"没有找到{label}带编码的科目，分不出{level}级科目（按名称列出的科目只能比较类）。",
                      reply["cube_query"])
    if not cells:
        return Result([], reply["sparql"], f"没有找到{label}按{what}列出的科目，无法比较各科目的金额。", reply["cube_query"])
    doc = max((known.documents[c["document"]] for c in cells),
              key=lambda d: (d.year or 0, d.scope == "consolidated", d.type == "budget"))
    of = f"{doc.department}{doc.year}年{doc.type_label}（{doc.scope_label}）"
    lines = _one_table([c for c in cells if c["document"] == doc.uri], key, words) if key else []
    if not lines:
        return Result([], reply["sparql"], f"{of}没有按{what}列出{noun}级科目，无法比较。", reply["cube_query"])
    ordered = sorted(lines, key=lambda c: c["value"], reverse=q.order != "asc")
    said = _WHICH.search(q.text) or _AFTER.search(q.text) or _ITEM.search(q.text)
    n = min(q.limit or (said and said.group("n") and small_number(said.group("n"))) or 1, len(ordered))
    last = ordered[n - 1]["value"]
    top = [c for c in ordered if c in ordered[:n] or not compare_amounts(c["value"], last)]
    most = "最少" if q.order == "asc" else "最多"
    table = str(lines[0].get("table") or "")
    # a table of one part of the money (经济分类 printed for the basic expenditure only; a department printing its codes
    # in its 一般公共预算 table alone): said, for its figures are that part's, not the department's whole
    part = re.search(r"基本支出", table) or _ONE_FUND.search(table)
    only = f"（这张表只列{part.group()}{'拨款' if part.group() == '一般公共预算' else ''}）" if part else ""
    if parent:  # the lines under the one named: said with its code
        only += f"“{parent}”（{prefix}）下"
    answers = []
    for at, c in enumerate(top):
        place = f"排第{at + 1}" if len(top) > 1 else most
        answers.append(answer_row(_name(c) + (f"（{c['code']}）" if c.get("code") else ""), c["value"], UNIT_WAN,
                                  "line_item", c["observation"],
                                  f"{of}{only}按{what}的{noun}级科目比较（共{len(lines)}个），{_name(c)}{place}："
                                  f"{c['column']} {plain(c['value'])}万元",
                                  source_of(known, c["document"], c.get("table"), c.get("line"))))
    after = [f"{_name(c)}（{plain(c['value'])}万元）" for c in ordered[len(top):len(top) + 3]]
    message = f"{of}《{table}》{only}按{what}列出的{len(lines)}个{noun}级科目里，{most}的是" + \
        "、".join(a["label"] for a in answers) + (f"；其次是{'、'.join(after)}" if after else "") + "。"
    return Result(answers, reply["sparql"], message, reply["cube_query"])


def _name(c: dict) -> str:
    return codeless.row_name(str(c.get("observation_label", "")), c["column"]) or c.get("code") or ""


def _one_table(cells: list[dict], key, words: list[str] = ()) -> list[dict]:
    """The lines `key` names (a code of the level's width, a class's name) of one table, each once: the expenditure
    table printing most of them (the first printed of two alike; of tables holding the `words` asked, the one
    naming no other part of the money: 一般公共预算 asked is not its 基本支出 table), its total column, each line's
    first row (one printed again further down is a unit's or a block's breakdown)."""
    others = [w for w in dict.fromkeys(_TABLE_WORDS.values()) if w not in words] if words else []
    coded = [c for c in cells if key(c) and column_rank(c.get("column")) is not None]
    spent = [c for c in coded if "支出" in str(c.get("table") or "")] or coded
    tables: dict[str, list[dict]] = {}
    for c in spent:
        tables.setdefault(str(c.get("table") or ""), []).append(c)
    if not tables:
        return []

    def held(rows: list[dict]) -> tuple:
        best = min(column_rank(c["column"]) for c in rows)
        kept = [c for c in rows if column_rank(c["column"]) == best]
        return -sum(w in str(kept[0].get("table") or "") for w in others), len({key(c) for c in kept}), \
            not _ONE_FUND.search(str(kept[0].get("table") or "")), \
            -min(c.get("line") or 0 for c in kept)

    rows = max(tables.values(), key=held)
    best = min(column_rank(c["column"]) for c in rows)
    by_code: dict[str, dict] = {}
    for c in sorted(rows, key=lambda c: c.get("line") or 0):
        if column_rank(c["column"]) == best:
            by_code.setdefault(key(c), c)
    return list(by_code.values())
