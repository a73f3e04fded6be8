"""kg.canned_queries.registry and .rdf: header format, validation errors naming the file, RDF publishing."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS

from kg.canned_queries import load_registry
from kg.canned_queries.registry import load_adhoc_file, load_query_file
from kg.errors import QueryDefinitionError
from kg.namespaces import SCHEMA, SH, ProjectNamespaces
from kg.settings import Settings

PROJECT = Path(__file__).resolve().parents[1]

GOOD = """#+ title = { en = "Roles", nb = "Roller" }
#+ description = "Roles of an actor."
#+ tags = ["roles"]
#+ source = ["8.1", "fig:6"]
#+
#+ [params.role]
#+ type = "concept"
#+ scheme = "i-team-role"
#+ default = "transformer"
#+
#+ [params.lang]
#+ type = "literal"
#+ values = ["en", "nb"]
#+ default = "en"
PREFIX inno: <https://w3id.org/innovasjon/def#>
SELECT ?actor ?role ?lang WHERE { ?a inno:actor ?actor ; inno:role ?role . }
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / "queries" / f"{name}.rq"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_good_file_parses_header_and_form(tmp_path: Path) -> None:
    q = load_query_file(write(tmp_path, "roles", GOOD))
    assert q.name == "roles"
    assert q.form == "select"
    assert q.title == {"en": "Roles", "nb": "Roller"}
    assert q.sources == ("8.1", "fig:6")
    assert list(q.params) == ["role", "lang"]
    assert q.params["role"].scheme == "i-team-role" and q.params["role"].default == "transformer"
    assert q.params["lang"].values == ("en", "nb")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (GOOD.replace("SELECT ?actor", "SELEKT ?actor"), "does not parse"),
        (GOOD.replace('tags = ["roles"]', 'tags = ["roles"'), "not valid TOML"),
        (GOOD.replace("[params.role]", "[params.rolle]"), "'rolle' is not a variable of the query"),
        (GOOD.replace('#+ title = { en = "Roles", nb = "Roller" }\n', ""), '"title"'),
        (GOOD.replace('nb = "Roller"', 'de = "Rollen"'), '"title"'),
        (GOOD.replace('source = ["8.1", "fig:6"]', 'source = "chapter eight"'), '"source"'),
        (GOOD.replace('type = "concept"', 'type = "number"'), '"type"'),
        (GOOD.replace('scheme = "i-team-role"\n', ""), '"scheme"'),
        (GOOD.replace('#+ tags = ["roles"]', '#+ tags = ["roles"]\n#+ author = "x"'), "unknown header key"),
        (GOOD.replace('default = "en"', 'default = "de"'), "not one of"),
        (GOOD.replace("#+ source", "#+source"), "followed by a space"),
        (GOOD.split("PREFIX", 1)[0].replace("#+", "#") + "PREFIX" + GOOD.split("PREFIX", 1)[1], "missing '#+ ' header"),
    ],
)
def test_bad_file_raises_naming_the_file(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, "bad-query", text)
    with pytest.raises(QueryDefinitionError) as info:
        load_query_file(path)
    assert str(path) in str(info.value)
    assert message in str(info.value)


def test_load_registry_fails_on_first_bad_file(tmp_path: Path) -> None:
    write(tmp_path, "a-good", GOOD)
    bad = write(tmp_path, "b-bad", GOOD.replace("[params.role]", "[params.nothere]"))
    with pytest.raises(QueryDefinitionError, match="b-bad.rq"):
        load_registry(Settings(project_dir=tmp_path))
    bad.unlink()
    assert load_registry(Settings(project_dir=tmp_path)).names == ["a-good"]


def test_base_iri_is_applied_to_query_text(tmp_path: Path) -> None:
    text = GOOD.replace("SELECT", "PREFIX id: <https://w3id.org/innovasjon/id/>\nSELECT")
    q = load_query_file(write(tmp_path, "roles", text), "http://localhost/kg/")
    assert "http://localhost/kg/id/" in q.sparql and "w3id.org/innovasjon/id/" not in q.sparql


def test_base_iri_is_applied_to_header_defaults() -> None:
    q = load_query_file(PROJECT / "queries" / "steering-chain.rq", "http://localhost/kg/")
    assert q.params["actor"].default == "http://localhost/kg/id/actor/innovasjon-norge"


def test_adhoc_file_without_header(tmp_path: Path) -> None:
    path = tmp_path / "mine.rq"
    path.write_text("SELECT ?s WHERE { ?s ?p ?o } LIMIT 1\n", encoding="utf-8")
    q = load_adhoc_file(path)
    assert q.form == "select" and q.params == {}


def test_project_registry_loads_every_query() -> None:
    """Every queries/*.rq of the project parses, and there are at least 12 (issue 7)."""
    registry = load_registry(Settings(project_dir=PROJECT))
    names = set(registry.names)
    assert len(names) >= 12
    assert {
        "goal-areas-lacking-role", "role-coverage", "offerings-for-target-group", "instruments-by-funder",
        "responsibility-per-goal-area", "recommendations-and-challenges", "unaddressed-challenges",
        "overlapping-actors", "steering-chain", "actor-profile", "provenance", "ministries-stance", "actors-by-level",
    } <= names
    lacking = registry.get("goal-areas-lacking-role")
    assert lacking is not None and lacking.params["role"].default == "transformer"
    assert registry.get("actor-profile").form == "construct"  # type: ignore[union-attr]


def test_to_graph_publishes_sib_style_executables(tmp_path: Path) -> None:
    write(tmp_path, "roles", GOOD)
    ns = ProjectNamespaces("http://example.org/kg/")
    graph = load_registry(Settings(project_dir=tmp_path, base_iri=ns.base)).to_graph(ns)
    node = URIRef("http://example.org/kg/id/query/roles")
    assert (node, RDF.type, SH.SPARQLSelectExecutable) in graph
    assert (node, RDF.type, SH.SPARQLExecutable) in graph
    assert (node, RDFS.label, Literal("Roles", lang="en")) in graph
    assert (node, RDFS.label, Literal("Roller", lang="nb")) in graph
    assert (node, RDFS.comment, Literal("Roles of an actor.", lang="en")) in graph
    assert (node, SCHEMA.keywords, Literal("roles")) in graph
    assert (node, DCTERMS.source, URIRef("http://example.org/kg/id/section/8.1")) in graph
    assert (node, DCTERMS.source, URIRef("http://example.org/kg/id/figure/6")) in graph
    select = str(graph.value(node, SH.select))
    assert select.startswith("PREFIX inno:") and "#+" not in select


def test_project_queries_graph_is_queryable_with_sparql() -> None:
    """The published graph answers 'which queries are about roles?' with SPARQL (SIB's use case)."""
    ns = ProjectNamespaces("https://w3id.org/innovasjon/")
    graph = load_registry(Settings(project_dir=PROJECT)).to_graph(ns)
    rows = graph.query(
        "PREFIX sh: <http://www.w3.org/ns/shacl#> PREFIX schema: <https://schema.org/> "
        "SELECT ?q WHERE { ?q a sh:SPARQLExecutable ; schema:keywords 'roles' }"
    )
    found = {str(r[0]).rsplit("/", 1)[-1] for r in rows}
    assert {"goal-areas-lacking-role", "role-coverage", "overlapping-actors"} <= found
    constructs = set(graph.subjects(RDF.type, SH.SPARQLConstructExecutable))
    assert URIRef(ns.base + "id/query/actor-profile") in constructs
