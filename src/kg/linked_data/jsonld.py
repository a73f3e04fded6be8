"""JSON-LD documents for integrators: compacted with the published context and framed around the described resource.

The context lives in ``kg/static/context.jsonld`` (short, stable keys, language maps, ``@type: @id`` for IRIs).
Framing nests the qualified statements that name the resource (its role assignments under ``roles``, its ownerships,
funding flows and responsibilities) so that an actor document reads as plain JSON.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from pyld import jsonld
from rdflib import Graph

#: Reverse keys of the context whose statements are nested under the framed resource.
NESTED_REVERSE_KEYS = ("roles", "ownerships", "ownedThrough", "fundingGiven", "fundingReceived", "responsibilities")


@lru_cache(maxsize=1)
def context_document() -> dict[str, Any]:
    """The published JSON-LD context document ``{"@context": {...}}``."""
    text = resources.files("kg").joinpath("static/context.jsonld").read_text(encoding="utf-8")
    return json.loads(text)


def context_for_base(base_iri: str) -> dict[str, Any]:
    """The context's inner object, with ``inno`` pointed at the configured base."""
    ctx = dict(context_document()["@context"])
    ctx["inno"] = base_iri + "def#"
    return ctx


def expanded(graph: Graph) -> list[dict[str, Any]]:
    """The graph as expanded JSON-LD (no context, one node object per subject)."""
    return json.loads(graph.serialize(format="json-ld"))


def framed_document(graph: Graph, iri: str, base_iri: str) -> dict[str, Any]:
    """A compacted JSON-LD document centred on ``iri``, with the statements about it nested.

    The context is embedded (not referenced by URL) so that any JSON-LD processor can read the document offline;
    the same context is published at ``/context.jsonld``.
    """
    ctx = context_for_base(base_iri)
    frame: dict[str, Any] = {"@context": ctx, "@id": iri, "@embed": "@once"}
    for key in NESTED_REVERSE_KEYS:
        frame[key] = {"@omitDefault": True}
    doc = jsonld.frame(expanded(graph), frame, {"omitGraph": True, "processingMode": "json-ld-1.1"})
    if "@graph" in doc and not doc["@graph"]:
        raise LookupError(f"{iri} is not described")
    return doc


def compacted_document(graph: Graph, base_iri: str) -> dict[str, Any]:
    """A compacted JSON-LD document of a whole graph (dumps, dataset description)."""
    ctx = context_for_base(base_iri)
    return jsonld.compact(expanded(graph), ctx)
