"""Unit tests for kg.linked_data.jsonld: the published context and framed documents."""

import json

from pyld import jsonld
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.linked_data.jsonld import context_document, framed_document

BASE = "https://w3id.org/innovasjon/"
TTL = """
@prefix inno: <https://w3id.org/innovasjon/def#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://w3id.org/innovasjon/id/actor/ks> a inno:InterestOrganisation ; skos:prefLabel "KS"@nb, "KS"@en ;
  inno:foundingYear "1972"^^xsd:gYear ;
  inno:source <https://w3id.org/innovasjon/id/section/6.1.2> .
<https://w3id.org/innovasjon/id/responsibility/ks-programme> a inno:ResponsibilityAssignment ;
  inno:actor <https://w3id.org/innovasjon/id/actor/ks> ;
  inno:responsibleFor <https://w3id.org/innovasjon/id/actor/leverandorutviklingsprogrammet> .
<https://w3id.org/innovasjon/id/role-assignment/ks-educator> a inno:RoleAssignment ;
  inno:actor <https://w3id.org/innovasjon/id/actor/ks> ;
  inno:role <https://w3id.org/innovasjon/id/i-team-role/educator> .
"""


def test_context_keys_are_short_and_resolve_to_iris():
    ctx = context_document()["@context"]
    for key in ("id", "type", "name", "roles", "goalAreas", "fundedBy", "administeredBy", "source"):
        assert key in ctx
    assert ctx["name"]["@container"] == "@language"
    assert ctx["fundedBy"]["@type"] == "@id"


def test_actor_document_nests_its_role_assignments_and_reads_as_plain_json():
    doc = framed_document(Graph().parse(data=TTL, format="turtle"), BASE + "id/actor/ks", BASE)
    assert doc["id"] == BASE + "id/actor/ks"
    assert doc["name"] == {"nb": "KS", "en": "KS"}
    assert [r["role"] for r in doc["roles"]] == [BASE + "id/i-team-role/educator"]


def test_framed_document_expands_to_the_same_triples():
    source = Graph().parse(data=TTL, format="turtle")
    doc = framed_document(source, BASE + "id/actor/ks", BASE)
    expanded = jsonld.expand(doc)
    again = Graph().parse(data=json.dumps(expanded), format="json-ld")
    assert isomorphic(source, again)


def test_roles_hold_role_assignments_only():
    doc = framed_document(Graph().parse(data=TTL, format="turtle"), BASE + "id/actor/ks", BASE)
    assert [r["id"] for r in doc["roles"]] == [BASE + "id/role-assignment/ks-educator"]
    assert [r["id"] for r in doc["responsibilitiesHeld"]] == [BASE + "id/responsibility/ks-programme"]
