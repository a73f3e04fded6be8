"""Bind query variables safely: a ``VALUES`` block inserted at the start of the WHERE clause.

The values are written as RDF terms (never pasted user text), so this is as safe as rdflib's
``initBindings`` and behaves the same: the variables need not be projected.
"""

from __future__ import annotations

from collections.abc import Mapping

from rdflib.term import BNode, Literal, URIRef

from kg.errors import QueryError
from kg.sparql_lexer import tokens


def _term(value: object) -> str:
    from kg.results import term_nt

    if isinstance(value, (URIRef, Literal)):
        return term_nt(value)
    if isinstance(value, BNode):
        raise QueryError("a blank node cannot be bound to a query variable")
    raise QueryError(f"cannot bind {value!r}: not an RDF term")


def with_values(sparql: str, bindings: Mapping[str, object]) -> str:
    """The query with ``VALUES (?v …) { (…) }`` as the first element of its WHERE group."""
    if not bindings:
        return sparql
    toks = list(tokens(sparql))
    i = 0
    # skip the prologue and a CONSTRUCT template, which also starts with "{"
    while i < len(toks) and toks[i].text != "{":
        if toks[i].kind == "word" and toks[i].text.upper() == "CONSTRUCT" and i + 1 < len(toks) and toks[i + 1].text == "{":
            depth, i = 0, i + 1
            while i < len(toks):
                depth += {"{": 1, "}": -1}.get(toks[i].text, 0)
                i += 1
                if depth == 0:
                    break
            continue
        i += 1
    if i >= len(toks):
        raise QueryError("cannot bind parameters: the query has no WHERE clause")
    names = list(bindings)
    block = " VALUES (" + " ".join("?" + n for n in names) + ") { (" + " ".join(_term(bindings[n]) for n in names) + ") } "
    pos = toks[i].start + 1
    return sparql[:pos] + block + sparql[pos:]
