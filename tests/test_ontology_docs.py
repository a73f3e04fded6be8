"""Ontology docs step: pyLODE HTML, clear errors, no logging side effects."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS

from kg.ontology_docs import OntologyDocsError, write_ontology_docs
from kg.settings import Settings
from kg.sources import load_sources


def test_writes_html_for_the_ontology(project: Settings, tmp_path: Path) -> None:
    ontology = load_sources(project).union("ontology")
    before = set(ontology)
    path = write_ontology_docs(ontology, tmp_path / "out")
    assert path == tmp_path / "out" / "ontology.html"
    html = path.read_text(encoding="utf-8")
    assert "Test ontology" in html
    assert "steered by (transitive)" in html
    assert [p.name for p in path.parent.iterdir()] == ["ontology.html"]
    assert set(ontology) == before  # pyLODE works on a copy


def test_ontology_without_header_is_a_clear_error(tmp_path: Path) -> None:
    g = Graph()
    g.add((URIRef("http://ex/C"), RDF.type, RDFS.Class))
    with pytest.raises(OntologyDocsError, match="pyLODE could not document the ontology"):
        write_ontology_docs(g, tmp_path)
    assert not (tmp_path / "ontology.html").exists()


def test_importing_pylode_leaves_root_logger_alone() -> None:
    code = (
        "import logging; from kg.ontology_docs import _import_ontpub; _import_ontpub(); "
        "root = logging.getLogger(); print(len(root.handlers), root.level)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert proc.stdout.split() == ["0", str(30)]
