"""W3C SPARQL 1.1 Protocol tests, interpreted from the manifest's HTTP-in-RDF descriptions,
and the three Service Description tests, against a running ``kg serve --data``.

The service is read-only, so a request that performs an update must be refused with 403;
tests whose later requests depend on an update having happened are reported as adapted.
"""

from __future__ import annotations

from dataclasses import dataclass

import httpx
import pyoxigraph as ox
import pytest

from manifests import MF, W3C_ROOT, load_manifest

pytestmark = [pytest.mark.w3c, pytest.mark.integration]

HT = "http://www.w3.org/2011/http#"
CNT = "http://www.w3.org/2011/content#"
HTS = "http://www.w3.org/2011/http-statusCodes#"
SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS = {
    "boolean": {"application/sparql-results+xml", "application/sparql-results+json"},
    "tabular": {"application/sparql-results+xml", "application/sparql-results+json", "text/csv", "text/tab-separated-values"},
    "RDF": {"application/rdf+xml", "text/turtle", "application/n-triples", "application/xhtml+xml", "text/html"},
}


@dataclass(frozen=True)
class HttpRequest:
    method: str
    path: str
    headers: tuple[tuple[str, str], ...]
    body: bytes | None
    statuses: frozenset[int]
    expected_format: str | None
    expected_boolean: bool | None

    @property
    def is_update(self) -> bool:
        ctype = dict(self.headers).get("content-type", "")
        return "sparql-update" in ctype or "update=" in self.path or (self.body is not None and self.body.startswith(b"update="))


def _protocol_tests() -> list[tuple[str, str, list[HttpRequest]]]:
    m = load_manifest(W3C_ROOT / "protocol" / "manifest.ttl")
    tests = []
    for entry in m.entries:
        name = m.one(entry, MF + "name").value  # type: ignore[union-attr]
        requests = []
        for req in m.rdf_list(m.one(m.one(entry, MF + "action"), HT + "requests")):
            headers = tuple(
                (m.one(h, HT + "fieldName").value.lower(), m.one(h, HT + "fieldValue").value)  # type: ignore[union-attr]
                for h in m.rdf_list(m.one(req, HT + "headers"))
            )
            body_node = m.one(req, HT + "body")
            body = None
            if body_node is not None:
                encoding = m.one(body_node, CNT + "characterEncoding")
                body = m.one(body_node, CNT + "chars").value.encode(encoding.value if encoding else "utf-8")  # type: ignore[union-attr]
            resp = m.one(req, HT + "resp")
            statuses = frozenset(int(s.value.rsplit("StatusCode", 1)[1][0]) for s in m.all(resp, MF + "expectedStatus"))  # type: ignore[attr-defined]
            fmt = m.one(resp, MF + "expectedFormat")
            boolean = m.one(resp, MF + "expectedBoolean")
            requests.append(HttpRequest(
                method=m.one(req, HT + "methodName").value,  # type: ignore[union-attr]
                path=m.one(req, HT + "absolutePath").value.replace("/sparql/", "/sparql", 1),  # type: ignore[union-attr]
                headers=headers, body=body, statuses=statuses,
                expected_format=fmt.value if fmt is not None else None,  # type: ignore[attr-defined]
                expected_boolean=(boolean.value == "true") if boolean is not None else None,  # type: ignore[attr-defined]
            ))
        tests.append((entry.value.rsplit("#", 1)[1], name, requests))  # type: ignore[union-attr]
    return tests


PROTOCOL_TESTS = _protocol_tests()


@pytest.fixture(scope="module")
def http(protocol_server: str) -> httpx.Client:
    with httpx.Client(base_url=protocol_server, timeout=30.0, follow_redirects=False) as client:
        yield client  # type: ignore[misc]


def _boolean(r: httpx.Response) -> bool:
    media = r.headers["content-type"].split(";")[0]
    fmt = ox.QueryResultsFormat.JSON if media.endswith("json") else ox.QueryResultsFormat.XML
    return bool(ox.parse_query_results(r.content, format=fmt))


