"""Content negotiation: ``Accept`` with q-values, plus a ``format=`` fallback for browsers.

Shared by every router that offers more than one representation (``/sparql``, ``/queries``,
linked data). ``negotiate`` returns the canonical media type to send, or ``None`` (→ 406).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

SPARQL_JSON = "application/sparql-results+json"
SPARQL_XML = "application/sparql-results+xml"
CSV = "text/csv"
TSV = "text/tab-separated-values"
TURTLE = "text/turtle"
NTRIPLES = "application/n-triples"
JSONLD = "application/ld+json"
RDFXML = "application/rdf+xml"
TRIG = "application/trig"
NQUADS = "application/n-quads"

SOLUTION_TYPES: tuple[str, ...] = (SPARQL_JSON, SPARQL_XML, CSV, TSV)
"""Media types for SELECT results, the default first."""
BOOLEAN_TYPES: tuple[str, ...] = (SPARQL_JSON, SPARQL_XML)
"""Media types for ASK results, the default first."""
GRAPH_TYPES: tuple[str, ...] = (TURTLE, NTRIPLES, JSONLD, RDFXML, TRIG, NQUADS)
"""Media types for graphs (CONSTRUCT, DESCRIBE, service description, linked data), the default first."""

RESULT_ALIASES: dict[str, str] = {
    "application/json": SPARQL_JSON,
    "application/xml": SPARQL_XML,
    "text/xml": SPARQL_XML,
}
GRAPH_ALIASES: dict[str, str] = {  # Turtle is valid N3, so N3 clients get Turtle
    "application/json": JSONLD,
    "application/xml": RDFXML,
    "text/xml": RDFXML,
    "application/x-turtle": TURTLE,
    "application/turtle": TURTLE,
    "text/n3": TURTLE,
    "text/rdf+n3": TURTLE,
    "application/n3": TURTLE,
    "text/plain": NTRIPLES,
    "application/x-trig": TRIG,
    "text/x-nquads": NQUADS,
}

FORMAT_NAMES: dict[str, tuple[str, ...]] = {
    "json": (SPARQL_JSON, JSONLD),
    "srj": (SPARQL_JSON,),
    "xml": (SPARQL_XML, RDFXML),
    "srx": (SPARQL_XML,),
    "csv": (CSV,),
    "tsv": (TSV,),
    "turtle": (TURTLE,),
    "ttl": (TURTLE,),
    "n3": (TURTLE,),
    "nt": (NTRIPLES,),
    "ntriples": (NTRIPLES,),
    "n-triples": (NTRIPLES,),
    "jsonld": (JSONLD,),
    "json-ld": (JSONLD,),
    "rdfxml": (RDFXML,),
    "rdf": (RDFXML,),
    "rdf+xml": (RDFXML,),
    "trig": (TRIG,),
    "nq": (NQUADS,),
    "nquads": (NQUADS,),
    "n-quads": (NQUADS,),
}
"""``format=`` values → candidate media types; the first one the route offers wins."""


@dataclass(frozen=True)
class MediaRange:
    """One entry of an ``Accept`` header."""

    type: str
    subtype: str
    q: float

    def matches(self, media_type: str) -> int:
        """Specificity of the match (3 exact, 2 ``type/*``, 1 ``*/*``), 0 for no match."""
        t, _, s = media_type.partition("/")
        if self.type == "*" and self.subtype == "*":
            return 1
        if self.type == t and self.subtype == "*":
            return 2
        if self.type == t and self.subtype == s:
            return 3
        return 0


def parse_accept(header: str | None) -> list[MediaRange]:
    """Parse an ``Accept`` header; malformed entries and out-of-range q-values are skipped."""
    ranges: list[MediaRange] = []
    for part in (header or "").split(","):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if "/" not in media:
            continue
        t, _, s = media.partition("/")
        q = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value.strip())
                except ValueError:
                    q = -1.0
        if 0.0 <= q <= 1.0 and t and s:
            ranges.append(MediaRange(t, s, q))
    return ranges


def negotiate(
    accept: str | None,
    offered: Sequence[str],
    aliases: Mapping[str, str] | None = None,
    format_param: str | None = None,
) -> str | None:
    """The media type (one of ``offered``) to answer with, or ``None`` when nothing is acceptable.

    ``format_param`` (a short name such as ``csv`` or a media type) wins over ``Accept``. Without an
    ``Accept`` header the first offered type is used. Ties in q go to the server's order.
    """
    aliases = aliases or {}
    if format_param:
        wanted = format_param.strip().lower()
        if "," in wanted or ";" in wanted:  # a list of media types: negotiate it like Accept
            return negotiate(wanted, offered, aliases)
        candidates = FORMAT_NAMES.get(wanted, (aliases.get(wanted, wanted),))
        return next((c for c in candidates if c in offered), None)
    ranges = parse_accept(accept)
    if not accept or not accept.strip():
        return offered[0]
    names: list[tuple[str, str]] = [(m, m) for m in offered]
    names += [(alias, canonical) for alias, canonical in aliases.items() if canonical in offered]
    best: tuple[float, int, int] | None = None
    choice: str | None = None
    for order, (name, canonical) in enumerate(names):
        specificity, q = 0, 0.0
        for r in ranges:
            s = r.matches(name)
            if s > specificity:
                specificity, q = s, r.q
        if specificity and q > 0:
            # exact mentions beat wildcards at equal q; server order breaks the remaining ties
            key = (q, specificity, -order)
            if best is None or key > best:
                best, choice = key, canonical
    return choice


def content_type(media_type: str) -> str:
    """The ``Content-Type`` header value: every representation here is UTF-8."""
    return f"{media_type}; charset=utf-8"


SHORT_NAMES: dict[str, str] = {
    SPARQL_JSON: "json", SPARQL_XML: "xml", CSV: "csv", TSV: "tsv", TURTLE: "turtle", NTRIPLES: "nt",
    JSONLD: "jsonld", RDFXML: "rdfxml", TRIG: "trig", NQUADS: "nquads",
}
"""The documented ``format=`` name of each media type."""


def known_format(value: str) -> bool:
    """True when a ``format=`` value names some representation (a short name or a media type)."""
    wanted = value.strip().lower()
    if "/" in wanted:  # media types, possibly a list as SPARQLWrapper sends (format=application/ld+json,…)
        types = {r.type + "/" + r.subtype for r in parse_accept(wanted)}
        return bool(types & (set(SHORT_NAMES) | set(RESULT_ALIASES) | set(GRAPH_ALIASES) | {"*/*"}))
    return wanted in FORMAT_NAMES


def not_acceptable_message(offered: Sequence[str]) -> str:
    """The body of a 406 response: the supported media types and their ``format=`` names."""
    names = ", ".join(dict.fromkeys(SHORT_NAMES[m] for m in offered if m in SHORT_NAMES))
    text = "Not Acceptable. Supported media types: " + ", ".join(offered)
    return text + (f" (format= values: {names})" if names else "") + "\n"
