"""kg.canned_queries.shape: the plain-JSON rows for integrators."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef

from kg.canned_queries.shape import plain_rows
from kg.store.base import OutcomeKind, QueryOutcome

GA = URIRef("https://w3id.org/innovasjon/id/goal-area/national-policy")


def test_labelled_iri_becomes_id_and_label_and_label_key_disappears() -> None:
    outcome = QueryOutcome(
        OutcomeKind.SOLUTIONS,
        variables=["goalArea", "goalAreaLabel", "needed", "count", "amount", "note"],
        rows=[(GA, Literal("National policy", lang="en"), Literal(True), Literal(3), Literal("5000000", datatype=URIRef("http://www.w3.org/2001/XMLSchema#decimal")), None)],
    )
    assert plain_rows(outcome) == [
        {"goalArea": {"id": str(GA), "label": "National policy"}, "needed": True, "count": 3, "amount": 5000000, "note": None}
    ]


def test_unlabelled_iri_is_a_string_and_missing_label_is_null() -> None:
    outcome = QueryOutcome(OutcomeKind.SOLUTIONS, variables=["x", "y", "yLabel"], rows=[(GA, GA, None), (None, None, None)])
    assert plain_rows(outcome) == [{"x": str(GA), "y": {"id": str(GA), "label": None}}, {"x": None, "y": None}]


def test_ask_and_graph() -> None:
    assert plain_rows(QueryOutcome(OutcomeKind.BOOLEAN, boolean=False)) == {"boolean": False}
    with pytest.raises(ValueError):
        plain_rows(QueryOutcome(OutcomeKind.GRAPH))
