"""Unit tests for kg.linked_data.describe: what a resource document contains."""

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from kg.linked_data.describe import describe_query, describe_resource, incoming_query
from kg.namespaces import CANONICAL, ORG

FIXTURE = Path(__file__).parent / "fixtures" / "linked_data" / "sample.trig"
ID = "https://w3id.org/innovasjon/id/"


@pytest.fixture(scope="module")
def store() -> ox.Store:
    s = ox.Store()
    s.load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    return s


def run_construct(store: ox.Store):
    def run(query: str) -> Graph:
        data = ox.serialize(store.query(query), format=ox.RdfFormat.N_TRIPLES)
        return Graph().parse(data=data.decode(), format="nt")
    return run


def test_document_contains_own_triples_and_hash_nodes(store):
    g = describe_resource(run_construct(store), ID + "instrument/stimuleringsordningen", CANONICAL)
    amount = URIRef(ID + "instrument/stimuleringsordningen#amount-2016")
    assert (amount, URIRef("https://schema.org/value"), Literal("5000000", datatype=URIRef("http://www.w3.org/2001/XMLSchema#decimal"))) in g


def test_document_contains_qualified_statements_naming_the_resource(store):
    g = describe_resource(run_construct(store), ID + "actor/difi", CANONICAL)
    assignment = URIRef(ID + "role-assignment/difi-educator")
    assert (assignment, CANONICAL.inno.role, URIRef(ID + "i-team-role/educator")) in g


def test_document_leaves_out_inferred_triples(store):
    g = describe_resource(run_construct(store), ID + "actor/difi", CANONICAL)
    assert (URIRef(ID + "actor/difi"), RDF.type, ORG.Organization) not in g


def test_unknown_resource_has_empty_document(store):
    assert len(describe_resource(run_construct(store), ID + "actor/nobody", CANONICAL)) == 0


def test_incoming_links_found(store):
    rows = list(store.query(incoming_query(ID + "actor/kmd", CANONICAL)))
    assert [r["s"].value for r in rows] == [ID + "instrument/stimuleringsordningen"]


@pytest.mark.parametrize("bad", ["http://x/a>b", 'http://x/"', "http://x/ space"])
def test_iri_that_would_break_the_query_is_refused(bad):
    with pytest.raises(ValueError):
        describe_query(bad, CANONICAL)
