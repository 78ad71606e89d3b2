"""What changed in the data, field by field, read from the git history of `data/`."""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.data.yamlfile import YamlError, dotted, parse

MAX_COMMITS = 60
"""How far back the Changes page and the feed look."""


@dataclass(frozen=True)
class Change:
    """One field that changed in one commit."""

    date: dt.date
    commit: str
    message: str
    file: str
    field: str
    before: str | None
    after: str | None


def _git(project: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", *args], cwd=project, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        return None
    return done.stdout if done.returncode == 0 else None


def _leaves(value: Any, path: tuple[Any, ...] = ()) -> dict[str, str]:
    """Every scalar in a parsed file, keyed by its dotted path."""
    if isinstance(value, dict):
        found: dict[str, str] = {}
        for key, item in value.items():
            found.update(_leaves(item, (*path, key)))
        return found
    if isinstance(value, list):
        found = {}
        for index, item in enumerate(value):
            # Records with an id are followed by id, so inserting one does not renumber the rest.
            key = item["id"] if isinstance(item, dict) and isinstance(item.get("id"), str) else index
            found.update(_leaves(item, (*path, key)))
        return found
    return {dotted(path): " ".join(str(value).split())}


def _parsed(project: Path, revision: str, file: str) -> dict[str, str] | None:
    text = _git(project, "show", f"{revision}:{file}")
    if text is None:
        return None
    try:
        return _leaves(parse(text, file).data)
    except YamlError:
        return None


def _short(value: str | None, limit: int = 160) -> str | None:
    return value if value is None or len(value) <= limit else value[: limit - 1] + "…"


def data_changes(project: Path, data: Path) -> list[Change]:
    """Field-level changes to the data files in the last commits, newest first; empty outside git."""
    relative = data.resolve().relative_to(project.resolve()) if data.resolve().is_relative_to(project.resolve()) else None
    if relative is None:
        return []
    log = _git(project, "log", f"-n{MAX_COMMITS}", "--format=%H%x09%cs%x09%s", "--", str(relative))
    if not log:
        return []
    changes: list[Change] = []
    for line in log.splitlines():
        commit, date, message = line.split("\t", 2)
        names = _git(project, "diff-tree", "--no-commit-id", "-r", "--name-only", "--root", commit, "--", str(relative)) or ""
        for file in (n for n in names.splitlines() if n.endswith(".yaml")):
            before = _parsed(project, f"{commit}^", file)
            after = _parsed(project, commit, file)
            if before is None or after is None:  # a whole file added or removed is one change
                changes.append(Change(dt.date.fromisoformat(date), commit[:10], message, file, "",
                                      None if before is None else "file", None if after is None else "file"))
                continue
            for field in sorted(set(before) | set(after)):
                if before.get(field) != after.get(field):
                    changes.append(Change(dt.date.fromisoformat(date), commit[:10], message, file, field,
                                          _short(before.get(field)), _short(after.get(field))))
    return changes
