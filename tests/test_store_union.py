"""The default graph of the snapshot is an RDF merge (a set), and the alias graphs are real graphs.

SPARQL 1.1 §13.1: the default graph of a dataset is the RDF merge of its graphs. A triple asserted
in two files (or asserted and also inferred) must match once, on both engines, whether the merge
is the union default graph, several ``default-graph-uri`` values or several ``FROM`` clauses.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from rdflib.term import URIRef

from kg.store import GraphAliases, OutcomeKind, QueryEngine, new_engine
from kg.store.base import DataSource

BASE = "https://w3id.org/innovasjon/"
G = BASE + "graph/"
ALIASES = GraphAliases.for_base(BASE)
DATA = f"""
<{G}data/a> {{ <http://e/kd> <http://e/source> <http://e/s1> . <http://e/kd> <http://e/label> "KD" . }}
<{G}data/b> {{ <http://e/kd> <http://e/source> <http://e/s1> . <http://e/x> <http://e/label> "X" . }}
<{G}inferred> {{ <http://e/kd> <http://e/source> <http://e/s1> . <http://e/kd> a <http://e/Agent> . }}
"""
ENGINES = ["oxigraph", "rdflib"]


def _engine(tmp_path: Path, name: str) -> QueryEngine:
    path = tmp_path / f"{name}.trig"
    path.write_text(DATA, encoding="utf-8")
    engine = new_engine(name, union_default_graph=True, aliases=ALIASES)
    engine.load(DataSource.for_file(path))
    return engine


def _count(engine: QueryEngine, sparql: str, **dataset: list[str]) -> int:
    return int(engine.query(sparql, **dataset).rows[0][0])  # type: ignore[arg-type]


COUNT = "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"


@pytest.mark.parametrize("name", ENGINES)
def test_union_default_graph_is_a_set(tmp_path: Path, name: str) -> None:
    engine = _engine(tmp_path, name)
    rows = engine.query("SELECT ?o { <http://e/kd> <http://e/source> ?o }").rows
    assert rows == [(URIRef("http://e/s1"),)]
    assert _count(engine, COUNT) == 4 == engine.default_graph_size()
    assert sum(engine.count(g) for g in engine.named_graphs()) == 6


@pytest.mark.parametrize("name", ENGINES)
def test_several_default_graphs_merge_as_a_set(tmp_path: Path, name: str) -> None:
    engine = _engine(tmp_path, name)
    both = [G + "data/a", G + "data/b"]
    assert _count(engine, COUNT, default_graphs=both, named_graphs=[]) == 3
    assert _count(engine, f"SELECT (COUNT(*) AS ?n) FROM <{G}data/a> FROM <{G}data/b> {{ ?s ?p ?o }}") == 3
    # a different list, then the first again (cached merge), still right
    assert _count(engine, COUNT, default_graphs=[G + "data/a", G + "inferred"], named_graphs=[]) == 3
    assert _count(engine, COUNT, default_graphs=both, named_graphs=[]) == 3


@pytest.mark.parametrize("name", ENGINES)
def test_alias_graphs_work_in_from_graph_and_the_protocol(tmp_path: Path, name: str) -> None:
    engine = _engine(tmp_path, name)
    assert _count(engine, f"SELECT (COUNT(*) AS ?n) FROM <{ALIASES.asserted}> {{ ?s ?p ?o }}") == 3
    assert _count(engine, f"SELECT (COUNT(*) AS ?n) FROM <{ALIASES.all}> {{ ?s ?p ?o }}") == 4
    assert _count(engine, f"SELECT (COUNT(*) AS ?n) {{ GRAPH <{ALIASES.asserted}> {{ ?s ?p ?o }} }}") == 3
    assert _count(engine, f"PREFIX g: <{G}> SELECT (COUNT(*) AS ?n) {{ GRAPH g:all {{ ?s ?p ?o }} }}") == 4
    assert _count(engine, COUNT, default_graphs=[ALIASES.asserted], named_graphs=[]) == 3
    q = "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }"
    assert _count(engine, q, default_graphs=[], named_graphs=[ALIASES.all]) == 4
    # GRAPH ?g over the default dataset sees the loaded graphs only, never the aliases
    graphs = {str(r[0]) for r in engine.query("SELECT DISTINCT ?g { GRAPH ?g { ?s ?p ?o } }").rows}
    assert graphs == {G + "data/a", G + "data/b", G + "inferred"}
    assert engine.named_graphs() == sorted(graphs)
    assert engine.count(ALIASES.asserted) == 3


def test_engines_agree_and_a_reloaded_dump_answers_the_same(tmp_path: Path) -> None:
    ox, rd = _engine(tmp_path, "oxigraph"), _engine(tmp_path, "rdflib")
    queries = [COUNT, "SELECT * { ?s ?p ?o }", f"SELECT * FROM <{ALIASES.asserted}> {{ ?s ?p ?o }}",
               "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"]
    copy = new_engine("oxigraph", union_default_graph=True, aliases=ALIASES)
    copy.load_nquads(ox.dump_nquads())
    for q in queries:
        answers = []
        for engine in (ox, rd, copy):
            outcome = engine.query(q)
            answers.append(Counter(outcome.triples) if outcome.kind is OutcomeKind.GRAPH
                           else Counter(frozenset(d.items()) for d in outcome.as_dicts()))
        assert answers[0] == answers[1] == answers[2], q
    assert b"graph/asserted" not in ox.dump_nquads()
