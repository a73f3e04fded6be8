"""Exact response cache: the snapshot is read-only, so a response depends only on its key.

The key is (query text, dataset parameters, negotiated media types, snapshot version); a new
snapshot version therefore never serves an old answer.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from dataclasses import dataclass


@dataclass(frozen=True)
class CachedResponse:
    """A serialised response body and its media type."""

    body: bytes
    media_type: str


class ResponseCache:
    """A bounded LRU map from request key to ``CachedResponse`` (``capacity`` 0 disables it)."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self._items: OrderedDict[tuple[object, ...], CachedResponse] = OrderedDict()
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
        if self.capacity <= 0:
            return
        self._items[key] = value
        self._items.move_to_end(key)
        while len(self._items) > self.capacity:
            self._items.popitem(last=False)

    def __len__(self) -> int:
        return len(self._items)


def etag_for(version: str, key: tuple[object, ...]) -> str:
    """A strong ETag tied to the snapshot version and the request key."""
    digest = hashlib.sha256(repr(key).encode()).hexdigest()[:20]
    return f'"{version}-{digest}"'
