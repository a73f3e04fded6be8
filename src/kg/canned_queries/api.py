"""The HTTP API: ``GET /queries`` (the list) and ``GET /queries/{name}`` (run one).

Each canned query gets its own route, generated from its header, so ``/docs`` shows it as an
operation with its parameters and description. Results are content-negotiated like ``/sparql``
(``kg.negotiation`` + ``kg.results``), plus a plain-JSON shape for integrators when the client
asks for ``application/json`` or ``format=json``; CONSTRUCT queries are graphs (Turtle, JSON-LD …).
Errors are JSON: ``{"error": <status>, "message": …, "parameter": …}`` (``parameter`` when one is at fault);
an IRI parameter naming a resource the dataset does not describe is a 404. Every route answers HEAD too,
and every response carries ``Vary: Accept``.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from rdflib.term import Identifier

from kg import negotiation as nt
from kg.canned_queries.html import registry_page, result_page
from kg.canned_queries.registry import CannedQuery, Parameter, QueryRegistry, load_registry
from kg.canned_queries.runner import DESCRIBED_QUERY, SCHEMES_QUERY, CannedQueryRunner, described_checks
from kg.canned_queries.shape import plain_rows
from kg.errors import KGError, ParameterError, QueryTimeout, ResultTooLarge, UndescribedResourceError, UnknownQueryError
from kg.namespaces import PREFIXES
from kg.response_cache import CachedResponse, etag_matches, weak_etag_for
from kg.results import serialize_outcome
from kg.settings import Settings
from kg.store.base import OutcomeKind, QueryOutcome

PATH = "/queries"
FORMAT_PARAM = "format"
PLAIN_JSON = "application/json"
HTML = "text/html"
SELECT_TYPES: tuple[str, ...] = (nt.SPARQL_JSON, PLAIN_JSON, nt.SPARQL_XML, nt.CSV, nt.TSV, HTML)
"""Media types a SELECT canned query answers in, the default first (as ``/sparql``)."""
LIST_TYPES: tuple[str, ...] = (PLAIN_JSON, HTML)


def canned_queries_router(settings: Settings) -> APIRouter:
    """The router: the list, one generated route per query, and a 404 for unknown names.

    Every route answers GET and HEAD (RFC 9110 §9.1); the HEAD twin is left out of the OpenAPI schema.
    """
    registry = load_registry(settings)
    router = APIRouter(tags=["canned queries"])
    list_endpoint = _list_endpoint(registry)
    router.add_api_route(
        PATH, list_endpoint, methods=["GET"], summary="List the canned queries",
        description="Every canned query with its title, description, tags, report sections and parameters. "
        "JSON by default; HTML for `Accept: text/html`.", operation_id="list_canned_queries",
        responses={200: {"content": {PLAIN_JSON: {}, HTML: {}}}},
    )
    router.add_api_route(PATH, list_endpoint, methods=["HEAD"], include_in_schema=False)
    for query in registry:
        endpoint = _query_endpoint(registry, query)
        router.add_api_route(
            f"{PATH}/{query.name}", endpoint, methods=["GET"], summary=query.label("en"),
            description=_operation_description(query), operation_id="query_" + query.name.replace("-", "_"),
            openapi_extra={"parameters": [_openapi_parameter(p) for p in query.params.values()] + [_format_parameter(query)]},
            responses=_openapi_responses(query),
        )
        router.add_api_route(f"{PATH}/{query.name}", endpoint, methods=["HEAD"], include_in_schema=False)
    router.add_api_route(f"{PATH}/{{name}}", _unknown_endpoint(registry), methods=["GET", "HEAD"], include_in_schema=False)
    return router


# -- endpoints -------------------------------------------------------------------------------

def _list_endpoint(registry: QueryRegistry) -> Callable[[Request], Response]:
    def list_queries(request: Request) -> Response:
        try:
            fmt = format_value(request)
        except ParameterError as exc:
            return finish(request, _error(400, str(exc), exc.parameter))
        fmt = {"json": PLAIN_JSON, "html": HTML}.get(fmt.strip().lower(), fmt) if fmt else None
        media = nt.negotiate(request.headers.get("accept"), LIST_TYPES, format_param=fmt)
        if media is None:
            return finish(request, _error(406, nt.not_acceptable_message(LIST_TYPES).strip()))
        if media == HTML:
            return finish(request, HTMLResponse(registry_page(registry, PATH)))
        return finish(request, JSONResponse([query_metadata(q, PATH) for q in registry]))

    return list_queries


def _query_endpoint(registry: QueryRegistry, query: CannedQuery) -> Callable[[Request], Awaitable[Response]]:
    async def run_canned_query(request: Request) -> Response:
        return finish(request, await _run(request, registry, query))

    run_canned_query.__name__ = "query_" + query.name.replace("-", "_")
    return run_canned_query


def _unknown_endpoint(registry: QueryRegistry) -> Callable[[Request, str], Response]:
    def unknown_query(request: Request, name: str) -> Response:
        return finish(request, _error(404, str(UnknownQueryError(name, registry.names))))

    return unknown_query


async def _run(request: Request, registry: QueryRegistry, query: CannedQuery) -> Response:
    params: dict[str, str] = {}
    for key, value in request.query_params.multi_items():
        if key == FORMAT_PARAM:
            continue
        if key in params:
            return _error(400, str(ParameterError(key, "given more than once")), key)
        params[key] = value
    try:
        fmt = format_value(request)
    except ParameterError as exc:
        return _error(400, str(exc), exc.parameter)
    ctx = request.app.state.ctx
    try:
        runner = await _runner(request, registry, ctx)
        bindings = runner.bind(query, params, local_bases(request, ctx.settings))
    except ParameterError as exc:
        return _error(400, str(exc), exc.parameter)
    except KGError as exc:
        return _error(getattr(exc, "status_code", 500), str(exc))
    media = _negotiate(query, request.headers.get("accept"), fmt)
    if media is None:
        return _error(406, nt.not_acceptable_message(_offered(query)).strip())
    key = ("canned", query.name, tuple(sorted((k, v.n3()) for k, v in bindings.items())), media, ctx.version)
    etag = weak_etag_for(ctx.version, key)
    headers = {"ETag": etag, "Vary": "Accept", "Cache-Control": "public, max-age=0, must-revalidate"}
    if etag_matches(request.headers.get("if-none-match"), etag):
        return Response(status_code=304, headers=headers)
    cached = ctx.cache.get(key)
    if cached is not None:
        return Response(cached.body, headers=headers, media_type=nt.content_type(cached.media_type))
    try:
        for name, iri in described_checks(query, params, bindings):
            if not (await ctx.runner.query(DESCRIBED_QUERY, bindings={"resource": iri})).boolean:
                return _error(404, str(UndescribedResourceError(name, str(iri))), name)
        outcome = await ctx.runner.query(query.sparql, bindings=bindings)
    except (QueryTimeout, ResultTooLarge) as exc:
        return _error(exc.status_code, str(exc))
    except KGError as exc:
        return _error(500, f"canned query {query.name!r} failed: {exc}")
    body = render(query, outcome, media, ctx.prefixes, bindings, ctx.namespaces.base)
    ctx.cache.put(key, CachedResponse(body, media))
    return Response(body, headers=headers, media_type=nt.content_type(media))


def render(query: CannedQuery, outcome: QueryOutcome, media: str, prefixes: dict[str, str] | None = None,
           bindings: Mapping[str, Identifier] | None = None, base_iri: str | None = None) -> bytes:
    """Serialise an outcome in a negotiated media type (``prefixes`` for Turtle and friends; ``bindings``, the
    parameter values in effect, for the HTML page)."""
    if media == PLAIN_JSON and outcome.kind is not OutcomeKind.GRAPH:
        return json.dumps(plain_rows(outcome), ensure_ascii=False).encode("utf-8")
    if media == HTML:
        return result_page(query, outcome, bindings, PATH, base_iri).encode("utf-8")
    return serialize_outcome(outcome, media, prefixes if prefixes is not None else PREFIXES)


# -- negotiation -----------------------------------------------------------------------------

def _offered(query: CannedQuery) -> tuple[str, ...]:
    if query.form in ("construct", "describe"):
        return nt.GRAPH_TYPES
    if query.form == "ask":
        return nt.BOOLEAN_TYPES + (PLAIN_JSON,)
    return SELECT_TYPES


def _negotiate(query: CannedQuery, accept: str | None, fmt: str | None) -> str | None:
    offered = _offered(query)
    graph = query.form in ("construct", "describe")
    if fmt is not None and fmt.strip().lower() in ("json", PLAIN_JSON) and not graph:
        return PLAIN_JSON
    if fmt is not None and fmt.strip().lower() == "html" and HTML in offered:
        return HTML
    aliases = nt.GRAPH_ALIASES if graph else {"application/xml": nt.SPARQL_XML, "text/xml": nt.SPARQL_XML}
    return nt.negotiate(accept, offered, aliases, format_param=fmt)


# -- metadata and OpenAPI --------------------------------------------------------------------

def parameter_metadata(p: Parameter) -> dict[str, Any]:
    """One parameter as JSON."""
    data: dict[str, Any] = {"name": p.name, "type": p.type, "required": p.required}
    for key in ("scheme", "default", "example", "datatype"):
        if getattr(p, key) is not None:
            data[key] = getattr(p, key)
    if p.values:
        data["values"] = list(p.values)
    if p.description:
        data["description"] = p.description
    return data


def query_metadata(q: CannedQuery, prefix: str = PATH) -> dict[str, Any]:
    """One query's header as JSON, with its URL."""
    return {
        "name": q.name,
        "url": f"{prefix}/{q.name}",
        "title": q.title,
        "description": q.description,
        "tags": list(q.tags),
        "source": list(q.sources),
        "form": q.form,
        "params": [parameter_metadata(p) for p in q.params.values()],
    }


