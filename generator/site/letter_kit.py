"""The letter kit page: every kind from its manifest, with example letters generated from examples/."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.data.load import Atlas
from generator.letters.casefile import load_case_file
from generator.letters.docx import DocxWriter
from generator.letters.html_pdf import to_html
from generator.letters.kinds import LetterKind, load_kinds
from generator.letters.render import LetterRenderer

FORMATS = ("docx", "html", "md")
"""PDF is left out of the site build: typesetting it takes about a second a letter."""


@dataclass(frozen=True)
class Download:
    language: str
    format: str
    path: str


@dataclass(frozen=True)
class KitEntry:
    kind: LetterKind
    downloads: list[Download]


def letter_kit(atlas: Atlas, project: Path, folder: str) -> tuple[list[KitEntry], dict[str, bytes]]:
    """The kinds with their example downloads, and the files to publish under `folder`.

    An example that cannot be rendered (for example, one that invokes a jurisdiction the atlas
    does not have) stops the build with its error, as invalid data does.
    """
    templates = project / "templates" / "letters"
    if not templates.is_dir():
        return [], {}
    kinds = load_kinds(templates)
    renderer = LetterRenderer(atlas, templates)
    writer: DocxWriter | None = None
    files: dict[str, bytes] = {}
    entries = []
    for kind in kinds.values():
        example = project / "examples" / f"{kind.kind}.yaml"
        downloads: list[Download] = []
        if example.exists():
            case, _ = load_case_file(example, kinds, set(atlas.jurisdictions))
            for language in case.languages:
                markdown, letter = renderer.letter(case, kind, language)
                writer = writer or DocxWriter()
                rendered = {"docx": writer.write(letter), "html": to_html(letter).encode("utf-8"), "md": markdown.encode("utf-8")}
                for fmt in FORMATS:
                    # MkDocs would publish a .md file as a page; the Markdown download is text.
                    path = f"{folder}/{kind.kind}.{language}.{fmt}" + (".txt" if fmt == "md" else "")
                    files[path] = rendered[fmt]
                    downloads.append(Download(language, fmt, path))
        entries.append(KitEntry(kind, downloads))
    return entries, files


