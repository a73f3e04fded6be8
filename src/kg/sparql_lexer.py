"""A minimal SPARQL tokenizer: enough to find keywords and braces outside strings, IRIs and comments."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple
from urllib.parse import urljoin

_TOKEN = re.compile(
    r"""
    (?P<comment>\#[^\n]*)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][\w\u00b7\u00c0-\uffff]+)
  | (?P<word>[\w\u00c0-\uffff][\w.\u00b7\u00c0-\uffff-]*(?::[\w.:%\\\u00b7\u00c0-\uffff-]*)?|:[\w.:%\\\u00b7\u00c0-\uffff-]*)
  | (?P<space>\s+)
  | (?P<other>.)
    """,
    re.S | re.X,
)


class Token(NamedTuple):
    """One token: its kind (comment, string, iri, var, word, other), text and start offset."""

    kind: str
    text: str
    start: int


def tokens(sparql: str) -> Iterator[Token]:
    """Significant tokens of a query (whitespace and comments dropped)."""
    for m in _TOKEN.finditer(sparql):
        kind = m.lastgroup or "other"
        if kind not in ("space", "comment"):
            yield Token(kind, m.group(), m.start())


def has_dataset_clause(sparql: str) -> bool:
    """True when the query has a ``FROM`` or ``FROM NAMED`` clause."""
    return any(t.kind == "word" and t.text.upper() == "FROM" for t in tokens(sparql))


UPDATE_KEYWORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"})


def is_update(sparql: str) -> bool:
    """True when the first keyword after the prologue starts a SPARQL Update operation."""
    toks = list(tokens(sparql))
    i = 0
    while i < len(toks):
        word = toks[i].text.upper() if toks[i].kind == "word" else ""
        if word == "BASE":
            i += 2
        elif word == "PREFIX":
            i += 3
        else:
            return word in UPDATE_KEYWORDS
    return False


class DatasetClause(NamedTuple):
    """A query's ``FROM``/``FROM NAMED`` graphs and the query text without those clauses."""

    default_graphs: list[str]
    named_graphs: list[str]
    query: str


def _prologue(toks: list[Token], base: str | None) -> tuple[dict[str, str], str | None]:
    prefixes: dict[str, str] = {}
    for i, t in enumerate(toks):
        word = t.text.upper() if t.kind == "word" else ""
        if word == "BASE" and i + 1 < len(toks) and toks[i + 1].kind == "iri":
            base = urljoin(base or "", toks[i + 1].text[1:-1])
        elif word == "PREFIX" and i + 2 < len(toks) and toks[i + 2].kind == "iri":
            prefixes[toks[i + 1].text.rstrip(":")] = urljoin(base or "", toks[i + 2].text[1:-1])
    return prefixes, base


def _iri(token: Token, prefixes: dict[str, str], base: str | None) -> str | None:
    if token.kind == "iri":
        return urljoin(base or "", token.text[1:-1])
    if token.kind == "word" and ":" in token.text:
        prefix, _, local = token.text.partition(":")
        if prefix in prefixes:
            return prefixes[prefix] + local
    return None


def dataset_clause(sparql: str, base: str | None = None) -> DatasetClause | None:
    """The ``FROM``/``FROM NAMED`` graphs of a query (IRIs resolved), or None when it has none.

    Also None when a target cannot be resolved (an undeclared prefix): the engine then reports it.
    """
    toks = list(tokens(sparql))
    if not any(t.kind == "word" and t.text.upper() == "FROM" for t in toks):
        return None
    prefixes, base = _prologue(toks, base)
    default: list[str] = []
    named: list[str] = []
    cuts: list[tuple[int, int]] = []
    i = 0
    while i < len(toks):
        if toks[i].kind == "word" and toks[i].text.upper() == "FROM":
            j = i + 1
            is_named = j < len(toks) and toks[j].kind == "word" and toks[j].text.upper() == "NAMED"
            j += int(is_named)
            if j >= len(toks):
                return None
            iri = _iri(toks[j], prefixes, base)
            if iri is None:
                return None
            (named if is_named else default).append(iri)
            cuts.append((toks[i].start, toks[j].start + len(toks[j].text)))
            i = j
        i += 1
    text, last = [], 0
    for start, end in cuts:
        text.append(sparql[last:start])
        last = end
    text.append(sparql[last:])
    return DatasetClause(default, named, " ".join(text))


def mentioned_iris(sparql: str, base: str | None = None) -> set[str]:
    """Every IRI written in the query, prefixed names expanded (to see which graphs it names)."""
    toks = list(tokens(sparql))
    prefixes, base = _prologue(toks, base)
    found = (_iri(t, prefixes, base) for t in toks if t.kind in ("iri", "word"))
    return {iri for iri in found if iri}
