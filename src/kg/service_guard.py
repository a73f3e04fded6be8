"""Find the endpoints a query's ``SERVICE`` clauses would call, without parsing the whole query.

Engines happily fetch a ``SERVICE`` endpoint over the network (pyoxigraph does), so every query
is checked against ``KG_SERVICE_ALLOWLIST`` before it runs. The scan tokenises just enough of
SPARQL (comments, strings, IRIs, words) that ``SERVICE`` inside a string or comment is ignored.
"""

from __future__ import annotations

from kg.errors import QueryError
from kg.sparql_lexer import tokens as lex


def service_targets(sparql: str) -> list[str | None]:
    """The endpoint IRI of each ``SERVICE`` clause (``None`` for a variable endpoint)."""
    tokens = [(t.kind, t.text) for t in lex(sparql)]
    prefixes: dict[str, str] = {}
    targets: list[str | None] = []
    for i, (kind, text) in enumerate(tokens):
        if kind != "word":
            continue
        upper = text.upper()
        if upper == "PREFIX" and i + 2 < len(tokens) and tokens[i + 2][0] == "iri":
            prefixes[tokens[i + 1][1].rstrip(":")] = tokens[i + 2][1][1:-1]
        elif upper == "SERVICE":
            j = i + 1
            if j < len(tokens) and tokens[j][1].upper() == "SILENT":
                j += 1
            if j >= len(tokens):
                continue
            kind_j, target = tokens[j]
            if kind_j == "iri":
                targets.append(target[1:-1])
            elif kind_j == "word" and ":" in target:
                prefix, _, local = target.partition(":")
                targets.append(prefixes.get(prefix, "") + local if prefix in prefixes else target)
            else:
                targets.append(None)
    return targets


def check_service(sparql: str, allowlist: tuple[str, ...]) -> None:
    """Raise ``QueryError`` when the query calls a ``SERVICE`` the allow-list does not name."""
    for target in service_targets(sparql):
        if target is None:
            raise QueryError("SERVICE with a variable endpoint is not allowed on this server")
        if target not in allowlist:
            allowed = ", ".join(allowlist) if allowlist else "none"
            raise QueryError(
                f"SERVICE <{target}> is not allowed on this server (KG_SERVICE_ALLOWLIST: {allowed})"
            )
