"""Validation step: SHACL (pyshacl) on data + ontology + closure, and a readable report.

Inference is already in the data graph (the closure step), so pyshacl runs with
``inference='none'``; ``advanced=True`` enables SHACL-SPARQL constraints and ``sh:rule``.
Only ``sh:Violation`` results make a graph non-conforming; warnings and infos are reported.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass

import pyshacl
from pyshacl.errors import ReportableRuntimeError
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.graph import ConjunctiveGraph
from rdflib.namespace import RDF, RDFS
from rdflib.term import Node

from kg.errors import InputError, MissingDirectoryError
from kg.namespaces import SH
from kg.settings import Settings
from kg.sources import load_turtle_file, source_files

class ShapesError(InputError):
    """The shapes graph cannot be used: pyshacl rejected a shape (exit code 2)."""


SEVERITIES: tuple[str, ...] = ("Violation", "Warning", "Info")
"""Severity names (local names of sh:Violation, sh:Warning, sh:Info), worst first."""


@dataclass(frozen=True)
class ValidationIssue:
    """One SHACL validation result, with the file that asserted its focus node."""

    focus_node: Node
    source_shape: Node | None
    result_path: Node | None
    value: Node | None
    message: str
    severity: str
    source_file: str | None
    shape_label: str = ""


@dataclass
class ValidationResult:
    """Outcome of ``validate``: conforms iff there is no Violation (warnings and infos pass)."""

    conforms: bool
    report_graph: Graph
    results: list[ValidationIssue]
    text: str

    def count(self, severity: str) -> int:
        return sum(1 for r in self.results if r.severity == severity)


def load_shapes(settings: Settings) -> Graph:
    """Every ``shapes/**/*.ttl`` merged into one graph (base IRI rewritten like the sources).

    A project without a ``shapes/`` directory has no shapes: an empty graph is returned.
    """
    shapes = Graph()
    try:
        paths = source_files(settings.project_dir, ("shapes",))
    except MissingDirectoryError:
        return shapes
    for path in paths:
        g = load_turtle_file(path, base_iri=settings.base_iri)
        for prefix, ns in g.namespaces():
            shapes.bind(prefix, ns, override=False, replace=False)
        for triple in g:
            shapes.add(triple)
    return shapes


def validate(
    data_graph: Graph,
    shapes_graph: Graph,
    *,
    source_of: Callable[[Node], str | None] | None = None,
) -> ValidationResult:
    """Validate ``data_graph`` (already holding ontology and closure) against ``shapes_graph``.

    A Dataset is merged into one graph first (pyshacl would otherwise validate each named graph
    on its own). ``source_of`` maps a focus node to the file that asserted it, for the report.
    """
    if isinstance(data_graph, (Dataset, ConjunctiveGraph)):
        merged = Graph()
        for s, p, o, _ in data_graph.quads((None, None, None, None)):
            merged.add((s, p, o))
        data_graph = merged
    if len(shapes_graph) == 0:
        report = Graph()
        _bind_prefixes(report, data_graph, shapes_graph)
        return ValidationResult(True, report, [], "No shapes: nothing to validate.")
    try:
        _, report_graph, text = pyshacl.validate(
            data_graph,
            shacl_graph=shapes_graph,
            inference="none",
            advanced=True,
            allow_warnings=True,
            allow_infos=True,
            abort_on_first=False,
        )
    except ReportableRuntimeError as exc:  # a shape pyshacl cannot load (bad sh:path, SPARQL, rule ...)
        raise ShapesError(f"the SHACL shapes are invalid: {getattr(exc, 'message', exc)}") from None
    if not isinstance(report_graph, Graph):  # pyshacl returns (not raises) ValidationFailure for some shape errors
        raise ShapesError(f"the SHACL shapes are invalid: {getattr(report_graph, 'message', text)}")
    _bind_prefixes(report_graph, data_graph, shapes_graph)
    results = _parse_results(report_graph, shapes_graph, source_of)
    conforms = not any(r.severity == "Violation" for r in results)
    result = ValidationResult(conforms, report_graph, results, "")
    result.text = format_report(result)
    return result


def _bind_prefixes(target: Graph, *sources: Graph) -> None:
    for source in sources:
        for prefix, ns in source.namespaces():
            if prefix:
                target.bind(prefix, ns, override=False, replace=False)


def _parse_results(
    report: Graph, shapes: Graph, source_of: Callable[[Node], str | None] | None
) -> list[ValidationIssue]:
    issues: list[ValidationIssue] = []
    # Only the report's own results: results nested under them (sh:detail, from sh:node) would count twice.
    for r in report.objects(None, SH.result):
        focus = report.value(r, SH.focusNode)
        shape = report.value(r, SH.sourceShape)
        severity_node = report.value(r, SH.resultSeverity)
        severity = str(severity_node).rsplit("#", 1)[-1] if severity_node is not None else "Violation"
        message = _pick_message(list(report.objects(r, SH.resultMessage))) or _default_message(report, r)
        issues.append(
            ValidationIssue(
                focus_node=focus,
                source_shape=shape,
                result_path=report.value(r, SH.resultPath),
                value=report.value(r, SH.value),
                message=message,
                severity=severity,
                source_file=source_of(focus) if source_of is not None and focus is not None else None,
                shape_label=_shape_label(shape, shapes, report),
            )
        )
    issues.sort(key=lambda i: (_severity_rank(i.severity), str(i.focus_node), i.message, str(i.value)))
    return issues


def _pick_message(messages: list[Node]) -> str:
    """One message: English if the shape gives several languages, else the first in sort order."""
    ranked = sorted(messages, key=lambda m: (getattr(m, "language", None) not in ("en", None), str(m)))
    return str(ranked[0]) if ranked else ""


def _default_message(report: Graph, result: Node) -> str:
    component = report.value(result, SH.sourceConstraintComponent)
    return f"constraint {_local(component)} not satisfied" if component is not None else "constraint not satisfied"


def _local(node: Node | None) -> str:
    text = str(node)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity) if severity in SEVERITIES else len(SEVERITIES)


def _shape_label(shape: Node | None, shapes: Graph, report: Graph) -> str:
    """A name for a shape: its IRI (compact), its rdfs:label, or its parent node shape › its path."""
    if shape is None:
        return ""
    if isinstance(shape, URIRef):
        return _show(shape, report)
    label = shapes.value(shape, RDFS.label)
    parent = shapes.value(None, SH.property, shape)
    path = shapes.value(shape, SH.path)
    parts = []
    if parent is not None:
        parts.append(_shape_label(parent, shapes, report))
    if label is not None:
        parts.append(str(label))
    elif path is not None:
        parts.append(_show_path(path, shapes, report))
    return " › ".join(parts) or "(anonymous shape)"


def _show(node: Node | None, graph: Graph) -> str:
    if node is None:
        return "-"
    if isinstance(node, URIRef):
        return node.n3(graph.namespace_manager)
    if isinstance(node, Literal):
        return node.n3(graph.namespace_manager)
    return "[blank node]"


def _show_path(path: Node | None, graph: Graph, display: Graph | None = None) -> str:
    """SPARQL-style rendering of a SHACL property path (``^p``, ``p/q``, ``p*`` ...)."""
    display = display if display is not None else graph
    if path is None:
        return "-"
    if isinstance(path, URIRef):
        return _show(path, display)
    if isinstance(path, BNode):
        if graph.value(path, RDF.first) is not None:
            return "/".join(_show_path(p, graph, display) for p in Collection(graph, path))
        for prop, fmt in ((SH.inversePath, "^{}"), (SH.zeroOrMorePath, "{}*"), (SH.oneOrMorePath, "{}+"), (SH.zeroOrOnePath, "{}?")):
            inner = graph.value(path, prop)
            if inner is not None:
                return fmt.format(_show_path(inner, graph, display))
        alt = graph.value(path, SH.alternativePath)
        if alt is not None:
            return "(" + "|".join(_show_path(p, graph, display) for p in Collection(graph, alt)) + ")"
    return "[complex path]"


def summary_line(result: ValidationResult) -> str:
    """``Summary: 2 violations, 1 warning, 0 infos on 3 focus nodes — does not conform``."""
    counts = Counter(r.severity for r in result.results)
    parts = ", ".join(f"{counts.get(s, 0)} {s.lower()}{'' if counts.get(s, 0) == 1 else 's'}" for s in SEVERITIES)
    focus = len({r.focus_node for r in result.results})
    verdict = "conforms" if result.conforms else "does not conform"
    return f"Summary: {parts} on {focus} focus node{'s' if focus != 1 else ''} — {verdict}"


def format_report(result: ValidationResult) -> str:
    """The results grouped by focus node (worst first): source file, then per result the
    severity, message, path, offending value and shape; then a summary line."""
    g = result.report_graph
    groups: dict[Node, list[ValidationIssue]] = defaultdict(list)
    for issue in result.results:
        groups[issue.focus_node].append(issue)
    order = sorted(groups, key=lambda n: (min(_severity_rank(i.severity) for i in groups[n]), str(n)))
    lines: list[str] = []
    for node in order:
        issues = groups[node]
        source = issues[0].source_file or "source unknown"
        lines.append(f"{_show(node, g) if not isinstance(node, BNode) else '[blank node]'}  ({source})")
        for issue in issues:
            lines.append(f"  {issue.severity}: {issue.message}")
            lines.append(f"    path:  {_show_path(issue.result_path, g)}")
            lines.append(f"    value: {_show(issue.value, g)}")
            lines.append(f"    shape: {issue.shape_label or '-'}")
        lines.append("")
    lines.append(summary_line(result))
    return "\n".join(lines)
