"""README.md documents every canned query (datasette's test_docs idea)."""

from __future__ import annotations

from pathlib import Path

from kg.canned_queries import load_registry
from kg.settings import Settings

PROJECT = Path(__file__).resolve().parents[1]
DOC = PROJECT / "README.md"


def test_every_query_is_in_the_readme_table() -> None:
    text = DOC.read_text(encoding="utf-8")
    rows = {line.split("|")[1].strip().strip("`") for line in text.splitlines() if line.startswith("| `")}
    assert set(load_registry(Settings(project_dir=PROJECT)).names) <= rows


def test_readme_has_three_curl_examples() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert text.count("$ curl") >= 3
