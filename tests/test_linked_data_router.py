"""Tests for kg.linked_data.router through the ASGI app (fixture data served like `kg serve --data`)."""

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pyld import jsonld
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.app import create_app
from kg.settings import Settings

FIXTURE = Path(__file__).parent / "fixtures" / "linked_data" / "sample.trig"
DIFI = "https://w3id.org/innovasjon/id/actor/difi"
PARSERS = {"text/turtle": "turtle", "application/n-triples": "nt", "application/rdf+xml": "xml"}


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory):
    settings = Settings.from_env({}, query_workers=0, build_dir=tmp_path_factory.mktemp("build"))
    with TestClient(create_app(settings, data_files=[FIXTURE])) as c:
        yield c


def document(client: TestClient, path: str, accept: str) -> Graph:
    r = client.get(path, headers={"Accept": accept})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == f"{accept}; charset=utf-8"
    if accept == "application/ld+json":
        return Graph().parse(data=json.dumps(jsonld.expand(r.json())), format="json-ld")
    return Graph().parse(data=r.text, format=PARSERS[accept])


def test_every_rdf_format_gives_the_same_graph(client):
    turtle = document(client, "/id/actor/difi", "text/turtle")
    assert len(turtle) > 0
    for accept in ("application/n-triples", "application/rdf+xml", "application/ld+json"):
        assert isomorphic(turtle, document(client, "/id/actor/difi", accept)), accept


def test_extension_selects_the_format_without_negotiation(client):
    r = client.get("/id/actor/difi.nt", headers={"Accept": "text/html"})
    assert r.headers["content-type"].startswith("application/n-triples")


def test_negotiated_response_names_its_document_and_varies_on_accept(client):
    r = client.get("/id/actor/difi", headers={"Accept": "text/turtle"})
    assert "Accept" in r.headers["vary"]
    assert r.headers["content-location"].endswith("/id/actor/difi.ttl")
    assert 'rel="alternate"' in r.headers["link"]


def test_html_page_shows_labels_links_statements_and_formats(client):
    r = client.get("/id/actor/difi", headers={"Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    page = r.text
    assert "Difi" in page and "@nb" in page
    assert 'href="http://testserver/id/role-assignment/difi-educator"' in page
    assert "difi.ttl" in page and "difi.jsonld" in page
    assert "Incoming links" in page and "Stimuleringsordningen" in page or "stimulus scheme" in page


def test_jsonld_document_nests_role_assignments(client):
    doc = client.get("/id/actor/difi", headers={"Accept": "application/ld+json"}).json()
    assert doc["id"] == DIFI
    assert doc["roles"][0]["role"].endswith("/i-team-role/educator")


@pytest.mark.parametrize("accept,marker", [
    ("text/turtle", "# Not found"), ("application/ld+json", '"error"'), ("text/html", "<h1>Not found"),
])
def test_unknown_iri_is_404_in_the_requested_format(client, accept, marker):
    r = client.get("/id/actor/nobody", headers={"Accept": accept})
    assert r.status_code == 404 and r.headers["content-type"].startswith(accept) and marker in r.text


def test_unacceptable_type_is_406(client):
    r = client.get("/id/actor/difi", headers={"Accept": "image/png"})
    assert r.status_code == 406 and "text/turtle" in r.text


def test_etag_gives_304(client):
    first = client.get("/id/actor/difi", headers={"Accept": "text/turtle"})
    again = client.get("/id/actor/difi", headers={"Accept": "text/turtle", "If-None-Match": first.headers["etag"]})
    assert again.status_code == 304


def test_context_is_published(client):
    r = client.get("/context.jsonld")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/ld+json")
    assert r.json()["@context"]["roles"]["@reverse"] == "inno:actor"


def test_dataset_description_at_well_known_void(client):
    r = client.get("/.well-known/void", headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and "void:sparqlEndpoint" in r.text


def test_dumps_need_the_project_snapshot(client):
    assert client.get("/dumps/all.ttl").status_code == 404
    assert client.get("/dumps/everything.zip").status_code == 404


@pytest.mark.parametrize("path", ["/def.n3", "/def.json", "/def.foo"])
def test_unknown_ontology_extension_is_404_not_500(client, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("accept,media", [
    ("application/xml", "application/rdf+xml"), ("text/plain", "application/n-triples"), ("text/n3", "text/turtle"),
])
def test_common_aliases_are_understood(client, accept, media):
    r = client.get("/id/actor/difi", headers={"Accept": accept})
    assert r.status_code == 200 and r.headers["content-type"].startswith(media)


@pytest.mark.parametrize("path", ["/id/actor/difi%0A", "/id/actor/%EF%BF%BD%20x"])
def test_iri_with_control_or_space_characters_is_not_described(client, path):
    assert client.get(path, headers={"Accept": "text/turtle"}).status_code in (400, 404)


def test_head_answers_like_get_without_a_body(client):
    get = client.get("/id/actor/difi", headers={"Accept": "text/turtle"})
    head = client.head("/id/actor/difi", headers={"Accept": "text/turtle"})
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-length"] == str(len(get.content))
    assert head.headers["etag"] == get.headers["etag"]


def test_openapi_has_no_duplicate_operations(client):
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        schema = client.app.openapi()
    assert "/id/{path}" in schema["paths"] and "head" not in schema["paths"]["/id/{path}"]


def test_etags_are_weak_because_gzip_and_identity_share_them(client):
    r = client.get("/id/actor/difi", headers={"Accept": "text/turtle"})
    assert r.headers["etag"].startswith('W/"')
    strong_form = r.headers["etag"].removeprefix("W/")
    assert client.get("/id/actor/difi", headers={"Accept": "text/turtle", "If-None-Match": strong_form}).status_code == 304


def test_data_files_without_named_graphs_dereference_too(tmp_path):
    """`kg serve --data plain.ttl`: the triples sit in the default graph, and IRIs still dereference."""
    settings = Settings.from_env({}, query_workers=0, build_dir=tmp_path)
    with TestClient(create_app(settings, data_files=[FIXTURE.parent / "plain.ttl"])) as c:
        doc = c.get("/id/actor/ks", headers={"Accept": "application/ld+json"}).json()
        assert doc["name"] == {"nb": "KS", "en": "KS"}
        assert [r["id"] for r in doc["roles"]] == ["https://w3id.org/innovasjon/id/role-assignment/ks-educator"]
        assert "KS" in c.get("/id/actor/ks", headers={"Accept": "text/html"}).text
