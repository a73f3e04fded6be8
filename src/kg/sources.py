"""Load step: parse every ontology and data Turtle file into its own named graph.

Each file under ``ontology/`` and ``data/`` becomes one named graph whose IRI is derived from its
path (``data/actors.ttl`` → ``<base>graph/data/actors``), so the origin of every triple is known.
Sources are written against the canonical base ``https://w3id.org/innovasjon/``; when the
configured base differs, every IRI starting with the canonical base is rewritten at load time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.plugins.parsers.notation3 import BadSyntax
from rdflib.term import Node

from kg.errors import InputError, MissingDirectoryError, SourceSyntaxError
from kg.namespaces import ProjectNamespaces
from kg.settings import CANONICAL_BASE_IRI, Settings

SOURCE_DIRS: tuple[str, ...] = ("ontology", "data")
"""Directories whose Turtle files make up the asserted graph, in load order."""

# Characters that may not appear in an IRI (RFC 3987 / N-Triples IRIREF); rdflib accepts them
# with a log warning and then writes a snapshot no other tool can read.
_BAD_IRI_CHARS = re.compile(r'[\x00-\x20<>"{}|^`\\]')


@dataclass(frozen=True)
class SourceFile:
    """One loaded source file and the named graph it went into."""

    rel_path: str
    path: Path
    graph_iri: URIRef
    kind: str
    triples: int


@dataclass
class LoadedSources:
    """The asserted dataset: one named graph per source file, plus an index of who asserted what."""

    dataset: Dataset
    files: list[SourceFile]
    namespaces: ProjectNamespaces
    _subject_source: dict[Node, str] = field(default_factory=dict, repr=False)

    def graphs(self, kind: str | None = None) -> Iterator[Graph]:
        """The named graph of every source file (optionally only ``ontology`` or ``data`` ones)."""
        for f in self.files:
            if kind is None or f.kind == kind:
                yield self.dataset.graph(f.graph_iri)

    def union(self, kind: str | None = None) -> Graph:
        """A new plain graph holding the triples of every (or every ``kind``) source graph."""
        return merge_graphs(self.graphs(kind), namespace_source=self.dataset)

    def source_of(self, node: Node) -> str | None:
        """Relative path of the file that asserted ``node``: the one typing it, else the first one
        using it as a subject, else the first one mentioning it as an object; None if none does."""
        if not self._subject_source:
            self._index_subjects()
        return self._subject_source.get(node)

    def _index_subjects(self) -> None:
        typed: dict[Node, str] = {}
        first: dict[Node, str] = {}
        mentioned: dict[Node, str] = {}
        for f in self.files:
            g = self.dataset.graph(f.graph_iri)
            for s in g.subjects(RDF.type, None, unique=True):
                typed.setdefault(s, f.rel_path)
            for s in g.subjects(unique=True):
                first.setdefault(s, f.rel_path)
            for o in g.objects(unique=True):
                if not isinstance(o, Literal):
                    mentioned.setdefault(o, f.rel_path)
        mentioned.update(first)
        mentioned.update(typed)
        self._subject_source = mentioned

    @property
    def asserted_count(self) -> int:
        return sum(f.triples for f in self.files)


def merge_graphs(graphs: Iterable[Graph], *, namespace_source: Graph | None = None) -> Graph:
    """Copy the triples of several graphs into one new in-memory graph."""
    out = Graph()
    if namespace_source is not None:
        for prefix, ns in namespace_source.namespaces():
            out.bind(prefix, ns, override=False, replace=False)
    for g in graphs:
        for triple in g:
            out.add(triple)
    return out


def source_files(project_dir: Path, dirs: Iterable[str] = SOURCE_DIRS, *, required: bool = True) -> list[Path]:
    """Sorted ``*.ttl`` files under each directory (recursively); missing dir → MissingDirectoryError."""
    found: list[Path] = []
    for name in dirs:
        d = project_dir / name
        if not d.is_dir():
            if required:
                raise MissingDirectoryError(d, name)
            continue
        found.extend(sorted(p for p in d.rglob("*.ttl") if p.is_file()))
    return found


def load_turtle_file(path: Path | str, *, base_iri: str | None = None) -> Graph:
    """Parse one Turtle file. Raises SourceSyntaxError(path, line, parser message) on bad input.

    With ``base_iri`` (different from the canonical base), IRIs under the canonical base are
    rewritten to it.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"file not found: {path}") from None
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    graph = Graph()
    try:
        graph.parse(data=data, format="turtle", publicID=path.resolve().as_uri())
    except BadSyntax as exc:
        raise SourceSyntaxError(path, _bad_syntax_line(exc), str(getattr(exc, "_why", "")) or "bad syntax") from None
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise SourceSyntaxError(path, line, f"not valid UTF-8 ({exc.reason})") from None
    except Exception as exc:  # rdflib raises assorted types (ValueError, ParserError, ...) for bad input
        raise SourceSyntaxError(path, None, f"{type(exc).__name__}: {exc}") from None
    _check_iris(graph, path, data)
    if base_iri is not None and base_iri != CANONICAL_BASE_IRI:
        graph = rebase_graph(graph, CANONICAL_BASE_IRI, base_iri)
    return graph


