"""README.md stays true: it opens with the two commands, and documents every setting, canned query and route."""

from __future__ import annotations

import re
from pathlib import Path

from kg.app import create_app
from kg.canned_queries import load_registry
from kg.settings import SETTINGS_TABLE, Settings

PROJECT = Path(__file__).resolve().parents[1]
README = (PROJECT / "README.md").read_text(encoding="utf-8")
FIXTURE = PROJECT / "tests" / "fixtures" / "linked_data" / "sample.trig"


def test_readme_opens_with_the_run_and_test_commands_in_a_code_block():
    first_block = re.search(r"```[a-z]*\n(.*?)```", README, re.S)
    assert first_block is not None and README.index("```") < 200
    lines = [line.split("#")[0].strip() for line in first_block.group(1).splitlines() if line.strip()]
    assert lines == ["make run", "make test"]
    makefile = (PROJECT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^run:", makefile, re.M) and re.search(r"^test:", makefile, re.M)


def test_ci_runs_the_readme_test_command():
    assert "make test" in (PROJECT / ".ci" / "run").read_text(encoding="utf-8")


def test_every_setting_is_documented():
    for name, _default, _help in SETTINGS_TABLE:
        assert f"`{name}`" in README, name


def test_every_canned_query_is_documented():
    for name in load_registry(Settings(project_dir=PROJECT)).names:
        assert f"`{name}`" in README, name


def test_every_route_is_documented(tmp_path):
    app = create_app(Settings.from_env({}, query_workers=0, build_dir=tmp_path), data_files=[FIXTURE])
    paths = {getattr(r, "path", "") for r in app.routes}
    documented = {p for p in paths if not p.startswith("/queries/") or p == "/queries/{name}"}
    for path in sorted(documented - {"/docs/oauth2-redirect", "/redoc", "/def.{ext}", "/{path:path}"}):
        head = path.split("{")[0].rstrip("/.") or path
        assert head in README, path
