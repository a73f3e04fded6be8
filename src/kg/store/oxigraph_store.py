"""The default engine: pyoxigraph (Oxigraph's Rust SPARQL engine), in memory."""

from __future__ import annotations

import hashlib
import re
from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence

import pyoxigraph as ox
from rdflib.term import URIRef

from kg.errors import InputError, KGError, QueryError, ResultTooLarge
from kg.store.bindings import with_values
from kg.store.base import (DataSource, GraphAliases, OutcomeKind, Quad, QueryOutcome, Term, in_star_order,
                           query_dataset)
from kg.store.terms import to_rdflib

_FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "n3": ox.RdfFormat.N3,
    "jsonld": ox.RdfFormat.JSON_LD,
}


MERGE_CACHE_SIZE = 8
"""Merged default graphs (several ``default-graph-uri``/``FROM``) kept per engine, least recently used out."""
_MERGE_PREFIX = "urn:x-kg:merge:"


class OxigraphEngine:
    """A ``QueryEngine`` backed by an in-memory ``pyoxigraph.Store``.

    pyoxigraph's union default graph and its multi-graph default graphs are bags (a triple in two
    graphs matches twice); SPARQL wants an RDF merge, a set. So under a union the deduplicated
    union is materialised as the store's real default graph (on the first query after a load),
    the alias graphs likewise, and a default graph of several graphs is merged per request into
    a hidden graph (``MERGE_CACHE_SIZE`` of them cached).
    """

    name = "oxigraph"

    def __init__(self, union_default_graph: bool = True, aliases: GraphAliases | None = None) -> None:
        self.store = ox.Store()
        self.union_default_graph = union_default_graph
        self.aliases = aliases
        self._stale = False
        self._visible: list[str] | None = None
        self._merges: OrderedDict[tuple[str, ...], ox.NamedNode] = OrderedDict()

    def _derived(self, name: str) -> bool:
        return name.startswith(_MERGE_PREFIX) or (self.aliases is not None and name in self.aliases.names)

    def _prepare(self) -> None:
        """Materialise the union default graph and the alias graphs after a load (idempotent)."""
        if not self._stale:
            return
        self._stale = False
        self._visible = None
        for g in list(self.store.named_graphs()):
            if isinstance(g, ox.NamedNode) and self._derived(g.value):
                self.store.remove_graph(g)
        self._merges.clear()
        if not self.union_default_graph and self.aliases is None:
            return
        # set semantics come from the store itself: a graph holds a triple once
        if self.union_default_graph:
            self.store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
        if self.aliases is not None:
            every, asserted, inferred = self.aliases.all, self.aliases.asserted, self.aliases.inferred
            self.store.update(f"INSERT {{ GRAPH <{every}> {{ ?s ?p ?o }} }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}")
            self.store.update(
                f"INSERT {{ GRAPH <{asserted}> {{ ?s ?p ?o }} }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
                f"FILTER (?g != <{inferred}> && ?g != <{every}>) }}"
            )

    def _merged(self, graphs: tuple[str, ...]) -> ox.NamedNode:
        """A hidden graph holding the RDF merge (distinct triples) of ``graphs``, cached."""
        found = self._merges.get(graphs)
        if found is not None:
            self._merges.move_to_end(graphs)
            return found
        for g in graphs:
            if not g or any(c in g for c in ' <>"{}|^`\\') or any(ord(c) <= 0x20 for c in g):
                raise QueryError(f"not a graph IRI: {g!r}")
        name = ox.NamedNode(_MERGE_PREFIX + hashlib.sha256("\n".join(graphs).encode()).hexdigest()[:32])
        values = " ".join(f"<{g}>" for g in graphs)
        self.store.update(f"INSERT {{ GRAPH <{name.value}> {{ ?s ?p ?o }} }} WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }}")
        self._merges[graphs] = name
        while len(self._merges) > MERGE_CACHE_SIZE:
            _, old = self._merges.popitem(last=False)
            self.store.remove_graph(old)
        return name

    # -- loading -----------------------------------------------------------------------------
    def load(self, source: DataSource) -> None:
        """Load one RDF file; triples go to ``source.graph`` (default graph if None), quads keep theirs."""
        fmt = _FORMATS[source.format]
        kwargs: dict[str, object] = {"format": fmt, "base_iri": source.base_iri}
        if not fmt.supports_datasets:
            kwargs["to_graph"] = ox.NamedNode(source.graph) if source.graph else ox.DefaultGraph()
        try:
            self.store.bulk_load(path=str(source.path), **kwargs)
        except SyntaxError as exc:
            raise InputError(f"{source.path}: syntax error: {exc}") from None
        except OSError as exc:
            raise InputError(f"{source.path}: cannot read: {exc}") from None
        self._stale = True

    def load_nquads(self, data: bytes) -> None:
        """Load N-Quads bytes (a dump of another engine)."""
        self.store.bulk_load(data, format=ox.RdfFormat.N_QUADS)
        self._stale = True

    # -- QueryEngine -------------------------------------------------------------------------
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
        """Run a query (``timeout`` is enforced by the caller's worker process, not here)."""
        self._prepare()
        if self._visible is None:
            self._visible = self.named_graphs()
        dataset = query_dataset(sparql, default_graphs, named_graphs, base_iri, self._visible, self.aliases)
        sparql = dataset.query
        kwargs: dict[str, object] = {"base_iri": base_iri}
        if dataset.default_graphs is not None or "graph" in sparql.lower():
            # without GRAPH the named graphs play no part: skip building the list (hot path)
            kwargs["named_graphs"] = [ox.NamedNode(g) for g in dict.fromkeys(dataset.named_graphs)]
        if dataset.default_graphs is not None:
            wanted = tuple(dict.fromkeys(dataset.default_graphs))
            if len(wanted) > 1:
                kwargs["default_graph"] = self._merged(wanted)
            else:
                kwargs["default_graph"] = [ox.NamedNode(g) for g in wanted]
        if bindings:
            sparql = with_values(sparql, bindings)
        # pyoxigraph result iterators must be dropped on the thread that made them: keep no
        # reference to one (not even through an exception's traceback) past this frame
        result: object = None
        error: KGError | None = None
        outcome: QueryOutcome | None = None
        try:
            result = self.store.query(sparql, **kwargs)
            outcome = _outcome(result, max_results)
        except KGError as exc:
            error = exc.with_traceback(None)
        except SyntaxError as exc:
            error = QueryError(syntax_message(sparql, str(exc)))
        except (OSError, ValueError, TypeError, RuntimeError) as exc:
            error = QueryError(f"Query failed: {exc}")
        finally:
            result = None
        if error is not None:
            raise error
        assert outcome is not None
        return in_star_order(sparql, outcome)

    def named_graphs(self) -> list[str]:
        """IRIs of the named graphs loaded, sorted (alias and merge graphs left out)."""
        return sorted(
            g.value for g in self.store.named_graphs() if isinstance(g, ox.NamedNode) and not self._derived(g.value)
        )

    def count(self, graph: str | None = None) -> int:
        """Number of triples in one graph (an alias too), or of quads in the store (aliases left out)."""
        self._prepare()
        if graph is None:
            return sum(1 for _ in self.quads())
        return sum(1 for _ in self.store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))

    def default_graph_size(self) -> int:
        """Distinct triples in the default graph (the materialised merge under a union)."""
        self._prepare()
        return sum(1 for _ in self.store.quads_for_pattern(None, None, None, ox.DefaultGraph()))

    def triples_about(self, iri: str, graphs: Sequence[str] | None = None) -> list[tuple[Term, URIRef, Term]]:
        """Distinct triples whose subject is ``iri`` (over all graphs, or the given ones)."""
        subject = ox.NamedNode(iri)
        seen: dict[tuple[Term, URIRef, Term], None] = {}
        targets: list[object] = [ox.NamedNode(g) for g in graphs] if graphs is not None else [None]
        for g in targets:
            for q in self.store.quads_for_pattern(subject, None, None, g):
                seen[(to_rdflib(q.subject), URIRef(q.predicate.value), to_rdflib(q.object))] = None  # type: ignore[assignment]
        return list(seen)

    def quads(self, graphs: Sequence[str] | None = None) -> Iterable[Quad]:
        """Every quad (optionally of the given named graphs), as rdflib terms."""
        self._prepare()
        targets: list[object] = [ox.NamedNode(g) for g in graphs] if graphs is not None else [None]
        for g in targets:
            for q in self.store.quads_for_pattern(None, None, None, g):
                if graphs is None and isinstance(q.graph_name, ox.NamedNode) and self._derived(q.graph_name.value):
                    continue
                graph = None if isinstance(q.graph_name, ox.DefaultGraph) else to_rdflib(q.graph_name)
                yield (to_rdflib(q.subject), URIRef(q.predicate.value), to_rdflib(q.object), graph)  # type: ignore[misc]

    def dump_nquads(self) -> bytes:
        """The store as N-Quads, alias and merge graphs left out (a reload derives them again)."""
        self._prepare()
        kept = (
            q for q in self.store.quads_for_pattern(None, None, None, None)
            if not (isinstance(q.graph_name, ox.NamedNode) and self._derived(q.graph_name.value))
        )
        return ox.serialize(kept, format=ox.RdfFormat.N_QUADS) or b""


