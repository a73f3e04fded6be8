"""Closure step: the OWL 2 RL closure of the asserted graph, as the set of NEW triples only.

The reasoner (owlrl's ``OWLRL_Semantics``) runs on a private copy of the input; the input is never
modified (owlrl issues #43/#51 show what goes wrong when inferences land in the source graphs).
The pipeline stores the result in the named graph ``<base>graph/inferred``.
"""

from __future__ import annotations

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.graph import ConjunctiveGraph
from rdflib.namespace import OWL, RDF, RDFS, XSD
from rdflib.term import Node

import owlrl

_BUILTIN_NAMESPACES: tuple[str, ...] = (str(RDF), str(RDFS), str(OWL), str(XSD))
_REFLEXIVE_NOISE = frozenset({OWL.sameAs, OWL.equivalentClass, OWL.equivalentProperty, RDFS.subClassOf, RDFS.subPropertyOf})
_TOP_NOISE = frozenset({
    (RDF.type, OWL.Thing), (RDF.type, RDFS.Resource),
    (RDFS.subClassOf, OWL.Thing), (RDFS.subClassOf, RDFS.Resource),
    (RDFS.domain, OWL.Thing), (RDFS.range, OWL.Thing), (RDFS.domain, RDFS.Resource), (RDFS.range, RDFS.Resource),
})


def is_noise(triple: tuple[Node, Node, Node]) -> bool:
    """True for inferred triples that are true of everything and so tell a query nothing.

    Dropped, and why:
    - reflexive ``x owl:sameAs x``, ``C owl:equivalentClass C``, ``C rdfs:subClassOf C``,
      ``p rdfs:subPropertyOf p`` … (rule eq-ref and friends): one per node, roughly doubling the
      graph, and every SPARQL engine can state them itself;
    - ``x rdf:type owl:Thing``, ``C rdfs:subClassOf owl:Thing``, ``p rdfs:domain owl:Thing``,
      ``owl:Nothing rdfs:subClassOf C``: true of every individual, class or property;
    - any triple about the built-in RDF/RDFS/OWL/XSD vocabulary (``xsd:string rdf:type
      rdfs:Datatype``, ``rdf:_1 rdf:type rdfs:ContainerMembershipProperty``, annotation-property
      declarations): axioms of the languages, not facts of this knowledge graph;
    - any triple whose subject is a literal (``"2016"^^xsd:gYear owl:sameAs …``, literal typing):
      not valid RDF 1.1 and not serialisable to N-Quads.
    """
    s, p, o = triple
    if isinstance(s, Literal):
        return True
    if s == o and p in _REFLEXIVE_NOISE:
        return True
    if (p, o) in _TOP_NOISE:
        return True
    if s == OWL.Nothing:
        return True
    if isinstance(s, URIRef) and str(s).startswith(_BUILTIN_NAMESPACES):
        return True
    return False


def _plain_copy(source: Graph) -> Graph:
    """All triples of a graph, or of every named graph of a dataset, in a new in-memory graph."""
    out = Graph()
    if isinstance(source, (Dataset, ConjunctiveGraph)):
        for s, p, o, _ in source.quads((None, None, None, None)):
            out.add((s, p, o))
    else:
        for triple in source:
            out.add(triple)
    return out


def compute_closure(source: Graph) -> Graph:
    """The OWL 2 RL closure of ``source`` minus the asserted triples and minus noise (``is_noise``).

    ``source`` is a Graph or a Dataset (its named graphs are merged); it is not modified.
    OWL 2 RL (not RDFS only) because the ontology relies on inverse, symmetric and transitive
    properties, property chains, hasValue restrictions and equivalent classes.
    """
    asserted = _plain_copy(source)
    work = _plain_copy(asserted)
    owlrl.DeductiveClosure(
        owlrl.OWLRL_Semantics,
        rdfs_closure=False,
        axiomatic_triples=False,
        datatype_axioms=False,
    ).expand(work)
    inferred = Graph()
    for triple in work:
        if triple not in asserted and not is_noise(triple):
            inferred.add(triple)
    return inferred
