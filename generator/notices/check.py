"""Check a notice (DOCX, PDF, Markdown or text) against a notice regime's elements."""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import asdict, dataclass
from pathlib import Path

from docx import Document

from generator.data.models import NoticeRegime

_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[A-Z\"'(/])|(?<=[。；])")


class NoticeReadError(Exception):
    """The notice file could not be read as text."""


@dataclass(frozen=True)
class Finding:
    element: str
    name: str
    required: bool
    verdict: str  # present | unclear | missing
    sentence: str | None

    @property
    def defect(self) -> bool:
        """A required element that is not clearly there."""
        return self.required and self.verdict != "present"


class DefectiveNotice(Exception):
    """A generated notice lacks a required element of its regime; the message says what to add."""

    def __init__(self, regime: NoticeRegime, findings: list[Finding]) -> None:
        self.regime = regime
        self.findings = [f for f in findings if f.defect]
        super().__init__(self.explain())

    def explain(self) -> str:
        lines = [f"this notice would not satisfy {self.regime.name}; nothing was written. Missing:"]
        for finding in self.findings:
            element = next(e for e in self.regime.elements if e.id == finding.element)
            state = "not clearly stated" if finding.verdict == "unclear" else "missing"
            lines.append(f"  - {element.name} [{element.id}, {element.pinpoint}] is {state}. {element.description} Add: {element.satisfied_by}")
        return "\n".join(lines)


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


def _first(parts: list[str], signals: list[str]) -> str | None:
    patterns = [re.compile(signal, re.IGNORECASE) for signal in signals]
    return next((s for s in parts if any(p.search(s) for p in patterns)), None)


def check_notice(text: str, regime: NoticeRegime) -> list[Finding]:
    """Per element: present (with the first sentence that shows it), unclear (only weaker wording) or missing.

    >>> from generator.data.models import NoticeRegime
    >>> regime = NoticeRegime.model_validate({"id": "r", "name": "R", "jurisdiction": "US", "recipient": "-", "deadlines": "-",
    ...     "penalty": "-", "confidence": "low", "reviewed": "2026-11-25", "sources": [{"title": "t", "pinpoint": "p",
    ...     "url": "https://example.org", "retrieved": "2026-11-25"}], "elements": [{"id": "r.a", "pinpoint": "a", "required": True,
    ...     "name": "Belief", "description": "-", "satisfied_by": "-", "signals": ["good faith belief"], "weak_signals": ["good faith"]}]})
    >>> [f.verdict for t in ("I have a good faith belief.", "Sent in good faith.", "Hello.") for f in check_notice(t, regime)]
    ['present', 'unclear', 'missing']
    """
    parts = sentences(text)
    findings = []
    for element in regime.elements:
        strong = _first(parts, element.signals)
        weak = None if strong else _first(parts, element.weak_signals)
        verdict = "present" if strong else ("unclear" if weak else "missing")
        findings.append(Finding(element.id, element.name, element.required, verdict, strong or weak))
    return findings


def conform(text: str, regime: NoticeRegime) -> list[str]:
    """Raise `DefectiveNotice` unless every required element is present; return warnings for customary ones."""
    findings = check_notice(text, regime)
    if any(f.defect for f in findings):
        raise DefectiveNotice(regime, findings)
    customary = {e.id: e for e in regime.elements}
    return [f"customary but absent: {f.name} ({customary[f.element].pinpoint}). {customary[f.element].description}"
            for f in findings if not f.required and f.verdict != "present"]


def as_json(findings: list[Finding]) -> str:
    return json.dumps([asdict(f) for f in findings], indent=2, ensure_ascii=False) + "\n"
