"""Tests of the ontology sources: ontology/core.ttl, ontology/vocab/*.ttl, ontology/imports/*.ttl.

They check that the files parse, that every term and concept is documented the same way, that the
vocabularies are exactly the ones ontology/MODEL-SPEC.md lists, and that the OWL 2 RL closure of the
ontology plus a small fixture holds the entailments the data and the canned queries rely on,
without inconsistency.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from kg.closure import compute_closure
from kg.namespaces import CANONICAL, ORG, VANN

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY_DIR = ROOT / "ontology"
VOCAB_DIR = ONTOLOGY_DIR / "vocab"
MODEL_SPEC = ONTOLOGY_DIR / "MODEL-SPEC.md"
FIXTURE = Path(__file__).parent / "fixtures" / "ontology" / "entailments.ttl"

INNO = CANONICAL.inno
ID = CANONICAL.id
ONTOLOGY_IRI = URIRef(CANONICAL.ontology_iri)
TEST = Namespace(str(CANONICAL.id) + "test/")
REPORT = ID["report/difi-2017-01"]
PROPERTY_TYPES = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDF.Property)
DECLARATION_TYPES = (OWL.Class, RDFS.Class, *PROPERTY_TYPES)
OWLRL_ERRNS = Namespace("http://www.daml.org/2002/03/agents/agent-ont#")  # owlrl.Namespaces.ERRNS
OWLRL_ERROR = OWLRL_ERRNS.ErrorMessage


def ontology_files() -> list[Path]:
    """Every Turtle file under ontology/ (core, vocabularies, imports, extensions)."""
    return sorted(ONTOLOGY_DIR.rglob("*.ttl"))


def parse(paths: Iterable[Path]) -> Graph:
    """One graph holding the triples of all ``paths``."""
    graph = Graph()
    for path in paths:
        graph.parse(path, format="turtle")
    return graph


@pytest.fixture(scope="module")
def core() -> Graph:
    return parse([ONTOLOGY_DIR / "core.ttl"])


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return parse(ontology_files())


@pytest.fixture(scope="module")
def vocab() -> Graph:
    return parse(sorted(VOCAB_DIR.glob("*.ttl")))


@pytest.fixture(scope="module")
def entailed() -> Graph:
    """Ontology + fixture + their OWL 2 RL closure (kg.closure, the build's own reasoner step)."""
    asserted = parse([*ontology_files(), FIXTURE])
    closure = compute_closure(asserted)
    return asserted + closure


# --------------------------------------------------------------------------- consistency helper


def inconsistencies(graph: Graph) -> list[str]:
    """Violations of OWL semantics visible in a closed graph: members of owl:Nothing, and
    individuals typed with two classes declared disjoint (owl:disjointWith or owl:AllDisjointClasses).
    Also returns the inconsistency messages owlrl itself writes into a closure it computed
    (``agent-ont:ErrorMessage`` nodes). Empty list = consistent (as far as these checks go)."""
    problems = [f"owlrl: {m}" for e in graph.subjects(RDF.type, OWLRL_ERROR) for m in graph.objects(e, OWLRL_ERRNS.error)]
    problems += [f"{s} is a member of owl:Nothing" for s in graph.subjects(RDF.type, OWL.Nothing)]
    pairs: set[tuple[URIRef, URIRef]] = set()
    for a, b in graph.subject_objects(OWL.disjointWith):
        pairs.add((a, b))
    for group in graph.subjects(RDF.type, OWL.AllDisjointClasses):
        members = graph.value(group, OWL.members)
        if members is not None:
            pairs.update(itertools.combinations(list(Collection(graph, members)), 2))
    for a, b in sorted(pairs):
        shared = set(graph.subjects(RDF.type, a)) & set(graph.subjects(RDF.type, b))
        problems.extend(f"{x} is both {a} and {b}, declared disjoint" for x in sorted(shared))
    return problems


def test_inconsistency_helper_detects_both_kinds_of_violation(ontology: Graph) -> None:
    bad = Graph()
    for triple in ontology:
        bad.add(triple)
    bad.add((TEST["both"], RDF.type, INNO.Ministry))
    bad.add((TEST["both"], RDF.type, INNO.Municipality))
    bad.add((TEST["actor-and-instrument"], RDF.type, INNO.Actor))
    bad.add((TEST["actor-and-instrument"], RDF.type, INNO.Instrument))
    bad.add((TEST["nothing"], RDF.type, OWL.Nothing))
    found = "\n".join(inconsistencies(bad))
    assert f"{TEST['both']} is both" in found
    assert f"{TEST['actor-and-instrument']} is both" in found
    assert f"{TEST['nothing']} is a member of owl:Nothing" in found
    # A violation that only shows after reasoning: a ministry typed CountyGovernor is a StateAgency
    # only through subClassOf; owlrl reports it, and the helper finds it in the closure too.
    bad.remove((TEST["both"], RDF.type, INNO.Municipality))
    bad.add((TEST["both"], RDF.type, INNO.CountyGovernor))
    closed = "\n".join(inconsistencies(bad + compute_closure(bad)))
    assert f"owlrl: Disjoint classes {INNO.Ministry} and {INNO.StateAgency}" in closed or \
        f"owlrl: Disjoint classes {INNO.StateAgency} and {INNO.Ministry}" in closed
    assert f"{TEST['both']} is both {INNO.Ministry} and {INNO.StateAgency}" in closed or \
        f"{TEST['both']} is both {INNO.StateAgency} and {INNO.Ministry}" in closed


def test_closure_of_ontology_and_fixture_is_consistent(entailed: Graph) -> None:
    assert inconsistencies(entailed) == []


# --------------------------------------------------------------------------- parsing, header


@pytest.mark.parametrize("path", ontology_files(), ids=lambda p: str(p.relative_to(ONTOLOGY_DIR)))
def test_ontology_file_parses(path: Path) -> None:
    graph = parse([path])
    assert len(graph) > 0


def test_no_blank_node_subjects_except_axioms(ontology: Graph) -> None:
    """Blank nodes only as OWL class expressions, restrictions, lists and disjointness axioms."""
    allowed = {OWL.Class, OWL.Restriction, OWL.AllDisjointClasses}
    for s in set(ontology.subjects()):
        if isinstance(s, BNode) and (s, RDF.first, None) not in ontology:
            assert set(ontology.objects(s, RDF.type)) & allowed, f"unexplained blank node {s}"


def langs(graph: Graph, s: URIRef, p: URIRef) -> list[str | None]:
    return [o.language for o in graph.objects(s, p) if isinstance(o, Literal)]


def test_header(core: Graph) -> None:
    o = ONTOLOGY_IRI
    assert (o, RDF.type, OWL.Ontology) in core
    version = core.value(o, OWL.versionInfo)
    assert version is not None
    assert core.value(o, OWL.versionIRI) == URIRef(f"{o}/{version}")
    for p in (DCTERMS.title, DCTERMS.description):
        assert sorted(langs(core, o, p)) == ["en", "nb"], p
    assert core.value(o, DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert core.value(o, DCTERMS.created) == Literal("2026-11-28", datatype=URIRef("http://www.w3.org/2001/XMLSchema#date"))
    assert core.value(o, DCTERMS.modified) is not None
    assert core.value(o, DCTERMS.creator) is not None
    assert core.value(o, DCTERMS.source) == REPORT
    assert str(core.value(o, VANN.preferredNamespacePrefix)) == "inno"
    assert str(core.value(o, VANN.preferredNamespaceUri)) == str(INNO)


# --------------------------------------------------------------------------- term documentation


def inno_terms_declared(core: Graph) -> set[URIRef]:
    return {
        s for t in DECLARATION_TYPES for s in core.subjects(RDF.type, t)
        if isinstance(s, URIRef) and str(s).startswith(str(INNO))
    }


def test_core_declares_the_model_spec_terms(core: Graph) -> None:
    """Every ``inno:Term`` that MODEL-SPEC.md names in backticks is declared in core.ttl."""
    spec = MODEL_SPEC.read_text(encoding="utf-8")
    named = set(re.findall(r"`inno:([A-Za-z]+)`", spec))
    # Bare backticked camel-case words of the Classes/Properties sections are inno: terms too.
    sections = spec.split("## Classes", 1)[1].split("## SKOS concept schemes", 1)[0]
    named |= {w for w in re.findall(r"`([A-Za-z][A-Za-z]+)`", sections) if ":" not in w}
    named -= {"offeredBy", "instrumentStatus"}  # named in the spec only to say "do not use"
    named -= {"narrower"}  # "`skos:broader`/`narrower`": SKOS's, not ours
    missing = sorted(n for n in named if INNO[n] not in inno_terms_declared(core))
    assert missing == []


def test_every_inno_term_used_in_ontology_is_declared(ontology: Graph) -> None:
    """Catches misspelt terms (W3C ORG shipped ``org:subOrganzationOf`` for years). Terms may be
    declared in core.ttl or in an ontology/extensions/ file."""
    declared = inno_terms_declared(ontology)
    used = {
        n for triple in ontology for n in triple
        if isinstance(n, URIRef) and str(n).startswith(str(INNO))
    }
    assert sorted(used - declared) == []


def test_every_inno_term_is_documented(ontology: Graph) -> None:
    """Core and extension terms alike: labels nb+en, an English definition, rdfs:isDefinedBy."""
    problems = []
    for term in sorted(inno_terms_declared(ontology)):
        if sorted(langs(ontology, term, RDFS.label)) != ["en", "nb"]:
            problems.append(f"{term}: needs exactly one rdfs:label @nb and one @en")
        if "en" not in langs(ontology, term, SKOS.definition):
            problems.append(f"{term}: needs skos:definition @en")
        if ontology.value(term, RDFS.isDefinedBy) != ONTOLOGY_IRI:
            problems.append(f"{term}: needs rdfs:isDefinedBy <{ONTOLOGY_IRI}>")
    assert problems == []


def test_every_instrument_subclass_implies_its_type_concept(core: Graph, vocab: Graph) -> None:
    subclasses = set(core.transitive_subjects(RDFS.subClassOf, INNO.Instrument)) - {INNO.Instrument}
    assert len(subclasses) == 11
    for cls in subclasses:
        values = [
            core.value(r, OWL.hasValue) for r in core.objects(cls, RDFS.subClassOf)
            if (r, OWL.onProperty, INNO.instrumentType) in core
        ]
        assert len(values) == 1, cls
        assert (values[0], SKOS.inScheme, ID["scheme/instrument-type"]) in vocab, (cls, values[0])


# --------------------------------------------------------------------------- SKOS vocabularies


def spec_schemes() -> dict[str, list[str]]:
    """Scheme name → concept slugs, as listed in MODEL-SPEC.md's "SKOS concept schemes" section."""
    text = MODEL_SPEC.read_text(encoding="utf-8")
    section = text.split("## SKOS concept schemes", 1)[1].split("## ", 1)[0]
    section = section.split("\nReport-content lists", 1)[0]
    section = re.sub(r"\n +", " ", section)  # continuation lines
    schemes: dict[str, list[str]] = {}
    for item in re.split(r"\n- | ; ", section):
        match = re.match(r"\s*([a-z-]+)\s*(?:\([^)]*\))?:\s*(.*)", item, flags=re.S)
        if match is None:
            continue
        rest = re.sub(r"\([^)]*\)", "", match.group(2))
        schemes[match.group(1)] = [s.strip().split()[0] for s in rest.split(",") if s.strip()]
    return schemes


def test_model_spec_scheme_list_is_parsed() -> None:
    schemes = spec_schemes()
    assert len(schemes) == 18
    assert schemes["i-team-role"] == ["creator", "enabler", "educator", "transformer"]
    assert schemes["measure"][-1] == "grant-total"


def test_vocab_files_are_exactly_the_model_spec_schemes() -> None:
    assert sorted(p.stem for p in VOCAB_DIR.glob("*.ttl")) == sorted(spec_schemes())


@pytest.mark.parametrize("name", sorted(spec_schemes()))
def test_scheme_matches_model_spec(name: str) -> None:
    graph = parse([VOCAB_DIR / f"{name}.ttl"])
    scheme = ID[f"scheme/{name}"]
    assert (scheme, RDF.type, SKOS.ConceptScheme) in graph
    assert sorted(langs(graph, scheme, DCTERMS.title)) == ["en", "nb"]
    concepts = set(graph.subjects(RDF.type, SKOS.Concept))
    assert sorted(str(c) for c in concepts) == sorted(str(ID[f"{name}/{slug}"]) for slug in spec_schemes()[name])
    tops = set(graph.objects(scheme, SKOS.hasTopConcept))
    assert tops == set(graph.subjects(SKOS.topConceptOf, scheme))
    assert tops, "a scheme needs top concepts"
    for concept in concepts - tops:
        assert graph.value(concept, SKOS.broader) in concepts, f"{concept}: neither top concept nor narrower"


def test_every_concept_in_exactly_one_scheme_and_documented(vocab: Graph) -> None:
    problems = []
    schemes = set(vocab.subjects(RDF.type, SKOS.ConceptScheme))
    for concept in sorted(vocab.subjects(RDF.type, SKOS.Concept)):
        in_schemes = list(vocab.objects(concept, SKOS.inScheme))
        if len(in_schemes) != 1 or in_schemes[0] not in schemes:
            problems.append(f"{concept}: in {len(in_schemes)} schemes")
        if sorted(langs(vocab, concept, SKOS.prefLabel)) != ["en", "nb"]:
            problems.append(f"{concept}: needs exactly one skos:prefLabel @nb and one @en")
        if "en" not in langs(vocab, concept, SKOS.definition):
            problems.append(f"{concept}: needs skos:definition @en")
        sources = list(vocab.objects(concept, INNO.source))
        if not sources or not all(str(s).startswith((str(ID["section/"]), str(ID["figure/"]))) for s in sources):
            problems.append(f"{concept}: needs inno:source → report sections or figures")
    assert problems == []


def test_no_concept_has_the_same_pref_and_alt_label(vocab: Graph) -> None:
    """SKOS integrity condition S13: skos:prefLabel and skos:altLabel are pairwise disjoint."""
    clashes = [
        (c, label) for c in vocab.subjects(RDF.type, SKOS.Concept)
        for label in set(vocab.objects(c, SKOS.prefLabel)) & set(vocab.objects(c, SKOS.altLabel))
    ]
    assert clashes == []


@pytest.mark.parametrize(("scheme", "cls"), [
    ("i-team-role", INNO.Role), ("i-team-role", ORG.Role),
    ("goal-area", INNO.GoalArea), ("driver-function", INNO.DriverFunction),
])
def test_concepts_carry_their_owl_class(vocab: Graph, scheme: str, cls: URIRef) -> None:
    members = set(vocab.subjects(SKOS.inScheme, ID[f"scheme/{scheme}"]))
    assert members and all((c, RDF.type, cls) in vocab for c in members)


@pytest.mark.parametrize(("slug", "label"), [
    ("i-team-role/creator", "utvikler/skaper"), ("i-team-role/enabler", "tilrettelegger"),
    ("i-team-role/educator", "utdanner"), ("i-team-role/transformer", "transformerer/arkitekt"),
    ("goal-area/national-policy", "Politikk, nasjonale strategier"),
    ("goal-area/framework-conditions", "Rammebetingelser"),
    ("goal-area/municipal-organisations", "Virksomheter – kommunale"),
    ("goal-area/societal-challenges", "Samfunnsutfordringer"),
])
def test_norwegian_labels_use_the_reports_words(vocab: Graph, slug: str, label: str) -> None:
    assert Literal(label, lang="nb") in set(vocab.objects(ID[slug], SKOS.prefLabel))


def test_split_goal_areas_are_narrower_than_organisations(vocab: Graph) -> None:
    for slug in ("municipal-organisations", "state-organisations"):
        assert vocab.value(ID[f"goal-area/{slug}"], SKOS.broader) == ID["goal-area/organisations"]


# --------------------------------------------------------------------------- OWL 2 RL entailments


def t(local: str) -> URIRef:
    return TEST[local]


ENTAILMENTS = {
    "qualified educator assignment gives hasRole": (t("network"), INNO.hasRole, ID["i-team-role/educator"]),
    "hasRole ignores status": (t("agency"), INNO.hasRole, ID["i-team-role/transformer"]),
    "agency under ministry under government": (t("agency"), ORG.transitiveSubOrganizationOf, t("government")),
    "steeredBy implies subOrganizationOf": (t("agency"), ORG.subOrganizationOf, t("ministry")),
    "steering is transitive": (t("subagency"), INNO.steeredByTransitive, t("ministry")),
    "steers is the inverse": (t("ministry"), INNO.steers, t("agency")),
    "business-promotion body is an org:Organization": (t("promoter"), RDF.type, ORG.Organization),
    "owns via Ownership": (t("ministry"), INNO.owns, t("promoter")),
    "ownedBy via Ownership": (t("promoter"), INNO.ownedBy, t("ministry")),
    "grant gets its type concept": (t("grant"), INNO.instrumentType, ID["instrument-type/grant"]),
    "discretionary funds get their type": (t("funds"), INNO.instrumentType, ID["instrument-type/discretionary-funds"]),
    "discretionary funds are grants": (t("funds"), INNO.instrumentType, ID["instrument-type/grant"]),
    "research programme is a programme": (t("research-programme"), INNO.instrumentType, ID["instrument-type/programme"]),
    "held assignment classified": (t("assignment-educator"), RDF.type, INNO.HeldRoleAssignment),
    "potential assignment classified": (t("assignment-transformer"), RDF.type, INNO.PotentialRoleAssignment),
    "defined class implies the base class (cls-int2)": (t("assignment-declared-held"), RDF.type, INNO.RoleAssignment),
    "defined class implies the status (cls-int2, cls-hv1)": (t("assignment-declared-held"), INNO.status, ID["assignment-status/held"]),
    "defined class still gives hasRole": (t("ministry"), INNO.hasRole, ID["i-team-role/enabler"]),
    "funds via FundingFlow": (t("ministry"), INNO.funds, t("grant")),
    "fundedBy via FundingFlow": (t("grant"), INNO.fundedBy, t("ministry")),
    "hasResponsibilityFor chain": (t("ministry"), INNO.hasResponsibilityFor, ID["goal-area/national-policy"]),
    "responsibleActor chain": (ID["goal-area/national-policy"], INNO.responsibleActor, t("ministry")),
    "administers is the inverse": (t("agency"), INNO.administers, t("grant")),
    "memberOf is the inverse of hasMember": (t("agency"), ORG.memberOf, t("network")),
    "correspondsTo is symmetric": (t("rec-chapter-9"), INNO.correspondsTo, t("rec-summary")),
    "collaboratesWith is symmetric": (t("promoter"), INNO.collaboratesWith, t("agency")),
    "inno:source is a dcterms:source": (t("funding"), DCTERMS.source, ID["section/vedlegg-1"]),
    "i-team role is a skos:Concept through org:Role": (ID["i-team-role/educator"], RDF.type, SKOS.Concept),
    "prefLabel is an rdfs:label": (ID["goal-area/societal-challenges"], RDFS.label, Literal("Samfunnsutfordringer", lang="nb")),
    "narrower from broader": (ID["goal-area/organisations"], SKOS.narrower, ID["goal-area/state-organisations"]),
}


@pytest.mark.parametrize("name", sorted(ENTAILMENTS))
def test_owl_rl_entailment(entailed: Graph, name: str) -> None:
    assert ENTAILMENTS[name] in entailed


NON_ENTAILMENTS = {
    "potential assignment is not a held one": (t("assignment-transformer"), RDF.type, INNO.HeldRoleAssignment),
    "a network is not made a formal organisation": (t("network"), RDF.type, ORG.FormalOrganization),
    "a network is not made an org:Organization by org:hasMember": (t("network"), RDF.type, ORG.Organization),
    "a grant's funder is not made an instrument": (t("ministry"), RDF.type, INNO.Instrument),
    "a report section is not made a prov:Entity": (ID["section/8.1"], RDF.type, URIRef("http://www.w3.org/ns/prov#Entity")),
}


@pytest.mark.parametrize("name", sorted(NON_ENTAILMENTS))
def test_no_mistyping_entailment(entailed: Graph, name: str) -> None:
    """Domains and ranges must not type things as what they are not."""
    assert NON_ENTAILMENTS[name] not in entailed


@pytest.mark.slow
def test_closure_of_ontology_and_data_is_consistent() -> None:
    """The real thing: ontology + every data/ file + closure has no inconsistency."""
    data_files = sorted((ROOT / "data").rglob("*.ttl"))
    if not data_files:
        pytest.skip("no data/ files yet")
    asserted = parse([*ontology_files(), *data_files])
    assert inconsistencies(asserted + compute_closure(asserted)) == []


# --------------------------------------------------------------------------- data against the ontology


def data_files() -> list[Path]:
    return sorted((ROOT / "data").rglob("*.ttl"))


def test_data_uses_only_declared_terms_and_concepts(ontology: Graph) -> None:
    """Every ``inno:`` IRI in data/ is declared in ontology/, and every IRI in a vocabulary
    namespace (``…/id/goal-area/…``) is a concept of that vocabulary: a misspelt term or slug
    would otherwise just make queries silently miss it."""
    if not data_files():
        pytest.skip("no data/ files yet")
    data = parse(data_files())
    known = set(ontology.subjects())
    vocab_namespaces = tuple(str(ID[f"{name}/"]) for name in spec_schemes())
    unknown = sorted({
        str(n) for triple in data for n in triple
        if isinstance(n, URIRef) and str(n).startswith((str(INNO), *vocab_namespaces)) and n not in known
    })
    assert unknown == []


def test_every_report_part_the_ontology_cites_exists(ontology: Graph) -> None:
    """``inno:source`` in ontology/ points at sections and figures that data/report.ttl defines."""
    report = ROOT / "data" / "report.ttl"
    if not report.exists():
        pytest.skip("data/report.ttl not written yet")
    parts = parse([report])
    defined = set(parts.subjects(RDF.type, INNO.ReportSection)) | set(parts.subjects(RDF.type, INNO.Figure))
    cited = {o for o in ontology.objects(None, INNO.source) if str(o).startswith((str(ID["section/"]), str(ID["figure/"])))}
    assert sorted(str(c) for c in cited - defined) == []
