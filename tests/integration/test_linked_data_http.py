"""Linked data over HTTP on the real graph: every class's instances dereference in every format (issue 8)."""

from __future__ import annotations

import html
import json
from pathlib import Path

import httpx
import pytest
from pyld import jsonld
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic

from kg.namespaces import VOID
from project_server import built_project_server

BASE_IRI = "https://w3id.org/innovasjon/"
RDF_TYPES = {"text/turtle": "turtle", "application/n-triples": "nt", "application/rdf+xml": "xml", "application/ld+json": "json-ld"}
EXTENSIONS = {"ttl": "text/turtle", "nt": "application/n-triples", "rdf": "application/rdf+xml", "jsonld": "application/ld+json", "html": "text/html"}

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    with built_project_server(tmp_path_factory.mktemp("build")) as base:
        yield base


@pytest.fixture(scope="module")
def samples(server: str) -> list[tuple[str, str]]:
    """One asserted instance of every class used in data/ (class IRI, instance IRI)."""
    query = f"""
    SELECT ?class (MIN(STR(?s)) AS ?x) WHERE {{
      GRAPH ?g {{ ?s a ?class }}
      FILTER(STRSTARTS(STR(?g), "{BASE_IRI}graph/data/") && STRSTARTS(STR(?s), "{BASE_IRI}id/"))
      FILTER(!CONTAINS(STR(?s), "#"))
    }} GROUP BY ?class ORDER BY ?class"""
    r = httpx.get(server + "/sparql", params={"query": query}, headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 200, r.text
    rows = [(b["class"]["value"], b["x"]["value"]) for b in r.json()["results"]["bindings"]]
    assert len(rows) >= 20, rows
    return rows


def local(server: str, iri: str) -> str:
    return server + "/" + iri[len(BASE_IRI):]


def parse(body: str, media: str) -> Graph:
    if media == "application/ld+json":
        return Graph().parse(data=json.dumps(jsonld.expand(json.loads(body))), format="json-ld")
    return Graph().parse(data=body, format=RDF_TYPES[media])


def test_every_class_dereferences_in_every_rdf_format_to_the_same_graph(server, samples):
    for cls, iri in samples:
        graphs = {}
        for media in RDF_TYPES:
            r = httpx.get(local(server, iri), headers={"Accept": media})
            assert r.status_code == 200, (cls, iri, media, r.text[:300])
            assert r.headers["content-type"] == f"{media}; charset=utf-8", (iri, media)
            graphs[media] = parse(r.text, media)
        turtle = graphs["text/turtle"]
        assert len(turtle) > 0, iri
        for media, g in graphs.items():
            assert isomorphic(turtle, g), (cls, iri, media)


def test_extensions_select_the_format(server, samples):
    _cls, iri = samples[0]
    for ext, media in EXTENSIONS.items():
        r = httpx.get(local(server, iri) + "." + ext, headers={"Accept": "*/*"})
        assert r.status_code == 200 and r.headers["content-type"].startswith(media), (ext, r.status_code)


def test_html_pages_contain_labels_and_links(server, samples):
    for _cls, iri in samples:
        ttl = Graph().parse(data=httpx.get(local(server, iri), headers={"Accept": "text/turtle"}).text, format="turtle")
        labels = [str(o) for o in ttl.objects(predicate=None) if getattr(o, "language", None) in ("nb", "en")]
        page = html.unescape(httpx.get(local(server, iri), headers={"Accept": "text/html"}).text)
        assert "<table>" in page and ".ttl" in page and ".jsonld" in page
        for label in labels[:2]:
            assert label[:40] in page, (iri, label)


def test_actor_jsonld_nests_role_assignments_and_matches_turtle(server):
    iri = BASE_IRI + "id/actor/ks"
    doc = httpx.get(local(server, iri), headers={"Accept": "application/ld+json"}).json()
    assert doc["id"] == iri and doc["name"]["nb"] == "Kommunesektorens organisasjon"  # 6.1.2
    assert any(r["role"].endswith("i-team-role/educator") for r in doc["roles"])
    assert all("inno:RoleAssignment" in (r["type"] if isinstance(r["type"], list) else [r["type"]]) for r in doc["roles"])
    ttl = Graph().parse(data=httpx.get(local(server, iri) + ".ttl").text, format="turtle")
    assert isomorphic(ttl, parse(json.dumps(doc), "application/ld+json"))


def test_unknown_iri_is_404(server):
    assert httpx.get(server + "/id/actor/does-not-exist", headers={"Accept": "text/turtle"}).status_code == 404


def test_ontology_iri_serves_the_ontology_and_its_documentation(server):
    ttl = httpx.get(server + "/def", headers={"Accept": "text/turtle"})
    assert ttl.status_code == 200 and "owl:Ontology" in ttl.text
    html = httpx.get(server + "/def", headers={"Accept": "text/html"})
    assert html.status_code == 200 and "<html" in html.text.lower()
    # the page documents the ontology itself (its title), not the SKOS schemes of ontology/vocab/
    assert "<title>Ontologi for innovasjonssystemet i norsk offentlig sektor</title>" in html.text


def test_void_counts_match_the_snapshot(server):
    """void:triples counts distinct triples: the whole dataset, and its asserted part = the asserted dump."""
    void = Graph().parse(data=httpx.get(server + "/.well-known/void", headers={"Accept": "text/turtle"}).text, format="turtle")
    dataset = URIRef(BASE_IRI + "id/dataset/innovasjon")
    query = "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }"
    r = httpx.get(server + "/sparql", params={"query": query}, headers={"Accept": "application/sparql-results+json"})
    distinct = int(r.json()["results"]["bindings"][0]["n"]["value"])
    assert int(void.value(dataset, VOID.triples)) == distinct
    asserted_dump = Graph().parse(data=httpx.get(server + "/dumps/asserted.nt").text, format="nt")
    assert int(void.value(URIRef(str(dataset) + "#asserted"), VOID.triples)) == len(asserted_dump)
    inferred = int(void.value(URIRef(str(dataset) + "#inferred"), VOID.triples))
    assert int(void.value(URIRef(str(dataset) + "#asserted"), VOID.triples)) + inferred == distinct


@pytest.mark.parametrize("scope", ["asserted", "all"])
def test_dumps_have_filename_and_versioned_etag(server, scope):
    ready = httpx.get(server + "/ready").json()
    r = httpx.get(f"{server}/dumps/{scope}.nq")
    assert r.status_code == 200
    assert f"innovasjon-{scope}-" in r.headers["content-disposition"]
    assert ready["version"] in r.headers["etag"]
    assert httpx.get(f"{server}/dumps/{scope}.nq", headers={"If-None-Match": r.headers["etag"]}).status_code == 304
