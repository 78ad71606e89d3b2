"""Benchmark: DOCX letters per second on one core against docxtpl in the same run, with the same
lean base document, and Markdown letters per second.

    python bench/letters_bench.py [--seconds 5]

The letter is the `demand` example with a 20-work annex (about 1,200 words: facts, legal basis
with footnotes, six numbered demands, the annex table, signature block).
"""

from __future__ import annotations

import argparse
import io
import itertools
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from docx import Document
from docxtpl import DocxTemplate

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.data import load_atlas  # noqa: E402
from generator.letters.casefile import Work, load_case_file  # noqa: E402
from generator.letters.docx import DocxWriter, _lean  # noqa: E402
from generator.letters.kinds import load_kinds  # noqa: E402
from generator.letters.render import LetterRenderer, legal_basis  # noqa: E402

TEMPLATES = ROOT / "templates" / "letters"


def rate(work: Callable[[], object], seconds: float) -> float:
    """Letters per second, timed for at least `seconds` after one warm-up call."""
    work()
    count, started = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - started) < seconds:
        work()
        count += 1
    return count / elapsed


def docxtpl_template(folder: Path) -> Path:
    """The same letter as a docxtpl template, on the same lean base document as ours."""
    document = Document()
    _lean(document)
    add = document.add_paragraph
    add("{{ sender }}"), add("{{ date }}"), add("{{ recipient }}")
    document.add_heading("{{ title }}", 1)
    add("Dear Sir or Madam,")
    add("{{ intro }}")
    document.add_heading("Facts", 2)
    add("{%p for fact in facts %}"), add("{{ fact }}", style="List Paragraph"), add("{%p endfor %}")
    document.add_heading("Legal basis", 2)
    add("{%p for point in points %}"), add("{{ point }}", style="List Paragraph"), add("{%p endfor %}")
    document.add_heading("Our demands", 2)
    add("{%p for demand in demands %}"), add("{{ demand }}", style="List Paragraph"), add("{%p endfor %}")
    add("Please reply in writing by {{ deadline }}.")
    add("Yours faithfully,"), add("{{ signatory }}")
    document.add_heading("Annex: works concerned", 2)
    table = document.add_table(rows=3, cols=5)
    for cell, text in zip(table.rows[0].cells, ["No.", "Title", "Rights holder", "Identifier", "Location"], strict=True):
        cell.text = text
    table.rows[1].cells[0].text = "{%tr for w in works %}"
    fields = ["{{ loop.index }}", "{{ w.title }}", "{{ w.rights_holder }}", "{{ w.identifier }}", "{{ w.url }}"]
    for cell, text in zip(table.rows[2].cells, fields, strict=True):
        cell.text = text
    row = table.add_row()
    row.cells[0].text = "{%tr endfor %}"
    path = folder / "demand-template.docx"
    document.save(str(path))
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    args = parser.parse_args()
    atlas = load_atlas(ROOT / "data")[0]
    kinds = load_kinds(TEMPLATES)
    case, kind = load_case_file(ROOT / "examples" / "demand.yaml", kinds, set(atlas.jurisdictions))
    works = [Work(title=f"Work {i}", rights_holder=f"Holder {i % 3}", identifier=f"ID-{i:04d}", url=f"https://example.invalid/{i}") for i in range(20)]
    case = case.model_copy(update={"works": works})
    writer = DocxWriter()
    renderer = LetterRenderer(atlas, TEMPLATES)
    markdown, letter = renderer.letter(case, kind, "en")
    words = len(letter.text().split())

    def ours() -> bytes:
        return writer.write(renderer.letter(case, kind, "en")[1])

    with tempfile.TemporaryDirectory() as temp:
        template = docxtpl_template(Path(temp))
        context = {
            "sender": case.sender.name, "date": "20 November 2026", "recipient": case.recipient.name,
            "title": kind.title["en"], "intro": "We write on behalf of the Rights Holders.",
            "facts": [f["en"] if isinstance(f, dict) else f for f in case.facts],
            "points": [p.summary for b in legal_basis(atlas, case.jurisdictions, kind.legal_basis) for p in b.points],
            "demands": [d.en for d in kind.demands], "deadline": "18 December 2026", "signatory": case.signatory.name,
            "works": [w.model_dump() for w in works],
        }

        def peer() -> bytes:
            document = DocxTemplate(str(template))
            document.render(context)
            buffer = io.BytesIO()
            document.save(buffer)
            return buffer.getvalue()

        peer_rate = rate(peer, args.seconds)
    our_rate = rate(ours, args.seconds)
    # Every letter names different works and a different recipient, as in a real batch, so the
    # escaping cache only helps with what really repeats (the legal basis, the sender).
    distinct = itertools.cycle([
        case.model_copy(update={
            "works": [w.model_copy(update={"title": f"{w.title} / {n}", "identifier": f"{w.identifier}-{n}"}) for w in works],
            "recipient": case.recipient.model_copy(update={"name": f"Recipient {n}"}),
        }) for n in range(5000)
    ])
    markdown_rate = rate(lambda: renderer.markdown(next(distinct), kind, "en"), args.seconds)
    print(f"letter: demand, 20-work annex, {words} words, {len(letter.notes)} footnotes")
    print(f"docxtpl, same lean base: {peer_rate:.0f} letters/s")
    print(f"rightsatlas DOCX (render + write): {our_rate:.0f} letters/s ({our_rate / peer_rate:.1f}x docxtpl)")
    print(f"rightsatlas Markdown, every letter with distinct names: {markdown_rate:.0f} letters/s")
    notice, notice_kind = load_case_file(ROOT / "examples" / "dmca-takedown.yaml", kinds, set(atlas.jurisdictions))
    checked_rate = rate(lambda: renderer.letter(notice, notice_kind, "en"), args.seconds)
    notice_docx_rate = rate(lambda: writer.write(renderer.letter(notice, notice_kind, "en")[1]), args.seconds)
    print(f"dmca-takedown checked against its regime (render + parse + check): {checked_rate:.0f} notices/s; with DOCX: {notice_docx_rate:.0f}/s")


if __name__ == "__main__":
    main()
