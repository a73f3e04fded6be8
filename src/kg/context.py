"""``AppContext``: everything a request handler needs, built once per app by ``create_app``.

Routers reach it as ``request.app.state.ctx`` (or with the ``get_ctx`` dependency).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import Request

from kg.namespaces import PREFIXES, ProjectNamespaces
from kg.query_runner import QueryRunner
from kg.response_cache import ResponseCache
from kg.settings import Settings
from kg.store.base import QueryEngine


@dataclass
class AppContext:
    """Settings, namespaces, the engine, the query runner, snapshot metadata and the response cache."""

    settings: Settings
    namespaces: ProjectNamespaces
    engine: QueryEngine
    runner: QueryRunner
    cache: ResponseCache
    snapshot_meta: dict[str, Any] = field(default_factory=dict)
    version: str = "unversioned"
    data_files: tuple[Path, ...] = ()
    prefixes: dict[str, str] = field(default_factory=dict)

    @property
    def serving_snapshot(self) -> bool:
        """True when the project snapshot is served (not ``--data`` files or an injected engine)."""
        return not self.data_files

    def expand_graphs(self, graphs: Sequence[str]) -> list[str]:
        """The graph IRIs, each once; the alias graphs are real graphs of the snapshot's store."""
        return list(dict.fromkeys(graphs))


def get_ctx(request: Request) -> AppContext:
    """FastAPI dependency: the app's context."""
    return request.app.state.ctx  # type: ignore[no-any-return]


def build_context(settings: Settings, engine: QueryEngine, data_files: Sequence[Path] = ()) -> AppContext:
    """Assemble the context; the version comes from ``snapshot.json`` or a hash of the data."""
    meta: dict[str, Any] = {}
    files = tuple(Path(f) for f in data_files)
    if not files and settings.snapshot_meta_path.is_file():
        try:
            loaded = json.loads(settings.snapshot_meta_path.read_text(encoding="utf-8"))
            meta = loaded if isinstance(loaded, dict) else {}
        except (OSError, ValueError):
            meta = {}
    version = str(meta.get("version") or "") or _content_version(settings, files, engine)
    namespaces = ProjectNamespaces(settings.base_iri)
    prefixes = dict(PREFIXES)
    prefixes["inno"] = str(namespaces.inno)
    runner = QueryRunner(
        engine,
        timeout=settings.query_timeout,
        max_results=settings.max_results,
        workers=settings.query_workers,
        service_allowlist=settings.service_allowlist,
    )
    return AppContext(
        settings=settings,
        namespaces=namespaces,
        engine=engine,
        runner=runner,
        cache=ResponseCache(settings.cache_size),
        snapshot_meta=meta,
        version=_safe_token(version),
        data_files=files,
        prefixes=prefixes,
    )


def _content_version(settings: Settings, files: tuple[Path, ...], engine: QueryEngine) -> str:
    digest = hashlib.sha256()
    paths = files or ((settings.snapshot_path,) if settings.snapshot_path.is_file() else ())
    if paths:
        for p in paths:
            digest.update(p.read_bytes())
    else:
        digest.update(engine.dump_nquads())
    return digest.hexdigest()[:16]


def _safe_token(text: str) -> str:
    """The version as an ETag-safe token (no quotes, spaces or commas)."""
    return "".join(c if c.isalnum() or c in "-._:+" else "_" for c in text)[:64] or "unversioned"
