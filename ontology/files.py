"""Where the vocabulary's files are (package data, installed beside this module)."""

from pathlib import Path

HERE = Path(__file__).resolve().parent
ONTOLOGY_TTL = HERE / "govkg.ttl"
SHAPES_TTL = HERE / "shapes.ttl"
ONTOLOGY_IRI = "https://w3id.org/govkg/def"
