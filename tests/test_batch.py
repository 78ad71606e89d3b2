"""Batch generation: one letter per row or group, a manifest, re-runs, bad rows and shards."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from conftest import ROOT
from docx import Document

from generator.cli import main

BASE = ROOT / "examples" / "demand.yaml"
ROWS = ROOT / "examples" / "batch" / "members.csv"


@pytest.fixture(autouse=True)
def project_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def run(*args: str) -> int:
    return main(["batch", *args, "--workers", "2"])


def test_one_letter_per_group_with_a_manifest(tmp_path: Path) -> None:
    assert run(str(BASE), str(ROWS), "--group-by", "id", "--format", "docx,md", "--lang", "en", "--out", str(tmp_path)) == 0
    manifest = json.loads((tmp_path / "manifest.json").read_text())["letters"]
    assert sorted(manifest) == ["example-studio", "sample-pictures"]
    assert manifest["example-studio"]["rows"] == [2, 3] and manifest["example-studio"]["status"] == "written"
    for path, sha in manifest["example-studio"]["files"]:
        assert hashlib.sha256((tmp_path / path).read_bytes()).hexdigest() == sha
    document = Document(str(tmp_path / "example-studio.en.docx"))
    annex = [row.cells[1].text for row in document.tables[0].rows[1:]]
    # The base file's own annex (works.csv) comes first, then this member's rows.
    assert annex[-2:] == ["Example Quest (animated series)", "Starlight Example (manga)"]
    assert "Sample Pictures Inc." in " ".join(p.text for p in Document(str(tmp_path / "sample-pictures.en.docx")).paragraphs)


def test_a_rerun_skips_unchanged_letters_and_redoes_changed_ones(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = tmp_path / "rows.csv"
    rows.write_text(ROWS.read_text())
    out = tmp_path / "out"
    assert run(str(BASE), str(rows), "--group-by", "id", "--format", "md", "--lang", "en", "--out", str(out)) == 0
    assert run(str(BASE), str(rows), "--group-by", "id", "--format", "md", "--lang", "en", "--out", str(out)) == 0
    assert "0 written, 2 unchanged" in capsys.readouterr().out
    rows.write_text(ROWS.read_text().replace("Sample Pictures Inc.,Imaginary", "Sample Pictures K.K.,Imaginary"))
    assert run(str(BASE), str(rows), "--group-by", "id", "--format", "md", "--lang", "en", "--out", str(out)) == 0
    assert "1 written, 1 unchanged" in capsys.readouterr().out


def test_a_bad_row_is_reported_and_the_others_are_made(tmp_path: Path) -> None:
    rows = tmp_path / "rows.csv"
    rows.write_text(ROWS.read_text().replace("legal@imaginary-video-ai.invalid,The Sample", "not-an-email,The Sample"))
    out = tmp_path / "out"
    assert run(str(BASE), str(rows), "--group-by", "id", "--format", "md", "--lang", "en", "--out", str(out)) == 1
    assert (out / "errors.txt").read_text() == f"{rows}:4: recipient.email: string should match pattern '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$'\n"
    assert (out / "example-studio.en.md").exists() and not (out / "sample-pictures.en.md").exists()
    assert json.loads((out / "manifest.json").read_text())["letters"]["sample-pictures"]["status"] == "error"


def test_shards_split_the_letters_between_them(tmp_path: Path) -> None:
    rows = tmp_path / "rows.csv"
    lines = ["id,recipient.name,work.title"] + [f"m{i},Developer {i},Work {i}" for i in range(10)]
    rows.write_text("\n".join(lines) + "\n")
    made = []
    for shard in ("1/3", "2/3", "3/3"):
        assert run(str(BASE), str(rows), "--format", "md", "--lang", "en", "--shard", shard, "--out", str(tmp_path / shard.replace("/", "of"))) == 0
        made.append(sorted(p.name for p in (tmp_path / shard.replace("/", "of")).glob("*.md")))
    assert sorted(sum(made, [])) == sorted(f"m{i}.en.md" for i in range(10))
    assert all(made)
    assert run(str(BASE), str(rows), "--shard", "4/3", "--out", str(tmp_path / "bad")) == 2