def _bad_syntax_line(exc: BadSyntax) -> int | None:
    """1-based line of a BadSyntax error, counted from the parser's character offset.

    rdflib's own ``lines`` attribute is 0-based (its message adds one); counting newlines up to
    the error offset is exact even across multi-line string literals.
    """
    text, pos = getattr(exc, "_str", None), getattr(exc, "_i", None)
    if isinstance(text, (bytes, str)) and isinstance(pos, int):
        newline = b"\n" if isinstance(text, bytes) else "\n"
        return text.count(newline, 0, pos) + 1  # type: ignore[arg-type]
    lines = getattr(exc, "lines", None)
    return lines + 1 if isinstance(lines, int) else None


def _check_iris(graph: Graph, path: Path, data: bytes) -> None:
    """Reject IRIs rdflib lets through but no serializer can write (spaces, quotes, ...)."""
    for node in graph.all_nodes():
        if isinstance(node, URIRef) and _BAD_IRI_CHARS.search(node):
            needle = str(node).rsplit("/", 1)[-1].rsplit("#", 1)[-1].encode() or str(node).encode()
            pos = data.find(needle)
            line = data.count(b"\n", 0, pos) + 1 if pos >= 0 else None
            raise SourceSyntaxError(path, line, f"invalid IRI <{node}> (contains a space or a forbidden character)")


#: Predicates whose literal values are SPARQL text or namespace IRIs (SHACL-SPARQL), rebased like IRIs.
_IRI_TEXT_PREDICATES = frozenset(URIRef("http://www.w3.org/ns/shacl#" + name) for name in ("select", "ask", "namespace"))


def rebase_node(node: Node, old: str, new: str) -> Node:
    """``node`` with the IRI prefix ``old`` replaced by ``new`` (literal datatypes and xsd:anyURI values too)."""
    if isinstance(node, URIRef):
        return URIRef(new + node[len(old):]) if node.startswith(old) else node
    if isinstance(node, Literal) and node.datatype is not None:
        datatype = URIRef(new + node.datatype[len(old):]) if node.datatype.startswith(old) else node.datatype
        value = str(node)
        if datatype == XSD.anyURI and value.startswith(old):
            value = new + value[len(old):]
        if datatype != node.datatype or value != str(node):
            return Literal(value, datatype=datatype)
    return node


def rebase_graph(graph: Graph, old: str, new: str) -> Graph:
    """A copy of ``graph`` with every IRI starting with ``old`` moved under ``new``.

    SHACL-SPARQL texts (``sh:select``, ``sh:ask``) and ``sh:namespace`` values are rebased as well, so shapes keep
    checking the right IRIs under a configured base. Other literals (labels, descriptions) are left alone.
    """
    out = Graph()
    for prefix, ns in graph.namespaces():
        ns_str = str(ns)
        out.bind(prefix, new + ns_str[len(old):] if ns_str.startswith(old) else ns, override=True, replace=True)
    for s, p, o in graph:
        if p in _IRI_TEXT_PREDICATES and isinstance(o, Literal) and old in str(o):
            o = Literal(str(o).replace(old, new), lang=o.language, datatype=o.datatype)
        out.add((rebase_node(s, old, new), rebase_node(p, old, new), rebase_node(o, old, new)))
    return out


def load_sources(settings: Settings) -> LoadedSources:
    """Parse every ``ontology/**/*.ttl`` and ``data/**/*.ttl`` (sorted) into its own named graph."""
    namespaces = ProjectNamespaces(settings.base_iri)
    project_dir = settings.project_dir
    dataset = Dataset()
    files: list[SourceFile] = []
    for path in source_files(project_dir):
        rel_path = path.relative_to(project_dir).as_posix()
        graph = load_turtle_file(path, base_iri=settings.base_iri)
        graph_iri = URIRef(namespaces.graph_for_source(rel_path))
        target = dataset.graph(graph_iri)
        target.addN((s, p, o, target) for s, p, o in graph)
        for prefix, ns in graph.namespaces():
            dataset.bind(prefix, ns, override=False, replace=False)
        files.append(SourceFile(rel_path, path, graph_iri, rel_path.split("/", 1)[0], len(graph)))
    return LoadedSources(dataset=dataset, files=files, namespaces=namespaces)
