"""The real service over HTTP: SPARQLWrapper and httpx as clients, every format and error path."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from SPARQLWrapper import CSV, JSON, JSONLD, N3, POST, POSTDIRECTLY, RDFXML, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed
from endpoint_server import running_server

pytestmark = pytest.mark.integration

PREFIX = "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX org: <http://www.w3.org/ns/org#> "
SELECT = PREFIX + "SELECT ?a ?l WHERE { ?a skos:prefLabel ?l } ORDER BY ?a ?l"
CONSTRUCT = PREFIX + "CONSTRUCT { ?a skos:prefLabel ?l } WHERE { ?a skos:prefLabel ?l }"
DESCRIBE = "DESCRIBE <https://w3id.org/innovasjon/id/actor/difi>"
EXPENSIVE = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n1 ?o . ?x ?y ?z . ?q ?r ?t }"


def _wrapper(server: str, query: str, fmt: str, method: str | None = None) -> SPARQLWrapper:
    sw = SPARQLWrapper(server + "/sparql")
    sw.setQuery(query)
    sw.setReturnFormat(fmt)
    if method == POST:
        sw.setMethod(POST)
    elif method == POSTDIRECTLY:
        sw.setMethod(POST)
        sw.setRequestMethod(POSTDIRECTLY)
    return sw


@pytest.mark.parametrize("method", [None, POST, POSTDIRECTLY])
def test_sparqlwrapper_select_json_by_every_method(server: str, method: str | None) -> None:
    result = _wrapper(server, SELECT, JSON, method).queryAndConvert()
    assert len(result["results"]["bindings"]) == 6  # type: ignore[index]


def test_sparqlwrapper_select_formats(server: str) -> None:
    xml = _wrapper(server, SELECT, XML).query()
    assert xml.response.headers["Content-Type"].startswith("application/sparql-results+xml")
    assert len(xml.convert().getElementsByTagName("result")) == 6  # type: ignore[union-attr]
    csv_text = _wrapper(server, SELECT, CSV).queryAndConvert().decode()  # type: ignore[union-attr]
    assert csv_text.startswith("a,l\r\n") and csv_text.count("\r\n") == 7
    tsv_text = _wrapper(server, SELECT, TSV).queryAndConvert().decode()  # type: ignore[union-attr]
    assert tsv_text.startswith("?a\t?l\n") and '"Difi"@nb' in tsv_text


def test_sparqlwrapper_ask(server: str) -> None:
    assert _wrapper(server, "ASK { ?s ?p ?o }", JSON).queryAndConvert()["boolean"] is True  # type: ignore[index]
    assert _wrapper(server, "ASK { ?s <http://example.org/none> ?o }", XML).query().response.read().count(b"false") == 1


@pytest.mark.parametrize("fmt", [TURTLE, N3, RDFXML, XML, JSONLD])
def test_sparqlwrapper_construct_and_describe(server: str, fmt: str) -> None:
    for query, minimum in ((CONSTRUCT, 6), (DESCRIBE, 5)):
        response = _wrapper(server, query, fmt).query().response
        media = response.headers["Content-Type"].split(";")[0]
        with response:
            triples = list(ox.parse(response.read(), format=ox.RdfFormat.from_media_type(media)))  # type: ignore[arg-type]
        assert len(triples) >= minimum, (fmt, query, media)


def test_sparqlwrapper_sees_bad_queries_as_400(server: str) -> None:
    with pytest.raises(QueryBadFormed):
        _wrapper(server, "SELECT * WHERE { ?s ?p", JSON).query()


@pytest.mark.parametrize(
    ("accept", "media"),
    [
        ("application/sparql-results+json", "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
    ],
)
def test_httpx_result_formats(server: str, accept: str, media: str) -> None:
    r = httpx.get(server + "/sparql", params={"query": SELECT}, headers={"accept": accept})
    assert r.status_code == 200 and r.headers["content-type"] == f"{media}; charset=utf-8"


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [
        ("text/turtle", ox.RdfFormat.TURTLE),
        ("application/n-triples", ox.RdfFormat.N_TRIPLES),
        ("application/ld+json", ox.RdfFormat.JSON_LD),
        ("application/rdf+xml", ox.RdfFormat.RDF_XML),
        ("application/trig", ox.RdfFormat.TRIG),
        ("application/n-quads", ox.RdfFormat.N_QUADS),
    ],
)
def test_httpx_graph_formats(server: str, accept: str, fmt: ox.RdfFormat) -> None:
    r = httpx.post(server + "/sparql", data={"query": CONSTRUCT}, headers={"accept": accept})
    assert r.status_code == 200 and r.headers["content-type"] == f"{accept}; charset=utf-8"
    assert len(list(ox.parse(r.content, format=fmt))) == 6


@pytest.mark.parametrize(
    ("method", "kwargs", "status"),
    [
        ("GET", {"params": {"query": "SELECT * WHERE { ?s ?p"}}, 400),
        ("GET", {"params": [("query", "ASK {}"), ("query", "ASK {}")]}, 400),
        ("GET", {"params": {"update": "CLEAR ALL"}}, 400),
        ("POST", {"data": {"query": "ASK {}", "update": "CLEAR ALL"}}, 400),
        ("POST", {"data": {"update": "CLEAR ALL"}}, 403),
        ("POST", {"content": b"CLEAR ALL", "headers": {"content-type": "application/sparql-update"}}, 403),
        ("POST", {"content": b"ASK {}", "headers": {"content-type": "text/plain"}}, 400),
        ("POST", {"content": b"ASK { ?s ?p \"\xff\" }", "headers": {"content-type": "application/sparql-query"}}, 400),
        ("GET", {"params": {"query": "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"}}, 400),
        ("GET", {"params": {"query": "SELECT * WHERE { ?s ?p ?o }"}}, 200),
        ("GET", {"params": {"query": "ASK {}"}, "headers": {"accept": "image/png"}}, 406),
        ("PUT", {"content": b"<a> <b> <c> ."}, 403),
        ("DELETE", {}, 403),
        ("TRACE", {}, 405),
    ],
)
def test_error_paths(server: str, method: str, kwargs: dict[str, object], status: int) -> None:
    r = httpx.request(method, server + "/sparql", **kwargs)  # type: ignore[arg-type]
    assert r.status_code == status, r.text
    assert "Traceback" not in r.text and "File \"" not in r.text


def test_result_size_limit_over_http(server: str) -> None:
    q = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    r = httpx.get(server + "/sparql", params={"query": q})
    assert r.status_code == 422 and "KG_MAX_RESULTS" in r.text and "LIMIT" in r.text


def test_timeout_stops_the_query_and_others_still_answer(server: str) -> None:
    outcome: dict[str, object] = {}

    def slow() -> None:
        started = time.monotonic()
        r = httpx.get(server + "/sparql", params={"query": EXPENSIVE}, timeout=30)
        outcome["status"], outcome["text"] = r.status_code, r.text
        outcome["elapsed"], outcome["done"] = time.monotonic() - started, time.monotonic()

    thread = threading.Thread(target=slow)
    thread.start()
    time.sleep(0.2)
    r = httpx.get(server + "/sparql", params={"query": "ASK { ?s ?p ?o }", "format": "xml"}, timeout=5)
    cheap_done = time.monotonic()
    thread.join(timeout=30)
    assert r.status_code == 200 and "<boolean>true</boolean>" in r.text
    assert cheap_done < float(outcome["done"]), "the cheap query must not wait for the expensive one"  # type: ignore[arg-type]
    assert outcome["status"] == 503 and "KG_QUERY_TIMEOUT" in str(outcome["text"])
    assert float(outcome["elapsed"]) < 1.0 + 1.0  # the timeout (1 s) plus 1 s  # type: ignore[arg-type]
    deadline = time.monotonic() + 10  # the killed worker is replaced; the service keeps answering
    while httpx.get(server + "/ready").json()["query_workers"] < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert httpx.get(server + "/ready").json()["query_workers"] >= 2
    assert httpx.get(server + "/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 1"}).status_code == 200


def test_two_runaway_queries_never_block_a_cheap_one(server: str) -> None:
    """Both of the two workers run a runaway query: the cheap query sent meanwhile answers in < 1 s,
    the runaways get 503 within the timeout (1 s) plus 1 s."""
    outcomes: list[tuple[int, float]] = []
    ends: list[float] = []

    def slow() -> None:
        started = time.monotonic()
        r = httpx.post(server + "/sparql", data={"query": EXPENSIVE + " # " + str(started)}, timeout=30)
        ends.append(time.monotonic())
        outcomes.append((r.status_code, ends[-1] - started))

    threads = [threading.Thread(target=slow) for _ in range(2)]
    for t in threads:
        t.start()
    time.sleep(0.3)
    sent = time.monotonic()
    r = httpx.get(server + "/sparql", params={"query": "ASK { ?s a ?c }"}, timeout=5)
    cheap_elapsed = time.monotonic() - sent
    for t in threads:
        t.join(timeout=30)
    assert r.status_code == 200 and cheap_elapsed < 1.0, cheap_elapsed
    assert sent + cheap_elapsed < min(ends), "the cheap query must not wait for a runaway to be stopped"
    assert [status for status, _ in outcomes] == [503, 503]
    assert all(elapsed < 1.0 + 1.0 for _, elapsed in outcomes), outcomes


def test_cors_preflight_and_headers(server: str) -> None:
    r = httpx.options(server + "/sparql", headers={
        "origin": "https://yasgui.triply.cc", "access-control-request-method": "POST",
        "access-control-request-headers": "content-type"})
    assert r.status_code == 200 and r.headers["access-control-allow-origin"] == "*"
    assert {"GET", "POST"} <= {m.strip() for m in r.headers["access-control-allow-methods"].split(",")}
    r = httpx.get(server + "/sparql", params={"query": "ASK {}"}, headers={"origin": "https://example.org"})
    assert r.headers["access-control-allow-origin"] == "*" and "etag" in r.headers["access-control-expose-headers"].lower()


def test_etag_and_304(server: str) -> None:
    r = httpx.get(server + "/sparql", params={"query": SELECT})
    etag = r.headers["etag"]
    r2 = httpx.get(server + "/sparql", params={"query": SELECT}, headers={"if-none-match": etag})
    assert r2.status_code == 304 and r2.headers["etag"] == etag and r2.content == b""


def test_gzip_over_http(server: str) -> None:
    r = httpx.get(server + "/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }", "format": "xml"}, headers={"accept-encoding": "gzip"})
    assert r.headers["content-encoding"] == "gzip" and r.text.count("<result>") > 10


def test_service_description_and_health(server: str) -> None:
    r = httpx.get(server + "/sparql")
    assert r.headers["content-type"].startswith("text/turtle")
    assert f"<{server}/sparql>" in r.text
    assert httpx.get(server + "/health").json()["status"] == "ok"
    ready = httpx.get(server + "/ready").json()
    assert ready["status"] == "ready" and ready["named_graphs"] == 3 and ready["quads"] > 20


def test_tab_in_literal_survives_the_round_trip(server: str) -> None:
    q = "SELECT ?c WHERE { ?a <http://www.w3.org/2000/01/rdf-schema#comment> ?c }"
    r = httpx.get(server + "/sparql", params={"query": q})
    assert r.json()["results"]["bindings"][0]["c"]["value"] == "Direktoratet\tfor forvaltning og IKT"


def test_data_files_keep_their_own_default_graph_over_http(tmp_path: Path) -> None:
    """``kg serve --data``: the default graph is the files' own; named graphs only through GRAPH or the protocol."""
    data = tmp_path / "mine.trig"
    data.write_text("<http://e/a> <http://e/p> 1 . <http://e/g> { <http://e/b> <http://e/p> 2 . <http://e/a> <http://e/p> 1 . }",
                    encoding="utf-8")
    q = "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"
    count = lambda base, **kw: int(httpx.get(base + "/sparql", params={"query": q, **kw}).json()["results"]["bindings"][0]["n"]["value"])  # noqa: E731
    with running_server([data], env={"KG_QUERY_WORKERS": "1"}, union_default_graph=False) as base:
        assert count(base) == 1 and count(base, **{"default-graph-uri": "http://e/g"}) == 2
    with running_server([data], env={"KG_QUERY_WORKERS": "1"}) as base:
        assert count(base) == 2  # the merge of both graphs: the shared triple counts once
