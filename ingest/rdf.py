"""Map a `Record` to RDF: one named graph per document, in the vocabulary of ontology/govkg.ttl.

The graph's shape is described in docs/model.md. Every IRI is minted from names and codes (see
`ingest.resolve`), never from blank nodes or counters of a run, so mapping the same record twice
gives the same triples and the same department or program gets the same IRI in every document.

The mapper makes each term once, as its N-Triples form (a string: what `str` of the pyoxigraph term gives, the
term made by pyoxigraph, which checks every IRI as it is made, so a graph that is written is valid), and writes
the triples out as N-Quads lines joined from those strings (`record_to_document`), which a store loads as they are.
`record_to_graph` gives the same triples in an rdflib Graph, for tools and tests.
"""

from __future__ import annotations

import math
import os
import unicodedata
from decimal import Decimal
from functools import lru_cache

import pyoxigraph as ox
from rdflib import OWL, RDF, RDFS, SKOS, XSD, Graph, Namespace
from rdflib.namespace import ORG, PROV, QB

from ingest import resolve
from ingest.reader import file_name
from ingest.record import (
    FACT_KEYS,
    FACT_UNITS,
    UNIT_TOTAL_KEYS,
    UNIT_WAN,
    Record,
    Source,
    program_change_column,
)
from ontology.fact_kinds import KIND_OF_KEY, KINDS
from ontology.files import ONTOLOGY_IRI, ONTOLOGY_TTL
from ontology.ledger import DocumentGraph, n_quads, ox_stated
from ontology.namespace import GK as RDFLIB_GK

DEFAULT_BASE = os.environ.get("GOVKG_BASE_IRI", "https://w3id.org/govkg/id/")
SCHEMA = Namespace("https://schema.org/")


def _iri(value: str) -> str:
    """An IRI's N-Triples form, the IRI checked by pyoxigraph (ValueError when it is not one)."""
    return str(ox.NamedNode(value))


def _value(term: str) -> str:
    """The IRI of an IRI's N-Triples form."""
    return term[1:-1]


class _Terms:
    """A namespace's terms in their N-Triples form, each made once; a closed namespace (GK) still fails
    on a misspelled term."""

    def __init__(self, namespace) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> str:
        term = _iri(str(getattr(self._namespace, name)))
        setattr(self, name, term)
        return term


GK, RDF, RDFS, SKOS, ORG, PROV, QB, SDO = (_Terms(ns) for ns in (RDFLIB_GK, RDF, RDFS, SKOS, ORG, PROV, QB,
                                                                    SCHEMA))
_XSD_INTEGER, _XSD_DECIMAL, _XSD_BOOLEAN = (_iri(str(t)) for t in (XSD.integer, XSD.decimal, XSD.boolean))
Term = str  # an IRI's or a literal's N-Triples form, as `str` of its pyoxigraph term gives it

PHASES = {"budget": GK.Budget, "final_account": GK.FinalAccount}
SCOPES = {"consolidated": GK.Consolidated, "standalone": GK.Standalone}
_PHASE_WORDS = {"budget": "预算", "final_account": "决算"}
_SCOPE_WORDS = {"consolidated": "汇总", "standalone": "本级"}
_SCHEMES = {resolve.FUNCTIONAL: GK.FunctionalClassification, resolve.ECONOMIC: GK.EconomicClassification}
_CODE_CLASSES = {resolve.FUNCTIONAL: GK.FunctionalCode, resolve.ECONOMIC: GK.EconomicCode}
_SCHEME_WORDS = {resolve.FUNCTIONAL: "功能分类科目", resolve.ECONOMIC: "经济分类科目"}
UNNAMED_CODE = "（文件未列名称）"  # the mark of a code's label made from the code: the documents print no name

# Where a document printed a thing: its own statement even when the thing is shared (the 本级 and 汇总
# documents each say on which line they list a program), so it stays in the document's graph.
PROVENANCE = frozenset({PROV.wasDerivedFrom, GK.sourceTable, GK.sourceLine, GK.sourcePage, GK.sourceFile})

