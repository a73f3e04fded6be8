"""The FastAPI application factory. Each router is added with one line in ``create_app``."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp

from kg import __version__
from kg.canned_queries.api import canned_queries_router
from kg.context import build_context
from kg.errors import KGError
from kg.home import home_router
from kg.linked_data.router import linked_data_router
from kg.response_cache import CachedResponsesMiddleware
from kg.settings import Settings
from kg.sparql_protocol import ALLOWED_METHODS, error_response
from kg.sparql_protocol import router as sparql_router
from kg.store.base import QueryEngine
from kg.store.registry import open_store, union_default_graph_from_env


class KGApp(FastAPI):
    """FastAPI with the response cache outside every other layer, so a hit costs only a dict lookup."""

    def build_middleware_stack(self) -> ASGIApp:  # noqa: D102 - Starlette hook
        stack = super().build_middleware_stack()
        return CachedResponsesMiddleware(stack, capacity=self.state.ctx.settings.cache_size)  # type: ignore[arg-type,return-value]


def create_app(settings: Settings, engine: QueryEngine | None = None, data_files: Sequence[Path | str] | None = (),
               union_default_graph: bool | None = None) -> FastAPI:
    """Build the app: load the store (snapshot, ``data_files``, or the given engine) and mount the routers.

    ``union_default_graph`` (``data_files`` only; default ``KG_UNION_DEFAULT_GRAPH``): the default
    graph is the merge of every graph instead of the files' own default graph.
    """
    files = tuple(Path(f) for f in (data_files or ()))
    if engine is None:
        union = union_default_graph if union_default_graph is not None else union_default_graph_from_env()
        engine = open_store(settings, files or None, union_default_graph=union)
    ctx = build_context(settings, engine, files)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await ctx.runner.start()
        yield
        await ctx.runner.close()

    app = KGApp(
        title="Innovasjon knowledge graph",
        version=__version__,
        description="SPARQL 1.1 endpoint and linked data for Norway's public-sector innovation system (Difi-rapport 2017:01).",
        lifespan=lifespan,
    )
    app.state.ctx = ctx
    app.add_middleware(GZipMiddleware, minimum_size=1000)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=["*"],
        allow_methods=["GET", "POST", "HEAD", "OPTIONS"],
        allow_headers=["*"],
        expose_headers=["ETag", "Content-Disposition"],
        max_age=86400,
    )

    @app.exception_handler(KGError)
    async def kg_error(request: Request, exc: KGError) -> Response:
        return error_response(request, getattr(exc, "status_code", 400), str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 405 and request.url.path == "/sparql":
            return error_response(request, 405, f"Method {request.method} is not allowed on /sparql; "
                                  f"allowed: {ALLOWED_METHODS}.", {"Allow": ALLOWED_METHODS})
        return await http_exception_handler(request, exc)

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception) -> Response:
        return error_response(request, 500, "Internal server error; the incident was not caused by your request.")

    @app.get("/health", tags=["service"], summary="Liveness")
    async def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/ready", tags=["service"], summary="Readiness: graph loaded, with counts")
    async def ready() -> JSONResponse:
        graphs = ctx.engine.named_graphs()
        default_size = ctx.engine.default_graph_size()
        loaded = sum(ctx.engine.count(g) for g in graphs) + (0 if ctx.engine.union_default_graph else default_size)
        aliases = getattr(ctx.engine, "aliases", None)
        body = {
            "status": "ready",
            "store": ctx.engine.name,
            "version": ctx.version,
            "quads": loaded,
            "default_graph_triples": default_size,
            "union_default_graph": ctx.engine.union_default_graph,
            "named_graphs": len(graphs),
            "alias_graphs": list(aliases.names) if aliases is not None else [],
            "query_workers": ctx.runner.alive,
            "source": [str(f) for f in ctx.data_files] or str(settings.snapshot_path),
        }
        return JSONResponse(body)

    app.include_router(sparql_router)
    app.include_router(canned_queries_router(settings))
    app.include_router(linked_data_router())
    app.include_router(home_router())
    return app
