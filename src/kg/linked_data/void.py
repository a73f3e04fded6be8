"""The dataset's self-description in VoID and DCAT (after DCAT-AP-NO where it fits), built from the snapshot metadata.

``void:triples`` counts distinct triples (the RDF merge of the graphs): the dataset, its asserted part (every source
file's graph and the canned queries, i.e. what ``/dumps/asserted.*`` holds) and its inferred part. The service passes
counts measured on the served store (``meta["distinct_triples"]``); without them the snapshot metadata is used.
"""

from __future__ import annotations

from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, XSD

from kg.namespaces import DCAT, SD, VOID, ProjectNamespaces

VCARD = "http://www.w3.org/2006/vcard/ns#"
EU = "http://publications.europa.eu/resource/authority/"
CC_BY = URIRef("https://creativecommons.org/licenses/by/4.0/")

#: Dump variants: name → (media type, file extension, graphs included).
DUMP_FORMATS = {
    "ttl": ("text/turtle", "TURTLE"),
    "nt": ("application/n-triples", "RDF_N_TRIPLES"),
    "jsonld": ("application/ld+json", "JSON_LD"),
    "nq": ("application/n-quads", "N_QUADS"),
}
DUMP_SCOPES = ("asserted", "all")
VOCABULARIES = (
    "http://www.w3.org/ns/org#", "http://www.w3.org/2004/02/skos/core#", "http://www.w3.org/ns/prov#",
    "http://purl.org/dc/terms/", "https://schema.org/", "http://xmlns.com/foaf/0.1/",
)


