"""The shared consistency check of the data tests detects both kinds of inconsistency."""

from rdflib import Graph

from graph_checks import inconsistencies, owl_rl_closure

TTL = """
@prefix owl: <http://www.w3.org/2002/07/owl#> . @prefix ex: <http://example.test/> .
ex:A owl:disjointWith ex:B . ex:x a ex:A , ex:B .
"""


def test_disjoint_classes_sharing_a_member_are_reported():
    assert inconsistencies(owl_rl_closure(Graph().parse(data=TTL, format="turtle")))


def test_consistent_graph_has_none_and_input_is_untouched():
    g = Graph().parse(data="@prefix ex: <http://example.test/> . ex:x a ex:A .", format="turtle")
    assert inconsistencies(owl_rl_closure(g)) == [] and len(g) == 1
