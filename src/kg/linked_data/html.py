"""Human-readable HTML pages for resources: labels, a property table with links, statements, sources, incoming links."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from jinja2 import Environment, PackageLoader, select_autoescape
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from kg.namespaces import PREFIXES, ProjectNamespaces

FORMAT_EXTENSIONS = {
    "html": "text/html",
    "ttl": "text/turtle",
    "jsonld": "application/ld+json",
    "nt": "application/n-triples",
    "rdf": "application/rdf+xml",
}
FORMAT_NAMES = {"html": "HTML", "ttl": "Turtle", "jsonld": "JSON-LD", "nt": "N-Triples", "rdf": "RDF/XML"}


@dataclass(frozen=True)
class Link:
    """A rendered reference: display text, its IRI, and where a browser should go."""

    text: str
    iri: str = ""
    href: str = ""
    lang: str = ""
    datatype: str = ""


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(loader=PackageLoader("kg", "templates"), autoescape=select_autoescape(["html"]))


class PageRenderer:
    """Renders resource pages; maps IRIs under the configured base to the local service so links are followable."""

    def __init__(self, ns: ProjectNamespaces, service_url: str) -> None:
        self.ns = ns
        self.service_url = service_url
        prefixes = dict(PREFIXES)
        prefixes["inno"] = str(ns.inno)
        self._prefixes = sorted(prefixes.items(), key=lambda kv: -len(kv[1]))

    def local_href(self, iri: str) -> str:
        """Where a browser follows ``iri``: our own IRIs go to this service, others stay as they are."""
        if iri.startswith(self.ns.base):
            return self.service_url + iri[len(self.ns.base):]
        return iri

    def curie(self, iri: str) -> str:
        for prefix, namespace in self._prefixes:
            if iri.startswith(namespace) and len(iri) > len(namespace):
                return f"{prefix}:{iri[len(namespace):]}"
        return iri

    def _term(self, node: object, labels: dict[str, dict[str, str]]) -> Link:
        if isinstance(node, URIRef):
            iri = str(node)
            names = labels.get(iri, {})
            text = names.get("en") or names.get("nb") or next(iter(names.values()), None) or self.curie(iri)
            return Link(text=text, iri=iri, href=self.local_href(iri))
        if isinstance(node, Literal):
            return Link(text=str(node), lang=node.language or "",
                        datatype=self.curie(str(node.datatype)) if node.datatype else "")
        return Link(text=str(node))

    def _rows(self, graph: Graph, subject: URIRef, labels: dict[str, dict[str, str]]) -> list[dict[str, object]]:
        rows: dict[str, list[Link]] = {}
        for p, o in sorted(graph.predicate_objects(subject), key=lambda po: (str(po[0]), str(po[1]))):
            rows.setdefault(str(p), []).append(self._term(o, labels))
        ordered = sorted(rows, key=lambda p: (p != str(RDF.type), self.curie(p)))
        return [{"predicate": Link(text=self.curie(p), iri=p, href=self.local_href(p)), "objects": rows[p]} for p in ordered]

    def render(self, iri: str, graph: Graph, labels: dict[str, dict[str, str]],
               incoming: list[tuple[str, str]], document_url: str) -> str:
        """The HTML page of ``iri`` from its document graph, the labels of what it mentions, and incoming links."""
        subject = URIRef(iri)
        own_labels = sorted(labels.get(iri, {}).items())
        title = dict(own_labels).get("en") or dict(own_labels).get("nb") or self.curie(iri)
        statements = []
        for node in sorted({s for s in graph.subjects() if isinstance(s, URIRef) and s != subject}, key=str):
            statements.append({
                "title": self._term(node, labels).text if str(node) in labels else self.curie(str(node)),
                "href": self.local_href(str(node)),
                "properties": self._rows(graph, node, labels),
            })
        sources = [self._term(o, labels) for o in sorted(set(graph.objects(subject, self.ns.inno.source)), key=str)]
        alternates = [{"name": FORMAT_NAMES[ext], "media_type": mt, "href": f"{document_url}.{ext}"}
                      for ext, mt in FORMAT_EXTENSIONS.items()]
        incoming_rows = [{"predicate": Link(text=self.curie(p), iri=p),
                          "subject": self._term(URIRef(s), labels)} for s, p in incoming]
        return _environment().get_template("resource.html").render(
            title=title, iri=iri, labels=own_labels, alternates=alternates, home=self.service_url,
            properties=self._rows(graph, subject, labels), statements=statements, sources=sources,
            incoming=incoming_rows,
        )
