"""The mapping writes the same bytes as the mapper it replaced: each fixture (tests/ingest/data/mapped) holds a
record as JSON and what main 5ce90af's `record_to_described` made of it — its graph's own and ledger N-Quads,
shared statements, size and identity, and a digest of the description's lines, in their order.

The records are read from the fixtures, not parsed, so a change of the parsers leaves these alone; a deliberate
change of the mapping's output makes the fixtures again: run the fixture's record through the mapping you trust
and write the same fields (`mapped_fields`).
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import pytest

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


def mapped_fields(record: Record) -> dict:
    document, described = record_to_described(record)
    return {"iri": document.iri, "own": document.own.decode(), "ledger": document.ledger.decode(),
            "size": document.size, "identity": list(document.identity) if document.identity else None,
            "shared": document.shared,
            "described_sha256": hashlib.sha256("\n".join(described).encode()).hexdigest()}


@pytest.mark.parametrize("name", sorted(p.name.split(".")[0] for p in FIXTURES.glob("*.json.gz")))
def test_the_mapping_writes_the_bytes_it_wrote_before(name):
    fixture = json.loads(gzip.decompress((FIXTURES / f"{name}.json.gz").read_bytes()))
    made = mapped_fields(record_of(fixture.pop("record")))
    for field, expected in fixture.items():
        if isinstance(expected, str) and "\n" in expected:  # line by line first: a failure shows the line
            assert made[field].split("\n") == expected.split("\n"), field
        assert made[field] == expected, field


def test_the_fixtures_are_there():
    assert len(list(FIXTURES.glob("*.json.gz"))) == 4
