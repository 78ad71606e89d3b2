"""Load the knowledge base from `data/` into a typed `Atlas`, reporting every problem in one run."""

from __future__ import annotations

import datetime as dt
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from generator.data.checks import check
from generator.data.models import (
    MODEL_OF,
    Case,
    Crawler,
    CrawlersFile,
    CrawlerSource,
    Event,
    EventsFile,
    Jurisdiction,
    NoticeRegime,
    OptoutStandard,
    OptoutStandardsFile,
    Question,
    QuestionsFile,
)
from generator.data.problems import from_validation_error
from generator.data.yamlfile import YamlDocument, YamlError, dotted, load
from generator.errors import DataError, Problem, display_path

PARALLEL_FROM = 200
"""Below this many files, starting worker processes costs more than it saves."""


@dataclass(frozen=True)
class DataFile:
    """One data file: where it is, how it is shown in messages, and what it holds."""

    path: Path
    shown: str
    kind: str


@dataclass
class Atlas:
    """The whole knowledge base in memory, with the file each record came from."""

    root: Path
    questions: list[Question]
    jurisdictions: dict[str, Jurisdiction]
    cases: dict[str, Case]
    events: list[Event]
    crawlers: list[Crawler] = field(default_factory=list)
    crawler_source: CrawlerSource | None = None
    regimes: dict[str, NoticeRegime] = field(default_factory=dict)
    standards: list[OptoutStandard] = field(default_factory=list)
    files: dict[str, DataFile] = field(default_factory=dict)
    """Record key ("jurisdiction:JP", "case:<id>", "events", "questions") to its file."""

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    def jurisdiction(self, code: str) -> Jurisdiction | None:
        return self.jurisdictions.get(code.upper())


def discover(root: Path) -> list[DataFile]:
    """Every data file under `root` (the `data/` folder), questions first."""
    files: list[DataFile] = []

    def add(path: Path, kind: str) -> None:
        files.append(DataFile(path, display_path(path), kind))

    singles = (("questions.yaml", "questions"), ("events.yaml", "events"), ("crawlers.yaml", "crawlers"), ("optout_standards.yaml", "optout_standards"))
    for name, kind in singles:
        if (root / name).exists():
            add(root / name, kind)
    for folder, kind in (("jurisdictions", "jurisdiction"), ("cases", "case"), ("notice_regimes", "notice_regime")):
        for path in sorted((root / folder).glob("*")):
            if path.is_file() and not path.name.startswith("."):
                add(path, kind)
    return files


def _read(file: DataFile) -> tuple[BaseModel | None, list[Problem]]:
    """Parse and type-check one file; never raises for bad data."""
    if file.path.suffix != ".yaml":
        return None, [Problem(file.shown, 0, 0, "", "not a .yaml file; data files end in .yaml")]
    try:
        doc = load(file.path, file.shown)
    except YamlError as err:
        return None, [err.problem]
    if not isinstance(doc.data, dict):
        return None, [Problem(file.shown, 1, 1, "", f"expected a mapping of fields, found {type(doc.data).__name__}")]
    try:
        return MODEL_OF[file.kind].model_validate(doc.data), []
    except ValidationError as err:
        located = load(file.path, file.shown, with_locations=True)
        return None, from_validation_error(err, located)


def _read_all(files: list[DataFile], workers: int | None) -> list[tuple[BaseModel | None, list[Problem]]]:
    workers = workers if workers is not None else (os.cpu_count() or 1)
    if workers <= 1 or len(files) < PARALLEL_FROM:
        return [_read(f) for f in files]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(_read, files, chunksize=max(1, len(files) // (workers * 4))))


class Locator:
    """Finds the line of a value in a file, re-reading the file with marks only when asked."""

    def __init__(self) -> None:
        self._docs: dict[Path, YamlDocument] = {}

    def problem(self, file: DataFile, path: tuple[Any, ...], message: str) -> Problem:
        if file.path not in self._docs:
            self._docs[file.path] = load(file.path, file.shown, with_locations=True)
        line, column = self._docs[file.path].locate(path)
        return Problem(file.shown, line, column, dotted(path), message)


def load_questions(root: Path) -> list[Question]:
    """Only the question catalogue, for commands that need nothing else (raises `DataError`)."""
    file = DataFile(root / "questions.yaml", display_path(root / "questions.yaml"), "questions")
    if not file.path.exists():
        raise DataError([Problem(file.shown, 0, 0, "", "missing: the question catalogue is required")])
    model, problems = _read(file)
    if problems or not isinstance(model, QuestionsFile):
        raise DataError(problems)
    return list(model.questions)


def load_atlas(root: Path, *, workers: int | None = None, today: dt.date | None = None) -> tuple[Atlas, list[Problem]]:
    """Load and validate everything under `root`.

    Returns the atlas and the warnings (stale entries); raises `DataError` with every error found.
    """
    files = discover(root)
    problems: list[Problem] = []
    if not any(f.kind == "questions" for f in files):
        problems.append(Problem(display_path(root / "questions.yaml"), 0, 0, "", "missing: the question catalogue is required"))
    results = _read_all(files, workers)
    atlas = Atlas(root, [], {}, {}, [])
    for file, (model, found) in zip(files, results, strict=True):
        problems.extend(found)
        if model is not None:
            _place(atlas, file, model, problems)
    if problems:
        raise DataError(problems)
    errors, warnings = check(atlas, Locator(), today or dt.date.today())
    if errors:
        raise DataError(errors)
    return atlas, warnings


def _place(atlas: Atlas, file: DataFile, model: BaseModel, problems: list[Problem]) -> None:
    """Add one validated file's records to the atlas, refusing a second record with the same key."""
    if isinstance(model, QuestionsFile):
        atlas.questions = list(model.questions)
        atlas.files["questions"] = file
    elif isinstance(model, EventsFile):
        atlas.events = list(model.events)
        atlas.files["events"] = file
    elif isinstance(model, CrawlersFile):
        atlas.crawlers = list(model.crawlers)
        atlas.crawler_source = model.source
        atlas.files["crawlers"] = file
    elif isinstance(model, OptoutStandardsFile):
        atlas.standards = list(model.standards)
        atlas.files["optout_standards"] = file
    elif isinstance(model, NoticeRegime) and _named_by_file(file, "id", model.id, model.id, problems):
        atlas.regimes[model.id] = model
        atlas.files[f"regime:{model.id}"] = file
    elif isinstance(model, Jurisdiction) and _named_by_file(file, "code", model.code, model.code.lower(), problems):
        atlas.jurisdictions[model.code] = model
        atlas.files[f"jurisdiction:{model.code}"] = file
    elif isinstance(model, Case) and _named_by_file(file, "id", model.id, model.id, problems):
        atlas.cases[model.id] = model
        atlas.files[f"case:{model.id}"] = file


def _named_by_file(file: DataFile, field: str, value: str, stem: str, problems: list[Problem]) -> bool:
    """Whether a record's key matches its file name; records a problem when it does not."""
    if file.path.stem == stem:
        return True
    problems.append(Problem(file.shown, 1, 1, field, f"'{value}' does not match the file name; name the file {stem}.yaml"))
    return False

