"""Check a notice (DOCX, PDF, Markdown or text) against a notice regime's elements."""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import asdict, dataclass
from pathlib import Path

from docx import Document

from generator.data.models import NoticeRegime

_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[A-Z\"'(/])")


class NoticeReadError(Exception):
    """The notice file could not be read as text."""


@dataclass(frozen=True)
class Finding:
    element: str
    name: str
    required: bool
    verdict: str  # present | missing
    sentence: str | None


def notice_text(path: Path) -> str:
    """The text of a notice: paragraphs and table cells of a DOCX, the text layer of a PDF, or the file."""
    suffix = path.suffix.lower()
    if suffix == ".docx":
        document = Document(str(path))
        cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
        return "\n".join([p.text for p in document.paragraphs] + cells)
    if suffix == ".pdf":
        done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True)
        if done.returncode != 0:
            raise NoticeReadError(f"{path}: pdftotext could not read it: {done.stderr.strip()}")
        return done.stdout
    try:
        return path.read_text("utf-8")
    except UnicodeDecodeError as error:
        raise NoticeReadError(f"{path}: not UTF-8 text (byte {error.start})") from None


def sentences(text: str) -> list[str]:
    """Lines, split further at sentence ends; whitespace collapsed."""
    found = []
    for line in text.splitlines():
        for part in _SENTENCE_END.split(" ".join(line.split())):
            if part.strip():
                found.append(part.strip())
    return found


def check_notice(text: str, regime: NoticeRegime) -> list[Finding]:
    """Per element: present (with the first sentence that shows it) or missing."""
    parts = sentences(text)
    findings = []
    for element in regime.elements:
        patterns = [re.compile(signal, re.IGNORECASE) for signal in element.signals]
        match = next((s for s in parts if any(p.search(s) for p in patterns)), None)
        findings.append(Finding(element.id, element.name, element.required, "present" if match else "missing", match))
    return findings


def as_json(findings: list[Finding]) -> str:
    return json.dumps([asdict(f) for f in findings], indent=2, ensure_ascii=False) + "\n"
