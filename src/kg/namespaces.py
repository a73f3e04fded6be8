"""The project's namespaces, derived from one base IRI, and the reused W3C vocabularies."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Namespace
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS, XSD

from kg.settings import CANONICAL_BASE_IRI

ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
VANN = Namespace("http://purl.org/vocab/vann/")
SH = Namespace("http://www.w3.org/ns/shacl#")
VOID = Namespace("http://rdfs.org/ns/void#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
ADMS = Namespace("http://www.w3.org/ns/adms#")


@dataclass(frozen=True)
class ProjectNamespaces:
    """IRIs minted under one base: ontology terms, instances and named graphs."""

    base: str

    @property
    def ontology_iri(self) -> str:
        return self.base + "def"

    @property
    def inno(self) -> Namespace:
        """Ontology terms (hash IRIs): ``<base>def#Term``."""
        return Namespace(self.base + "def#")

    @property
    def id(self) -> Namespace:
        """Instances (slash IRIs): ``<base>id/<type>/<slug>``."""
        return Namespace(self.base + "id/")

    @property
    def graph(self) -> Namespace:
        """Named graphs: ``<base>graph/<source path>``, ``graph/inferred``, ``graph/queries``."""
        return Namespace(self.base + "graph/")

    @property
    def inferred_graph(self) -> str:
        return self.base + "graph/inferred"

    @property
    def queries_graph(self) -> str:
        return self.base + "graph/queries"

    @property
    def asserted_alias(self) -> str:
        """Alias the endpoint expands to every asserted graph."""
        return self.base + "graph/asserted"

    @property
    def all_alias(self) -> str:
        """Alias the endpoint expands to every graph, asserted and inferred."""
        return self.base + "graph/all"

    @property
    def dataset_iri(self) -> str:
        return self.base + "id/dataset/innovasjon"

    def graph_for_source(self, relative_path: str) -> str:
        """Named-graph IRI of a source file, e.g. ``data/actors.ttl`` → ``<base>graph/data/actors``."""
        stem = relative_path[:-4] if relative_path.endswith(".ttl") else relative_path
        return self.base + "graph/" + stem.replace("\\", "/")


CANONICAL = ProjectNamespaces(CANONICAL_BASE_IRI)
INNO = CANONICAL.inno

PREFIXES: dict[str, str] = {
    "inno": str(CANONICAL.inno),
    "org": str(ORG),
    "skos": str(SKOS),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "schema": str(SCHEMA),
    "foaf": str(FOAF),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "vann": str(VANN),
    "sh": str(SH),
}
