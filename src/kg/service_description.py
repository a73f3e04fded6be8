"""SPARQL 1.1 Service Description of the endpoint (returned by ``GET /sparql`` without a query)."""

from __future__ import annotations

from rdflib.namespace import DCTERMS, RDF, XSD
from rdflib.term import BNode, Literal, URIRef

from kg.context import AppContext
from kg.namespaces import SD, VOID
from kg.store.base import Term

FORMATS = "http://www.w3.org/ns/formats/"
RESULT_FORMATS = (
    "SPARQL_Results_JSON",
    "SPARQL_Results_XML",
    "SPARQL_Results_CSV",
    "SPARQL_Results_TSV",
    "Turtle",
    "N-Triples",
    "JSON-LD",
    "RDF_XML",
    "TriG",
    "N-Quads",
)


def service_description(ctx: AppContext, endpoint_url: str) -> list[tuple[Term, URIRef, Term]]:
    """Triples describing the endpoint at ``endpoint_url`` (the URL the client actually used)."""
    ns = ctx.namespaces
    service, dataset, default_graph = BNode("service"), BNode("dataset"), BNode("defaultGraph")
    triples: list[tuple[Term, URIRef, Term]] = [
        (service, RDF.type, SD.Service),
        (service, SD.endpoint, URIRef(endpoint_url)),
        (service, SD.supportedLanguage, SD.SPARQL11Query),
        (service, SD.defaultDataset, dataset),
        (dataset, RDF.type, SD.Dataset),
        (dataset, SD.defaultGraph, default_graph),
        (default_graph, RDF.type, SD.Graph),
    ]
    triples += [(service, SD.resultFormat, URIRef(FORMATS + f)) for f in RESULT_FORMATS]
    aliases = getattr(ctx.engine, "aliases", None)
    if ctx.engine.union_default_graph:
        triples.append((service, SD.feature, SD.UnionDefaultGraph))
        if ctx.serving_snapshot and aliases is not None:
            text = ("The RDF merge (distinct triples) of every named graph: asserted triples and OWL 2 RL "
                    f"inferences. Use default-graph-uri={aliases.asserted} for asserted triples only.")
        else:
            text = "The RDF merge (distinct triples) of the files' default graph and every named graph."
        triples.append((default_graph, DCTERMS.description, Literal(text, lang="en")))
    elif not ctx.serving_snapshot:
        triples.append((default_graph, DCTERMS.description, Literal(
            "The default graph of the served files (their triples); quads stay in their named graphs.", lang="en")))
    if ctx.settings.service_allowlist:
        triples.append((service, SD.feature, SD.BasicFederatedQuery))
    if ctx.serving_snapshot:
        triples.append((dataset, URIRef(str(DCTERMS) + "source"), URIRef(ns.dataset_iri)))
    described = [(name, None) for name in ctx.engine.named_graphs()]
    if aliases is not None:
        described += [
            (aliases.asserted, "Alias: the RDF merge of every asserted graph (no inferences), distinct triples"),
            (aliases.all, "Alias: the RDF merge of every graph, asserted and inferred, distinct triples"),
        ]
    for i, (name, alias_text) in enumerate(described):
        count = ctx.engine.count(name)
        node, graph = BNode(f"ng{i}"), BNode(f"g{i}")
        triples += [
            (dataset, SD.namedGraph, node),
            (node, RDF.type, SD.NamedGraph),
            (node, SD.name, URIRef(name)),
            (node, SD.graph, graph),
            (graph, RDF.type, SD.Graph),
            (graph, VOID.triples, Literal(str(count), datatype=XSD.integer, normalize=False)),
        ]
        if alias_text is not None:
            triples.append((graph, DCTERMS.description, Literal(alias_text, lang="en")))
        elif ctx.serving_snapshot:
            what = "OWL 2 RL inferred triples" if name == ns.inferred_graph else "asserted triples of one source file"
            triples.append((graph, DCTERMS.description, Literal(what, lang="en")))
    default_count = ctx.engine.default_graph_size()
    triples.append((default_graph, VOID.triples, Literal(str(default_count), datatype=XSD.integer, normalize=False)))
    return triples


def sd_prefixes() -> dict[str, str]:
    """Prefixes that make the description readable."""
    return {"sd": str(SD), "void": str(VOID), "dcterms": str(DCTERMS), "rdf": str(RDF), "xsd": str(XSD)}
