"""Our vocabulary: OWL/RDFS terms in Turtle (aligned with ORG, Data Cube, SKOS, PROV, schema.org), SHACL
shapes, and closed Python namespaces generated from the Turtle. Imports none of our other packages."""
