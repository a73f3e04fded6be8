"""Running a canned query on a ``QueryEngine``: resolve the name, bind parameters, execute.

The HTTP router and ``kg query`` both go through :class:`CannedQueryRunner`, so a parameter is
checked the same way everywhere. Concept parameters are checked against the concept schemes in
the graph itself (``skos:inScheme``), read once per runner (i.e. per loaded snapshot).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rdflib.term import Identifier

from kg.canned_queries.params import bind_parameters
from kg.canned_queries.registry import CannedQuery, QueryRegistry
from kg.errors import UndescribedResourceError, UnknownQueryError
from kg.store.base import QueryEngine, QueryOutcome

SCHEMES_QUERY = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?scheme ?concept WHERE { ?concept skos:inScheme ?scheme . FILTER (isIRI(?concept)) }
"""


DESCRIBED_QUERY = "ASK { ?resource ?p ?o }"
"""Whether the IRI bound to ``?resource`` is the subject of some triple (bound as a parameter, never pasted)."""


def described_checks(query: CannedQuery, given: Mapping[str, str], bindings: Mapping[str, Identifier]) -> list[tuple[str, Identifier]]:
    """The IRI-type parameters the request gave, with their bound IRIs: each must be described in the graph
    (``DESCRIBED_QUERY``), or the answer is a 404 naming the parameter rather than an empty result."""
    return [(name, bindings[name]) for name, param in query.params.items()
            if param.type == "iri" and name in given and name in bindings]


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

    def bind(self, query: CannedQuery, params: Mapping[str, str], local_bases: Sequence[str] = ()) -> dict[str, Identifier]:
        """Checked bindings for ``params`` (``ParameterError`` → 400 otherwise); IRIs under ``local_bases``
        (the service's own URL) are mapped to the configured base IRI."""
        return bind_parameters(query, params, base_iri=self.registry.base_iri, scheme_members=self.scheme_members,
                               local_bases=local_bases)

    def run(self, name_or_query: str | CannedQuery, params: Mapping[str, str],
            local_bases: Sequence[str] = ()) -> tuple[CannedQuery, QueryOutcome]:
        """Resolve, bind, check that IRI parameters name described resources (``UndescribedResourceError``)
        and execute; returns the query and its outcome."""
        query = self.resolve(name_or_query) if isinstance(name_or_query, str) else name_or_query
        bindings = self.bind(query, params, local_bases)
        for name, iri in described_checks(query, params, bindings):
            if not self.engine.query(DESCRIBED_QUERY, bindings={"resource": iri}, timeout=self.timeout).boolean:  # type: ignore[arg-type]
                raise UndescribedResourceError(name, str(iri))
        outcome = self.engine.query(query.sparql, bindings=bindings, timeout=self.timeout)  # type: ignore[arg-type]
        return query, outcome
