"""pdfplumber's ruled tables found and read as pdfplumber finds and reads them, without its scans that
grow with the square of a page's size.

    TableFinder(page, settings)   pdfplumber's `TableFinder`, its cells found from each point's own
                                  column and row of intersections, not from every later point
    cell_texts(table)             what `table.extract()` gives, each row's characters found by bisection
                                  instead of by a test of every character of the page

A ruled page of a budget (a thousand intersections, ten thousand characters) cost ~60 ms in these two
scans; the cells and texts are the very ones pdfplumber's own code gives (tests/ingest/test_pdf_cells.py
compares them page by page).
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict

from pdfplumber import table as plumber
from pdfplumber.utils import extract_text, obj_to_bbox


class TableFinder(plumber.TableFinder):
    """`pdfplumber.table.TableFinder` with `cells_of` in place of its `intersections_to_cells`."""

    def __init__(self, page, settings: dict | None = None):
        # pdfplumber 0.11's TableFinder.__init__, one step changed
        self.page = page
        self.settings = plumber.TableSettings.resolve(settings)
        self.edges = self.get_edges()
        self.intersections = plumber.edges_to_intersections(
            self.edges, self.settings.intersection_x_tolerance, self.settings.intersection_y_tolerance)
        self.cells = cells_of(self.intersections)
        self.tables = [plumber.Table(self.page, group) for group in plumber.cells_to_tables(self.cells)]


def cells_of(intersections: dict) -> list[tuple]:
    """What `pdfplumber.table.intersections_to_cells` gives: for each intersection in order, the smallest
    cell whose corners it and the points below, right and diagonal to it make, joined by edges. The
    points below and to the right are looked up in the point's own column and row, and each point's
    edges made into sets once."""
    points = sorted(intersections)
    vertical = {p: set(map(obj_to_bbox, intersections[p]["v"])) for p in points}
    horizontal = {p: set(map(obj_to_bbox, intersections[p]["h"])) for p in points}
    columns: dict[float, list] = defaultdict(list)  # x → its points in order
    rows: dict[float, list] = defaultdict(list)  # top → its points in order
    place: dict[tuple, tuple[int, int]] = {}  # point → its index in its column and in its row
    for p in points:
        place[p] = (len(columns[p[0]]), len(rows[p[1]]))
        columns[p[0]].append(p)
        rows[p[1]].append(p)

    def connects(a: tuple, b: tuple) -> bool:
        return bool((a[0] == b[0] and vertical[a] & vertical[b]) or (a[1] == b[1] and horizontal[a] & horizontal[b]))

    out = []
    for p in points:
        in_column, in_row = place[p]
        right = rows[p[1]][in_row + 1:]
        for below in columns[p[0]][in_column + 1:]:
            if not connects(p, below):
                continue
            corner = next((r for r in right if connects(p, r) and (r[0], below[1]) in intersections
                           and connects((r[0], below[1]), r) and connects((r[0], below[1]), below)), None)
            if corner is not None:
                out.append((p[0], p[1], corner[0], below[1]))
                break
    return out


def cell_texts(table) -> list[list[str | None]]:
    """`table.extract()`: each cell's text from the characters whose middle lies inside it (None for
    no cell), in the page's order of characters."""
    chars = table.page.chars
    middles = [((c["top"] + c["bottom"]) / 2, (c["x0"] + c["x1"]) / 2) for c in chars]
    # (a middle that is not a number, never inside a cell, is left out: it would not sort)
    order = sorted((i for i, (v, _) in enumerate(middles) if v == v), key=lambda i: middles[i][0])
    heights = [middles[i][0] for i in order]
    out = []
    for row in table.rows:
        x0, top, x1, bottom = row.bbox
        inside = sorted(i for i in order[bisect_left(heights, top):bisect_left(heights, bottom)]
                        if x0 <= middles[i][1] < x1)
        texts: list[str | None] = []
        for cell in row.cells:
            if cell is None:
                texts.append(None)
                continue
            left, upper, right, lower = cell
            mine = [chars[i] for i in inside if left <= middles[i][1] < right and upper <= middles[i][0] < lower]
            texts.append(extract_text(mine) if mine else "")
        out.append(texts)
    return out
