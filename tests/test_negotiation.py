"""Accept parsing with q-values, aliases and the format= fallback."""

from __future__ import annotations

import pytest

from kg import negotiation as nt


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, nt.SPARQL_JSON),
        ("", nt.SPARQL_JSON),
        ("*/*", nt.SPARQL_JSON),
        ("application/sparql-results+xml", nt.SPARQL_XML),
        ("text/csv;q=0.5, text/tab-separated-values", nt.TSV),
        ("text/csv;q=0.5, text/tab-separated-values;q=0.4", nt.CSV),
        ("text/*", nt.CSV),
        ("application/json", nt.SPARQL_JSON),
        ("application/xml;q=0.9, */*;q=0.1", nt.SPARQL_XML),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", nt.SPARQL_XML),
        ("image/png", None),
        ("application/sparql-results+json;q=0", None),
        ("text/csv;q=0, */*;q=0.5", nt.SPARQL_JSON),
    ],
)
def test_results_negotiation(accept: str | None, expected: str | None) -> None:
    assert nt.negotiate(accept, nt.SOLUTION_TYPES, nt.RESULT_ALIASES) == expected


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, nt.TURTLE),
        ("application/ld+json", nt.JSONLD),
        ("application/json", nt.JSONLD),
        ("application/rdf+xml;q=0.9, text/turtle;q=0.8", nt.RDFXML),
        ("application/n-triples", nt.NTRIPLES),
        ("text/plain", nt.NTRIPLES),
        ("application/n-quads", nt.NQUADS),
        ("application/sparql-results+json", None),
    ],
)
def test_graph_negotiation(accept: str | None, expected: str | None) -> None:
    assert nt.negotiate(accept, nt.GRAPH_TYPES, nt.GRAPH_ALIASES) == expected


def test_format_parameter_overrides_accept_and_depends_on_kind() -> None:
    assert nt.negotiate("text/csv", nt.SOLUTION_TYPES, nt.RESULT_ALIASES, "json") == nt.SPARQL_JSON
    assert nt.negotiate(None, nt.GRAPH_TYPES, nt.GRAPH_ALIASES, "json") == nt.JSONLD
    assert nt.negotiate(None, nt.SOLUTION_TYPES, nt.RESULT_ALIASES, "text/tab-separated-values") == nt.TSV
    assert nt.negotiate(None, nt.BOOLEAN_TYPES, nt.RESULT_ALIASES, "csv") is None
    assert nt.negotiate(None, nt.GRAPH_TYPES, nt.GRAPH_ALIASES, "nonsense") is None


def test_malformed_accept_entries_are_skipped() -> None:
    ranges = nt.parse_accept("garbage, text/csv;q=abc, text/turtle;q=2, application/n-triples;q=0.3")
    assert [(r.type, r.subtype, r.q) for r in ranges] == [("application", "n-triples", 0.3)]


def test_content_type_and_406_message() -> None:
    assert nt.content_type(nt.TURTLE) == "text/turtle; charset=utf-8"
    assert "text/csv" in nt.not_acceptable_message(nt.SOLUTION_TYPES)
