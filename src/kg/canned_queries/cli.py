"""``kg query NAME_OR_FILE [--param k=v] [--format table|json|csv|turtle]``.

Runs a canned query (by name) or an ad-hoc ``.rq`` file against the built snapshot (rebuilt
first when stale), with the same parameter checks as the HTTP API, and prints the result.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TextIO

from kg import negotiation as nt
from kg.canned_queries.registry import CannedQuery, QueryRegistry, load_adhoc_file, load_registry
from kg.canned_queries.runner import CannedQueryRunner
from kg.canned_queries.shape import json_value, plain_rows
from kg.errors import InputError, UnknownQueryError
from kg.namespaces import PREFIXES
from kg.results import graph_bytes, solutions_csv
from kg.settings import Settings
from kg.store.base import OutcomeKind, QueryOutcome

FORMATS = ("table", "json", "csv", "turtle")


def run_query(settings: Settings, name_or_file: str, params: dict[str, str], fmt: str, *, out: TextIO | None = None) -> int:
    """Run one query and print it in ``fmt``; returns the exit code (0; errors are raised as KGError).

    The name, the file and the format are checked before the snapshot is (re)built or loaded.
    """
    from kg.pipeline import ensure_snapshot
    from kg.store import open_store

    stream = out if out is not None else sys.stdout
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    registry = load_registry(settings)
    query = resolve(registry, name_or_file, settings.base_iri)
    check_format(query, fmt)
    ensure_snapshot(settings, out=lambda line: print(line, file=sys.stderr))
    runner = CannedQueryRunner(registry, open_store(settings), timeout=settings.query_timeout)
    _, outcome = runner.run(query, params, local_bases=(settings.service_url,))
    stream.write(render(outcome, fmt))
    return 0


def resolve(registry: QueryRegistry, name_or_file: str, base_iri: str) -> CannedQuery:
    """A canned query by name, or a ``.rq`` file (with or without a header); ``UnknownQueryError`` otherwise."""
    query = registry.get(name_or_file)
    if query is not None:
        return query
    path = Path(name_or_file)
    if path.is_file():
        return load_adhoc_file(path, base_iri)
    if path.suffix == ".rq":
        raise InputError(f"query file not found: {path}")
    raise UnknownQueryError(name_or_file, registry.names)


def check_format(query: CannedQuery, fmt: str) -> None:
    """Refuse a format the query's form cannot be printed in."""
    graph = query.form in ("construct", "describe")
    if graph and fmt == "csv":
        raise InputError("csv is for SELECT results; a CONSTRUCT result prints as turtle, json (JSON-LD) or table")
    if not graph and fmt == "turtle":
        raise InputError("turtle is for CONSTRUCT results; a SELECT or ASK result prints as table, json or csv")


def render(outcome: QueryOutcome, fmt: str) -> str:
    """The outcome as text in one of ``FORMATS`` (a graph prints as Turtle unless ``json`` asks for JSON-LD)."""
    if outcome.kind is OutcomeKind.GRAPH:
        media = nt.JSONLD if fmt == "json" else nt.TURTLE
        return graph_bytes(outcome.triples, media, PREFIXES).decode("utf-8")
    if fmt == "json":
        return json.dumps(plain_rows(outcome), ensure_ascii=False, indent=2) + "\n"
    if outcome.kind is OutcomeKind.BOOLEAN:
        return ("true" if outcome.boolean else "false") + "\n"
    if fmt == "csv":
        return solutions_csv(outcome).decode("utf-8")
    return table(outcome)


def table(outcome: QueryOutcome) -> str:
    """SELECT solutions as an aligned text table (IRIs shortened with the project prefixes)."""
    header = outcome.variables
    body = [[_cell(t) for t in row] for row in outcome.rows]
    widths = [max([len(h)] + [len(r[i]) for r in body]) for i, h in enumerate(header)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in body]
    lines.append(f"({len(body)} row{'s' if len(body) != 1 else ''})")
    return "\n".join(lines) + "\n"


def _cell(term: object) -> str:
    value = json_value(term)  # type: ignore[arg-type]
    if value is None:
        return ""
    text = str(value).replace("\n", " ")
    for prefix, ns in sorted(_SHORT.items(), key=lambda kv: -len(kv[1])):
        if text.startswith(ns):
            return f"{prefix}:{text[len(ns):]}"
    return text


_SHORT = {"inno": PREFIXES["inno"], "id": PREFIXES["inno"].replace("def#", "id/")}
