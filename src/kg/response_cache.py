"""Exact response cache: the snapshot is read-only, so a response depends only on its key.

The key is (query text, dataset parameters, negotiated media types, snapshot version); a new
snapshot version therefore never serves an old answer.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class CachedResponse:
    """A serialised response body and its media type."""

    body: bytes
    media_type: str


MAX_CACHED_BYTES = 128 * 1024 * 1024
"""Memory budget of each cache: least recently used entries go first beyond it."""


class ResponseCache:
    """A bounded LRU map from request key to ``CachedResponse`` (``capacity`` 0 disables it)."""

    def __init__(self, capacity: int, max_bytes: int = MAX_CACHED_BYTES) -> None:
        self.capacity = capacity
        self.max_bytes = max_bytes
        self._items: OrderedDict[tuple[object, ...], CachedResponse] = OrderedDict()
        self._bytes = 0
        self.hits = 0
        self.misses = 0

    def get(self, key: tuple[object, ...]) -> CachedResponse | None:
        """The cached response for ``key``, marking it recently used."""
        item = self._items.get(key)
        if item is None:
            self.misses += 1
            return None
        self._items.move_to_end(key)
        self.hits += 1
        return item

    def put(self, key: tuple[object, ...], value: CachedResponse) -> None:
        """Store a response, evicting the least recently used beyond capacity."""
        if self.capacity <= 0 or len(value.body) > self.max_bytes:
            return
        old = self._items.pop(key, None)
        if old is not None:
            self._bytes -= len(old.body)
        self._items[key] = value
        self._bytes += len(value.body)
        while len(self._items) > self.capacity or self._bytes > self.max_bytes:
            _, evicted = self._items.popitem(last=False)
            self._bytes -= len(evicted.body)

    def __len__(self) -> int:
        return len(self._items)


def etag_for(version: str, key: tuple[object, ...]) -> str:
    """A strong ETag tied to the snapshot version and the request key."""
    digest = hashlib.sha256(repr(key).encode()).hexdigest()[:20]
    return f'"{version}-{digest}"'


def weak_etag_for(version: str, key: tuple[object, ...]) -> str:
    """The ETag responses carry: weak, since gzip and identity bodies of one answer share it (RFC 9110 §8.8.1)."""
    return "W/" + etag_for(version, key)


def etag_matches(if_none_match: str | None, etag: str) -> bool:
    """Whether an ``If-None-Match`` header matches ``etag`` by weak comparison (RFC 9110 §13.1.2), ``*`` included."""
    if not if_none_match:
        return False
    tags = [t.strip().removeprefix("W/") for t in if_none_match.split(",")]
    return "*" in tags or etag.removeprefix("W/") in tags


Message = dict[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]


class CachedResponsesMiddleware:
    """ASGI middleware that replays complete responses for repeated identical GET requests.

    Only responses that declare themselves cacheable by carrying an ``ETag`` (which is tied to the
    snapshot version) are kept, for the given path prefixes. The key is the method, path, raw query
    string and the headers a response may vary on (Accept, Accept-Encoding, Host, Origin present),
    so a hit skips routing, parsing, negotiation and execution. Conditional requests pass through.
    """

    def __init__(self, app: Callable[[Message, Receive, Send], Awaitable[None]], capacity: int,
                 prefixes: tuple[str, ...] = ("/sparql",), max_body: int = 4_000_000,
                 max_bytes: int = MAX_CACHED_BYTES) -> None:
        self.app = app
        self.capacity = capacity
        self.prefixes = prefixes
        self.max_body = max_body
        self.max_bytes = max_bytes
        self._items: OrderedDict[tuple[object, ...], tuple[Message, bytes]] = OrderedDict()
        self._bytes = 0
        self.hits = 0

    async def __call__(self, scope: Message, receive: Receive, send: Send) -> None:
        if (
            self.capacity <= 0
            or scope["type"] != "http"
            or scope["method"] not in ("GET", "HEAD")
            or not scope["path"].startswith(self.prefixes)
        ):
            await self.app(scope, receive, send)
            return
        accept = encoding = host = b""
        origin = False
        for name, value in scope["headers"]:
            if name == b"accept":
                accept = value
            elif name == b"accept-encoding":
                encoding = value
            elif name == b"host":
                host = value
            elif name == b"origin":
                origin = True
            elif name == b"if-none-match":
                await self.app(scope, receive, send)
                return
        key = (scope["method"], scope["path"], scope["query_string"], accept, encoding, host, origin)
        hit = self._items.get(key)
        if hit is not None:
            self._items.move_to_end(key)
            self.hits += 1
            await send(hit[0])
            await send({"type": "http.response.body", "body": hit[1]})
            return
        start: Message | None = None
        chunks: list[bytes] = []
        keep = False

        async def capture(message: Message) -> None:
            nonlocal start, keep
            if message["type"] == "http.response.start":
                start = message
                keep = message["status"] == 200 and any(n.lower() == b"etag" for n, _ in message.get("headers", []))
            elif message["type"] == "http.response.body" and keep:
                chunks.append(message.get("body", b""))
                if sum(map(len, chunks)) > self.max_body:
                    keep = False
                elif not message.get("more_body", False) and start is not None:
                    self._store(key, start, b"".join(chunks))
            await send(message)

        await self.app(scope, receive, capture)

    def _store(self, key: tuple[object, ...], start: Message, body: bytes) -> None:
        old = self._items.pop(key, None)
        if old is not None:
            self._bytes -= len(old[1])
        self._items[key] = (start, body)
        self._bytes += len(body)
        while len(self._items) > self.capacity or self._bytes > self.max_bytes:
            _, (_, evicted) = self._items.popitem(last=False)
            self._bytes -= len(evicted)
