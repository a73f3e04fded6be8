"""The ``kg`` command line: help, exit codes, error messages without tracebacks, delegation."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import types
from pathlib import Path

import pytest

from kg.cli import main, parse_params
from kg.errors import InputError
from kg.settings import SETTINGS_TABLE, Settings
from kg.snapshot import read_snapshot_meta


def _run(settings: Settings, *args: str) -> int:
    return main(["--project-dir", str(settings.project_dir), *args])


def test_help_documents_every_subcommand_and_setting(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--help"])
    assert info.value.code == 0
    text = capsys.readouterr().out
    for command in ("build", "validate", "query", "serve"):
        assert command in text
    for name, _, _ in SETTINGS_TABLE:
        assert name in text
    for command, option in (("build", "snapshot"), ("validate", "FILE"), ("query", "--param"), ("serve", "--data")):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        assert option in capsys.readouterr().out


def test_build_exit_0(project: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(project, "build") == 0
    out = capsys.readouterr().out
    assert "53 asserted, 7 inferred" in out
    assert read_snapshot_meta(project)["counts"]["asserted"] == 53


def test_build_exit_1_on_violation(project: Settings, pipeline_fixtures: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(pipeline_fixtures / "invalid" / "missing-label.ttl", project.project_dir / "data" / "nfd.ttl")
    assert _run(project, "build") == 1
    captured = capsys.readouterr()
    assert "kg build: error: validation failed with 1 violation(s); snapshot not replaced" in captured.err
    assert "actor:nfd  (data/nfd.ttl)" in captured.out
    assert not project.snapshot_path.exists()


def test_build_exit_2_on_syntax_error(project: Settings, pipeline_fixtures: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = project.project_dir / "data" / "ks.ttl"
    shutil.copy(pipeline_fixtures / "invalid" / "syntax-error.ttl", target)
    assert _run(project, "build") == 2
    err = capsys.readouterr().err
    assert err.startswith(f"kg build: error: {target}:9: syntax error: expected '.'")


def test_build_exit_2_on_missing_directory(project: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.rmtree(project.project_dir / "data")
    assert _run(project, "build") == 2
    assert "data directory not found" in capsys.readouterr().err


def test_validate_exit_codes(project: Settings, pipeline_fixtures: Path, capsys: pytest.CaptureFixture[str]) -> None:
    extra = pipeline_fixtures / "extra"
    assert _run(project, "validate") == 0
    assert capsys.readouterr().out.rstrip().endswith("— conforms")
    assert _run(project, "validate", str(extra / "linkset-ok.ttl")) == 0
    capsys.readouterr()
    assert _run(project, "validate", str(extra / "linkset-ok.ttl"), str(extra / "linkset-bad.ttl")) == 1
    out = capsys.readouterr().out
    assert f"<https://registry.example.org/org/912660680>  ({extra / 'linkset-bad.ttl'})" in out
    assert "Summary: 1 violation, 1 warning, 0 infos" in out
    assert _run(project, "validate", str(pipeline_fixtures / "invalid" / "syntax-error.ttl")) == 2
    assert "syntax-error.ttl:9: syntax error" in capsys.readouterr().err
    assert _run(project, "validate", str(extra / "absent.ttl")) == 2
    assert "file not found" in capsys.readouterr().err
    assert not project.build_path.exists()  # validate writes nothing


def test_parse_params() -> None:
    assert parse_params(["a=1", "b=x=y", "c="]) == {"a": "1", "b": "x=y", "c": ""}
    with pytest.raises(InputError, match="KEY=VALUE"):
        parse_params(["novalue"])
    with pytest.raises(InputError):
        parse_params(["=v"])


def test_query_delegates(project: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    fake = types.ModuleType("kg.canned_queries.cli")
    fake.run_query = lambda settings, name, params, fmt: calls.append((settings.project_dir, name, params, fmt)) or 0
    monkeypatch.setitem(sys.modules, "kg.canned_queries.cli", fake)
    assert _run(project, "query", "role-coverage", "--param", "role=creator", "--param", "lang=nb", "--format", "csv") == 0
    assert calls == [(project.project_dir, "role-coverage", {"role": "creator", "lang": "nb"}, "csv")]
    assert _run(project, "query", "x", "--param", "bad") == 2


def test_query_end_to_end(project: Settings, pipeline_fixtures: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project.project_dir / "queries").mkdir()
    shutil.copy(pipeline_fixtures / "queries" / "actor-labels.rq", project.project_dir / "queries")
    assert _run(project, "query", "actor-labels", "--format", "csv") == 0
    out = capsys.readouterr().out
    assert "Direktoratet for forvaltning og IKT" in out
    assert project.snapshot_path.exists()  # built on demand


def _fake_server(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Settings, list[Path] | None, bool | None]]:
    calls: list[tuple[Settings, list[Path] | None, bool | None]] = []
    fake = types.ModuleType("kg.server")
    fake.serve = lambda settings, data_files, union_default_graph=None: calls.append(
        (settings, data_files, union_default_graph)
    )
    monkeypatch.setitem(sys.modules, "kg.server", fake)
    return calls


def test_serve_builds_stale_snapshot_then_serves(project: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _fake_server(monkeypatch)
    assert _run(project, "serve", "--port", "8123", "--host", "127.0.0.1", "--store", "rdflib", "--timeout", "3",
                "--max-results", "50", "--workers", "1", "--cache-size", "0") == 0
    [(settings, data, union)] = calls
    assert union is None
    assert (settings.port, settings.host, settings.store, settings.query_timeout) == (8123, "127.0.0.1", "rdflib", 3.0)
    assert (settings.max_results, settings.query_workers, settings.cache_size) == (50, 1, 0)
    assert data is None
    assert project.snapshot_path.exists()


def test_serve_with_data_files_skips_build(project: Settings, pipeline_fixtures: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _fake_server(monkeypatch)
    linkset = pipeline_fixtures / "extra" / "linkset-ok.ttl"
    assert _run(project, "serve", "--data", str(linkset), "--union-default-graph") == 0
    assert calls[0][1:] == ([linkset], True)
    assert not project.snapshot_path.exists()
    assert _run(project, "serve", "--data", str(linkset.with_name("absent.ttl"))) == 2


def test_serve_refuses_invalid_graph(project: Settings, pipeline_fixtures: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _fake_server(monkeypatch)
    shutil.copy(pipeline_fixtures / "invalid" / "missing-label.ttl", project.project_dir / "data" / "nfd.ttl")
    assert _run(project, "serve") == 1
    assert calls == []


def test_bad_environment_setting_is_exit_2(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("KG_PORT", "eighty")
    assert main(["validate"]) == 2
    assert "bad KG_* environment setting" in capsys.readouterr().err


def test_console_script_prints_no_traceback(project: Settings, pipeline_fixtures: Path) -> None:
    shutil.copy(pipeline_fixtures / "invalid" / "syntax-error.ttl", project.project_dir / "data" / "ks.ttl")
    env = {**os.environ, "KG_PROJECT_DIR": str(project.project_dir)}
    proc = subprocess.run(
        [sys.executable, "-m", "kg", "build"], capture_output=True, text=True, env=env, timeout=120, check=False
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "ks.ttl:9: syntax error" in proc.stderr
