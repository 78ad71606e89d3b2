"""How well each answer is sourced: jurisdictions × questions with source counts and confidence,
and the list of entries we are least sure of."""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.data.load import Atlas


@dataclass(frozen=True)
class Cell:
    """One answer's sourcing."""

    value: str
    sources: int
    primary: int
    confidence: str
    unverified: bool

    @property
    def weak(self) -> bool:
        return self.confidence == "low" or self.unverified or self.primary == 0


@dataclass(frozen=True)
class Row:
    code: str
    name: str
    reviewed: str
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Weak:
    """An entry to treat with care, and why."""

    where: str  # e.g. "JP opt_out" or "case gema-v-suno"
    confidence: str
    why: str


def coverage(atlas: Atlas) -> list[Row]:
    """One row per jurisdiction (by name), one cell per question in questions.yaml order."""
    rows = []
    for j in sorted(atlas.jurisdictions.values(), key=lambda j: j.name):
        cells = []
        for q in atlas.questions:
            a = j.answers[q.id]
            primary = sum(1 for c in a.citations if not c.secondary)
            cells.append(Cell(a.value, len(a.citations), primary, a.confidence.value, a.status.value == "unverified"))
        rows.append(Row(j.code, j.name, j.reviewed.isoformat(), tuple(cells)))
    return rows


def weak_entries(atlas: Atlas) -> list[Weak]:
    """Answers, cases and notice regimes at low confidence, unverified, or resting on secondary sources only."""
    found = []
    for row in coverage(atlas):
        jurisdiction = atlas.jurisdictions[row.code]
        for question, cell in zip(atlas.questions, row.cells, strict=True):
            if not cell.weak:
                continue
            reasons = [r for r, on in (("low confidence", cell.confidence == "low"), ("unverified", cell.unverified),
                                       ("secondary sources only", cell.primary == 0)) if on]
            note = jurisdiction.answers[question.id].notes
            why = "; ".join(reasons) + (f". {_first_sentence(note)}" if note else "")
            found.append(Weak(f"{row.code} {question.id}", cell.confidence, why))
    for case in sorted(atlas.cases.values(), key=lambda c: c.id):
        primary = [s for s in case.sources if not s.secondary] + [c for d in case.decisions for c in d.citations if not c.secondary]
        if case.confidence.value == "low" or not primary:
            reasons = [r for r, on in (("low confidence", case.confidence.value == "low"), ("secondary sources only", not primary)) if on]
            found.append(Weak(f"case {case.id}", case.confidence.value, "; ".join(reasons)))
    for regime in sorted(atlas.regimes.values(), key=lambda r: r.id):
        if regime.status.value == "unverified":
            found.append(Weak(f"notice regime {regime.id}", regime.confidence.value, f"unverified. {_first_sentence(regime.status_note or '')}"))
    return found


_SENTENCE_END = re.compile(r"(?<!\bArts)(?<!\bArt)(?<!\bNo)(?<!\bss)(?<!\bs)(?<!\bv)\.\s+(?=[A-Z(])")


def _first_sentence(text: str) -> str:
    """The first sentence of a note, on one line (article abbreviations do not end it).

    >>> _first_sentence("Read under Arts. 3 and 4. The rest was not seen.")
    'Read under Arts. 3 and 4.'
    """
    flat = " ".join(text.split())
    end = _SENTENCE_END.search(flat)
    return flat if end is None else flat[: end.start() + 1]