def _operation_description(q: CannedQuery) -> str:
    return (
        f"{q.description}\n\n*Norsk:* {q.label('nb')}\n\nReport section(s): {', '.join(q.sources)}. "
        f"Tags: {', '.join(q.tags)}. Query file: `queries/{q.name}.rq`."
    )


def _openapi_parameter(p: Parameter) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string"}
    if p.values:
        schema["enum"] = list(p.values)
    if p.default is not None:
        schema["default"] = p.default
    if p.type == "iri":
        schema["format"] = "iri"
    description = p.description or p.name
    if p.type == "concept":
        description += f" A concept of the `{p.scheme}` scheme: its slug or full IRI."
    elif p.type == "iri":
        description += " An absolute IRI."
    param: dict[str, Any] = {"name": p.name, "in": "query", "required": p.required, "description": description, "schema": schema}
    if p.example is not None:
        param["example"] = p.example
    return param


def _format_parameter(q: CannedQuery) -> dict[str, Any]:
    names = ["turtle", "jsonld", "nt", "rdfxml", "trig", "nq"] if q.form in ("construct", "describe") else ["json", "srj", "xml", "csv", "tsv", "html"]
    return {
        "name": FORMAT_PARAM, "in": "query", "required": False,
        "description": "Response format (overrides `Accept`). `json` is the plain JSON shape for SELECT, JSON-LD for CONSTRUCT.",
        "schema": {"type": "string", "enum": names},
    }


