"""Shared fixtures: a small, complete project (ontology, data, shapes) copied into a temp dir."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures"
PIPELINE_FIXTURES = FIXTURES / "pipeline"


@pytest.fixture
def pipeline_fixtures() -> Path:
    """``tests/fixtures/pipeline``: the project template plus ``invalid/``, ``extra/``, ``queries/``."""
    return PIPELINE_FIXTURES


@pytest.fixture
def project(tmp_path: Path) -> Settings:
    """Settings for a fresh copy of the fixture project (3 actors, tiny ontology, 2 shapes, no queries)."""
    root = tmp_path / "project"
    shutil.copytree(PIPELINE_FIXTURES / "project", root)
    return Settings(project_dir=root)
