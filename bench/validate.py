"""Benchmark: SHACL validation time and peak memory on the real graph and on synthetic 10× and 100×.

Each scale runs in its own child process (so peak RSS is that run's own): load ontology + data,
compute the OWL 2 RL closure, validate against shapes/ exactly as ``kg build`` does. Synthetic
projects come from bench/synthetic.py (N renamed copies of data/, sharing the one report and its
sections, see ``share_report_parts``). A run predicted to take longer
than the budget (default 300 s, from the growth exponent of the previous scales) is skipped and
its time is extrapolated instead; a run that overruns is stopped.

    .venv/bin/python bench/validate.py                 # scales 1 10 100
    .venv/bin/python bench/validate.py --scales 1 10 --budget 120
"""

from __future__ import annotations

import argparse
import json
import math
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))


def measure(project_dir: Path) -> dict[str, float]:
    """Load, close and validate one project; timings in seconds, peak RSS in MiB."""
    from kg.closure import compute_closure
    from kg.settings import Settings
    from kg.sources import load_sources
    from kg.validation import load_shapes, validate

    settings = Settings.from_env(project_dir=project_dir)
    start = time.perf_counter()
    loaded = load_sources(settings)
    data = loaded.union()
    loaded_at = time.perf_counter()
    for triple in compute_closure(loaded.dataset):
        data.add(triple)
    closed_at = time.perf_counter()
    result = validate(data, load_shapes(settings))
    validated_at = time.perf_counter()
    return {
        "triples": len(data),
        "load_s": loaded_at - start,
        "closure_s": closed_at - loaded_at,
        "validate_s": validated_at - closed_at,
        "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "violations": result.count("Violation"),
        "warnings": result.count("Warning"),
    }


_REPORT_PART_COPY = re.compile(r"(<https://w3id\.org/innovasjon/id/(?:section|figure|report)/[^>#]*?)-s\d+([#>])")


def share_report_parts(project_dir: Path) -> None:
    """Point every copy back at the one report and its sections and figures.

    bench/synthetic.py renames every IRI the data describes, the report's parts included; every
    copy's sources would then hang from a renamed report, not from id/report/difi-2017-01, and
    every statement of every copy would violate the source rule — a benchmark of error
    reporting, not of validation. The report is one document: its copies collapse into it.
    """
    for path in sorted((project_dir / "data").glob("*.ttl")):
        text = path.read_text(encoding="utf-8")
        path.write_text(_REPORT_PART_COPY.sub(r"\1\2", text), encoding="utf-8")


def run_child(project_dir: Path, budget: float) -> dict[str, float] | None:
    """``measure`` in a fresh interpreter; None if it overran the budget."""
    try:
        proc = subprocess.run([sys.executable, __file__, "--measure", str(project_dir)],
                              capture_output=True, text=True, timeout=budget)
    except subprocess.TimeoutExpired:
        return None
    if proc.returncode != 0:
        raise SystemExit(f"measurement failed for {project_dir}:\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def predict(points: list[tuple[int, float]], scale: int) -> float | None:
    """Extrapolate time at ``scale`` with a power law through the last two measured points."""
    if not points:
        return None
    if len(points) == 1:
        (s0, t0), = points
        return t0 * scale / s0
    (s0, t0), (s1, t1) = points[-2:]
    exponent = math.log(max(t1, 1e-3) / max(t0, 1e-3)) / math.log(s1 / s0)
    return t1 * (scale / s1) ** exponent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--budget", type=float, default=300.0, help="seconds one run may take (default 300)")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure is not None:
        print(json.dumps(measure(args.measure)))
        return 0

    from synthetic import make_synthetic_project

    rows: list[tuple[int, dict[str, float] | None, str]] = []
    points: list[tuple[int, float]] = []
    validate_points: list[tuple[int, float]] = []
    memory_points: list[tuple[int, float]] = []
    with tempfile.TemporaryDirectory(prefix="kg-bench-validate-") as tmp:
        for scale in args.scales:
            total_guess = predict(points, scale)
            if total_guess is not None and total_guess > args.budget:
                rows.append((scale, None, f"skipped: ~{total_guess:.0f} s in all predicted (> {args.budget:.0f} s budget); "
                                          f"extrapolated: validate ~{predict(validate_points, scale):.0f} s, "
                                          f"peak ~{predict(memory_points, scale):.0f} MiB"))
                continue
            if scale == 1:
                project = ROOT
            else:
                project = Path(tmp) / f"x{scale}"
                make_synthetic_project(ROOT, project, scale)
                share_report_parts(project)
            row = run_child(project, args.budget)
            if row is None:
                rows.append((scale, None, f"stopped after {args.budget:.0f} s"))
                continue
            total = row["load_s"] + row["closure_s"] + row["validate_s"]
            points.append((scale, total))
            validate_points.append((scale, row["validate_s"]))
            memory_points.append((scale, row["peak_mib"]))
            rows.append((scale, row, ""))
    _print_table(rows)
    return 0


def _print_table(rows: list[tuple[int, dict[str, float] | None, str]]) -> None:
    header = f"{'scale':>5} {'triples':>9} {'load s':>7} {'closure s':>9} {'validate s':>10} {'peak MiB':>9} {'viol.':>6} {'warn.':>6}"
    print(header)
    print("-" * len(header))
    measured = []
    for scale, row, note in rows:
        if row is None:
            print(f"{scale:>5}x  {note}")
            continue
        measured.append((scale, row))
        print(f"{scale:>5}x {row['triples']:>9.0f} {row['load_s']:>7.2f} {row['closure_s']:>9.2f} "
              f"{row['validate_s']:>10.2f} {row['peak_mib']:>9.0f} {row['violations']:>6.0f} {row['warnings']:>6.0f}")
    print()
    for (s0, r0), (s1, r1) in zip(measured, measured[1:]):
        ratio = s1 / s0
        print(f"{s0}x → {s1}x (data ×{ratio:g}, triples ×{r1['triples'] / r0['triples']:.1f}): "
              f"validate ×{r1['validate_s'] / r0['validate_s']:.1f}, closure ×{r1['closure_s'] / r0['closure_s']:.1f}, "
              f"peak memory ×{r1['peak_mib'] / r0['peak_mib']:.1f}")


if __name__ == "__main__":
    raise SystemExit(main())
