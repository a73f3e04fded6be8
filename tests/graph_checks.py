"""Checks the data tests share: an OWL 2 RL closure of a test graph, and what makes it inconsistent."""

from __future__ import annotations

import owlrl
from rdflib import Graph, Namespace
from rdflib.namespace import OWL, RDF

#: owlrl records inconsistencies as ErrorMessage nodes in this namespace.
OWLRL_ERRORS = Namespace("http://www.daml.org/2002/03/agents/agent-ont#")


def owl_rl_closure(graph: Graph) -> Graph:
    """A copy of ``graph`` expanded with its OWL 2 RL closure (the input is left untouched)."""
    g = Graph()
    for triple in graph:
        g.add(triple)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, rdfs_closure=False, axiomatic_triples=False,
                           datatype_axioms=False).expand(g)
    return g


def inconsistencies(closure: Graph) -> list[str]:
    """owlrl's error messages and the members of owl:Nothing; empty when the closure is consistent."""
    errors = [str(closure.value(m, OWLRL_ERRORS.error)) for m in closure.subjects(RDF.type, OWLRL_ERRORS.ErrorMessage)]
    return errors + [f"{s} is an owl:Nothing" for s in closure.subjects(RDF.type, OWL.Nothing) if s != OWL.Nothing]
