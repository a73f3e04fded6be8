"""Snapshot step: the built dataset as ``build/snapshot.nq`` plus ``build/snapshot.json``.

Both files are written to temporary files in the build directory and moved into place with
``os.replace``; the JSON (which records the N-Quads file's size) is replaced last, so a reader
never pairs new metadata with an old or half-written dataset, and a failed build leaves the
previous snapshot untouched.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
import warnings
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from rdflib import Dataset

from kg.errors import KGError
from kg.settings import Settings

WATCHED_DIRS: tuple[str, ...] = ("ontology", "data", "shapes", "queries")
"""Directories whose files feed the build; a change in any of them makes the snapshot stale."""


class SnapshotMissing(KGError):
    """No (readable) snapshot exists yet; run ``kg build``."""


def watched_files(settings: Settings) -> list[Path]:
    """Every regular file under the watched directories, sorted (hidden files and caches skipped)."""
    files: list[Path] = []
    for name in WATCHED_DIRS:
        d = settings.project_dir / name
        if d.is_dir():
            files.extend(p for p in d.rglob("*") if p.is_file() and not _ignored(p.relative_to(d)))
    return sorted(files)


def _ignored(rel: Path) -> bool:
    return any(part.startswith(".") or part == "__pycache__" for part in rel.parts)


def source_version(settings: Settings) -> str:
    """16 hex digits of the SHA-256 of every watched file's relative path and content (and the base IRI)."""
    h = hashlib.sha256()
    h.update(settings.base_iri.encode())
    for path in watched_files(settings):
        h.update(b"\0" + path.relative_to(settings.project_dir).as_posix().encode() + b"\0")
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def _nquads_lines(dataset: Dataset) -> Iterator[bytes]:
    with warnings.catch_warnings():
        # rdflib 7.6's own N-Quads serializer calls its deprecated Dataset.contexts()
        warnings.simplefilter("ignore", DeprecationWarning)
        data = dataset.serialize(format="nquads", encoding="utf-8")
    lines = [line for line in data.splitlines() if line.strip()]
    lines.sort()  # stable output: diffable snapshots, identical bytes for identical graphs
    for line in lines:
        yield line + b"\n"


def write_snapshot(
    dataset: Dataset, meta: dict[str, Any], settings: Settings, *, started: float | None = None
) -> dict[str, Any]:
    """Atomically write ``snapshot.nq`` and ``snapshot.json``; returns the metadata written.

    ``version``, ``built_at`` and ``base_iri`` are filled in when ``meta`` lacks them. When
    ``meta`` has ``timings``, the snapshot step's own time (since ``started``, a
    ``time.perf_counter()`` value, default: the call) is recorded there as ``snapshot``.
    """
    started = time.perf_counter() if started is None else started
    build_dir = settings.build_path
    build_dir.mkdir(parents=True, exist_ok=True)
    meta = dict(meta)
    meta.setdefault("version", source_version(settings))
    meta.setdefault("built_at", datetime.now(timezone.utc).isoformat(timespec="seconds"))
    meta.setdefault("base_iri", settings.base_iri)
    nq_tmp = _write_temp(build_dir, ".snapshot.nq.", _nquads_lines(dataset))
    try:
        meta["snapshot_bytes"] = nq_tmp.stat().st_size
        if isinstance(meta.get("timings"), dict):
            meta["timings"] = {**meta["timings"], "snapshot": round(time.perf_counter() - started, 3)}
        json_tmp = _write_temp(build_dir, ".snapshot.json.", [json.dumps(meta, indent=2, sort_keys=True).encode() + b"\n"])
    except BaseException:
        nq_tmp.unlink(missing_ok=True)
        raise
    os.replace(nq_tmp, settings.snapshot_path)
    os.replace(json_tmp, settings.snapshot_meta_path)
    return meta


def _write_temp(directory: Path, prefix: str, chunks: Any) -> Path:
    fd, name = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=directory)
    path = Path(name)
    try:
        with os.fdopen(fd, "wb") as fh:
            for chunk in chunks:
                fh.write(chunk)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(path, 0o644)  # mkstemp creates 0600; the snapshot is meant to be read by others
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path


def read_snapshot_meta(settings: Settings) -> dict[str, Any]:
    """The snapshot's metadata; SnapshotMissing if there is none or it cannot be read."""
    path = settings.snapshot_meta_path
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SnapshotMissing(f"no snapshot at {path}; run `kg build`") from None
    except (OSError, ValueError) as exc:
        raise SnapshotMissing(f"unreadable snapshot metadata {path}: {exc}; run `kg build`") from None
    if not isinstance(meta, dict):
        raise SnapshotMissing(f"unreadable snapshot metadata {path}; run `kg build`")
    return meta


def stale_reason(settings: Settings) -> str | None:
    """Why the snapshot must be rebuilt, or None when it is fresh.

    Stale when: the snapshot or its metadata is missing or unreadable; the N-Quads size differs
    from the recorded one; any file under ontology/, data/, shapes/ or queries/ is newer than
    the snapshot; or the content hash differs (catches deleted or renamed files and checkouts
    that set old modification times), or the base IRI changed.
    """
    nq = settings.snapshot_path
    try:
        meta = read_snapshot_meta(settings)
        snap_stat = nq.stat()
    except (SnapshotMissing, FileNotFoundError):
        return "no snapshot"
    if meta.get("snapshot_bytes") not in (None, snap_stat.st_size):
        return "snapshot.nq does not match snapshot.json"
    built = min(snap_stat.st_mtime, settings.snapshot_meta_path.stat().st_mtime)
    files = watched_files(settings)
    for path in files:
        if path.stat().st_mtime > built:
            return f"{path.relative_to(settings.project_dir).as_posix()} is newer than the snapshot"
    if meta.get("base_iri") != settings.base_iri:
        return "base IRI changed"
    if meta.get("version") != source_version(settings):
        return "source files changed"
    return None


def is_stale(settings: Settings) -> bool:
    """True when the snapshot is missing or older than its sources (see ``stale_reason``)."""
    return stale_reason(settings) is not None
