"""Many letters from one base case file and a table of rows, on every core.

Each row (or group of rows sharing `--group-by`) overrides fields of the base case file: a column
`recipient.name` sets the recipient's name, `sender.acts_for` takes a list separated by `;`, and
`work.title`, `work.rights_holder`, `work.identifier`, `work.url` add a work to the annex
(`work.infringing`: the URLs of infringing copies, separated by `;`, for takedown notices). Rows are
read as a stream and each worker writes its own files, so memory stays flat however many letters
there are. A manifest records every output with its row numbers and SHA-256; a re-run skips rows
whose inputs, templates and tool version are unchanged.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from generator import __version__
from generator.data.load import Atlas
from generator.letters.casefile import CaseFile
from generator.letters.document import Letter
from generator.letters.docx import DocxWriter
from generator.letters.kinds import LetterKind
from generator.letters.output import plan, safe_name, write_atomic
from generator.letters.render import LetterRenderer
from generator.notices.check import DefectiveNotice

WORK_FIELDS = ("title", "rights_holder", "identifier", "url", "infringing")


@dataclass(frozen=True)
class Job:
    """One letter to make: its name, the rows it comes from, and the case data."""

    name: str
    rows: tuple[int, ...]
    case: dict[str, Any]
    digest: str


@dataclass(frozen=True)
class Outcome:
    name: str
    rows: tuple[int, ...]
    status: str  # written | skipped | error
    files: tuple[tuple[str, str], ...] = ()  # (path, sha256)
    error: str | None = None
    digest: str = ""


def read_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) from a CSV with a header, or from a YAML list of mappings."""
    if path.suffix.lower() == ".csv":
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            for row in reader:
                yield reader.line_num, {k: v for k, v in row.items() if k and v not in (None, "")}
    else:
        from generator.data.yamlfile import load

        doc = load(path, str(path), with_locations=True)
        for index, row in enumerate(doc.data or []):
            yield doc.locate((index,))[0], {str(k): str(v) for k, v in row.items()}


def _apply(case: dict[str, Any], row: dict[str, str]) -> dict[str, Any]:
    """The base case with one row's columns set (works are collected separately)."""
    result = json.loads(json.dumps(case))
    for column, value in row.items():
        if column.startswith("work.") or column == "id":
            continue
        target = result
        *parents, last = column.split(".")
        for part in parents:
            target = target.setdefault(part, {})
        target[last] = [v.strip() for v in value.split(";") if v.strip()] if last in ("acts_for", "jurisdictions", "demands", "facts") else value
    return result


def _work_value(field: str, value: str) -> str | list[str]:
    """A work column's value; `infringing` takes several URLs separated by `;`."""
    return [v.strip() for v in value.split(";") if v.strip()] if field == "infringing" else value


def jobs(base: dict[str, Any], rows: Iterator[tuple[int, dict[str, str]]], group_by: str | None, shard: tuple[int, int], fingerprint: str) -> Iterator[Job]:
    """The letters to make, one per row or per run of rows with the same `group_by` value."""
    index, count = shard

    def finish(key: str, members: list[tuple[int, dict[str, str]]], number: int) -> Job | None:
        if number % count != index - 1:
            return None
        case = _apply(base, members[0][1])
        works = [{f: _work_value(f, row[f"work.{f}"]) for f in WORK_FIELDS if row.get(f"work.{f}")} for _, row in members if row.get("work.title")]
        if works:
            case["works"] = [*case.get("works", []), *works]
        name = safe_name(members[0][1].get("id") or key or f"row-{members[0][0]}")
        digest = hashlib.sha256((fingerprint + json.dumps(case, sort_keys=True, default=str)).encode()).hexdigest()
        return Job(name, tuple(line for line, _ in members), case, digest)

    number = 0
    current: str | None = None
    members: list[tuple[int, dict[str, str]]] = []
    for line, row in rows:
        key = row.get(group_by, "") if group_by else str(line)
        if members and key != current:
            if (job := finish(current or "", members, number)) is not None:
                yield job
            number += 1
            members = []
        current = key
        members.append((line, row))
    if members and (job := finish(current or "", members, number)) is not None:
        yield job


class _Worker:
    """Per-process state: the renderer and the DOCX writer, prepared once."""

    renderer: LetterRenderer
    writer: DocxWriter
    kind: LetterKind
    out: Path
    languages: list[str]
    formats: list[str]
    previous: dict[str, dict[str, Any]]


_STATE = _Worker()


def _start(atlas: Atlas, templates: Path, kind: LetterKind, out: Path, languages: list[str], formats: list[str], previous: dict[str, dict[str, Any]]) -> None:
    _STATE.renderer = LetterRenderer(atlas, templates)
    _STATE.writer = DocxWriter()
    _STATE.kind, _STATE.out, _STATE.languages, _STATE.formats, _STATE.previous = kind, out, languages, formats, previous


