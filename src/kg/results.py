"""Serialisers: SPARQL 1.1 results (JSON, XML, CSV, TSV) and RDF graphs/datasets.

Results follow the W3C specs exactly (SPARQL 1.1 Query Results JSON, XML and CSV/TSV formats);
graphs are written by pyoxigraph's serialisers (Turtle, N-Triples, JSON-LD, RDF/XML, TriG,
N-Quads). Input is a ``QueryOutcome`` of rdflib terms, so output does not depend on the engine.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

import pyoxigraph as ox
from rdflib.term import BNode, Literal, URIRef

from kg import negotiation as nt
from kg.errors import KGError
from kg.namespaces import PREFIXES
from kg.store.base import OutcomeKind, Quad, QueryOutcome, Term
from kg.store.terms import to_oxigraph

_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


# -- SPARQL results ------------------------------------------------------------------------------
def _json_term(term: Term) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype is not None and str(term.datatype) != _RDF_LANG_STRING:
        out["datatype"] = str(term.datatype)
    return out


def solutions_json(outcome: QueryOutcome) -> bytes:
    """SPARQL 1.1 Query Results JSON."""
    if outcome.kind is OutcomeKind.BOOLEAN:
        return json.dumps({"head": {}, "boolean": bool(outcome.boolean)}).encode()
    # terms repeat across rows: encode each distinct term once, then join the row objects
    encoded: dict[Term, str] = {}
    names = [json.dumps(v, ensure_ascii=False) for v in outcome.variables]
    rows: list[str] = []
    for row in outcome.rows:
        parts = []
        for name, t in zip(names, row):
            if t is None:
                continue
            text = encoded.get(t)
            if text is None:
                text = encoded[t] = json.dumps(_json_term(t), ensure_ascii=False, separators=(",", ":"))
            parts.append(f"{name}:{text}")
        rows.append("{" + ",".join(parts) + "}")
    head = json.dumps({"vars": outcome.variables}, ensure_ascii=False, separators=(",", ":"))
    return ('{"head":' + head + ',"results":{"bindings":[' + ",".join(rows) + "]}}").encode()


def _xml_term(term: Term) -> str:
    if isinstance(term, URIRef):
        return f"<uri>{xml_escape(str(term))}</uri>"
    if isinstance(term, BNode):
        return f"<bnode>{xml_escape(str(term))}</bnode>"
    attrs = ""
    if term.language:
        attrs = f" xml:lang={quoteattr(term.language)}"
    elif term.datatype is not None and str(term.datatype) != _RDF_LANG_STRING:
        attrs = f" datatype={quoteattr(str(term.datatype))}"
    return f"<literal{attrs}>{_xml_text(str(term))}</literal>"


def _xml_text(text: str) -> str:
    escaped = xml_escape(text)
    # characters XML 1.0 forbids cannot be represented; carriage returns must survive parsing
    return escaped.replace("\r", "&#13;")


_NOT_XML_10 = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters XML 1.0 cannot carry, not even escaped (U+0001, U+000C …)."""


class NotRepresentable(KGError):
    """The result holds characters the chosen format cannot carry (406)."""

    status_code = 406


def _check_xml(text: str, what: str) -> None:
    found = _NOT_XML_10.search(text)
    if found is not None:
        raise NotRepresentable(
            f"The result contains the character U+{ord(found.group()):04X}, which XML 1.0 cannot carry, so it "
            f"cannot be sent as {what}. Ask for application/sparql-results+json (format=json) instead"
            f"{' or another RDF format (format=turtle)' if 'RDF' in what else ''}."
        )


def solutions_xml(outcome: QueryOutcome) -> bytes:
    """SPARQL Query Results XML Format; ``NotRepresentable`` for characters XML 1.0 cannot carry."""
    parts = ['<?xml version="1.0" encoding="utf-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>']
    if outcome.kind is OutcomeKind.BOOLEAN:
        parts.append("</head>\n<boolean>" + ("true" if outcome.boolean else "false") + "</boolean>\n</sparql>\n")
        return "".join(parts).encode()
    parts.extend(f"<variable name={quoteattr(v)}/>" for v in outcome.variables)
    parts.append("</head>\n<results>\n")
    for row in outcome.rows:
        parts.append("<result>")
        parts.extend(
            f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
            for v, t in zip(outcome.variables, row)
            if t is not None
        )
        parts.append("</result>\n")
    parts.append("</results>\n</sparql>\n")
    text = "".join(parts)
    _check_xml(text, "SPARQL results XML")
    return text.encode()


def _csv_field(term: Term | None) -> str:
    if term is None:
        return ""
    text = f"_:{term}" if isinstance(term, BNode) else str(term)
    if any(c in text for c in '",\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def solutions_csv(outcome: QueryOutcome) -> bytes:
    """SPARQL 1.1 Query Results CSV (lossy: values only; CRLF line ends)."""
    lines = [",".join(_csv_field(Literal(v)) for v in outcome.variables)]
    lines.extend(",".join(_csv_field(t) for t in row) for row in outcome.rows)
    return ("\r\n".join(lines) + "\r\n").encode()


_ECHAR = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})


def _iri(value: str) -> str:
    out = []
    for c in value:
        if c in '<>"{}|^`\\' or ord(c) <= 0x20:
            out.append(f"\\u{ord(c):04X}")
        else:
            out.append(c)
    return "<" + "".join(out) + ">"


