"""Write a corpus of N documents from the real one: the originals, then variants of its text documents.

    .venv/bin/python benchmarks/multiply_corpus.py OUT N [--source DIR ...]

Sources default to ../shared/corpus ($GOVKG_SHARED) and ../shared/corpus-national (the bundled samples/ without ../shared).
The originals are copied unchanged (so the dev questions still have their documents). Each variant of a text
document moves it to another city, other years and other amounts, so its department, programs and figures
are new entities and its identity (department, year, kind, scope) is new; what a city's documents share
(classification codes, units, wording of duties) stays shared, as in a real city's disclosures:

- the city of the department (the text up to its first 市) becomes a made-up two-character city;
- every year 20xx is moved back by the same number of years (1-6), so the document stays coherent;
- every amount printed with a decimal point is multiplied by the same whole number (2-4), so sums
  still add up exactly and percentages, codes and counts are untouched.

PDFs cannot be rewritten this way; they are copied once, as originals.
"""

from __future__ import annotations

import argparse
import itertools
import os
import re
import shutil
import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SHARED = Path(os.environ.get("GOVKG_SHARED", ROOT.parent / "shared"))
# Characters rare in real place names of the corpus, so a made-up city never meets a real one.
CITY_CHARS = "岚桐柘栾湄汶沅澧淇漳溧邗邳郯鄞婺歙黟彬岫"
YEAR = re.compile(r"(?<!\d)(20[0-3]\d)(?!\d)")
AMOUNT = re.compile(r"(?<![\d.])(-?\d[\d,]*\.\d+)(?![\d.]*\s*%)")


def default_sources() -> list[Path]:
    shared = [SHARED / "corpus", SHARED / "corpus-national"]
    found = [p for p in shared if p.is_dir()]
    return found or [ROOT / "samples"]


def cities():
    for a, b in itertools.permutations(CITY_CHARS, 2):
        yield f"{a}{b}市"


def scaled(match: re.Match, factor: int) -> str:
    printed = match.group(1)
    value = Decimal(printed.replace(",", "")) * factor
    places = len(printed.split(".")[1])
    text = f"{value:.{places}f}"
    if "," in printed:  # keep the thousands separators the document printed
        whole, frac = text.split(".")
        text = f"{int(whole):,}.{frac}"
    return text


def variant(text: str, city: str, new_city: str, years_back: int, factor: int) -> str:
    text = text.replace(city, new_city)
    text = YEAR.sub(lambda m: str(int(m.group(1)) - years_back), text)
    return AMOUNT.sub(lambda m: scaled(m, factor), text)


def city_of(path: Path) -> str | None:
    """The city of a text document's department (the text up to its first 市), read by our own parser."""
    from ingest.errors import IngestError
    from ingest.parse import parse_file

    try:
        department = parse_file(path).department or ""
    except IngestError:
        return None
    return department[: department.index("市") + 1] if "市" in department else None


def multiply(out: Path, n: int, sources: list[Path]) -> int:
    from ingest.parse import expand_paths

    out.mkdir(parents=True, exist_ok=True)
    originals = expand_paths([str(s) for s in sources])
    for path in originals[:n]:
        shutil.copyfile(path, out / f"orig_{path.parent.name}_{path.name}")
    texts = [(p, city_of(p)) for p in originals if p.suffix == ".txt"]
    texts = [(p, c) for p, c in texts if c]
    written = min(n, len(originals))
    if not texts:
        return written
    names = cities()
    for copy in itertools.count(1):
        if written >= n:
            break
        new_city, years_back, factor = next(names), 1 + copy % 6, 2 + copy % 3
        for path, city in texts:
            if written >= n:
                break
            body = path.read_text(encoding="utf-8")
            (out / f"v{copy:04d}_{path.name}").write_text(variant(body, city, new_city, years_back, factor),
                                                         encoding="utf-8")
            written += 1
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("n", type=int)
    ap.add_argument("--source", type=Path, action="append", help="a corpus directory (repeatable)")
    args = ap.parse_args(argv)
    written = multiply(args.out, args.n, args.source or default_sources())
    print(f"{written} documents in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