def _outcome(result: object, max_results: int | None) -> QueryOutcome:
    if isinstance(result, ox.QueryBoolean):
        return QueryOutcome(OutcomeKind.BOOLEAN, boolean=bool(result))
    memo: dict[object, Term] = {}

    def term(t: object) -> Term:
        # results repeat the same terms a lot; convert each distinct one once
        found = memo.get(t)
        if found is None:
            found = memo[t] = to_rdflib(t)
        return found

    limit = max_results if max_results is not None else -1
    if isinstance(result, ox.QuerySolutions):
        variables = [v.value for v in result.variables]
        rows: list[tuple[Term | None, ...]] = []
        for solution in result:
            if len(rows) == limit:
                raise too_large(limit, "rows")
            rows.append(tuple(None if t is None else term(t) for t in solution))  # type: ignore[attr-defined]
        return QueryOutcome(OutcomeKind.SOLUTIONS, variables=variables, rows=rows)
    triples: list[tuple[Term, URIRef, Term]] = []
    for t in result:  # type: ignore[attr-defined]
        if len(triples) == limit:
            raise too_large(limit, "triples")
        triples.append((term(t.subject), term(t.predicate), term(t.object)))  # type: ignore[misc]
    return QueryOutcome(OutcomeKind.GRAPH, triples=triples)


