"""Whole-graph dumps (asserted, or asserted plus inferred) in Turtle, N-Triples, JSON-LD and N-Quads.

Dumps are cut from the snapshot file with pyoxigraph's streaming parser and serialisers, written once per snapshot
version under ``build/dumps/<version>/`` and then served as files.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.namespaces import PREFIXES

FORMATS: dict[str, tuple[ox.RdfFormat, str]] = {
    "ttl": (ox.RdfFormat.TURTLE, "text/turtle; charset=utf-8"),
    "nt": (ox.RdfFormat.N_TRIPLES, "application/n-triples; charset=utf-8"),
    "jsonld": (ox.RdfFormat.JSON_LD, "application/ld+json; charset=utf-8"),
    "nq": (ox.RdfFormat.N_QUADS, "application/n-quads; charset=utf-8"),
}
SCOPES = ("asserted", "all")


def graphs_in_scope(meta: dict[str, Any], scope: str) -> set[str] | None:
    """Graph IRIs a dump of ``scope`` contains (``None`` = every graph)."""
    if scope == "all":
        return None
    if scope == "asserted":
        return {iri for iri, info in meta.get("graphs", {}).items() if info.get("kind") != "inferred"}
    raise ValueError(f"unknown dump scope {scope!r}; use one of {', '.join(SCOPES)}")


def dump_filename(scope: str, ext: str, version: str) -> str:
    """The file name offered in Content-Disposition."""
    return f"innovasjon-{scope}-{version}.{ext}"


def ensure_dump(snapshot: Path, meta: dict[str, Any], scope: str, ext: str, cache_dir: Path) -> Path:
    """Path of the dump file for (scope, format), writing it first if this snapshot version has none yet."""
    if ext not in FORMATS:
        raise ValueError(f"unknown dump format {ext!r}; use one of {', '.join(FORMATS)}")
    wanted = graphs_in_scope(meta, scope)
    version = str(meta.get("version", "unversioned"))
    target = cache_dir / version / f"{scope}.{ext}"
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    fmt = FORMATS[ext][0]
    quads = (q for q in ox.parse(path=str(snapshot), format=ox.RdfFormat.N_QUADS)
             if wanted is None or (isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value in wanted))
    if fmt is ox.RdfFormat.N_QUADS:
        items: Any = quads
    else:
        seen: set[ox.Triple] = set()
        items = []
        for q in quads:
            if q.triple not in seen:
                seen.add(q.triple)
                items.append(q.triple)
    fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".part")
    os.close(fd)
    try:
        prefixes = PREFIXES if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
        ox.serialize(items, tmp, fmt, prefixes=prefixes)
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return target
