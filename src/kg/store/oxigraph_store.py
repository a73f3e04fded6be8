"""The default engine: pyoxigraph (Oxigraph's Rust SPARQL engine), in memory."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import pyoxigraph as ox
from rdflib.term import URIRef

from kg.errors import InputError, KGError, QueryError, ResultTooLarge
from kg.store.bindings import with_values
from kg.store.base import DataSource, OutcomeKind, Quad, QueryOutcome, Term
from kg.sparql_lexer import has_dataset_clause
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


class OxigraphEngine:
    """A ``QueryEngine`` backed by an in-memory ``pyoxigraph.Store``."""

    name = "oxigraph"

    def __init__(self, union_default_graph: bool = True) -> None:
        self.store = ox.Store()
        self.union_default_graph = union_default_graph

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

    def load_nquads(self, data: bytes) -> None:
        """Load N-Quads bytes (a dump of another engine)."""
        self.store.bulk_load(data, format=ox.RdfFormat.N_QUADS)

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
        kwargs: dict[str, object] = {"base_iri": base_iri}
        if default_graphs is not None or named_graphs is not None:
            kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graphs or ()]
            kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graphs or ()]
        elif self.union_default_graph and not has_dataset_clause(sparql):
            # a FROM / FROM NAMED in the query defines its own dataset; the union must not override it
            kwargs["use_default_graph_as_union"] = True
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
            error = QueryError(f"Malformed query: {_shorten(str(exc))}")
        except (OSError, ValueError, TypeError, RuntimeError) as exc:
            error = QueryError(f"Query failed: {exc}")
        finally:
            result = None
        if error is not None:
            raise error
        assert outcome is not None
        return outcome

    def named_graphs(self) -> list[str]:
        """IRIs of the named graphs, sorted."""
        return sorted(g.value for g in self.store.named_graphs() if isinstance(g, ox.NamedNode))

    def count(self, graph: str | None = None) -> int:
        """Number of quads in one graph or in the store."""
        if graph is None:
            return len(self.store)
        return sum(1 for _ in self.store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))

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
        targets: list[object] = [ox.NamedNode(g) for g in graphs] if graphs is not None else [None]
        for g in targets:
            for q in self.store.quads_for_pattern(None, None, None, g):
                graph = None if isinstance(q.graph_name, ox.DefaultGraph) else to_rdflib(q.graph_name)
                yield (to_rdflib(q.subject), URIRef(q.predicate.value), to_rdflib(q.object), graph)  # type: ignore[misc]

    def dump_nquads(self) -> bytes:
        """The whole store as N-Quads."""
        return self.store.dump(format=ox.RdfFormat.N_QUADS) or b""


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


def _shorten(message: str, limit: int = 400) -> str:
    """The parser's message (position first), cut where its list of expected tokens gets long."""
    message = " ".join(message.split())
    return message if len(message) <= limit else message[:limit].rstrip() + " …"


def too_large(limit: int, what: str) -> ResultTooLarge:
    """The error for a result over ``KG_MAX_RESULTS``."""
    return ResultTooLarge(
        f"The result has more than {limit} {what}, the limit (KG_MAX_RESULTS); add a LIMIT or narrow the query."
    )
