"""The store interface: one small ``QueryEngine`` protocol every SPARQL engine implements.

The service, the CLI and the canned queries talk to this protocol only, so the engine behind
it (pyoxigraph, rdflib, later a remote SPARQL 1.1 endpoint) can change without them noticing.
Results are plain rdflib terms so that every engine answers in the same shape.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Protocol, runtime_checkable

from rdflib.term import BNode, Literal, URIRef

Term = URIRef | BNode | Literal
Quad = tuple[Term, URIRef, Term, URIRef | BNode | None]
"""A quad; the graph is ``None`` for the default graph."""

RDF_FILE_FORMATS: dict[str, str] = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".nt": "ntriples",
    ".ntriples": "ntriples",
    ".nq": "nquads",
    ".nquads": "nquads",
    ".trig": "trig",
    ".rdf": "rdfxml",
    ".owl": "rdfxml",
    ".xml": "rdfxml",
    ".n3": "n3",
    ".jsonld": "jsonld",
}
"""File extension → format name understood by every engine's loader."""


class OutcomeKind(str, Enum):
    """The three shapes a SPARQL query result can take."""

    SOLUTIONS = "solutions"
    BOOLEAN = "boolean"
    GRAPH = "graph"


@dataclass
class QueryOutcome:
    """The result of one query: solutions (SELECT), a boolean (ASK) or triples (CONSTRUCT/DESCRIBE)."""

    kind: OutcomeKind
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Term | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[tuple[Term, URIRef, Term]] = field(default_factory=list)

    def __len__(self) -> int:
        if self.kind is OutcomeKind.SOLUTIONS:
            return len(self.rows)
        if self.kind is OutcomeKind.GRAPH:
            return len(self.triples)
        return 1

    def as_dicts(self) -> list[dict[str, Term]]:
        """Solutions as dicts of bound variables only (unbound ones left out)."""
        return [
            {v: t for v, t in zip(self.variables, row) if t is not None} for row in self.rows
        ]


@dataclass(frozen=True)
class DataSource:
    """One RDF file to load; ``graph`` names the graph its triples go to (``None``: default graph)."""

    path: Path
    format: str
    graph: str | None = None
    base_iri: str | None = None

    @classmethod
    def for_file(cls, path: Path | str, graph: str | None = None) -> "DataSource":
        """A source whose format is derived from the file extension."""
        p = Path(path)
        fmt = RDF_FILE_FORMATS.get(p.suffix.lower())
        if fmt is None:
            from kg.errors import InputError

            known = ", ".join(sorted(RDF_FILE_FORMATS))
            raise InputError(f"{p}: unknown RDF file extension {p.suffix!r} (known: {known})")
        return cls(p, fmt, graph, p.resolve().as_uri())


@dataclass(frozen=True)
class GraphAliases:
    """Alias graphs materialised at load: ``asserted`` (every graph but ``inferred``) and ``all``.

    Both hold distinct triples (an RDF merge, SPARQL 1.1 §13.1). They are real named graphs for
    ``FROM``, ``FROM NAMED``, ``default-graph-uri``/``named-graph-uri`` and ``GRAPH <alias>``, but a
    ``GRAPH ?g`` over the default dataset does not enumerate them (it would see every triple again).
    """

    asserted: str
    all: str
    inferred: str

    @classmethod
    def for_base(cls, base_iri: str) -> "GraphAliases":
        """The project's aliases under ``base_iri`` (``<base>graph/asserted``, ``graph/all``)."""
        from kg.namespaces import ProjectNamespaces

        ns = ProjectNamespaces(base_iri)
        return cls(ns.asserted_alias, ns.all_alias, ns.inferred_graph)

    @property
    def names(self) -> tuple[str, str]:
        """The alias graph IRIs."""
        return (self.asserted, self.all)


@dataclass(frozen=True)
class QueryDataset:
    """The dataset one query runs on: ``None`` as default means the store's default graph."""

    default_graphs: tuple[str, ...] | None
    named_graphs: tuple[str, ...]
    query: str


