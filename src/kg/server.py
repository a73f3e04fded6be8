"""Run the service with uvicorn: ``serve(settings, data_files)``; also ``python -m kg.server``.

``kg serve`` (in ``kg.cli``) calls ``serve``. With ``--data FILE…`` the given RDF files are served
read-only and unvalidated instead of the project snapshot.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import uvicorn

from kg.app import create_app
from kg.errors import KGError
from kg.settings import Settings


def serve(settings: Settings, data_files: Sequence[Path | str] = (), union_default_graph: bool | None = None) -> None:
    """Load the graph, then serve HTTP on ``settings.host:settings.port`` until interrupted.

    ``union_default_graph`` (``--data`` only; None reads ``KG_UNION_DEFAULT_GRAPH``): the default
    graph is the merge of all graphs instead of the files' own default graph.
    """
    app = create_app(settings, data_files=data_files, union_default_graph=union_default_graph)
    uvicorn.run(
        app,
        host=settings.host,
        port=settings.port,
        log_level="warning",
        access_log=False,
        proxy_headers=True,
        timeout_keep_alive=30,
    )


def add_serve_arguments(parser: argparse.ArgumentParser) -> None:
    """The ``serve`` options, shared with ``kg serve`` (each overrides its ``KG_*`` variable)."""
    parser.add_argument("--host", help="interface to bind (KG_HOST, default 127.0.0.1)")
    parser.add_argument("--port", type=int, help="port (KG_PORT, default 8000)")
    parser.add_argument("--data", nargs="+", metavar="FILE", help="serve these RDF files (Turtle, TriG, N-Quads, N-Triples, RDF/XML, JSON-LD) instead of the snapshot")
    parser.add_argument("--union-default-graph", action="store_true", default=None,
                        help="with --data: the default graph is the merge of every graph (KG_UNION_DEFAULT_GRAPH)")
    parser.add_argument("--store", help="query engine: oxigraph or rdflib (KG_STORE)")
    parser.add_argument("--timeout", type=float, dest="query_timeout", help="query timeout in seconds (KG_QUERY_TIMEOUT)")
    parser.add_argument("--max-results", type=int, dest="max_results", help="most rows/triples per response (KG_MAX_RESULTS)")
    parser.add_argument("--workers", type=int, dest="query_workers", help="query worker processes (KG_QUERY_WORKERS)")
    parser.add_argument("--cache-size", type=int, dest="cache_size", help="response cache entries, 0 disables (KG_CACHE_SIZE)")


def settings_from_args(args: argparse.Namespace) -> Settings:
    """Settings from the environment, overridden by the given CLI flags."""
    keys = ("host", "port", "store", "query_timeout", "max_results", "query_workers", "cache_size")
    return Settings.from_env(**{k: getattr(args, k, None) for k in keys})


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m kg.server [--data FILE…]``: exit 2 with a message on bad input."""
    parser = argparse.ArgumentParser(prog="kg serve", description="Serve the SPARQL endpoint and linked data.")
    add_serve_arguments(parser)
    args = parser.parse_args(argv)
    try:
        serve(settings_from_args(args), args.data or (), args.union_default_graph)
    except KGError as exc:
        print(f"kg serve: {exc}", file=sys.stderr)
        return exc.exit_code
    return 0


if __name__ == "__main__":
    sys.exit(main())
