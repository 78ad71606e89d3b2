"""Case file + kind + atlas → Markdown (sandboxed Jinja) → a `Letter` tree.

Values from the case file are data: the sandbox never evaluates them, and every value a template
prints is escaped for Markdown, so `{{ 7*7 }}` or `# heading` in a name appears as typed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from babel.dates import format_date
from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from generator.data.load import Atlas
from generator.data.models import NoticeRegime
from generator.errors import DataError, Problem, display_path
from generator.letters.casefile import CaseFile, localized
from generator.letters.document import Letter, parse
from generator.letters.kinds import LetterKind
from generator.notices.check import conform

_INLINE = re.compile(r"([\\`*\[\]<>|&~])")
_UNDERSCORE = re.compile(r"(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")
"""An underscore inside a word (a_b, as in URLs) cannot start emphasis, so only these are escaped."""
_LINE_START = re.compile(r"^(\s*)([#+\-=>]|\d+[.)]|:::)")
_PLAIN = re.compile(r"[^\\`*_\[\]<>|&~\s#+\-=:]*(?:[ ][^\\`*_\[\]<>|&~\s]+)*")
"""Text that needs no escaping: no structure characters, single spaces, nothing odd at the start."""


def md_escape(value: Any) -> str:
    """A value as literal Markdown text: structure characters escaped, on one line.

    >>> md_escape("# Ghibli *Inc* [1] {{ 7*7 }}")
    '\\\\# Ghibli \\\\*Inc\\\\* \\\\[1\\\\] {{ 7\\\\*7 }}'
    """
    if isinstance(value, Markup):
        return str(value)
    if value is None:
        return ""
    if type(value) is str:
        return _escape_text(value)
    if type(value) is int:
        return str(value)
    return _escape_text(str(value))


@lru_cache(maxsize=1 << 16)
def _escape_text(value: str) -> str:
    """`md_escape` for plain text, cached: a batch prints the same names and legal summaries many times."""
    if _PLAIN.fullmatch(value) and not _LINE_START.match(value):
        return value
    text = " ".join(value.split())
    text = _UNDERSCORE.sub(r"\\_", _INLINE.sub(r"\\\1", text))
    return _LINE_START.sub(_escape_line_start, text)


def _escape_line_start(match: re.Match[str]) -> str:
    marker = match.group(2)
    if marker[0].isdigit():  # "1." starts a list: escape the dot, since a digit cannot be escaped
        return match.group(1) + marker[:-1] + "\\" + marker[-1]
    return match.group(1) + "\\" + marker


@lru_cache(maxsize=4096)
def long_date(value: dt.date, language: str) -> str:
    """27 October 2025 in English, 2025年10月27日 in Japanese (Babel, CLDR data).

    >>> long_date(dt.date(2025, 10, 27), "en"), long_date(dt.date(2025, 10, 27), "ja")
    ('27 October 2025', '2025年10月27日')
    """
    return format_date(value, "d MMMM y", locale="en") if language == "en" else format_date(value, "long", locale=language)


LETTER_SOURCES = 3
"""How many sources a letter's footnote gives for one point; the site lists them all."""


@dataclass(frozen=True)
class Source:
    """A citation as a letter footnote shows it."""

    title: str
    title_local: str | None
    pinpoint: str
    url: str


@dataclass(frozen=True)
class Point:
    """One question's answer for one jurisdiction, as the legal-basis section states it."""

    question: str
    question_ja: str
    label: str
    label_ja: str
    summary: str
    since: dt.date | None
    sources: list[Source]


@dataclass(frozen=True)
class Basis:
    code: str
    name: str
    name_local: str
    points: list[Point]


