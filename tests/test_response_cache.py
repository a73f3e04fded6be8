"""The exact response caches: LRU bounds, and the ASGI middleware that replays GET responses."""

from __future__ import annotations

import asyncio
from typing import Any

from kg.response_cache import CachedResponse, CachedResponsesMiddleware, ResponseCache, etag_for


def test_lru_bounds_by_count_and_bytes() -> None:
    cache = ResponseCache(capacity=2, max_bytes=10)
    cache.put(("a",), CachedResponse(b"1234", "text/plain"))
    cache.put(("b",), CachedResponse(b"1234", "text/plain"))
    assert cache.get(("a",)) is not None  # a is now the most recently used
    cache.put(("c",), CachedResponse(b"1234", "text/plain"))
    assert cache.get(("b",)) is None and len(cache) == 2
    cache.put(("d",), CachedResponse(b"123456789", "text/plain"))
    assert len(cache) == 1 and cache.get(("d",)) is not None
    cache.put(("huge",), CachedResponse(b"x" * 11, "text/plain"))
    assert cache.get(("huge",)) is None
    assert ResponseCache(0).get(("a",)) is None


def test_etag_depends_on_version_and_key() -> None:
    assert etag_for("v1", ("q",)) != etag_for("v2", ("q",))
    assert etag_for("v1", ("q",)) != etag_for("v1", ("r",))
    assert etag_for("v1", ("q",)).startswith('"v1-')


class _App:
    """An ASGI app counting calls; answers with or without an ETag."""

    def __init__(self, etag: bool) -> None:
        self.calls = 0
        self.etag = etag

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        self.calls += 1
        headers = [(b"content-type", b"text/plain")] + ([(b"etag", b'"v-1"')] if self.etag else [])
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": f"call {self.calls}".encode()})


def _get(mw: CachedResponsesMiddleware, query: bytes, headers: list[tuple[bytes, bytes]] | None = None) -> list[dict[str, Any]]:
    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b""}

    scope = {"type": "http", "method": "GET", "path": "/sparql", "query_string": query, "headers": headers or []}
    asyncio.run(mw(scope, receive, send))
    return sent


def test_middleware_replays_etag_responses_only() -> None:
    app = _App(etag=True)
    mw = CachedResponsesMiddleware(app, capacity=10)
    first, second = _get(mw, b"query=ASK{}"), _get(mw, b"query=ASK{}")
    assert app.calls == 1 and mw.hits == 1 and first[1]["body"] == second[1]["body"] == b"call 1"
    _get(mw, b"query=ASK{}", [(b"accept", b"text/csv")])
    _get(mw, b"query=ASK{}", [(b"if-none-match", b'"v-1"')])
    assert app.calls == 3
    plain = _App(etag=False)
    mw2 = CachedResponsesMiddleware(plain, capacity=10)
    _get(mw2, b"query=ASK{}")
    _get(mw2, b"query=ASK{}")
    assert plain.calls == 2
    off = CachedResponsesMiddleware(app, capacity=0)
    _get(off, b"query=ASK{}")
    assert app.calls == 4


def test_weak_etags_match_by_weak_comparison() -> None:
    from kg.response_cache import etag_matches, weak_etag_for

    tag = weak_etag_for("v1", ("q",))
    assert tag.startswith('W/"v1-')
    assert etag_matches(tag, tag) and etag_matches(tag.removeprefix("W/"), tag)
    assert etag_matches('"other", ' + tag, tag) and etag_matches("*", tag)
    assert not etag_matches(None, tag) and not etag_matches('"other"', tag)
