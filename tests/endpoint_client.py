"""A synchronous in-process HTTP client for the app (httpx over ASGI), for the endpoint unit tests."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import httpx
from fastapi import FastAPI

from kg.app import create_app
from kg.settings import Settings

FIXTURE = Path(__file__).parent / "fixtures" / "endpoint" / "org.trig"


class AppClient:
    """Sends one request at a time to an app without a server or lifespan."""

    def __init__(self, app: FastAPI) -> None:
        self.app = app

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        async def go() -> httpx.Response:
            transport = httpx.ASGITransport(app=self.app)
            async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
                return await client.request(method, url, **kwargs)

        return asyncio.run(go())

    def get(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("POST", url, **kwargs)


def fixture_app(**overrides: Any) -> FastAPI:
    """The app over the endpoint fixture, with the snapshot's union default graph, queries in threads."""
    from kg.store import DataSource, GraphAliases, new_engine

    settings = Settings.from_env({}, **{"query_workers": 0, **overrides})
    engine = new_engine(settings.store, union_default_graph=True, aliases=GraphAliases.for_base(settings.base_iri))
    engine.load(DataSource.for_file(FIXTURE))
    return create_app(settings, engine=engine)
