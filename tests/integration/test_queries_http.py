"""Canned queries over real HTTP: uvicorn in a subprocess on 127.0.0.1 (free port), killed by PID.

Covers the list, OpenAPI generation, bad parameters (400 naming the parameter), unknown queries
(404) and content negotiation (plain JSON, SPARQL JSON/XML, CSV, TSV, HTML, Turtle, JSON-LD, 406).
"""

from __future__ import annotations

import csv
import html
import re
import io
import json
import warnings
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from rdflib import Graph, URIRef

from endpoint_server import running_server
from kg.canned_queries import load_registry
from kg.closure import compute_closure
from kg.namespaces import ProjectNamespaces
from kg.settings import Settings
from kg.sources import load_sources

pytestmark = pytest.mark.integration

BASE = "https://w3id.org/innovasjon/"
ID = BASE + "id/"
PROJECT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The project graph (asserted + closure + queries) as one N-Triples file, served with ``kg serve --data``."""
    settings = Settings(project_dir=PROJECT, base_iri=BASE)
    loaded = load_sources(settings)
    graph = Graph()
    for g in loaded.graphs():
        graph += g
    graph += compute_closure(loaded.dataset)
    graph += load_registry(settings).to_graph(ProjectNamespaces(BASE))
    path = tmp_path_factory.mktemp("canned") / "graph.nt"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        graph.serialize(path, format="nt", encoding="utf-8")
    env = {"KG_PROJECT_DIR": str(PROJECT), "KG_QUERY_WORKERS": "1", "KG_CACHE_SIZE": "0"}
    with running_server([path], env=env) as base:
        yield base


def get(server: str, path: str, accept: str | None = None, **params: str) -> httpx.Response:
    headers = {"Accept": accept} if accept else {}
    return httpx.get(server + path, params=params, headers=headers, timeout=30.0)


# -- the list and OpenAPI ---------------------------------------------------------------------

def test_list_is_json_with_metadata(server: str) -> None:
    response = get(server, "/queries")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    listed = {q["name"]: q for q in response.json()}
    assert set(listed) == set(load_registry(Settings(project_dir=PROJECT)).names)
    lacking = listed["goal-areas-lacking-role"]
    assert lacking["url"] == "/queries/goal-areas-lacking-role"
    assert lacking["title"]["nb"] and lacking["title"]["en"] and "8.2" in lacking["source"]
    role = next(p for p in lacking["params"] if p["name"] == "role")
    assert role == {**role, "type": "concept", "scheme": "i-team-role", "default": "transformer", "required": False}


def test_list_is_html_for_browsers(server: str) -> None:
    response = get(server, "/queries", accept="text/html,application/xhtml+xml,*/*;q=0.8")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert "Goal areas lacking an actor in an i-team role" in response.text
    assert 'href="/queries/role-coverage"' in response.text
    assert get(server, "/queries", format="html").headers["content-type"].startswith("text/html")
    assert get(server, "/queries", accept="text/html", format="json").headers["content-type"].startswith("application/json")


def test_openapi_has_one_operation_per_query_generated_from_headers(server: str) -> None:
    spec = get(server, "/openapi.json").json()
    for query in load_registry(Settings(project_dir=PROJECT)):
        operation = spec["paths"][f"/queries/{query.name}"]["get"]
        assert operation["summary"] == query.title["en"]
        assert query.description in operation["description"]
        names = {p["name"] for p in operation.get("parameters", [])}
        assert set(query.params) | {"format"} == names
    role = next(p for p in spec["paths"]["/queries/goal-areas-lacking-role"]["get"]["parameters"] if p["name"] == "role")
    assert role["schema"]["default"] == "transformer" and role["example"] == "creator"
    assert get(server, "/docs").status_code == 200


# -- errors -----------------------------------------------------------------------------------

def test_unknown_query_is_404(server: str) -> None:
    response = get(server, "/queries/no-such-query")
    assert response.status_code == 404
    assert "unknown query 'no-such-query'" in response.json()["message"]
    assert "goal-areas-lacking-role" in response.json()["message"]


@pytest.mark.parametrize(
    ("path", "params", "parameter", "message"),
    [
        ("/queries/goal-areas-lacking-role", {"colour": "red"}, "colour", "allowed parameters: role, lang"),
        ("/queries/goal-areas-lacking-role", {"role": "wizard"}, "role", "allowed: creator, educator, enabler, transformer"),
        ("/queries/goal-areas-lacking-role", {"role": ID + "target-group/business"}, "role", "not a concept of scheme 'i-team-role'"),
        ("/queries/goal-areas-lacking-role", {"lang": "de"}, "lang", "allowed values: en, nb"),
        ("/queries/actor-profile", {}, "actor", "required parameter is missing"),
        ("/queries/actor-profile", {"actor": "difi"}, "actor", "not an absolute IRI"),
        ("/queries/offerings-for-target-group", {"targetGroup": "aliens"}, "targetGroup", "municipal-sector"),
        ("/queries/goal-areas-lacking-role", {"role": ""}, "role", "empty value"),
        ("/queries/actor-profile", {"actor": ""}, "actor", "empty value"),
    ],
)
def test_bad_parameter_is_400_naming_it(server: str, path: str, params: dict[str, str], parameter: str, message: str) -> None:
    response = get(server, path, **params)
    assert response.status_code == 400
    body = response.json()
    assert body["parameter"] == parameter
    assert message in body["message"]


@pytest.mark.parametrize("query", ["format=", "format=csv&format=json"])
@pytest.mark.parametrize("path", ["/queries", "/queries/goal-areas-lacking-role"])
def test_empty_or_repeated_format_is_400(server: str, path: str, query: str) -> None:
    response = httpx.get(f"{server}{path}?{query}", timeout=30.0)
    assert response.status_code == 400 and response.json()["parameter"] == "format"


def test_repeated_parameter_is_400(server: str) -> None:
    response = httpx.get(server + "/queries/goal-areas-lacking-role?role=creator&role=educator", timeout=30.0)
    assert response.status_code == 400 and response.json()["parameter"] == "role"


def test_unacceptable_media_type_is_406(server: str) -> None:
    assert get(server, "/queries/goal-areas-lacking-role", accept="image/png").status_code == 406
    assert get(server, "/queries/actor-profile", accept="text/csv", actor=ID + "actor/ks").status_code == 406


# -- negotiation ------------------------------------------------------------------------------

TRANSFORMER_GAPS = {ID + "goal-area/national-policy", ID + "goal-area/framework-conditions", ID + "goal-area/societal-challenges"}


def test_plain_json_for_integrators(server: str) -> None:
    """8.1 + Figure 6: no actor holds the transformer role; three goal areas need it."""
    for response in (get(server, "/queries/goal-areas-lacking-role", accept="application/json"),
                     get(server, "/queries/goal-areas-lacking-role", format="json")):
        assert response.status_code == 200 and response.headers["content-type"].startswith("application/json")
        rows = response.json()
        assert {r["goalArea"]["id"] for r in rows} == TRANSFORMER_GAPS
        assert all(set(r["goalArea"]) == {"id", "label"} and "goalAreaLabel" not in r for r in rows)


def test_etag_and_vary(server: str) -> None:
    first = get(server, "/queries/role-coverage", accept="text/csv")
    assert "Accept" in [v.strip() for v in first.headers["vary"].split(",")] and first.headers["etag"]
    again = httpx.get(server + "/queries/role-coverage", headers={"Accept": "text/csv", "If-None-Match": first.headers["etag"]}, timeout=30.0)
    assert again.status_code == 304
    other = get(server, "/queries/role-coverage", accept="text/csv", lang="nb")
    assert other.headers["etag"] != first.headers["etag"]


def test_sparql_results_json_by_default(server: str) -> None:
    response = get(server, "/queries/goal-areas-lacking-role", role="creator")
    assert response.headers["content-type"].startswith("application/sparql-results+json")
    data = response.json()
    assert "goalArea" in data["head"]["vars"]
    assert {b["role"]["value"] for b in data["results"]["bindings"]} == {ID + "i-team-role/creator"}


def test_csv_tsv_xml_and_html(server: str) -> None:
    response = get(server, "/queries/goal-areas-lacking-role", accept="text/csv", lang="nb")
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert {r["goalArea"] for r in rows} == TRANSFORMER_GAPS
    assert "Samfunnsutfordringer" in {r["goalAreaLabel"] for r in rows}
    tsv = get(server, "/queries/goal-areas-lacking-role", format="tsv")
    assert tsv.headers["content-type"].startswith("text/tab-separated-values") and tsv.text.startswith("?goalArea")
    xml = get(server, "/queries/goal-areas-lacking-role", format="xml")
    assert xml.headers["content-type"].startswith("application/sparql-results+xml") and "<sparql" in xml.text
    html = get(server, "/queries/goal-areas-lacking-role", accept="text/html")
    assert html.headers["content-type"].startswith("text/html") and "Societal challenges" in html.text


def test_construct_as_turtle_and_json_ld(server: str) -> None:
    """8.1: KS is one of the «utdannere»; its profile carries that role assignment."""
    ks = ID + "actor/ks"
    turtle = get(server, "/queries/actor-profile", accept="text/turtle", actor=ks)
    assert turtle.headers["content-type"].startswith("text/turtle")
    graph = Graph().parse(data=turtle.text, format="turtle")
    assert (None, URIRef(BASE + "def#actor"), URIRef(ks)) in graph
    for response in (get(server, "/queries/actor-profile", accept="application/ld+json", actor=ks),
                     get(server, "/queries/actor-profile", format="json", actor=ks)):
        assert response.headers["content-type"].startswith("application/ld+json")
        with warnings.catch_warnings():  # rdflib's JSON-LD parser uses its own deprecated ConjunctiveGraph
            warnings.simplefilter("ignore", DeprecationWarning)
            parsed = Graph().parse(data=json.dumps(response.json()), format="json-ld")
        assert len(parsed) == len(graph)


# -- HEAD (RFC 9110 §9.1) and Vary (§12.5.5) -------------------------------------------------

HEAD_CASES = [
    ("/queries", {}, None),
    ("/queries", {}, "text/html"),
    ("/queries/goal-areas-lacking-role", {"role": "creator"}, "text/csv"),
    ("/queries/goal-areas-lacking-role", {}, "application/json"),
    ("/queries/actor-profile", {"actor": ID + "actor/ks"}, "text/turtle"),
    ("/queries/goal-areas-lacking-role", {"role": "wizard"}, None),
    ("/queries/no-such-query", {}, None),
]


@pytest.mark.parametrize(("path", "params", "accept"), HEAD_CASES)
def test_head_answers_with_gets_headers_and_no_body(server: str, path: str, params: dict[str, str], accept: str | None) -> None:
    headers = {"Accept": accept} if accept else {}
    got = httpx.get(server + path, params=params, headers=headers, timeout=30.0)
    head = httpx.head(server + path, params=params, headers=headers, timeout=30.0)
    assert head.status_code == got.status_code != 405
    assert head.content == b""
    assert head.headers["content-type"] == got.headers["content-type"]
    assert int(head.headers["content-length"]) == len(got.content) > 0
    assert head.headers.get("etag") == got.headers.get("etag")


VARY_CASES = [
    ("/queries", {}, None),
    ("/queries", {}, "text/html"),
    ("/queries", {}, "image/png"),
    ("/queries/goal-areas-lacking-role", {}, "application/json"),
    ("/queries/goal-areas-lacking-role", {}, "image/png"),
    ("/queries/goal-areas-lacking-role", {"role": "wizard"}, None),
    ("/queries/actor-profile", {"actor": ID + "actor/ks"}, "application/ld+json"),
    ("/queries/no-such-query", {}, None),
]


@pytest.mark.parametrize(("path", "params", "accept"), VARY_CASES)
def test_negotiated_responses_vary_on_accept(server: str, path: str, params: dict[str, str], accept: str | None) -> None:
    for response in (get(server, path, accept, **params), httpx.head(server + path, params=params, timeout=30.0,
                                                                      headers={"Accept": accept} if accept else {})):
        assert "accept" in [v.strip().lower() for v in response.headers.get("vary", "").split(",")], response.status_code



# -- IRI parameters: the service's local form, and resources not in the dataset ----------------

def test_iri_in_the_services_local_form_is_mapped_to_the_base(server: str) -> None:
    """6.1.2 / 8.1: KS's profile by http://127.0.0.1:PORT/id/actor/ks is the one by its w3id IRI."""
    canonical = get(server, "/queries/actor-profile", accept="application/n-triples", actor=ID + "actor/ks")
    local = get(server, "/queries/actor-profile", accept="application/n-triples", actor=server.rstrip("/") + "/id/actor/ks")
    assert canonical.status_code == local.status_code == 200
    graph = Graph().parse(data=local.text, format="nt")
    assert len(graph) > 10 and (URIRef(ID + "actor/ks"), None, None) in graph
    steering = get(server, "/queries/steering-chain", format="json", actor=server.rstrip("/") + "/id/actor/innovasjon-norge")
    assert ID + "actor/nfd" in {r["to"]["id"] for r in steering.json()}


