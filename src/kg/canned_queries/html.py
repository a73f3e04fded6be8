"""Small HTML pages for browsers: the list of canned queries and one query's result table."""

from __future__ import annotations

from html import escape
from typing import Any

from kg.canned_queries.registry import CannedQuery, QueryRegistry

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


def result_page(query: CannedQuery, rows: list[dict[str, Any]]) -> str:
    """One query's SELECT result as an HTML table (from the plain-JSON rows)."""
    keys = list(rows[0]) if rows else []
    head = "".join(f"<th>{escape(k)}</th>" for k in keys)
    body_rows = []
    for row in rows:
        cells = []
        for k in keys:
            value = row[k]
            if isinstance(value, dict):
                label = value.get("label") or value.get("id") or ""
                cells.append(f'<td><a href="{escape(str(value.get("id")))}">{escape(str(label))}</a></td>')
            else:
                cells.append(f"<td>{escape('' if value is None else str(value))}</td>")
        body_rows.append("<tr>" + "".join(cells) + "</tr>")
    table = f"<table><tr>{head}</tr>{''.join(body_rows)}</table>" if rows else "<p>No results.</p>"
    body = (
        f"<h1>{escape(query.label('en'))}</h1><p>{escape(query.description)}</p>{_params_html(query)}"
        f"<h2>Result ({len(rows)} row{'s' if len(rows) != 1 else ''})</h2>{table}"
    )
    return _page(query.label("en"), body)
