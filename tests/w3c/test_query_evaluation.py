"""W3C SPARQL 1.1 query-evaluation suites, run over HTTP against ``kg serve --data``."""

from __future__ import annotations

import httpx
import pyoxigraph as ox
import pytest

from compare import Solutions, graph_of, graphs_match, parse_csv, parse_rdf_result_set, parse_results, solutions_match
from known_failures import KNOWN_FAILURES
from kg.sparql_lexer import has_dataset_clause
from manifests import EvalTest, eval_tests

pytestmark = [pytest.mark.w3c, pytest.mark.integration]

EMPTY_GRAPH = "urn:kg:w3c:empty-default-graph"
TESTS = eval_tests()
RESULT_FORMATS = {".srx": ox.QueryResultsFormat.XML, ".srj": ox.QueryResultsFormat.JSON, ".tsv": ox.QueryResultsFormat.TSV}


def _param(t: EvalTest) -> object:
    marks = []
    if t.short_id in KNOWN_FAILURES:
        marks.append(pytest.mark.xfail(reason=KNOWN_FAILURES[t.short_id], strict=True))
    return pytest.param(t, id=t.short_id, marks=marks)


@pytest.fixture(scope="module")
def http(eval_server: str) -> httpx.Client:
    with httpx.Client(base_url=eval_server, timeout=30.0) as client:
        yield client  # type: ignore[misc]


@pytest.mark.parametrize("test", [_param(t) for t in TESTS])
def test_w3c_query(test: EvalTest, http: httpx.Client) -> None:
    text = test.query.read_text(encoding="utf-8")
    query = f"BASE <{test.query.resolve().as_uri()}>\n{text}"
    data: dict[str, object] = {"query": query}
    if not has_dataset_clause(text):
        data["default-graph-uri"] = [p.resolve().as_uri() for p in test.data] or [EMPTY_GRAPH]
        data["named-graph-uri"] = [p.resolve().as_uri() for p in test.graph_data]
    suffix = test.result.suffix if test.result else ""
    accept = {".csv": "text/csv", ".tsv": "text/tab-separated-values"}.get(
        suffix, "application/sparql-results+json, application/n-triples;q=0.9"
    )
    r = http.post("/sparql", data=data, headers={"accept": accept})
    if test.kind.startswith("NegativeSyntax"):
        assert r.status_code == 400, r.text
        return
    assert r.status_code == 200, r.text
    assert test.result is not None
    media = r.headers["content-type"].split(";")[0]
    if media == "application/n-triples":
        actual_graph = graph_of(list(ox.parse(r.content, format=ox.RdfFormat.N_TRIPLES)))
        expected_rs = parse_rdf_result_set(test.result)
        assert expected_rs is None, "expected a result set, got a graph"
        fmt = ox.RdfFormat.TURTLE if suffix == ".ttl" else ox.RdfFormat.RDF_XML
        expected_graph = graph_of(list(ox.parse(path=str(test.result), format=fmt, base_iri=test.result.resolve().as_uri())))
        assert graphs_match(expected_graph, actual_graph), r.text
        return
    if suffix == ".csv":
        expected, actual = parse_csv(test.result.read_bytes()), parse_csv(r.content)
    elif suffix in RESULT_FORMATS:
        expected = parse_results(test.result.read_bytes(), RESULT_FORMATS[suffix])
        actual = parse_results(r.content, ox.QueryResultsFormat.TSV if suffix == ".tsv" else ox.QueryResultsFormat.JSON)
    else:
        rs = parse_rdf_result_set(test.result)
        assert rs is not None, "expected a graph, got a result set"
        expected, actual = rs, parse_results(r.content, ox.QueryResultsFormat.JSON)
    assert solutions_match(expected, actual), f"expected {expected}\nactual {actual}"


def test_every_suite_is_collected() -> None:
    assert len(TESTS) == 244
    assert isinstance(TESTS[0], EvalTest) and not isinstance(TESTS[0], Solutions)
