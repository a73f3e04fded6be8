"""Both engines give identical answers to the project's own canned queries over the project's files."""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from pathlib import Path

import pytest
from rdflib.term import Literal, URIRef

from kg.store import DataSource, OutcomeKind, QueryEngine, new_engine

ROOT = Path(__file__).resolve().parents[1]
QUERY_FILES = sorted((ROOT / "queries").glob("*.rq"))
SOURCES = sorted([*(ROOT / "ontology").rglob("*.ttl"), *(ROOT / "data").rglob("*.ttl")])


def _load(name: str) -> QueryEngine:
    engine = new_engine(name)
    for path in SOURCES:
        graph = "https://w3id.org/innovasjon/graph/" + path.relative_to(ROOT).with_suffix("").as_posix()
        engine.load(DataSource(path, "turtle", graph, path.resolve().as_uri()))  # type: ignore[attr-defined]
    return engine


@pytest.fixture(scope="module")
def engines() -> tuple[QueryEngine, QueryEngine]:
    if not SOURCES or not QUERY_FILES:
        pytest.fail("the project's queries/ and data/ are missing")
    return _load("oxigraph"), _load("rdflib")


def _bindings(text: str) -> dict[str, URIRef | Literal]:
    """IRI and literal parameters bound to their default (or example) value; concepts left open."""
    header = "\n".join(line[2:].removeprefix(" ") for line in text.splitlines() if line.startswith("#+"))
    params = tomllib.loads(header).get("params", {})
    out: dict[str, URIRef | Literal] = {}
    for name, spec in params.items():
        value = spec.get("default", spec.get("example"))
        if value is None:
            continue
        if spec.get("type") == "iri":
            out[name] = URIRef(value)
        elif spec.get("type") == "literal":
            out[name] = Literal(value)
    return out


_GROUP_CONCAT = re.compile(r'GROUP_CONCAT\s*\((?:[^()]|\([^()]*\))*?(?:separator\s*=\s*"([^"]*)")?\s*\)\s+AS\s+\?(\w+)', re.I | re.S)


def _unordered_concat(text: str, variables: list[str], rows: list[tuple[object, ...]]) -> Counter[tuple[object, ...]]:
    """Rows with GROUP_CONCAT values as sorted parts: SPARQL leaves the concatenation order open."""
    separators = {m.group(2): m.group(1) if m.group(1) is not None else " " for m in _GROUP_CONCAT.finditer(text)}
    out: Counter[tuple[object, ...]] = Counter()
    for row in rows:
        out[tuple(
            tuple(sorted(str(t).split(separators[v]))) if v in separators and t is not None else t
            for v, t in zip(variables, row)
        )] += 1
    return out


@pytest.mark.parametrize("path", QUERY_FILES, ids=[p.stem for p in QUERY_FILES])
def test_project_query_is_engine_independent(path: Path, engines: tuple[QueryEngine, QueryEngine]) -> None:
    text = path.read_text(encoding="utf-8")
    bindings = _bindings(text)
    ox, rd = (e.query(text, bindings=bindings) for e in engines)
    assert ox.kind == rd.kind
    if ox.kind is OutcomeKind.GRAPH:
        assert set(ox.triples) == set(rd.triples)
    elif ox.kind is OutcomeKind.BOOLEAN:
        assert ox.boolean == rd.boolean
    else:
        assert set(ox.variables) == set(rd.variables)
        order = [rd.variables.index(v) for v in ox.variables]
        rd_rows = [tuple(row[i] for i in order) for row in rd.rows]
        assert _unordered_concat(text, ox.variables, ox.rows) == _unordered_concat(text, ox.variables, rd_rows)
