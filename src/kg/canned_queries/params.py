"""Binding request parameters to a canned query's variables, with type and scheme checking.

Values become RDF terms (``URIRef`` / ``Literal``) that the engine binds as initial bindings
(pyoxigraph substitutions, rdflib ``initBindings``); nothing is ever pasted into query text.
Every refusal is a :class:`kg.errors.ParameterError` naming the parameter and what is allowed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier

from kg.canned_queries.registry import CannedQuery, Parameter
from kg.errors import ParameterError

SchemeMembers = Callable[[str], Mapping[str, str]]
"""Given a concept-scheme IRI, the IRIs of its concepts mapped to their slugs (or labels)."""

_IRI_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+$")
_SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9.-]*$")
DATATYPES: dict[str, tuple[URIRef, re.Pattern[str]]] = {
    "xsd:integer": (XSD.integer, re.compile(r"^[+-]?[0-9]+$")),
    "xsd:decimal": (XSD.decimal, re.compile(r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$")),
    "xsd:gYear": (XSD.gYear, re.compile(r"^-?[0-9]{4,}(Z|[+-][0-9]{2}:[0-9]{2})?$")),
    "xsd:string": (XSD.string, re.compile(r"^.*$", re.DOTALL)),
}
"""Datatypes a literal parameter may declare, with their lexical forms."""


def scheme_iri(base_iri: str, scheme: str) -> str:
    """``<base>id/scheme/<name>``."""
    return f"{base_iri}id/scheme/{scheme}"


def concept_iri(base_iri: str, scheme: str, value: str) -> str:
    """A concept IRI from a slug (``transformer`` → ``<base>id/i-team-role/transformer``) or a full IRI."""
    return value if _IRI_RE.match(value) and not _SLUG_RE.match(value) else f"{base_iri}id/{scheme}/{value}"


def localise(value: str, base_iri: str, local_bases: Sequence[str]) -> str:
    """An IRI in the service's local form (``http://127.0.0.1:8000/id/actor/ks``) mapped to the configured
    base (``<base>id/actor/ks``), as the linked-data router maps a dereferenced path; other values unchanged."""
    for local in local_bases:
        if local and local != base_iri and value.startswith(local):
            return base_iri + value[len(local):]
    return value


def bind_parameters(
    query: CannedQuery,
    raw: Mapping[str, str],
    *,
    base_iri: str,
    scheme_members: SchemeMembers,
    local_bases: Sequence[str] = (),
) -> dict[str, Identifier]:
    """Check ``raw`` against the query's declared parameters and return variable name → RDF term.

    Missing optional parameters take their default; an optional one without a default stays unbound.
    A parameter given with an empty value (``?role=``) is refused rather than taken as absent. IRIs
    (of IRI and concept parameters) under one of ``local_bases`` are mapped to ``base_iri``.
    """
    for name in raw:
        if name not in query.params:
            allowed = ", ".join(query.params) or "none"
            raise ParameterError(name, f"unknown parameter for query {query.name!r}; allowed parameters: {allowed}")
    bindings: dict[str, Identifier] = {}
    for name, param in query.params.items():
        value = raw.get(name)
        if value is not None and not value.strip():
            raise ParameterError(name, f"empty value ({_describe(param, base_iri)}){_omit_hint(param)}")
        if value is None:
            if param.required:
                raise ParameterError(name, f"required parameter is missing ({_describe(param, base_iri)})")
            value = param.default
        if value is None:
            continue
        if param.type != "literal":
            value = localise(value, base_iri, local_bases)
        bindings[name] = to_term(param, value, base_iri=base_iri, scheme_members=scheme_members)
    return bindings


def to_term(param: Parameter, value: str, *, base_iri: str, scheme_members: SchemeMembers) -> Identifier:
    """One value as an RDF term, or ``ParameterError``."""
    if param.type == "iri":
        if not _IRI_RE.match(value):
            raise ParameterError(param.name, f"{value!r} is not an absolute IRI ({_describe(param, base_iri)})")
        return URIRef(value)
    if param.type == "literal":
        if param.values and value not in param.values:
            raise ParameterError(param.name, f"{value!r} is not allowed; allowed values: {', '.join(param.values)}")
        if param.datatype:
            datatype, lexical = DATATYPES[param.datatype]
            if not lexical.match(value):
                raise ParameterError(param.name, f"{value!r} is not a valid {param.datatype}")
            return Literal(value, datatype=datatype)
        return Literal(value)
    assert param.scheme is not None
    iri = concept_iri(base_iri, param.scheme, value)
    members = scheme_members(scheme_iri(base_iri, param.scheme))
    if iri not in members:
        raise ParameterError(param.name, f"{value!r} is not a concept of scheme {param.scheme!r}; {_allowed(members)}")
    return URIRef(iri)


def _omit_hint(param: Parameter) -> str:
    if param.required:
        return ""
    if param.default is not None:
        return f"; leave it out to use the default, {param.default}"
    return "; leave it out for no restriction"


def _allowed(members: Mapping[str, str]) -> str:
    if not members:
        return "the scheme has no concepts in the graph"
    return "allowed: " + ", ".join(sorted(members.values()))


def _describe(param: Parameter, base_iri: str) -> str:
    if param.type == "iri":
        return "expects an absolute IRI" + (f", e.g. {param.example}" if param.example else "")
    if param.type == "concept":
        return f"expects a concept of scheme {param.scheme!r} (slug or IRI)" + (f", e.g. {param.example}" if param.example else "")
    if param.values:
        return "allowed values: " + ", ".join(param.values)
    return "expects a literal" + (f", e.g. {param.example}" if param.example else "")
