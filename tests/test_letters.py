"""Letters as a user gets them: the DOCX opened with python-docx, the HTML, the PDF's text, the CLI."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT
from docx import Document
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.data import load_atlas
from generator.errors import DataError
from generator.letters.casefile import load_case_file
from generator.letters.docx import DocxWriter
from generator.letters.kinds import load_kinds
from generator.letters.render import LetterRenderer

TEMPLATES = ROOT / "templates" / "letters"
KINDS = load_kinds(TEMPLATES)
ATLAS = load_atlas(ROOT / "data")[0]
RENDERER = LetterRenderer(ATLAS, TEMPLATES)
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def letter(path: Path, language: str):  # type: ignore[no-untyped-def]
    case, kind = load_case_file(path, KINDS, set(ATLAS.jurisdictions))
    return RENDERER.letter(case, kind, language)


@pytest.fixture(scope="module")
def writer() -> DocxWriter:
    return DocxWriter()


def test_there_is_an_example_for_every_kind() -> None:
    assert {p.stem for p in EXAMPLES} == set(KINDS)


@pytest.mark.parametrize(("example", "language"), [(p, lang) for p in EXAMPLES for lang in KINDS[p.stem].languages], ids=str)
def test_every_example_renders_to_a_structured_docx(example: Path, language: str, writer: DocxWriter) -> None:
    _, tree = letter(example, language)
    document = Document(io.BytesIO(writer.write(tree)))
    styles = [p.style.name for p in document.paragraphs]
    assert styles.count("Heading 1") == 1
    assert document.paragraphs[[i for i, s in enumerate(styles) if s == "Heading 1"][0]].text.startswith(KINDS[example.stem].title[language])  # type: ignore[index]
    assert "Rights Atlas" in document.paragraphs[-1].text  # the not-legal-advice notice closes every letter
    assert any(p.style.name == "Signature" for p in document.paragraphs) or "/s/" in tree.text()


def test_demand_docx_has_numbered_demands_annex_table_footnotes_and_page_numbers(writer: DocxWriter) -> None:
    _, tree = letter(ROOT / "examples" / "demand.yaml", "en")
    data = writer.write(tree)
    document = Document(io.BytesIO(data))
    paragraphs = document.paragraphs
    headings = [p.text for p in paragraphs if p.style.name.startswith("Heading")]
    assert headings[:5] == [
        "Demand concerning the use of copyright works for AI training: Imaginary Video 3",
        "Facts", "The Rights Holders' position", "Legal basis", "Japan",
    ]
    demands = [p for p in paragraphs if p.style.name == "List Paragraph" and p.text.startswith(("cease", "remove", "take", "preserve", "tell", "confirm"))]
    assert [p.text.split()[0] for p in demands] == ["cease", "remove", "take", "preserve", "tell", "confirm"]
    numbering = {p._p.pPr.numPr.numId.val for p in demands}
    assert len(numbering) == 1  # one real Word list, numbered 1 to 6
    assert "Imaginary Video AI, Inc." in paragraphs[2].text and "Attention: Legal Department" in paragraphs[2].text
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["No.", "Title", "Rights holder", "Identifier", "Location"]
    assert [c.text for c in table.rows[2].cells][:3] == ["2", "The Sample Sky (feature film)", "Sample Pictures Inc."]
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        footnotes = package.read("word/footnotes.xml").decode()
        body = package.read("word/document.xml").decode()
        footer = next(package.read(n).decode() for n in package.namelist() if n.startswith("word/footer"))
    assert "Art. 30-4, main clause and item (ii)" in footnotes and "https://elaws.e-gov.go.jp/" in footnotes
    assert body.count("<w:footnoteReference") == footnotes.count('<w:footnote w:id="') == len(tree.notes) == 6
    assert 'w:instr="PAGE"' in footer


def test_japanese_letter_reads_as_a_japanese_letter(writer: DocxWriter) -> None:
    markdown, tree = letter(ROOT / "examples" / "optin-request.yaml", "ja")
    text = tree.text()
    assert "2025年10月27日" in text and "OpenAI 御中" in text
    assert text.index("拝啓") < text.index("敬具")
    assert "権利者各社の事前の書面による許諾なく" in text
    assert "著作権法（昭和四十五年法律第四十八号）　Art. 30-4" in text
    assert "CODA会員社" in text and "CODA member companies" not in text


def test_english_dates_and_coda_requests() -> None:
    markdown, tree = letter(ROOT / "examples" / "optin-request.yaml", "en")
    assert "27 October 2025" in tree.text()
    assert "1. do not use the Rights Holders' works for machine learning" in markdown
    assert "2. respond sincerely to claims and enquiries" in markdown


def test_case_values_are_data_never_template_code(tmp_path: Path, writer: DocxWriter) -> None:
    text = (ROOT / "examples" / "consent-withdrawal.yaml").read_text().replace("name: Example Publishing Ltd", 'name: "{{ 7*7 }} # *Bold* <script>x</script> [^1]"')
    case_file = tmp_path / "case.yaml"
    case_file.write_text(text)
    markdown, tree = letter(case_file, "en")
    assert "{{ 7*7 }} # *Bold* <script>x</script> [^1]" in tree.text()
    assert "49" not in tree.text()
    assert tree.notes == []
    document = Document(io.BytesIO(writer.write(tree)))
    assert any("{{ 7*7 }} # *Bold* <script>x</script> [^1]" in p.text for p in document.paragraphs)


def errors_of(tmp_path: Path, text: str) -> list[str]:
    case_file = tmp_path / "case.yaml"
    case_file.write_text(text)
    with pytest.raises(DataError) as caught:
        load_case_file(case_file, KINDS, set(ATLAS.jurisdictions))
    return [str(p).replace(str(tmp_path) + "/", "") for p in caught.value.problems]


def test_bad_case_files_name_the_field_and_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    base = (ROOT / "examples" / "consent-withdrawal.yaml").read_text()
    assert errors_of(tmp_path, base.replace("deadline: 2027-03-01", "dedline: 2027-03-01")) == [
        "case.yaml:15:1: dedline: unknown field 'dedline' (did you mean 'deadline'?)"
    ]
    assert errors_of(tmp_path, base.replace("demands: [stop_uses,", "demands: [stop_use,")) == [
        "case.yaml:14:11: demands[0]: unknown demand 'stop_use' (did you mean 'stop_uses'?); one of: stop_uses, delete_copies, confirm_in_writing"
    ]
    assert errors_of(tmp_path, base.replace("name: Imaginary Models Ltd", 'name: "Imaginary\\u0007Models"')) == [
        "case.yaml:10:9: recipient.name: control character U+0007 cannot appear in a letter; remove it"
    ]
    assert errors_of(tmp_path, base.replace("kind: consent-withdrawal", "kind: consent-withdrawl"))[0].startswith(
        "case.yaml:3:7: kind: unknown letter kind 'consent-withdrawl' (did you mean 'consent-withdrawal'?)"
    )


def test_signatory_missing_is_reported_with_its_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    base = (ROOT / "examples" / "consent-withdrawal.yaml").read_text()
    assert errors_of(tmp_path, base.replace("signatory:\n  name: Jane Example\n  title: Rights Director\n", "")) == [
        "case.yaml:3:1: signatory: required field is missing"
    ]


def test_a_ten_thousand_work_annex_renders(tmp_path: Path, writer: DocxWriter) -> None:
    rows = "\n".join(f"Work {i},Holder {i % 7},ID-{i:05d}," for i in range(10_000))
    (tmp_path / "works.csv").write_text("title,rights_holder,identifier,url\n" + rows + "\n")
    text = (ROOT / "examples" / "demand.yaml").read_text()
    (tmp_path / "case.yaml").write_text(text)
    _, tree = letter(tmp_path / "case.yaml", "en")
    document = Document(io.BytesIO(writer.write(tree)))
    assert len(document.tables[0].rows) == 10_001
    assert document.tables[0].rows[10_000].cells[1].text == "Work 9999"


def test_cli_writes_every_format_and_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    out = tmp_path / "out"
    assert main(["letter", "examples/optin-request.yaml", "--out", str(out)]) == 0
    names = sorted(p.name for p in out.iterdir())
    assert names == [f"optin-request.{lang}.{ext}" for lang in ("en", "ja") for ext in ("docx", "html", "md", "pdf")]
    html = (out / "optin-request.ja.html").read_text()
    assert '<html lang="ja">' in html and "OpenAI 御中" in html
    before = (out / "optin-request.en.md").read_bytes()
    assert main(["letter", "examples/optin-request.yaml", "--out", str(out), "--format", "md"]) == 1
    assert "already exists; pass --force to replace it" in capsys.readouterr().err
    assert (out / "optin-request.en.md").read_bytes() == before
    assert main(["letter", "examples/optin-request.yaml", "--out", str(out), "--format", "md", "--force"]) == 0
    assert not list(out.glob(".*.tmp"))


def test_pdf_text_includes_japanese(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    assert main(["letter", "examples/optin-request.yaml", "--out", str(tmp_path), "--format", "pdf", "--lang", "ja"]) == 0
    text = subprocess.run(["pdftotext", str(tmp_path / "optin-request.ja.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    assert "機械学習への利用に関する事前許諾のお願い" in text.replace("\n", "")
    assert "2025年10月27日" in text


def test_letterhead_styles_header_and_footer_are_used(tmp_path: Path) -> None:
    letterhead = Document()
    letterhead.sections[0].header.paragraphs[0].text = "EXAMPLE LAW FIRM · 1 Example Street"
    letterhead.sections[0].footer.paragraphs[0].text = "Registered in Exampleland"
    letterhead.styles["Normal"].font.name = "Georgia"
    letterhead.save(str(tmp_path / "letterhead.docx"))
    _, tree = letter(ROOT / "examples" / "demand.yaml", "en")
    document = Document(io.BytesIO(DocxWriter(tmp_path / "letterhead.docx").write(tree)))
    assert document.sections[0].header.paragraphs[0].text == "EXAMPLE LAW FIRM · 1 Example Street"
    assert document.sections[0].footer.paragraphs[0].text == "Registered in Exampleland"
    assert document.styles["Normal"].font.name == "Georgia"
    assert document.paragraphs[3].style.name == "Heading 1"


def test_libreoffice_opens_and_converts_every_example_docx(tmp_path: Path, writer: DocxWriter) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is needed (Debian: libreoffice-writer-nogui); `make test` installs it"
    for example in EXAMPLES:
        for language in KINDS[example.stem].languages:
            (tmp_path / f"{example.stem}.{language}.docx").write_bytes(writer.write(letter(example, language)[1]))
    docs = sorted(str(p) for p in tmp_path.glob("*.docx"))
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"), *docs],
                   check=True, capture_output=True, timeout=300)
    assert len(list((tmp_path / "pdf").glob("*.pdf"))) == len(docs)
    text = subprocess.run(["pdftotext", str(tmp_path / "pdf" / "demand.ja.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    assert "要求事項" in text


def test_letters_list_and_show(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("COLUMNS", "200")
    assert main(["letters", "list"]) == 0
    listed = capsys.readouterr().out
    assert all(kind in listed for kind in KINDS)
    assert main(["letters", "show", "demand"]) == 0
    shown = capsys.readouterr().out
    assert "deadline (date, required): the date by which a written answer is asked for" in shown
    assert "stop_training: cease using the Works" in shown
    assert main(["letters", "show", "demnd"]) == 2


def test_example_case_file_is_commented_and_renders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    target = tmp_path / "start.yaml"
    assert main(["letter", "--example", "information-request", "--out", str(target)]) == 0
    text = target.read_text()
    assert text.startswith("# A starting case file for the information-request letter")
    assert "#   deadline (required): the date by which an answer is asked for" in text
    assert main(["letter", "--example", "information-request", "--out", str(target)]) == 2  # never overwrites
    assert main(["letter", str(target), "--format", "md", "--lang", "en", "--out", str(tmp_path / "out")]) == 0
    assert "Request for information on the use of works in AI training" in (tmp_path / "out" / "start.en.md").read_text()


_TYPABLE = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn"), blacklist_characters="\u2028\u2029\x85"), min_size=1, max_size=60)


@settings(max_examples=150, deadline=None)
@given(name=_TYPABLE.filter(lambda s: s.strip()))
def test_any_name_a_user_can_type_appears_exactly_as_typed(name: str) -> None:
    case, kind = load_case_file(ROOT / "examples" / "consent-withdrawal.yaml", KINDS, set(ATLAS.jurisdictions))
    case = case.model_copy(update={"recipient": case.recipient.model_copy(update={"name": name})})
    _, tree = RENDERER.letter(case, kind, "en")
    expected = " ".join(name.split())
    assert any(expected in line for line in tree.text().splitlines()), (name, tree.text()[:400])
    assert tree.notes == []
