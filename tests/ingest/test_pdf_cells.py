"""Finding and reading a PDF's ruled tables without pdfplumber's quadratic scans gives exactly what
pdfplumber gives: the same cells from the same intersections, the same text in every cell, on the
bundled sample PDF's pages (read by pdfium and by pdfplumber) and on ruled grids with gaps made here."""

from __future__ import annotations

import io
import random
from pathlib import Path

import pdfplumber
import pytest
from pdfplumber import table as plumber

from ingest.pdf_cells import TableFinder, cell_texts, cells_of
from ingest.pdf_fast import fast_pages

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "pdf" / "sample_budget.pdf"


def _grid_edges(rng: random.Random) -> list[dict]:
    """The ruling of a table whose lines stop short here and there (merged cells, a missing rule)."""
    xs = sorted(rng.sample(range(0, 600, 10), rng.randint(2, 9)))
    ys = sorted(rng.sample(range(0, 800, 10), rng.randint(2, 12)))
    edges = []
    for y in ys:
        for a, b in zip(xs, xs[1:], strict=False):
            if rng.random() < 0.85:
                edges.append({"x0": a, "x1": b, "top": y, "bottom": y, "width": b - a, "height": 0, "orientation": "h"})
    for x in xs:
        for a, b in zip(ys, ys[1:], strict=False):
            if rng.random() < 0.85:
                edges.append({"x0": x, "x1": x, "top": a, "bottom": b, "width": 0, "height": b - a, "orientation": "v"})
    return plumber.merge_edges(edges, 3, 3, 3, 3)


def test_cells_are_pdfplumbers_on_grids_with_gaps():
    rng = random.Random(7)
    compared = 0
    for _ in range(150):
        points = plumber.edges_to_intersections(_grid_edges(rng), 3, 3)
        expected = plumber.intersections_to_cells(points)
        assert cells_of(points) == expected
        compared += len(expected)
    assert compared > 1000


def _pages(kind: str):
    data = SAMPLE.read_bytes()
    if kind == "pdfium":
        yield from (page for page in fast_pages(data) if page is not None)
        return
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        yield from pdf.pages


@pytest.mark.parametrize("kind", ["pdfium", "pdfplumber"])
def test_tables_and_cell_texts_are_pdfplumbers_on_the_sample(kind):
    tables = 0
    for page in _pages(kind):
        mine, theirs = TableFinder(page), plumber.TableFinder(page)
        assert mine.cells == theirs.cells
        assert [t.cells for t in mine.tables] == [t.cells for t in theirs.tables]
        for table in page.find_tables():
            assert cell_texts(table) == table.extract()
            tables += 1
    assert tables >= 3  # the sample's ruled tables were read, not skipped
