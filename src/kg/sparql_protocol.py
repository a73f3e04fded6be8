"""The ``/sparql`` router: the SPARQL 1.1 Protocol's query operation, read-only.

GET ``?query=``, POST form-encoded ``query=``, POST ``application/sparql-query``; dataset by
``default-graph-uri``/``named-graph-uri`` (aliases expanded); results negotiated by ``Accept``
or ``format=``; a Service Description on a bare GET. Update and Graph Store writes get 403.
"""

from __future__ import annotations

import json
from urllib.parse import parse_qsl

from fastapi import APIRouter, Request
from fastapi.responses import Response

from kg import negotiation as nt
from kg.context import AppContext, get_ctx
from kg.errors import KGError, QueryError
from kg.query_runner import QueryTask
from kg.response_cache import CachedResponse, etag_matches, weak_etag_for
from kg.results import graph_bytes, offered_types
from kg.service_description import sd_prefixes, service_description
from kg.sparql_lexer import is_update
from kg.store.base import OutcomeKind

router = APIRouter(tags=["SPARQL"])

READ_ONLY_MESSAGE = (
    "This endpoint is read-only: SPARQL Update and Graph Store writes are refused. "
    "Data changes go through the files in data/ and `kg build`.\n"
)


class ProtocolError(KGError):
    """A request that breaks the SPARQL protocol (status 400 unless given)."""

    def __init__(self, message: str, status_code: int = 400) -> None:
        super().__init__(message)
        self.status_code = status_code


ALLOWED_METHODS = "GET, HEAD, POST, OPTIONS"
"""The methods ``/sparql`` answers (the ``Allow`` header of its 405 and 403 responses)."""


def error_response(request: Request, status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    """A plain-text error, or JSON (``{"error", "message"}``) when the client prefers JSON.

    The body's format depends on ``Accept``, so the response says ``Vary: Accept``.
    """
    headers = {"Vary": "Accept", **(headers or {})}
    if nt.negotiate(request.headers.get("accept"), ("text/plain", "application/json")) == "application/json":
        body = json.dumps({"error": status, "message": message.strip()}, ensure_ascii=False).encode()
        return Response(body, status, headers=headers, media_type=nt.content_type("application/json"))
    text = message if message.endswith("\n") else message + "\n"
    return Response(text.encode(), status, headers=headers, media_type=nt.content_type("text/plain"))


_PARAMETERS = [
    {"name": "query", "in": "query", "schema": {"type": "string"}, "description": "A SPARQL 1.1 query (SELECT, ASK, CONSTRUCT, DESCRIBE). Without it, GET returns the Service Description."},
    {"name": "default-graph-uri", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}, "explode": True,
     "description": "Graphs merged into the default graph (repeatable); `<base>graph/asserted` and `<base>graph/all` are aliases."},
    {"name": "named-graph-uri", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}, "explode": True,
     "description": "Graphs available to GRAPH (repeatable)."},
    {"name": "format", "in": "query", "schema": {"type": "string"}, "description": "Browser fallback for Accept: json, xml, csv, tsv, turtle, nt, jsonld, rdfxml, trig, nquads."},
]
_POST_BODY = {
    "required": True,
    "content": {
        "application/x-www-form-urlencoded": {"schema": {"type": "object", "properties": {
            "query": {"type": "string", "example": "SELECT * WHERE { ?s ?p ?o } LIMIT 10"}, "default-graph-uri": {"type": "array", "items": {"type": "string"}},
            "named-graph-uri": {"type": "array", "items": {"type": "string"}}}, "required": ["query"]}},
        "application/sparql-query": {"schema": {"type": "string", "example": "ASK { ?s ?p ?o }"}},
    },
}


