"""The store interface: both engines load the same files and give identical answers."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from rdflib.term import Literal, URIRef

from kg.errors import InputError, QueryError
from kg.settings import Settings
from kg.store import DataSource, OutcomeKind, QueryEngine, new_engine, open_store

FIXTURE = Path(__file__).parent / "fixtures" / "endpoint" / "org.trig"
BASE = "https://w3id.org/innovasjon/"
ACTOR = BASE + "id/actor/"
PREFIXES = """PREFIX org: <http://www.w3.org/ns/org#>
PREFIX inno: <https://w3id.org/innovasjon/def#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
PROJECT_QUERIES = {
    "point lookup": "SELECT ?p ?o WHERE { <%sdifi> ?p ?o }" % ACTOR,
    "text filter": 'SELECT ?a ?l WHERE { ?a skos:prefLabel ?l FILTER(CONTAINS(LCASE(STR(?l)), "difi")) }',
    "join": "SELECT ?a ?l ?r WHERE { ?a a org:Organization ; skos:prefLabel ?l ; inno:holdsRole ?r FILTER(LANG(?l) = 'nb') }",
    "aggregation": "SELECT ?r (COUNT(DISTINCT ?a) AS ?n) (SUM(?s) AS ?staff) WHERE { ?a inno:holdsRole ?r OPTIONAL { ?a inno:staff ?s } } GROUP BY ?r",
    "gap": "SELECT ?ga ?r WHERE { ?ga inno:needsRole ?r FILTER NOT EXISTS { ?a inno:holdsRole ?r } }",
    "transitive": "SELECT ?a WHERE { ?a org:subOrganizationOf+ <%skmd> }" % ACTOR,
    "optional unbound": "SELECT ?a ?s WHERE { ?a a org:Organization OPTIONAL { ?a inno:staff ?s } }",
    "ask": "ASK { ?a inno:holdsRole ?r }",
    "construct": "CONSTRUCT { ?a rdfs:label ?l } WHERE { ?a skos:prefLabel ?l }",
}


def _engine(name: str, union: bool = True) -> QueryEngine:
    engine = new_engine(name, union_default_graph=union)
    engine.load(DataSource.for_file(FIXTURE))  # type: ignore[attr-defined]
    return engine


@pytest.fixture(scope="module", params=["oxigraph", "rdflib"])
def engine(request: pytest.FixtureRequest) -> QueryEngine:
    return _engine(request.param)


def _canonical(engine: QueryEngine, sparql: str) -> object:
    outcome = engine.query(PREFIXES + sparql)
    if outcome.kind is OutcomeKind.BOOLEAN:
        return outcome.boolean
    if outcome.kind is OutcomeKind.GRAPH:
        return Counter(outcome.triples)
    return (outcome.variables, Counter(outcome.rows))


@pytest.mark.parametrize("name", sorted(PROJECT_QUERIES))
def test_engines_give_identical_results(name: str) -> None:
    ox, rd = _engine("oxigraph"), _engine("rdflib")
    assert _canonical(ox, PROJECT_QUERIES[name]) == _canonical(rd, PROJECT_QUERIES[name])


def test_transitive_path_follows_inferred_and_asserted_graphs(engine: QueryEngine) -> None:
    rows = engine.query(PREFIXES + PROJECT_QUERIES["transitive"]).rows
    assert {r[0] for r in rows} == {URIRef(ACTOR + "difi"), URIRef(ACTOR + "difi-kompetansesenter")}


def test_gap_query_finds_transformer_needs(engine: QueryEngine) -> None:
    rows = engine.query(PREFIXES + PROJECT_QUERIES["gap"]).rows
    assert {str(r[0]).rsplit("/", 1)[1] for r in rows} == {"national-policy", "framework-conditions"}


def test_tab_inside_literal_is_preserved(engine: QueryEngine) -> None:
    rows = engine.query(PREFIXES + "SELECT ?c { ?a rdfs:comment ?c }").rows
    assert rows == [(Literal("Direktoratet\tfor forvaltning og IKT"),)]


def test_lexical_forms_are_kept(engine: QueryEngine) -> None:
    rows = engine.query(PREFIXES + "SELECT ?s { ?a inno:share ?s }").rows
    assert str(rows[0][0]) == "0.25"


def test_dataset_restriction(engine: QueryEngine) -> None:
    q = "SELECT (COUNT(*) AS ?n) { ?a ?p ?o }"
    asserted = int(engine.query(q, default_graphs=[BASE + "graph/data/roles"]).rows[0][0])
    assert asserted == 7
    assert int(engine.query(q, default_graphs=[]).rows[0][0]) == 0
    named = engine.query("SELECT DISTINCT ?g { GRAPH ?g { ?s ?p ?o } }", named_graphs=[BASE + "graph/inferred"]).rows
    assert named == [(URIRef(BASE + "graph/inferred"),)]


def test_bindings_substitute_variables(engine: QueryEngine) -> None:
    q = PREFIXES + "SELECT ?l { ?a skos:prefLabel ?l }"
    rows = engine.query(q, bindings={"a": URIRef(ACTOR + "ks")}).rows
    assert [r[-1] for r in rows] == [Literal("KS", lang="nb")]


def test_named_graphs_count_and_triples_about(engine: QueryEngine) -> None:
    assert engine.named_graphs() == [BASE + "graph/data/actors", BASE + "graph/data/roles", BASE + "graph/inferred"]
    assert engine.count(BASE + "graph/inferred") == 2
    about = engine.triples_about(ACTOR + "difi")
    assert (URIRef(ACTOR + "difi"), URIRef(str(PREFIXES.split("<")[2].split(">")[0]) + "holdsRole"), URIRef(BASE + "id/i-team-role/educator")) in about


