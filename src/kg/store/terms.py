"""Conversion of RDF terms between pyoxigraph and rdflib (lexical forms kept exactly)."""

from __future__ import annotations

import pyoxigraph as ox
from rdflib.namespace import XSD
from rdflib.term import BNode, Literal, URIRef

from kg.errors import QueryError

_XSD_STRING = str(XSD.string)
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def to_rdflib(term: object) -> URIRef | BNode | Literal:
    """An rdflib term for a pyoxigraph term; ``xsd:string`` literals become plain literals."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language, normalize=False)
        dt = term.datatype.value
        if dt == _XSD_STRING:
            return Literal(term.value, normalize=False)
        return Literal(term.value, datatype=URIRef(dt), normalize=False)
    raise QueryError(f"unsupported RDF term in result: {term!r}")


def to_oxigraph(term: object) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """A pyoxigraph term for an rdflib term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None and str(term.datatype) != _RDF_LANG_STRING:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise QueryError(f"unsupported RDF term: {term!r}")
