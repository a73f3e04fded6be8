"""Start the real service (``python -m kg serve``) as a subprocess on 127.0.0.1 and a free port."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

import httpx


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def stop_process(proc: subprocess.Popen) -> None:
    """Stop a server started by a test (SIGTERM, then SIGKILL after 10 s) and close its stderr pipe."""
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)
    if proc.stderr is not None:
        proc.stderr.close()


def wait_until_ready(proc: subprocess.Popen, base: str, startup_timeout: float = 60.0) -> str:
    """Poll ``/ready`` until the server answers 200; raise with its stderr if it exits or takes too long."""
    deadline = time.monotonic() + startup_timeout
    while True:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}: {proc.stderr.read().decode() if proc.stderr else ''}")
        try:
            if httpx.get(base + "/ready", timeout=1.0).status_code == 200:
                return base
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError("server did not become ready in time")
        time.sleep(0.1)


@contextmanager
def running_server(data_files: Sequence[Path], env: Mapping[str, str] | None = None, startup_timeout: float = 60.0,
                   union_default_graph: bool = True) -> Iterator[str]:
    """Run ``kg serve --data FILE…``; yields the base URL, kills the process (by its PID) afterwards.

    ``union_default_graph`` (default on, as the fixture's tests expect the snapshot's behaviour) sets
    ``KG_UNION_DEFAULT_GRAPH``.
    """
    port = free_port()
    full_env = {**os.environ, "KG_HOST": "127.0.0.1", "KG_PORT": str(port),
                "KG_UNION_DEFAULT_GRAPH": "1" if union_default_graph else "0", **(env or {})}
    cmd = [sys.executable, "-m", "kg", "serve", "--host", "127.0.0.1", "--port", str(port), "--data", *map(str, data_files)]
    proc = subprocess.Popen(cmd, env=full_env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        yield wait_until_ready(proc, f"http://127.0.0.1:{port}", startup_timeout)
    finally:
        stop_process(proc)
