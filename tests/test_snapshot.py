"""Snapshot step: atomic writes, metadata, and the freshness rule."""

from __future__ import annotations

import os
import time
import warnings

import pytest
from rdflib import Dataset, Literal, URIRef

import kg.snapshot as snapshot
from kg.settings import Settings
from kg.snapshot import SnapshotMissing, is_stale, read_snapshot_meta, source_version, stale_reason, write_snapshot

G = URIRef("https://w3id.org/innovasjon/graph/data/t")


def _dataset(n: int = 3) -> Dataset:
    ds = Dataset()
    g = ds.graph(G)
    for i in range(n):
        g.add((URIRef(f"http://ex/s{i}"), URIRef("http://ex/p"), Literal(i)))
    return ds


def _age_sources(settings: Settings, seconds: float = 100) -> None:
    """Make every source file older than any snapshot written afterwards."""
    past = time.time() - seconds
    for path in snapshot.watched_files(settings):
        os.utime(path, (past, past))


def test_write_and_read(project: Settings) -> None:
    meta = write_snapshot(_dataset(), {"counts": {"asserted": 3}}, project)
    assert project.snapshot_path.is_file() and project.snapshot_meta_path.is_file()
    on_disk = read_snapshot_meta(project)
    assert on_disk == meta
    assert on_disk["counts"] == {"asserted": 3}
    assert on_disk["base_iri"] == project.base_iri
    assert on_disk["version"] == source_version(project)
    assert len(on_disk["version"]) == 16 and int(on_disk["version"], 16) >= 0
    assert on_disk["built_at"].endswith("+00:00")
    loaded = Dataset()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # inside rdflib's N-Quads parser
        loaded.parse(project.snapshot_path, format="nquads")
    assert len(loaded.graph(G)) == 3
    lines = project.snapshot_path.read_bytes().splitlines()
    assert lines == sorted(lines)
    assert not [p for p in project.build_path.iterdir() if p.name.startswith(".")]


def test_failed_write_keeps_previous_snapshot(project: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    write_snapshot(_dataset(2), {"counts": {"asserted": 2}}, project)
    nq_before = project.snapshot_path.read_bytes()
    json_before = project.snapshot_meta_path.read_bytes()

    def broken(dataset: Dataset):
        yield b"<http://ex/a> <http://ex/p> <http://ex/b> .\n"
        raise OSError("disk full")

    monkeypatch.setattr(snapshot, "_nquads_lines", broken)
    with pytest.raises(OSError, match="disk full"):
        write_snapshot(_dataset(5), {"counts": {"asserted": 5}}, project)
    assert project.snapshot_path.read_bytes() == nq_before
    assert project.snapshot_meta_path.read_bytes() == json_before
    assert sorted(p.name for p in project.build_path.iterdir()) == ["snapshot.json", "snapshot.nq"]


def test_missing_snapshot(project: Settings) -> None:
    assert is_stale(project)
    assert stale_reason(project) == "no snapshot"
    with pytest.raises(SnapshotMissing, match="kg build"):
        read_snapshot_meta(project)


def test_fresh_after_write(project: Settings) -> None:
    _age_sources(project)
    write_snapshot(_dataset(), {}, project)
    assert stale_reason(project) is None
    assert not is_stale(project)


@pytest.mark.parametrize("rel", ["ontology/core.ttl", "data/actors.ttl", "shapes/actors.ttl", "queries/new.rq"])
def test_newer_source_file_makes_it_stale(project: Settings, rel: str) -> None:
    _age_sources(project)
    write_snapshot(_dataset(), {}, project)
    path = project.project_dir / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(path.read_text() + "\n" if path.exists() else "#+ x\n", encoding="utf-8")
    future = time.time() + 10
    os.utime(path, (future, future))
    assert stale_reason(project) == f"{rel} is newer than the snapshot"


def test_deleted_file_makes_it_stale(project: Settings) -> None:
    _age_sources(project)
    write_snapshot(_dataset(), {}, project)
    (project.project_dir / "data" / "agencies.ttl").unlink()
    assert stale_reason(project) == "source files changed"


def test_old_mtime_but_changed_content_makes_it_stale(project: Settings) -> None:
    _age_sources(project)
    write_snapshot(_dataset(), {}, project)
    path = project.project_dir / "data" / "actors.ttl"
    path.write_text(path.read_text() + "# edited\n", encoding="utf-8")
    _age_sources(project)
    assert stale_reason(project) == "source files changed"


def test_base_iri_change_makes_it_stale(project: Settings) -> None:
    _age_sources(project)
    write_snapshot(_dataset(), {}, project)
    assert stale_reason(project.with_overrides(base_iri="http://localhost/kg/")) == "base IRI changed"


def test_truncated_snapshot_is_stale(project: Settings) -> None:
    _age_sources(project)
    write_snapshot(_dataset(), {}, project)
    with project.snapshot_path.open("ab") as fh:
        fh.write(b"<http://ex/x> <http://ex/p> <http://ex/y> .\n")
    assert stale_reason(project) == "snapshot.nq does not match snapshot.json"


def test_unreadable_meta_is_missing(project: Settings) -> None:
    write_snapshot(_dataset(), {}, project)
    project.snapshot_meta_path.write_text("{not json", encoding="utf-8")
    with pytest.raises(SnapshotMissing, match="unreadable"):
        read_snapshot_meta(project)
    assert is_stale(project)


def test_version_depends_on_paths_and_content(project: Settings) -> None:
    v1 = source_version(project)
    assert source_version(project) == v1
    actors = project.project_dir / "data" / "actors.ttl"
    actors.rename(actors.with_name("actors2.ttl"))
    v2 = source_version(project)
    assert v2 != v1
    (project.project_dir / "data" / "actors2.ttl").write_text("# changed\n", encoding="utf-8")
    assert source_version(project) not in (v1, v2)
