"""The plain-JSON shape for integrators: one object per row, variables as keys.

``?x`` bound to an IRI and accompanied by a ``?xLabel`` variable becomes
``{"x": {"id": "<iri>", "label": "<label>"}}`` (``xLabel`` is folded in, never a key of its own);
other IRIs are strings,
numeric and boolean literals become JSON numbers and booleans, other literals their lexical form,
unbound variables ``null``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from rdflib import Literal
from rdflib.namespace import XSD

from kg.store.base import OutcomeKind, QueryOutcome, Term

LABEL_SUFFIX = "Label"
_INTEGERS = {XSD.integer, XSD.int, XSD.long, XSD.short, XSD.nonNegativeInteger, XSD.positiveInteger}
_DECIMALS = {XSD.decimal, XSD.double, XSD.float}


def json_value(term: Term | None) -> Any:
    """One RDF term as a JSON value."""
    if term is None:
        return None
    if isinstance(term, Literal):
        if term.datatype == XSD.boolean:
            return term.value if isinstance(term.value, bool) else str(term)
        if term.datatype in _INTEGERS and isinstance(term.value, int):
            return term.value
        if term.datatype in _DECIMALS and isinstance(term.value, (Decimal, float)):
            number = float(term.value)
            return int(number) if number.is_integer() and term.datatype == XSD.decimal else number
        return str(term)
    return str(term)


def plain_rows(outcome: QueryOutcome) -> list[dict[str, Any]] | dict[str, Any]:
    """SELECT solutions as a list of flat objects; ASK as ``{"boolean": …}``."""
    if outcome.kind is OutcomeKind.BOOLEAN:
        return {"boolean": bool(outcome.boolean)}
    if outcome.kind is not OutcomeKind.SOLUTIONS:
        raise ValueError("plain JSON rows exist only for SELECT and ASK results")
    variables = outcome.variables
    labelled = {v for v in variables if v + LABEL_SUFFIX in variables}
    folded = {v + LABEL_SUFFIX for v in labelled}
    rows: list[dict[str, Any]] = []
    for values in outcome.rows:
        bound = dict(zip(variables, values))
        row: dict[str, Any] = {}
        for var in variables:
            if var in folded:
                continue
            term = bound.get(var)
            if var in labelled and term is not None:
                label = bound.get(var + LABEL_SUFFIX)
                row[var] = {"id": json_value(term), "label": None if label is None else str(label)}
            else:
                row[var] = json_value(term)
        rows.append(row)
    return rows
