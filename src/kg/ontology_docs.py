"""Ontology-docs step: HTML documentation of the ontology, generated with pyLODE (OntPub profile)."""

from __future__ import annotations

import importlib.metadata
import logging
import os
import sys
import tempfile
import types
import warnings
from pathlib import Path

from rdflib import Graph

from kg.errors import KGError

DOCS_FILENAME = "ontology.html"


class OntologyDocsError(KGError):
    """pyLODE could not document the ontology; the message carries pyLODE's reason."""


def _import_ontpub() -> type:
    """Import pyLODE's OntPub, working around pyLODE 3.4's ``pylode.version`` module, which reads
    a ``pyproject.toml`` that only exists in a source checkout (so the installed wheel fails to
    import). The version is taken from the installed distribution's metadata instead."""
    if "pylode.version" not in sys.modules:
        try:
            version = importlib.metadata.version("pylode")
        except importlib.metadata.PackageNotFoundError as exc:
            raise OntologyDocsError("pyLODE is not installed (pip install pylode)") from exc
        shim = types.ModuleType("pylode.version")
        shim.__version__ = version  # type: ignore[attr-defined]
        sys.modules["pylode.version"] = shim
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        from pylode import OntPub
    except Exception as exc:  # an import-time failure inside pyLODE is a tool problem, say so plainly
        raise OntologyDocsError(f"pyLODE failed to import: {type(exc).__name__}: {exc}") from exc
    finally:
        # pyLODE's supermodel loader calls logging.basicConfig(level=DEBUG) at import time, which
        # would flood every later log call of the process; undo it.
        for handler in root.handlers[:]:
            if handler not in handlers:
                root.removeHandler(handler)
        root.setLevel(level)
    return OntPub


def write_ontology_docs(ontology_graph: Graph, out_dir: Path) -> Path:
    """Write ``out_dir/ontology.html`` documenting ``ontology_graph``; returns its path.

    Raises OntologyDocsError (naming pyLODE's complaint) when the graph cannot be documented,
    e.g. when it has no ``owl:Ontology`` header. The file is replaced atomically.
    """
    OntPub = _import_ontpub()
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / DOCS_FILENAME
    graph = Graph()
    for prefix, ns in ontology_graph.namespaces():
        graph.bind(prefix, ns, override=False, replace=False)
    for triple in ontology_graph:
        graph.add(triple)
    try:
        with warnings.catch_warnings():
            # pyLODE 3.4 reads its stylesheet with open(...).read() and never closes the file
            warnings.simplefilter("ignore", ResourceWarning)
            html = OntPub(ontology=graph, sort_subjects=True).make_html()
    except Exception as exc:  # pyLODE signals bad ontologies with assorted exception types
        raise OntologyDocsError(f"pyLODE could not document the ontology: {type(exc).__name__}: {exc}") from exc
    fd, tmp = tempfile.mkstemp(prefix=".ontology.", suffix=".html.tmp", dir=out_dir)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(html)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
