"""Finding and reading a PDF's ruled tables without pdfplumber's quadratic scans gives exactly what
pdfplumber gives: the same cells from the same intersections, the same text in every cell, on the
bundled sample PDF's pages (read by pdfplumber), on a PDF of ruled tables in a font it carries (read by
pdfium) and on ruled grids with gaps made here."""

from __future__ import annotations

import io
import random
from pathlib import Path

import pdfplumber
import pytest
from pdfplumber import table as plumber

from ingest.pdf_cells import TableFinder, cell_texts, cells_of
from ingest.pdf_fast import fast_pages
from tests.ingest import carried_font

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


def _carried(folder: Path) -> bytes:
    """Three ruled tables, cells merged and rules missing here and there, in a font the PDF carries (the
    sample's STSong-Light is only named: pdfium leaves its pages to pdfplumber)."""
    from reportlab.pdfgen import canvas

    font, out = carried_font.register(folder), io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=(595, 842))
    for k, (xs, ys) in enumerate([([60, 160, 400, 520], [780, 760, 740, 720]),
                                  ([60, 120, 300, 420, 540], [680, 660, 640, 620, 600, 580]),
                                  ([80, 300, 500], [520, 500, 480])]):
        pdf.grid(xs, ys)
        if k == 1:  # a rule under the table that closes no cell
            pdf.line(xs[0], ys[-1] - 30, xs[-1], ys[-1] - 30)
        for row, y in enumerate(ys[:-1]):
            for col, x in enumerate(xs[:-1]):
                pdf.setFont(font if row == 0 else "Times-Roman", 9)
                pdf.drawString(x + 3, y - 14, "科目名称合计" if row == 0 else f"{row * 100 + col:,}.50")
    pdf.save()
    return out.getvalue()


def _pages(kind: str, folder: Path):
    if kind == "pdfium":
        pages = list(fast_pages(_carried(folder)))
        assert None not in pages
        yield from pages
        return
    with pdfplumber.open(io.BytesIO(SAMPLE.read_bytes())) as pdf:
        yield from pdf.pages


@pytest.mark.parametrize("kind", ["pdfium", "pdfplumber"])
def test_tables_and_cell_texts_are_pdfplumbers_on_the_sample(kind, tmp_path):
    if kind == "pdfium":
        pytest.importorskip("fontTools", reason="fontTools makes the font the PDF carries")
        pytest.importorskip("reportlab", reason="reportlab writes the PDF")
    tables = 0
    for page in _pages(kind, tmp_path):
        mine, theirs = TableFinder(page), plumber.TableFinder(page)
        assert mine.cells == theirs.cells
        assert [t.cells for t in mine.tables] == [t.cells for t in theirs.tables]
        for table in page.find_tables():
            assert cell_texts(table) == table.extract()
            tables += 1
    assert tables >= 3  # the sample's ruled tables were read, not skipped
