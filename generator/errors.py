"""The one error type that travels from the data layer up to the command line."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong (or worth a warning) in a data file, with its location.

    >>> str(Problem("data/jurisdictions/jp.yaml", 42, 5, "answers.opt_out.value", "'maybe' is not allowed"))
    "data/jurisdictions/jp.yaml:42:5: answers.opt_out.value: 'maybe' is not allowed"
    """

    file: str
    line: int
    column: int
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


class DataError(Exception):
    """Invalid data: carries every problem found, so one run reports them all."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def display_path(path: Path, root: Path | None = None) -> str:
    """The path as a user would type it: relative to `root` (or the working folder) when inside it."""
    for base in (root, Path.cwd()):
        if base is not None:
            try:
                return str(path.resolve().relative_to(base.resolve()))
            except ValueError:
                continue
    return str(path)
