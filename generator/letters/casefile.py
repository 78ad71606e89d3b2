"""The case file: who writes to whom about which works, validated with file:line errors like the data."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints, ValidationError

from generator.data.models import Date, JurisdictionCode, StrictModel, Text, Url
from generator.data.problems import field_names, from_validation_error, suggest
from generator.data.yamlfile import Key, YamlDocument, YamlError, dotted, load
from generator.errors import DataError, Problem, display_path
from generator.letters.kinds import Language, LetterKind

Format = Literal["docx", "pdf", "html", "md"]
Use = Literal["training", "fine_tuning", "retrieval", "output_use"]
Email = Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")]


Localized = Text | dict[Language, Text]
"""Free text, either the same in every language or given per language: {en: ..., ja: ...}."""



class Party(StrictModel):
    name: Localized
    attention: Localized | None = Field(default=None, description="The person or department the letter is addressed to.")
    address: Localized | None = None
    email: Email | None = None
    phone: Text | None = None
    acts_for: list[Localized] = Field(default_factory=list, description="Members or clients the sender acts for.")


class Signatory(StrictModel):
    name: Localized
    title: Localized | None = None


class Work(StrictModel):
    title: Localized
    rights_holder: Localized | None = None
    identifier: Text | None = None
    url: Url | None = Field(default=None, description="Where the original is published.")
    infringing: list[Url] = Field(default_factory=list, description="For takedown notices: the URLs of the infringing copies.")


class Removed(StrictModel):
    """For a counter-notice: material that was taken down, and where it was."""

    description: Localized
    location: Url = Field(description="The URL at which the material appeared before it was removed or disabled.")


class Terms(StrictModel):
    """What a consent or licence grants."""

    permitted_uses: list[Use] = Field(min_length=1)
    models: list[Text] = Field(min_length=1, description="Models or services the consent covers.")
    term: Localized
    territory: Localized
    remuneration: Localized
    attribution: Localized
    audit: Localized
    revocation: Localized


class Reservation(StrictModel):
    """An opt-out: since when, for which sites, and by which machine-readable means."""

    effective: Date
    sites: list[Url] = Field(default_factory=list)
    machine_readable: list[Localized] = Field(default_factory=list, description="e.g. robots.txt rules, /.well-known/tdmrep.json")


class Withdrawal(StrictModel):
    consent_reference: Text
    effective: Date


class CaseFile(StrictModel):
    kind: str
    languages: list[Language] = Field(default=["en"], min_length=1)
    formats: list[Format] = Field(default=["docx"], min_length=1)
    reference: Text | None = None
    date: Date
    sender: Party
    recipient: Party
    service: Localized | None = None
    jurisdictions: list[JurisdictionCode] = Field(default_factory=list)
    facts: list[Localized] = Field(default_factory=list)
    demands: list[str] = Field(default_factory=list)
    deadline: Date | None = None
    works: list[Work] = Field(default_factory=list)
    works_csv: Text | None = Field(default=None, description="A CSV of works (title, rights_holder, identifier, url), relative to the case file.")
    signatory: Signatory
    contact: Localized | None = Field(default=None, description="Where to ask for a licence.")
    reservation: Reservation | None = None
    terms: Terms | None = None
    withdrawal: Withdrawal | None = None
    questions: list[Localized] = Field(default_factory=list, description="Further questions for an information request.")
    removed: list[Removed] = Field(default_factory=list, description="For a counter-notice: the material removed and where it was.")
    fair_use_considered: bool | None = Field(default=None, description="For a DMCA notice: the sender has considered fair use (Lenz v. Universal).")
    rights: list[Localized] = Field(default_factory=list, description="For a takedown notice: the rights said to be infringed.")
    attachments: list[Localized] = Field(default_factory=list, description="Documents sent with the letter, e.g. screenshots or proof of authority.")


def localized(value: Any, language: str) -> Any:
    """The case file's data in one language: every {en: ..., ja: ...} becomes that language's text.

    >>> localized({"facts": [{"en": "Filed", "ja": "提出"}, "Same"]}, "ja")
    {'facts': ['提出', 'Same']}
    """
    if isinstance(value, dict):
        if value and set(value) <= {"en", "ja"}:
            return value.get(language) or value.get("en") or next(iter(value.values()))
        return {key: localized(item, language) for key, item in value.items()}
    if isinstance(value, list):
        return [localized(item, language) for item in value]
    return value


def _control_characters(value: Any, path: tuple[Key, ...], found: list[tuple[tuple[Key, ...], str]]) -> None:
    """Characters a Word document cannot hold (XML 1.0 forbids them), with where they are."""
    if isinstance(value, str):
        bad = next((c for c in value if (ord(c) < 32 and c not in "\t\n\r") or c in "\ufffe\uffff" or 0xD800 <= ord(c) <= 0xDFFF), None)
        if bad is not None:
            found.append((path, f"control character U+{ord(bad):04X} cannot appear in a letter; remove it"))
    elif isinstance(value, dict):
        for key, item in value.items():
            _control_characters(item, (*path, key), found)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _control_characters(item, (*path, index), found)


def load_case_file(path: Path, kinds: dict[str, LetterKind], known_jurisdictions: set[str]) -> tuple[CaseFile, LetterKind]:
    """Read and check a case file against its kind's manifest; raises `DataError` with every problem."""
    shown = display_path(path)
    if not path.exists():
        raise DataError([Problem(shown, 0, 0, "", "no such case file")])
    try:
        doc = load(path, shown)
    except YamlError as error:
        raise DataError([error.problem]) from None
    if not isinstance(doc.data, dict):
        raise DataError([Problem(shown, 1, 1, "", "expected a mapping of fields")])
    located: YamlDocument | None = None

    def problem(where: tuple[Key, ...], message: str) -> Problem:
        nonlocal located
        located = located or load(path, shown, with_locations=True)
        line, column = located.locate(where)
        return Problem(shown, line, column, dotted(where), message)

    bad_characters: list[tuple[tuple[Key, ...], str]] = []
    _control_characters(doc.data, (), bad_characters)
    if bad_characters:
        raise DataError([problem(where, message) for where, message in bad_characters])
    try:
        case = CaseFile.model_validate(doc.data)
    except ValidationError as error:
        raise DataError(from_validation_error(error, load(path, shown, with_locations=True), field_names(CaseFile))) from None
    kind = kinds.get(case.kind)
    if kind is None:
        raise DataError([problem(("kind",), f"unknown letter kind '{case.kind}'{suggest(case.kind, list(kinds))}; known: {', '.join(sorted(kinds))}")])
    problems = _against_manifest(case, kind, known_jurisdictions, problem)
    if case.works_csv:
        works, csv_problems = read_works_csv(path.parent / case.works_csv)
        problems.extend(csv_problems)
        case = case.model_copy(update={"works": [*case.works, *works]})
    if problems:
        raise DataError(problems)
    return case, kind


