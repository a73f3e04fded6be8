"""Read the W3C SPARQL 1.1 test manifests (Turtle) into plain test descriptions."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

import pyoxigraph as ox

W3C_ROOT = Path(__file__).resolve().parents[2].parent / "shared" / "w3c" / "sparql11"
"""The W3C SPARQL 1.1 suites, at ``../shared/w3c/sparql11`` relative to the project root."""
if not (W3C_ROOT / "manifest-all.ttl").is_file():
    raise FileNotFoundError(f"W3C SPARQL 1.1 test suites not found at {W3C_ROOT} (expected ../shared/w3c/sparql11)")
MF = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"
QT = "http://www.w3.org/2001/sw/DataAccess/tests/test-query#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
EVAL_SUITES = (
    "aggregates", "bind", "bindings", "cast", "construct", "exists", "functions", "grouping",
    "negation", "project-expression", "property-path", "subquery", "json-res", "csv-tsv-res",
)


@dataclass(frozen=True)
class EvalTest:
    """One query-evaluation (or negative-syntax) test."""

    id: str
    suite: str
    name: str
    kind: str
    query: Path
    data: tuple[Path, ...] = ()
    graph_data: tuple[Path, ...] = ()
    result: Path | None = None

    @property
    def short_id(self) -> str:
        return f"{self.suite}/{self.id.rsplit('#', 1)[-1]}"


@dataclass
class Manifest:
    """A parsed manifest: its store and the entries in order."""

    path: Path
    store: ox.Store
    entries: list[ox.NamedNode | ox.BlankNode] = field(default_factory=list)

    def one(self, s: object, p: str) -> object | None:
        for q in self.store.quads_for_pattern(s, ox.NamedNode(p), None):  # type: ignore[arg-type]
            return q.object
        return None

    def all(self, s: object, p: str) -> list[object]:
        return [q.object for q in self.store.quads_for_pattern(s, ox.NamedNode(p), None)]  # type: ignore[arg-type]

    def rdf_list(self, head: object) -> list[object]:
        items: list[object] = []
        while head is not None and head != ox.NamedNode(RDF + "nil") and len(items) < 10_000:
            items.append(self.one(head, RDF + "first"))
            head = self.one(head, RDF + "rest")
        return items


def load_manifest(path: Path) -> Manifest:
    """Parse a manifest file; entries come from its ``mf:entries`` list."""
    store = ox.Store()
    store.load(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=path.resolve().as_uri())
    m = Manifest(path, store)
    for q in store.quads_for_pattern(None, ox.NamedNode(MF + "entries"), None):
        m.entries.extend(m.rdf_list(q.object))  # type: ignore[arg-type]
    return m


def file_path(node: object) -> Path:
    """The local file of a ``file:`` IRI."""
    return Path(unquote(urlparse(node.value).path))  # type: ignore[attr-defined]


def eval_tests(suites: tuple[str, ...] = EVAL_SUITES) -> list[EvalTest]:
    """Every entry of the given suites' manifests."""
    tests: list[EvalTest] = []
    for suite in suites:
        m = load_manifest(W3C_ROOT / suite / "manifest.ttl")
        for entry in m.entries:
            kind = m.one(entry, RDF + "type").value.rsplit("#", 1)[-1]  # type: ignore[union-attr]
            name = m.one(entry, MF + "name").value  # type: ignore[union-attr]
            action = m.one(entry, MF + "action")
            result = m.one(entry, MF + "result")
            if isinstance(action, ox.NamedNode):
                query, data, graph_data = file_path(action), (), ()
            else:
                query = file_path(m.one(action, QT + "query"))
                data = tuple(sorted(file_path(d) for d in m.all(action, QT + "data")))
                graph_data = tuple(sorted(file_path(g) for g in m.all(action, QT + "graphData")))
            tests.append(EvalTest(
                id=entry.value, suite=suite, name=name, kind=kind, query=query, data=data,  # type: ignore[union-attr]
                graph_data=graph_data, result=file_path(result) if result is not None else None,
            ))
    return tests
