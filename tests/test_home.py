"""The landing page at / (kg.home): HTML for browsers, JSON for clients, links that work."""

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from kg.app import create_app
from kg.home import LINKS
from kg.settings import Settings

FIXTURE = Path(__file__).parent / "fixtures" / "linked_data" / "sample.trig"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory):
    settings = Settings.from_env({}, query_workers=0, build_dir=tmp_path_factory.mktemp("build"))
    with TestClient(create_app(settings, data_files=[FIXTURE])) as c:
        yield c


def test_browser_gets_html_with_every_entry_point(client):
    r = client.get("/", headers={"Accept": "text/html,*/*;q=0.8"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    for path, _what in LINKS:
        assert f'href="{path}"' in r.text


def test_client_gets_json(client):
    r = client.get("/", headers={"Accept": "application/json"})
    assert r.json()["links"]["/sparql"].startswith("SPARQL") and "Accept" in r.headers["vary"]


@pytest.mark.parametrize("path", ["/sparql", "/queries", "/docs", "/id/actor/difi", "/.well-known/void", "/context.jsonld", "/ready"])
def test_entry_points_answer(client, path):
    assert client.get(path).status_code == 200


def test_unacceptable_type_is_406(client):
    assert client.get("/", headers={"Accept": "image/png"}).status_code == 406
