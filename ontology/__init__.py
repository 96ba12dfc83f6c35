"""Our vocabulary: OWL/RDFS terms in Turtle (aligned with ORG, Data Cube, SKOS, PROV, schema.org), SHACL
shapes, and closed Python namespaces generated from the Turtle. Imports none of our other packages."""

from pathlib import Path

ONTOLOGY_TTL = Path(__file__).resolve().parent / "govkg.ttl"
SHAPES_TTL = Path(__file__).resolve().parent / "shapes.ttl"
ONTOLOGY_IRI = "https://w3id.org/govkg/def"
