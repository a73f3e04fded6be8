"""Fixtures for the HTTP integration tests: the real service (uvicorn) on 127.0.0.1 and a free port."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from endpoint_client import FIXTURE  # noqa: E402
from endpoint_server import running_server  # noqa: E402


@pytest.fixture(scope="session")
def server() -> Iterator[str]:
    """``kg serve --data`` over the endpoint fixture, with a 1 s query timeout and two workers."""
    env = {"KG_QUERY_TIMEOUT": "1", "KG_QUERY_WORKERS": "2", "KG_MAX_RESULTS": "1000"}
    with running_server([FIXTURE], env=env) as base:
        yield base
