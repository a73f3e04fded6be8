"""Unit tests for kg.linked_data.dumps: whole-graph dumps cut from the snapshot."""

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph

from kg.linked_data.dumps import ensure_dump, graphs_in_scope

FIXTURE = Path(__file__).parent / "fixtures" / "linked_data" / "sample.trig"
INFERRED = "https://w3id.org/innovasjon/graph/inferred"


@pytest.fixture()
def snapshot(tmp_path: Path) -> tuple[Path, dict]:
    quads = list(ox.parse(path=str(FIXTURE), format=ox.RdfFormat.TRIG))
    path = tmp_path / "snapshot.nq"
    ox.serialize(quads, str(path), ox.RdfFormat.N_QUADS)
    graphs: dict[str, dict] = {}
    for q in quads:
        info = graphs.setdefault(q.graph_name.value, {"kind": "inferred" if q.graph_name.value == INFERRED else "asserted", "triples": 0})
        info["triples"] += 1
    return path, {"version": "v1", "graphs": graphs}


def count(path: Path, fmt: str) -> int:
    if fmt == "nq":
        return len(Dataset().parse(path, format="nquads"))
    parse_format = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}[fmt]
    return len(Graph().parse(path, format=parse_format))


@pytest.mark.parametrize("ext", ["ttl", "nt", "jsonld", "nq"])
def test_asserted_dump_leaves_out_the_inferred_graph(snapshot, tmp_path, ext):
    path, meta = snapshot
    dump = ensure_dump(path, meta, "asserted", ext, tmp_path / "dumps")
    asserted = sum(i["triples"] for i in meta["graphs"].values() if i["kind"] == "asserted")
    assert count(dump, ext) == asserted


def test_all_dump_includes_inferred_triples(snapshot, tmp_path):
    path, meta = snapshot
    dump = ensure_dump(path, meta, "all", "nq", tmp_path / "dumps")
    assert INFERRED in dump.read_text()


def test_dump_is_written_once_per_version(snapshot, tmp_path):
    path, meta = snapshot
    first = ensure_dump(path, meta, "all", "ttl", tmp_path / "dumps")
    mtime = first.stat().st_mtime_ns
    assert ensure_dump(path, meta, "all", "ttl", tmp_path / "dumps").stat().st_mtime_ns == mtime


def test_jsonld_dump_is_json(snapshot, tmp_path):
    path, meta = snapshot
    json.loads(ensure_dump(path, meta, "all", "jsonld", tmp_path / "dumps").read_text())


@pytest.mark.parametrize("scope,ext", [("nothing", "ttl"), ("all", "exe")])
def test_unknown_scope_or_format_is_refused(snapshot, tmp_path, scope, ext):
    path, meta = snapshot
    with pytest.raises(ValueError):
        ensure_dump(path, meta, scope, ext, tmp_path / "dumps")


def test_scope_of_all_is_every_graph():
    assert graphs_in_scope({"graphs": {}}, "all") is None
