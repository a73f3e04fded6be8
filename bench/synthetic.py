"""Synthetic graphs N times the real one, for measuring how build cost grows.

The generator copies the project's ontology/, shapes/ and queries/ unchanged and writes N copies
of every data/ file: copy 0 keeps the real IRIs, copy k renames every instance IRI the data
files describe (``…/id/actor/kmd`` → ``…/id/actor/kmd-s3``, hash IRIs follow their owner),
while ontology terms and SKOS concepts (defined in ontology/) and the report itself (its
sections, figures and recommendations, which every copy cites) are shared and written once. The result has the
real graph's shape — same classes, properties, degree distribution and literal sizes — at N
times its size. Files are written as N-Triples (valid Turtle) into ``data/*.ttl``.

    python bench/synthetic.py 10 /tmp/kg-10x      # writes a project directory
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.plugins.serializers.nt import _quoteLiteral

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from kg.errors import SourceSyntaxError  # noqa: E402
from kg.settings import CANONICAL_BASE_IRI  # noqa: E402
from kg.sources import load_turtle_file, source_files  # noqa: E402

COPIED_DIRS = ("ontology", "shapes", "queries")
SHARED = tuple(
    CANONICAL_BASE_IRI + "id/" + kind + "/"
    for kind in ("report", "section", "figure", "recommendation-list", "recommendation")
)
"""Instances there is one of however large the graph grows: the report, its parts, its two
recommendation lists and their recommendations."""


def _term(node: object) -> str:
    return _quoteLiteral(node) if isinstance(node, Literal) else node.n3()  # type: ignore[attr-defined]


def _renamer(local: set[str], k: int):
    """Map an IRI to its copy-k twin if a data file describes it (or its hash owner), else keep it."""
    suffix = f"-s{k}"

    def rename(node: object) -> object:
        if not isinstance(node, URIRef):
            return node
        iri = str(node)
        owner, sep, frag = iri.partition("#")
        if owner in local:
            return URIRef(owner + suffix + sep + frag)
        return node

    return rename


def make_synthetic_project(source: Path, target: Path, scale: int) -> dict[str, int]:
    """Write a project ``scale`` times the size of ``source`` into ``target``; returns triple counts."""
    if scale < 1:
        raise ValueError("scale must be >= 1")
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for name in COPIED_DIRS:
        if (source / name).is_dir():
            shutil.copytree(source / name, target / name)
    ontology_subjects: set[str] = set()
    for path in source_files(source, ("ontology",)):
        ontology_subjects.update(str(s) for s in load_turtle_file(path).subjects() if isinstance(s, URIRef))
    data: list[tuple[str, Graph]] = []
    for path in source_files(source, ("data",)):
        try:
            data.append((path.relative_to(source / "data").as_posix(), load_turtle_file(path)))
        except SourceSyntaxError as exc:  # a data file being edited right now: measure the rest
            print(f"synthetic: skipped {exc}", file=sys.stderr)
    local: set[str] = set()
    for _, g in data:
        for s in g.subjects():
            if isinstance(s, URIRef) and str(s).startswith(CANONICAL_BASE_IRI + "id/"):
                owner = str(s).partition("#")[0]
                if owner not in ontology_subjects and not owner.startswith(SHARED):
                    local.add(owner)
    (target / "data").mkdir()
    written = 0
    for rel, g in data:
        out = target / "data" / rel
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("w", encoding="utf-8") as fh:
            for k in range(scale):
                rename = _renamer(local, k) if k else (lambda n: n)
                for s, p, o in g:
                    s2, o2 = rename(s), rename(o)
                    if k and s2 == s and o2 == o:
                        continue  # only about shared nodes: written once, by copy 0
                    fh.write(f"{_term(s2)} {_term(p)} {_term(o2)} .\n")
                    written += 1
    return {"data_triples": written, "renamed_iris_per_copy": len(local)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("scale", type=int, help="how many copies of data/ to write")
    parser.add_argument("target", type=Path, help="directory to create (replaced if it exists)")
    parser.add_argument("--source", type=Path, default=ROOT, help="project to copy (default: this checkout)")
    args = parser.parse_args(argv)
    stats = make_synthetic_project(args.source, args.target, args.scale)
    print(f"{args.target}: {stats['data_triples']} data triples ({stats['renamed_iris_per_copy']} IRIs renamed per copy)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
