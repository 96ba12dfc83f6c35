"""The mapping writes the same bytes as the mapper it replaced: each fixture (tests/ingest/data/mapped) holds a
record as JSON and what main 5ce90af's `record_to_described` made of it — its graph's own and ledger N-Quads,
shared statements, size and identity — and the description made from the mapping's lines is the one read back
from those N-Quads (the same quads, in the same order).

The records are read from the fixtures, not parsed, so a change of the parsers leaves these alone; a deliberate
change of the mapping's output makes the fixtures again: run the fixture's record through the mapping you trust
and write the same fields (`mapped_fields`).
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from graph_store.shared import description_of
from ingest.rdf import record_to_described
from ingest.record import Block, Duty, Fact, Indicator, LineItem, Program, Record, Source, Unit, UnitTotal

FIXTURES = Path(__file__).parent / "data" / "mapped"


def record_of(data: dict) -> Record:
    """The Record of `dataclasses.asdict(record)` read back from JSON."""
    def sourced(cls, row: dict, **more):
        return cls(**{**row, "source": Source(**row["source"]), **more})

    lists = {"duties": Duty, "internal_units": Unit, "subordinate_units": Unit, "programs": Program,
             "indicators": Indicator, "facts": Fact, "unit_totals": UnitTotal}
    fields = {**data, **{key: [sourced(cls, row) for row in data[key]] for key, cls in lists.items()}}
    fields["line_items"] = [sourced(LineItem, row, block=row["block"] and Block(**row["block"]))
                            for row in data["line_items"]]
    return Record(**fields)


def fixture(name: str) -> dict:
    return json.loads(gzip.decompress((FIXTURES / f"{name}.json.gz").read_bytes()))


NAMES = sorted(p.name.split(".")[0] for p in FIXTURES.glob("*.json.gz"))


@pytest.mark.parametrize("name", NAMES)
def test_the_mapping_writes_the_bytes_it_wrote_before(name):
    expected = fixture(name)
    document = record_to_described(record_of(expected.pop("record")))[0]
    made = {"iri": document.iri, "own": document.own.decode(), "ledger": document.ledger.decode(),
            "size": document.size, "identity": list(document.identity) if document.identity else None,
            "shared": document.shared}
    assert made.keys() == expected.keys()
    for field, value in expected.items():
        if isinstance(value, str) and "\n" in value:  # line by line first: a failure shows the line
            assert made[field].split("\n") == value.split("\n"), field
        assert made[field] == value, field


@pytest.mark.parametrize("name", NAMES)
def test_the_description_of_the_mapped_lines_is_the_graph_read_back(name):
    """What the rows are read from, made from the mapping's lines or from the graph's quads (as a store gives
    them back): the same quads in the same named graph, added in the same order (a query lists rows so)."""
    document, lines = record_to_described(record_of(fixture(name)["record"]))
    from_lines, read_back = description_of(document, lines), description_of(document)
    assert list(from_lines._store) == list(read_back._store)
    assert {q.graph_name.value for q in from_lines._store} == {document.iri}


def test_the_fixtures_are_there():
    assert len(list(FIXTURES.glob("*.json.gz"))) == 4
