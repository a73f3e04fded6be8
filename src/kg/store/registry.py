"""Engine registry (name → class) and ``open_store``, which loads the snapshot or ``--data`` files."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from kg.errors import InputError
from kg.settings import Settings
from kg.store.base import DataSource, QueryEngine
from kg.store.oxigraph_store import OxigraphEngine
from kg.store.rdflib_store import RdflibEngine


class LoadableEngine(QueryEngine, Protocol):
    """An engine that can be filled from files or from an N-Quads dump."""

    def load(self, source: DataSource) -> None: ...

    def load_nquads(self, data: bytes) -> None: ...


ENGINES: dict[str, type] = {"oxigraph": OxigraphEngine, "rdflib": RdflibEngine}
"""Every embedded engine by the name ``KG_STORE`` uses."""


def new_engine(name: str, union_default_graph: bool = True) -> LoadableEngine:
    """An empty engine of the given name; unknown names are a clear error."""
    try:
        cls = ENGINES[name]
    except KeyError:
        raise InputError(f"unknown store {name!r} (choose one of: {', '.join(sorted(ENGINES))})") from None
    return cls(union_default_graph=union_default_graph)  # type: ignore[no-any-return]


def open_store(settings: Settings, files: Sequence[Path | str] | None = None) -> LoadableEngine:
    """Load ``build/snapshot.nq``, or the given files (triples into the default graph, quads into
    their named graphs). Either way the default graph a query sees is the union of all graphs;
    ``default-graph-uri``/``named-graph-uri`` (or ``FROM``) select a narrower dataset.
    """
    if files:
        engine = new_engine(settings.store, union_default_graph=True)
        for f in files:
            path = Path(f)
            if not path.is_file():
                raise InputError(f"data file not found: {path}")
            engine.load(DataSource.for_file(path))
        return engine
    snapshot = settings.snapshot_path
    if not snapshot.is_file():
        raise InputError(f"snapshot not found: {snapshot} (run `kg build` first, or pass --data FILE)")
    engine = new_engine(settings.store, union_default_graph=True)
    engine.load(DataSource.for_file(snapshot))
    return engine
