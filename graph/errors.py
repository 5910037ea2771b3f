"""The one error hierarchy of paperkg: every failure the user can cause says what and where."""

from __future__ import annotations

__all__ = [
    "PaperkgError",
    "InputError",
    "OutputError",
    "GraphMissingError",
    "GraphUnreadableError",
    "QueryError",
    "NotFoundError",
]


class PaperkgError(Exception):
    """Base class of every error paperkg raises on purpose."""

    exit_code = 2


class InputError(PaperkgError):
    """A source file cannot be read as papers.

    >>> str(InputError("expected a JSON object", path="a.jsonl", line=3))
    'a.jsonl:3: expected a JSON object'
    """

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None):
        self.message = message
        self.path = path
        self.line = line
        where = f"{path}:{line}: " if path and line else f"{path}: " if path else ""
        super().__init__(f"{where}{message}")


class OutputError(PaperkgError):
    """An output cannot be written: a folder that cannot be made, a full disk, another build in the way."""


class GraphMissingError(PaperkgError):
    """A command needs a built graph and the folder holds none."""

    @classmethod
    def no_file(cls, folder, name: str) -> GraphMissingError:
        """The folder lacks the build output `name`."""
        return cls(f"{folder}: no built graph here ({name} missing); run `paperkg build SOURCE --out {folder}` first")


class GraphUnreadableError(PaperkgError):
    """A built graph's files are there but cannot be read (edited by hand, or damaged on disk)."""

    @classmethod
    def of(cls, path, what: str, why, folder) -> GraphUnreadableError:
        """The build output at `path` is not `what` a build writes, because of `why`."""
        return cls(f"{path}: not {what} ({why}); run `paperkg build SOURCE --out {folder}` again")


class QueryError(PaperkgError):
    """A SPARQL query is malformed or cannot run."""


class NotFoundError(PaperkgError):
    """A lookup found nothing; carries close names to suggest."""

    exit_code = 1

    def __init__(self, message: str, suggestions: list[str] | None = None):
        self.suggestions = suggestions or []
        super().__init__(message)
