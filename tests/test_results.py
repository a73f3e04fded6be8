"""SPARQL results and RDF serialisers: exact output per the W3C formats, round-trippable."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pyoxigraph as ox
import pytest
from rdflib.namespace import XSD
from rdflib.term import BNode, Literal, URIRef

from kg import negotiation as nt
from kg.results import graph_bytes, serialize_outcome, term_nt
from kg.store.base import OutcomeKind, QueryOutcome

ROWS = QueryOutcome(
    OutcomeKind.SOLUTIONS,
    variables=["s", "o"],
    rows=[
        (URIRef("http://e/a"), Literal("tab\there, \"quoted\"\nline")),
        (BNode("b0"), Literal("hei", lang="nb")),
        (URIRef("http://e/c"), Literal("01", datatype=XSD.integer, normalize=False)),
        (URIRef("http://e/d"), None),
    ],
)


def test_json_results() -> None:
    doc = json.loads(serialize_outcome(ROWS, nt.SPARQL_JSON))
    assert doc["head"] == {"vars": ["s", "o"]}
    b = doc["results"]["bindings"]
    assert b[0]["o"] == {"type": "literal", "value": "tab\there, \"quoted\"\nline"}
    assert b[1] == {"s": {"type": "bnode", "value": "b0"}, "o": {"type": "literal", "value": "hei", "xml:lang": "nb"}}
    assert b[2]["o"] == {"type": "literal", "value": "01", "datatype": str(XSD.integer)}
    assert b[3] == {"s": {"type": "uri", "value": "http://e/d"}}


def test_boolean_json_and_xml() -> None:
    yes = QueryOutcome(OutcomeKind.BOOLEAN, boolean=True)
    assert json.loads(serialize_outcome(yes, nt.SPARQL_JSON)) == {"head": {}, "boolean": True}
    root = ET.fromstring(serialize_outcome(yes, nt.SPARQL_XML))
    assert root.find("{http://www.w3.org/2005/sparql-results#}boolean").text == "true"  # type: ignore[union-attr]


def test_xml_results_parse_back_with_oxigraph() -> None:
    parsed = ox.parse_query_results(serialize_outcome(ROWS, nt.SPARQL_XML), format=ox.QueryResultsFormat.XML)
    rows = [[None if t is None else t for t in sol] for sol in parsed]
    assert rows[0][1] == ox.Literal("tab\there, \"quoted\"\nline")
    assert rows[2][1] == ox.Literal("01", datatype=ox.NamedNode(str(XSD.integer)))
    assert rows[3][1] is None


def test_csv_quotes_and_crlf() -> None:
    text = serialize_outcome(ROWS, nt.CSV).decode()
    assert text.startswith("s,o\r\n")
    assert '"tab\there, ""quoted""\nline"' in text
    assert "\r\n_:b0,hei\r\n" in text
    assert text.endswith("http://e/d,\r\n")


def test_tsv_uses_turtle_terms_and_escapes_tabs() -> None:
    lines = serialize_outcome(ROWS, nt.TSV).decode().split("\n")
    assert lines[0] == "?s\t?o"
    assert lines[1] == '<http://e/a>\t"tab\\there, \\"quoted\\"\\nline"'
    assert lines[2] == '_:b0\t"hei"@nb'
    assert lines[3] == f'<http://e/c>\t"01"^^<{XSD.integer}>'
    assert lines[4] == "<http://e/d>\t"
    parsed = list(ox.parse_query_results(serialize_outcome(ROWS, nt.TSV), format=ox.QueryResultsFormat.TSV))
    assert len(parsed) == 4


def test_term_nt_escapes_iris() -> None:
    assert term_nt(URIRef("http://e/a b")) == "<http://e/a\\u0020b>"


def test_graph_formats_round_trip() -> None:
    triples = [(URIRef("https://w3id.org/innovasjon/id/actor/difi"), URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"), Literal("Di\tfi", lang="nb"))]
    for media, fmt in [(nt.TURTLE, ox.RdfFormat.TURTLE), (nt.NTRIPLES, ox.RdfFormat.N_TRIPLES), (nt.JSONLD, ox.RdfFormat.JSON_LD),
                       (nt.RDFXML, ox.RdfFormat.RDF_XML), (nt.TRIG, ox.RdfFormat.TRIG), (nt.NQUADS, ox.RdfFormat.N_QUADS)]:
        body = graph_bytes(triples, media)
        back = list(ox.parse(body, format=fmt))
        assert [q.object for q in back] == [ox.Literal("Di\tfi", language="nb")], media
    turtle = graph_bytes(triples, nt.TURTLE).decode()
    assert "@prefix skos:" in turtle and "@prefix owl:" not in turtle


@pytest.mark.parametrize("char", ["\x01", "\x0c", "\x1f"])
def test_xml_refuses_characters_xml_cannot_carry(char: str) -> None:
    from kg.results import NotRepresentable, solutions_xml

    outcome = QueryOutcome(OutcomeKind.SOLUTIONS, variables=["x"], rows=[(Literal(f"a{char}b"),)])
    with pytest.raises(NotRepresentable, match="U\\+00.*format=json") as info:
        solutions_xml(outcome)
    assert info.value.status_code == 406
    with pytest.raises(NotRepresentable):
        graph_bytes([(URIRef("http://e/s"), URIRef("http://e/p"), Literal(f"a{char}b"))], "application/rdf+xml")
    assert json.loads(serialize_outcome(outcome, nt.SPARQL_JSON))["results"]["bindings"][0]["x"]["value"] == f"a{char}b"
