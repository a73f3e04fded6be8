"""The build pipeline: load → closure → validate → canned queries → ontology docs → snapshot.

Each step lives in its own module; this one runs them in order, times them, prints counts, and
writes the snapshot only when validation found no violations.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD

from kg.closure import compute_closure, cyclic_gc_paused
from kg.errors import ValidationFailed
from kg.namespaces import SH, ProjectNamespaces
from kg.ontology_docs import OntologyDocsError, write_ontology_docs
from kg.settings import Settings
from kg.snapshot import read_snapshot_meta, source_version, stale_reason, write_snapshot
from kg.sources import LoadedSources, load_sources, load_turtle_file, merge_graphs
from kg.validation import ValidationResult, load_shapes, validate

Out = Callable[[str], None]
_NOT_COUNTED = (str(RDF), str(RDFS), str(OWL), str(XSD), str(SH))


@dataclass
class BuildReport:
    """What a build produced: counts, per-step timings, validation outcome, snapshot metadata."""

    meta: dict[str, Any]
    validation: ValidationResult
    timings: dict[str, float] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    docs_path: Path | None = None


@dataclass
class _Timer:
    timings: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.timings[name] = round(time.perf_counter() - start, 3)


def count_classes(*graphs: Graph) -> dict[str, int]:
    """Distinct instances per class (``?x rdf:type C``) over the given graphs, built-in vocabularies excluded."""
    members: dict[URIRef, set] = {}
    for g in graphs:
        for s, c in g.subject_objects(RDF.type):
            if isinstance(c, URIRef) and not str(c).startswith(_NOT_COUNTED):
                members.setdefault(c, set()).add(s)
    counts = {str(c): len(m) for c, m in members.items()}
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def load_queries_graph(settings: Settings, namespaces: ProjectNamespaces) -> Graph | None:
    """The canned queries as RDF (``kg.canned_queries``), or None when that package is not installed.

    A malformed query file raises QueryDefinitionError (naming the file) from the registry.
    """
    try:
        from kg.canned_queries import load_registry
    except ModuleNotFoundError as exc:
        if exc.name == "kg.canned_queries":
            return None
        raise
    registry = load_registry(settings)
    return registry.to_graph(namespaces)


def build(settings: Settings, *, out: Out = print) -> BuildReport:
    """Run the whole pipeline and write the snapshot; ValidationFailed (snapshot untouched) on violations."""
    timer = _Timer()
    namespaces = ProjectNamespaces(settings.base_iri)
    warnings: list[str] = []

    version = source_version(settings)  # hashed before reading, so edits during the build make it stale
    with timer.step("load"), cyclic_gc_paused():  # not during validation: pyshacl makes cyclic garbage
        loaded = load_sources(settings)
    out(f"load      {timer.timings['load']:8.2f} s  {len(loaded.files)} files, {loaded.asserted_count} triples asserted")

    with timer.step("closure"):
        inferred = compute_closure(loaded.dataset)
    out(f"closure   {timer.timings['closure']:8.2f} s  {len(inferred)} triples inferred (OWL 2 RL)")

    with timer.step("validate"):
        shapes = load_shapes(settings)
        data = loaded.union()
        for triple in inferred:
            data.add(triple)
        result = validate(data, shapes, source_of=loaded.source_of)
    verdict = "conforms" if result.conforms else "DOES NOT CONFORM"
    out(f"validate  {timer.timings['validate']:8.2f} s  {verdict} ({len(shapes)} shape triples; "
        f"{result.count('Violation')} violations, {result.count('Warning')} warnings, {result.count('Info')} infos)")
    if result.results:
        out(result.text)
    if not result.conforms:
        raise ValidationFailed(
            f"validation failed with {result.count('Violation')} violation(s); snapshot not replaced"
        )

    with timer.step("queries"):
        queries = load_queries_graph(settings, namespaces)
    if queries is None:
        warnings.append("canned queries: kg.canned_queries is not installed; no queries graph")
        out(f"queries   {timer.timings['queries']:8.2f} s  skipped (kg.canned_queries not installed)")
    else:
        out(f"queries   {timer.timings['queries']:8.2f} s  {len(queries)} triples")

    docs_path: Path | None = None
    with timer.step("docs"):
        try:
            docs_path = write_ontology_docs(_documented_ontology(loaded), settings.build_path)
        except OntologyDocsError as exc:
            warnings.append(f"ontology docs: {exc}")
    out(f"docs      {timer.timings['docs']:8.2f} s  " + (str(docs_path) if docs_path else f"FAILED: {warnings[-1]}"))

    started = time.perf_counter()
    with cyclic_gc_paused():
        dataset = _assemble(loaded, inferred, queries, namespaces)
        meta = write_snapshot(
            dataset, _meta(loaded, inferred, queries, namespaces, version, timer.timings), settings, started=started
        )
    timer.timings["snapshot"] = meta["timings"]["snapshot"]
    total = round(sum(timer.timings.values()), 3)
    out(f"snapshot  {timer.timings['snapshot']:8.2f} s  {settings.snapshot_path} (version {meta['version']})")
    out(f"total     {total:8.2f} s")
    _print_counts(meta, out, loaded.dataset)
    return BuildReport(meta=meta, validation=result, timings=dict(timer.timings), warnings=warnings, docs_path=docs_path)


def _assemble(loaded: LoadedSources, inferred: Graph, queries: Graph | None, namespaces: ProjectNamespaces) -> Dataset:
    dataset = loaded.dataset
    target = dataset.graph(URIRef(namespaces.inferred_graph))
    target.addN((s, p, o, target) for s, p, o in inferred)
    if queries is not None:
        qg = dataset.graph(URIRef(namespaces.queries_graph))
        qg.addN((s, p, o, qg) for s, p, o in queries)
    return dataset


def _meta(
    loaded: LoadedSources,
    inferred: Graph,
    queries: Graph | None,
    namespaces: ProjectNamespaces,
    version: str,
    timings: dict[str, float],
) -> dict[str, Any]:
    graphs: dict[str, dict[str, Any]] = {
        str(f.graph_iri): {"source": f.rel_path, "kind": "asserted", "triples": f.triples} for f in loaded.files
    }
    graphs[namespaces.inferred_graph] = {"source": None, "kind": "inferred", "triples": len(inferred)}
    if queries is not None:
        graphs[namespaces.queries_graph] = {"source": None, "kind": "queries", "triples": len(queries)}
    return {
        "version": version,
        "base_iri": namespaces.base,
        "graphs": graphs,
        "counts": {
            "asserted": loaded.asserted_count,
            "inferred": len(inferred),
            "classes": count_classes(*loaded.graphs(), inferred),
        },
        "timings": dict(timings),
    }


def _print_counts(meta: dict[str, Any], out: Out, names: Graph) -> None:
    counts = meta["counts"]
    out(f"triples   {counts['asserted']} asserted, {counts['inferred']} inferred")
    if counts["classes"]:
        out("instances per class (asserted + inferred):")
        for cls, n in counts["classes"].items():
            out(f"  {n:7d}  {URIRef(cls).n3(names.namespace_manager)}")


def ensure_snapshot(settings: Settings, *, out: Out = print) -> dict[str, Any]:
    """The snapshot's metadata, rebuilding it first when it is missing or stale."""
    reason = stale_reason(settings)
    if reason is not None:
        out(f"snapshot is stale ({reason}); building")
        build(settings, out=out)
    return read_snapshot_meta(settings)


