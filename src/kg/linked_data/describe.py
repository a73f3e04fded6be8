"""What a resource's document contains: its own triples, its hash sub-nodes, and the qualified statements about it.

Only asserted graphs are described (the inferred graph is left out): a resource document says what the sources say.
The queries are plain SPARQL so any engine behind the store interface can answer them.
"""

from __future__ import annotations

from collections.abc import Callable

import pyoxigraph
from rdflib import Graph, URIRef

from kg.namespaces import ProjectNamespaces

#: Properties by which a qualified statement (role assignment, ownership, funding, responsibility) points at a resource.
STATEMENT_LINKS = (
    "actor", "owner", "ownedOrganisation", "funder", "recipient", "responsibleFor",
    "fundedInstrument", "viaInstrument",
)

RunConstruct = Callable[[str], Graph]
RunSelect = Callable[[str], list[dict[str, object]]]


def _iri(term: str) -> str:
    """``term`` as a SPARQL IRI reference; ``ValueError`` unless it is an absolute IRI (RFC 3987) safe to embed."""
    if any(c in term for c in '<>"{}|^`\\') or any(ord(c) <= 0x20 for c in term):
        raise ValueError(f"not an IRI that can be described: {term!r}")
    try:
        pyoxigraph.NamedNode(term)
    except ValueError:
        raise ValueError(f"not an IRI that can be described: {term!r}") from None
    return f"<{term}>"


def describe_query(iri: str, ns: ProjectNamespaces) -> str:
    """CONSTRUCT query for the document of ``iri``: its triples, its statements' triples, and their hash sub-nodes."""
    target = _iri(iri)
    links = " ".join(f"<{ns.inno}{name}>" for name in STATEMENT_LINKS)
    return f"""
CONSTRUCT {{ ?s ?p ?o }}
WHERE {{
  {{ BIND({target} AS ?node) }}
  UNION
  {{ GRAPH ?lg {{ ?node ?link {target} }} VALUES ?link {{ {links} }} FILTER(?lg != <{ns.inferred_graph}>) }}
  {{
    GRAPH ?g {{ ?node ?p ?o }}
    BIND(?node AS ?s)
  }} UNION {{
    GRAPH ?hg {{ ?node ?hp ?s }}
    FILTER(?hg != <{ns.inferred_graph}> && isIRI(?s) && STRSTARTS(STR(?s), CONCAT(STR(?node), "#")))
    GRAPH ?g {{ ?s ?p ?o }}
  }}
  FILTER(?g != <{ns.inferred_graph}>)
}}"""


def incoming_query(iri: str, ns: ProjectNamespaces, limit: int = 500) -> str:
    """SELECT query for resources that link to ``iri`` (for the HTML page's "incoming links")."""
    target = _iri(iri)
    return f"""
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?s ?p ?label
WHERE {{
  GRAPH ?g {{ ?s ?p {target} }}
  FILTER(?g != <{ns.inferred_graph}>)
  OPTIONAL {{ GRAPH ?lg {{ ?s skos:prefLabel ?label }} FILTER(LANGMATCHES(LANG(?label), "en")) }}
}}
ORDER BY ?p ?s
LIMIT {int(limit)}"""


def labels_query(iris: list[str]) -> str:
    """SELECT query for the nb/en labels of the given IRIs (to show names instead of IRIs)."""
    values = " ".join(_iri(i) for i in iris)
    return f"""
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?x ?label
WHERE {{
  VALUES ?x {{ {values} }}
  GRAPH ?g {{ {{ ?x skos:prefLabel ?label }} UNION {{ ?x rdfs:label ?label }} }}
}}"""


def describe_resource(run_construct: RunConstruct, iri: str, ns: ProjectNamespaces) -> Graph:
    """The resource document of ``iri`` as a graph (empty when the graph says nothing about it)."""
    graph = run_construct(describe_query(iri, ns))
    out = Graph()
    for prefix, namespace in _document_prefixes(ns).items():
        out.bind(prefix, namespace)
    for triple in graph:
        out.add(triple)
    return out


def _document_prefixes(ns: ProjectNamespaces) -> dict[str, str]:
    from kg.namespaces import PREFIXES

    prefixes = dict(PREFIXES)
    prefixes["inno"] = str(ns.inno)
    prefixes["id"] = str(ns.id)
    return prefixes


def mentions(graph: Graph) -> list[str]:
    """IRIs a document refers to (subjects and objects), for label lookup."""
    seen: set[str] = set()
    for s, _p, o in graph:
        for node in (s, o):
            if isinstance(node, URIRef):
                seen.add(str(node))
    return sorted(seen)
