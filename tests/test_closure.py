"""Closure step: OWL 2 RL inferences only, input untouched, axiomatic noise dropped."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from kg.closure import active_predicates, compute_closure, is_noise
from kg.settings import CANONICAL_BASE_IRI, Settings
from kg.sources import load_sources

INNO = CANONICAL_BASE_IRI + "def#"
ACTOR = CANONICAL_BASE_IRI + "id/actor/"
# a plain Namespace: pytest probing rdflib's DefinedNamespace XSD at collection time warns
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")


def _iri(s: str) -> URIRef:
    return URIRef(s)


def test_closure_holds_owl_rl_inferences(project: Settings) -> None:
    loaded = load_sources(project)
    inferred = compute_closure(loaded.dataset)
    difi, kmd, gov = _iri(ACTOR + "difi"), _iri(ACTOR + "kmd"), _iri(ACTOR + "regjeringen")
    assert (difi, RDF.type, _iri(INNO + "Actor")) in inferred  # subclass
    assert (kmd, _iri(INNO + "steers"), difi) in inferred  # inverse
    assert (difi, _iri(INNO + "steeredByTransitive"), kmd) in inferred  # subproperty
    assert (difi, _iri(INNO + "steeredByTransitive"), gov) in inferred  # transitive


def test_closure_returns_only_new_triples_and_leaves_input_alone(project: Settings) -> None:
    loaded = load_sources(project)
    before = {q for q in loaded.dataset.quads((None, None, None, None))}
    inferred = compute_closure(loaded.dataset)
    after = {q for q in loaded.dataset.quads((None, None, None, None))}
    assert before == after
    asserted = loaded.union()
    assert len(inferred) > 0
    assert not any(t in asserted for t in inferred)


def test_closure_has_no_axiomatic_noise(project: Settings) -> None:
    inferred = compute_closure(load_sources(project).dataset)
    for s, p, o in inferred:
        assert not isinstance(s, Literal)
        assert not (p == OWL.sameAs and s == o)
        assert o not in (OWL.Thing, RDFS.Resource)
        assert not str(s).startswith((str(RDF), str(RDFS), str(OWL), str(XSD)))


def test_closure_of_a_plain_graph() -> None:
    g = Graph()
    a, b, c = (URIRef(f"http://ex/{n}") for n in "abc")
    g.add((a, RDFS.subClassOf, b))
    g.add((c, RDF.type, a))
    inferred = compute_closure(g)
    assert set(inferred) == {(c, RDF.type, b)}
    assert len(g) == 2


def test_same_as_copies_facts_to_the_other_iri() -> None:
    g = Graph()
    ours, theirs, label = URIRef("http://ours/kmd"), URIRef("http://theirs/974761076"), Literal("KMD", lang="nb")
    g.add((theirs, OWL.sameAs, ours))
    g.add((ours, RDFS.label, label))
    inferred = compute_closure(g)
    assert (theirs, RDFS.label, label) in inferred
    assert (ours, OWL.sameAs, theirs) in inferred


X = URIRef("http://ex/x")


@pytest.mark.parametrize(
    ("triple", "noise"),
    [
        ((X, OWL.sameAs, X), True),
        ((X, RDFS.subClassOf, X), True),
        ((X, OWL.equivalentClass, X), True),
        ((X, RDF.type, OWL.Thing), True),
        ((X, RDFS.subClassOf, OWL.Thing), True),
        ((OWL.Nothing, RDFS.subClassOf, X), True),
        ((XSD.string, RDF.type, RDFS.Datatype), True),
        ((RDF._1, RDF.type, RDFS.ContainerMembershipProperty), True),
        ((Literal("2016", datatype=XSD.gYear), OWL.sameAs, Literal("2016", datatype=XSD.gYear)), True),
        ((X, RDF.type, URIRef("http://ex/C")), False),
        ((X, OWL.sameAs, URIRef("http://ex/y")), False),
        ((X, RDFS.subClassOf, URIRef("http://ex/C")), False),
    ],
)
def test_is_noise(triple: tuple, noise: bool) -> None:
    assert is_noise(triple) is noise


def test_pruned_closure_equals_full_closure(project: Settings) -> None:
    """Keeping inert triples out of the reasoner (and skipping eq-ref) changes nothing, including
    eq-rep on a sameAs that is only inferred (here from an inverse-functional property)."""
    g = load_sources(project).union()
    ex = "http://example.org/"
    g.parse(
        data=f"""
        @prefix owl: <http://www.w3.org/2002/07/owl#> .
        @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        <{ex}orgnr> a owl:InverseFunctionalProperty .
        <{ACTOR}kmd> <{ex}orgnr> "972417858" .
        <{ex}kmd-elsewhere> <{ex}orgnr> "972417858" ; skos:altLabel "KMD"@nb ; <{ex}note> <{ex}n1> .
        <{ex}other> <{ex}mentions> <{ex}kmd-elsewhere> .
        <{ex}twin> owl:sameAs <{ACTOR}difi> .
        """,
        format="turtle",
    )
    pruned = set(compute_closure(g))
    full = set(compute_closure(g, prune=False))
    assert pruned == full
    kmd, elsewhere = URIRef(ACTOR + "kmd"), URIRef(ex + "kmd-elsewhere")
    assert (kmd, OWL.sameAs, elsewhere) in pruned
    assert (kmd, URIRef("http://www.w3.org/2004/02/skos/core#altLabel"), Literal("KMD", lang="nb")) in pruned
    assert (URIRef(ex + "other"), URIRef(ex + "mentions"), kmd) in pruned
    assert (URIRef(ex + "twin"), RDF.type, URIRef(INNO + "Actor")) in pruned


def test_active_predicates(project: Settings) -> None:
    active = active_predicates(load_sources(project).union())
    for name in ("steers", "steeredBy", "steeredByTransitive"):
        assert URIRef(INNO + name) in active
    assert RDF.type in active and RDFS.subClassOf in active
    skos = "http://www.w3.org/2004/02/skos/core#"
    assert URIRef(skos + "prefLabel") not in active
    assert URIRef("http://purl.org/dc/terms/description") not in active


def test_owlrl_vocabulary_restored_after_closure() -> None:
    import owlrl.OWLRL

    before = (owlrl.OWLRL.OWL, owlrl.OWLRL.RDF, owlrl.OWLRL.RDFS)
    compute_closure(Graph())
    assert (owlrl.OWLRL.OWL, owlrl.OWLRL.RDF, owlrl.OWLRL.RDFS) == before
    assert owlrl.OWLRL.OWL is OWL


def test_garbage_collector_state_restored() -> None:
    import gc

    assert gc.isenabled()
    compute_closure(Graph())
    assert gc.isenabled()
    gc.disable()
    try:
        compute_closure(Graph())
        assert not gc.isenabled()
    finally:
        gc.enable()