BUDGET_COLUMN = "预算数"
EXECUTED_COLUMN = "执行数"


def _base(base: str) -> str:
    return base if base.endswith(("/", "#")) else base + "/"


def document_graph_iri(record: Record, base: str = DEFAULT_BASE) -> str:
    """The IRI of the named graph holding `record`'s triples: one per source document (by content hash)."""
    return f"{_base(base)}graph/{resolve.document_id(record.sha256, record.source_file)}"


def ontology_graph() -> Graph:
    """The govkg vocabulary (ontology/govkg.ttl), for a named graph of its own."""
    return Graph().parse(ONTOLOGY_TTL, format="turtle")


def ontology_document() -> DocumentGraph:
    """`ontology_graph`'s triples as a DocumentGraph in the graph named after the owl:Ontology it declares (the
    same triples, blank nodes aside, and so what `govkg ingest` writes and compares): read by pyoxigraph's parser
    and written to the store as N-Quads, where rdflib's parse and the conversion of each of its terms to the
    store's were ~0.15 s of CPU at every ingest (a rebuild of 8 documents took ~1.2 s in all)."""
    triples = list(ox.parse(path=ONTOLOGY_TTL, format=ox.RdfFormat.TURTLE))
    declared = sorted(t.subject.value for t in triples if isinstance(t.subject, ox.NamedNode)
                      and t.predicate.value == str(RDF.type) and t.object == ox.NamedNode(str(OWL.Ontology)))
    name = ox.NamedNode((declared or [ONTOLOGY_IRI])[0])
    quads = [ox.Quad(t.subject, t.predicate, t.object, name) for t in triples]
    return DocumentGraph(name.value, ox.serialize(quads, format=ox.RdfFormat.N_QUADS), b"", len(quads))


def bind_prefixes(graph: Graph) -> Graph:
    for prefix, ns in (("gk", RDFLIB_GK._NS), ("org", ORG._namespace), ("qb", QB._namespace),
                       ("skos", SKOS._namespace), ("prov", PROV._namespace), ("schema", SCHEMA),
                       ("rdfs", RDFS._namespace), ("xsd", XSD), ("owl", OWL)):
        graph.bind(prefix, ns, override=True)
    return graph


def record_to_document(record: Record, base: str = DEFAULT_BASE) -> DocumentGraph:
    """The document's named graph as a store keeps it (the ontology is not included): the triples about
    the document's own resources (its document, data set, observations, indicators, self-evaluation) and
    where it printed each thing, plus the ledger of the shared statements it makes (about departments,
    units, duties, programs, codes: `ontology.ledger`), which the store keeps once in its reference graph.
    `ontology.ledger.described(graph)` is the full description.

    Deterministic: the same record gives the same triples. Every amount is a qb:Observation with
    gk:value (xsd:decimal), gk:unit, organisation, year, phase, scope and its source line.
    """
    return record_to_described(record, base)[0]


def record_to_described(record: Record, base: str = DEFAULT_BASE) -> tuple[DocumentGraph, list[str]]:
    """`record_to_document`'s graph and its description's triples as N-Triples lines without their " ." (own
    triples, and each ledger triple as the statement it makes): what `graph_store.shared.description_of`
    reads, made without parsing the graph's N-Quads again. The graph's N-Quads are written here as text (a
    term's N-Triples form, `str`: the same bytes as pyoxigraph's serializer), not through a
    pyoxigraph Quad per triple, which cost more than all the mapping's own work."""
    mapper = _Mapper(record, _base(base))
    mapper.run()
    graph = _iri(document_graph_iri(record, base))
    stated: dict[str, str] = {}  # a predicate's ledger form, as N-Triples

    # each line a triple's, without " ." (nor the graph's name: put on as the lines are joined)
    own, ledger, shared = [], [], []
    mine = mapper.own
    for s, p, o in mapper.triples:
        if s in mine or p in PROVENANCE:
            own.append(f"{s} {p} {o}")
        else:
            lp = stated.get(p) or stated.setdefault(p, str(ox_stated(ox.NamedNode(_value(p)))))
            ledger.append(f"{s} {lp} {o}")
            shared.append(f"{s} {p} {o}")
    identity = (_value(mapper.dept), int(record.fiscal_year), _value(mapper.phase), _value(mapper.scope)) \
        if isinstance(record.fiscal_year, int) else None
    document = DocumentGraph(graph[1:-1], n_quads(own, graph), n_quads(ledger, graph), len(own) + len(ledger),
                             identity, " .\n".join(shared) + " ." if shared else "")
    return document, shared + own


