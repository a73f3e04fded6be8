"""The /sparql router: protocol operations, dataset, negotiation, errors, caching, CORS, gzip."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from endpoint_client import FIXTURE, AppClient, fixture_app
from kg.response_cache import CachedResponsesMiddleware

BASE = "https://w3id.org/innovasjon/"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
SELECT = "SELECT ?s ?l WHERE { ?s <http://www.w3.org/2004/02/skos/core#prefLabel> ?l } ORDER BY ?s ?l"


@pytest.fixture(scope="module")
def client() -> AppClient:
    return AppClient(fixture_app())


def _count(client: AppClient, **params: object) -> int:
    r = client.get("/sparql", params={"query": COUNT, **params})
    assert r.status_code == 200, r.text
    return int(r.json()["results"]["bindings"][0]["n"]["value"])


def test_get_post_form_and_post_direct_agree(client: AppClient) -> None:
    a = client.get("/sparql", params={"query": SELECT})
    b = client.post("/sparql", data={"query": SELECT})
    c = client.post("/sparql", content=SELECT.encode(), headers={"content-type": "application/sparql-query"})
    assert a.status_code == b.status_code == c.status_code == 200
    assert a.headers["content-type"] == "application/sparql-results+json; charset=utf-8"
    assert a.json() == b.json() == c.json()
    assert len(a.json()["results"]["bindings"]) == 6


@pytest.mark.parametrize(
    ("accept", "fmt", "media", "marker"),
    [
        ("application/sparql-results+xml", None, "application/sparql-results+xml", "<sparql"),
        ("text/csv", None, "text/csv", "s,l\r\n"),
        ("text/tab-separated-values", None, "text/tab-separated-values", "?s\t?l\n"),
        ("text/html,*/*;q=0.8", "tsv", "text/tab-separated-values", "?s\t?l\n"),
        ("application/json", None, "application/sparql-results+json", '"vars"'),
    ],
)
def test_select_formats(client: AppClient, accept: str, fmt: str | None, media: str, marker: str) -> None:
    params = {"query": SELECT, **({"format": fmt} if fmt else {})}
    r = client.get("/sparql", params=params, headers={"accept": accept})
    assert r.status_code == 200
    assert r.headers["content-type"] == f"{media}; charset=utf-8"
    assert marker in r.text


def test_ask_and_graph_forms(client: AppClient) -> None:
    r = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}, headers={"accept": "application/sparql-results+xml"})
    assert r.status_code == 200 and "<boolean>true</boolean>" in r.text
    r = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}, headers={"accept": "text/csv"})
    assert r.status_code == 406 and "application/sparql-results+json" in r.text
    construct = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 3"
    r = client.get("/sparql", params={"query": construct})
    assert r.headers["content-type"] == "text/turtle; charset=utf-8"
    r = client.get("/sparql", params={"query": construct}, headers={"accept": "application/ld+json"})
    assert isinstance(r.json(), list)
    r = client.get("/sparql", params={"query": construct, "format": "nt"})
    assert r.headers["content-type"].startswith("application/n-triples") and r.text.count(" .\n") == 3


def test_the_first_format_value_that_fits_the_result_wins(client: AppClient) -> None:
    params = [("query", "ASK {}"), ("format", "csv"), ("format", "xml")]
    assert "<boolean>" in client.get("/sparql", params=params).text


@pytest.mark.parametrize("query, fmt", [("ASK {}", "nonsense"), ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "csv"),
                                        ("SELECT * { ?s ?p ?o }", "turtle")])
def test_a_format_that_cannot_be_served_is_406_not_a_silent_default(client: AppClient, query: str, fmt: str) -> None:
    r = client.get("/sparql", params={"query": query, "format": fmt}, headers={"accept": "application/sparql-results+xml"})
    assert r.status_code == 406 and "format= values:" in r.text, r.text
    assert "Accept" in r.headers["vary"]


def test_http_details_of_errors_and_methods(client: AppClient) -> None:
    """Vary on negotiated errors; 405/403 with a correct Allow; If-None-Match on POST is ignored."""
    bad = client.get("/sparql", params={"query": "SELEKT"})
    assert bad.status_code == 400 and "Accept" in bad.headers["vary"]
    for method, status in [("TRACE", 405), ("PROPFIND", 405), ("PUT", 403), ("DELETE", 403), ("PATCH", 403)]:
        r = client.request(method, "/sparql")
        assert r.status_code == status and r.headers["allow"] == "GET, HEAD, POST, OPTIONS", (method, r.headers)
    got = client.get("/sparql", params={"query": "ASK {}"})
    etag = got.headers["etag"]
    assert etag.startswith('W/"'), "gzip and identity bodies must not share a strong ETag"
    assert client.get("/sparql", params={"query": "ASK {}"}, headers={"if-none-match": etag}).status_code == 304
    posted = client.post("/sparql", data={"query": "ASK {}"}, headers={"if-none-match": etag})
    assert posted.status_code == 200 and "boolean" in posted.text


def test_describe_answers_rdf_never_results_xml(client: AppClient) -> None:
    q = f"DESCRIBE <{BASE}id/actor/difi>"
    r = client.get("/sparql", params={"query": q}, headers={"accept": "application/sparql-results+xml, application/rdf+xml;q=0.5"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/rdf+xml")
    r = client.get("/sparql", params={"query": q}, headers={"accept": "application/sparql-results+xml"})
    assert r.status_code == 406 and "text/turtle" in r.text


def test_not_acceptable_lists_types(client: AppClient) -> None:
    r = client.get("/sparql", params={"query": SELECT}, headers={"accept": "image/png"})
    assert r.status_code == 406
    assert "text/tab-separated-values" in r.text and "text/turtle" in r.text


def test_dataset_parameters_and_aliases(client: AppClient) -> None:
    total = _count(client)
    inferred = _count(client, **{"default-graph-uri": BASE + "graph/inferred"})
    asserted = _count(client, **{"default-graph-uri": BASE + "graph/asserted"})
    assert inferred == 2 and asserted + inferred == total
    assert _count(client, **{"default-graph-uri": BASE + "graph/all"}) == total
    assert _count(client, **{"named-graph-uri": BASE + "graph/inferred"}) == 0
    q = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    r = client.post("/sparql", data={"query": q, "named-graph-uri": [BASE + "graph/inferred", BASE + "graph/data/roles"]})
    assert {b["g"]["value"] for b in r.json()["results"]["bindings"]} == {BASE + "graph/inferred", BASE + "graph/data/roles"}
    r = client.post("/sparql", params={"default-graph-uri": BASE + "graph/inferred"}, content=COUNT, headers={"content-type": "application/sparql-query"})
    assert r.json()["results"]["bindings"][0]["n"]["value"] == "2"
    r = client.get("/sparql", params={"query": COUNT, "default-graph-uri": "not an iri"})
    assert r.status_code == 400


@pytest.mark.parametrize(
    ("method", "kwargs", "status"),
    [
        ("GET", {"params": {"query": "SELECT * WHERE { ?s ?p }"}}, 400),
        ("GET", {"params": [("query", "ASK {}"), ("query", "ASK {}")]}, 400),
        ("GET", {"params": {"query": "ASK {}", "update": "CLEAR ALL"}}, 400),
        ("GET", {"params": {"update": "CLEAR ALL"}}, 400),
        ("GET", {"params": {"query": "   "}}, 400),
        ("POST", {"data": {"update": "CLEAR ALL"}}, 403),
        ("POST", {"content": b"CLEAR ALL", "headers": {"content-type": "application/sparql-update"}}, 403),
        ("POST", {"data": {"query": "ASK {}", "update": "CLEAR ALL"}}, 400),
        ("POST", {"content": b"ASK {}", "headers": {"content-type": "text/plain"}}, 400),
        ("POST", {"content": b"query=ASK%20%7B%7D"}, 400),
        ("POST", {"content": "ASK {}".encode("utf-16"), "headers": {"content-type": "application/sparql-query"}}, 400),
        ("POST", {"content": b"ASK {}", "headers": {"content-type": "application/sparql-query; charset=UTF-16"}}, 400),
        ("POST", {"content": b"query=ASK%20%7B%20%3Fs%20%3Fp%20%22%FF%22%20%7D", "headers": {"content-type": "application/x-www-form-urlencoded"}}, 400),
        ("POST", {"data": {}}, 400),
        ("PUT", {"content": b"<a> <b> <c> ."}, 403),
        ("DELETE", {}, 403),
        ("TRACE", {}, 405),
        ("GET", {"params": {"query": "PREFIX : <http://e/> INSERT DATA { :a :b :c }"}}, 403),
        ("OPTIONS", {}, 204),
        ("POST", {"content": b"<a> <b> <c> .", "headers": {"content-type": "text/turtle"}}, 403),
        ("POST", {"params": {"graph": "http://e/g"}, "content": b"x", "headers": {"content-type": "text/plain"}}, 403),
        ("HEAD", {"params": {"query": "ASK {}"}}, 200),
    ],
)
def test_error_statuses(client: AppClient, method: str, kwargs: dict[str, object], status: int) -> None:
    r = client.request(method, "/sparql", **kwargs)  # type: ignore[arg-type]
    assert r.status_code == status, r.text
    assert "Traceback" not in r.text


def test_malformed_query_message_has_position_and_json_form(client: AppClient) -> None:
    r = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p }"})
    assert r.headers["content-type"].startswith("text/plain") and "line 1, column" in r.text
    r = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p }"}, headers={"accept": "application/json"})
    body = r.json()
    assert body["error"] == 400 and "Malformed query" in body["message"]


def test_illegal_group_by_is_rejected(client: AppClient) -> None:
    r = client.get("/sparql", params={"query": "SELECT ?s WHERE { ?s ?p ?o } GROUP BY ?p"})
    assert r.status_code == 400


def test_service_is_refused_unless_allowlisted(client: AppClient) -> None:
    r = client.get("/sparql", params={"query": "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"})
    assert r.status_code == 400 and "KG_SERVICE_ALLOWLIST" in r.text
    q = 'SELECT * WHERE { ?s ?p "SERVICE <http://example.org/sparql>" } # SERVICE <http://x/>'
    assert client.get("/sparql", params={"query": q}).status_code == 200


def test_etag_304_and_cache(client: AppClient) -> None:
    ctx = client.app.state.ctx
    r = client.get("/sparql", params={"query": SELECT + " LIMIT 2"})
    etag = r.headers["etag"]
    assert ctx.version in etag
    hits = ctx.cache.hits + _middleware(client).hits
    again = client.get("/sparql", params={"query": SELECT + " LIMIT 2"})
    assert again.content == r.content and ctx.cache.hits + _middleware(client).hits == hits + 1
    r304 = client.get("/sparql", params={"query": SELECT + " LIMIT 2"}, headers={"if-none-match": etag})
    assert r304.status_code == 304 and r304.content == b""
    other = client.get("/sparql", params={"query": SELECT + " LIMIT 2"}, headers={"accept": "text/csv"})
    assert other.headers["etag"] != etag


def _middleware(client: AppClient) -> CachedResponsesMiddleware:
    layer: object = client.app.middleware_stack
    while not isinstance(layer, CachedResponsesMiddleware):
        layer = layer.app  # type: ignore[attr-defined]
    return layer


def test_post_requests_use_the_inner_cache(client: AppClient) -> None:
    ctx = client.app.state.ctx
    client.post("/sparql", data={"query": SELECT + " LIMIT 3"})
    hits = ctx.cache.hits
    client.post("/sparql", data={"query": SELECT + " LIMIT 3"})
    assert ctx.cache.hits == hits + 1


def test_cors_preflight_and_simple_requests(client: AppClient) -> None:
    r = client.request("OPTIONS", "/sparql", headers={"origin": "https://yasgui.org", "access-control-request-method": "POST", "access-control-request-headers": "content-type"})
    assert r.status_code == 200
    assert r.headers["access-control-allow-origin"] == "*"
    assert "POST" in r.headers["access-control-allow-methods"]
    r = client.get("/sparql", params={"query": "ASK {}"}, headers={"origin": "https://yasgui.org"})
    assert r.headers["access-control-allow-origin"] == "*"


def test_gzip(client: AppClient) -> None:
    r = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }", "format": "xml"}, headers={"accept-encoding": "gzip"})
    assert r.headers.get("content-encoding") == "gzip" and "<sparql" in r.text


def test_result_size_limit() -> None:
    small = AppClient(fixture_app(max_results=3))
    r = small.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert r.status_code == 422 and "KG_MAX_RESULTS" in r.text
    assert small.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 3"}).status_code == 200


def test_health_and_ready(client: AppClient) -> None:
    assert client.get("/health").json() == {"status": "ok"}
    ready = client.get("/ready").json()
    quads = len(list(ox.parse(path=str(FIXTURE))))
    assert ready["status"] == "ready" and ready["quads"] == quads and ready["named_graphs"] == 3


def test_relative_iris_resolve_against_the_endpoint(client: AppClient) -> None:
    r = client.get("/sparql", params={"query": "SELECT ?x WHERE { BIND(<relative> AS ?x) }"})
    assert json.loads(r.text)["results"]["bindings"][0]["x"]["value"] == "http://testserver/relative"


def test_xml_results_with_characters_xml_cannot_carry_are_406(client: AppClient) -> None:
    q = 'SELECT ?x WHERE { BIND("a\\u0001b" AS ?x) }'
    r = client.get("/sparql", params={"query": q, "format": "xml"})
    assert r.status_code == 406 and "U+0001" in r.text and "json" in r.text
    assert client.get("/sparql", params={"query": q}).json()["results"]["bindings"][0]["x"]["value"] == "a\x01b"


def test_openapi_documents_the_protocol_parameters_and_bodies(client: AppClient) -> None:
    path = client.get("/openapi.json").json()["paths"]["/sparql"]
    assert [p["name"] for p in path["get"]["parameters"]] == ["query", "default-graph-uri", "named-graph-uri", "format"]
    assert {p["name"] for p in path["post"]["parameters"]} == {"default-graph-uri", "named-graph-uri", "format"}
    bodies = path["post"]["requestBody"]["content"]
    assert bodies["application/x-www-form-urlencoded"]["schema"]["required"] == ["query"]
    assert "example" in bodies["application/sparql-query"]["schema"]
