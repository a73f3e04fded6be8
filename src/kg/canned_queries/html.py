"""Small HTML pages for browsers: the list of canned queries and one query's result table."""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from urllib.parse import urlencode

from rdflib import URIRef
from rdflib.term import Identifier

from kg.canned_queries.registry import CannedQuery, QueryRegistry
from kg.canned_queries.shape import LABEL_SUFFIX, json_value
from kg.store.base import OutcomeKind, QueryOutcome, Term

_STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem;line-height:1.4}"
    "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}"
    "code{background:#f4f4f4;padding:0 .2rem}.tags{color:#555;font-size:.9em}"
)


def _page(title: str, body: str) -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f"<style>{_STYLE}</style></head><body>{body}</body></html>\n"
    )


def _params_html(query: CannedQuery) -> str:
    if not query.params:
        return "<p>No parameters.</p>"
    rows = []
    for p in query.params.values():
        kind = f"concept of <code>{escape(p.scheme or '')}</code>" if p.type == "concept" else escape(p.type)
        if p.values:
            kind += " (" + ", ".join(escape(v) for v in p.values) + ")"
        rows.append(
            f"<tr><td><code>{escape(p.name)}</code></td><td>{kind}</td><td>{'yes' if p.required else 'no'}</td>"
            f"<td>{escape(p.default or '')}</td><td>{escape(p.example or '')}</td><td>{escape(p.description)}</td></tr>"
        )
    return (
        "<table><tr><th>parameter</th><th>type</th><th>required</th><th>default</th><th>example</th><th>description</th></tr>"
        + "".join(rows) + "</table>"
    )


def registry_page(registry: QueryRegistry, prefix: str) -> str:
    """The list of queries with their metadata and parameters."""
    items = []
    for q in registry:
        items.append(
            f'<section><h2><a href="{escape(prefix)}/{escape(q.name)}">{escape(q.label("en"))}</a></h2>'
            f"<p><i>{escape(q.label('nb'))}</i></p><p>{escape(q.description)}</p>"
            f'<p class="tags">{escape(q.form.upper())} · tags: {escape(", ".join(q.tags))} · report: '
            f"{escape(', '.join(q.sources))}</p>{_params_html(q)}</section>"
        )
    body = "<h1>Canned queries</h1><p>Each query is one URL; add parameters as <code>?name=value</code> and pick a format with " \
           "<code>Accept</code> or <code>format=json|csv|tsv|xml|turtle|jsonld</code>.</p>" + "".join(items)
    return _page("Canned queries", body)


def result_page(query: CannedQuery, outcome: QueryOutcome, bindings: Mapping[str, Identifier] | None = None,
                prefix: str = "/queries", base_iri: str | None = None) -> str:
    """One query's SELECT (or ASK) result as an HTML table: IRIs are links (labelled when the query has an
    ``xLabel`` variable), with the parameter values in effect and links to the same result in other formats.

    IRIs under ``base_iri`` link to this service's own page for them (``/id/…``, root-relative so the page is
    right whichever host serves it); other IRIs link to themselves."""
    bindings = dict(bindings or {})
    if outcome.kind is OutcomeKind.BOOLEAN:
        keys, cells = ["boolean"], [[escape(str(bool(outcome.boolean)).lower())]]
    else:
        keys = [v for v in outcome.variables if not (v.endswith(LABEL_SUFFIX) and v[: -len(LABEL_SUFFIX)] in outcome.variables)]
        cells = []
        for values in outcome.rows:
            bound = dict(zip(outcome.variables, values))
            cells.append([_cell(bound.get(k), bound.get(k + LABEL_SUFFIX), base_iri) for k in keys])
    head = "".join(f"<th>{escape(k)}</th>" for k in keys)
    body_rows = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in cells)
    table = f"<table><tr>{head}</tr>{body_rows}</table>" if cells else "<p>No results.</p>"
    used = ", ".join(f"<code>{escape(k)}</code> = {escape(str(v))}" for k, v in bindings.items()) or "none"
    url = f"{prefix}/{query.name}"
    links = " · ".join(
        f'<a href="{escape(url + "?" + urlencode({**{k: str(v) for k, v in bindings.items()}, "format": f}))}">{f}</a>'
        for f in _FORMATS
    )
    n = len(cells)
    body = (
        f"<h1>{escape(query.label('en'))}</h1><p>{escape(query.description)}</p>{_params_html(query)}"
        f"<p>Values used: {used}.</p><p>Also as: {links}</p>"
        f"<h2>Result ({n} row{'s' if n != 1 else ''})</h2>{table}"
    )
    return _page(query.label("en"), body)


_FORMATS = ("json", "csv", "tsv", "srj", "xml")
"""``format`` values offered as links under a SELECT result (plain JSON, CSV, TSV, SPARQL JSON, SPARQL XML)."""


def _cell(term: Term | None, label: Term | None, base_iri: str | None = None) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        text = str(label) if label is not None else str(term)
        iri = str(term)
        href = "/" + iri[len(base_iri):] if base_iri and iri.startswith(base_iri) else iri
        return f'<a href="{escape(href)}" title="{escape(iri)}">{escape(text)}</a>'
    value = json_value(term)
    return escape(str(value).lower() if isinstance(value, bool) else str(value))
