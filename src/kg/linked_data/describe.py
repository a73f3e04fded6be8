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


def _in_graphs(pattern: str, var: str, ns: ProjectNamespaces, asserted_only: bool) -> str:
    """``pattern`` matched where a resource document looks: in every named graph but the inferred one (the project
    snapshot), or, for ``kg serve --data`` files, in the default graph and every named graph."""
    if asserted_only:
        return f"GRAPH ?{var} {{ {pattern} }} FILTER(?{var} != <{ns.inferred_graph}>)"
    return f"{{ {pattern} }} UNION {{ GRAPH ?{var} {{ {pattern} }} }}"


def describe_query(iri: str, ns: ProjectNamespaces, asserted_only: bool = True) -> str:
    """CONSTRUCT query for the document of ``iri``: its triples, its statements' triples, and their hash sub-nodes.

    ``asserted_only`` (the project snapshot): only the source files' graphs, never ``graph/inferred``.
    """
    target = _iri(iri)
    links = " ".join(f"<{ns.inno}{name}>" for name in STATEMENT_LINKS)
    linked = _in_graphs(f"?node ?link {target}", "lg", ns, asserted_only)
    own = _in_graphs("?node ?p ?o", "g", ns, asserted_only)
    child = _in_graphs("?node ?hp ?s", "hg", ns, asserted_only)
    child_triples = _in_graphs("?s ?p ?o", "g", ns, asserted_only)
    return f"""
CONSTRUCT {{ ?s ?p ?o }}
WHERE {{
  {{ BIND({target} AS ?node) }}
  UNION
  {{ {linked} VALUES ?link {{ {links} }} }}
  {{
    {own}
    BIND(?node AS ?s)
  }} UNION {{
    {child}
    FILTER(isIRI(?s) && STRSTARTS(STR(?s), CONCAT(STR(?node), "#")))
    {child_triples}
  }}
}}"""


def incoming_query(iri: str, ns: ProjectNamespaces, limit: int = 500, asserted_only: bool = True) -> str:
    """SELECT query for resources that link to ``iri`` (for the HTML page's "incoming links")."""
    target = _iri(iri)
    incoming = _in_graphs(f"?s ?p {target}", "g", ns, asserted_only)
    label = _in_graphs("?s skos:prefLabel ?label", "lg", ns, False)
    return f"""
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?s ?p ?label
WHERE {{
  {incoming}
  OPTIONAL {{ {label} FILTER(LANGMATCHES(LANG(?label), "en")) }}
}}
ORDER BY ?p ?s
LIMIT {int(limit)}"""


def labels_query(iris: list[str]) -> str:
    """SELECT query for the nb/en labels of the given IRIs, wherever they are stated."""
    values = " ".join(_iri(i) for i in iris)
    pattern = "{ ?x skos:prefLabel ?label } UNION { ?x rdfs:label ?label }"
    return f"""
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?x ?label
WHERE {{
  VALUES ?x {{ {values} }}
  {{ {pattern} }} UNION {{ GRAPH ?g {{ {pattern} }} }}
}}"""


def describe_resource(run_construct: RunConstruct, iri: str, ns: ProjectNamespaces, asserted_only: bool = True) -> Graph:
    """The resource document of ``iri`` as a graph (empty when the graph says nothing about it)."""
    graph = run_construct(describe_query(iri, ns, asserted_only))
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
