"""Unit tests for kg.namespaces: every IRI the project mints derives from one base."""

from kg.namespaces import CANONICAL, ProjectNamespaces


def test_terms_instances_and_graphs_follow_the_base():
    ns = ProjectNamespaces("http://example.test/kg/")
    assert str(ns.inno.Actor) == "http://example.test/kg/def#Actor"
    assert str(ns.id["actor/difi"]) == "http://example.test/kg/id/actor/difi"
    assert ns.ontology_iri == "http://example.test/kg/def"
    assert ns.inferred_graph == "http://example.test/kg/graph/inferred"
    assert ns.asserted_alias.endswith("graph/asserted") and ns.all_alias.endswith("graph/all")


def test_graph_of_a_source_file_is_its_path_without_extension():
    assert CANONICAL.graph_for_source("data/actors-public.ttl") == "https://w3id.org/innovasjon/graph/data/actors-public"
    assert CANONICAL.graph_for_source("ontology\\vocab\\goal-area.ttl").endswith("graph/ontology/vocab/goal-area")
