"""How many figures read from prose cite the line that prints them: `python benchmarks/cited_lines.py PATH...`.

Every figure keeps its source line; a reader of prose that cites its paragraph's first line names a line that
may print no figure at all (a heading, a table's title, the sentence before). For each document under PATH (a
file or a folder) this parses the record and, for each figure read from the narrative — the facts, the line
items the narrative states (their table 说明：…), the indicators (of the 绩效自评 text; of tables apart), the programs' stated changes
— looks whether the line it cites prints its value (a number on the line equal to it or to its size; a zero or
a text value is not counted: a sentence prints 0 for anything, 持平 prints none). It prints per kind
`cited/counted`, then the figures citing another line, so a change to the readers is measured before → after
(run it with `PYTHONPATH` set to each checkout).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.append(str(REPO))  # after PYTHONPATH, so the code measured can be another checkout's

from ingest.parse import expand_paths, parse_document  # noqa: E402
from ingest.reader import read_document  # noqa: E402

_FIGURE = re.compile(r"\d[\d,]*(?:\.\d+)?")


def prints(text: str, value: object) -> bool | None:
    """Whether `text` prints `value` (or its size); None when the value cannot be told (zero, text)."""
    try:
        number = abs(float(value))
    except (TypeError, ValueError):
        return None
    if number == 0:
        return None
    figures = [float(f.replace(",", "")) for f in _FIGURE.findall(text) if f.count(".") <= 1]
    # a figure in 万元 printed in 元 by its table
    return any(abs(f - number) < 1e-9 or abs(f - number * 10000) < 1e-4 for f in figures)


def figures(record) -> list[tuple[str, str, object, object]]:
    """(kind, what, value, source) of each figure the narrative gives the record."""
    out = [("fact", f.key, f.value, f.source) for f in record.facts]
    out += [("item", f"{i.code or i.name} {column}", value, i.source) for i in record.line_items
            if i.table.startswith("说明") for column, value in i.values.items()]
    for ind in record.indicators:
        kind = "indicator (text)" if ind.source.table == "绩效自评" else "indicator (table)"
        out += [(kind, f"{ind.name} {what}", value, ind.source)
                for what, value in (("target", ind.target), ("actual", ind.actual)) if value is not None]
    out += [("program change", p.name, p.change, p.change_source) for p in record.programs if p.change_source]
    return out


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    totals: dict[str, list[int]] = {}
    misses: list[str] = []
    for path in expand_paths(argv):
        doc = read_document(path)
        try:
            record = parse_document(doc)
        except Exception as exc:  # not a budget document: nothing to count
            print(f"{path.name}: {exc.__class__.__name__}", file=sys.stderr)
            continue
        lines = {line.no: line.text for line in doc.lines}
        for kind, what, value, source in figures(record):
            if source.file not in (None, doc.name):
                continue  # a part's line: another file's numbering
            said = prints(lines.get(source.line, ""), value)
            if said is None:
                continue
            count = totals.setdefault(kind, [0, 0])
            count[0] += said
            count[1] += 1
            if not said:
                misses.append(f"  {path.name}:{source.line} {kind} {what} = {value}: "
                              f"{lines.get(source.line, '').strip()[:60]}")
    for kind, (cited, counted) in totals.items():
        print(f"{kind}: {cited}/{counted} cite the line printing their value")
    cited, counted = (sum(c[i] for c in totals.values()) for i in (0, 1))
    print(f"all: {cited}/{counted}")
    print("citing another line:", *misses, sep="\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
