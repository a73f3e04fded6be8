"""A minimal SPARQL tokenizer: enough to find keywords and braces outside strings, IRIs and comments."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

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
