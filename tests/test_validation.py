"""Validation step: pyshacl on data + ontology + closure, issues with source files, the report format."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef

from kg.closure import compute_closure
from kg.settings import CANONICAL_BASE_IRI, Settings
from kg.sources import load_sources
from kg.validation import ShapesError, load_shapes, validate

ACTOR = CANONICAL_BASE_IRI + "id/actor/"
SHAPES = "https://w3id.org/innovasjon/shapes#"


def _validate_project(settings: Settings, *, closure: bool = True):
    loaded = load_sources(settings)
    data = loaded.union()
    if closure:
        for t in compute_closure(data):
            data.add(t)
    return validate(data, load_shapes(settings), source_of=loaded.source_of)


def test_warnings_do_not_fail(project: Settings) -> None:
    result = _validate_project(project)
    assert result.conforms
    assert [(str(i.focus_node), i.severity) for i in result.results] == [(ACTOR + "difi", "Warning")]
    issue = result.results[0]
    assert issue.source_file == "data/agencies.ttl"
    assert issue.message == "An actor should have a description."
    assert str(issue.result_path) == "http://purl.org/dc/terms/description"
    assert isinstance(issue.source_shape, BNode)


def test_violation_reported_with_source_file_and_shape(project: Settings, pipeline_fixtures: Path) -> None:
    shutil.copy(pipeline_fixtures / "invalid" / "missing-label.ttl", project.project_dir / "data" / "nfd.ttl")
    result = _validate_project(project)
    assert not result.conforms
    violations = [i for i in result.results if i.severity == "Violation"]
    assert [str(i.focus_node) for i in violations] == [ACTOR + "nfd"]
    assert violations[0].source_file == "data/nfd.ttl"
    assert violations[0].shape_label == "shapes:ActorShape › preferred label in nb"
    assert result.count("Warning") == 1


def test_sparql_constraint_on_inferred_triples(project: Settings, pipeline_fixtures: Path) -> None:
    shutil.copy(pipeline_fixtures / "invalid" / "steering-cycle.ttl", project.project_dir / "data" / "cycle.ttl")
    # steeredByTransitive is never asserted: only the closure (subproperty + transitivity) exposes the cycle
    assert _validate_project(project, closure=False).conforms
    result = _validate_project(project)
    cyclic = {str(i.focus_node) for i in result.results if i.source_shape == URIRef(SHAPES + "NotOwnSuperiorShape")}
    assert cyclic == {ACTOR + "kmd", ACTOR + "regjeringen"}
    assert not result.conforms


def test_report_groups_by_focus_node_with_source_and_summary(project: Settings, pipeline_fixtures: Path) -> None:
    shutil.copy(pipeline_fixtures / "invalid" / "missing-label.ttl", project.project_dir / "data" / "nfd.ttl")
    text = _validate_project(project).text
    lines = text.splitlines()
    # worst first: the violation's focus node heads the report, with the file that asserted it
    assert lines[0] == "actor:nfd  (data/nfd.ttl)"
    assert lines[1] == "  Violation: An actor needs exactly one preferred label in Norwegian Bokmål (nb)."
    assert lines[2] == "    path:  skos:prefLabel"
    assert lines[4] == "    shape: shapes:ActorShape › preferred label in nb"
    assert "actor:difi  (data/agencies.ttl)" in lines
    assert lines[-1] == "Summary: 1 violation, 1 warning, 0 infos on 2 focus nodes — does not conform"


def test_report_shows_offending_value(project: Settings, pipeline_fixtures: Path) -> None:
    shutil.copy(pipeline_fixtures / "invalid" / "steering-cycle.ttl", project.project_dir / "data" / "cycle.ttl")
    text = _validate_project(project).text
    block = text.split("actor:kmd  (data/actors.ttl)\n", 1)[1].split("\n\n", 1)[0]
    assert "Violation: An actor is (transitively) steered by itself." in block
    assert "value: actor:kmd" in block


def test_no_shapes_directory_means_nothing_to_validate(project: Settings) -> None:
    shutil.rmtree(project.project_dir / "shapes")
    shapes = load_shapes(project)
    assert len(shapes) == 0
    result = validate(load_sources(project).union(), shapes)
    assert result.conforms and result.results == []


def test_english_message_preferred() -> None:
    shapes = Graph().parse(
        data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        <http://ex/S> a sh:NodeShape ; sh:targetNode <http://ex/a> ;
            sh:property [ sh:path <http://ex/p> ; sh:minCount 1 ;
                          sh:message "Mangler p."@nb, "Lacks p."@en ] .
        """,
        format="turtle",
    )
    data = Graph()
    data.add((URIRef("http://ex/a"), URIRef("http://ex/q"), Literal("x")))
    result = validate(data, shapes)
    assert [i.message for i in result.results] == ["Lacks p."]
    assert result.results[0].source_file is None
    assert "(source unknown)" in result.text


def test_invalid_shape_is_a_clear_error() -> None:
    shapes = Graph().parse(
        data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        <http://ex/S> a sh:NodeShape ; sh:targetNode <http://ex/a> ;
            sh:sparql [ sh:select "SELECT $this WHERE { VALUES ?x { 1 } $this ?p ?x }" ] .
        """,
        format="turtle",
    )
    data = Graph()
    data.add((URIRef("http://ex/a"), URIRef("http://ex/p"), Literal(1)))
    with pytest.raises(ShapesError, match="the SHACL shapes are invalid: .*VALUES") as info:
        validate(data, shapes)
    assert info.value.exit_code == 2