def test_dump_round_trip(engine: QueryEngine) -> None:
    copy = new_engine("oxigraph")
    copy.load_nquads(engine.dump_nquads())
    assert copy.count() == engine.count() == sum(1 for _ in engine.quads())


def test_malformed_query_is_a_query_error_with_position(engine: QueryEngine) -> None:
    with pytest.raises(QueryError, match=r"(?i)line|1:"):
        engine.query("SELECT * WHERE { ?s ?p }")


def test_open_store_reports_missing_inputs(tmp_path: Path) -> None:
    settings = Settings.from_env(build_dir=tmp_path)
    with pytest.raises(InputError, match="snapshot not found"):
        open_store(settings)
    with pytest.raises(InputError, match="not found"):
        open_store(settings, [tmp_path / "missing.ttl"])
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .\n", encoding="utf-8")
    with pytest.raises(InputError, match="bad.ttl"):
        open_store(settings, [bad])
    with pytest.raises(InputError, match="unknown store"):
        open_store(settings.with_overrides(store="nope"), [FIXTURE])


@pytest.mark.parametrize("store", ["oxigraph", "rdflib"])
def test_data_files_keep_their_own_default_graph(tmp_path: Path, store: str) -> None:
    """``--data``: triples are the default graph, quads stay in their named graphs (as Fuseki, Oxigraph)."""
    triples = tmp_path / "extra.nt"
    triples.write_text("<http://e/a> <http://e/p> \"x\" .\n", encoding="utf-8")
    engine = open_store(Settings.from_env(store=store), [FIXTURE, triples])
    assert engine.union_default_graph is False
    assert len(engine.named_graphs()) == 3
    q = "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"
    assert int(engine.query(q).rows[0][0]) == 1  # type: ignore[arg-type]
    union = open_store(Settings.from_env(store=store), [FIXTURE, triples], union_default_graph=True)
    everything = int(union.query(q).rows[0][0])  # type: ignore[arg-type]
    named = int(union.query(q, default_graphs=union.named_graphs()).rows[0][0])  # type: ignore[arg-type]
    assert everything == named + 1
    in_default = engine.query("SELECT * { ?s ?p ?o }", default_graphs=[], named_graphs=[]).rows
    assert in_default == []


def test_from_clause_overrides_the_union_default_graph(engine: QueryEngine) -> None:
    q = f"SELECT (COUNT(*) AS ?n) FROM <{BASE}graph/inferred> WHERE {{ ?s ?p ?o }}"
    assert int(engine.query(q).rows[0][0]) == 2  # type: ignore[arg-type]


def test_from_never_fetches_from_the_network(engine: QueryEngine) -> None:
    # 192.0.2.0/24 is TEST-NET-1: a fetch would hang or fail, never return an empty graph this fast
    q = "SELECT * FROM <http://192.0.2.1/remote.ttl> FROM NAMED <http://192.0.2.1/named.ttl> WHERE { ?s ?p ?o }"
    assert engine.query(q).rows == []


@pytest.mark.parametrize("name", ["oxigraph", "rdflib"])
def test_select_star_lists_variables_in_order_of_first_appearance(name: str) -> None:
    engine = _engine(name)
    assert engine.query("SELECT * WHERE { ?s ?p ?o } LIMIT 1").variables == ["s", "p", "o"]
    q = PREFIXES + "SELECT DISTINCT * { ?zeta skos:prefLabel ?alpha OPTIONAL { ?zeta inno:staff ?mid } } LIMIT 3"
    outcome = engine.query(q)
    assert outcome.variables == ["zeta", "alpha", "mid"]
    assert all(isinstance(row[0], URIRef) and isinstance(row[1], Literal) for row in outcome.rows)


def test_syntax_errors_name_line_and_column_with_the_query_line() -> None:
    engine = _engine("oxigraph")
    with pytest.raises(QueryError) as info:
        engine.query("SELECT * WHERE {\n  ?s ?p ?o .\n  FILTER(?o = ) }")
    text = str(info.value)
    assert "at line 3, column" in text and "[_]" not in text
    assert "\n    FILTER(?o = ) }\n" in text and text.rstrip().endswith("^")


@pytest.mark.parametrize("query", ["SELECT ?s ?p { ?s ?p ?o } GROUP BY ?s", "SELECT ?s (COUNT(*) AS ?n) ?p { ?s ?p ?o }",
                                   "SELECT (?s AS ?t) { ?s ?p ?o } GROUP BY ?p"])
def test_illegal_group_by_is_a_query_error_on_both_engines(engine: QueryEngine, query: str) -> None:
    with pytest.raises(QueryError, match="Malformed query"):
        engine.query(query)


def test_tab_inside_a_query_string_literal_is_kept(engine: QueryEngine) -> None:
    rows = engine.query("SELECT ?x ?y { BIND(\"a\tb\" AS ?x) BIND('''c\td''' AS ?y) }").rows
    assert rows == [(Literal("a\tb"), Literal("c\td"))]


def test_min_and_max_of_iris_are_iris_on_both_engines(engine: QueryEngine) -> None:
    rows = engine.query(PREFIXES + "SELECT (MIN(?a) AS ?lo) (MAX(?a) AS ?hi) { ?a a org:Organization }").rows
    assert rows == [(URIRef(ACTOR + "difi"), URIRef(ACTOR + "ks"))]


def test_union_default_graph_setting_is_parsed_strictly() -> None:
    from kg.store.registry import union_default_graph_from_env

    assert union_default_graph_from_env({}) is False
    assert union_default_graph_from_env({"KG_UNION_DEFAULT_GRAPH": "true"}) is True
    with pytest.raises(InputError, match="KG_UNION_DEFAULT_GRAPH"):
        union_default_graph_from_env({"KG_UNION_DEFAULT_GRAPH": "maybe"})
