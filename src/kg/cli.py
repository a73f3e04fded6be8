"""The ``kg`` command line: build, validate, query and serve the knowledge graph.

Every KGError becomes its message on stderr and its exit code (2 for unreadable input,
1 for validation failures); user errors never print a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from kg import __version__
from kg.errors import InputError, KGError
from kg.settings import SETTINGS_TABLE, Settings

QUERY_FORMATS = ("table", "json", "csv", "turtle")
STORES = ("oxigraph", "rdflib")


def _settings_epilog() -> str:
    lines = ["settings (environment variables; command-line flags override them):"]
    for name, default, help_text in SETTINGS_TABLE:
        lines.append(f"  {name} (default {default})\n      {help_text}")
    lines.append("\nexit codes: 0 success, 1 validation violations or failure, 2 unreadable input or usage error")
    return "\n".join(lines)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``kg`` and its subcommands."""
    parser = argparse.ArgumentParser(
        prog="kg",
        description="Knowledge graph of Norway's public-sector innovation system (Difi-rapport 2017:01).",
        epilog=_settings_epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"kg {__version__}")
    parser.add_argument("--project-dir", type=Path, metavar="DIR",
                        help="directory holding ontology/, data/, shapes/, queries/ (overrides KG_PROJECT_DIR)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser(
        "build",
        help="load → OWL 2 RL closure → SHACL validation → canned queries → ontology docs → snapshot",
        description="Run the build pipeline: load every ontology/ and data/ Turtle file into its own named graph, "
        "compute the OWL 2 RL closure into <base>graph/inferred, validate with the shapes/ SHACL shapes, add the "
        "canned queries as RDF, write build/ontology.html and the snapshot build/snapshot.nq + snapshot.json. "
        "Prints triple counts (asserted, inferred, per class) and timings per step. Exits 1 on SHACL violations "
        "(the previous snapshot is kept), 2 on a Turtle syntax error (file and line are named).",
    )
    p.set_defaults(func=_cmd_build)

    p = sub.add_parser(
        "validate",
        help="validate the graph (plus extra Turtle files) against the SHACL shapes",
        description="Validate ontology + data + OWL 2 RL closure, plus any extra Turtle FILEs (e.g. a registry's "
        "linkset to our IRIs), against shapes/. Prints a report grouped by focus node with the message, path, "
        "offending value, shape and the file that asserted the focus node. Extra files are never written "
        "anywhere. Exit 0 conforms (warnings allowed), 1 violations, 2 unreadable input.",
    )
    p.add_argument("files", nargs="*", type=Path, metavar="FILE", help="extra Turtle file to validate with the graph")
    p.set_defaults(func=_cmd_validate)

    p = sub.add_parser(
        "query",
        help="run a canned query by name, or a .rq file",
        description="Run a canned query (by name, see queries/) or a SPARQL .rq file against the built graph.",
    )
    p.add_argument("name_or_file", metavar="NAME_OR_FILE", help="canned query name or path to a .rq file")
    p.add_argument("--param", action="append", default=[], metavar="KEY=VALUE",
                   help="query parameter (repeatable)")
    p.add_argument("--format", choices=QUERY_FORMATS, default="table", help="output format (default: table)")
    p.set_defaults(func=_cmd_query)

    p = sub.add_parser(
        "serve",
        help="serve the SPARQL endpoint and linked-data pages",
        description="Serve the SPARQL endpoint and linked-data pages. Without --data the snapshot is used, "
        "rebuilt first if any source file is newer; with --data only the given files are served.",
    )
    p.add_argument("--host", help="interface to bind (default 127.0.0.1, KG_HOST)")
    p.add_argument("--port", type=int, help="port to listen on (default 8000, KG_PORT)")
    p.add_argument("--data", nargs="+", type=Path, metavar="FILE",
                   help="serve these RDF files instead of the built snapshot")
    p.add_argument("--store", choices=STORES, help="query engine (default oxigraph, KG_STORE)")
    p.add_argument("--timeout", type=float, metavar="S", help="seconds a query may run (KG_QUERY_TIMEOUT)")
    p.add_argument("--max-results", type=int, metavar="N", help="most rows/triples per response (KG_MAX_RESULTS)")
    p.add_argument("--workers", type=int, metavar="N", help="query worker processes (KG_QUERY_WORKERS)")
    p.add_argument("--cache-size", type=int, metavar="N", help="response cache entries, 0 disables (KG_CACHE_SIZE)")
    p.add_argument("--union-default-graph", action="store_true", default=None,
                   help="with --data: the default graph is the merge of all graphs, not the files' own default graph "
                        "(KG_UNION_DEFAULT_GRAPH)")
    p.set_defaults(func=_cmd_serve)
    return parser


def _cmd_build(args: argparse.Namespace, settings: Settings) -> int:
    from kg.pipeline import build

    report = build(settings)
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return 0


def _cmd_validate(args: argparse.Namespace, settings: Settings) -> int:
    from kg.pipeline import validate_project

    result = validate_project(settings, list(args.files))
    print(result.text)
    return 0 if result.conforms else 1


def parse_params(pairs: Sequence[str]) -> dict[str, str]:
    """``["k=v", ...]`` → ``{"k": "v"}``; a pair without ``=`` or with an empty key is an InputError."""
    params: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise InputError(f"--param expects KEY=VALUE, got {pair!r}")
        params[key.strip()] = value
    return params


def _cmd_query(args: argparse.Namespace, settings: Settings) -> int:
    params = parse_params(args.param)
    try:
        from kg.canned_queries.cli import run_query
    except ModuleNotFoundError as exc:
        if exc.name in ("kg.canned_queries", "kg.canned_queries.cli"):
            raise KGError("canned queries are not available: package kg.canned_queries is not installed") from None
        raise
    return run_query(settings, args.name_or_file, params, args.format)


def _cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    settings = settings.with_overrides(
        host=args.host,
        port=args.port,
        store=args.store,
        query_timeout=args.timeout,
        max_results=args.max_results,
        query_workers=args.workers,
        cache_size=args.cache_size,
    )
    data_files: list[Path] | None = list(args.data) if args.data else None
    if data_files:
        missing = [str(p) for p in data_files if not p.is_file()]
        if missing:
            raise InputError(f"--data file not found: {', '.join(missing)}")
    try:
        from kg.server import serve
    except ModuleNotFoundError as exc:
        if exc.name == "kg.server":
            raise KGError("the HTTP service is not available: package kg.server is not installed") from None
        raise
    if data_files is None:
        from kg.pipeline import ensure_snapshot

        ensure_snapshot(settings)
    serve(settings, data_files, args.union_default_graph)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``kg`` console script; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        try:
            settings = Settings.from_env(project_dir=args.project_dir)
        except ValueError as exc:
            raise InputError(f"bad KG_* environment setting: {exc}") from None
        return int(args.func(args, settings))
    except KGError as exc:
        print(f"kg {args.command}: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # output piped into e.g. `head`, which closed early: stop quietly (Python docs' recipe)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


if __name__ == "__main__":
    sys.exit(main())
