"""The pipeline end to end on the fixture project: counts, timings, graphs, failure modes, freshness."""

from __future__ import annotations

import gc
import shutil
import sys
from pathlib import Path

import pytest

import kg.pipeline as pipeline
from kg.errors import QueryDefinitionError, SourceSyntaxError, ValidationFailed
from kg.pipeline import build, ensure_snapshot, load_queries_graph, validate_project
from kg.namespaces import ProjectNamespaces
from kg.settings import CANONICAL_BASE_IRI, Settings
from kg.snapshot import is_stale, read_snapshot_meta

INNO = CANONICAL_BASE_IRI + "def#"
GRAPH = CANONICAL_BASE_IRI + "graph/"
STEPS = ["load", "closure", "validate", "queries", "docs", "snapshot"]


def _build(settings: Settings) -> tuple[pipeline.BuildReport, list[str]]:
    lines: list[str] = []
    return build(settings, out=lines.append), lines


def test_build_writes_snapshot_with_counts_and_timings(project: Settings) -> None:
    report, lines = _build(project)
    meta = read_snapshot_meta(project)
    assert meta == report.meta
    assert set(meta["timings"]) == set(STEPS)
    assert all(t >= 0 for t in meta["timings"].values())
    counts = meta["counts"]
    assert counts["asserted"] == 53
    assert counts["inferred"] == 7
    assert counts["classes"][INNO + "Actor"] == 3  # 1 asserted + 2 inferred
    graphs = meta["graphs"]
    assert graphs[GRAPH + "data/actors"] == {"source": "data/actors.ttl", "kind": "asserted", "triples": 9}
    assert graphs[GRAPH + "inferred"] == {"source": None, "kind": "inferred", "triples": 7}
    assert sum(g["triples"] for g in graphs.values() if g["kind"] == "asserted") == 53
    assert not is_stale(project)
    assert report.docs_path == project.build_path / "ontology.html"
    printed = "\n".join(lines)
    for step in STEPS:
        assert any(line.startswith(step) for line in lines), step
    assert "53 asserted, 7 inferred" in printed
    assert "inno:Actor" in printed
    assert "Warning: An actor should have a description." in printed  # warnings shown, build passes


def test_snapshot_quads_match_meta(project: Settings) -> None:
    report, _ = _build(project)
    graphs: dict[str, int] = {}
    for line in project.snapshot_path.read_text(encoding="utf-8").splitlines():
        graph = line.rsplit(" ", 2)[-2].strip("<>")
        graphs[graph] = graphs.get(graph, 0) + 1
    assert graphs == {iri: g["triples"] for iri, g in report.meta["graphs"].items() if g["triples"]}


def test_violation_fails_and_keeps_previous_snapshot(project: Settings, pipeline_fixtures: Path) -> None:
    _build(project)
    before = project.snapshot_path.read_bytes(), project.snapshot_meta_path.read_bytes()
    shutil.copy(pipeline_fixtures / "invalid" / "missing-label.ttl", project.project_dir / "data" / "nfd.ttl")
    lines: list[str] = []
    with pytest.raises(ValidationFailed, match="1 violation"):
        build(project, out=lines.append)
    assert (project.snapshot_path.read_bytes(), project.snapshot_meta_path.read_bytes()) == before
    assert "actor:nfd  (data/nfd.ttl)" in "\n".join(lines)
    assert is_stale(project)


def test_garbage_collector_restored_after_failed_build(project: Settings, pipeline_fixtures: Path) -> None:
    shutil.copy(pipeline_fixtures / "invalid" / "missing-label.ttl", project.project_dir / "data" / "nfd.ttl")
    with pytest.raises(ValidationFailed):
        _build(project)
    assert gc.isenabled()


def test_syntax_error_fails_and_keeps_previous_snapshot(project: Settings, pipeline_fixtures: Path) -> None:
    _build(project)
    before = project.snapshot_path.read_bytes()
    shutil.copy(pipeline_fixtures / "invalid" / "syntax-error.ttl", project.project_dir / "data" / "ks.ttl")
    with pytest.raises(SourceSyntaxError, match=r"ks\.ttl:9"):
        _build(project)
    assert project.snapshot_path.read_bytes() == before