def _openapi_responses(q: CannedQuery) -> dict[int | str, dict[str, Any]]:
    content = {m: {} for m in _offered(q)}
    if q.form not in ("construct", "describe"):
        content[PLAIN_JSON] = {"example": [{"x": {"id": "https://w3id.org/innovasjon/id/…", "label": "…"}}]}
    return {
        200: {"description": "The result", "content": content},
        400: {"description": "Unknown parameter, missing required parameter, empty value, wrong type or value outside its scheme"},
        404: {"description": "An IRI parameter names a resource not described in this dataset"},
        406: {"description": "No acceptable media type"},
    }


# -- helpers ---------------------------------------------------------------------------------

def finish(request: Request, response: Response) -> Response:
    """The response as sent. Every answer of these routes depends on ``Accept`` (the format, or 406), so
    each carries ``Vary: Accept`` (RFC 9110 §12.5.5), errors included; for HEAD, GET's status and headers
    (``Content-Length`` included) without the body."""
    vary = [v.strip() for v in response.headers.get("vary", "").split(",") if v.strip()]
    if "accept" not in {v.lower() for v in vary}:
        response.headers["Vary"] = ", ".join(vary + ["Accept"])
    if request.method != "HEAD":
        return response
    return Response(b"", status_code=response.status_code, headers=dict(response.headers))


async def _runner(request: Request, registry: QueryRegistry, ctx: Any) -> CannedQueryRunner:
    """One runner per (app, engine); it caches the concept schemes of the loaded snapshot, read once
    through the app's query runner (so the timeout applies)."""
    state = request.app.state
    runner: CannedQueryRunner | None = getattr(state, "canned_query_runner", None)
    if runner is None or runner.engine is not ctx.engine:
        runner = CannedQueryRunner(registry, ctx.engine, timeout=ctx.settings.query_timeout)
        state.canned_query_runner = runner
    if not runner.schemes_loaded:
        runner.load_schemes(await ctx.runner.query(SCHEMES_QUERY))
    return runner


def format_value(request: Request) -> str | None:
    """The ``format`` parameter, or ``None`` when absent; given empty or more than once, a ``ParameterError``."""
    values = request.query_params.getlist(FORMAT_PARAM)
    if len(values) > 1:
        raise ParameterError(FORMAT_PARAM, "given more than once")
    if values and not values[0].strip():
        raise ParameterError(FORMAT_PARAM, "empty value; leave it out to negotiate by Accept")
    return values[0] if values else None


def local_bases(request: Request, settings: Settings) -> tuple[str, ...]:
    """The service's own base URLs: the one the client used and ``KG_PUBLIC_BASE_URL`` when set. IRIs under
    them are mapped to the configured base IRI, as the linked-data router does for dereferencing."""
    bases = [str(request.base_url)]
    if settings.public_base_url:
        bases.append(settings.service_url)
    return tuple(b if b.endswith("/") else b + "/" for b in bases)


def _error(status: int, message: str, parameter: str | None = None) -> JSONResponse:
    """The error envelope of the whole service (``kg.sparql_protocol.error_response``'s JSON shape),
    plus ``parameter`` when one parameter is at fault."""
    body: dict[str, Any] = {"error": status, "message": message.strip()}
    if parameter is not None:
        body["parameter"] = parameter
    return JSONResponse(body, status_code=status)

