"""Error types. Library code raises these; only the CLI turns them into exit codes.

Every message is one line naming the file, the place and the problem, so a user (or a CI log)
can act on it without a traceback.
"""
from __future__ import annotations


class EvaluatorError(Exception):
    """Base class: anything the CLI should report as a one-line message with exit code 2."""

    exit_code = 2


class InputError(EvaluatorError):
    """A file that cannot be read as the input it claims to be."""

    def __init__(self, path: str, problem: str, place: str | None = None):
        self.path, self.problem, self.place = str(path), problem, place
        where = f"{self.path}:{place}" if place else self.path
        super().__init__(f"{where}: {problem}")


class ConfigError(EvaluatorError):
    """Bad options or a bad policy/glossary; `problems` lists every one found, not just the first."""

    def __init__(self, source: str, problems: list[str]):
        self.source, self.problems = source, list(problems)
        super().__init__(f"{source}: " + "; ".join(self.problems))