_POSITION = re.compile(r"^\s*error at (\d+):(\d+):\s*(.*)$", re.S)


def syntax_message(sparql: str, message: str, limit: int = 300) -> str:
    """pyoxigraph's parse error made readable: line and column in words, the query line with a caret,
    and the expected-token list without its ``[_]`` placeholder, cut where it gets long."""
    message = " ".join(message.split())
    found = _POSITION.match(message)
    if found is None:
        return "Malformed query: " + (message if len(message) <= limit else message[:limit].rstrip() + " …")
    line, column, detail = int(found.group(1)), int(found.group(2)), found.group(3)
    detail = detail.replace(", [_]", "").replace("[_], ", "").replace("[_]", "a name")
    if len(detail) > limit:
        detail = detail[:limit].rstrip() + " …"
    lines = sparql.splitlines() or [""]
    text = lines[min(line, len(lines)) - 1]
    caret = " " * (min(column, len(text) + 1) - 1) + "^"
    return f"Malformed query at line {line}, column {column}: {detail}\n  {text}\n  {caret}"


class ResultOverLimit(ResultTooLarge):
    """A result over ``KG_MAX_RESULTS``: 422, since 413 is about the request's own content (RFC 9110 §15.5.14)."""

    status_code = 422


def too_large(limit: int, what: str) -> ResultTooLarge:
    """The error for a result over ``KG_MAX_RESULTS`` (status 422)."""
    return ResultOverLimit(
        f"The result has more than {limit} {what}, the limit (KG_MAX_RESULTS); add a LIMIT or narrow the query."
    )
