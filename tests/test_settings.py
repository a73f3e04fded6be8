"""Unit tests for kg.settings: KG_* variables, overrides and derived paths."""

from pathlib import Path

import pytest

from kg.settings import CANONICAL_BASE_IRI, SETTINGS_TABLE, Settings


def test_defaults_without_environment():
    s = Settings.from_env({})
    assert (s.base_iri, s.host, s.port, s.store, s.query_timeout) == (CANONICAL_BASE_IRI, "127.0.0.1", 8000, "oxigraph", 10.0)
    assert s.snapshot_path == s.project_dir / "build" / "snapshot.nq"
    assert s.service_url == "http://127.0.0.1:8000/"


def test_environment_values_are_converted():
    s = Settings.from_env({"KG_PORT": "9001", "KG_QUERY_TIMEOUT": "2.5", "KG_BUILD_DIR": "/tmp/x",
                           "KG_SERVICE_ALLOWLIST": "http://a/sparql, http://b/sparql", "KG_BASE_IRI": "http://example.test/kg"})
    assert s.port == 9001 and s.query_timeout == 2.5 and s.build_path == Path("/tmp/x")
    assert s.service_allowlist == ("http://a/sparql", "http://b/sparql")
    assert s.base_iri == "http://example.test/kg/"  # a base always ends in / or #


def test_overrides_win_over_environment_and_none_is_ignored():
    s = Settings.from_env({"KG_PORT": "9001"}, port=9002, host=None)
    assert s.port == 9002 and s.host == "127.0.0.1"
    assert s.with_overrides(port=None, store="rdflib").store == "rdflib"


def test_public_base_url_names_the_service():
    assert Settings.from_env({"KG_PUBLIC_BASE_URL": "https://kg.example.test"}).service_url == "https://kg.example.test/"


def test_bad_number_is_an_error():
    with pytest.raises(ValueError):
        Settings.from_env({"KG_PORT": "eighty"})


def test_settings_table_lists_every_field_with_help():
    names = [name for name, _default, _help in SETTINGS_TABLE]
    assert len(names) == len(set(names)) and all(n.startswith("KG_") for n in names)
    assert all(help_text for _n, _d, help_text in SETTINGS_TABLE)
