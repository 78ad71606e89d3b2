"""Case file + kind + atlas → Markdown (sandboxed Jinja) → a `Letter` tree.

Values from the case file are data: the sandbox never evaluates them, and every value a template
prints is escaped for Markdown, so `{{ 7*7 }}` or `# heading` in a name appears as typed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from babel.dates import format_date
from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from generator.data.load import Atlas
from generator.letters.casefile import CaseFile, localized
from generator.letters.document import Letter, parse
from generator.letters.kinds import LetterKind

_INLINE = re.compile(r"([\\`*_\[\]<>|&~])")
_LINE_START = re.compile(r"^(\s*)([#+\-=>]|\d+[.)]|:::)")


def md_escape(value: Any) -> str:
    """A value as literal Markdown text: structure characters escaped, on one line.

    >>> md_escape("# Ghibli *Inc* [1] {{ 7*7 }}")
    '\\\\# Ghibli \\\\*Inc\\\\* \\\\[1\\\\] {{ 7\\\\*7 }}'
    """
    if isinstance(value, Markup):
        return str(value)
    if value is None:
        return ""
    text = " ".join(str(value).split())
    text = _INLINE.sub(r"\\\1", text)
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def long_date(value: dt.date, language: str) -> str:
    """27 October 2025 in English, 2025年10月27日 in Japanese (Babel, CLDR data).

    >>> long_date(dt.date(2025, 10, 27), "en"), long_date(dt.date(2025, 10, 27), "ja")
    ('27 October 2025', '2025年10月27日')
    """
    return format_date(value, "d MMMM y", locale="en") if language == "en" else format_date(value, "long", locale=language)


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
            for citation in primary or answer.citations:  # a letter cites primary sources where there are any
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


@cache
def _environment(folder: Path) -> SandboxedEnvironment:
    env = SandboxedEnvironment(
        loader=FileSystemLoader(folder),
        undefined=StrictUndefined,
        finalize=md_escape,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["raw"] = Markup  # for template-made Markdown only, never for case-file values
    return env


def render_markdown(case: CaseFile, kind: LetterKind, atlas: Atlas, language: str, templates: Path) -> str:
    """The letter in Markdown, from the kind's template for `language`."""
    env = _environment(templates)
    template = env.get_template(f"{kind.kind}/{language}.md.j2")
    demands = [getattr(d, language) for wanted in case.demands for d in kind.demands if d.id == wanted]
    return template.render(
        case=localized(case.model_dump(), language),
        kind=kind,
        title=kind.title[language],  # type: ignore[index]
        demands=demands,
        basis=legal_basis(atlas, case.jurisdictions, kind.legal_basis),
        date=lambda value: long_date(value, language),
    )


def render_letter(case: CaseFile, kind: LetterKind, atlas: Atlas, language: str, templates: Path) -> tuple[str, Letter]:
    """The Markdown and the document tree of one letter in one language."""
    markdown = render_markdown(case, kind, atlas, language, templates)
    return markdown, parse(markdown, kind.title[language], language)  # type: ignore[index]
