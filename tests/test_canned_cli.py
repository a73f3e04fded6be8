"""kg.canned_queries.cli: ``kg query`` on a small fixture project (built into a temp dir)."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from kg.canned_queries.cli import run_query
from kg.cli import main
from kg.errors import InputError, ParameterError, UndescribedResourceError, UnknownQueryError
from kg.settings import Settings

FIXTURE = Path(__file__).parent / "fixtures" / "pipeline"
ROLES_QUERY = """#+ title = { en = "Concepts of a role", nb = "Begreper for en rolle" }
#+ description = "The label of one i-team role (CLI test)."
#+ tags = ["roles"]
#+ source = "8.1"
#+ [params.role]
#+ type = "concept"
#+ scheme = "i-team-role"
#+ default = "educator"
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?role ?roleLabel WHERE { ?role skos:prefLabel ?roleLabel FILTER (lang(?roleLabel) = "en") }
"""
LABEL_QUERY = """#+ title = { en = "Labels of one resource", nb = "Navn på én ressurs" }
#+ description = "The labels of one resource (CLI test)."
#+ tags = ["labels"]
#+ source = "6.1"
#+ [params.resource]
#+ type = "iri"
#+ required = true
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?label WHERE { ?resource skos:prefLabel ?label FILTER (lang(?label) = "nb") }
"""
CONSTRUCT_QUERY = """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
CONSTRUCT { ?a skos:prefLabel ?l } WHERE { ?a skos:prefLabel ?l FILTER (lang(?l) = "nb") }
"""


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    root = tmp_path_factory.mktemp("cli") / "project"
    shutil.copytree(FIXTURE / "project", root)
    (root / "queries").mkdir()
    shutil.copy(FIXTURE / "queries" / "actor-labels.rq", root / "queries")
    (root / "queries" / "role-label.rq").write_text(ROLES_QUERY, encoding="utf-8")
    (root / "queries" / "resource-label.rq").write_text(LABEL_QUERY, encoding="utf-8")
    (root / "adhoc.rq").write_text(CONSTRUCT_QUERY, encoding="utf-8")
    return Settings(project_dir=root)


def run(settings: Settings, name: str, fmt: str = "table", **params: str) -> str:
    out = io.StringIO()
    assert run_query(settings, name, params, fmt, out=out) == 0
    return out.getvalue()


def test_table_json_csv(project: Settings) -> None:
    table = run(project, "actor-labels")
    assert table.splitlines()[0].split() == ["actor", "label"]
    assert "id:actor/kmd" in table and "(6 rows)" in table
    rows = json.loads(run(project, "role-label", "json"))
    assert rows == [{"role": {"id": "https://w3id.org/innovasjon/id/i-team-role/educator", "label": "educator"}}]
    parsed = list(csv.DictReader(io.StringIO(run(project, "actor-labels", "csv"))))
    assert {r["actor"] for r in parsed} == {f"https://w3id.org/innovasjon/id/actor/{s}" for s in ("regjeringen", "kmd", "difi")}


def test_adhoc_construct_file_prints_turtle_and_json_ld(project: Settings) -> None:
    adhoc = str(project.project_dir / "adhoc.rq")
    assert '"Direktoratet for forvaltning og IKT"@nb' in run(project, adhoc, "turtle")
    nodes = {n["@id"]: n for n in json.loads(run(project, adhoc, "json"))}
    label = nodes["https://w3id.org/innovasjon/id/actor/kmd"]["http://www.w3.org/2004/02/skos/core#prefLabel"]
    assert label == [{"@language": "nb", "@value": "Kommunal- og moderniseringsdepartementet"}]


def test_errors_are_clear(project: Settings) -> None:
    with pytest.raises(UnknownQueryError, match="known queries: actor-labels, resource-label, role-label"):
        run(project, "nope")
    with pytest.raises(ParameterError, match="'wizard' is not a concept of scheme 'i-team-role'; allowed: educator"):
        run(project, "role-label", role="wizard")
    with pytest.raises(InputError, match="turtle is for CONSTRUCT"):
        run(project, "actor-labels", "turtle")
    with pytest.raises(InputError, match="query file not found"):
        run(project, "missing.rq")


def test_kg_query_exit_codes(project: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    root = str(project.project_dir)
    assert main(["--project-dir", root, "query", "role-label", "--param", "role=educator", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["role"]["label"] == "educator"
    assert main(["--project-dir", root, "query", "role-label", "--param", "colour=red"]) == 2
    assert "parameter 'colour'" in capsys.readouterr().err
    assert main(["--project-dir", root, "query", "nope"]) == 2


def test_iri_parameters_local_form_and_not_described(project: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    """The service's local IRI form (KG_HOST/KG_PORT) maps to the base; an IRI not in the data exits 2."""
    local = project.service_url + "id/actor/kmd"
    assert json.loads(run(project, "resource-label", "json", resource=local)) == [
        {"label": "Kommunal- og moderniseringsdepartementet"}]
    with pytest.raises(UndescribedResourceError, match="parameter 'resource'.*not described in this dataset"):
        run(project, "resource-label", resource="https://w3id.org/innovasjon/id/actor/nobody")
    root = str(project.project_dir)
    assert main(["--project-dir", root, "query", "resource-label", "--param", "resource=https://example.org/x"]) == 2
    assert "not described in this dataset" in capsys.readouterr().err
