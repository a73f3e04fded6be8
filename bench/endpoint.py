"""Endpoint benchmark: this service against a bare FastAPI floor, rdflib-endpoint and Oxigraph's server.

All four run on 127.0.0.1 (free ports) over the same snapshot: ``build/snapshot.nq`` when it
exists (or ``--snapshot FILE``), else a synthetic ~5k-triple organisation graph written to a
temporary directory. For each query of a fixed set and 1, 8 and 32 concurrent clients the bench
sends GET requests for a fixed time per cell (keep-alive HTTP/1.1, a small asyncio client) and
prints median and p95 latency and requests/second, then the ratios the issue sets as targets.
"kg, no cache" (``KG_CACHE_SIZE=0``) shows the uncached path at 8 clients. A second part times
both embedded engines in-process on the same queries (the store choice).

    .venv/bin/python bench/endpoint.py                # ~4 minutes on 2 cores
    .venv/bin/python bench/endpoint.py --seconds 1 --clients 8
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
BIN = Path(sys.executable).parent

BASE = "https://w3id.org/innovasjon/"
ID = BASE + "id/actor/"
PREFIXES = (
    "PREFIX inno: <https://w3id.org/innovasjon/def#> PREFIX org: <http://www.w3.org/ns/org#> "
    "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
)
QUERIES: dict[str, str] = {
    "point lookup": f"SELECT ?p ?o WHERE {{ <{ID}org-17> ?p ?o }}",
    "text filter": 'SELECT ?o ?l WHERE { ?o skos:prefLabel ?l FILTER(CONTAINS(LCASE(STR(?l)), "direktorat")) }',
    "3-way join": "SELECT ?o ?r ?pl WHERE { ?o org:subOrganizationOf ?p . ?o inno:holdsRole ?r . ?p skos:prefLabel ?pl FILTER(LANG(?pl) = 'nb') }",
    "aggregation": "SELECT ?r (COUNT(DISTINCT ?o) AS ?n) (SUM(?s) AS ?staff) WHERE { ?o inno:holdsRole ?r ; inno:staff ?s } GROUP BY ?r ORDER BY DESC(?n)",
    "not-exists gap": "SELECT ?ga ?r WHERE { ?ga inno:needsRole ?r FILTER NOT EXISTS { ?o inno:holdsRole ?r ; inno:activeIn ?ga } }",
    "transitive path": f"SELECT ?o WHERE {{ ?o org:subOrganizationOf+ <{ID}org-1> }}",
    "construct": "CONSTRUCT { ?o rdfs:label ?l ; inno:holdsRole ?r } WHERE { ?o skos:prefLabel ?l ; inno:holdsRole ?r FILTER(LANG(?l) = 'en') }",
}
REAL = BASE + "id/"
REAL_QUERIES: dict[str, str] = {
    "point lookup": f"SELECT ?p ?o WHERE {{ <{REAL}actor/difi> ?p ?o }}",
    "text filter": 'SELECT ?a ?l WHERE { ?a a inno:Actor ; skos:prefLabel ?l FILTER(CONTAINS(LCASE(STR(?l)), "innovasjon")) }',
    "3-way join": "SELECT ?a ?l ?r WHERE { ?ra inno:actor ?a ; inno:role ?r . ?a skos:prefLabel ?l FILTER(LANG(?l) = 'nb') }",
    "aggregation": "SELECT ?r (COUNT(DISTINCT ?a) AS ?n) WHERE { ?ra inno:actor ?a ; inno:role ?r } GROUP BY ?r ORDER BY DESC(?n)",
    "not-exists gap": f"SELECT ?ga ?r WHERE {{ ?ga inno:needsRole ?r FILTER NOT EXISTS {{ ?ra inno:role ?r ; inno:goalArea ?ga ; inno:status <{REAL}assignment-status/held> }} }}",
    "transitive path": f"SELECT ?a WHERE {{ ?a org:subOrganizationOf+ <{REAL}actor/regjeringen> }}",
    "construct": f"CONSTRUCT {{ <{REAL}actor/difi> ?p ?o . ?o skos:prefLabel ?l }} WHERE {{ <{REAL}actor/difi> ?p ?o OPTIONAL {{ ?o skos:prefLabel ?l }} }}",
}
"""The same query shapes on the project graph (used when a real snapshot is served)."""
CANNED = ("text filter", "3-way join", "aggregation", "not-exists gap", "transitive path", "construct")
WORDS = ("direktorat", "kommune", "senter", "nettverk", "program", "tilsyn", "fond", "etat", "lab", "råd")


# -- data -------------------------------------------------------------------------------------
def synthetic_snapshot(path: Path, orgs: int = 600, seed: int = 7) -> Path:
    """Write a ~5k-triple organisation graph as N-Quads in three named graphs."""
    rnd = random.Random(seed)
    g_actors, g_roles, g_inf = (f"<{BASE}graph/data/actors>", f"<{BASE}graph/data/roles>", f"<{BASE}graph/inferred>")
    inno, org, skos = "<https://w3id.org/innovasjon/def#", "<http://www.w3.org/ns/org#", "<http://www.w3.org/2004/02/skos/core#"
    roles = [f"<{BASE}id/i-team-role/{r}>" for r in ("creator", "enabler", "educator", "transformer")]
    areas = [f"<{BASE}id/goal-area/{a}>" for a in ("national-policy", "framework-conditions", "organisations", "societal-challenges")]
    lines: list[str] = []
    parent: dict[int, int] = {}
    for i in range(orgs):
        s = f"<{ID}org-{i}>"
        word = rnd.choice(WORDS)
        lines += [
            f"{s} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> {org}Organization> {g_actors} .",
            f'{s} {skos}prefLabel> "Statens {word} nr. {i}"@nb {g_actors} .',
            f'{s} {skos}prefLabel> "State {word} no. {i}"@en {g_actors} .',
            f'{s} {inno}staff> "{rnd.randint(5, 900)}"^^<http://www.w3.org/2001/XMLSchema#integer> {g_actors} .',
        ]
        if i > 0:
            parent[i] = rnd.randrange(0, i) if i > 10 else 0
            lines.append(f"{s} {org}subOrganizationOf> <{ID}org-{parent[i]}> {g_actors} .")
        for r in rnd.sample(roles, rnd.randint(0, 2)):
            lines.append(f"{s} {inno}holdsRole> {r} {g_roles} .")
        lines.append(f"{s} {inno}activeIn> {rnd.choice(areas)} {g_roles} .")
    for a in areas:
        for r in rnd.sample(roles, 2):
            lines.append(f"{a} {inno}needsRole> {r} {g_roles} .")
    for i, p in parent.items():  # one level of inferred transitive links, as the OWL RL closure would add
        if p in parent:
            lines.append(f"<{ID}org-{i}> {org}subOrganizationOf> <{ID}org-{parent[p]}> {g_inf} .")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# -- servers ----------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def floor_app() -> object:
    """The floor: a bare FastAPI endpoint that returns a constant SPARQL JSON result."""
    from fastapi import FastAPI
    from fastapi.responses import Response

    app = FastAPI()
    body = b'{"head":{"vars":["x"]},"results":{"bindings":[{"x":{"type":"literal","value":"1"}}]}}'

    @app.get("/sparql")
    async def sparql() -> Response:
        return Response(body, media_type="application/sparql-results+json")

    return app


@contextmanager
def process(cmd: list[str], ready_url: str, env: dict[str, str] | None = None, timeout: float = 120) -> Iterator[None]:
    """Start a server process, wait until ``ready_url`` answers, stop it by PID afterwards."""
    import httpx

    proc = subprocess.Popen(cmd, env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise RuntimeError(f"{cmd[0]} exited with {proc.returncode}")
            try:
                if httpx.get(ready_url, timeout=2).status_code < 500:
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        else:
            raise RuntimeError(f"{cmd[0]} did not start")
        yield
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


# -- load generator ---------------------------------------------------------------------------
@dataclass
class Cell:
    latencies: list[float]
    seconds: float
    errors: int

    @property
    def rps(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    def pct(self, p: float) -> float:
        if not self.latencies:
            return float("nan")
        xs = sorted(self.latencies)
        return xs[min(len(xs) - 1, int(p * len(xs)))] * 1000


async def _read_response(reader: asyncio.StreamReader) -> int:
    status_line = await reader.readline()
    status = int(status_line.split()[1])
    length, chunked = 0, False
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b""):
            break
        name, _, value = line.decode("latin-1").partition(":")
        name = name.strip().lower()
        if name == "content-length":
            length = int(value)
        elif name == "transfer-encoding" and "chunked" in value.lower():
            chunked = True
    if chunked:
        while True:
            size = int((await reader.readline()).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    elif length:
        await reader.readexactly(length)
    return status


async def _client(host: str, port: int, request: bytes, stop: float, out: list[float], errors: list[int]) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    try:
        while time.perf_counter() < stop:
            t0 = time.perf_counter()
            writer.write(request)
            status = await asyncio.wait_for(_read_response(reader), timeout=60)
            if status == 200:
                out.append(time.perf_counter() - t0)
            else:
                errors.append(status)
    finally:
        writer.close()


async def _measure(port: int, path: str, accept: str, clients: int, seconds: float) -> Cell:
    request = (f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: {accept}\r\n"
               "Connection: keep-alive\r\n\r\n").encode()
    out: list[float] = []
    errors: list[int] = []
    warm_stop = time.perf_counter() + min(0.3, seconds / 4)
    await asyncio.gather(*(_client("127.0.0.1", port, request, warm_stop, [], []) for _ in range(min(clients, 2))))
    start = time.perf_counter()
    stop = start + seconds
    await asyncio.wait_for(
        asyncio.gather(*(_client("127.0.0.1", port, request, stop, out, errors) for _ in range(clients))),
        timeout=seconds + 120,
    )
    return Cell(out, time.perf_counter() - start, len(errors))


def measure(port: int, path: str, accept: str, clients: int, seconds: float) -> Cell:
    try:
        return asyncio.run(_measure(port, path, accept, clients, seconds))
    except (TimeoutError, OSError, ValueError):
        return Cell([], seconds, 1)


# -- in-process engines -----------------------------------------------------------------------
def engine_times(snapshot: Path, reps: int) -> dict[str, dict[str, float]]:
    """Median ms per query (execution + JSON/Turtle serialisation) for each embedded engine."""
    from kg.results import serialize_outcome
    from kg.store import DataSource, OutcomeKind, new_engine

    times: dict[str, dict[str, float]] = {}
    for name in ("oxigraph", "rdflib"):
        engine = new_engine(name)
        engine.load(DataSource.for_file(snapshot))  # type: ignore[attr-defined]
        times[name] = {}
        for label, q in QUERIES.items():
            samples = []
            for _ in range(reps):
                t0 = time.perf_counter()
                outcome = engine.query(PREFIXES + q)
                serialize_outcome(outcome, "text/turtle" if outcome.kind is OutcomeKind.GRAPH else "application/sparql-results+json")
                samples.append(time.perf_counter() - t0)
            times[name][label] = statistics.median(samples) * 1000
    return times


# -- main -------------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--snapshot", type=Path, help="N-Quads file to serve (default: build/snapshot.nq, else synthetic)")
    parser.add_argument("--synthetic", action="store_true", help="use the synthetic graph even if a snapshot exists")
    parser.add_argument("--seconds", type=float, default=1.5, help="measuring time per cell (default 1.5)")
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 8, 32], help="concurrency levels (default 1 8 32)")
    parser.add_argument("--reps", type=int, default=5, help="repetitions per query for the in-process engine timing")
    parser.add_argument("--serve-floor", type=int, metavar="PORT", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.serve_floor:
        import uvicorn

        uvicorn.run(floor_app(), host="127.0.0.1", port=args.serve_floor, log_level="warning", access_log=False)  # type: ignore[arg-type]
        return 0

    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    try:
        default_snapshot = ROOT / "build" / "snapshot.nq"
        if args.snapshot:
            snapshot = args.snapshot
        elif default_snapshot.is_file() and not args.synthetic:
            snapshot = default_snapshot
        else:
            snapshot = synthetic_snapshot(tmp / "synthetic.nq")
        n_quads = sum(1 for line in snapshot.open(encoding="utf-8") if line.strip())
        synthetic = snapshot.parent == tmp
        if not synthetic:
            QUERIES.clear()
            QUERIES.update(REAL_QUERIES)
        print(f"snapshot: {snapshot} ({n_quads} quads, {'synthetic' if synthetic else 'project'} query set); "
              f"{os.cpu_count()} CPUs; {args.seconds:g} s per cell\n")
        return run(args, snapshot, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def run(args: argparse.Namespace, snapshot: Path, tmp: Path) -> int:
    ports = {name: free_port() for name in ("kg", "kg, no cache", "floor", "rdflib-endpoint", "oxigraph")}
    oxdir = tmp / "oxigraph"
    subprocess.run([str(BIN / "oxigraph"), "load", "--location", str(oxdir), "--file", str(snapshot)],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    servers = {
        "kg": ([sys.executable, "-m", "kg", "serve", "--host", "127.0.0.1", "--port", str(ports["kg"]), "--data", str(snapshot)],
               f"http://127.0.0.1:{ports['kg']}/ready", {"KG_QUERY_WORKERS": "2"}),
        "kg, no cache": ([sys.executable, "-m", "kg", "serve", "--host", "127.0.0.1", "--port", str(ports["kg, no cache"]), "--data", str(snapshot)],
                         f"http://127.0.0.1:{ports['kg, no cache']}/ready", {"KG_QUERY_WORKERS": "2", "KG_CACHE_SIZE": "0"}),
        "floor": ([sys.executable, __file__, "--serve-floor", str(ports["floor"])], f"http://127.0.0.1:{ports['floor']}/sparql", {}),
        "rdflib-endpoint": ([str(BIN / "rdflib-endpoint"), "serve", "--host", "127.0.0.1", "--port", str(ports["rdflib-endpoint"]), str(snapshot)],
                            f"http://127.0.0.1:{ports['rdflib-endpoint']}/?query=ASK%7B%7D", {}),
        "oxigraph": ([str(BIN / "oxigraph"), "serve-read-only", "--location", str(oxdir), "--bind", f"127.0.0.1:{ports['oxigraph']}", "--union-default-graph"],
                     f"http://127.0.0.1:{ports['oxigraph']}/query?query=ASK%7B%7D", {}),
    }
    paths = {"kg": "/sparql", "kg, no cache": "/sparql", "floor": "/sparql", "rdflib-endpoint": "/", "oxigraph": "/query"}
    results: dict[tuple[str, str, int], Cell] = {}
    for name, (cmd, ready, env) in servers.items():
        with process(cmd, ready, env):
            for label, q in QUERIES.items():
                if name == "floor" and label != "point lookup":
                    continue
                accept = "text/turtle" if q.startswith("CONSTRUCT") else "application/sparql-results+json"
                path = f"{paths[name]}?query={quote(PREFIXES + q, safe='')}"
                for clients in args.clients:
                    if name == "kg, no cache" and clients != (8 if 8 in args.clients else args.clients[0]):
                        continue  # the uncached engine path, for transparency: one concurrency level
                    cell = measure(ports[name], path, accept, clients, args.seconds)
                    results[(name, label, clients)] = cell
                    print(f"{name:16} {label:16} {clients:3} clients: p50 {cell.pct(0.5):8.2f} ms  p95 {cell.pct(0.95):8.2f} ms "
                          f"{cell.rps:9.1f} req/s" + (f"  ({cell.errors} errors)" if cell.errors else ""), flush=True)
    report(results, args.clients)
    print("\nIn-process engines (median ms per query, execution + serialisation):")
    times = engine_times(snapshot, args.reps)
    print(f"{'query':18} {'pyoxigraph':>11} {'rdflib':>11} {'ratio':>7}")
    for label in QUERIES:
        ox_ms, rd_ms = times["oxigraph"][label], times["rdflib"][label]
        print(f"{label:18} {ox_ms:11.2f} {rd_ms:11.2f} {rd_ms / ox_ms:6.0f}x")
    return 0


def report(results: dict[tuple[str, str, int], Cell], levels: list[int]) -> None:
    clients = 8 if 8 in levels else levels[0]
    print(f"\nRatios at {clients} clients (throughput kg / other; targets: >= 20x rdflib-endpoint, >= 1x oxigraph):")
    print(f"{'query':18} {'kg req/s':>10} {'vs rdflib-endpoint':>19} {'vs oxigraph':>12} {'no-cache vs oxigraph':>21}")
    for label in QUERIES:
        kg = results.get(("kg", label, clients))
        rd = results.get(("rdflib-endpoint", label, clients))
        ox = results.get(("oxigraph", label, clients))
        if not kg:
            continue
        rd_ratio = kg.rps / rd.rps if rd and rd.rps else float("inf")
        ox_ratio = kg.rps / ox.rps if ox and ox.rps else float("inf")
        nc = results.get(("kg, no cache", label, clients))
        nc_ratio = nc.rps / ox.rps if nc and ox and ox.rps else float("nan")
        canned = " (canned-style)" if label in CANNED else ""
        print(f"{label:18} {kg.rps:10.1f} {rd_ratio:18.1f}x {ox_ratio:11.2f}x {nc_ratio:20.2f}x{canned}")
    floor = results.get(("floor", "point lookup", clients))
    kg_point = results.get(("kg", "point lookup", clients))
    if floor and kg_point:
        print(f"\npoint lookup p50: kg {kg_point.pct(0.5):.2f} ms, floor {floor.pct(0.5):.2f} ms "
              f"-> {kg_point.pct(0.5) / floor.pct(0.5):.2f}x the floor (target <= 1.5x); floor {floor.rps:.0f} req/s")


if __name__ == "__main__":
    sys.exit(main())
