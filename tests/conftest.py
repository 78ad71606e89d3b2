"""Shared helpers: a copy of the small fixture atlas that each test may break in its own way."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from generator.data import Atlas, load_atlas
from generator.errors import DataError, Problem

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).parent / "fixtures" / "atlas"
TODAY = dt.date(2026, 11, 25)


class FixtureAtlas:
    """A writable copy of tests/fixtures/atlas with helpers to edit a file and collect problems."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def edit(self, relative: str, old: str, new: str) -> None:
        path = self.root / relative
        text = path.read_text("utf-8")
        assert old in text, f"{old!r} not in {relative}"
        path.write_text(text.replace(old, new, 1), "utf-8")

    def write(self, relative: str, content: str | bytes) -> Path:
        path = self.root / relative
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        return path

    def load(self) -> tuple[Atlas, list[Problem]]:
        return load_atlas(self.root, today=TODAY)

    def errors(self) -> list[str]:
        """The error lines as the command line prints them."""
        with pytest.raises(DataError) as caught:
            self.load()
        return [str(p) for p in caught.value.problems]


@pytest.fixture
def atlas_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FixtureAtlas:
    target = tmp_path / "data"
    shutil.copytree(FIXTURE, target)
    monkeypatch.chdir(tmp_path)  # file names in messages are shown relative to the working folder
    return FixtureAtlas(target)