def dataset_graph(meta: dict[str, Any], ns: ProjectNamespaces, service_url: str) -> Graph:
    """VoID + DCAT description of the dataset served from the snapshot described by ``meta``."""
    g = Graph()
    for prefix, namespace in (("void", VOID), ("dcat", DCAT), ("dcterms", DCTERMS), ("foaf", FOAF), ("sd", SD),
                              ("vcard", VCARD)):
        g.bind(prefix, namespace)
    ds = URIRef(ns.dataset_iri)
    report = URIRef(ns.base + "id/report/difi-2017-01")
    publisher = URIRef(ns.base + "id/agent/kg-project")
    counts = meta.get("counts", {})
    distinct = meta.get("distinct_triples") or {}
    asserted = int(distinct.get("asserted", counts.get("asserted", 0)) + (0 if distinct else _queries_triples(meta)))
    inferred = int(distinct.get("inferred", counts.get("inferred", 0)))
    total = int(distinct.get("all", asserted + inferred))
    version = str(meta.get("version", "unknown"))

    g.add((ds, RDF.type, VOID.Dataset))
    g.add((ds, RDF.type, DCAT.Dataset))
    g.add((ds, DCTERMS.title, Literal("Innovasjon i offentlig sektor – kunnskapsgraf", lang="nb")))
    g.add((ds, DCTERMS.title, Literal("Public-sector innovation in Norway – knowledge graph", lang="en")))
    g.add((ds, DCTERMS.description, Literal(
        "Aktører, roller, målområder, virkemidler og ansvar i det norske innovasjonssystemet for offentlig sektor, "
        "slik Difi-rapport 2017:01 beskriver dem; hvert utsagn viser til avsnittet det kommer fra.", lang="nb")))
    g.add((ds, DCTERMS.description, Literal(
        "Actors, roles, goal areas, instruments and responsibilities of Norway's public-sector innovation system as "
        "Difi report 2017:01 describes them; every statement cites the report section it comes from.", lang="en")))
    g.add((ds, DCTERMS.publisher, publisher))
    g.add((publisher, RDF.type, FOAF.Organization))
    g.add((publisher, FOAF.name, Literal("Innovasjon i offentlig sektor – knowledge graph project", lang="en")))
    g.add((ds, DCTERMS.license, CC_BY))
    g.add((ds, DCTERMS.source, report))
    g.add((ds, DCTERMS.language, URIRef(EU + "language/NOB")))
    g.add((ds, DCTERMS.language, URIRef(EU + "language/ENG")))
    g.add((ds, DCTERMS.spatial, URIRef(EU + "country/NOR")))
    g.add((ds, DCAT.theme, URIRef(EU + "data-theme/GOVE")))
    for word, lang in (("innovasjon", "nb"), ("offentlig sektor", "nb"), ("innovation", "en"), ("public sector", "en")):
        g.add((ds, DCAT.keyword, Literal(word, lang=lang)))
    if meta.get("built_at"):
        g.add((ds, DCTERMS.modified, Literal(meta["built_at"], datatype=XSD.dateTime)))
    g.add((ds, URIRef("http://www.w3.org/2002/07/owl#versionInfo"), Literal(version)))
    contact = URIRef(ns.base + "id/agent/kg-project#contact")
    g.add((ds, DCAT.contactPoint, contact))
    g.add((contact, RDF.type, URIRef(VCARD + "Organization")))
    g.add((contact, URIRef(VCARD + "hasURL"), URIRef(service_url)))

    endpoint = URIRef(service_url + "sparql")
    g.add((ds, VOID.sparqlEndpoint, endpoint))
    service = URIRef(ns.dataset_iri + "#sparql-service")
    g.add((ds, DCAT.accessService, service))
    g.add((service, RDF.type, DCAT.DataService))
    g.add((service, DCAT.endpointURL, endpoint))
    g.add((service, DCAT.servesDataset, ds))
    g.add((service, DCTERMS.title, Literal("SPARQL 1.1 endpoint", lang="en")))
    g.add((ds, VOID.uriSpace, Literal(str(ns.id))))
    g.add((ds, VOID.exampleResource, URIRef(ns.base + "id/actor/difi")))
    for vocab in (*VOCABULARIES, str(ns.inno)):
        g.add((ds, VOID.vocabulary, URIRef(vocab)))

    g.add((ds, VOID.triples, Literal(total, datatype=XSD.integer)))
    for scope, triples in (("asserted", asserted), ("inferred", inferred)):
        subset = URIRef(f"{ns.dataset_iri}#{scope}")
        g.add((ds, VOID.subset, subset))
        g.add((subset, RDF.type, VOID.Dataset))
        g.add((subset, VOID.triples, Literal(triples, datatype=XSD.integer)))
        g.add((subset, DCTERMS.title, Literal(f"{scope} triples", lang="en")))
    classes = counts.get("classes", {})
    g.add((ds, VOID.classes, Literal(len(classes), datatype=XSD.integer)))
    for index, (cls, n) in enumerate(sorted(classes.items())):
        part = URIRef(f"{ns.dataset_iri}#class-{index}")
        g.add((ds, VOID.classPartition, part))
        g.add((part, VOID["class"], URIRef(cls)))
        g.add((part, VOID.entities, Literal(int(n), datatype=XSD.integer)))

    for scope in DUMP_SCOPES:
        for ext, (media_type, eu_format) in DUMP_FORMATS.items():
            url = URIRef(f"{service_url}dumps/{scope}.{ext}")
            g.add((ds, VOID.dataDump, url))
            dist = URIRef(f"{ns.dataset_iri}#dump-{scope}-{ext}")
            g.add((ds, DCAT.distribution, dist))
            g.add((dist, RDF.type, DCAT.Distribution))
            g.add((dist, DCAT.downloadURL, url))
            g.add((dist, DCAT.accessURL, url))
            g.add((dist, DCAT.mediaType, URIRef(f"https://www.iana.org/assignments/media-types/{media_type}")))
            g.add((dist, DCTERMS["format"], URIRef(EU + "file-type/" + eu_format)))
            g.add((dist, DCTERMS.license, CC_BY))
            g.add((dist, DCTERMS.title, Literal(f"{scope} graph as {ext}", lang="en")))
    return g


def _queries_triples(meta: dict[str, Any]) -> int:
    return sum(int(info.get("triples", 0)) for info in meta.get("graphs", {}).values() if info.get("kind") == "queries")


