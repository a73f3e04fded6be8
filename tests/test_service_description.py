"""The Service Description on a bare GET /sparql."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from endpoint_client import AppClient, fixture_app
from kg.service_guard import check_service, service_targets

SD = "http://www.w3.org/ns/sparql-service-description#"
BASE = "https://w3id.org/innovasjon/"


@pytest.fixture(scope="module")
def client() -> AppClient:
    return AppClient(fixture_app())


def _store(body: bytes, fmt: ox.RdfFormat) -> ox.Store:
    store = ox.Store()
    store.load(body, format=fmt)
    return store


def test_bare_get_returns_turtle_description(client: AppClient) -> None:
    r = client.get("/sparql")
    assert r.status_code == 200 and r.headers["content-type"] == "text/turtle; charset=utf-8"
    store = _store(r.content, ox.RdfFormat.TURTLE)
    assert store.query(f"ASK {{ ?s a <{SD}Service> ; <{SD}endpoint> <http://testserver/sparql> ; <{SD}supportedLanguage> <{SD}SPARQL11Query> }}")
    names = {s["g"].value for s in store.query(f"SELECT ?g {{ ?d <{SD}namedGraph> [ <{SD}name> ?g ] }}")}  # type: ignore[union-attr]
    assert names == {BASE + "graph/data/actors", BASE + "graph/data/roles", BASE + "graph/inferred"}
    formats = {s["f"].value for s in store.query(f"SELECT ?f {{ ?s <{SD}resultFormat> ?f }}")}  # type: ignore[union-attr]
    assert "http://www.w3.org/ns/formats/SPARQL_Results_TSV" in formats
    assert store.query(f"ASK {{ ?s <{SD}feature> <{SD}UnionDefaultGraph> }}")


def test_endpoint_is_the_url_the_client_used(client: AppClient) -> None:
    r = client.get("http://example.org:8123/sparql", headers={"accept": "application/n-triples"})
    assert f"<{SD}endpoint> <http://example.org:8123/sparql>" in r.text


def test_description_is_negotiated(client: AppClient) -> None:
    r = client.get("/sparql", headers={"accept": "application/ld+json"})
    assert r.headers["content-type"].startswith("application/ld+json")
    assert len(_store(r.content, ox.RdfFormat.JSON_LD)) > 10
    assert client.get("/sparql", headers={"accept": "application/sparql-results+json"}).status_code == 406


def test_service_targets_ignore_strings_and_comments() -> None:
    q = 'PREFIX ex: <http://ex.org/> SELECT * { ?s ?p "SERVICE <http://a/>" # SERVICE <http://b/>\n SERVICE SILENT ex:sparql { ?s ?p ?o } SERVICE ?x {} }'
    assert service_targets(q) == ["http://ex.org/sparql", None]
    check_service("SELECT * { SERVICE <http://ok/> {} }", ("http://ok/",))


def test_public_base_url_names_the_endpoint() -> None:
    client = AppClient(fixture_app(public_base_url="https://kg.example.org/api"))
    assert f"<{SD}endpoint> <https://kg.example.org/api/sparql>" in client.get("/sparql", headers={"accept": "application/n-triples"}).text
