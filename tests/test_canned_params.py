"""kg.canned_queries.params: binding request values to typed RDF terms, and every refusal."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from kg.canned_queries.params import bind_parameters, concept_iri, localise
from kg.canned_queries.registry import CannedQuery, Parameter
from kg.errors import ParameterError

BASE = "https://w3id.org/innovasjon/"
ROLES = {f"{BASE}id/i-team-role/{s}": s for s in ("creator", "enabler", "educator", "transformer")}


def members(scheme: str) -> dict[str, str]:
    return ROLES if scheme == f"{BASE}id/scheme/i-team-role" else {}


def make_query(**params: Parameter) -> CannedQuery:
    return CannedQuery(
        name="q", path=Path("q.rq"), sparql="SELECT * WHERE {}", form="select", title={"en": "q", "nb": "q"},
        description="d", tags=("t",), sources=("8.1",), params=dict(params),
    )


QUERY = make_query(
    role=Parameter("role", "concept", scheme="i-team-role", default="transformer"),
    actor=Parameter("actor", "iri"),
    lang=Parameter("lang", "literal", values=("en", "nb"), default="en"),
    year=Parameter("year", "literal", datatype="xsd:gYear"),
)


def bind(raw: dict[str, str], query: CannedQuery = QUERY) -> dict[str, object]:
    return dict(bind_parameters(query, raw, base_iri=BASE, scheme_members=members))


def test_defaults_apply_and_optional_without_default_stays_unbound() -> None:
    assert bind({}) == {"role": URIRef(f"{BASE}id/i-team-role/transformer"), "lang": Literal("en")}


def test_concept_slug_and_full_iri_are_the_same() -> None:
    assert bind({"role": "creator"})["role"] == bind({"role": f"{BASE}id/i-team-role/creator"})["role"]
    assert concept_iri(BASE, "i-team-role", "creator") == f"{BASE}id/i-team-role/creator"


def test_typed_literal_and_iri() -> None:
    bound = bind({"year": "2016", "actor": f"{BASE}id/actor/difi"})
    assert bound["year"] == Literal("2016", datatype=URIRef("http://www.w3.org/2001/XMLSchema#gYear"))
    assert bound["actor"] == URIRef(f"{BASE}id/actor/difi")


@pytest.mark.parametrize(
    ("raw", "parameter", "message"),
    [
        ({"colour": "red"}, "colour", "allowed parameters: role, actor, lang, year"),
        ({"role": "wizard"}, "role", "allowed: creator, educator, enabler, transformer"),
        ({"role": f"{BASE}id/target-group/business"}, "role", "not a concept of scheme 'i-team-role'"),
        ({"actor": "difi"}, "actor", "not an absolute IRI"),
        ({"actor": "http://x/a b"}, "actor", "not an absolute IRI"),
        ({"actor": "http://x/a>"}, "actor", "not an absolute IRI"),
        ({"lang": "de"}, "lang", "allowed values: en, nb"),
        ({"year": "last year"}, "year", "not a valid xsd:gYear"),
    ],
)
def test_refusals_name_parameter_and_what_is_allowed(raw: dict[str, str], parameter: str, message: str) -> None:
    with pytest.raises(ParameterError) as info:
        bind(raw)
    assert info.value.parameter == parameter
    assert message in str(info.value)
    assert info.value.status_code == 400


def test_missing_required_parameter() -> None:
    query = make_query(resource=Parameter("resource", "iri", required=True, example="https://example.org/x"))
    with pytest.raises(ParameterError, match="required parameter is missing.*absolute IRI"):
        bind({}, query)


def test_concept_scheme_absent_from_graph_is_explained() -> None:
    query = make_query(group=Parameter("group", "concept", scheme="target-group"))
    with pytest.raises(ParameterError, match="the scheme has no concepts in the graph"):
        bind({"group": "business"}, query)


@pytest.mark.parametrize(("raw", "parameter", "hint"), [
    ({"role": ""}, "role", "leave it out to use the default, transformer"),
    ({"lang": " "}, "lang", "leave it out to use the default, en"),
    ({"actor": ""}, "actor", "leave it out for no restriction"),
    ({"year": ""}, "year", "leave it out for no restriction"),
])
def test_empty_value_is_refused_not_defaulted(raw: dict[str, str], parameter: str, hint: str) -> None:
    with pytest.raises(ParameterError) as info:
        bind(raw)
    assert info.value.parameter == parameter
    assert "empty value" in str(info.value) and hint in str(info.value)


def test_empty_value_of_a_required_parameter() -> None:
    query = make_query(resource=Parameter("resource", "iri", required=True))
    with pytest.raises(ParameterError, match="parameter 'resource': empty value \\(expects an absolute IRI"):
        bind({"resource": ""}, query)


def test_iris_in_the_services_local_form_map_to_the_base() -> None:
    local = ("http://127.0.0.1:8123/",)
    bound = bind_parameters(QUERY, {"actor": "http://127.0.0.1:8123/id/actor/ks", "role": "http://127.0.0.1:8123/id/i-team-role/creator"},
                            base_iri=BASE, scheme_members=members, local_bases=local)
    assert bound["actor"] == URIRef(f"{BASE}id/actor/ks")
    assert bound["role"] == URIRef(f"{BASE}id/i-team-role/creator")
    other = bind_parameters(QUERY, {"actor": "http://127.0.0.1:9999/id/actor/ks"}, base_iri=BASE, scheme_members=members,
                            local_bases=local)
    assert other["actor"] == URIRef("http://127.0.0.1:9999/id/actor/ks")
    assert localise("http://127.0.0.1:8123/id/actor/ks", BASE, ()) == "http://127.0.0.1:8123/id/actor/ks"