def _decode_form(raw: bytes) -> list[tuple[str, str]]:
    try:
        return parse_qsl(raw.decode("ascii"), keep_blank_values=True, encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
        raise ProtocolError("The request is not valid UTF-8 (percent-encoded UTF-8 is required).") from None


def _charset_ok(content_type: str) -> bool:
    for param in content_type.split(";")[1:]:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip().strip('"').lower() not in ("utf-8", "utf8"):
            return False
    return True


@router.head("/sparql", include_in_schema=False)
@router.get("/sparql", summary="SPARQL query by GET, or the Service Description without a query",
            openapi_extra={"parameters": _PARAMETERS})
async def sparql_get(request: Request) -> Response:
    """``GET /sparql?query=…``; without ``query`` the Service Description."""
    try:
        params = _decode_form(request.url.query.encode("latin-1", errors="replace"))
        return await _dispatch(request, params, direct_query=None, method="GET")
    except KGError as exc:
        return error_response(request, getattr(exc, "status_code", 400), str(exc))


@router.post("/sparql", summary="SPARQL query by POST (form-encoded or application/sparql-query)",
             openapi_extra={"parameters": _PARAMETERS[1:], "requestBody": _POST_BODY})
async def sparql_post(request: Request) -> Response:
    """POST form-encoded ``query=`` or a direct ``application/sparql-query`` body."""
    try:
        content_type = request.headers.get("content-type", "")
        media = content_type.split(";")[0].strip().lower()
        url_params = _decode_form(request.url.query.encode("latin-1", errors="replace"))
        body = await request.body()
        if media == "application/sparql-update" or media in nt.GRAPH_TYPES or _graph_store_target(url_params):
            # SPARQL Update, or a Graph Store Protocol write (RDF body, ?graph= / ?default)
            return error_response(request, 403, READ_ONLY_MESSAGE, {"Allow": ALLOWED_METHODS})
        if media == "application/x-www-form-urlencoded":
            if not _charset_ok(content_type):
                raise ProtocolError("Form bodies must be UTF-8.")
            return await _dispatch(request, url_params + _decode_form(body), direct_query=None, method="POST")
        if media == "application/sparql-query":
            if not _charset_ok(content_type):
                raise ProtocolError("application/sparql-query bodies must be UTF-8.")
            try:
                text = body.decode("utf-8")
            except UnicodeDecodeError:
                raise ProtocolError("The query body is not valid UTF-8.") from None
            return await _dispatch(request, url_params, direct_query=text, method="POST")
        raise ProtocolError(
            f"Unsupported Content-Type {media or '(none)'!r} for POST: use "
            "application/x-www-form-urlencoded or application/sparql-query."
        )
    except KGError as exc:
        return error_response(request, getattr(exc, "status_code", 400), str(exc))


@router.options("/sparql", include_in_schema=False)
async def sparql_options() -> Response:
    """The methods this endpoint answers (CORS preflights are answered by the CORS middleware)."""
    return Response(status_code=204, headers={"Allow": ALLOWED_METHODS})


@router.api_route("/sparql", methods=["PUT", "DELETE", "PATCH"], include_in_schema=False)
async def sparql_write(request: Request) -> Response:
    """Graph Store Protocol writes: refused, the graph is read-only over HTTP."""
    return error_response(request, 403, READ_ONLY_MESSAGE, {"Allow": ALLOWED_METHODS})


async def _dispatch(request: Request, params: list[tuple[str, str]], *, direct_query: str | None, method: str) -> Response:
    ctx = get_ctx(request)
    queries = [v for k, v in params if k == "query"]
    updates = [v for k, v in params if k == "update"]
    if direct_query is not None:
        queries.append(direct_query)
    if queries and updates:
        raise ProtocolError("A request may carry a query or an update, not both.")
    if updates:
        if method == "GET":
            raise ProtocolError("SPARQL Update is not allowed by GET (and this endpoint is read-only).")
        raise ProtocolError(READ_ONLY_MESSAGE, 403)
    if len(queries) > 1:
        raise ProtocolError(f"Exactly one query is allowed; this request has {len(queries)}.")
    formats = [v for k, v in params if k == "format"]
    unknown = [f for f in formats if not nt.known_format(f)]
    if unknown:
        offered = list(dict.fromkeys(nt.SOLUTION_TYPES + nt.GRAPH_TYPES))
        raise ProtocolError(f"Unknown format={unknown[0]!r}. " + nt.not_acceptable_message(offered), 406)
    endpoint_url = _endpoint_url(request, ctx)
    if not queries:
        if method == "GET":
            return _service_description(request, ctx, endpoint_url, formats)
        raise ProtocolError("Missing query: send query=… (form) or an application/sparql-query body.")
    sparql = queries[0]
    if not sparql.strip():
        raise ProtocolError("The query is empty.")
    if is_update(sparql):
        raise ProtocolError(READ_ONLY_MESSAGE, 403)
    default_graphs = _graph_params(ctx, params, "default-graph-uri")
    named_graphs = _graph_params(ctx, params, "named-graph-uri")
    if default_graphs is not None or named_graphs is not None:
        default_graphs, named_graphs = default_graphs or [], named_graphs or []
    accept = request.headers.get("accept")
    chosen = {
        OutcomeKind.SOLUTIONS: _choose(accept, formats, nt.SOLUTION_TYPES, nt.RESULT_ALIASES),
        OutcomeKind.BOOLEAN: _choose(accept, formats, nt.BOOLEAN_TYPES, nt.RESULT_ALIASES),
        OutcomeKind.GRAPH: _choose(accept, formats, nt.GRAPH_TYPES, nt.GRAPH_ALIASES),
    }
    if not any(chosen.values()):
        offered = dict.fromkeys(nt.SOLUTION_TYPES + nt.GRAPH_TYPES)
        return error_response(request, 406, nt.not_acceptable_message(list(offered)))
    key = (
        sparql,
        tuple(default_graphs) if default_graphs is not None else None,
        tuple(named_graphs) if named_graphs is not None else None,
        tuple(chosen.values()),
        endpoint_url,
        ctx.version,
    )
    etag = weak_etag_for(ctx.version, key)
    headers = {"ETag": etag, "Vary": "Accept", "Cache-Control": "public, max-age=0, must-revalidate"}
    if method == "GET" and etag_matches(request.headers.get("if-none-match"), etag):
        # If-None-Match on a POST is ignored (RFC 9110 §13.1.2: a 304 is for GET and HEAD only)
        return Response(status_code=304, headers=headers)
    cached = ctx.cache.get(key)
    if cached is None:
        task = QueryTask(
            sparql,
            tuple(default_graphs) if default_graphs is not None else None,
            tuple(named_graphs) if named_graphs is not None else None,
            formats=chosen,
            prefixes=None,
            base_iri=endpoint_url,
        )
        result = await ctx.runner.run(task, client=request.client.host if request.client else None)
        if result.body is None or result.media_type is None:
            return error_response(request, 406, nt.not_acceptable_message(offered_types(result.kind)))
        cached = CachedResponse(result.body, result.media_type)
        ctx.cache.put(key, cached)
    return Response(cached.body, 200, headers=headers, media_type=nt.content_type(cached.media_type))


def _graph_store_target(params: list[tuple[str, str]]) -> bool:
    return any(k in ("graph", "default") for k, _ in params)


def _choose(accept: str | None, formats: list[str], offered: tuple[str, ...], aliases: dict[str, str]) -> str | None:
    """The first ``format=`` value usable for this result kind, else ``Accept`` negotiation.

    ``format=`` is a hint for browsers and wins over ``Accept``; clients such as SPARQLWrapper send
    it next to ``Accept``. When ``format=`` is given but fits no type of this kind (``format=csv``
    on a CONSTRUCT), nothing is chosen: the client gets a 406, never a silent other format.
    """
    if formats:
        for fmt in formats:
            media = nt.negotiate(None, offered, aliases, fmt)
            if media is not None:
                return media
        return None
    return nt.negotiate(accept, offered, aliases)


def _endpoint_url(request: Request, ctx: AppContext) -> str:
    """The endpoint's URL: ``KG_PUBLIC_BASE_URL`` + ``sparql`` when set, else the URL the client used."""
    if ctx.settings.public_base_url:
        return ctx.settings.service_url + "sparql"
    return str(request.url.replace(query=""))


def _graph_params(ctx: AppContext, params: list[tuple[str, str]], name: str) -> list[str] | None:
    values = [v.strip() for k, v in params if k == name]
    if not values:
        return None
    for v in values:
        if ":" not in v or any(c in v for c in ' <>"{}|^`\\'):
            raise QueryError(f"{name} must be an absolute IRI, got {v!r}")
    return ctx.expand_graphs(values)


def _service_description(request: Request, ctx: AppContext, endpoint_url: str, formats: list[str]) -> Response:
    media = _choose(request.headers.get("accept"), formats, nt.GRAPH_TYPES, nt.GRAPH_ALIASES)
    if media is None:
        return error_response(request, 406, nt.not_acceptable_message(nt.GRAPH_TYPES))
    body = graph_bytes(service_description(ctx, endpoint_url), media, sd_prefixes())
    return Response(body, 200, headers={"Vary": "Accept"}, media_type=nt.content_type(media))
