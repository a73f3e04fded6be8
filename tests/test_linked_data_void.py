"""Unit tests for kg.linked_data.void: the dataset's VoID/DCAT description."""

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, XSD

from kg.linked_data.void import dataset_graph
from kg.namespaces import CANONICAL, DCAT, VOID

META = {
    "version": "0123456789abcdef",
    "built_at": "2026-11-28T00:00:00+00:00",
    "graphs": {
        "https://w3id.org/innovasjon/graph/data/actors": {"source": "data/actors.ttl", "kind": "asserted", "triples": 70},
        "https://w3id.org/innovasjon/graph/queries": {"source": None, "kind": "queries", "triples": 30},
        "https://w3id.org/innovasjon/graph/inferred": {"source": None, "kind": "inferred", "triples": 40},
    },
    "counts": {"asserted": 70, "inferred": 40, "classes": {"https://w3id.org/innovasjon/def#Actor": 12}},
}
DS = URIRef(CANONICAL.dataset_iri)


def describe() -> Graph:
    return dataset_graph(META, CANONICAL, "http://127.0.0.1:8000/")


def test_dataset_is_void_and_dcat_with_endpoint_and_source():
    g = describe()
    assert (DS, RDF.type, VOID.Dataset) in g and (DS, RDF.type, DCAT.Dataset) in g
    assert (DS, VOID.sparqlEndpoint, URIRef("http://127.0.0.1:8000/sparql")) in g
    assert (DS, DCTERMS.source, URIRef("https://w3id.org/innovasjon/id/report/difi-2017-01")) in g
    assert g.value(DS, DCTERMS.license) is not None and g.value(DS, DCTERMS.publisher) is not None


def test_triple_counts_follow_the_snapshot_metadata():
    g = describe()
    assert g.value(DS, VOID.triples) == Literal(140, datatype=XSD.integer)
    assert g.value(URIRef(CANONICAL.dataset_iri + "#inferred"), VOID.triples).toPython() == 40
    partitions = list(g.objects(DS, VOID.classPartition))
    assert [g.value(p, VOID.entities).toPython() for p in partitions] == [12]


def test_every_dump_is_a_distribution_with_a_download_url():
    g = describe()
    dumps = set(g.objects(DS, VOID.dataDump))
    downloads = {g.value(d, DCAT.downloadURL) for d in g.objects(DS, DCAT.distribution)}
    assert len(dumps) == 8 and dumps == downloads


def test_description_round_trips_through_turtle():
    g = describe()
    again = Graph().parse(data=g.serialize(format="turtle"), format="turtle")
    assert len(again) == len(g)