def query_dataset(
    sparql: str,
    default_graphs: Sequence[str] | None,
    named_graphs: Sequence[str] | None,
    base_iri: str | None,
    visible: Sequence[str],
    aliases: "GraphAliases | None",
) -> QueryDataset:
    """The dataset a query sees, the same rule for every engine.

    A protocol dataset (``default-graph-uri``/``named-graph-uri``) wins; else the query's ``FROM``
    clauses (taken out of the text, so every engine merges them the same way); else the store's
    default graph with the ``visible`` named graphs, plus an alias graph the query names itself.
    """
    from kg.sparql_lexer import dataset_clause, mentioned_iris

    if default_graphs is not None or named_graphs is not None:
        return QueryDataset(tuple(default_graphs or ()), tuple(named_graphs or ()), sparql)
    # cheap substring tests first: most queries name no FROM and no alias, and need no tokenising
    clause = dataset_clause(sparql, base_iri) if "from" in sparql.lower() else None
    if clause is not None:
        return QueryDataset(tuple(clause.default_graphs), tuple(clause.named_graphs), clause.query)
    named = tuple(visible)
    if aliases is not None and any(a.rsplit("/", 1)[-1] in sparql for a in aliases.names):
        mentioned = mentioned_iris(sparql, base_iri)
        named += tuple(a for a in aliases.names if a in mentioned)
    return QueryDataset(None, named, sparql)


def in_star_order(sparql: str, outcome: QueryOutcome) -> QueryOutcome:
    """For ``SELECT *``, the variables in order of first appearance in the query (W3C csvtsv01
    expects ``s, p, o``; pyoxigraph answers in its own order): the same columns on every engine."""
    from kg.sparql_lexer import tokens

    if outcome.kind is not OutcomeKind.SOLUTIONS or len(outcome.variables) < 2 or "*" not in sparql:
        return outcome
    toks = list(tokens(sparql))
    for i, t in enumerate(toks):
        if t.kind == "word" and t.text.upper() == "SELECT":
            j = i + 1
            if j < len(toks) and toks[j].kind == "word" and toks[j].text.upper() in ("DISTINCT", "REDUCED"):
                j += 1
            if j >= len(toks) or toks[j].text != "*":
                return outcome
            break
    else:
        return outcome
    first: dict[str, int] = {}
    for t in toks[j:]:
        if t.kind == "var":
            first.setdefault(t.text[1:], len(first))
    order = sorted(range(len(outcome.variables)), key=lambda k: (first.get(outcome.variables[k], len(first)), k))
    if order == list(range(len(order))):
        return outcome
    outcome.variables = [outcome.variables[k] for k in order]
    outcome.rows = [tuple(row[k] for k in order) for row in outcome.rows]
    return outcome


@runtime_checkable
class QueryEngine(Protocol):
    """A read-only SPARQL 1.1 query engine over one RDF dataset."""

    name: str
    union_default_graph: bool
    """True when the default graph is the union (RDF merge) of all graphs (the project snapshot)."""
    aliases: GraphAliases | None
    """The alias graphs materialised at load (project snapshot only)."""

    def query(
        self,
        sparql: str,
        *,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        bindings: Mapping[str, Term] | None = None,
        timeout: float | None = None,
        base_iri: str | None = None,
        max_results: int | None = None,
    ) -> QueryOutcome:
        """Run a query; ``default_graphs``/``named_graphs`` restrict the dataset (SPARQL protocol).

        ``base_iri`` resolves relative IRIs in the query (the endpoint URL over HTTP).
        More than ``max_results`` rows or triples raise ``kg.errors.ResultTooLarge`` (early, where
        the engine streams).

        Raises ``kg.errors.QueryError`` for a query that does not parse or cannot run.
        """
        ...

    def named_graphs(self) -> list[str]:
        """IRIs of the named graphs loaded (alias graphs not included)."""
        ...

    def count(self, graph: str | None = None) -> int:
        """Number of triples in one named graph (an alias too), or of quads in the store when ``graph`` is None."""
        ...

    def default_graph_size(self) -> int:
        """Distinct triples in the default graph a query sees (the merge of all graphs under a union)."""
        ...

    def triples_about(self, iri: str, graphs: Sequence[str] | None = None) -> list[tuple[Term, URIRef, Term]]:
        """Triples with ``iri`` as subject (the concise description a dereference returns)."""
        ...

    def quads(self, graphs: Sequence[str] | None = None) -> Iterable[Quad]:
        """Every quad, optionally restricted to some named graphs (for dumps); alias graphs left out."""
        ...

    def dump_nquads(self) -> bytes:
        """The whole store as N-Quads (used to start worker processes on the same data)."""
        ...

