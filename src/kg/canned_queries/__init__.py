"""Canned queries: the report's questions as parameterised SPARQL files, served over HTTP and the CLI.

``load_registry(settings)`` parses ``queries/*.rq``; ``QueryRegistry.to_graph(namespaces)`` publishes
them as RDF; :mod:`kg.canned_queries.params` binds request parameters; :mod:`kg.canned_queries.api`
is the FastAPI router and :mod:`kg.canned_queries.cli` backs ``kg query``.
"""

from kg.canned_queries.registry import CannedQuery, Parameter, QueryRegistry, load_registry

__all__ = ["CannedQuery", "Parameter", "QueryRegistry", "load_registry"]
