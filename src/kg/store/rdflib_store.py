"""The baseline engine: rdflib's own SPARQL implementation over an in-memory ``Dataset``.

Files are parsed with pyoxigraph's parsers (rdflib's Turtle parser turns a tab inside a string
literal into spaces), and rdflib is told never to fetch ``FROM`` graphs from the network.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, MutableMapping, Sequence

import pyoxigraph as ox
import warnings

import rdflib.plugins.sparql as rdflib_sparql
from pyparsing.exceptions import ParseException
from rdflib import Dataset, Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.query import Result
from rdflib.namespace import XSD
from rdflib.plugins.sparql.aggregates import Extremum
from rdflib.term import BNode, Literal, URIRef, Variable

from kg.errors import InputError, QueryError
from kg.store.base import (DataSource, GraphAliases, OutcomeKind, Quad, QueryOutcome, Term, in_star_order,
                           query_dataset)
from kg.sparql_lexer import tokens
from kg.store.oxigraph_store import _FORMATS, syntax_message, too_large
from kg.store.terms import to_rdflib

rdflib_sparql.SPARQL_LOAD_GRAPHS = False


def _extremum_value(self: Extremum, bindings: MutableMapping[Variable, object]) -> None:
    """rdflib 7.6 wraps the result of MIN/MAX in ``Literal(…)``, so ``MIN(?iri)`` became a string
    literal; keep an RDF term as it is (pyoxigraph and SPARQL return the IRI)."""
    if self.value is not None:
        bindings[self.var] = self.value if isinstance(self.value, (URIRef, Literal, BNode)) else Literal(self.value)


Extremum.set_value = _extremum_value  # type: ignore[method-assign]


class RdflibEngine:
    """A ``QueryEngine`` backed by rdflib's SPARQL engine.

    Under a union the merge of every graph is materialised as the real default graph (first query
    after a load); alias graphs and protocol datasets are built as a fresh ``Dataset`` view.
    """

    name = "rdflib"

    def __init__(self, union_default_graph: bool = True, aliases: GraphAliases | None = None) -> None:
        self.union_default_graph = union_default_graph
        self.aliases = aliases
        self.dataset = Dataset(default_union=False)
        self._stale = False

    def _prepare(self) -> None:
        if not self._stale:
            return
        self._stale = False
        if self.union_default_graph:
            default = self.dataset.graph(DATASET_DEFAULT_GRAPH_ID)
            for g in list(self.dataset.graphs()):
                if g.identifier != DATASET_DEFAULT_GRAPH_ID:
                    for t in g:
                        default.add(t)

    def _graph_triples(self, name: str | None) -> Iterable[tuple[Term, URIRef, Term]]:
        """Triples of one graph: the default graph (None), an alias, or a loaded named graph."""
        if name is None:
            return self.dataset.graph(DATASET_DEFAULT_GRAPH_ID)  # type: ignore[return-value]
        if self.aliases is not None and name in self.aliases.names:
            sources = [g for g in self.named_graphs() if name == self.aliases.all or g != self.aliases.inferred]
            return (t for g in sources for t in self.dataset.graph(URIRef(g)))  # type: ignore[misc]
        return self.dataset.graph(URIRef(name))  # type: ignore[return-value]

    def load(self, source: DataSource) -> None:
        """Load one RDF file (parsed by pyoxigraph); triples go to ``source.graph`` or the default graph."""
        try:
            quads = list(ox.parse(path=str(source.path), format=_FORMATS[source.format], base_iri=source.base_iri))
        except SyntaxError as exc:
            raise InputError(f"{source.path}: syntax error: {exc}") from None
        except OSError as exc:
            raise InputError(f"{source.path}: cannot read: {exc}") from None
        self._add(quads, source.graph)

    def load_nquads(self, data: bytes) -> None:
        """Load N-Quads bytes (a dump of another engine)."""
        self._add(list(ox.parse(data, format=ox.RdfFormat.N_QUADS)), None)

    def _add(self, quads: list[ox.Quad], graph: str | None) -> None:
        for q in quads:
            if isinstance(q.graph_name, ox.DefaultGraph):
                g = URIRef(graph) if graph else DATASET_DEFAULT_GRAPH_ID
            else:
                g = to_rdflib(q.graph_name)
            self.dataset.graph(g).add((to_rdflib(q.subject), URIRef(q.predicate.value), to_rdflib(q.object)))
        self._stale = True

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
        """Run a query; a protocol dataset is materialised as a fresh ``Dataset`` view."""
        _check_syntax(sparql, base_iri)
        sparql = _escape_tabs_in_strings(sparql)
        self._prepare()
        visible = self.named_graphs()
        dataset = query_dataset(sparql, default_graphs, named_graphs, base_iri, visible, self.aliases)
        sparql = dataset.query
        target = self.dataset
        if dataset.default_graphs is not None or list(dataset.named_graphs) != visible:
            target = self._restricted(dataset.default_graphs, dataset.named_graphs)
        init = {Variable(k): v for k, v in (bindings or {}).items()}
        try:
            with warnings.catch_warnings():
                # rdflib 7.6's SPARQL engine calls its own deprecated Dataset.default_context
                warnings.simplefilter("ignore", DeprecationWarning)
                result = target.query(sparql, initBindings=init, base=base_iri)
                outcome = _outcome(result)
        except ParseException as exc:
            raise QueryError(f"Malformed query: {exc.msg} at line {exc.lineno}, column {exc.col}") from None
        except Exception as exc:  # noqa: BLE001 - rdflib raises bare Exception subclasses of many kinds
            raise QueryError(f"Query failed: {exc}") from None
        if max_results is not None and len(outcome) > max_results:
            raise too_large(max_results, "triples" if outcome.kind is OutcomeKind.GRAPH else "rows")
        return in_star_order(sparql, outcome)

    def _restricted(self, default_graphs: Sequence[str] | None, named_graphs: Sequence[str]) -> Dataset:
        """A view: the merge of ``default_graphs`` (None: the store's default graph) and the named graphs."""
        view = Dataset(default_union=False)
        default = view.graph(DATASET_DEFAULT_GRAPH_ID)
        for g in default_graphs if default_graphs is not None else [None]:
            for t in self._graph_triples(g):
                default.add(t)
        for g in dict.fromkeys(named_graphs):
            target = view.graph(URIRef(g))
            for t in self._graph_triples(g):
                target.add(t)
        return view

    def named_graphs(self) -> list[str]:
        """IRIs of the non-empty named graphs, sorted."""
        return sorted(
            str(g.identifier)
            for g in self.dataset.graphs()
            if isinstance(g.identifier, URIRef) and g.identifier != DATASET_DEFAULT_GRAPH_ID and len(g)
        )

    def count(self, graph: str | None = None) -> int:
        """Number of triples in one graph (an alias too), or of quads in the store (aliases left out)."""
        self._prepare()
        if graph is not None:
            return len(set(self._graph_triples(graph))) if self.aliases and graph in self.aliases.names \
                else len(self.dataset.graph(URIRef(graph)))
        return sum(len(g) for g in self.dataset.graphs())

    def default_graph_size(self) -> int:
        """Distinct triples in the default graph (the materialised merge under a union)."""
        self._prepare()
        return len(self.dataset.graph(DATASET_DEFAULT_GRAPH_ID))

    def triples_about(self, iri: str, graphs: Sequence[str] | None = None) -> list[tuple[Term, URIRef, Term]]:
        """Distinct triples whose subject is ``iri``."""
        sources: Iterable[Graph] = (
            [self.dataset.graph(URIRef(g)) for g in graphs] if graphs is not None else self.dataset.graphs()
        )
        seen: dict[tuple[Term, URIRef, Term], None] = {}
        for g in sources:
            for t in g.triples((URIRef(iri), None, None)):
                seen[t] = None  # type: ignore[index]
        return list(seen)

    def quads(self, graphs: Sequence[str] | None = None) -> Iterable[Quad]:
        """Every quad, optionally restricted to some named graphs."""
        self._prepare()
        sources: Iterable[Graph] = (
            [self.dataset.graph(URIRef(g)) for g in graphs] if graphs is not None else self.dataset.graphs()
        )
        for g in sources:
            name = None if g.identifier == DATASET_DEFAULT_GRAPH_ID else g.identifier
            for s, p, o in g:
                yield (s, p, o, name)  # type: ignore[misc]

    def dump_nquads(self) -> bytes:
        """The whole store as N-Quads (serialised exactly, by ``kg.results``)."""
        from kg.results import nquads_bytes

        return nquads_bytes(self.quads())


def _outcome(result: Result) -> QueryOutcome:
    if result.type == "ASK":
        return QueryOutcome(OutcomeKind.BOOLEAN, boolean=bool(result.askAnswer))
    if result.type == "SELECT":
        variables = [str(v) for v in result.vars or []]
        rows = [tuple(_plain(row[i]) for i in range(len(variables))) for row in result]  # type: ignore[index]
        return QueryOutcome(OutcomeKind.SOLUTIONS, variables=variables, rows=rows)  # type: ignore[arg-type]
    graph = result.graph
    assert graph is not None
    return QueryOutcome(OutcomeKind.GRAPH, triples=[(s, p, _plain(o)) for s, p, o in graph])  # type: ignore[misc]


def _plain(term: object) -> object:
    """``"x"^^xsd:string`` as the plain literal ``"x"`` (RDF 1.1: the same term), like pyoxigraph."""
    if isinstance(term, Literal) and term.datatype == XSD.string:
        return Literal(str(term), normalize=False)
    return term



_EMPTY = ox.Store()


def _check_syntax(sparql: str, base_iri: str | None) -> None:
    """Parse with pyoxigraph first: rdflib runs queries SPARQL forbids (``SELECT ?s ?p … GROUP BY ?s``)
    and its messages are vague. Nothing is evaluated: solutions are never iterated, and a query with
    ``SERVICE`` (which could be evaluated eagerly) is left to rdflib."""
    if any(t.kind == "word" and t.text.upper() == "SERVICE" for t in tokens(sparql)):
        return
    result: object = None
    try:
        result = _EMPTY.query(sparql, base_iri=base_iri)
    except SyntaxError as exc:
        raise QueryError(syntax_message(sparql, str(exc))) from None
    except (OSError, ValueError, TypeError, RuntimeError):
        return
    finally:
        result = None


def _escape_tabs_in_strings(sparql: str) -> str:
    """A tab inside a string literal written as ``\\t``: rdflib's parser (pyparsing) expands raw tabs to spaces."""
    if "\t" not in sparql:
        return sparql
    out, last = [], 0
    for t in tokens(sparql):
        if t.kind == "string" and "\t" in t.text:
            out.append(sparql[last:t.start])
            out.append(t.text.replace("\t", "\\t"))
            last = t.start + len(t.text)
    out.append(sparql[last:])
    return "".join(out)
