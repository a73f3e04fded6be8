"""Engine registry (name → class) and ``open_store``, which loads the snapshot or ``--data`` files."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Protocol

from kg.errors import InputError
from kg.settings import Settings
from kg.store.base import DataSource, GraphAliases, QueryEngine
from kg.store.oxigraph_store import OxigraphEngine
from kg.store.rdflib_store import RdflibEngine


class LoadableEngine(QueryEngine, Protocol):
    """An engine that can be filled from files or from an N-Quads dump."""

    def load(self, source: DataSource) -> None: ...

    def load_nquads(self, data: bytes) -> None: ...


ENGINES: dict[str, type] = {"oxigraph": OxigraphEngine, "rdflib": RdflibEngine}
"""Every embedded engine by the name ``KG_STORE`` uses."""


def new_engine(name: str, union_default_graph: bool = True, aliases: GraphAliases | None = None) -> LoadableEngine:
    """An empty engine of the given name; unknown names are a clear error.

    ``union_default_graph``: the default graph is the RDF merge of every graph; ``aliases``: the
    alias graphs to materialise (the project snapshot's ``graph/asserted`` and ``graph/all``).
    """
    try:
        cls = ENGINES[name]
    except KeyError:
        raise InputError(f"unknown store {name!r} (choose one of: {', '.join(sorted(ENGINES))})") from None
    return cls(union_default_graph=union_default_graph, aliases=aliases)  # type: ignore[no-any-return]


def open_store(
    settings: Settings, files: Sequence[Path | str] | None = None, union_default_graph: bool = False
) -> LoadableEngine:
    """Load ``build/snapshot.nq``, or the given files.

    The snapshot's default graph is the RDF merge of all its graphs, and the alias graphs
    ``<base>graph/asserted`` and ``<base>graph/all`` are materialised. Files keep their own default
    graph (triples) and named graphs (quads), as Fuseki and Oxigraph serve them, unless
    ``union_default_graph`` makes the default graph the merge of everything.
    ``default-graph-uri``/``named-graph-uri`` (or ``FROM``) select a narrower dataset.
    """
    if files:
        engine = new_engine(settings.store, union_default_graph=union_default_graph)
        for f in files:
            path = Path(f)
            if not path.is_file():
                raise InputError(f"data file not found: {path}")
            engine.load(DataSource.for_file(path))
        return engine
    snapshot = settings.snapshot_path
    if not snapshot.is_file():
        raise InputError(f"snapshot not found: {snapshot} (run `kg build` first, or pass --data FILE)")
    engine = new_engine(settings.store, union_default_graph=True, aliases=GraphAliases.for_base(settings.base_iri))
    engine.load(DataSource.for_file(snapshot))
    return engine


def union_default_graph_from_env(environ: Mapping[str, str] | None = None) -> bool:
    """``KG_UNION_DEFAULT_GRAPH`` (1/true/yes/on): serve ``--data`` files with a union default graph."""
    value = (os.environ if environ is None else environ).get("KG_UNION_DEFAULT_GRAPH", "").strip().lower()
    if value in ("", "0", "false", "no", "off"):
        return False
    if value in ("1", "true", "yes", "on"):
        return True
    raise InputError(f"KG_UNION_DEFAULT_GRAPH must be true or false, got {value!r}")