@pytest.mark.parametrize(("test_id", "name", "requests"), [pytest.param(*t, id=t[0]) for t in PROTOCOL_TESTS])
def test_w3c_protocol(test_id: str, name: str, requests: list[HttpRequest], http: httpx.Client) -> None:
    for req in requests:
        r = http.request(req.method, req.path, headers=dict(req.headers), content=req.body)
        assert "Traceback" not in r.text
        if req.is_update:
            # read-only service: every update is refused, whatever the request's other faults
            assert r.status_code in (400, 403), (name, r.status_code, r.text)
            if 2 in req.statuses:
                assert r.status_code == 403, (name, r.text)
                return  # the following requests observe the update's effect: not applicable
            continue
        assert r.status_code // 100 in req.statuses, (name, r.status_code, r.text)
        if req.expected_format:
            assert r.headers["content-type"].split(";")[0] in FORMATS[req.expected_format], r.headers["content-type"]
        if req.expected_boolean is not None:
            assert _boolean(r) is req.expected_boolean


def test_protocol_manifest_is_fully_collected() -> None:
    assert len(PROTOCOL_TESTS) == 34


# -- Service Description -------------------------------------------------------------------------
SD_TERMS = {
    "Service", "Feature", "Language", "Function", "Aggregate", "EntailmentRegime", "EntailmentProfile",
    "GraphCollection", "Dataset", "Graph", "NamedGraph", "endpoint", "feature", "defaultEntailmentRegime",
    "defaultSupportedEntailmentProfile", "supportedEntailmentProfile", "entailmentRegime", "extensionFunction",
    "extensionAggregate", "languageExtension", "supportedLanguage", "propertyFeature", "defaultDataset",
    "availableGraphs", "resultFormat", "inputFormat", "defaultGraph", "namedGraph", "name", "graph",
    "SPARQL10Query", "SPARQL11Query", "SPARQL11Update", "DereferencesURIs", "UnionDefaultGraph",
    "RequiresDataset", "EmptyGraphs", "BasicFederatedQuery",
}


def _description(http: httpx.Client) -> tuple[httpx.Response, ox.Store]:
    r = http.get("/sparql")
    store = ox.Store()
    media = r.headers["content-type"].split(";")[0]
    store.load(r.content, format=ox.RdfFormat.from_media_type(media), base_iri=str(r.url))  # type: ignore[arg-type]
    return r, store


def test_sd_returns_rdf(http: httpx.Client) -> None:
    r, store = _description(http)
    assert r.status_code == 200 and r.headers["content-type"].split(";")[0] in FORMATS["RDF"]
    assert len(store) > 0


def test_sd_has_matching_endpoint_triple(http: httpx.Client) -> None:
    r, store = _description(http)
    endpoint = str(r.url)
    assert store.query(f"ASK {{ ?s <{SD}endpoint> <{endpoint}> }}")


def test_sd_conforms_to_schema(http: httpx.Client) -> None:
    _, store = _description(http)
    for q in store:
        for term in (q.predicate, q.object):
            if isinstance(term, ox.NamedNode) and term.value.startswith(SD):
                assert term.value[len(SD):] in SD_TERMS, term
    services = list(store.query(f"SELECT ?s {{ ?s a <{SD}Service> }}"))
    assert len(services) == 1
    s = services[0]["s"]
    languages = {r["l"].value for r in store.query(f"SELECT ?s ?l {{ ?s <{SD}supportedLanguage> ?l }}") if r["s"] == s}  # type: ignore[index]
    assert languages and languages <= {SD + "SPARQL10Query", SD + "SPARQL11Query", SD + "SPARQL11Update"}
    checks = [
        f"ASK {{ ?s <{SD}defaultDataset> ?d . ?d a <{SD}Dataset> ; <{SD}defaultGraph> ?g . ?g a <{SD}Graph> }}",
        f"ASK {{ ?d <{SD}namedGraph> ?n . FILTER NOT EXISTS {{ ?n <{SD}name> ?name FILTER(isIRI(?name)) }} }}",
        f"ASK {{ ?s <{SD}resultFormat> ?f FILTER(!isIRI(?f)) }}",
        f"ASK {{ ?n a <{SD}NamedGraph> ; <{SD}name> ?a , ?b FILTER(?a != ?b) }}",
    ]
    assert [bool(store.query(c)) for c in checks] == [True, False, False, False]
    assert {n["n"].value for n in store.query(f"SELECT ?n {{ ?x <{SD}name> ?n }}")} == {  # type: ignore[index]
        f"http://kasei.us/2009/09/sparql/data/data{i}.rdf" for i in (1, 2, 3)
    }
