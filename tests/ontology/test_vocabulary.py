"""The vocabulary: the generated namespace follows the Turtle, misspelled terms fail, docs name real terms."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest
from rdflib import RDFS, Graph, Literal, URIRef

from ontology import generate
from ontology.files import ONTOLOGY_TTL, SHAPES_TTL

NS = "https://w3id.org/govkg/def#"
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def vocabulary() -> Graph:
    return Graph().parse(ONTOLOGY_TTL, format="turtle")


def test_generated_namespace_is_up_to_date_with_the_turtle():
    assert generate.TARGET.read_text(encoding="utf-8") == generate.render(), \
        "ontology/namespace.py is stale: run `python -m ontology.generate`"


def test_generated_fact_kinds_are_up_to_date_with_the_turtle():
    assert generate.FACT_KINDS_TARGET.read_text(encoding="utf-8") == generate.render_fact_kinds(), \
        "ontology/fact_kinds.py is stale: run `python -m ontology.generate`"


def test_every_whole_of_parts_has_parts_and_every_kind_a_known_key(vocabulary):
    from ingest.record import FACT_KEYS
    from ontology.fact_kinds import KINDS
    for name, kind in KINDS.items():
        assert set(kind.keys) <= set(FACT_KEYS), name
        assert kind.broader is None or kind.broader in KINDS, name
        if kind.parts_add_up:
            assert any(k.broader == name for k in KINDS.values()), name


def test_misspelled_term_fails_and_known_term_resolves():
    namespace = importlib.import_module("ontology.namespace")
    assert namespace.GK.Program == URIRef(NS + "Program")
    with pytest.raises(AttributeError):
        namespace.GK.Progam  # noqa: B018 - the lookup itself is what must fail


def test_generator_picks_up_a_new_term(tmp_path):
    extra = tmp_path / "extra.ttl"
    extra.write_text(ONTOLOGY_TTL.read_text(encoding="utf-8") +
                     '\ngk:newTerm a <http://www.w3.org/2002/07/owl#DatatypeProperty> ; rdfs:label "new"@en .\n',
                     encoding="utf-8")
    assert "    newTerm: URIRef  # new\n" in generate.render(extra)
    assert "newTerm" not in generate.render()


def test_every_term_has_an_english_and_a_chinese_label(vocabulary):
    for term in generate.terms(vocabulary):
        languages = {o.language for o in vocabulary.objects(term, RDFS.label) if isinstance(o, Literal)}
        assert {"en", "zh"} <= languages, term


def _gk_names(text: str) -> set[str]:
    return set(re.findall(r"\bgk:([A-Za-z][A-Za-z0-9]*)", text))


@pytest.mark.parametrize("path", [SHAPES_TTL, REPO / "docs" / "model.md"], ids=["shapes", "model.md"])
def test_terms_named_in_shapes_and_docs_exist(vocabulary, path):
    defined = {str(t)[len(NS):] for t in generate.terms(vocabulary)}
    used = _gk_names(path.read_text(encoding="utf-8"))
    assert used, path
    assert used <= defined, sorted(used - defined)


def test_model_doc_names_every_term(vocabulary):
    defined = {str(t)[len(NS):] for t in generate.terms(vocabulary)}
    documented = _gk_names((REPO / "docs" / "model.md").read_text(encoding="utf-8"))
    assert defined <= documented, f"docs/model.md does not mention: {sorted(defined - documented)}"
