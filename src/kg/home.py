"""The service's landing page: what this is and where to go (HTML for browsers, JSON for clients)."""

from __future__ import annotations

from html import escape

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from kg import negotiation as nt
from kg.context import AppContext
from kg.sparql_protocol import error_response

TITLE = "Innovasjon i offentlig sektor — knowledge graph"
DESCRIPTION = (
    "Actors, roles, goal areas, instruments and responsibilities of Norway's public-sector innovation system, "
    "from Difi-rapport 2017:01; every statement cites its report section."
)
#: Entry points: (path, what it is).
LINKS: tuple[tuple[str, str], ...] = (
    ("/sparql", "SPARQL 1.1 endpoint (GET without a query: the service description)"),
    ("/queries", "canned queries: the report's questions as URLs"),
    ("/docs", "OpenAPI documentation"),
    ("/def", "the ontology and its documentation"),
    ("/id/actor/difi", "an example resource (every IRI of the dataset dereferences)"),
    ("/.well-known/void", "dataset description (VoID + DCAT)"),
    ("/context.jsonld", "the JSON-LD @context"),
    ("/dumps/asserted.ttl", "dump of the asserted graph (also .nt, .jsonld, .nq; and all.*)"),
    ("/ready", "readiness and graph counts"),
)
OFFERED = ("application/json", "text/html")


def home_router() -> APIRouter:
    """The ``/`` route."""
    router = APIRouter(tags=["service"])

    @router.get("/", summary="Landing page: what this service is and its entry points")
    async def home(request: Request) -> Response:
        ctx: AppContext = request.app.state.ctx
        media = nt.negotiate(request.headers.get("accept"), OFFERED, format_param=request.query_params.get("format"))
        if media is None:
            return error_response(request, 406, nt.not_acceptable_message(OFFERED))
        headers = {"Vary": "Accept"}
        if media == "application/json":
            body = {"title": TITLE, "description": DESCRIPTION, "version": ctx.version,
                    "dataset": ctx.namespaces.dataset_iri, "links": {path: what for path, what in LINKS}}
            return JSONResponse(body, headers=headers)
        items = "".join(f'<li><a href="{escape(path)}">{escape(path)}</a> — {escape(what)}</li>' for path, what in LINKS)
        page = (f"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{escape(TITLE)}</title></head>"
                f"<body style=\"font:15px/1.45 system-ui,sans-serif;max-width:60rem;margin:2rem auto\">"
                f"<h1>{escape(TITLE)}</h1><p>{escape(DESCRIPTION)}</p><ul>{items}</ul>"
                f"<p>Snapshot version <code>{escape(ctx.version)}</code>.</p></body></html>")
        return HTMLResponse(page, headers=headers)

    return router