def term_nt(term: Term) -> str:
    """A term in N-Triples/Turtle syntax (as used by TSV results and N-Quads)."""
    if isinstance(term, URIRef):
        return _iri(str(term))
    if isinstance(term, BNode):
        return f"_:{term}"
    lexical = '"' + str(term).translate(_ECHAR) + '"'
    if term.language:
        return f"{lexical}@{term.language}"
    if term.datatype is not None and str(term.datatype) != _RDF_LANG_STRING:
        return f"{lexical}^^{_iri(str(term.datatype))}"
    return lexical


def solutions_tsv(outcome: QueryOutcome) -> bytes:
    """SPARQL 1.1 Query Results TSV (terms in Turtle syntax; LF line ends)."""
    lines = ["\t".join("?" + v for v in outcome.variables)]
    encoded: dict[Term, str] = {}
    for row in outcome.rows:
        cells = []
        for t in row:
            if t is None:
                cells.append("")
                continue
            text = encoded.get(t)
            if text is None:
                text = encoded[t] = term_nt(t)
            cells.append(text)
        lines.append("\t".join(cells))
    return ("\n".join(lines) + "\n").encode()


# -- RDF ---------------------------------------------------------------------------------------------
_RDF_FORMATS: dict[str, ox.RdfFormat] = {
    nt.TURTLE: ox.RdfFormat.TURTLE,
    nt.NTRIPLES: ox.RdfFormat.N_TRIPLES,
    nt.JSONLD: ox.RdfFormat.JSON_LD,
    nt.RDFXML: ox.RdfFormat.RDF_XML,
    nt.TRIG: ox.RdfFormat.TRIG,
    nt.NQUADS: ox.RdfFormat.N_QUADS,
}


def _used_prefixes(iris: Iterable[str], prefixes: dict[str, str]) -> dict[str, str]:
    used: dict[str, str] = {}
    namespaces = sorted(prefixes.items(), key=lambda kv: -len(kv[1]))
    for iri in iris:
        for name, ns in namespaces:
            if name not in used and iri.startswith(ns) and "/" not in iri[len(ns):] and "#" not in iri[len(ns):]:
                used[name] = ns
                break
    return dict(sorted(used.items()))


def graph_bytes(
    triples: Sequence[tuple[Term, URIRef, Term]],
    media_type: str,
    prefixes: dict[str, str] | None = None,
) -> bytes:
    """Serialise triples (a graph; in TriG/N-Quads, its default graph)."""
    fmt = _RDF_FORMATS[media_type]
    if fmt.supports_datasets:
        return dataset_bytes([(s, p, o, None) for s, p, o in triples], media_type, prefixes)
    if media_type == nt.RDFXML:
        for t in triples:
            for term in t:
                _check_xml(str(term), "RDF/XML")
    ox_triples = [ox.Triple(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o)) for s, p, o in triples]  # type: ignore[arg-type]
    return _serialize(ox_triples, fmt, triples, prefixes)


def dataset_bytes(quads: Sequence[Quad], media_type: str, prefixes: dict[str, str] | None = None) -> bytes:
    """Serialise quads in a dataset format (TriG, N-Quads); triple formats get the default graph only."""
    fmt = _RDF_FORMATS[media_type]
    if not fmt.supports_datasets:
        return graph_bytes([(s, p, o) for s, p, o, g in quads if g is None], media_type, prefixes)
    ox_quads = [
        ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), ox.DefaultGraph() if g is None else to_oxigraph(g))  # type: ignore[arg-type]
        for s, p, o, g in quads
    ]
    return _serialize(ox_quads, fmt, [(s, p, o) for s, p, o, _ in quads], prefixes)


def _serialize(items: list, fmt: ox.RdfFormat, triples: Sequence[tuple[Term, URIRef, Term]], prefixes: dict[str, str] | None) -> bytes:
    if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG, ox.RdfFormat.RDF_XML):
        iris = {str(t) for triple in triples for t in triple if isinstance(t, URIRef)}
        used = _used_prefixes(iris, prefixes if prefixes is not None else PREFIXES)
        return ox.serialize(items, format=fmt, prefixes=used) or b""
    return ox.serialize(items, format=fmt) or b""


def nquads_bytes(quads: Iterable[Quad]) -> bytes:
    """Quads as N-Quads text."""
    return dataset_bytes(list(quads), nt.NQUADS)


def serialize_outcome(outcome: QueryOutcome, media_type: str, prefixes: dict[str, str] | None = None) -> bytes:
    """Serialise any query outcome in one of the media types ``kg.negotiation`` offers for its kind."""
    if outcome.kind is OutcomeKind.GRAPH:
        return graph_bytes(outcome.triples, media_type, prefixes)
    if media_type == nt.SPARQL_JSON:
        return solutions_json(outcome)
    if media_type == nt.SPARQL_XML:
        return solutions_xml(outcome)
    if outcome.kind is OutcomeKind.SOLUTIONS and media_type == nt.CSV:
        return solutions_csv(outcome)
    if outcome.kind is OutcomeKind.SOLUTIONS and media_type == nt.TSV:
        return solutions_tsv(outcome)
    raise ValueError(f"no serialiser for {outcome.kind.value} as {media_type}")


def offered_types(kind: OutcomeKind) -> tuple[str, ...]:
    """Media types offered for an outcome kind, the default first."""
    return {OutcomeKind.SOLUTIONS: nt.SOLUTION_TYPES, OutcomeKind.BOOLEAN: nt.BOOLEAN_TYPES, OutcomeKind.GRAPH: nt.GRAPH_TYPES}[kind]
