"""The Service Description on a bare GET /sparql."""

from __future__ import annotations

from pathlib import Path

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
    assert names == {BASE + "graph/data/actors", BASE + "graph/data/roles", BASE + "graph/inferred",
                     BASE + "graph/asserted", BASE + "graph/all"}
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


def _triples_of(store: ox.Store, where: str) -> int:
    VOID = "http://rdfs.org/ns/void#"
    return int(next(iter(store.query(f"SELECT ?n {{ {where} <{VOID}triples> ?n }}")))["n"].value)  # type: ignore[index]


def test_default_graph_and_aliases_count_distinct_triples(client: AppClient) -> None:
    """The fixture's inferred triple ``difi-kompetansesenter subOrganizationOf kmd`` is no duplicate,
    but the default graph and ``graph/all`` count each distinct triple once."""
    store = _store(client.get("/sparql").content, ox.RdfFormat.TURTLE)
    quads = len(list(ox.parse(path=str(Path(__file__).parent / "fixtures" / "endpoint" / "org.trig"))))
    distinct = len({(q.subject, q.predicate, q.object) for q in ox.parse(
        path=str(Path(__file__).parent / "fixtures" / "endpoint" / "org.trig"))})
    assert _triples_of(store, f"?d <{SD}defaultGraph> ?g . ?g") == distinct
    assert _triples_of(store, f"?x <{SD}name> <{BASE}graph/all> ; <{SD}graph> ?g . ?g") == distinct
    assert _triples_of(store, f"?x <{SD}name> <{BASE}graph/inferred> ; <{SD}graph> ?g . ?g") == 2
    assert _triples_of(store, f"?x <{SD}name> <{BASE}graph/asserted> ; <{SD}graph> ?g . ?g") == quads - 2


def test_data_mode_description_does_not_mention_project_graphs(tmp_path: Path) -> None:
    from kg.app import create_app
    from kg.settings import Settings

    data = tmp_path / "mine.trig"
    data.write_text("<http://e/a> <http://e/p> 1 . <http://e/g> { <http://e/b> <http://e/p> 2 . }", encoding="utf-8")
    app = create_app(Settings.from_env({}, query_workers=0), data_files=[data])
    text = AppClient(app).get("/sparql", headers={"accept": "application/n-triples"}).text
    assert "inferred" not in text and "asserted" not in text and "UnionDefaultGraph" not in text
    assert f"<{SD}name> <http://e/g>" in text
