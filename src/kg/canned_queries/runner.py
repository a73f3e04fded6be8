"""Running a canned query on a ``QueryEngine``: resolve the name, bind parameters, execute.

The HTTP router and ``kg query`` both go through :class:`CannedQueryRunner`, so a parameter is
checked the same way everywhere. Concept parameters are checked against the concept schemes in
the graph itself (``skos:inScheme``), read once per runner (i.e. per loaded snapshot).
"""

from __future__ import annotations

from collections.abc import Mapping

from rdflib.term import Identifier

from kg.canned_queries.params import bind_parameters
from kg.canned_queries.registry import CannedQuery, QueryRegistry
from kg.errors import UnknownQueryError
from kg.store.base import QueryEngine, QueryOutcome

SCHEMES_QUERY = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?scheme ?concept WHERE { ?concept skos:inScheme ?scheme . FILTER (isIRI(?concept)) }
"""


class CannedQueryRunner:
    """Executes the queries of one registry against one engine."""

    def __init__(self, registry: QueryRegistry, engine: QueryEngine, *, timeout: float | None = None) -> None:
        self.registry = registry
        self.engine = engine
        self.timeout = timeout
        self._schemes: dict[str, dict[str, str]] | None = None

    def resolve(self, name: str) -> CannedQuery:
        """The query called ``name``; ``UnknownQueryError`` (404) otherwise."""
        query = self.registry.get(name)
        if query is None:
            raise UnknownQueryError(name, self.registry.names)
        return query

    @property
    def schemes_loaded(self) -> bool:
        """True once the concept schemes have been read from the graph."""
        return self._schemes is not None

    def load_schemes(self, outcome: QueryOutcome) -> None:
        """Fill the scheme cache from the result of ``SCHEMES_QUERY``."""
        schemes: dict[str, dict[str, str]] = {}
        for row in outcome.as_dicts():
            concept = str(row["concept"])
            schemes.setdefault(str(row["scheme"]), {})[concept] = concept.rstrip("/").rsplit("/", 1)[-1]
        self._schemes = schemes

    def scheme_members(self, scheme: str) -> Mapping[str, str]:
        """Concept IRI → slug for the concepts of one scheme in the graph (read once, in process)."""
        if self._schemes is None:
            self.load_schemes(self.engine.query(SCHEMES_QUERY, timeout=self.timeout))
        assert self._schemes is not None
        return self._schemes.get(scheme, {})

    def bind(self, query: CannedQuery, params: Mapping[str, str]) -> dict[str, Identifier]:
        """Checked bindings for ``params`` (``ParameterError`` → 400 otherwise)."""
        return bind_parameters(query, params, base_iri=self.registry.base_iri, scheme_members=self.scheme_members)

    def run(self, name_or_query: str | CannedQuery, params: Mapping[str, str]) -> tuple[CannedQuery, QueryOutcome]:
        """Resolve, bind and execute; returns the query and its outcome."""
        query = self.resolve(name_or_query) if isinstance(name_or_query, str) else name_or_query
        bindings = self.bind(query, params)
        outcome = self.engine.query(query.sparql, bindings=bindings, timeout=self.timeout)  # type: ignore[arg-type]
        return query, outcome
