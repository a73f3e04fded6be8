"""Linked Data publishing: dereferenceable IRIs, the JSON-LD context, dataset description and dumps."""
