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
NESTED_REVERSE_KEYS = (
    "roles", "ownerships", "ownedThrough", "fundingGiven", "fundingReceived", "responsibilities", "fundingFlows", "rolesVia",
)


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
    nodes = expanded(graph)
    doc = jsonld.frame(nodes, frame, {"omitGraph": True, "processingMode": "json-ld-1.1"})
    if "@graph" in doc and not doc["@graph"]:
        raise LookupError(f"{iri} is not described")
    _split_roles(doc)
    embedded = _node_ids(doc)
    left_out = [n for n in nodes if n.get("@id") not in embedded]
    if left_out:
        # Nodes the frame cannot reach from the resource stay in the document, as JSON-LD 1.1 @included nodes.
        included = jsonld.compact(left_out, ctx)
        included.pop("@context", None)
        doc["@included"] = included.get("@graph", [included])
    return doc


def _split_roles(doc: dict[str, Any]) -> None:
    """Keep only role assignments under ``roles``; other statements naming the actor go to ``responsibilitiesHeld``.

    Both keys are ``@reverse`` of ``inno:actor`` in the context, so the document's triples are unchanged.
    """
    statements = doc.get("roles")
    if not isinstance(statements, list):
        return
    roles = [s for s in statements if "inno:RoleAssignment" in _types(s)]
    others = [s for s in statements if "inno:RoleAssignment" not in _types(s)]
    if others:
        doc["roles"] = roles
        doc["responsibilitiesHeld"] = others
    if not roles:
        doc.pop("roles")


def _types(node: Any) -> list[str]:
    if not isinstance(node, dict):
        return []
    value = node.get("type", [])
    return value if isinstance(value, list) else [value]


def _node_ids(value: Any) -> set[str]:
    """Every ``id`` of a node object (with properties) in a compacted document."""
    found: set[str] = set()
    if isinstance(value, dict):
        if "id" in value and len(value) > 1:
            found.add(value["id"])
        for key, item in value.items():
            if key != "@context":
                found |= _node_ids(item)
    elif isinstance(value, list):
        for item in value:
            found |= _node_ids(item)
    return found


def compacted_document(graph: Graph, base_iri: str) -> dict[str, Any]:
    """A compacted JSON-LD document of a whole graph (dumps, dataset description)."""
    ctx = context_for_base(base_iri)
    return jsonld.compact(expanded(graph), ctx)