def map_outcome(outcome, described: bool = False):
    """`ingest.parse.parse_paths`' prepare step for ingest: the outcome with its record's DocumentGraph as
    `mapped` (with `described`: the pair of `record_to_described`), or, when the mapping fails, the reason in
    plain words (a mapping bug on one document must not stop the batch)."""
    try:
        outcome.mapped = (record_to_described if described else record_to_document)(outcome.record)
    except Exception as exc:
        outcome.mapped = f"无法转换为RDF (could not map the record): {type(exc).__name__}: {exc}"
        outcome.unfinished = True  # a reason, not a mapping: never kept to be read back (ingest.parse)
    return outcome


def record_to_graph(record: Record, base: str = DEFAULT_BASE) -> tuple[str, Graph]:
    """The document's named-graph IRI and its graph (`record_to_document`) as an rdflib Graph."""
    document = record_to_document(record, base)
    return document.iri, bind_prefixes(document.graph())


def _zh(text: str) -> str:
    return str(ox.Literal(text, language="zh"))


def _int(value) -> str:
    return f'"{int(value)}"^^{_XSD_INTEGER}'  # digits: nothing to escape


def _literal(value) -> str:
    """A plain value as rdflib's Literal(value) would type it: text as a string, a bool as xsd:boolean."""
    if isinstance(value, bool):
        return f'"{"true" if value else "false"}"^^{_XSD_BOOLEAN}'
    if isinstance(value, str):
        return _string(value)
    raise TypeError(f"no literal for {value!r} ({type(value).__name__})")


@lru_cache(maxsize=4096)  # a column's header, a unit, a table's title: the same few in every observation
def _string(text: str) -> str:
    return str(ox.Literal(text))


def _decimal(value: float) -> str | None:
    """An exact xsd:decimal of the printed number: '1340.91', '7054.0547', and '500.0' for a whole number.

    repr keeps 1340.91 as 1340.91 rather than its binary expansion. A whole number keeps its '.0'
    because Virtuoso stores '500'^^xsd:decimal as an xsd:integer (Oxigraph and Virtuoso both give
    '500.0' back as '500'^^xsd:decimal, the same value and type).
    """
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    text = format(Decimal(repr(float(value))).normalize(), "f")
    if text == "-0":
        text = "0"
    return f'"{text if "." in text else text + ".0"}"^^{_XSD_DECIMAL}'  # digits, a sign and a point


