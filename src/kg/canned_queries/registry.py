"""Loading canned queries: ``queries/*.rq`` files, their ``#+`` TOML headers, and validation.

A canned query is one SPARQL file whose leading ``#+ `` lines carry TOML metadata (the grlc
convention, parsed with :mod:`tomllib`). The name is the file stem. Loading fails with
:class:`kg.errors.QueryDefinitionError` naming the file when the SPARQL does not parse (rdflib
or pyoxigraph), the header does not follow the format, or a declared parameter is not a
variable of the query.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import pyoxigraph
from rdflib import Variable
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parserutils import CompValue

from kg.errors import QueryDefinitionError
from kg.settings import CANONICAL_BASE_IRI, Settings

if TYPE_CHECKING:
    from rdflib import Graph

    from kg.namespaces import ProjectNamespaces

QueryForm = Literal["select", "construct", "ask", "describe"]
ParamType = Literal["iri", "literal", "concept"]

HEADER_PREFIX = "#+"
_NAME_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_SOURCE_RE = re.compile(r"^(fig:[0-9]+|[0-9]+(\.[0-9]+)*|vedlegg-[0-9]+|forord|referanseark)$")
_LANG_RE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$")
_TOP_KEYS = {"title", "description", "tags", "source", "params"}
_PARAM_KEYS = {"type", "scheme", "default", "required", "example", "description", "values", "datatype"}
_DATATYPE_NAMES = ("xsd:integer", "xsd:decimal", "xsd:gYear", "xsd:string")  # kg.canned_queries.params.DATATYPES
_FORMS: dict[str, QueryForm] = {
    "SelectQuery": "select",
    "ConstructQuery": "construct",
    "AskQuery": "ask",
    "DescribeQuery": "describe",
}


@dataclass(frozen=True)
class Parameter:
    """A declared parameter of a canned query (bound to the query variable of the same name)."""

    name: str
    type: ParamType
    description: str = ""
    scheme: str | None = None
    default: str | None = None
    required: bool = False
    example: str | None = None
    values: tuple[str, ...] = ()
    datatype: str | None = None


@dataclass(frozen=True)
class CannedQuery:
    """One canned query: its SPARQL text (base IRI already applied) and header metadata."""

    name: str
    path: Path
    sparql: str
    form: QueryForm
    title: dict[str, str]
    description: str
    tags: tuple[str, ...]
    sources: tuple[str, ...]
    params: dict[str, Parameter] = field(default_factory=dict)
    variables: tuple[str, ...] = ()

    def label(self, lang: str = "en") -> str:
        """The title in ``lang``, falling back to English."""
        return self.title.get(lang) or self.title["en"]


class QueryRegistry:
    """All canned queries of a project, by name, in file-name order."""

    def __init__(self, queries: list[CannedQuery], base_iri: str = CANONICAL_BASE_IRI) -> None:
        self._queries = {q.name: q for q in sorted(queries, key=lambda q: q.name)}
        self.base_iri = base_iri

    def __iter__(self) -> Iterator[CannedQuery]:
        return iter(self._queries.values())

    def __len__(self) -> int:
        return len(self._queries)

    def __contains__(self, name: object) -> bool:
        return name in self._queries

    def get(self, name: str) -> CannedQuery | None:
        """The query called ``name``, or ``None``."""
        return self._queries.get(name)

    @property
    def names(self) -> list[str]:
        return list(self._queries)

    def to_graph(self, namespaces: ProjectNamespaces) -> Graph:
        """The queries as RDF (SIB sparql-examples style); see :func:`kg.canned_queries.rdf.registry_graph`."""
        from kg.canned_queries.rdf import registry_graph

        return registry_graph(self, namespaces)


def queries_dir(settings: Settings) -> Path:
    """Directory holding the canned ``.rq`` files."""
    return settings.project_dir / "queries"


def load_registry(settings: Settings) -> QueryRegistry:
    """Parse and validate every ``queries/*.rq`` of the project; raise ``QueryDefinitionError`` on the first bad file."""
    directory = queries_dir(settings)
    if not directory.is_dir():
        return QueryRegistry([], settings.base_iri)
    queries = [load_query_file(path, settings.base_iri) for path in sorted(directory.glob("*.rq"))]
    return QueryRegistry(queries, settings.base_iri)


def load_query_file(path: Path, base_iri: str = CANONICAL_BASE_IRI) -> CannedQuery:
    """Parse one ``.rq`` file into a :class:`CannedQuery`."""
    name = path.stem
    if not _NAME_RE.match(name):
        raise QueryDefinitionError(path, "file name must be lowercase letters, digits and '-' (it is the query's name)")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise QueryDefinitionError(path, f"cannot read file: {exc}") from exc
    # IRIs under the canonical base (in the query and in header defaults/examples) follow KG_BASE_IRI
    sparql = text.replace(CANONICAL_BASE_IRI, base_iri) if base_iri != CANONICAL_BASE_IRI else text
    header = parse_header(path, sparql)
    form, variables = _parse_sparql(path, sparql)
    params = _parse_params(path, header.get("params", {}))
    for pname in params:
        if pname not in variables:
            raise QueryDefinitionError(
                path, f"declared parameter {pname!r} is not a variable of the query (variables: {', '.join(sorted(variables)) or 'none'})"
            )
    return CannedQuery(
        name=name,
        path=path,
        sparql=sparql,
        form=form,
        title=_parse_title(path, header.get("title")),
        description=_require_str(path, header, "description"),
        tags=_parse_str_list(path, header.get("tags"), "tags"),
        sources=_parse_sources(path, header.get("source")),
        params=params,
        variables=tuple(sorted(variables)),
    )


def load_adhoc_file(path: Path, base_iri: str = CANONICAL_BASE_IRI) -> CannedQuery:
    """A ``.rq`` file given on the command line: with a ``#+`` header it is a full canned query,
    without one a plain query with no parameters."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise QueryDefinitionError(path, f"cannot read file: {exc}") from exc
    if text.startswith(HEADER_PREFIX):
        return load_query_file(path, base_iri)
    sparql = text.replace(CANONICAL_BASE_IRI, base_iri) if base_iri != CANONICAL_BASE_IRI else text
    form, variables = _parse_sparql(path, sparql)
    return CannedQuery(
        name=path.stem, path=path, sparql=sparql, form=form, title={"en": path.stem, "nb": path.stem},
        description="", tags=(), sources=(), params={}, variables=tuple(sorted(variables)),
    )


def parse_header(path: Path, text: str) -> dict[str, Any]:
    """The TOML table formed by the leading ``#+`` lines of ``text``."""
    lines: list[str] = []
    for line in text.splitlines():
        if not line.startswith(HEADER_PREFIX):
            break
        rest = line[len(HEADER_PREFIX):]
        if rest and not rest.startswith(" "):
            raise QueryDefinitionError(path, f"header line {len(lines) + 1}: '#+' must be followed by a space")
        lines.append(rest[1:])
    if not lines:
        raise QueryDefinitionError(path, "missing '#+ ' header at the top of the file")
    try:
        header = tomllib.loads("\n".join(lines))
    except tomllib.TOMLDecodeError as exc:
        raise QueryDefinitionError(path, f"header is not valid TOML: {exc}") from exc
    unknown = set(header) - _TOP_KEYS
    if unknown:
        raise QueryDefinitionError(path, f"unknown header key(s) {sorted(unknown)}; allowed: {sorted(_TOP_KEYS)}")
    return header


def _parse_sparql(path: Path, sparql: str) -> tuple[QueryForm, set[str]]:
    """The query form and every variable it mentions."""
    try:
        prepared = prepareQuery(sparql)
    except Exception as exc:  # rdflib raises pyparsing and assorted errors for bad SPARQL
        raise QueryDefinitionError(path, f"SPARQL does not parse (rdflib): {exc}") from exc
    try:
        pyoxigraph.Store().query(sparql)
    except SyntaxError as exc:
        raise QueryDefinitionError(path, f"SPARQL does not parse (pyoxigraph): {exc}") from exc
    form = _FORMS.get(prepared.algebra.name)
    if form is None:
        raise QueryDefinitionError(path, f"unsupported query form {prepared.algebra.name}")
    return form, _variables(prepared.algebra)


def _variables(node: Any, seen: set[int] | None = None) -> set[str]:
    """Every variable mentioned anywhere in an rdflib algebra tree."""
    seen = set() if seen is None else seen
    if id(node) in seen:
        return set()
    seen.add(id(node))
    found: set[str] = set()
    if isinstance(node, Variable):
        if not str(node).startswith("__"):  # rdflib's internal aggregate variables
            found.add(str(node))
    elif isinstance(node, (CompValue, dict)):
        for value in node.values():
            found |= _variables(value, seen)
    elif isinstance(node, (list, tuple, set, frozenset)):
        for value in node:
            found |= _variables(value, seen)
    return found


def _parse_title(path: Path, raw: Any) -> dict[str, str]:
    if not isinstance(raw, dict) or not all(isinstance(raw.get(k), str) and raw[k].strip() for k in ("en", "nb")):
        raise QueryDefinitionError(path, 'header "title" must be a table with non-empty "en" and "nb" strings')
    bad = [k for k in raw if not _LANG_RE.match(k) or not isinstance(raw[k], str)]
    if bad:
        raise QueryDefinitionError(path, f'header "title" has invalid language key(s) {bad}')
    return dict(raw)


def _require_str(path: Path, table: dict[str, Any], key: str) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        raise QueryDefinitionError(path, f'header "{key}" must be a non-empty string')
    return value.strip()


def _parse_str_list(path: Path, raw: Any, key: str) -> tuple[str, ...]:
    if not isinstance(raw, list) or not raw or not all(isinstance(v, str) and v for v in raw):
        raise QueryDefinitionError(path, f'header "{key}" must be a non-empty list of strings')
    return tuple(raw)


def _parse_sources(path: Path, raw: Any) -> tuple[str, ...]:
    values = (raw,) if isinstance(raw, str) else _parse_str_list(path, raw, "source")
    for value in values:
        if not _SOURCE_RE.match(value):
            raise QueryDefinitionError(
                path, f'header "source" value {value!r} is not a report section ("8.2", "vedlegg-1", "forord") or figure ("fig:6")'
            )
    return tuple(values)


def _parse_params(path: Path, raw: Any) -> dict[str, Parameter]:
    if not isinstance(raw, dict):
        raise QueryDefinitionError(path, 'header "params" must be a table of tables ([params.<name>])')
    params: dict[str, Parameter] = {}
    for name, spec in raw.items():
        where = f"parameter {name!r}"
        if not re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", name):
            raise QueryDefinitionError(path, f"{where}: name must be a SPARQL variable name")
        if not isinstance(spec, dict):
            raise QueryDefinitionError(path, f"{where}: must be a table [params.{name}]")
        unknown = set(spec) - _PARAM_KEYS
        if unknown:
            raise QueryDefinitionError(path, f"{where}: unknown key(s) {sorted(unknown)}; allowed: {sorted(_PARAM_KEYS)}")
        ptype = spec.get("type")
        if ptype not in ("iri", "literal", "concept"):
            raise QueryDefinitionError(path, f'{where}: "type" must be "iri", "literal" or "concept"')
        scheme = spec.get("scheme")
        if ptype == "concept" and not (isinstance(scheme, str) and _NAME_RE.match(scheme)):
            raise QueryDefinitionError(path, f'{where}: a concept parameter needs "scheme" = the scheme name (e.g. "i-team-role")')
        if ptype != "concept" and scheme is not None:
            raise QueryDefinitionError(path, f'{where}: "scheme" is only allowed for type "concept"')
        for key in ("default", "example", "description", "datatype"):
            if key in spec and not isinstance(spec[key], str):
                raise QueryDefinitionError(path, f'{where}: "{key}" must be a string')
        if "datatype" in spec and spec["datatype"] not in _DATATYPE_NAMES:
            raise QueryDefinitionError(path, f'{where}: "datatype" must be one of {list(_DATATYPE_NAMES)}')
        if "datatype" in spec and ptype != "literal":
            raise QueryDefinitionError(path, f'{where}: "datatype" is only allowed for type "literal"')
        required = spec.get("required", False)
        if not isinstance(required, bool):
            raise QueryDefinitionError(path, f'{where}: "required" must be true or false')
        if required and "default" in spec:
            raise QueryDefinitionError(path, f"{where}: a required parameter cannot have a default")
        values = spec.get("values", [])
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise QueryDefinitionError(path, f'{where}: "values" must be a list of strings')
        if values and ptype != "literal":
            raise QueryDefinitionError(path, f'{where}: "values" is only allowed for type "literal"')
        for key in ("default", "example"):
            if values and key in spec and spec[key] not in values:
                raise QueryDefinitionError(path, f'{where}: "{key}" {spec[key]!r} is not one of {values}')
        params[name] = Parameter(
            name=name,
            type=ptype,
            description=spec.get("description", ""),
            scheme=scheme,
            default=spec.get("default"),
            required=required,
            example=spec.get("example"),
            values=tuple(values),
            datatype=spec.get("datatype"),
        )
    return params
