"""The SHACL shapes in shapes/: every rule has a violating fixture and a valid twin.

Each ``tests/fixtures/invalid/<rule>.ttl`` names the results it must produce in comment lines
``# expect: <shape> <focus node>`` (CURIEs of the file's prefixes or <IRIs>). It is validated with
the ontology and the OWL 2 RL closure (so inferred types, inverse and chain properties count)
against ALL shapes: the Violations must be exactly the expected pairs, and expected Warnings must
be present. ``tests/fixtures/valid/<rule>.ttl`` must produce no Violation and nothing from the
rule's own shape.

The context is the ontology without its citations (``inno:source`` of its concepts point at
report sections that live in data/report.ttl, which fixtures do not load). Speed: the context's
closure is computed once; a fixture's own inferences come from the closure of the fixture plus
the ontology's axioms only (``test_fixture_closure_shortcut_is_complete`` checks that nothing of
the full closure is missed). Results of the context plus the fixtures' shared preamble (the
report, two sections, one directorate: the valid twin of the ``report`` rule) are the baseline and
are set aside; ``test_baseline_is_empty`` keeps it empty today.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS
from rdflib.term import Node

from kg.closure import compute_closure
from kg.namespaces import SH
from kg.settings import Settings
from kg.sources import load_turtle_file, source_files
from kg.validation import ValidationResult, load_shapes, validate

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
INVALID = sorted((FIXTURES / "invalid").glob("*.ttl"))
VALID = sorted((FIXTURES / "valid").glob("*.ttl"))
LINKSETS = FIXTURES / "linksets"
SHAPES_NS = "https://w3id.org/innovasjon/def/shapes#"
ID_NS = "https://w3id.org/innovasjon/id/"
INNO_SOURCE = URIRef("https://w3id.org/innovasjon/def#source")
EXPECT = re.compile(r"^#\s*expect:\s*(\S+)\s+(\S+)\s*$")

# Predicates OWL 2 RL reasons with (schema axioms); everything else in the ontology is facts,
# documentation and provenance, whose inferences are in the cached ontology closure.
AXIOM_PREDICATES = frozenset({
    RDFS.subClassOf, RDFS.subPropertyOf, RDFS.domain, RDFS.range, OWL.inverseOf, OWL.propertyChainAxiom,
    OWL.equivalentClass, OWL.equivalentProperty, OWL.intersectionOf, OWL.unionOf, OWL.complementOf, OWL.oneOf,
    OWL.onProperty, OWL.hasValue, OWL.someValuesFrom, OWL.allValuesFrom, OWL.members, OWL.disjointWith,
    OWL.propertyDisjointWith, OWL.hasKey, OWL.maxCardinality, OWL.maxQualifiedCardinality, OWL.onClass,
    RDF.first, RDF.rest,
})

Pair = tuple[Node, Node]


@dataclass(frozen=True)
class Context:
    """The ontology, its closure, its axioms, the shapes, and what the ontology alone reports."""

    ontology: Graph
    closure: Graph
    axioms: Graph
    shapes: Graph
    baseline: frozenset[Pair]


@pytest.fixture(scope="session")
def context() -> Context:
    settings = Settings.from_env(project_dir=ROOT)
    ontology = Graph()
    for path in source_files(ROOT, ("ontology",)):
        for s, p, o in load_turtle_file(path):
            if not (p == INNO_SOURCE and str(s).startswith(ID_NS)):
                ontology.add((s, p, o))
    closure = compute_closure(ontology)
    axioms = Graph()
    for s, p, o in ontology:
        if p in AXIOM_PREDICATES or (p == RDF.type and isinstance(o, URIRef) and o.startswith(str(OWL))):
            axioms.add((s, p, o))
    shapes = load_shapes(settings)
    ctx = Context(ontology, closure, axioms, shapes, frozenset())
    preamble = Graph().parse(FIXTURES / "valid" / "report.ttl")
    baseline = _pairs(validate(_graph_for(preamble, ctx), shapes))
    return Context(ontology, closure, axioms, shapes, frozenset(baseline))


def _pairs(result: ValidationResult, severity: str | None = None) -> set[Pair]:
    """(source shape, focus node) of the report's top-level results (not nested sh:detail ones)."""
    report = result.report_graph
    pairs = set()
    for r in report.objects(None, SH.result):
        level = str(report.value(r, SH.resultSeverity)).rsplit("#", 1)[-1]
        if severity is None or level == severity:
            pairs.add((report.value(r, SH.sourceShape), report.value(r, SH.focusNode)))
    return pairs