def _against_manifest(case: CaseFile, kind: LetterKind, known: set[str], problem: Any) -> list[Problem]:
    problems = []
    for spec in kind.fields:
        value = getattr(case, spec.name, None)
        if spec.required and (value is None or value == []):
            problems.append(problem((), f"`{spec.name}` is required for a {kind.kind} letter: {spec.description}"))
    declared = {f.name for f in kind.fields} | {"kind", "languages", "formats", "reference", "date", "works_csv"}
    for name in case.model_fields_set - declared:
        problems.append(problem((name,), f"`{name}` is not used by a {kind.kind} letter; it takes: {', '.join(sorted(declared))}"))
    for index, language in enumerate(case.languages):
        if language not in kind.languages:
            problems.append(problem(("languages", index), f"a {kind.kind} letter is available in: {', '.join(kind.languages)}"))
    demand_ids = [d.id for d in kind.demands]
    for index, demand in enumerate(case.demands):
        if demand not in demand_ids:
            problems.append(problem(("demands", index), f"unknown demand '{demand}'{suggest(demand, demand_ids)}; one of: {', '.join(demand_ids)}"))
    for index, code in enumerate(case.jurisdictions):
        if code not in known:
            problems.append(problem(("jurisdictions", index), f"no jurisdiction '{code}' in the atlas{suggest(code, list(known))}"))
        elif kind.jurisdictions != "any" and code not in kind.jurisdictions:
            problems.append(problem(("jurisdictions", index), f"a {kind.kind} letter can invoke: {', '.join(kind.jurisdictions)}"))
    return problems


def read_works_csv(path: Path) -> tuple[list[Work], list[Problem]]:
    """Works from a CSV with a header row (`title` required; `rights_holder`, `identifier`, `url`, and
    `infringing`, URLs separated by `;`)."""
    shown = display_path(path)
    if not path.exists():
        return [], [Problem(shown, 0, 0, "", "works CSV not found")]
    works: list[Work] = []
    problems: list[Problem] = []
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        allowed = set(Work.model_fields)
        unknown = set(reader.fieldnames or []) - allowed
        if "title" not in (reader.fieldnames or []) or unknown:
            expected = ", ".join(sorted(allowed - {"title"}))
            found = ", ".join(reader.fieldnames or [])
            return [], [Problem(shown, 1, 1, "", f"the header must name `title` and may name {expected}; found {found}")]
        for row in reader:
            values: dict[str, Any] = {k: v for k, v in row.items() if v not in (None, "")}
            if "infringing" in values:
                values["infringing"] = [url.strip() for url in values["infringing"].split(";") if url.strip()]
            bad: list[tuple[tuple[Key, ...], str]] = []
            _control_characters(values, (), bad)
            if bad:
                problems.extend(Problem(shown, reader.line_num, 1, str(where[0]), message) for where, message in bad)
                continue
            try:
                works.append(Work.model_validate(values))
            except ValidationError as error:
                for item in error.errors():
                    problems.append(Problem(shown, reader.line_num, 1, ".".join(str(p) for p in item["loc"]), item["msg"].lower()))
    return works, problems
