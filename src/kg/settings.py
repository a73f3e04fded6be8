"""Service and build settings, read from ``KG_*`` environment variables.

``SETTINGS_TABLE`` is the single list of settings (name, default, help); the README's
settings table and ``kg --help`` are checked against it by tests.
"""

from __future__ import annotations

import os
from dataclasses import MISSING, dataclass, field, fields, replace
from pathlib import Path

CANONICAL_BASE_IRI = "https://w3id.org/innovasjon/"


def _default_project_dir() -> Path:
    """The repository root when running from a checkout, else the current directory."""
    here = Path(__file__).resolve().parents[2]
    if (here / "ontology").is_dir() and (here / "data").is_dir():
        return here
    return Path.cwd()


@dataclass(frozen=True)
class Settings:
    """All settings of the build and the service. Construct with ``Settings.from_env()``."""

    base_iri: str = field(default=CANONICAL_BASE_IRI, metadata={"env": "KG_BASE_IRI", "help": "Base namespace of every IRI the project mints; source files use the canonical base and are rewritten to this one at load time."})
    project_dir: Path = field(default_factory=_default_project_dir, metadata={"env": "KG_PROJECT_DIR", "help": "Directory holding ontology/, data/, shapes/ and queries/."})
    build_dir: Path | None = field(default=None, metadata={"env": "KG_BUILD_DIR", "help": "Where the snapshot and generated docs go (default: PROJECT_DIR/build)."})
    host: str = field(default="127.0.0.1", metadata={"env": "KG_HOST", "help": "Interface `kg serve` binds to."})
    port: int = field(default=8000, metadata={"env": "KG_PORT", "help": "Port `kg serve` listens on."})
    store: str = field(default="oxigraph", metadata={"env": "KG_STORE", "help": "Query engine: `oxigraph` (pyoxigraph, default) or `rdflib`."})
    query_timeout: float = field(default=10.0, metadata={"env": "KG_QUERY_TIMEOUT", "help": "Seconds a SPARQL query may run before it is stopped (503)."})
    max_results: int = field(default=100_000, metadata={"env": "KG_MAX_RESULTS", "help": "Most result rows (or triples) one response may carry."})
    query_workers: int = field(default=2, metadata={"env": "KG_QUERY_WORKERS", "help": "Worker processes that execute queries (killed and restarted on timeout)."})
    cache_size: int = field(default=2048, metadata={"env": "KG_CACHE_SIZE", "help": "Responses kept in the exact-match cache (keyed on query, parameters, format and snapshot version); 0 disables it."})
    service_allowlist: tuple[str, ...] = field(default=(), metadata={"env": "KG_SERVICE_ALLOWLIST", "help": "Comma-separated SPARQL endpoints a SERVICE clause may call; empty refuses every SERVICE."})
    public_base_url: str | None = field(default=None, metadata={"env": "KG_PUBLIC_BASE_URL", "help": "URL at which the service is reached (default: http://HOST:PORT/); used in service descriptions and dataset metadata."})

    @property
    def build_path(self) -> Path:
        """Directory for built artefacts."""
        return self.build_dir if self.build_dir is not None else self.project_dir / "build"

    @property
    def snapshot_path(self) -> Path:
        """The N-Quads snapshot `kg serve` loads."""
        return self.build_path / "snapshot.nq"

    @property
    def snapshot_meta_path(self) -> Path:
        """JSON metadata written next to the snapshot (version, counts, timings)."""
        return self.build_path / "snapshot.json"

    @property
    def service_url(self) -> str:
        """Root URL of the running service, ending in a slash."""
        url = self.public_base_url or f"http://{self.host}:{self.port}/"
        return url if url.endswith("/") else url + "/"

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides: object) -> "Settings":
        """Read settings from ``KG_*`` variables, then apply keyword overrides (e.g. from CLI flags)."""
        env = os.environ if environ is None else environ
        values: dict[str, object] = {}
        for f in fields(cls):
            raw = env.get(f.metadata["env"])
            if raw is None or raw == "":
                continue
            values[f.name] = _convert(f.name, raw)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]

    def with_overrides(self, **overrides: object) -> "Settings":
        """A copy with the given non-None values replaced."""
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})


def _convert(name: str, raw: str) -> object:
    if name in ("project_dir", "build_dir"):
        return Path(raw)
    if name in ("port", "max_results", "query_workers", "cache_size"):
        return int(raw)
    if name == "query_timeout":
        return float(raw)
    if name == "service_allowlist":
        return tuple(s.strip() for s in raw.split(",") if s.strip())
    if name == "base_iri" and not raw.endswith(("/", "#")):
        return raw + "/"
    return raw


def _default_text(f: object) -> str:
    default = getattr(f, "default")
    if default is MISSING:
        return "(computed)"
    if isinstance(default, tuple):
        return ",".join(default) or "(empty)"
    return "(computed)" if default is None else str(default)


SETTINGS_TABLE: list[tuple[str, str, str]] = [
    (f.metadata["env"], _default_text(f), f.metadata["help"]) for f in fields(Settings)
]