def _graph_for(fixture: Graph, ctx: Context) -> Graph:
    """Fixture + ontology + ontology closure + the fixture's own OWL RL inferences."""
    graph = ctx.ontology + ctx.closure
    graph += fixture
    graph += compute_closure(ctx.axioms + fixture)
    return graph


def _expectations(path: Path, fixture: Graph) -> set[Pair]:
    """The ``# expect: <shape> <focus>`` header lines of a fixture, as IRI pairs."""
    pairs = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        match = EXPECT.match(line)
        if match:
            pairs.add((_expand(match.group(1), fixture), _expand(match.group(2), fixture)))
    return pairs


def _expand(token: str, graph: Graph) -> URIRef:
    if token.startswith("<") and token.endswith(">"):
        return URIRef(token[1:-1])
    return URIRef(graph.namespace_manager.expand_curie(token))


def _rule_shape(path: Path) -> URIRef:
    """The shape a fixture is about, from its first line ``# Rule shp:XShape (...)``."""
    first = path.read_text(encoding="utf-8").splitlines()[0]
    match = re.match(r"^# Rule shp:(\w+)", first)
    assert match, f"{path.name}: first line must name the rule: # Rule shp:<Shape>"
    return URIRef(SHAPES_NS + match.group(1))


def _show(pairs: set[Pair]) -> list[str]:
    return sorted(f"{str(s).removeprefix(SHAPES_NS)} @ {f}" for s, f in pairs)


@pytest.mark.parametrize("path", INVALID, ids=[p.stem for p in INVALID])
def test_invalid_fixture_reports_exactly_its_rule(path: Path, context: Context) -> None:
    fixture = Graph().parse(path)
    expected = _expectations(path, fixture)
    assert expected, f"{path.name} has no '# expect:' line"
    assert {shape for shape, _ in expected} == {_rule_shape(path)}
    assert not expected & context.baseline, "an expected result is already reported for the ontology alone"
    result = validate(_graph_for(fixture, context), context.shapes)
    violations = _pairs(result, "Violation") - context.baseline
    expected_violations = {p for p in expected if _severity(p[0], context.shapes) == "Violation"}
    assert _show(violations) == _show(expected_violations)
    missing = expected - _pairs(result)
    assert not missing, f"expected results not reported: {_show(missing)}"


@pytest.mark.parametrize("path", VALID, ids=[p.stem for p in VALID])
def test_valid_twin_conforms(path: Path, context: Context) -> None:
    fixture = Graph().parse(path)
    result = validate(_graph_for(fixture, context), context.shapes)
    violations = _pairs(result, "Violation") - context.baseline
    assert _show(violations) == []
    own = {p for p in _pairs(result) if p[0] == _rule_shape(path)} - context.baseline
    assert _show(own) == []


def _severity(shape: Node, shapes: Graph) -> str:
    severity = shapes.value(shape, SH.severity)
    return str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation"


def _named_shapes(shapes: Graph) -> set[URIRef]:
    found = set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.subjects(RDF.type, SH.PropertyShape))
    return {s for s in found if isinstance(s, URIRef)}


TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target)


def test_baseline_is_empty(context: Context) -> None:
    """The ontology plus the fixtures' preamble conforms, so no fixture result is set aside."""
    assert _show(set(context.baseline)) == []


def test_every_shape_is_documented(context: Context) -> None:
    """Every named shape has an English rdfs:label and sh:message and a declared severity."""
    problems = []
    for shape in sorted(_named_shapes(context.shapes)):
        labels = [o for o in context.shapes.objects(shape, RDFS.label) if isinstance(o, Literal) and o.language == "en"]
        messages = [o for o in context.shapes.objects(shape, SH.message) if isinstance(o, Literal) and o.language == "en"]
        severity = context.shapes.value(shape, SH.severity)
        if not labels or not messages or severity not in (SH.Violation, SH.Warning, SH.Info):
            problems.append(str(shape))
    assert problems == []