def _make(job: Job) -> Outcome:
    from generator.letters.html_pdf import to_html, to_pdf

    done = _STATE.previous.get(job.name)
    if done and done.get("digest") == job.digest and all((_STATE.out / p).exists() for p, _ in done.get("files", [])):
        kept = tuple((str(path), str(sha)) for path, sha in done["files"])
        return Outcome(job.name, job.rows, "skipped", kept, digest=job.digest)
    try:
        case = CaseFile.model_validate(job.case)
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(p) for p in first["loc"])
        return Outcome(job.name, job.rows, "error", error=f"{field}: {first['msg'].lower()}", digest=job.digest)
    missing = [f.name for f in _STATE.kind.fields if f.required and getattr(case, f.name, None) in (None, [])]
    if missing:
        return Outcome(job.name, job.rows, "error", error=f"{missing[0]}: required for a {_STATE.kind.kind} letter", digest=job.digest)
    files: list[tuple[str, str]] = []
    rendered: dict[str, tuple[str, Letter]] = {}
    try:  # render every language first: a defective notice writes nothing
        for language in _STATE.languages:
            rendered[language] = _STATE.renderer.letter(case, _STATE.kind, language)
    except DefectiveNotice as defect:
        lacking = "; ".join(f"{f.element} ({f.name}) {f.verdict}" for f in defect.findings)
        return Outcome(job.name, job.rows, "error", error=f"notice incomplete under {defect.regime.id}: {lacking}", digest=job.digest)
    for output in plan(case, job.name, _STATE.out, _STATE.languages, _STATE.formats):
        markdown, letter = rendered[output.language]
        if output.format == "md":
            data = markdown.encode("utf-8")
        elif output.format == "docx":
            data = _STATE.writer.write(letter)
        else:
            html = to_html(letter)
            data = html.encode("utf-8") if output.format == "html" else to_pdf(html)
        write_atomic(output.path, data)
        files.append((str(output.path.relative_to(_STATE.out)), hashlib.sha256(data).hexdigest()))
    return Outcome(job.name, job.rows, "written", tuple(files), digest=job.digest)


CHUNK = 32
"""Letters per task sent to a worker process."""


def _chunks(jobs_: Iterator[Job], size: int) -> Iterator[list[Job]]:
    chunk: list[Job] = []
    for job in jobs_:
        chunk.append(job)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _make_many(chunk: list[Job]) -> list[Outcome]:
    return [_make(job) for job in chunk]


def fingerprint(templates: Path, base_text: str) -> str:
    """What, besides a row, decides a letter: the base case file, the templates and the tool version."""
    digest = hashlib.sha256(f"{__version__}\n{base_text}".encode())
    for path in sorted(templates.rglob("*")):
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def run(
    jobs_: Iterator[Job], atlas: Atlas, templates: Path, kind: LetterKind, out: Path, languages: list[str], formats: list[str],
    workers: int, previous: dict[str, dict[str, Any]], on_done: Any,
) -> list[Outcome]:
    """Make every job on `workers` processes; `on_done(outcome)` is called as each finishes."""
    outcomes = []
    arguments = (atlas, templates, kind, out, languages, formats, previous)
    if workers <= 1:
        _start(*arguments)
        for job in jobs_:
            outcome = _make(job)
            outcomes.append(outcome)
            on_done(outcome)
        return outcomes
    # Submit a bounded window of chunks at a time: Executor.map would read every row up front,
    # and one job per task would spend more on messages between processes than on letters.
    window = workers * 4
    with ProcessPoolExecutor(max_workers=workers, initializer=_start, initargs=arguments) as pool:
        pending: deque[Future[list[Outcome]]] = deque()

        def collect() -> None:
            for outcome in pending.popleft().result():
                outcomes.append(outcome)
                on_done(outcome)

        for chunk in _chunks(jobs_, CHUNK):
            pending.append(pool.submit(_make_many, chunk))
            if len(pending) >= window:
                collect()
        while pending:
            collect()
    return outcomes


def write_manifest(path: Path, outcomes: list[Outcome], previous: dict[str, dict[str, Any]]) -> None:
    """The manifest: every output with its row numbers, SHA-256 and status, by letter name."""
    entries = dict(previous)
    for outcome in outcomes:
        entries[outcome.name] = {k: v for k, v in asdict(outcome).items() if k != "name"}
    write_atomic(path, (json.dumps({"tool": f"rightsatlas {__version__}", "letters": entries}, indent=1) + "\n").encode())


def read_manifest(path: Path) -> dict[str, dict[str, Any]]:
    if not path.exists():
        return {}
    return dict(json.loads(path.read_text("utf-8")).get("letters", {}))