class _Mapper:
    def __init__(self, record: Record, base: str) -> None:
        self.r = record
        self.base = base
        self.triples: dict[tuple, None] = {}  # an ordered set: a statement made twice is one triple
        self.doc_id = resolve.document_id(record.sha256, record.source_file)
        self.doc = _iri(f"{base}doc/{self.doc_id}")
        self.dataset = _iri(f"{base}dataset/{self.doc_id}")
        self.dept = _iri(resolve.org_iri(base, record.department))
        self.dept_key = resolve.name_key(record.department)
        self.phase = PHASES.get(record.document_type, GK.Budget)
        self.scope = SCOPES.get(record.scope, GK.Consolidated)
        self.year = _int(record.fiscal_year)
        self._minted: set[str] = set()
        self._concepts: dict[tuple[str, str], str] = {}  # (scheme, code) -> its concept, described with its ancestors
        self._coded: set[tuple[str, str]] = set()  # the (scheme, code)s described, each with its ancestors
        self._programs: set[str] = set()  # described once: a name printed again (2026年X for 2026X) adds no label, only its source
        self.own: set[str] = {self.doc, self.dataset}  # the resources only this document describes
        self.dept_aliases = {resolve.name_key(short) for full, shorts in record.aliases.items()
                             if resolve.name_key(full) == self.dept_key for short in shorts}

    def put(self, s: str, p: str, o: Term) -> None:
        self.triples[(s, p, o)] = None

    def add(self, s: str, p: str, o: Term | None) -> None:
        """The triple, unless `o` (a term's N-Triples form) is None."""
        if o is not None:
            self.triples[(s, p, o)] = None

    def plain(self, s: str, p: str, value: object) -> None:
        """The triple with a plain value as its literal (`_literal`), unless the value is None."""
        if value is not None:
            self.triples[(s, p, _literal(value))] = None

    def run(self) -> None:
        self.document()
        self.organisations()
        self.duties()
        self.line_items()
        programs = self.programs()
        self.indicators(programs)
        self.facts()
        self.unit_totals()
        self.self_evaluation()

    # ------------------------------------------------------------------ provenance

    def document(self) -> None:
        r = self.r
        label = f"{r.department}{r.fiscal_year}年部门{_PHASE_WORDS.get(r.document_type, '预算')}" \
                f"（{_SCOPE_WORDS.get(r.scope, '汇总')}）"
        for cls in (GK.Document, PROV.Entity):
            self.put(self.doc, RDF.type, cls)
        self.add(self.doc, RDFS.label, _zh(label))
        self.plain(self.doc, GK.fileName, file_name(r.source_file))  # never the directory it came from
        self.plain(self.doc, GK.sha256, r.sha256 or None)
        self.add(self.doc, GK.fiscalYear, self.year)
        self.add(self.doc, GK.phase, self.phase)
        self.add(self.doc, GK.scope, self.scope)
        self.add(self.doc, GK.department, self.dept)
        self.plain(self.doc, GK.layout, r.layout or None)
        for warning in r.warnings:
            self.add(self.doc, GK.parserWarning, _zh(warning))
        self.put(self.dataset, RDF.type, QB.DataSet)
        self.add(self.dataset, RDFS.label, _zh(f"{label}数据"))
        self.add(self.dataset, QB.structure, GK.structure)
        self.add(self.dataset, PROV.wasDerivedFrom, self.doc)

    def provenance(self, subject: str, source: Source, table: str | None = None) -> None:
        """prov:wasDerivedFrom the document, plus the table, line and page the value was read at."""
        self.add(subject, PROV.wasDerivedFrom, self.doc)
        self.plain(subject, GK.sourceTable, source.table or table)
        if source.line is not None:
            self.add(subject, GK.sourceLine, _int(source.line))
        if source.page is not None:
            self.add(subject, GK.sourcePage, _int(source.page))
        if source.file is not None:
            self.add(subject, GK.sourceFile, _literal(source.file))

    # ------------------------------------------------------------------ organisations

    def canonical(self, name: str) -> str:
        """The name an organisation is known by: the department's own for 本级 or a short name of it,
        else the name completed with the department's region (see `resolve.qualify`)."""
        if resolve.is_own_level(name, self.r.department) or resolve.name_key(name) in self.dept_aliases:
            return self.r.department.strip()
        return resolve.qualify(name, self.r.department)

    def organisation(self, name: str) -> str:
        """The IRI of a named organisation (the department itself when the name means it), labelled."""
        full = self.canonical(name)
        if resolve.name_key(full) == self.dept_key:
            return self.dept
        iri = _iri(resolve.org_iri(self.base, full))
        self.put(iri, RDF.type, ORG.Organization)
        self.add(iri, RDFS.label, _zh(full))
        self.alt_labels(iri, full, name)
        return iri

    def alt_labels(self, iri: str, full: str, *printed: str) -> None:
        """Other names of an organisation: as printed, and without its leading region (白云区…局)."""
        for alt in (*printed, *resolve.short_names(full)):
            if resolve.name_key(alt) != resolve.name_key(full):
                self.add(iri, SKOS.altLabel, _zh(alt.strip()))

    def organisations(self) -> None:
        r, dept = self.r, self.dept
        for cls in (GK.Department, ORG.FormalOrganization, ORG.Organization):
            self.put(dept, RDF.type, cls)
        self.add(dept, RDFS.label, _zh(r.department.strip()))
        self.alt_labels(dept, r.department)
        self.add(dept, PROV.wasDerivedFrom, self.doc)
        for unit in (u for u in r.internal_units if u.name.strip()):
            iri = _iri(resolve.internal_unit_iri(self.base, r.department, unit.name))
            for cls in (GK.InternalUnit, ORG.OrganizationalUnit, ORG.Organization):
                self.put(iri, RDF.type, cls)
            self.add(iri, RDFS.label, _zh(unit.name.strip()))
            self.add(iri, ORG.unitOf, dept)
            self.add(dept, ORG.hasUnit, iri)
            if unit.responsibilities:
                self.add(iri, GK.responsibilities, _zh(unit.responsibilities))
            self.provenance(iri, unit.source)  # the line listing it: a unit answered shows where it is said
        for unit in (u for u in r.subordinate_units if u.name.strip()):
            iri = self.organisation(unit.name)
            if iri == dept:  # a document listing itself among its units adds nothing
                continue
            for cls in (GK.SubordinateUnit, ORG.FormalOrganization):
                self.put(iri, RDF.type, cls)
            self.add(iri, ORG.subOrganizationOf, dept)
            self.add(dept, ORG.hasSubOrganization, iri)
            if unit.note:
                self.add(iri, GK.budgetNote, _zh(unit.note))
            if unit.responsibilities:
                self.add(iri, GK.responsibilities, _zh(unit.responsibilities))
            self.provenance(iri, unit.source)
        for full, shorts in r.aliases.items():
            iri = self.organisation(full)
            for short in shorts:
                if resolve.name_key(short) != resolve.name_key(full):
                    self.add(iri, SKOS.altLabel, _zh(short.strip()))

    def duties(self) -> None:
        for duty in self.r.duties:
            text = duty.text.strip()
            if not text:
                continue
            iri = _iri(resolve.duty_iri(self.base, self.r.department, text))
            self.put(iri, RDF.type, GK.Duty)
            self.add(iri, RDFS.label, _zh(text))
            self.add(iri, GK.text, _zh(text))
            if duty.number is not None:
                self.add(iri, GK.dutyNumber, _int(duty.number))
            self.add(self.dept, ORG.purpose, iri)
            self.provenance(iri, duty.source)

    # ------------------------------------------------------------------ observations

    def observation(self, kind: str, parts: tuple, label: str, column: str, value: float | str,
                    unit: str, source: Source, phase: str | None = None) -> str | None:
        """Mint one qb:Observation with every dimension and attribute: gk:value and gk:unit for a
        number, gk:valueText for a text (a narrative fact); None if the value is neither."""
        number = None if isinstance(value, str) else _decimal(value)
        if number is None and not (isinstance(value, str) and value.strip()):
            return None
        iri = self.mint("obs", (_value(kind), source.table, source.line, *parts))
        for cls in (QB.Observation, kind):
            self.put(iri, RDF.type, cls)
        for prop, obj in ((QB.dataSet, self.dataset), (RDFS.label, _zh(label)), (GK.organization, self.dept),
                          (GK.fiscalYear, self.year),
                          (GK.phase, phase or self.phase), (GK.scope, self.scope), (GK.column, _literal(column))):
            self.add(iri, prop, obj)
        if number is None:
            self.add(iri, GK.valueText, _zh(str(value).strip()))
        else:
            self.add(iri, GK.value, number)
            self.add(iri, GK.unit, _literal(unit))
        self.provenance(iri, source)
        return iri

    def mint(self, kind: str, parts: tuple) -> str:
        """`{base}{kind}/{doc}-{hash}`; a second identical key in one document gets a stable suffix."""
        stem = f"{self.base}{kind}/{self.doc_id}-{resolve.short_hash(*parts)}"
        iri, n = stem, 1
        while iri in self._minted:
            n += 1
            iri = f"{stem}-{n}"
        self._minted.add(iri)
        term = _iri(iri)
        self.own.add(term)
        return term

    def column_phase(self, column: str) -> str:
        """A column's own phase where its header names one (a final account's 年初预算数 is a budget figure)."""
        if self.r.document_type == "final_account" and "预算" in column and "决算" not in column:
            return GK.Budget
        if self.r.document_type == "budget" and "决算" in column:
            return GK.FinalAccount
        return self.phase

    def concept(self, scheme: str, code: str, names: dict[tuple[str, str], str]) -> str:
        """The SKOS concept of a code, with its ancestors up to the top class (2010301 → 20103 → 201): described
        once (its triples are the same each time: `names` is the document's)."""
        concept = self._concepts.get((scheme, code))
        if concept is not None:
            return concept
        chain = resolve.code_ancestors(code)
        for i, c in enumerate(chain):
            if (scheme, c) in self._coded:  # described before, with its ancestors
                break
            self._coded.add((scheme, c))
            iri = _iri(resolve.code_iri(self.base, scheme, c))
            for cls in (_CODE_CLASSES[scheme], SKOS.Concept):
                self.put(iri, RDF.type, cls)
            self.plain(iri, SKOS.notation, c)
            self.add(iri, SKOS.inScheme, _SCHEMES[scheme])
            # A code printed without its name and of no standard class is labelled by the code, marked as such
            # so that no reader takes it for a printed name; it ends with the code, as readers that prefer
            # another document's printed name look for (query_api.cube, query_api.topics).
            name = names.get((scheme, c)) or resolve.standard_class_name(scheme, c)
            label = _zh(name or f"{UNNAMED_CODE}{_SCHEME_WORDS[scheme]} {c}")
            self.add(iri, RDFS.label, label)
            self.add(iri, SKOS.prefLabel, label)
            if i + 1 < len(chain):
                broader = _iri(resolve.code_iri(self.base, scheme, chain[i + 1]))
                self.add(iri, SKOS.broader, broader)
                self.add(broader, SKOS.narrower, iri)
            else:
                self.add(iri, SKOS.topConceptOf, _SCHEMES[scheme])
        concept = self._concepts[(scheme, code)] = _iri(resolve.code_iri(self.base, scheme, code))
        return concept

    def line_items(self) -> None:
        names: dict[tuple[str, str], str] = {}
        classified = []
        for item in self.r.line_items:
            code = item.code.strip()
            scheme = resolve.classify_code(code, item.classification)
            classified.append((item, code, scheme))
            if scheme and item.name.strip():
                # NFKC: documents differ on full- and half-width brackets (维修（护）费, 维修(护)费)
                names.setdefault((scheme, code), unicodedata.normalize("NFKC", item.name).strip())
        for item, code, scheme in classified:
            concept = self.concept(scheme, code, names) if scheme else None
            source = item.source if item.source.table else Source(item.table, item.source.line, item.source.page)
            for column, value in item.values.items():
                obs = self.observation(GK.LineItemObservation, (code, item.name, column),
                                       f"{item.name.strip()} {column}", column, value,
                                       item.unit or UNIT_WAN, source, self.column_phase(column))
                if obs is not None:
                    self.add(obs, GK.classification, concept)
                    if item.description:  # what the narrative says the line's money is for
                        self.add(obs, GK.description, _zh(item.description))
                    if item.parent and item.parent.strip():  # a row printed without a code: what it is part of
                        self.add(obs, GK.parentName, _zh(item.parent.strip()))
                    if item.block is not None:  # a table printing its codes in several blocks
                        self.add(obs, GK.block, _zh(item.block.label()))
                        if item.block.unit:
                            self.add(obs, GK.spendingUnit, self.organisation(item.block.unit))

    # ------------------------------------------------------------------ programs and indicators

    def programs(self) -> dict[str, str]:
        """Map every program; returns program key → IRI so indicators can point at their program."""
        out: dict[str, str] = {}
        for p in self.r.programs:
            name = p.name.strip()
            if not name:
                continue
            spender = self.canonical(p.unit) if p.unit and p.unit.strip() else self.r.department
            iri = self.program(name, spender, p.source)
            out.setdefault(resolve.program_key(name), iri)
            if p.performance_target:
                self.add(iri, GK.performanceTarget, _zh(p.performance_target))
            if p.description:
                self.add(iri, GK.description, _zh(p.description))
            amounts = [(BUDGET_COLUMN, p.amount, GK.Budget), (EXECUTED_COLUMN, p.executed, GK.FinalAccount)]
            for column, value, phase in amounts:
                obs = None if value is None else self.observation(
                    GK.ProgramObservation, (name, column), f"{name} {column}", column, value, UNIT_WAN, p.source, phase)
                if obs is not None:
                    self.add(obs, GK.program, iri)
            if p.change is not None and p.change_base:  # its change stated in its item: signed, on the figure named
                column = program_change_column(p.change_base)
                obs = self.observation(GK.ProgramObservation, (name, column), f"{name} {column}", column, p.change,
                                       UNIT_WAN, p.change_source or p.source)
                if obs is not None:
                    self.add(obs, GK.program, iri)
            for fund, value in p.funding.items():
                obs = self.observation(GK.ProgramObservation, (name, "funding", fund), f"{name} {fund}",
                                       fund, value, UNIT_WAN, p.source)
                if obs is not None:
                    self.add(obs, GK.program, iri)
                    self.plain(obs, GK.fundingSource, fund)
        return out

    def program(self, name: str, spender: str, source: Source) -> str:
        iri = _iri(resolve.program_iri(self.base, self.r.fiscal_year, spender, name))
        if iri in self._programs:  # named again (2026年X for 2026X): no second label, but where it was printed
            self.provenance(iri, source)
            return iri
        self._programs.add(iri)
        self.put(iri, RDF.type, GK.Program)
        self.add(iri, RDFS.label, _zh(name))
        self.add(iri, GK.spendingUnit, self.organisation(spender))
        self.add(iri, GK.department, self.dept)
        self.add(iri, GK.fiscalYear, self.year)
        self.provenance(iri, source)
        return iri

    def indicators(self, programs: dict[str, str]) -> None:
        for ind in self.r.indicators:
            name = ind.name.strip()
            if not name:
                continue
            iri = self.mint("indicator", (ind.program, name, ind.comparator, ind.target, ind.source.line))
            self.put(iri, RDF.type, GK.Indicator)
            self.add(iri, RDFS.label, _zh(name))
            if ind.program and ind.program.strip():
                program = programs.get(resolve.program_key(ind.program))
                if program is None:  # named only in the indicator table: still a program of this year
                    program = self.program(ind.program.strip(), self.r.department, ind.source)
                    programs[resolve.program_key(ind.program)] = program
                self.add(iri, GK.program, program)
            self.add(iri, GK.department, self.dept)
            self.add(iri, GK.fiscalYear, self.year)
            self.plain(iri, GK.comparator, ind.comparator or None)
            self.value(iri, GK.target, "target", f"{name} 目标值", ind.target, ind.unit)
            self.value(iri, GK.actual, "actual", f"{name} 实际完成值", ind.actual, ind.unit)
            if ind.met is not None:
                self.add(iri, GK.met, _literal(bool(ind.met)))
            if ind.text:
                self.add(iri, GK.text, _zh(ind.text))
            self.provenance(iri, ind.source)

    def value(self, indicator: str, prop: str, suffix: str, label: str, number: float | None,
              unit: str | None) -> None:
        literal = _decimal(number) if number is not None else None
        if literal is None:
            return
        iri = _iri(f"{_value(indicator)}/{suffix}")
        self.own.add(iri)
        self.put(iri, RDF.type, SDO.QuantitativeValue)
        self.add(iri, RDFS.label, _zh(label))
        self.add(iri, SDO.value, literal)
        self.plain(iri, SDO.unitText, unit or None)
        self.add(indicator, prop, iri)

    # ------------------------------------------------------------------ facts

    def facts(self) -> None:
        for fact in self.r.facts:
            # a key the parsers added without a label: the sentence it came from is the Chinese name
            label = fact.label or FACT_KEYS.get(fact.key) or (fact.text or "").strip()[:60] or fact.key
            unit = fact.unit or FACT_UNITS.get(fact.key) or UNIT_WAN
            phase = self.phase
            # money planned or spent (三公经费预算 / 决算) is of that phase; a count of people is of none
            # (staff_actual: 实有人员 a budget states, beside its 编制 — never a final account's figure)
            if unit == UNIT_WAN and fact.key.endswith("_budget"):
                phase = GK.Budget
            elif unit == UNIT_WAN and fact.key.endswith("_actual"):
                phase = GK.FinalAccount
            iri = self.observation(GK.FactObservation, ("fact", fact.key, fact.value), label, label,
                                   fact.value, unit, fact.source, phase)
            if iri is not None:
                self.plain(iri, GK.factKey, fact.key)
                if fact.key in KIND_OF_KEY:  # a figure of a kind (a change or a rate is of none)
                    self.add(iri, GK.factKind, _iri(KINDS[KIND_OF_KEY[fact.key]].iri))
                if fact.text:
                    self.add(iri, GK.text, _zh(fact.text))

    def unit_totals(self) -> None:
        """Each budget unit's own total (a 收入总表's row per unit; 基本支出 or 项目支出 printed unit by unit): a fact
        `unit_total` (`unit_basic_expenditure` …: UNIT_TOTAL_KEYS) whose gk:spendingUnit is the unit (the department
        itself for its 本级 row)."""
        for total in self.r.unit_totals:
            key, words = UNIT_TOTAL_KEYS[total.measure]
            label = f"{total.name} 单位收入{total.column}" if key == "unit_total" else f"{total.name} 单位{words}"
            parts = ("unit_total", total.name, total.code) + ((total.measure,) if key != "unit_total" else ())
            iri = self.observation(GK.FactObservation, parts, label, total.column, total.value, UNIT_WAN, total.source)
            if iri is not None:
                self.plain(iri, GK.factKey, key)
                self.add(iri, GK.spendingUnit, self.organisation(total.name))

    def self_evaluation(self) -> None:
        """The 绩效自评 ratings (`record.performance`) on one gk:SelfEvaluation; the execution rate and
        the score are facts already. The parser gives the ratings' section, not their line."""
        perf = self.r.performance
        ratings = [(p, str(perf[k]).strip()) for p, k in ((GK.overallRating, "overall_rating"),
                   (GK.programRating, "program_rating")) if str(perf.get(k) or "").strip()]
        if not ratings:
            return
        iri = self.mint("evaluation", ("self_evaluation",))
        self.put(iri, RDF.type, GK.SelfEvaluation)
        self.add(iri, RDFS.label, _zh(f"{self.r.department.strip()}{self.r.fiscal_year}年绩效自评结果"))
        self.add(iri, GK.department, self.dept)
        self.add(iri, GK.fiscalYear, self.year)
        for prop, rating in ratings:
            self.add(iri, prop, _zh(rating))
        self.provenance(iri, Source("绩效自评"))