@pytest.mark.parametrize(("path", "parameter"), [("/queries/actor-profile", "actor"), ("/queries/provenance", "resource"),
                                                  ("/queries/instruments-by-funder", "funder")])
def test_iri_not_described_is_404_naming_the_parameter(server: str, path: str, parameter: str) -> None:
    for value in (ID + "actor/no-such-actor", server.rstrip("/") + "/id/actor/no-such-actor"):
        response = get(server, path, **{parameter: value})
        assert response.status_code == 404
        body = response.json()
        assert body["parameter"] == parameter and "not described in this dataset" in body["message"]
        assert ID + "actor/no-such-actor" in body["message"]


def test_html_result_links_iris_and_shows_the_values_used(server: str) -> None:
    """Figure 6: a creator («Utvikler/skaper») is needed for societal challenges. The browser page links each
    IRI (with its label), states the parameter values in effect (defaults included) and links the same result
    in other formats; following the CSV link gives the same rows."""
    page = get(server, "/queries/goal-areas-lacking-role", accept="text/html", role="creator")
    assert page.status_code == 200
    # our IRIs link to this service's own page for them (root-relative), the IRI itself in the title
    assert f'<a href="/id/goal-area/societal-challenges" title="{ID}goal-area/societal-challenges">Societal challenges</a>' in page.text
    assert f"<code>role</code> = {ID}i-team-role/creator" in page.text and "<code>lang</code> = en" in page.text
    csv_link = re.search(r'<a href="([^"]*format=csv[^"]*)">csv</a>', page.text)
    assert csv_link is not None
    followed = httpx.get(server + html.unescape(csv_link.group(1)), timeout=30.0)
    assert followed.headers["content-type"].startswith("text/csv")
    assert {r["role"] for r in csv.DictReader(io.StringIO(followed.text))} == {ID + "i-team-role/creator"}
    provenance = get(server, "/queries/provenance", accept="text/html", resource=ID + "actor/kd")
    assert '<a href="/id/section/8.2"' in provenance.text  # unlabelled IRIs are links too
    assert httpx.get(server + "/id/section/8.2", headers={"Accept": "text/html"}, timeout=30.0).status_code == 200
