"""Turn a case file into files: every format and language, written atomically and never over a file
that exists unless asked."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.errors import DataError, Problem, display_path
from generator.letters.casefile import CaseFile
from generator.letters.docx import DocxWriter
from generator.letters.html_pdf import to_html, to_pdf
from generator.letters.kinds import LetterKind
from generator.letters.render import LetterRenderer

EXTENSIONS = {"docx": "docx", "pdf": "pdf", "html": "html", "md": "md"}


def safe_name(text: str) -> str:
    """A file name from any text: letters, digits, dot, dash and underscore only, never empty.

    >>> safe_name("../../etc/passwd"), safe_name("Studio Ghibli / 2025"), safe_name("...")
    ('etc_passwd', 'Studio_Ghibli_2025', 'letter')
    """
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "_", text).strip("._-")
    cleaned = re.sub(r"_+", "_", cleaned)
    return cleaned[:100] or "letter"


@dataclass(frozen=True)
class Output:
    path: Path
    language: str
    format: str


def plan(case: CaseFile, stem: str, out: Path, languages: list[str], formats: list[str]) -> list[Output]:
    """The files a case produces, all inside `out`."""
    base = safe_name(stem)
    outputs = [Output(out / f"{base}.{language}.{EXTENSIONS[fmt]}", language, fmt) for language in languages for fmt in formats]
    for output in outputs:  # safe_name already guarantees this; checked so no future change can break it
        if out.resolve() not in output.path.resolve().parents:
            raise DataError([Problem(display_path(output.path), 0, 0, "", "output would leave the output folder")])
    return outputs


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.tmp")
    temp.write_bytes(data)
    temp.replace(path)


def produce(
    case: CaseFile, kind: LetterKind, renderer: LetterRenderer, outputs: list[Output], writer: DocxWriter | None,
    *, force: bool = False, progress: Callable[[Output], None] | None = None,
) -> list[str]:
    """Render and write every output; refuses, before writing anything, to replace existing files.

    Returns the renderer's warnings (customary parts of a notice left out), each once.
    """
    existing = [o for o in outputs if o.path.exists()]
    if existing and not force:
        raise DataError([Problem(display_path(o.path), 0, 0, "", "already exists; pass --force to replace it") for o in existing])
    rendered: dict[str, tuple[str, object]] = {}
    contents: list[tuple[Output, bytes]] = []
    for output in outputs:  # render everything first, so an error leaves no half-written set
        if output.language not in rendered:
            rendered[output.language] = renderer.letter(case, kind, output.language)
        markdown, letter = rendered[output.language]
        if output.format == "md":
            data = markdown.encode("utf-8")
        elif output.format == "docx":
            writer = writer or DocxWriter()
            data = writer.write(letter)  # type: ignore[arg-type]
        else:
            html = to_html(letter)  # type: ignore[arg-type]
            data = html.encode("utf-8") if output.format == "html" else to_pdf(html)
        contents.append((output, data))
    for output, data in contents:
        write_atomic(output.path, data)
        if progress:
            progress(output)
    warnings = [w for _, letter in rendered.values() for w in letter.warnings]  # type: ignore[attr-defined]
    return list(dict.fromkeys(warnings))
