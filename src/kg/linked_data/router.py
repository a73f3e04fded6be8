"""HTTP routes for linked data: ``/id/…`` dereferencing, ``/def`` (the ontology), ``/context.jsonld``,
``/.well-known/void`` (the dataset description) and ``/dumps/…``.

Pattern (W3C "Cool URIs for the Semantic Web"): direct content negotiation on the thing's IRI — ``200`` with
``Vary: Accept``, ``Content-Location`` naming the format-specific document (``….ttl``, ``….jsonld``, …) and
``Link: rel="alternate"`` headers; the extension URLs select a format without negotiation.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, Response
from rdflib import Graph

from kg import negotiation as nt
from kg.context import AppContext
from kg.linked_data import describe as ds
from kg.linked_data.dumps import FORMATS as DUMP_FORMATS
from kg.linked_data.dumps import SCOPES as DUMP_SCOPES
from kg.linked_data.dumps import dump_filename, ensure_dump
from kg.linked_data.html import FORMAT_EXTENSIONS, PageRenderer
from kg.linked_data.jsonld import context_document, framed_document
from kg.linked_data.void import VCARD, dataset_graph
from kg.namespaces import DCAT, SD, VOID
from kg.ontology_docs import DOCS_FILENAME
from kg.response_cache import CachedResponse, etag_matches, weak_etag_for
from kg.results import graph_bytes
from kg.sparql_protocol import error_response
from kg.store.base import Term

HTML = "text/html"
JSONLD = "application/ld+json"
TURTLE = "text/turtle"
NTRIPLES = "application/n-triples"
RDFXML = "application/rdf+xml"
#: Representations of a resource, the default (for ``*/*`` and no Accept) first.
DOCUMENT_TYPES: tuple[str, ...] = (TURTLE, JSONLD, NTRIPLES, RDFXML, HTML)
ALIASES = {**nt.GRAPH_ALIASES, "application/json": JSONLD}
EXTENSION_TYPES = dict(FORMAT_EXTENSIONS)
TYPE_EXTENSIONS = {v: k for k, v in EXTENSION_TYPES.items()}
#: Prefixes of the dataset description's vocabularies, added to the project's for readable documents.
DOCUMENT_PREFIXES = {"void": str(VOID), "dcat": str(DCAT), "vcard": VCARD, "sd": str(SD)}


Endpoint = Callable[..., Awaitable[Response]]


@dataclass(frozen=True)
class Document:
    """A negotiated representation: body, media type and the URL of the format-specific document."""

    body: bytes
    media_type: str
    status: int = 200


def linked_data_router() -> APIRouter:
    """Routes for dereferencing, the ontology, the JSON-LD context, the dataset description and dumps."""
    router = APIRouter(tags=["linked data"])

    @_get_and_head(router, "/context.jsonld", summary="The JSON-LD @context")
    async def context(request: Request) -> Response:
        ctx: AppContext = request.app.state.ctx
        body = json.dumps(context_document(), ensure_ascii=False, indent=1).encode()
        return _respond(request, ctx, ("context",), Document(body, JSONLD), cacheable=True)

    @_get_and_head(router, "/.well-known/void", summary="VoID/DCAT description of the dataset")
    async def well_known_void(request: Request) -> Response:
        ctx: AppContext = request.app.state.ctx
        dataset_path = "/" + ctx.namespaces.dataset_iri[len(ctx.namespaces.base):]
        return await _serve_resource(request, ctx, ctx.namespaces.dataset_iri, None, dataset_path)

    @_get_and_head(router, "/def", summary="The ontology (Turtle, JSON-LD, RDF/XML, HTML)")
    async def ontology(request: Request) -> Response:
        return await _serve_ontology(request, None)

    @_get_and_head(router, "/def.{ext}", include_in_schema=False)
    async def ontology_ext(request: Request, ext: str) -> Response:
        if ext not in EXTENSION_TYPES:
            return error_response(request, 404, f"No ontology document /def.{ext}; use one of: "
                                  + ", ".join(f"/def.{e}" for e in EXTENSION_TYPES))
        return await _serve_ontology(request, ext)

    @_get_and_head(router, "/dumps/{name}", summary="Whole-graph dumps: {asserted|all}.{ttl|nt|jsonld|nq}")
    async def dump(request: Request, name: str) -> Response:
        ctx: AppContext = request.app.state.ctx
        scope, _, ext = name.partition(".")
        if scope not in DUMP_SCOPES or ext not in DUMP_FORMATS:
            return error_response(request, 404, f"No dump {name!r}. Dumps: " + ", ".join(
                f"{s}.{e}" for s in DUMP_SCOPES for e in DUMP_FORMATS))
        if not ctx.serving_snapshot or not ctx.settings.snapshot_path.is_file():
            return error_response(request, 404, "Dumps exist only when the project snapshot is served.")
        etag = weak_etag_for(ctx.version, ("dump", scope, ext))
        if etag_matches(request.headers.get("if-none-match"), etag):
            return Response(status_code=304, headers={"ETag": etag})
        path = ensure_dump(ctx.settings.snapshot_path, ctx.snapshot_meta, scope, ext, ctx.settings.build_path / "dumps")
        return FileResponse(path, media_type=DUMP_FORMATS[ext][1], headers={
            "ETag": etag,
            "Content-Disposition": f'attachment; filename="{dump_filename(scope, ext, ctx.version)}"',
        })

    @_get_and_head(router, "/id/{path:path}", summary="Dereference an IRI of the dataset")
    async def resource(request: Request, path: str) -> Response:
        ctx: AppContext = request.app.state.ctx
        # The route's regex stops at a newline; the decoded path from the ASGI scope is what was asked for.
        path = request.scope["path"].removeprefix("/id/")
        stem, ext = _split_extension(path)
        return await _serve_resource(request, ctx, ctx.namespaces.base + "id/" + stem, ext, "/id/" + stem)

    return router


def _get_and_head(router: APIRouter, path: str, **kwargs: object) -> Callable[[Endpoint], Endpoint]:
    """Register ``endpoint`` for GET (documented in OpenAPI) and for HEAD (same handler, kept out of the schema)."""
    def register(endpoint: Endpoint) -> Endpoint:
        router.add_api_route(path, endpoint, methods=["GET"], **kwargs)  # type: ignore[arg-type]
        router.add_api_route(path, endpoint, methods=["HEAD"], include_in_schema=False)
        return endpoint
    return register


def _split_extension(path: str) -> tuple[str, str | None]:
    head, dot, ext = path.rpartition(".")
    if dot and ext in EXTENSION_TYPES and "/" not in ext:
        return head, ext
    return path, None


async def _serve_resource(request: Request, ctx: AppContext, iri: str, ext: str | None, doc_path: str) -> Response:
    media = _choose(request, ext)
    if media is None:
        return error_response(request, 406, nt.not_acceptable_message(DOCUMENT_TYPES))
    key = ("ld", iri, media)
    cached = ctx.cache.get(key + (ctx.version,))
    if cached is not None:
        return _respond(request, ctx, key, Document(cached.body, cached.media_type), doc_path=doc_path)
    if iri == ctx.namespaces.dataset_iri:
        graph = dataset_graph(await _triple_counts(ctx), ctx.namespaces, str(request.base_url))
    else:
        try:
            outcome = await ctx.runner.query(ds.describe_query(iri, ctx.namespaces, ctx.serving_snapshot))
        except ValueError:
            return error_response(request, 400, f"Not a valid IRI: {iri}")
        graph = _graph(outcome.triples)
    if len(graph) == 0:
        return _not_found(request, ctx, iri, media)
    document = await _render(request, ctx, iri, graph, media, doc_path)
    ctx.cache.put(key + (ctx.version,), CachedResponse(document.body, document.media_type))
    return _respond(request, ctx, key, document, doc_path=doc_path)


async def _serve_ontology(request: Request, ext: str | None) -> Response:
    ctx: AppContext = request.app.state.ctx
    media = _choose(request, ext)
    if media is None:
        return error_response(request, 406, nt.not_acceptable_message(DOCUMENT_TYPES))
    if media == HTML:
        docs = ctx.settings.build_path / DOCS_FILENAME
        if not docs.is_file():
            return error_response(request, 404, "The ontology documentation has not been built (run `kg build`).")
        return _respond(request, ctx, ("def", HTML), Document(docs.read_bytes(), HTML), doc_path="/def")
    graphs = [g for g, info in ctx.snapshot_meta.get("graphs", {}).items()
              if str(info.get("source") or "").startswith("ontology/")]
    if not graphs:
        return _not_found(request, ctx, ctx.namespaces.ontology_iri, media)
    values = " ".join(f"<{g}>" for g in graphs)
    outcome = await ctx.runner.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }}")
    graph = _graph(outcome.triples)
    return _respond(request, ctx, ("def", media), _serialise(graph, ctx, ctx.namespaces.ontology_iri, media), doc_path="/def")


async def _triple_counts(ctx: AppContext) -> dict[str, object]:
    """Snapshot metadata with distinct-triple counts (the RDF merge) of all, asserted and inferred graphs."""
    key = ("void-counts",)
    cached = ctx.cache.get(key + (ctx.version,))
    if cached is not None:
        return json.loads(cached.body)
    inferred = ctx.namespaces.inferred_graph
    counts: dict[str, int] = {}
    for name, condition in (("all", ""), ("asserted", f"FILTER(?g != <{inferred}>)"), ("inferred", f"FILTER(?g = <{inferred}>)")):
        outcome = await ctx.runner.query(
            f"SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {condition} }} }}")
        counts[name] = int(outcome.as_dicts()[0]["n"].toPython())
    meta = {**ctx.snapshot_meta, "distinct_triples": counts}
    ctx.cache.put(key + (ctx.version,), CachedResponse(json.dumps(meta).encode(), "application/json"))
    return meta


def _choose(request: Request, ext: str | None) -> str | None:
    if ext is not None:
        return EXTENSION_TYPES[ext]
    return nt.negotiate(request.headers.get("accept"), DOCUMENT_TYPES, ALIASES, request.query_params.get("format"))


def _graph(triples: list[tuple[Term, Term, Term]]) -> Graph:
    graph = Graph()
    for triple in triples:
        graph.add(triple)
    return graph


async def _render(request: Request, ctx: AppContext, iri: str, graph: Graph, media: str, doc_path: str) -> Document:
    if media != HTML:
        return _serialise(graph, ctx, iri, media)
    mentioned = ds.mentions(graph)
    incoming_outcome = await ctx.runner.query(ds.incoming_query(iri, ctx.namespaces, asserted_only=ctx.serving_snapshot))
    incoming = [(str(r["s"]), str(r["p"])) for r in incoming_outcome.as_dicts()]
    mentioned = sorted(set(mentioned) | {s for s, _ in incoming})
    labels: dict[str, dict[str, str]] = {}
    if mentioned:
        label_outcome = await ctx.runner.query(ds.labels_query(mentioned))
        for row in label_outcome.as_dicts():
            lang = getattr(row["label"], "language", None) or ""
            labels.setdefault(str(row["x"]), {}).setdefault(lang, str(row["label"]))
    renderer = PageRenderer(ctx.namespaces, str(request.base_url))
    page = renderer.render(iri, graph, labels, incoming, str(request.base_url).rstrip("/") + doc_path)
    return Document(page.encode(), HTML)


def _serialise(graph: Graph, ctx: AppContext, iri: str, media: str) -> Document:
    if media == JSONLD:
        doc = framed_document(graph, iri, ctx.namespaces.base)
        return Document(json.dumps(doc, ensure_ascii=False, indent=1).encode(), JSONLD)
    # pyoxigraph's serialisers keep every literal's lexical form (rdflib's Turtle writer turns "49"^^xsd:decimal
    # into 49.0), so all formats of a document parse to the same graph.
    return Document(graph_bytes(sorted(graph), media, {**DOCUMENT_PREFIXES, **ctx.prefixes}), media)


def _not_found(request: Request, ctx: AppContext, iri: str, media: str) -> Response:
    message = f"Not found: <{iri}> is not described in this dataset."
    if media == HTML:
        body = f"<!doctype html><title>Not found</title><h1>Not found</h1><p>{_escape(message)}</p>".encode()
    elif media == JSONLD:
        body = json.dumps({"error": 404, "message": message}).encode()
    elif media == RDFXML:
        body = b'<?xml version="1.0" encoding="utf-8"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>\n'
    else:
        body = f"# {message}\n".encode()
    return Response(body, 404, media_type=nt.content_type(media), headers={"Vary": "Accept"})


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _respond(request: Request, ctx: AppContext, key: tuple[object, ...], document: Document, *,
             doc_path: str | None = None, cacheable: bool = True) -> Response:
    etag = weak_etag_for(ctx.version, key + (document.media_type,))
    headers = {"ETag": etag, "Vary": "Accept"}
    if doc_path is not None:
        base = str(request.base_url).rstrip("/")
        ext = TYPE_EXTENSIONS.get(document.media_type)
        if ext is not None:
            headers["Content-Location"] = f"{base}{doc_path}.{ext}"
        headers["Link"] = ", ".join(f'<{base}{doc_path}.{e}>; rel="alternate"; type="{t}"' for e, t in EXTENSION_TYPES.items())
    if cacheable and etag_matches(request.headers.get("if-none-match"), etag):
        return Response(status_code=304, headers=headers)
    body = b"" if request.method == "HEAD" else document.body
    response = Response(body, document.status, media_type=nt.content_type(document.media_type), headers=headers)
    if request.method == "HEAD":
        response.headers["Content-Length"] = str(len(document.body))
    return response
