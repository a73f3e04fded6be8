"""Compare SPARQL results as unordered multisets, with blank-node isomorphism."""

from __future__ import annotations

import csv
import io
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib import BNode as RBNode
from rdflib.compare import isomorphic

RS = "http://www.w3.org/2001/sw/DataAccess/tests/result-set#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD = "http://www.w3.org/2001/XMLSchema#"
NUMERIC = {XSD + t for t in ("integer", "decimal", "double", "float", "int", "long", "short", "byte", "nonNegativeInteger",
                            "positiveInteger", "negativeInteger", "nonPositiveInteger", "unsignedInt", "unsignedLong")}

Row = dict[str, object]


class Solutions:
    """A SELECT result (variables and rows) or an ASK result (``boolean``)."""

    def __init__(self, variables: list[str] | None, rows: list[Row], boolean: bool | None = None) -> None:
        self.variables = variables
        self.rows = rows
        self.boolean = boolean

    def __repr__(self) -> str:
        return f"Solutions(vars={self.variables}, boolean={self.boolean}, rows={self.rows[:20]})"


def parse_results(body: bytes, fmt: ox.QueryResultsFormat) -> Solutions:
    """Parse SPARQL results XML, JSON or TSV."""
    parsed = ox.parse_query_results(body, format=fmt)
    if isinstance(parsed, ox.QueryBoolean):
        return Solutions(None, [], bool(parsed))
    variables = [v.value for v in parsed.variables]
    rows = [{v: t for v, t in zip(variables, sol) if t is not None} for sol in parsed]
    return Solutions(variables, rows)


def parse_csv(body: bytes) -> Solutions:
    """Parse SPARQL CSV results: every value stays a string (bnodes as ``_:`` labels)."""
    reader = csv.reader(io.StringIO(body.decode("utf-8"), newline=""))
    lines = list(reader)
    variables = lines[0] if lines else []
    rows: list[Row] = []
    for line in lines[1:]:
        row: Row = {}
        for v, value in zip(variables, line):
            if value == "":
                continue
            row[v] = ox.BlankNode(value[2:]) if value.startswith("_:") else value
        rows.append(row)
    return Solutions(variables, rows)


def parse_rdf_result_set(path: Path) -> Solutions | None:
    """A result set written in the DAWG result-set vocabulary, or ``None`` if the file is a plain graph."""
    store = ox.Store()
    store.load(path=str(path), format=ox.RdfFormat.TURTLE if path.suffix == ".ttl" else ox.RdfFormat.RDF_XML, base_iri=path.resolve().as_uri())
    sets = [q.subject for q in store.quads_for_pattern(None, ox.NamedNode(RDF_TYPE), ox.NamedNode(RS + "ResultSet"))]
    if not sets:
        return None
    rs = sets[0]
    booleans = [q.object for q in store.quads_for_pattern(rs, ox.NamedNode(RS + "boolean"), None)]
    if booleans:
        return Solutions(None, [], booleans[0].value == "true")  # type: ignore[union-attr]
    variables = [q.object.value for q in store.quads_for_pattern(rs, ox.NamedNode(RS + "resultVariable"), None)]  # type: ignore[union-attr]
    rows: list[Row] = []
    for sol in store.quads_for_pattern(rs, ox.NamedNode(RS + "solution"), None):
        row: Row = {}
        for b in store.quads_for_pattern(sol.object, ox.NamedNode(RS + "binding"), None):  # type: ignore[arg-type]
            var = next(store.quads_for_pattern(b.object, ox.NamedNode(RS + "variable"), None)).object.value  # type: ignore[arg-type,union-attr]
            val = next(store.quads_for_pattern(b.object, ox.NamedNode(RS + "value"), None)).object  # type: ignore[arg-type]
            row[var] = val
        rows.append(row)
    return Solutions(variables, rows)


def _number(lit: ox.Literal) -> Decimal | None:
    try:
        return Decimal(lit.value.strip())
    except InvalidOperation:
        return None


def same_ground(a: object, b: object) -> bool:
    """Term equality; numeric literals of the same datatype compare by value."""
    if a == b:
        return True
    if isinstance(a, ox.Literal) and isinstance(b, ox.Literal) and a.datatype == b.datatype and a.datatype.value in NUMERIC:
        x, y = _number(a), _number(b)
        return x is not None and x == y
    return False


def solutions_match(expected: Solutions, actual: Solutions) -> bool:
    """Equal as multisets of rows up to a consistent blank-node bijection."""
    if expected.boolean is not None or actual.boolean is not None:
        return expected.boolean == actual.boolean
    if expected.variables is not None and actual.variables is not None and set(expected.variables) != set(actual.variables):
        return False
    exp, act = expected.rows, actual.rows
    if len(exp) != len(act):
        return False
    order = sorted(range(len(exp)), key=lambda i: sum(isinstance(t, ox.BlankNode) for t in exp[i].values()))
    used = [False] * len(act)
    budget = [200_000]

    def extend(fwd: dict[object, object], rev: dict[object, object], e: Row, a: Row) -> tuple[dict[object, object], dict[object, object]] | None:
        if e.keys() != a.keys():
            return None
        f, r = fwd, rev
        copied = False
        for k, et in e.items():
            at = a[k]
            if isinstance(et, ox.BlankNode) or isinstance(at, ox.BlankNode):
                if not (isinstance(et, ox.BlankNode) and isinstance(at, ox.BlankNode)):
                    return None
                if et in f:
                    if f[et] != at:
                        return None
                    continue
                if at in r:
                    return None
                if not copied:
                    f, r, copied = dict(f), dict(r), True
                f[et], r[at] = at, et
            elif not same_ground(et, at):
                return None
        return f, r

    def search(i: int, fwd: dict[object, object], rev: dict[object, object]) -> bool:
        if i == len(order):
            return True
        budget[0] -= 1
        if budget[0] < 0:
            return False
        e = exp[order[i]]
        for j, a in enumerate(act):
            if used[j]:
                continue
            nxt = extend(fwd, rev, e, a)
            if nxt is None:
                continue
            used[j] = True
            if search(i + 1, *nxt):
                return True
            used[j] = False
        return False

    return search(0, {}, {})


def _to_rdflib(t: object) -> object:
    if isinstance(t, ox.NamedNode):
        return URIRef(t.value)
    if isinstance(t, ox.BlankNode):
        return RBNode(t.value)
    assert isinstance(t, ox.Literal)
    if t.language:
        return Literal(t.value, lang=t.language)
    return Literal(t.value, datatype=URIRef(t.datatype.value), normalize=False)


def graph_of(triples: list[ox.Triple] | list[ox.Quad]) -> Graph:
    """An rdflib graph (for isomorphism checks) from pyoxigraph triples."""
    g = Graph()
    for t in triples:
        g.add((_to_rdflib(t.subject), _to_rdflib(t.predicate), _to_rdflib(t.object)))  # type: ignore[arg-type]
    return g


def graphs_match(expected: Graph, actual: Graph) -> bool:
    """RDF graph isomorphism."""
    return isomorphic(expected, actual)