def test_base_iri_rewritten_in_snapshot(project: Settings) -> None:
    base = "http://127.0.0.1:8000/"
    settings = project.with_overrides(base_iri=base)
    report, _ = _build(settings)
    text = settings.snapshot_path.read_text(encoding="utf-8")
    assert CANONICAL_BASE_IRI not in text
    assert f"<{base}id/actor/difi> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{base}def#Actor> <{base}graph/inferred> ." in text
    assert report.meta["base_iri"] == base


def test_queries_step_adds_queries_graph(project: Settings, pipeline_fixtures: Path) -> None:
    (project.project_dir / "queries").mkdir()
    shutil.copy(pipeline_fixtures / "queries" / "actor-labels.rq", project.project_dir / "queries")
    report, _ = _build(project)
    queries = report.meta["graphs"][GRAPH + "queries"]
    assert queries["kind"] == "queries" and queries["source"] is None and queries["triples"] > 0
    assert f"<{GRAPH}queries> ." in project.snapshot_path.read_text(encoding="utf-8")


def test_bad_query_file_fails_the_build(project: Settings) -> None:
    (project.project_dir / "queries").mkdir()
    (project.project_dir / "queries" / "broken.rq").write_text("SELECT * WHERE { ?s ?p ?o }\n", encoding="utf-8")
    with pytest.raises(QueryDefinitionError, match="broken.rq"):
        _build(project)
    assert not project.snapshot_path.exists()


def test_queries_step_skipped_without_package(project: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "kg.canned_queries", None)  # import now raises ModuleNotFoundError
    assert load_queries_graph(project, ProjectNamespaces(project.base_iri)) is None
    report, lines = _build(project)
    assert GRAPH + "queries" not in report.meta["graphs"]
    assert any("skipped" in line for line in lines if line.startswith("queries"))


def test_docs_failure_is_reported_not_fatal(project: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(graph, out_dir):
        raise pipeline.OntologyDocsError("pyLODE could not document the ontology: boom")

    monkeypatch.setattr(pipeline, "write_ontology_docs", fail)
    report, lines = _build(project)
    assert report.docs_path is None
    assert report.warnings == ["ontology docs: pyLODE could not document the ontology: boom"]
    assert any(line.startswith("docs") and "FAILED" in line for line in lines)
    assert project.snapshot_path.exists()


def test_ensure_snapshot_builds_only_when_stale(project: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[Settings] = []
    real_build = pipeline.build

    def counting_build(settings: Settings, *, out=print):
        calls.append(settings)
        return real_build(settings, out=out)

    monkeypatch.setattr(pipeline, "build", counting_build)
    lines: list[str] = []
    meta = ensure_snapshot(project, out=lines.append)
    assert len(calls) == 1 and lines[0] == "snapshot is stale (no snapshot); building"
    assert ensure_snapshot(project, out=lines.append) == meta
    assert len(calls) == 1
    (project.project_dir / "data" / "agencies.ttl").unlink()
    ensure_snapshot(project, out=lines.append)
    assert len(calls) == 2


def test_validate_project_with_extra_files(project: Settings, pipeline_fixtures: Path) -> None:
    before = sorted(p.name for p in project.project_dir.rglob("*"))
    ok = validate_project(project, [pipeline_fixtures / "extra" / "linkset-ok.ttl"])
    assert ok.conforms
    bad_file = pipeline_fixtures / "extra" / "linkset-bad.ttl"
    bad = validate_project(project, [bad_file])
    assert not bad.conforms
    [violation] = [i for i in bad.results if i.severity == "Violation"]
    assert str(violation.focus_node) == "https://registry.example.org/org/912660680"
    assert violation.source_file == str(bad_file)
    assert sorted(p.name for p in project.project_dir.rglob("*")) == before  # nothing written
