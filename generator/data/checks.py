"""Checks across records: answers within the allowed sets, references that resolve, dates in order."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from generator.data.models import Answer, Citation, Jurisdiction
from generator.data.problems import suggest
from generator.errors import Problem

if TYPE_CHECKING:
    from generator.data.load import Atlas, DataFile, Locator

STALE_AFTER = dt.timedelta(days=365)


class _Report:
    """Collects errors and warnings for one atlas, placing each at its line."""

    def __init__(self, atlas: Atlas, locator: Locator, today: dt.date) -> None:
        self.atlas = atlas
        self.locator = locator
        self.today = today
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []

    def error(self, file: DataFile, path: tuple[Any, ...], message: str) -> None:
        self.errors.append(self.locator.problem(file, path, message))

    def warn(self, file: DataFile, path: tuple[Any, ...], message: str) -> None:
        self.warnings.append(self.locator.problem(file, path, message))

    def reviewed(self, file: DataFile, path: tuple[Any, ...], reviewed: dt.date) -> None:
        if reviewed > self.today:
            self.error(file, path, f"review date {reviewed} is in the future")
        elif self.today - reviewed > STALE_AFTER:
            self.warn(file, path, f"stale: last reviewed {reviewed}, more than a year ago")

    def citation(self, file: DataFile, path: tuple[Any, ...], citation: Citation, owner: Jurisdiction | None) -> None:
        if citation.retrieved > self.today:
            self.error(file, (*path, "retrieved"), f"retrieved date {citation.retrieved} is in the future")
        if citation.instrument is None:
            return
        if owner is None:
            self.error(file, (*path, "instrument"), "only jurisdiction files list instruments; cite a source by `title` here")
            return
        code, _, ident = citation.instrument.rpartition(":")
        target = self.atlas.jurisdictions.get(code) if code else owner
        if target is None:
            self.error(file, (*path, "instrument"), f"'{citation.instrument}' names unknown jurisdiction '{code}'")
        elif target.instrument(ident) is None:
            known = [i.id for i in target.instruments]
            self.error(
                file, (*path, "instrument"),
                f"unknown instrument '{citation.instrument}'{suggest(ident, known)}; {target.code} lists: {', '.join(known)}",
            )

    def jurisdiction_code(self, file: DataFile, path: tuple[Any, ...], code: str) -> None:
        if code not in self.atlas.jurisdictions:
            hint = suggest(code, list(self.atlas.jurisdictions))
            self.error(file, path, f"unknown jurisdiction '{code}'{hint}; add data/jurisdictions/{code.lower()}.yaml or fix the code")


def check(atlas: Atlas, locator: Locator, today: dt.date) -> tuple[list[Problem], list[Problem]]:
    """All cross-record errors and warnings of an atlas whose files each passed their own checks."""
    report = _Report(atlas, locator, today)
    _questions(report)
    for code, jurisdiction in atlas.jurisdictions.items():
        _jurisdiction(report, atlas.files[f"jurisdiction:{code}"], jurisdiction)
    for case_id, case in atlas.cases.items():
        file = atlas.files[f"case:{case_id}"]
        report.reviewed(file, ("reviewed",), case.reviewed)
        report.jurisdiction_code(file, ("jurisdiction",), case.jurisdiction)
        for i, code in enumerate(case.related):
            report.jurisdiction_code(file, ("related", i), code)
        for i, citation in enumerate(case.sources):
            report.citation(file, ("sources", i), citation, None)
        previous = None
        for i, decision in enumerate(case.decisions):
            if previous and decision.date < previous:
                report.error(file, ("decisions", i, "date"), f"{decision.date} comes before the previous decision ({previous}); list decisions oldest first")
            previous = decision.date
            for j, citation in enumerate(decision.citations):
                report.citation(file, ("decisions", i, "citations", j), citation, None)
    _events(report)
    _crawlers_and_standards(report)
    _regimes(report)
    return report.errors, report.warnings


def _regimes(report: _Report) -> None:
    for regime_id, regime in report.atlas.regimes.items():
        file = report.atlas.files[f"regime:{regime_id}"]
        report.reviewed(file, ("reviewed",), regime.reviewed)
        report.jurisdiction_code(file, ("jurisdiction",), regime.jurisdiction)
        ids = [e.id for e in regime.elements]
        for i, element in enumerate(regime.elements):
            if element.id in ids[:i]:
                report.error(file, ("elements", i, "id"), f"duplicate element id '{element.id}'")
            for field in ("signals", "weak_signals"):
                for j, signal in enumerate(getattr(element, field)):
                    try:
                        re.compile(signal)
                    except re.error as error:
                        report.error(file, ("elements", i, field, j), f"not a valid regular expression: {error}")
        owner = report.atlas.jurisdictions.get(regime.jurisdiction)
        for i, citation in enumerate(regime.sources):
            report.citation(file, ("sources", i), citation, owner)


def _crawlers_and_standards(report: _Report) -> None:
    file = report.atlas.files.get("crawlers")
    seen: set[str] = set()
    for i, crawler in enumerate(report.atlas.crawlers):
        if file and crawler.token.lower() in seen:
            report.error(file, ("crawlers", i, "token"), f"duplicate crawler token '{crawler.token}' (tokens are matched without regard to case)")
        seen.add(crawler.token.lower())
        if file:
            report.reviewed(file, ("crawlers", i, "reviewed"), crawler.reviewed)
    file = report.atlas.files.get("optout_standards")
    if file is None:
        return
    for i, standard in enumerate(report.atlas.standards):
        for j, weight in enumerate(standard.legal_weight):
            report.jurisdiction_code(file, ("standards", i, "legal_weight", j, "jurisdiction"), weight.jurisdiction)
            owner = report.atlas.jurisdictions.get(weight.jurisdiction)
            for k, citation in enumerate(weight.citations):
                report.citation(file, ("standards", i, "legal_weight", j, "citations", k), citation, owner)


def _questions(report: _Report) -> None:
    file = report.atlas.files.get("questions")
    seen: set[str] = set()
    for i, question in enumerate(report.atlas.questions):
        if question.id in seen and file:
            report.error(file, ("questions", i, "id"), f"duplicate question id '{question.id}'")
        seen.add(question.id)
        values = [o.value for o in question.answers]
        for j, value in enumerate(values):
            if value in values[:j] and file:
                report.error(file, ("questions", i, "answers", j, "value"), f"duplicate answer value '{value}'")


def _jurisdiction(report: _Report, file: DataFile, jurisdiction: Jurisdiction) -> None:
    report.reviewed(file, ("reviewed",), jurisdiction.reviewed)
    for i, code in enumerate(jurisdiction.member_of):
        report.jurisdiction_code(file, ("member_of", i), code)
    ids = [i.id for i in jurisdiction.instruments]
    for i, ident in enumerate(ids):
        if ident in ids[:i]:
            report.error(file, ("instruments", i, "id"), f"duplicate instrument id '{ident}'")
    if jurisdiction.transposition is not None:
        if "EU" not in jurisdiction.member_of:
            report.error(file, ("transposition",), "only EU member states (member_of: [EU]) record a DSM Directive transposition")
        for i, citation in enumerate(jurisdiction.transposition.citations):
            report.citation(file, ("transposition", "citations", i), citation, jurisdiction)
    questions = {q.id: q for q in report.atlas.questions}
    for question_id in questions:
        if question_id not in jurisdiction.answers:
            report.error(
                file, ("answers",),
                f"no answer to question '{question_id}'; every question needs an answer (use 'unclear' with an explanation when the law is unsettled)",
            )
    for question_id, answer in jurisdiction.answers.items():
        path = ("answers", question_id)
        question = questions.get(question_id)
        if question is None:
            report.error(file, path, f"unknown question '{question_id}'{suggest(question_id, list(questions))}")
            continue
        allowed = [o.value for o in question.answers]
        for value_path, value in [((*path, "value"), answer.value)] + [((*path, "history", i, "value"), h.value) for i, h in enumerate(answer.history)]:
            if value not in allowed:
                report.error(file, value_path, f"'{value}' is not one of: {', '.join(allowed)}")
        _answer_dates(report, file, path, answer)
        for i, citation in enumerate(answer.citations):
            report.citation(file, (*path, "citations", i), citation, jurisdiction)
        for i, entry in enumerate(answer.history):
            for j, citation in enumerate(entry.citations):
                report.citation(file, (*path, "history", i, "citations", j), citation, jurisdiction)


def _answer_dates(report: _Report, file: DataFile, path: tuple[Any, ...], answer: Answer) -> None:
    """History runs oldest first, each period ends before the next begins, and the current value starts last."""
    previous_until: dt.date | None = None
    for i, entry in enumerate(answer.history):
        here = (*path, "history", i)
        if entry.since and entry.since > entry.until:
            report.error(file, (*here, "since"), f"since {entry.since} is after until {entry.until}")
        if previous_until and (entry.since or entry.until) <= previous_until:
            starts = entry.since or entry.until
            report.error(
                file, here, f"overlaps or runs backwards: starts {starts}, but the previous entry ran until {previous_until}; list history oldest first"
            )
        previous_until = entry.until
    if previous_until and answer.since and answer.since <= previous_until:
        report.error(file, (*path, "since"), f"current value starts {answer.since}, but history runs until {previous_until}")


def _events(report: _Report) -> None:
    file = report.atlas.files.get("events")
    if file is None:
        return
    seen: set[str] = set()
    for i, event in enumerate(report.atlas.events):
        if event.id in seen:
            report.error(file, ("events", i, "id"), f"duplicate event id '{event.id}'")
        seen.add(event.id)
        for j, code in enumerate(event.jurisdictions):
            report.jurisdiction_code(file, ("events", i, "jurisdictions", j), code)
        for j, case_id in enumerate(event.cases):
            if case_id not in report.atlas.cases:
                report.error(file, ("events", i, "cases", j), f"unknown case '{case_id}'{suggest(case_id, list(report.atlas.cases))}")
        for j, citation in enumerate(event.sources):
            report.citation(file, ("events", i, "sources", j), citation, None)

