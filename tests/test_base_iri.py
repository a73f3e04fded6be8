"""A configured base IRI (KG_BASE_IRI) reaches shapes' SPARQL too; validation reports only top-level results."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from kg.sources import rebase_graph
from kg.validation import validate

OLD = "https://w3id.org/innovasjon/"
NEW = "http://example.test/kg/"
SH = "http://www.w3.org/ns/shacl#"
PROJECT = Path(__file__).resolve().parents[1]


def test_shacl_sparql_texts_and_namespaces_are_rebased():
    g = Graph()
    shape = URIRef(OLD + "shapes#S")
    g.add((shape, URIRef(SH + "select"), Literal(f"SELECT $this WHERE {{ $this a <{OLD}def#Actor> }}")))
    g.add((shape, URIRef(SH + "namespace"), Literal(OLD + "def#", datatype=XSD.anyURI)))
    g.add((shape, URIRef(SH + "message"), Literal(f"see {OLD}")))
    out = rebase_graph(g, OLD, NEW)
    texts = {str(o) for o in out.objects(URIRef(NEW + "shapes#S"), None)}
    assert f"SELECT $this WHERE {{ $this a <{NEW}def#Actor> }}" in texts
    assert NEW + "def#" in texts
    assert f"see {OLD}" in texts  # prose is left alone


def test_project_builds_and_conforms_under_another_base(tmp_path):
    env = {**os.environ, "KG_BASE_IRI": NEW, "KG_BUILD_DIR": str(tmp_path), "KG_PROJECT_DIR": str(PROJECT)}
    run = subprocess.run([sys.executable, "-m", "kg", "build"], env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    iris = {q.subject.value for q in ox.parse(path=str(tmp_path / "snapshot.nq"), format=ox.RdfFormat.N_QUADS)
            if isinstance(q.subject, ox.NamedNode)}
    assert NEW + "id/actor/difi" in iris and not any(i.startswith(OLD) for i in iris)


def test_nested_node_results_are_not_counted_twice():
    shapes = Graph().parse(format="turtle", data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.test/> .
        ex:Outer a sh:NodeShape ; sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:node ex:Inner ] .
        ex:Inner a sh:NodeShape ; sh:property [ sh:path ex:q ; sh:minCount 1 ] .
    """)
    data = Graph().parse(format="turtle", data="@prefix ex: <http://example.test/> . ex:a ex:p ex:b .")
    result = validate(data, shapes)
    assert not result.conforms
    assert [str(i.focus_node) for i in result.results] == ["http://example.test/a"]
