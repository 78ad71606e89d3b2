"""`rightsatlas check`: a notice written by anyone, checked element by element against its regime."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT
from docx import Document
from ruamel.yaml import YAML

from generator.cli import main

NOTICES = Path(__file__).parent / "fixtures" / "notices"


@pytest.fixture(autouse=True)
def project_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def verdicts(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, tuple[str, str | None]]]:
    code = main(["check", *args, "--json"])
    return code, {f["element"]: (f["verdict"], f["sentence"]) for f in json.loads(capsys.readouterr().out)}


def test_a_complete_dmca_notice_passes(capsys: pytest.CaptureFixture[str]) -> None:
    code, found = verdicts(capsys, str(NOTICES / "dmca-complete.txt"), "--regime", "dmca-takedown")
    assert code == 0
    assert {k: v[0] for k, v in found.items()} == {
        "dmca.512c3A.i": "present", "dmca.512c3A.ii": "present", "dmca.512c3A.iii": "present", "dmca.512c3A.iv": "present",
        "dmca.512c3A.v": "present", "dmca.512c3A.vi": "present", "dmca.fair-use": "present", "dmca.designated-agent": "present",
    }
    assert found["dmca.512c3A.v"][1] is not None and found["dmca.512c3A.v"][1].startswith("I have a good faith belief")
    assert found["dmca.512c3A.i"][1] == "Signature: /s/ Hanako Example"


def test_a_missing_statement_fails_and_says_what_is_missing(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(NOTICES / "dmca-no-perjury.txt"), "--regime", "dmca-takedown"]) == 1
    err = capsys.readouterr().err
    assert "missing dmca.512c3A.vi (§ 512(c)(3)(A)(vi)): A statement that the information in the notice is accurate" in err
    assert "dmca.fair-use" not in err  # customary, not required: shown in the table, not an error


def test_a_docx_notice_is_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    document = Document()
    for line in (NOTICES / "dmca-complete.txt").read_text().splitlines():
        document.add_paragraph(line)
    document.save(str(tmp_path / "notice.docx"))
    code, found = verdicts(capsys, str(tmp_path / "notice.docx"), "--regime", "dmca-takedown")
    assert code == 0 and all(v[0] == "present" for v in found.values())


def test_a_dsa_notice_and_the_wrong_regime(capsys: pytest.CaptureFixture[str]) -> None:
    code, found = verdicts(capsys, str(NOTICES / "dsa-complete.md"), "--regime", "dsa-notice")
    assert code == 0 and all(v[0] == "present" for v in found.values())
    code, found = verdicts(capsys, str(NOTICES / "dsa-complete.md"), "--regime", "dmca-counter-notice")
    assert code == 1 and found["dmca.512g3.D.service"][0] == "missing"
    assert main(["check", str(NOTICES / "dsa-complete.md"), "--regime", "dmca"]) == 2


SHAPES = NOTICES / "shapes"
RECORDED = YAML(typ="safe").load((SHAPES / "verdicts.yaml").read_text("utf-8"))


@pytest.mark.parametrize("name", sorted(RECORDED))
def test_verdicts_on_notices_in_the_shapes_people_send_match_the_recorded_ones(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    recorded = RECORDED[name]
    code, found = verdicts(capsys, str(SHAPES / name), "--regime", recorded["regime"])
    assert {element: verdict for element, (verdict, _) in found.items()} == recorded["verdicts"]
    assert code == recorded["exit"]
    for element, (verdict, sentence) in found.items():
        assert (sentence is None) == (verdict == "missing"), element  # every verdict but "missing" quotes its sentence


def test_every_notice_in_the_folder_has_recorded_verdicts() -> None:
    assert {p.name for p in SHAPES.iterdir() if p.suffix in (".md", ".txt")} == set(RECORDED)
