"""The project's exception tree. Every error a user can cause is a ``KGError`` with a clear message."""

from __future__ import annotations

from pathlib import Path


class KGError(Exception):
    """Base of every error the project raises on purpose."""

    exit_code = 1


class InputError(KGError):
    """Unreadable or malformed input (CLI exit code 2)."""

    exit_code = 2


class MissingDirectoryError(InputError):
    """A source directory the build needs does not exist."""

    def __init__(self, path: Path, what: str) -> None:
        super().__init__(f"{what} directory not found: {path}")
        self.path = path


class SourceSyntaxError(InputError):
    """An RDF source file does not parse; carries file, line and the parser's message."""

    def __init__(self, path: Path | str, line: int | None, message: str) -> None:
        where = f"{path}:{line}" if line is not None else str(path)
        super().__init__(f"{where}: syntax error: {message}")
        self.path = Path(path)
        self.line = line
        self.parser_message = message


class QueryDefinitionError(InputError):
    """A canned query file is malformed (bad header, unparsable SPARQL, undeclared parameter)."""

    def __init__(self, path: Path | str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = Path(path)


class ValidationFailed(KGError):
    """SHACL validation found violations (CLI exit code 1)."""

    exit_code = 1


class QueryError(KGError):
    """A SPARQL query the user sent is wrong (HTTP 400)."""

    status_code = 400


class QueryTimeout(KGError):
    """A query ran past the configured timeout and was stopped (HTTP 503)."""

    status_code = 503


class ResultTooLarge(KGError):
    """A result exceeded the configured maximum size (HTTP 422; 413 is about request content, RFC 9110 §15.5.14)."""

    status_code = 422


class ParameterError(QueryError):
    """A canned-query parameter is unknown, missing, of the wrong type or outside its scheme (HTTP 400)."""

    exit_code = 2

    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(f"parameter {parameter!r}: {message}")
        self.parameter = parameter


class UnknownQueryError(KGError):
    """No canned query has the requested name (HTTP 404, CLI exit code 2)."""

    status_code = 404
    exit_code = 2

    def __init__(self, name: str, known: list[str]) -> None:
        super().__init__(f"unknown query {name!r}; known queries: {', '.join(known) or 'none'}")
        self.name = name


class UndescribedResourceError(KGError):
    """A canned-query IRI parameter names a resource the dataset does not describe (HTTP 404, CLI exit code 2)."""

    status_code = 404
    exit_code = 2

    def __init__(self, parameter: str, iri: str) -> None:
        super().__init__(f"parameter {parameter!r}: <{iri}> is not described in this dataset")
        self.parameter = parameter
        self.iri = iri


class QueryTooExpensive(KGError):
    """A query needed more memory than a query worker may use and was stopped (HTTP 503)."""

    status_code = 503
