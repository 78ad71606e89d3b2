"""The `rightsatlas` command as a user runs it: output, files written and exit codes."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, FixtureAtlas

from generator.cli import main
from generator.data import discover, load_questions
from generator.data.fmt import format_text
from generator.data.yamlfile import parse
from generator.schemas import stale_schemas


def run(*args: str) -> tuple[int, str, str]:
    """Run the installed command in a fresh process, as a user would."""
    done = subprocess.run([sys.executable, "-m", "generator.cli", *args], capture_output=True, text=True, env={"COLUMNS": "120", "PATH": ""})
    return done.returncode, done.stdout, done.stderr


def test_validate_ok_and_invalid(atlas_copy: FixtureAtlas) -> None:
    assert main(["validate"]) == 0
    atlas_copy.edit("jurisdictions/xa.yaml", "value: no_optout", "value: maybe")
    code, _, err = run("--data", str(atlas_copy.root), "validate")
    assert code == 1
    assert "xa.yaml:48:12: answers.opt_out.value: 'maybe' is not one of: no_optout, permission_required" in err
    assert "1 error(s) in 1 file(s)" in err
    assert "Traceback" not in err


def test_usage_errors_exit_2(atlas_copy: FixtureAtlas, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "ZZ"]) == 2
    assert "unknown jurisdiction 'ZZ'; known: XA, XB" in capsys.readouterr().err
    assert main(["compare", "XA"]) == 2
    with pytest.raises(SystemExit) as exited:
        main(["show", "XA", "--as-of", "yesterday"])
    assert exited.value.code == 2
    assert main(["--data", "nowhere", "validate"]) == 2


def test_show_as_of_a_date(atlas_copy: FixtureAtlas, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "xa", "--as-of", "2015-06-01"]) == 0
    shown = capsys.readouterr().out
    assert "Broad, no opt-out (2010-01-01 to 2018-12-31)" in shown
    assert "Art. 47-7 (repealed)" in shown
    assert "nothing recorded for 2015-06-01" in shown


def test_compare_table(atlas_copy: FixtureAtlas, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", "XA", "XB", "--question", "opt_out"]) == 0
    shown = capsys.readouterr().out
    assert "Examplia (XA)" in shown and "Testland (XB)" in shown
    assert "No opt-out" in shown and "Opt-in" in shown
    assert "TDM exception" not in shown


def test_coverage_counts_sources_and_lists_what_is_weak(atlas_copy: FixtureAtlas, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["coverage", "--json"]) == 0
    rows = {row["code"]: row for row in json.loads(capsys.readouterr().out)}
    assert set(rows) == {"XA", "XB"}
    assert rows["XA"]["answers"]["opt_out"] == {"value": "no_optout", "sources": 1, "primary": 1, "confidence": "medium", "unverified": False}
    atlas_copy.edit("jurisdictions/xa.yaml", "    confidence: medium\n", "    confidence: low\n    notes: Read only in a summary. More later.\n")
    atlas_copy.edit("jurisdictions/xa.yaml", "        pinpoint: Art. 30-4, proviso\n", "        pinpoint: Art. 30-4, proviso\n        secondary: true\n")
    assert main(["coverage", "--weak", "--json"]) == 0
    weak = {w["where"]: w for w in json.loads(capsys.readouterr().out)}
    assert weak["XA opt_out"] == {"where": "XA opt_out", "confidence": "low", "why": "low confidence; secondary sources only. Read only in a summary."}
    assert "XA tdm_exception" not in weak
    assert main(["coverage"]) == 0
    shown = capsys.readouterr().out
    assert "1/0L?" in shown and "2 jurisdictions" in shown


def test_export_json_and_csv(atlas_copy: FixtureAtlas, tmp_path: Path) -> None:
    assert main(["export", "--format", "json", "--out", str(tmp_path / "atlas.json")]) == 0
    exported = json.loads((tmp_path / "atlas.json").read_text())
    assert exported["format"] == 1
    assert [j["code"] for j in exported["jurisdictions"]] == ["XA", "XB"]
    assert list(exported["jurisdictions"][0]["answers"]) == ["tdm_exception", "opt_out"]
    assert exported["events"][0]["date"] == "2025-10-27"
    assert main(["export", "--format", "csv", "--out", str(tmp_path / "atlas.csv")]) == 0
    rows = list(csv.DictReader(io.StringIO((tmp_path / "atlas.csv").read_text())))
    assert len(rows) == 4
    assert rows[0]["jurisdiction"] == "XA" and rows[0]["label"] == "Broad, no opt-out"
    assert rows[0]["sources"] == "Art. 30-4 <https://example.org/xa/copyright-act#a30-4>"


def test_new_jurisdiction_scaffold_lists_its_todos(atlas_copy: FixtureAtlas, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "jurisdiction", "kr", "--name", 'South "Korea"', "--region", "asia_pacific"]) == 0
    created = atlas_copy.root / "jurisdictions" / "kr.yaml"
    text = created.read_text()
    assert "# TODO: Is there a TDM exception?" in text and 'name: "South \\"Korea\\""' in text
    assert main(["new", "jurisdiction", "KR"]) == 2  # never overwrites
    errors = atlas_copy.errors()
    assert "data/jurisdictions/kr.yaml:8:11: reviewed: must be a date written YYYY-MM-DD, got 'TODO'" in errors
    assert "data/jurisdictions/kr.yaml:23:5: answers.tdm_exception.citations: no source, no claim: at least one citation is required" in errors


def test_fmt_keeps_every_comment_and_value_of_every_real_data_file() -> None:
    for file in discover(ROOT / "data"):
        original = file.path.read_text("utf-8")
        formatted = format_text(original, file.kind)
        assert parse(formatted, file.shown).data == parse(original, file.shown).data, file.shown
        comments = [line.split("#", 1)[1].strip() for line in original.splitlines() if line.lstrip().startswith("#")]
        for comment in comments:
            assert comment in formatted, f"{file.shown} lost comment {comment!r}"
        assert format_text(formatted, file.kind) == formatted, f"{file.shown}: fmt is not stable"


def test_fmt_puts_keys_in_canonical_order_keeping_comments(atlas_copy: FixtureAtlas) -> None:
    path = atlas_copy.root / "jurisdictions" / "xb.yaml"
    path.write_text(path.read_text().replace("code: XB\nname: Testland\n", "name: Testland  # English name\ncode: XB\n"))
    assert main(["fmt", "--check"]) == 1
    assert main(["fmt"]) == 0
    text = path.read_text()
    assert text.startswith("code: XB\nname: Testland  # English name\n")
    assert main(["fmt", "--check"]) == 0


def test_fmt_refuses_invalid_data(atlas_copy: FixtureAtlas) -> None:
    atlas_copy.edit("jurisdictions/xb.yaml", "region: europe", "region: mars")
    before = (atlas_copy.root / "jurisdictions" / "xb.yaml").read_text()
    assert main(["fmt"]) == 1
    assert (atlas_copy.root / "jurisdictions" / "xb.yaml").read_text() == before


def test_committed_schemas_are_current() -> None:
    assert stale_schemas(ROOT / "schema", load_questions(ROOT / "data")) == [], "run `rightsatlas schema` and commit schema/"


def test_the_real_data_validates() -> None:
    code, out, err = run("--data", str(ROOT / "data"), "validate")
    assert code == 0, err
    assert out.startswith("valid: ")


BAD_INPUTS = {
    "malformed": ("cases/bad.yaml", b"id: [unclosed\ntitle: x\n", "data/cases/bad.yaml:2:6: invalid YAML: while parsing a flow sequence"),
    "duplicate key": ("cases/bad.yaml", b"id: a\nid: b\n", "data/cases/bad.yaml:2:1: id: duplicate key 'id'"),
    "tab": ("cases/bad.yaml", b"id: a\nparties:\n\tclaimants: [x]\n", "data/cases/bad.yaml:3:1: tab character"),
    "alias bomb": ("cases/bad.yaml", b"a: &a [x, x]\nb: [*a, *a]\n", "data/cases/bad.yaml:1:4: a: anchors and aliases"),
    "empty": ("cases/bad.yaml", b"", "data/cases/bad.yaml:1:1: file is empty"),
    "non-UTF-8": ("cases/bad.yaml", b"id: caf\xe9\n", "data/cases/bad.yaml:1:8: not UTF-8 text"),
    "oversized": ("cases/bad.yaml", b"id: " + b"x" * (50 * 1024 * 1024), "data/cases/bad.yaml:1:1: file is 50.0 MB"),
    "not yaml": ("cases/notes.txt", b"hello", "data/cases/notes.txt: not a .yaml file"),
}


@pytest.mark.parametrize("name", BAD_INPUTS)
def test_bad_input_gives_one_located_line_and_exit_1(atlas_copy: FixtureAtlas, name: str) -> None:
    relative, content, expected = BAD_INPUTS[name]
    atlas_copy.write(relative, content)
    code, out, err = run("validate")
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 2 and lines[0].startswith(expected), err
    assert lines[1] == "1 error(s) in 1 file(s)"
    assert "Traceback" not in err and out == ""
