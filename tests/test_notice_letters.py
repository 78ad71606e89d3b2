"""Notice letters that cannot be defective: each kind passes its regime, and losing any required
element, from the template or from the case file, stops generation with the element named."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT
from docx import Document

from generator.cli import main
from generator.data import load_atlas
from generator.letters.casefile import load_case_file
from generator.letters.docx import DocxWriter
from generator.letters.kinds import load_kinds
from generator.letters.render import LetterRenderer
from generator.notices.check import DefectiveNotice, check_notice, notice_text

TEMPLATES = ROOT / "templates" / "letters"
KINDS = load_kinds(TEMPLATES)
ATLAS = load_atlas(ROOT / "data")[0]
NOTICE_KINDS = sorted(k for k, kind in KINDS.items() if kind.regime)
MARKER = re.compile(r"\{# element: (\S+) #\}")


def case_of(kind: str):  # type: ignore[no-untyped-def]
    return load_case_file(ROOT / "examples" / f"{kind}.yaml", KINDS, set(ATLAS.jurisdictions))[0]


def test_the_notice_kinds_name_their_regimes() -> None:
    assert {k: KINDS[k].regime for k in NOTICE_KINDS} == {
        "dmca-counter-notice": "dmca-counter-notice", "dmca-takedown": "dmca-takedown", "dsa-notice": "dsa-notice",
        "jp-takedown": "jp-takedown", "optout-notice": "eu-tdm-reservation",
    }


@pytest.mark.parametrize(("kind", "language"), [(k, lang) for k in NOTICE_KINDS for lang in KINDS[k].languages])
def test_each_notice_renders_and_its_docx_passes_the_checker(kind: str, language: str, tmp_path: Path) -> None:
    _, letter = LetterRenderer(ATLAS, TEMPLATES).letter(case_of(kind), KINDS[kind], language)
    path = tmp_path / "notice.docx"
    path.write_bytes(DocxWriter().write(letter))
    regime = ATLAS.regimes[KINDS[kind].regime or ""]
    findings = check_notice(notice_text(path), regime)
    assert [f.element for f in findings if f.required and f.verdict != "present"] == []
    assert Document(str(path)).paragraphs[0].text  # a real Word document with text


def without_element(element: str, source: Path, target: Path) -> int:
    """Copy the templates, dropping each block marked `{# element: ID #}` (up to the next blank line)."""
    shutil.copytree(source, target)
    removed = 0
    for template in target.glob("*/*.md.j2"):
        kept: list[str] = []
        skipping = False
        for line in template.read_text("utf-8").splitlines(keepends=True):
            marker = MARKER.search(line)
            if marker and marker.group(1) == element:
                skipping, removed = True, removed + 1
                continue
            if skipping and not line.strip():
                skipping = False
            if not skipping:
                kept.append(line)
        template.write_text("".join(kept), "utf-8")
    return removed


REQUIRED = [(k, lang, e.id) for k in NOTICE_KINDS for lang in KINDS[k].languages
            for e in ATLAS.regimes[KINDS[k].regime or ""].elements if e.required]
CONTACT = {"dmca.512c3A.iv", "dmca.512g3.D.contact", "dsa.16.2.c", "jp.form.contact", "jp.form.sender"}
"""Elements the letterhead also shows: to lose them, the case file must lose them too."""


@pytest.mark.parametrize(("kind", "language", "element"), REQUIRED)
def test_removing_a_required_element_stops_generation_and_names_it(kind: str, language: str, element: str, tmp_path: Path) -> None:
    assert without_element(element, TEMPLATES, tmp_path / "letters") > 0, f"no template block is marked as {element}"
    case = case_of(kind)
    if element in CONTACT:
        sender = case.sender.model_copy(update={"address": None, "phone": None, "email": None})
        case = case.model_copy(update={"sender": sender})
    with pytest.raises(DefectiveNotice) as defect:
        LetterRenderer(ATLAS, tmp_path / "letters").letter(case, KINDS[kind], language)
    assert element in [f.element for f in defect.value.findings]
    assert element in defect.value.explain() and "Add:" in defect.value.explain()


def test_a_notice_without_infringing_urls_is_refused_and_nothing_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(ROOT)
    text = (ROOT / "examples" / "dsa-notice.yaml").read_text("utf-8")
    case = tmp_path / "case.yaml"
    case.write_text(re.sub(r"    infringing:\n(      - .*\n)+", "", text), "utf-8")
    assert main(["letter", str(case), "--out", str(tmp_path / "out")]) == 1
    err = " ".join(capsys.readouterr().err.split())
    assert "would not satisfy EU Digital Services Act notice" in err
    assert "Exact electronic location [dsa.16.2.b, Art. 16(2)(b)] is not clearly stated" in err
    assert not (tmp_path / "out").exists()


def test_a_customary_part_left_out_is_a_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    text = (ROOT / "examples" / "dmca-takedown.yaml").read_text("utf-8")
    case = tmp_path / "case.yaml"
    case.write_text(text.replace("fair_use_considered: true\n", "").replace("  attention: Designated Agent (DMCA), Legal Department\n", ""), "utf-8")
    assert main(["letter", str(case), "--format", "md", "--out", str(tmp_path)]) == 0
    err = " ".join(capsys.readouterr().err.split())
    assert "customary but absent: Fair use considered" in err and "customary but absent: Addressed to the designated agent" in err
    assert "I have taken fair use into consideration" not in (tmp_path / "case.en.md").read_text("utf-8")


def test_a_batch_row_without_urls_is_an_error_row_and_the_others_are_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    rows = tmp_path / "rows.csv"
    rows.write_text(
        "id,work.title,work.infringing\n"
        "a,Harbour at dawn,https://example-images.invalid/p/1;https://example-images.invalid/p/2\n"
        "b,Harbour at dusk,\n",
        "utf-8",
    )
    base = tmp_path / "base.yaml"
    base.write_text(re.sub(r"works:\n(  .*\n)+", "", (ROOT / "examples" / "dsa-notice.yaml").read_text("utf-8")), "utf-8")
    code = main(["batch", str(base), str(rows), "--out", str(tmp_path / "out"), "--format", "md"])
    assert code == 1
    assert "https://example-images.invalid/p/2" in (tmp_path / "out" / "a.en.md").read_text("utf-8")
    assert not (tmp_path / "out" / "b.en.md").exists()
    assert "dsa.16.2.b" in (tmp_path / "out" / "errors.txt").read_text("utf-8")


def test_japanese_wording_is_weighed_too(tmp_path: Path) -> None:
    regime = ATLAS.regimes["eu-tdm-reservation"]
    verdict = {f.element: f.verdict for f in check_notice("無断転載を禁止します。All rights reserved.", regime)}
    assert verdict["eu.4-3.express"] == "unclear"
    japanese = "当社は、本著作物のテキスト・データマイニングのための利用について権利を留保します。本留保は2024年1月1日から適用されています。"
    verdict = {f.element: f.verdict for f in check_notice(japanese, regime)}
    assert verdict["eu.4-3.express"] == "present" and verdict["eu.4-3.effective"] == "present"