def test_every_rule_has_both_fixtures(context: Context) -> None:
    """Every shape with a target is some invalid fixture's rule and has a valid twin; shapes without a
    target (scheme membership) are used through sh:node by one that has."""
    rules = {s for s in _named_shapes(context.shapes) if any(context.shapes.value(s, t) is not None for t in TARGETS)}
    covered = {_rule_shape(p) for p in INVALID}
    assert _show({(s, s) for s in rules - covered}) == []
    assert {p.name for p in INVALID} == {p.name for p in VALID}
    helpers = _named_shapes(context.shapes) - rules
    referenced = set(context.shapes.objects(None, SH.node))
    assert _show({(s, s) for s in helpers - referenced}) == []
    assert len(rules) >= 25


def test_fixture_closure_shortcut_is_complete(context: Context) -> None:
    """The fast per-fixture closure misses no inference the full closure of ontology + fixture has."""
    for name in ("goal-area-responsible-actor.ttl", "held-role-assignment-section.ttl", "same-as-target.ttl"):
        fixture = Graph().parse(FIXTURES / "valid" / name)
        fast = _graph_for(fixture, context)
        full = compute_closure(context.ontology + fixture)
        assert not {t for t in full if t not in fast}, name


def test_organisation_number_check_digit_examples(context: Context) -> None:
    """MOD11 (weights 3 2 7 6 5 4 3 2): known-good numbers pass, each single-digit change fails,
    a remainder of 1 (no valid check digit) fails."""
    shape = URIRef(SHAPES_NS + "OrganisationNumberCheckDigitShape")
    good = ["974761076", "991825827", "971526920"]
    bad = ["974761077", "991825828", "100000000", "400000000", "400000001"]  # 4·3 = 12: remainder 1
    for number in good + bad:
        g = Graph().parse(data=f"""
            @prefix inno: <https://w3id.org/innovasjon/def#> .
            <https://registry.example.org/org/1> inno:organisationNumber "{number}" .""", format="turtle")
        result = validate(g + context.axioms, context.shapes)
        reported = shape in {r.source_shape for r in result.results}
        assert reported == (number in bad), number


# --- the project's own graph and external linksets -----------------------------------------------

@pytest.mark.slow
def test_project_graph_conforms() -> None:
    """ontology + data + closure has no Violation (warnings are completeness nudges)."""
    from kg.pipeline import validate_project

    result = validate_project(Settings.from_env(project_dir=ROOT))
    assert result.conforms, result.text[-5000:]


KG = ROOT / ".venv" / "bin" / "kg"


def _data_hashes() -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted((ROOT / "data").glob("*.ttl"))}


def _kg_validate(*files: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    command = str(KG) if KG.exists() else "kg"
    return subprocess.run([command, "validate", *map(str, files)], capture_output=True, text=True, cwd=cwd,
                          timeout=600, env={"PATH": "/usr/bin:/bin", "KG_PROJECT_DIR": str(ROOT)})


@pytest.mark.slow
@pytest.mark.skipif(not KG.exists() and shutil.which("kg") is None, reason="the kg command is not installed")
def test_kg_validate_linksets(tmp_path: Path) -> None:
    """``kg validate LINKSET``: a bad linkset fails (exit 1) with its two faults named; a good one adds
    no result to those of our own graph (exit 0 when the data conforms); data/ is never written."""
    before = _data_hashes()
    ours = _kg_validate(cwd=tmp_path)
    good = _kg_validate(LINKSETS / "good.ttl", cwd=tmp_path)
    bad = _kg_validate(LINKSETS / "bad.ttl", cwd=tmp_path)
    assert ours.returncode in (0, 1), ours.stderr[-2000:]
    assert good.returncode == ours.returncode, good.stdout[-3000:] + good.stderr[-2000:]
    assert "registry.example.org" not in good.stdout
    assert _summary(good.stdout) == _summary(ours.stdout)
    assert bad.returncode == 1, bad.stdout[-3000:] + bad.stderr[-2000:]
    assert "reg:unknown" in bad.stdout or "registry.example.org/org/unknown" in bad.stdout
    assert "not one of our actors" in bad.stdout
    assert "check digit" in bad.stdout
    assert _data_hashes() == before


def _summary(output: str) -> str:
    lines = [line for line in output.splitlines() if line.startswith("Summary:")]
    return lines[-1] if lines else ""
