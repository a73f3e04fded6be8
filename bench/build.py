"""Time and peak memory of each build step on the real graph and on synthetic graphs 10× and 100× larger.

Each scale runs in its own subprocess (so memory figures do not leak between scales). Inside it,
every step is timed with ``time.perf_counter`` and a sampling thread reads the process's resident
set size (``/proc/self/statm``, every 10 ms) to record the step's peak RSS and its growth over the
RSS at the step's start. A step whose time, extrapolated from the smaller scales (power law through
the last two measurements, linear if only one), would exceed ``--limit`` seconds is skipped and
reported as ``skipped: estimated Ns`` (validation without the closure would be meaningless, so it
is skipped with it).

    python bench/build.py                    # scales 1, 10, 100; limit 300 s per step
    python bench/build.py --scales 1,10 --limit 60
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

STEPS = ("load", "closure", "validate", "queries", "docs", "snapshot")
PAGE = os.sysconf("SC_PAGE_SIZE")


def _rss() -> int:
    with open("/proc/self/statm", encoding="ascii") as fh:
        return int(fh.read().split()[1]) * PAGE


class _PeakSampler:
    """Background thread keeping the highest RSS seen since the last ``reset``."""

    def __init__(self, interval: float = 0.01) -> None:
        self.interval = interval
        self.peak = _rss()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.peak = max(self.peak, _rss())

    def reset(self) -> int:
        self.peak = _rss()
        return self.peak

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def _worker(project: Path, skip: set[str]) -> list[dict[str, Any]]:
    """Run the pipeline's steps on ``project``, measuring each; returns one record per step."""
    from rdflib import URIRef

    from kg.closure import compute_closure, cyclic_gc_paused
    from kg.errors import KGError
    from kg.namespaces import ProjectNamespaces
    from kg.ontology_docs import write_ontology_docs
    from kg.pipeline import load_queries_graph
    from kg.settings import Settings
    from kg.snapshot import write_snapshot
    from kg.sources import load_sources
    from kg.validation import load_shapes, validate

    build_dir = Path(tempfile.mkdtemp(prefix="kg-bench-build-"))
    settings = Settings(project_dir=project, build_dir=build_dir)
    ns = ProjectNamespaces(settings.base_iri)
    state: dict[str, Any] = {}
    sampler = _PeakSampler()
    records: list[dict[str, Any]] = []

    def run(name: str, fn: Callable[[], str]) -> None:
        if name in skip or (name != "load" and "loaded" not in state):
            records.append({"step": name, "skipped": True})
            return
        start_rss = sampler.reset()
        t0 = time.perf_counter()
        try:
            note = fn()
        except KGError as exc:
            note = f"failed: {exc}"
        seconds = time.perf_counter() - t0
        peak = max(sampler.peak, _rss())
        records.append({"step": name, "seconds": seconds, "peak_mb": peak / 2**20,
                        "delta_mb": (peak - start_rss) / 2**20, "note": note})

    def load() -> str:
        state["loaded"] = load_sources(settings)
        return f"{state['loaded'].asserted_count} triples asserted"

    def closure() -> str:
        state["inferred"] = compute_closure(state["loaded"].dataset)
        return f"{len(state['inferred'])} inferred"

    def check() -> str:
        data = state["loaded"].union()
        for t in state.get("inferred", ()):
            data.add(t)
        result = validate(data, load_shapes(settings), source_of=state["loaded"].source_of)
        return f"{result.count('Violation')} violations, {result.count('Warning')} warnings"

    def queries() -> str:
        state["queries"] = load_queries_graph(settings, ns)
        return "skipped (no kg.canned_queries)" if state["queries"] is None else f"{len(state['queries'])} triples"

    def docs() -> str:
        return str(write_ontology_docs(state["loaded"].union("ontology"), build_dir).stat().st_size // 1024) + " KiB"

    def snapshot() -> str:
        ds = state["loaded"].dataset
        for iri, graph in ((ns.inferred_graph, state.get("inferred")), (ns.queries_graph, state.get("queries"))):
            if graph is not None:
                target = ds.graph(URIRef(iri))
                target.addN((s, p, o, target) for s, p, o in graph)
        write_snapshot(ds, {}, settings)
        size = settings.snapshot_path.stat().st_size / 2**20
        return f"{size:.1f} MiB" + ("" if "inferred" in state else " (no inferred graph)")

    for name, fn in zip(STEPS, (load, closure, check, queries, docs, snapshot)):
        if name in ("load", "snapshot"):  # as kg.pipeline.build does (the closure pauses it itself)
            with cyclic_gc_paused():
                run(name, fn)
        else:
            run(name, fn)
    sampler.stop()
    records.append({"step": "process", "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024})
    return records


def _estimate(history: list[tuple[int, float]], scale: int) -> float:
    """Seconds at ``scale`` from (scale, seconds) measurements: power law through the last two points."""
    if len(history) >= 2:
        (s1, t1), (s2, t2) = history[-2], history[-1]
        exponent = math.log(max(t2, 1e-6) / max(t1, 1e-6)) / math.log(s2 / s1)
        exponent = max(exponent, 1.0)  # never assume better than linear growth
        return t2 * (scale / s2) ** exponent
    s1, t1 = history[-1]
    return t1 * scale / s1


def _run_scale(project: Path, skip: set[str], timeout: float) -> list[dict[str, Any]]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", str(project), "--skip", ",".join(sorted(skip))]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"worker failed on {project}:\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _fmt(rec: dict[str, Any] | None) -> str:
    if rec is None:
        return "-"
    if rec.get("skipped"):
        return f"skipped: estimated {rec['estimate']:.0f}s" if "estimate" in rec else "skipped"
    return f"{rec['seconds']:7.2f}s {rec['delta_mb']:6.0f}MB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", default="1,10,100", help="comma-separated sizes relative to the real graph")
    parser.add_argument("--limit", type=float, default=300.0, help="skip a step estimated to take longer (seconds)")
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--skip", default="", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker:
        print(json.dumps(_worker(args.worker, {s for s in args.skip.split(",") if s})))
        return 0

    from synthetic import make_synthetic_project

    scales = sorted({int(s) for s in args.scales.split(",")})
    history: dict[str, list[tuple[int, float]]] = {step: [] for step in STEPS}
    results: dict[int, dict[str, dict[str, Any]]] = {}
    triples: dict[int, str] = {}
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        for scale in scales:
            # Every scale is generated from one frozen 1x copy, so files edited during the run cannot
            # make the scales differ (a file that does not parse when the copy is made is skipped).
            base = Path(tmp) / "x1"
            if not base.exists():
                make_synthetic_project(ROOT, base, 1)
            project = base if scale == 1 else Path(tmp) / f"x{scale}"
            if scale != 1:
                make_synthetic_project(base, project, scale)
            skip: set[str] = set()
            estimates: dict[str, float] = {}
            for step in STEPS:
                if history[step]:
                    estimates[step] = _estimate(history[step], scale)
                    if estimates[step] > args.limit:
                        skip.add(step)
            if "closure" in skip:
                skip.add("validate")
            print(f"scale {scale}x: running{' (skipping ' + ', '.join(sorted(skip)) + ')' if skip else ''} ...",
                  file=sys.stderr, flush=True)
            budget = sum(estimates.get(s, args.limit) for s in STEPS if s not in skip) * 3 + 600
            records = _run_scale(project, skip, timeout=budget)
            results[scale] = {}
            for rec in records:
                if rec["step"] == "process":
                    results[scale]["process"] = rec
                    continue
                if rec.get("skipped") and rec["step"] in estimates:
                    rec["estimate"] = estimates[rec["step"]]
                results[scale][rec["step"]] = rec
                if not rec.get("skipped"):
                    history[rec["step"]].append((scale, rec["seconds"]))
            triples[scale] = results[scale]["load"].get("note", "?")

    print("\nBuild cost per step: time and peak RSS growth during the step (sampled every 10 ms)")
    header = f"{'step':9}" + "".join(f"{str(s) + 'x':>26}" for s in scales)
    ratios = [(a, b) for a, b in zip(scales, scales[1:])]
    header += "".join(f"{f'{b}x/{a}x':>10}" for a, b in ratios)
    print(header)
    print(f"{'(graph)':9}" + "".join(f"{triples[s]:>26}" for s in scales))
    for step in STEPS:
        row = f"{step:9}" + "".join(f"{_fmt(results[s].get(step)):>26}" for s in scales)
        for a, b in ratios:
            ra, rb = results[a].get(step, {}), results[b].get(step, {})
            if "seconds" in ra and "seconds" in rb and ra["seconds"] > 0:
                row += f"{rb['seconds'] / ra['seconds']:>9.1f}×"
            else:
                row += f"{'-':>10}"
        print(row)
    print(f"{'max RSS':9}" + "".join(f"{results[s]['process']['max_rss_mb']:>23.0f}MB" for s in scales))
    for scale in scales:
        for step in STEPS:
            note = results[scale].get(step, {}).get("note", "")
            if note.startswith("failed"):
                print(f"note: {scale}x {step} {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
