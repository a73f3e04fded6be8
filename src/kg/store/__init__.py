"""RDF stores behind one small ``QueryEngine`` interface (see ``kg.store.base``)."""

from kg.store.base import DataSource, GraphAliases, OutcomeKind, QueryEngine, QueryOutcome
from kg.store.registry import ENGINES, new_engine, open_store

__all__ = ["DataSource", "ENGINES", "GraphAliases", "OutcomeKind", "QueryEngine", "QueryOutcome", "new_engine", "open_store"]