def validate_project(settings: Settings, extra_files: list[Path] | None = None) -> ValidationResult:
    """Validate the project graph plus extra Turtle files (e.g. a registry's linkset).

    The extra files are parsed like sources (base IRI rewritten), joined with ontology + data,
    the closure is computed over the whole, and SHACL runs on the result. Nothing is written.
    """
    with cyclic_gc_paused():
        loaded = load_sources(settings)
    data = loaded.union()
    extra_sources: dict[Any, str] = {}
    for path in extra_files or []:
        extra = load_turtle_file(path, base_iri=settings.base_iri)
        for prefix, ns in extra.namespaces():
            data.bind(prefix, ns, override=False, replace=False)
        for triple in extra:
            data.add(triple)
            extra_sources.setdefault(triple[0], str(path))
    for triple in compute_closure(data):
        data.add(triple)

    def source_of(node: Any) -> str | None:
        return loaded.source_of(node) or extra_sources.get(node)

    return validate(data, load_shapes(settings), source_of=source_of)


def _documented_ontology(loaded: LoadedSources) -> Graph:
    """The ontology pyLODE documents: core, imports and extensions, without the SKOS schemes of ``ontology/vocab/``
    (pyLODE would merge every scheme's title into the page's metadata)."""
    graphs = (loaded.dataset.graph(f.graph_iri) for f in loaded.files
              if f.kind == "ontology" and not f.rel_path.startswith("ontology/vocab/"))
    return merge_graphs(graphs, namespace_source=loaded.dataset)
