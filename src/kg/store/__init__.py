"""RDF stores behind one small ``QueryEngine`` interface (see ``kg.store.base``)."""

from kg.store.base import DataSource, OutcomeKind, QueryEngine, QueryOutcome
from kg.store.registry import ENGINES, new_engine, open_store

__all__ = ["DataSource", "ENGINES", "OutcomeKind", "QueryEngine", "QueryOutcome", "new_engine", "open_store"]
