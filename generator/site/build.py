"""Write the generated pages into docs/ and run MkDocs on them; serve with regeneration on change."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from generator.data.load import load_atlas
from generator.errors import DataError
from generator.site.changes import Change, data_changes
from generator.site.letter_kit import letter_kit
from generator.site.pages import GENERATED, render_pages

_MKDOCS_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
"""MkDocs' banner about its successor is noise in our build output."""


def generate(data: Path, project: Path, changes: list[Change] | None = None) -> int:
    """Regenerate docs/atlas/ from the data; returns how many files changed.

    Unchanged files are left alone so that `mkdocs serve` rebuilds only when something changed,
    and files of pages that no longer exist are removed. Raises `DataError` on invalid data,
    before anything is written. `changes` defaults to reading the git history of the data.
    """
    atlas, _ = load_atlas(data)
    history = data_changes(project, data) if changes is None else changes
    kit, letters = letter_kit(atlas, project, f"{GENERATED}/letters")
    pages: dict[str, str | bytes] = {**render_pages(atlas, project / "templates" / "site", history, dt.date.today(), kit), **letters}
    folder = project / "docs" / GENERATED
    changed = 0
    for relative, content in pages.items():
        data_bytes = content.encode("utf-8") if isinstance(content, str) else content
        target = project / "docs" / relative
        if target.exists() and target.read_bytes() == data_bytes:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        temp = target.with_name(f".{target.name}.tmp")
        temp.write_bytes(data_bytes)
        temp.replace(target)
        changed += 1
    wanted = {project / "docs" / r for r in pages}
    for stale in [p for p in folder.rglob("*") if p.is_file() and p not in wanted]:
        stale.unlink()
        changed += 1
    return changed


def build_site(data: Path, project: Path) -> None:
    """Generate the pages, then `mkdocs build --strict` into site/ (raises on failure)."""
    generate(data, project)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"], cwd=project, env=_MKDOCS_ENV)
    if result.returncode != 0:
        raise SystemExit(result.returncode)


def serve_site(data: Path, project: Path, addr: str) -> int:
    """Serve the site with MkDocs, regenerating pages when data/ or templates/ change."""
    history = data_changes(project, data)  # committed history does not change while editing
    generate(data, project, history)
    watcher = threading.Thread(target=_watch, args=(data, project, history), daemon=True)
    watcher.start()
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", addr], cwd=project, env=_MKDOCS_ENV)
    try:
        return process.wait()
    except KeyboardInterrupt:
        process.terminate()
        return process.wait()


def _snapshot(folders: list[Path]) -> dict[Path, float]:
    return {p: p.stat().st_mtime for folder in folders if folder.is_dir() for p in folder.rglob("*") if p.is_file()}


def _watch(data: Path, project: Path, history: list[Change], interval: float = 0.3) -> None:
    folders = [data, project / "templates", project / "examples"]
    seen = _snapshot(folders)
    while True:
        time.sleep(interval)
        now = _snapshot(folders)
        if now == seen:
            continue
        seen = now
        try:
            changed = generate(data, project, history)
            print(f"rightsatlas: regenerated {changed} page(s)", file=sys.stderr)
        except DataError as error:
            print(f"rightsatlas: data error, pages not updated:\n{error}", file=sys.stderr)


