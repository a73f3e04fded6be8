"""Fixtures for the W3C suites: one ``kg serve --data`` server per data set, started once per session.

Every data file of every evaluation test is loaded into its own named graph (named by its file
IRI), so one server answers all 244 tests: each request selects its dataset with
``default-graph-uri``/``named-graph-uri``.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from endpoint_server import running_server  # noqa: E402
from manifests import W3C_ROOT, eval_tests, load_manifest  # noqa: E402

_RDF_FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES, ".rdf": ox.RdfFormat.RDF_XML}


def _named_graph_dump(files: dict[Path, str], target: Path) -> Path:
    """Write every file into one N-Quads file, each in the named graph ``files[path]``."""
    quads: list[ox.Quad] = []
    for path, graph in sorted(files.items()):
        for t in ox.parse(path=str(path), format=_RDF_FORMATS[path.suffix], base_iri=path.resolve().as_uri()):
            quads.append(ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(graph)))
    ox.serialize(quads, str(target), format=ox.RdfFormat.N_QUADS)
    return target


@pytest.fixture(scope="session")
def eval_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server holding every data file of the evaluation suites, each in its own named graph."""
    files: dict[Path, str] = {}
    for t in eval_tests():
        for f in (*t.data, *t.graph_data):
            files[f] = f.resolve().as_uri()
    dump = _named_graph_dump(files, tmp_path_factory.mktemp("w3c") / "eval.nq")
    with running_server([dump], env={"KG_QUERY_TIMEOUT": "20", "KG_QUERY_WORKERS": "2"}) as base:
        yield base


@pytest.fixture(scope="session")
def protocol_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server holding the protocol suite's graphs under the IRIs the manifest names."""
    m = load_manifest(W3C_ROOT / "protocol" / "manifest.ttl")
    ut = "http://www.w3.org/2009/sparql/tests/test-update#"
    files: dict[Path, str] = {}
    for q in m.store.quads_for_pattern(None, ox.NamedNode(ut + "graphData"), None):
        graph_file = m.one(q.object, ut + "graph")
        label = m.one(q.object, "http://www.w3.org/2000/01/rdf-schema#label")
        from manifests import file_path

        files[file_path(graph_file)] = label.value  # type: ignore[union-attr]
    dump = _named_graph_dump(files, tmp_path_factory.mktemp("protocol") / "protocol.nq")
    with running_server([dump]) as base:
        yield base


_counts: dict[str, list[int]] = {}


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Count W3C passes per suite file for the summary line."""
    if "tests/w3c/" not in report.nodeid.replace("\\", "/") or "[" not in report.nodeid or report.when != "call":
        return
    module = report.nodeid.split("::")[0].rsplit("/", 1)[-1]
    passed, total = _counts.setdefault(module, [0, 0])
    _counts[module] = [passed + (1 if report.passed else 0), total + 1]


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print the W3C pass counts."""
    for module, (passed, total) in sorted(_counts.items()):
        terminalreporter.write_line(f"W3C {module}: {passed} of {total} passed")
