"""Load step: one named graph per source file, base-IRI rewriting, syntax errors with file and line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF

from kg.errors import InputError, MissingDirectoryError, SourceSyntaxError
from kg.namespaces import CANONICAL, ProjectNamespaces
from kg.settings import CANONICAL_BASE_IRI, Settings
from kg.sources import load_sources, load_turtle_file

ACTOR = CANONICAL_BASE_IRI + "id/actor/"
KMD = URIRef(ACTOR + "kmd")


def test_each_file_becomes_its_own_named_graph(project: Settings) -> None:
    loaded = load_sources(project)
    assert [f.rel_path for f in loaded.files] == [
        "ontology/core.ttl",
        "ontology/vocab/roles.ttl",
        "data/actors.ttl",
        "data/agencies.ttl",
    ]
    for f in loaded.files:
        assert f.graph_iri == URIRef(CANONICAL.graph_for_source(f.rel_path))
        graph = loaded.dataset.graph(f.graph_iri)
        assert len(graph) == f.triples > 0
    assert {f.kind for f in loaded.files} == {"ontology", "data"}
    actors = loaded.dataset.graph(URIRef(CANONICAL_BASE_IRI + "graph/data/actors"))
    assert (KMD, RDF.type, URIRef(CANONICAL_BASE_IRI + "def#Ministry")) in actors
    agencies = loaded.dataset.graph(URIRef(CANONICAL_BASE_IRI + "graph/data/agencies"))
    assert (KMD, RDF.type, None) not in agencies
    assert loaded.asserted_count == sum(f.triples for f in loaded.files) == len(loaded.union())


def test_source_of_names_the_file_that_types_the_node(project: Settings) -> None:
    loaded = load_sources(project)
    assert loaded.source_of(KMD) == "data/actors.ttl"
    assert loaded.source_of(URIRef(CANONICAL_BASE_IRI + "id/actor/difi")) == "data/agencies.ttl"
    assert loaded.source_of(URIRef("http://example.org/unknown")) is None
    # a node no file describes is attributed to the first file that mentions it
    (project.project_dir / "data" / "zz.ttl").write_text(
        f"<{ACTOR}difi> <http://ex/p> <{ACTOR}nobody> .\n", encoding="utf-8"
    )
    assert load_sources(project).source_of(URIRef(ACTOR + "nobody")) == "data/zz.ttl"


def test_base_iri_is_rewritten(project: Settings) -> None:
    base = "http://localhost:9999/kg/"
    (project.project_dir / "data" / "note.ttl").write_text(
        f'<{CANONICAL_BASE_IRI}id/actor/kmd> <http://www.w3.org/2000/01/rdf-schema#comment> "see {CANONICAL_BASE_IRI}" .\n',
        encoding="utf-8",
    )
    loaded = load_sources(Settings(project_dir=project.project_dir, base_iri=base))
    ns = ProjectNamespaces(base)
    assert {str(f.graph_iri) for f in loaded.files} >= {base + "graph/data/actors", base + "graph/ontology/core"}
    terms = {t for quad in loaded.dataset.quads((None, None, None, None)) for t in quad if isinstance(t, URIRef)}
    assert not any(str(t).startswith(CANONICAL_BASE_IRI) for t in terms)
    assert (URIRef(base + "id/actor/kmd"), RDF.type, ns.inno.Ministry) in loaded.union()
    # literal text is content, not an IRI: left alone
    assert Literal(f"see {CANONICAL_BASE_IRI}") in set(loaded.union().objects())


def test_syntax_error_names_file_line_and_parser_message(pipeline_fixtures: Path) -> None:
    path = pipeline_fixtures / "invalid" / "syntax-error.ttl"
    with pytest.raises(SourceSyntaxError) as info:
        load_turtle_file(path)
    err = info.value
    # line 7 lacks its dot; the three-quoted string spans lines 7-8; the parser stops at line 9
    assert err.line == 9
    assert err.path == path
    assert "expected '.'" in err.parser_message
    assert str(err).startswith(f"{path}:9: syntax error:")
    assert err.exit_code == 2


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ('@prefix ex: <http://ex/> .\nex:a ex:p ex:b .\n\nfoo:c ex:p ex:d .\n', 4, 'Prefix "foo:" not bound'),
        ('@prefix ex: <http://ex/> .\nex:a ex:p "x\\q" .\n', 2, "bad escape"),
        (b'@prefix ex: <http://ex/> .\n\nex:a ex:p "\xff" .\n', 3, "not valid UTF-8"),
        ('@prefix ex: <http://ex/> .\n\n\nex:a ex:p <http://ex/a b> .\n', 4, "invalid IRI"),
    ],
    ids=["unbound-prefix", "bad-escape", "bad-utf8", "iri-with-space"],
)
def test_syntax_error_lines(tmp_path: Path, text: str | bytes, line: int, fragment: str) -> None:
    path = tmp_path / "bad.ttl"
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    with pytest.raises(SourceSyntaxError) as info:
        load_turtle_file(path)
    assert info.value.line == line
    assert fragment in info.value.parser_message


def test_load_sources_reports_syntax_error_of_a_data_file(project: Settings, pipeline_fixtures: Path) -> None:
    shutil.copy(pipeline_fixtures / "invalid" / "syntax-error.ttl", project.project_dir / "data" / "zz.ttl")
    with pytest.raises(SourceSyntaxError, match=r"data/zz\.ttl:9: syntax error"):
        load_sources(project)


@pytest.mark.parametrize("missing", ["ontology", "data"])
def test_missing_source_directory_is_a_clear_error(project: Settings, missing: str) -> None:
    shutil.rmtree(project.project_dir / missing)
    with pytest.raises(MissingDirectoryError, match=f"{missing} directory not found"):
        load_sources(project)


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="file not found"):
        load_turtle_file(tmp_path / "nope.ttl")
