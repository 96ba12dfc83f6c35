"""A classified line as a share of another line it sums into (行政运行占气象事务的比例, 某项占一般公共服务支出的
比重): the whole is a sub-total the document keeps only as a table row, so both figures are read from the
same document, table and column (合计 before its parts), each with its line, and the share is computed
from them — never from rows of two tables or two columns.

    sides(q)   the part's and the whole's lines, whose rows compiler._item_rows asks for (by code)
    read(known, q, compiled, cells, cube)   the reader: one share per document
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ingest.record import NARRATIVE_COLUMNS
from query_api.answering import codeless
from query_api.answering.alike import PHASE_WORDS, SCOPE_WORDS
from query_api.answering.rows import PREFERRED_COLUMNS, Result, answer_row, column_rank, plain, source_of

if TYPE_CHECKING:
    from query_api.answering.compiler import Compiled
    from query_api.ask import Knowledge
    from query_api.nlu import Question

# a table of one fund's (一般公共预算支出表): its rows are no part of a whole of every fund's (支出总额)
ONE_FUND_TABLE = re.compile(r"财政拨款|一般公共预算|政府性基金|国有资本")


def sides(q: Question) -> tuple[list, list] | None:
    """The part's and the whole's classified entries, in the order the question names them (A占B: A the part),
    or None unless two different lines are named."""
    named = sorted((m for m in q.mentions if "item" in m.kinds and m.end > m.start), key=lambda m: m.start)
    if len(named) < 2:
        return None
    # coded lines only (a line printed without a code is cut by its name elsewhere), and of the part's
    # lines those inside the whole's (行政运行 is a line of every 类: the one whose code the whole's opens)
    part, whole = (coded(m.entries) for m in (named[0], named[-1]))
    part = [e for e in part if any(code_of(e.uri).startswith(code_of(w.uri)) and e.uri != w.uri for w in whole)]
    whole = [w for w in whole if any(code_of(e.uri).startswith(code_of(w.uri)) for e in part)]
    return (part, whole) if part and whole else None


def coded(entries: list) -> list:
    """The items of `entries` that are classification codes: a line printed without one (answering/codeless)
    is cut by its row name on the item path, never by a code."""
    return [e for e in entries if e.kind == "item" and codeless.parse(e.uri) is None]


def code_of(uri: str) -> str:
    """The classification code of a code's IRI (…/code/functional/2010301 → 2010301)."""
    return uri.rsplit("/", 1)[-1]


def read(known: Knowledge, q: Question, compiled: Compiled, cells: list[dict], cube: dict) -> Result:
    """One share per document: the part's and the whole's rows of one table and column (the table's total
    column first), the chosen document the phase and scope asked, else 汇总 before 本级, budget first."""
    part_codes = set(compiled.keys)
    groups: dict[tuple, dict[str, dict]] = {}
    for c in cells:
        if c.get("column") in NARRATIVE_COLUMNS:  # a change or last year's figure the text states
            continue
        side = "part" if code_of(str(c.get("code", ""))) in part_codes else "whole"
        groups.setdefault((c["document"], c.get("table"), c.get("column")), {}).setdefault(side, c)
    pairs = [(g["part"], g["whole"]) for g in groups.values() if "part" in g and "whole" in g and g["whole"]["value"]]
    pairs = [p for p in pairs if not q.doc_type or p[0]["phase"] == q.doc_type]
    pairs = [p for p in pairs if not q.scope or p[0]["scope"] == q.scope]
    pairs.sort(key=lambda p: (p[0]["scope"] != "consolidated", p[0]["phase"] != "budget",
                              column_rank(p[0].get("column"), len(PREFERRED_COLUMNS)), "支出" not in (p[0].get("table") or ""),
                              bool(ONE_FUND_TABLE.search(p[0].get("table") or "")),  # every fund's table first
                              p[0].get("table") or "", p[0].get("line") or 0))
    name, whole_name = compiled.part_label, compiled.whole_label
    if not pairs:
        return Result([], cube["sparql"], f"没有找到同一张表、同一栏里的{name}和{whole_name}，无法计算占比。",
                      cube["cube_query"])
    part, whole = pairs[0]
    pct = round(part["value"] / whole["value"] * 100, 2)
    where = f"{part['department_label']}{part['year']}年（{PHASE_WORDS.get(part['phase'], '')}，" \
            f"{SCOPE_WORDS.get(part['scope'], '')}）{part.get('table') or ''}“{part.get('column') or ''}”栏"
    text = f"{where}：{name} {plain(part['value'])}万元 ÷ {whole_name} {plain(whole['value'])}万元 = {plain(pct)}%（计算所得）"
    sources = "；".join(filter(None, (source_of(known, c["document"], c.get("table"), c.get("line")) for c in (part, whole))))
    row = answer_row(f"{part['department_label']}{part['year']}年{name}占{whole_name}的比例", pct, "%", "share",
                     part["department"], text, sources)
    return Result([row], cube["sparql"], f"{name}占{whole_name}的比例（同一张表同一栏的两行相除）：{text}。",
                  cube["cube_query"])
