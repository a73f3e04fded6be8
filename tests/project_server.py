"""The real project graph behind the real service: `kg build` into a temp dir, then `kg serve` on 127.0.0.1."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from endpoint_server import free_port, stop_process, wait_until_ready

PROJECT = Path(__file__).resolve().parents[1]


@contextmanager
def built_project_server(build_dir: Path, extra_env: dict[str, str] | None = None) -> Iterator[str]:
    """Build the project graph into ``build_dir`` and serve it; yields the base URL, stops the server by PID."""
    env = {**os.environ, "KG_BUILD_DIR": str(build_dir), "KG_PROJECT_DIR": str(PROJECT), **(extra_env or {})}
    build = subprocess.run([sys.executable, "-m", "kg", "build"], env=env, capture_output=True, text=True, timeout=600)
    if build.returncode != 0:
        raise RuntimeError(f"kg build failed ({build.returncode}):\n{build.stdout[-4000:]}\n{build.stderr[-4000:]}")
    port = free_port()
    cmd = [sys.executable, "-m", "kg", "serve", "--host", "127.0.0.1", "--port", str(port)]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        yield wait_until_ready(proc, f"http://127.0.0.1:{port}")
    finally:
        stop_process(proc)
