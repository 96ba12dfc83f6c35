"""Write a corpus of N documents from the real one: the originals, then variants of its text documents.

    .venv/bin/python benchmarks/multiply_corpus.py OUT N [--source DIR ...] [--check]

Sources default to ../shared/corpus ($GOVKG_SHARED) and ../shared/corpus-national (the bundled samples/
without ../shared). The originals are copied unchanged, so every question about them keeps its answer.
Each variant of a text document is another, invented department that no question about the originals can
meet, while its document stays one the parser reads exactly as the original:

- every name the parser reads from the original (the department and its place, internal and subordinate
  units, programs, indicators, the duties' sentences) is rewritten wherever the text prints it, also
  across line breaks, character by character through a substitution of the variant's own, into
  characters that no source document contains. A kind word at the end (局, 中心, 科, 经费 …) is kept,
  so a variant's names never equal or contain an original's, yet still read as what they are;
- every year 20xx is moved back by the same number of years (1-6), so the document stays coherent;
- every amount printed with a decimal point is multiplied by the same whole number (2-4), so sums
  still add up exactly and percentages, codes and counts are untouched.

What is generated is text: `govkg ingest` parses every variant as it would a real document (the
generator reads each source once, to find its names). PDFs cannot be rewritten this way; they are
copied once, as originals. `--check` parses the first two variants of each source and fails unless its record
has the original's shape (as many rows, programs, indicators, duties, units and facts, the same checks
made) and no name that is or contains an original's.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import re
import shutil
import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SHARED = Path(os.environ.get("GOVKG_SHARED", ROOT.parent / "shared"))
YEAR = re.compile(r"(?<!\d)(20[0-3]\d)(?!\d)")
AMOUNT = re.compile(r"(?<![\d.])(-?\d[\d,]*\.\d+)(?![\d.]*\s*%)")
HAN = re.compile(r"[\u4e00-\u9fff]")
# Words that say what kind of thing a name is; kept at the end of a rewritten name.
KINDS = ("办公室", "委员会", "中心", "经费", "项目", "局", "科", "股", "室", "处", "所", "站", "队", "院", "会",
         "部", "办", "费")
PLACE = re.compile(r"^.*?[市州盟](?:.*?[区县旗])?")  # 广州市白云区…: the city, and the district if any


def default_sources() -> list[Path]:
    shared = [SHARED / "corpus", SHARED / "corpus-national"]
    found = [p for p in shared if p.is_dir()]
    return found or [ROOT / "samples"]


def names_of(record) -> list[str]:
    """What a question could name in this record: its department and place, units, programs, indicators,
    duties. Longest first, so a name inside another is rewritten as part of the longer one."""
    department = record.department or ""
    place = PLACE.match(department)
    found = {department, place.group(0) if place else ""}
    found |= {u.name for u in [*record.internal_units, *record.subordinate_units, *record.unit_totals]}
    found |= {p.name for p in record.programs} | {p.unit or "" for p in record.programs}
    found |= {i.name for i in record.indicators} | {d.text for d in record.duties}
    # A name of one or two Han characters (单位) is a word of the trade, not a name a question could tell apart.
    return sorted((n for n in found if len(HAN.findall(n or "")) > 2), key=len, reverse=True)


def texts_of(record) -> list[str]:
    """What the document says of its things in its own words (a program's purpose, a unit's duties), which a
    question about a topic (与政务云有关) reads too; their Han characters are rewritten. Not the sentences
    of targets and indicators: their words (不低于, 以上) say how the parser reads the figure."""
    found = {p.description or "" for p in record.programs}
    found |= {u.responsibilities or "" for u in [*record.internal_units, *record.subordinate_units]}
    return sorted((t for t in found if len(HAN.findall(t)) > 2), key=len, reverse=True)


def kept_tail(name: str) -> int:
    """How many characters at the end of a name say its kind and stay as printed."""
    return next((len(kind) for kind in KINDS if name.endswith(kind) and len(name) > len(kind)), 0)


def printed(piece: str) -> str:
    """A pattern of a name's piece as a document may print it: ASCII punctuation also in its full-width form
    (the parser reads （ as (), repeated (---- read as --), whitespace and line breaks between its characters."""
    def one(c: str) -> str:
        return f"[{re.escape(c)}{chr(ord(c) + 0xFEE0)}]+" if "!" <= c <= "~" and not c.isalnum() else re.escape(c)
    return r"\s*".join(map(one, piece))


def occurrences(text: str, name: str) -> list[tuple[re.Match, int]]:
    """Where the text prints a name, with the index in the name of each match's first character: whole
    (whitespace and line breaks allowed between its characters), or, when never whole, as a table cell
    wrapped in two pieces printed apart (a head that ends a cell, a tail that starts one)."""
    found = [(m, 0) for m in re.finditer(printed(name), text)]
    for cut in range(2, len(name) - 1) if not found else ():
        heads = [(m, 0) for m in re.finditer(printed(name[:cut]) + r"(?=[\t\n])", text)]
        tails = [(m, cut) for m in re.finditer(r"(?<=[\t\n])" + printed(name[cut:]), text)]
        if heads and tails:
            return heads + tails
    return found


def rewrite_mask(text: str, names: list[str], texts: list[str]) -> list[bool]:
    """For each character of the text, whether a variant rewrites it: the Han characters and digits (the
    12345 of a hotline) of every printed occurrence of a name, but its kind word; the Han characters of
    every occurrence of a text not inside a name."""
    mask = [False] * len(text)
    taken = [False] * len(text)
    for name in [*names, *texts]:
        kind_starts = len(name) - kept_tail(name)
        digits = name in names
        for match, offset in occurrences(text, name):
            if any(taken[match.start():match.end()]):
                continue  # inside a longer name already rewritten
            positions = [i for i in range(match.start(), match.end()) if not text[i].isspace()]
            for at, i in enumerate(positions, start=offset):
                taken[i] = True
                mask[i] = at < kind_starts and bool(HAN.match(text[i]) or digits and text[i].isdigit())
    return mask


def segments(text: str, mask: list[bool]) -> list[tuple[str, bool]]:
    """The text cut into runs of characters that are rewritten (True) or kept (False)."""
    out = []
    for rewritten, run in itertools.groupby(range(len(text)), key=lambda i: mask[i]):
        run = list(run)
        out.append((text[run[0]: run[-1] + 1], rewritten))
    return out


def fresh_characters(texts: list[str]) -> list[str]:
    """Han characters no source document prints, nor the parser's or question layer's code: a variant's
    names made of them can never meet an original name or a word the parser looks for."""
    used = set("".join(texts))
    for package in ("ingest", "ontology", "query_api"):
        for path in (ROOT / package).rglob("*"):
            if path.is_file() and path.suffix in (".py", ".ttl", ".json", ".txt"):
                used |= set(path.read_text(encoding="utf-8", errors="ignore"))
    # The common block of CJK unified ideographs first: characters jieba and fonts know.
    return [chr(c) for c in range(0x4E00, 0x9FA6) if chr(c) not in used]


def scaled(match: re.Match, factor: int) -> str:
    printed = match.group(1)
    value = Decimal(printed.replace(",", "")) * factor
    places = len(printed.split(".")[1])
    text = f"{value:.{places}f}"
    if "," in printed:  # keep the thousands separators the document printed
        whole, frac = text.split(".")
        text = f"{int(whole):,}.{frac}"
    return text


class Source:
    """A text document read once: its runs of rewritable names, ready to be turned into variants."""

    def __init__(self, path: Path, record):
        self.path, self.record = path, record
        text = path.read_text(encoding="utf-8")
        self.runs = segments(text, rewrite_mask(text, names_of(record), texts_of(record)))
        self.alphabet = sorted({c for run, rewritten in self.runs if rewritten for c in run})

    def variant(self, table: dict[int, str], years_back: int, factor: int) -> str:
        text = "".join(run.translate(table) if rewritten else run for run, rewritten in self.runs)
        text = YEAR.sub(lambda m: str(int(m.group(1)) - years_back), text)
        return AMOUNT.sub(lambda m: scaled(m, factor), text)


def substitution(copy: int, alphabet: list[str], fresh: list[str]) -> dict[int, str]:
    """Copy `copy`'s own one-to-one substitution of the source characters into fresh ones."""
    picked = random.Random(copy).sample(fresh, len(alphabet))
    return {ord(a): b for a, b in zip(alphabet, picked, strict=True)}


def shape(record) -> tuple:
    return (len(record.line_items), len(record.programs), len(record.indicators), len(record.duties),
            len(record.internal_units), len(record.subordinate_units), sorted(f.key for f in record.facts),
            # which identities are checked where; whether each holds may change: a document's own rounding
            # (a 类 printed 0.01 off the sum of its 款) is multiplied with its amounts, past the tolerance.
            sorted((c["identity"], c["table"], c["checked"]) for c in record.checks))


def check(source: Source, variant: Path, originals: list[str]) -> None:
    """The variant reads as the original does, and none of its names is or contains an original's."""
    from ingest.parse import parse_file

    record = parse_file(variant)
    if shape(record) != shape(source.record):
        raise SystemExit(f"multiply_corpus: a variant of {source.path} does not read as the original:\n"
                         f"  {shape(source.record)}\n  {shape(record)}")
    # A name that is only a kind word (办公室) is met by the kind word every variant name keeps.
    clashes = [(new, old) for new in names_of(record) for old in originals if old in new and old not in KINDS]
    if clashes:
        raise SystemExit(f"multiply_corpus: a variant of {source.path} names {clashes[0][0]!r}, "
                         f"which contains the original name {clashes[0][1]!r}")


def multiply(out: Path, n: int, sources: list[Path], verify: bool = False) -> int:
    from ingest.errors import IngestError
    from ingest.parse import expand_paths, parse_file

    out.mkdir(parents=True, exist_ok=True)
    originals = expand_paths([str(s) for s in sources])
    for path in originals[:n]:
        shutil.copyfile(path, out / f"orig_{path.parent.name}_{path.name}")
    texts = []
    for path in (p for p in originals if p.suffix == ".txt"):
        try:
            texts.append(Source(path, parse_file(path)))
        except IngestError as exc:
            print(f"multiply_corpus: {path} is not varied: {exc}", file=sys.stderr)
    written = min(n, len(originals))
    if not texts or written >= n:
        return written
    alphabet = sorted({c for s in texts for c in s.alphabet})
    fresh = fresh_characters([p.read_text(encoding="utf-8", errors="ignore") for p in originals
                              if p.suffix == ".txt"])
    original_names = sorted({name for s in texts for name in names_of(s.record)})
    for copy in itertools.count(1):
        table, years_back, factor = substitution(copy, alphabet, fresh), 1 + copy % 6, 2 + copy % 3
        for source in texts:
            if written >= n:
                return written
            target = out / f"v{copy:04d}_{source.path.name}"
            target.write_text(source.variant(table, years_back, factor), encoding="utf-8")
            if verify and copy <= 2:
                check(source, target, original_names)
            written += 1
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("n", type=int)
    ap.add_argument("--source", type=Path, action="append", help="a corpus directory (repeatable)")
    ap.add_argument("--check", action="store_true", help="parse the first variant of each source and compare")
    args = ap.parse_args(argv)
    written = multiply(args.out, args.n, args.source or default_sources(), verify=args.check)
    print(f"{written} documents in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