def legal_basis(atlas: Atlas, codes: list[str], question_ids: list[str]) -> list[Basis]:
    """What the atlas says on the kind's questions for each invoked jurisdiction, with sources."""
    result = []
    for code in codes:
        jurisdiction = atlas.jurisdictions[code]
        points = []
        for question_id in question_ids:
            question = atlas.question(question_id)
            answer = jurisdiction.answers.get(question_id)
            if question is None or answer is None:
                continue
            option = question.option(answer.value)
            sources = []
            primary = [c for c in answer.citations if not c.secondary]
            # A letter cites the leading sources (primary ones where there are any), as a lawyer would.
            for citation in (primary or answer.citations)[:LETTER_SOURCES]:
                _, _, ident = (citation.instrument or "").rpartition(":")
                owner = atlas.jurisdictions.get(citation.instrument.split(":")[0]) if citation.instrument and ":" in citation.instrument else jurisdiction
                instrument = owner.instrument(ident) if owner and citation.instrument else None
                sources.append(Source(instrument.title if instrument else (citation.title or ident), instrument.title_local if instrument else None,
                                      citation.pinpoint, citation.url))
            points.append(Point(
                question.short, question.short_ja or question.short, option.label if option else answer.value,
                (option.label_ja or option.label) if option else answer.value, " ".join(answer.summary.split()), answer.since, sources,
            ))
        result.append(Basis(code, jurisdiction.name, jurisdiction.name_local or jurisdiction.name, points))
    return result


def sources_note(sources: list[Source], language: str) -> Markup:
    """A footnote's text: each source's title (the local title in Japanese), pinpoint and URL."""
    if language == "ja":
        return Markup("；".join(f"{md_escape(s.title_local or s.title)}　{md_escape(s.pinpoint)}　{md_escape(s.url)}" for s in sources) + "。")
    return Markup("; ".join(f"{md_escape(s.title)}, {md_escape(s.pinpoint)}, {md_escape(s.url)}" for s in sources) + ".")


def works_rows(works: list[dict[str, Any]]) -> Markup:
    """The annex's table rows, one per work: number, title, rights holder, identifier, location.

    Built here rather than in a template loop because an annex can run to thousands of rows.
    """
    fields = ("title", "rights_holder", "identifier", "url")
    return Markup("\n".join(f"| {n} | " + " | ".join(md_escape(w.get(f) or "") for f in fields) + " |" for n, w in enumerate(works, 1)))


@cache
def _environment(folder: Path) -> SandboxedEnvironment:
    env = SandboxedEnvironment(
        loader=FileSystemLoader(folder),
        auto_reload=False,  # templates do not change during a run; `site serve` makes a new environment
        undefined=StrictUndefined,
        finalize=md_escape,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["raw"] = Markup  # for template-made Markdown only, never for case-file values
    env.globals.update(works_rows=works_rows, sources_note=sources_note, long_date=long_date)
    return env


class LetterRenderer:
    """Renders letters from one atlas and one templates folder; reuse it for many letters.

    Templates are compiled once and the legal basis for a set of jurisdictions is worked out
    once, so a batch of thousands of letters pays only for what differs between them.
    """

    def __init__(self, atlas: Atlas, templates: Path) -> None:
        self.atlas = atlas
        self.env = _environment(templates)
        self._basis: dict[tuple[tuple[str, ...], tuple[str, ...]], list[Basis]] = {}

    def markdown(self, case: CaseFile, kind: LetterKind, language: str) -> str:
        """The letter in Markdown, from the kind's template for `language`."""
        template = self.env.get_template(f"{kind.kind}/{language}.md.j2")
        key = (tuple(case.jurisdictions), tuple(kind.legal_basis))
        if key not in self._basis:
            self._basis[key] = legal_basis(self.atlas, case.jurisdictions, kind.legal_basis)
        return template.render(
            case=localized(case.model_dump(), language),
            kind=kind,
            title=kind.title[language],  # type: ignore[index]
            demands=[getattr(d, language) for wanted in case.demands for d in kind.demands if d.id == wanted],
            basis=self._basis[key],
            date=lambda value: long_date(value, language),
        )

    def letter(self, case: CaseFile, kind: LetterKind, language: str) -> tuple[str, Letter]:
        """The Markdown and the document tree of one letter in one language."""
        markdown = self.markdown(case, kind, language)
        letter = parse(markdown, kind.title[language], language)  # type: ignore[index]
        if kind.regime:
            letter.warnings = conform(letter.statements(), self._regime(kind))
        return markdown, letter

    def _regime(self, kind: LetterKind) -> NoticeRegime:
        regime = self.atlas.regimes.get(kind.regime or "")
        if regime is None:
            raise DataError([Problem(display_path(kind.folder / "manifest.yaml"), 1, 1, "regime",
                                     f"no notice regime '{kind.regime}' in data/notice_regimes/; known: {', '.join(sorted(self.atlas.regimes))}")])
        return regime
