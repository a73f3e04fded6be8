"""Publishing the canned queries as RDF, the way SIB's sparql-examples do.

Each query becomes ``<base>id/query/<name>`` typed ``sh:SPARQLExecutable`` and
``sh:SPARQLSelectExecutable`` / ``sh:SPARQLConstructExecutable`` / ``sh:SPARQLAskExecutable``,
with ``rdfs:label`` (en, nb), ``rdfs:comment``, the query text in ``sh:select`` / ``sh:construct`` /
``sh:ask``, one ``schema:keywords`` per tag and ``dcterms:source`` → the report section or figure
the question comes from. The build writes this graph into ``<base>graph/queries``.
"""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS

from kg.canned_queries.registry import HEADER_PREFIX, CannedQuery, QueryRegistry
from kg.namespaces import SCHEMA, SH, ProjectNamespaces

_EXECUTABLE = {
    "select": (SH.SPARQLSelectExecutable, SH.select),
    "construct": (SH.SPARQLConstructExecutable, SH.construct),
    "ask": (SH.SPARQLAskExecutable, SH.ask),
}


def query_iri(namespaces: ProjectNamespaces, name: str) -> URIRef:
    """``<base>id/query/<name>``."""
    return URIRef(f"{namespaces.base}id/query/{name}")


def source_iri(namespaces: ProjectNamespaces, source: str) -> URIRef:
    """The report part a header ``source`` names: ``"8.2"`` → ``sec:8.2``, ``"fig:6"`` → ``fig:6``."""
    if source.startswith("fig:"):
        return URIRef(f"{namespaces.base}id/figure/{source[4:]}")
    return URIRef(f"{namespaces.base}id/section/{source}")


def query_body(query: CannedQuery) -> str:
    """The SPARQL text without its ``#+`` header lines."""
    lines = query.sparql.splitlines()
    index = 0
    while index < len(lines) and lines[index].startswith(HEADER_PREFIX):
        index += 1
    return "\n".join(lines[index:]).strip() + "\n"


def registry_graph(registry: QueryRegistry, namespaces: ProjectNamespaces) -> Graph:
    """One graph describing every query of ``registry``."""
    graph = Graph()
    graph.bind("sh", SH)
    graph.bind("schema", SCHEMA)
    graph.bind("dcterms", DCTERMS)
    for query in registry:
        if query.form not in _EXECUTABLE:
            continue
        node = query_iri(namespaces, query.name)
        cls, text_property = _EXECUTABLE[query.form]
        graph.add((node, RDF.type, SH.SPARQLExecutable))
        graph.add((node, RDF.type, cls))
        for lang, title in query.title.items():
            graph.add((node, RDFS.label, Literal(title, lang=lang)))
        graph.add((node, RDFS.comment, Literal(query.description, lang="en")))
        graph.add((node, text_property, Literal(query_body(query))))
        graph.add((node, DCTERMS.identifier, Literal(query.name)))
        for tag in query.tags:
            graph.add((node, SCHEMA.keywords, Literal(tag)))
        for source in query.sources:
            graph.add((node, DCTERMS.source, source_iri(namespaces, source)))
    return graph
