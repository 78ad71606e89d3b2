"""The `rightsatlas` command: the only place that prints or exits.

Exit codes: 0 success, 1 invalid data (or a check that found problems), 2 usage error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

from rich import box
from rich.console import Console
from rich.table import Table

from generator import __version__
from generator.data import Atlas, Jurisdiction, Question, load_atlas, yamlfile
from generator.data.coverage import coverage, weak_entries
from generator.data.export import to_csv, to_json
from generator.data.fmt import format_file
from generator.data.load import discover, load_questions
from generator.data.models import JURISDICTION_CODE
from generator.data.query import in_force
from generator.data.scaffold import new_jurisdiction
from generator.errors import DataError, Problem
from generator.letters import batch
from generator.letters.casefile import load_case_file, read_works_csv
from generator.letters.docx import DocxWriter
from generator.letters.kinds import LetterKind, load_kinds
from generator.letters.output import plan, produce
from generator.letters.render import LetterRenderer
from generator.notices.check import DefectiveNotice, NoticeReadError, check_notice, notice_text
from generator.notices.check import as_json as notice_json
from generator.optout.artefacts import artefacts
from generator.optout.check import Report, check_robots, check_site
from generator.optout.policy import chosen_crawlers, load_policy
from generator.optout.robots import merge, named_elsewhere, syntax_errors
from generator.schemas import render_all, stale_schemas

OK, INVALID, USAGE = 0, 1, 2

out = Console(highlight=False)
err = Console(stderr=True, highlight=False)


class UsageError(Exception):
    """A mistake in how the command was called."""


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date; write YYYY-MM-DD") from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rightsatlas",
        description="Rights Atlas: how copyright treats AI training, jurisdiction by jurisdiction.",
        epilog="Exit codes: 0 success, 1 invalid data or problems found, 2 usage error.",
    )
    parser.add_argument("--version", action="version", version=f"rightsatlas {__version__}")
    parser.add_argument("--data", type=Path, default=Path("data"), help="the data folder (default: ./data)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    validate = commands.add_parser("validate", help="check every data file; list all errors with file:line:column")
    validate.add_argument("--workers", type=int, default=None, help="processes to use (default: one per core)")
    validate.add_argument("--quiet", action="store_true", help="print only errors")

    show = commands.add_parser("show", help="one jurisdiction's answers with their sources")
    show.add_argument("code", help="jurisdiction code, e.g. JP, EU, US")
    show.add_argument("--as-of", type=_date, metavar="DATE", help="the answers in force on DATE (YYYY-MM-DD)")
    show.add_argument("--question", metavar="ID", help="only this question")

    compare = commands.add_parser("compare", help="jurisdictions side by side, question by question")
    compare.add_argument("codes", nargs="+", metavar="CODE", help="two or more jurisdiction codes")
    compare.add_argument("--question", metavar="ID", help="only this question")
    compare.add_argument("--as-of", type=_date, metavar="DATE", help="the answers in force on DATE (YYYY-MM-DD)")

    report = commands.add_parser("coverage", help="jurisdictions x questions: sources and confidence per answer; --weak lists what we are least sure of")
    report.add_argument("--weak", action="store_true", help="list the low-confidence, unverified and secondary-only entries instead")
    report.add_argument("--json", action="store_true", help="print as JSON")

    export = commands.add_parser("export", help="the whole atlas as JSON or CSV (shape documented in docs/data.md)")
    export.add_argument("--format", choices=["json", "csv"], default="json")
    export.add_argument("--out", type=Path, help="write to this file instead of standard output")

    new = commands.add_parser("new", help="scaffold a new data file")
    new_kinds = new.add_subparsers(dest="kind", metavar="KIND", required=True)
    new_j = new_kinds.add_parser("jurisdiction", help="a jurisdiction file with every question as a to-do")
    new_j.add_argument("code", help="ISO 3166-1 alpha-2 code, e.g. KR")
    new_j.add_argument("--name", help="English name, e.g. 'South Korea'")
    new_j.add_argument("--region", choices=["asia_pacific", "americas", "europe", "middle_east_africa"])

    fmt = commands.add_parser("fmt", help="rewrite data files in canonical order and style, keeping comments")
    fmt.add_argument("--check", action="store_true", help="only report files that would change (exit 1 if any)")

    schema = commands.add_parser("schema", help="regenerate the JSON Schemas in schema/ from the models")
    schema.add_argument("--check", action="store_true", help="only report stale schema files (exit 1 if any)")
    schema.add_argument("--out", type=Path, default=Path("schema"), help="schema folder (default: ./schema)")

    letters = commands.add_parser("letters", help="the kinds of letters and forms")
    letters_commands = letters.add_subparsers(dest="action", metavar="ACTION", required=True)
    letters_commands.add_parser("list", help="every kind with its purpose and languages")
    letters_show = letters_commands.add_parser("show", help="one kind: purpose, fields, demands, legal basis")
    letters_show.add_argument("kind")

    letter = commands.add_parser("letter", help="write the letters of a case file (or a starting case file with --example)")
    letter.add_argument("case", nargs="?", type=Path, help="the case file (YAML)")
    letter.add_argument("--example", metavar="KIND", help="write a commented starting case file for KIND instead")
    letter.add_argument("--format", help="comma-separated: docx,pdf,html,md (default: the case file's `formats`)")
    letter.add_argument("--lang", help="comma-separated: en,ja (default: the case file's `languages`)")
    letter.add_argument("--out", type=Path, help="output folder (default: ./letters); with --example, the file to write")
    letter.add_argument("--letterhead", type=Path, help="a .docx whose styles, header and footer the DOCX letters use")
    letter.add_argument("--force", action="store_true", help="replace files that already exist")

    batch = commands.add_parser("batch", help="many letters: a base case file and a CSV or YAML of rows, on every core")
    batch.add_argument("base", type=Path, help="the base case file (YAML)")
    batch.add_argument("rows", type=Path, help="rows: CSV with a header, or a YAML list; columns override base fields")
    batch.add_argument("--out", type=Path, default=Path("letters"), help="output folder (default: ./letters)")
    batch.add_argument("--format", help="comma-separated: docx,pdf,html,md (default: the base file's `formats`)")
    batch.add_argument("--lang", help="comma-separated: en,ja (default: the base file's `languages`)")
    batch.add_argument("--group-by", metavar="COLUMN", help="one letter per run of rows with the same value (e.g. member)")
    batch.add_argument("--shard", default="1/1", metavar="I/N", help="make only the I-th of N shares of the letters (default 1/1)")
    batch.add_argument("--workers", type=int, default=None, help="processes (default: one per core)")

    check = commands.add_parser("check", help="check a notice (DOCX, PDF, Markdown or text) against a notice regime")
    check.add_argument("notice", type=Path, help="the notice file")
    check.add_argument("--regime", required=True, help="regime id, e.g. dmca-takedown, dmca-counter-notice, dsa-notice")
    check.add_argument("--json", action="store_true", help="print the findings as JSON")

    optout = commands.add_parser(
        "optout", help="write robots.txt, TDMRep and header artefacts from a policy; `optout check` checks a site's",
        description="rightsatlas optout POLICY.yaml --out DIR [--robots EXISTING] [--force]\n"
        "rightsatlas optout check PATH [--path /x ...] [--json]", formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    optout.add_argument("rest", nargs=argparse.REMAINDER, help="POLICY.yaml and options, or `check PATH` and options")

    site = commands.add_parser("site", help="build or serve the website")
    site_commands = site.add_subparsers(dest="action", metavar="ACTION", required=True)
    site_commands.add_parser("build", help="generate the pages and run mkdocs build --strict into site/")
    serve = site_commands.add_parser("serve", help="build, serve on http://127.0.0.1:8000 and rebuild on changes")
    serve.add_argument("--addr", default="127.0.0.1:8000", help="address to serve on (default: 127.0.0.1:8000)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        if not args.data.is_dir():
            raise UsageError(f"no data folder at {args.data}; run from the project folder or pass --data")
        return int(_COMMANDS[args.command](args))
    except DataError as error:
        for problem in error.problems:
            err.print(str(problem), markup=False, soft_wrap=True)
        files = len({p.file for p in error.problems})
        err.print(f"[red]{len(error.problems)} error(s) in {files} file(s)[/]")
        return INVALID
    except DefectiveNotice as error:
        err.print(f"{getattr(args, 'case', None) or 'letter'}: {error.explain()}", markup=False, soft_wrap=True)
        return INVALID
    except UsageError as error:
        err.print(f"rightsatlas: error: {error}")
        return USAGE
    except KeyboardInterrupt:
        err.print("interrupted")
        return 130


def _load(args: argparse.Namespace, workers: int | None = None) -> tuple[Atlas, list[Problem]]:
    return load_atlas(args.data, workers=workers)


def _validate(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    atlas, warnings = _load(args, args.workers)
    for warning in warnings:
        err.print(f"{warning} (warning)", markup=False, soft_wrap=True)
    if not args.quiet:
        out.print(
            f"[green]valid[/]: {len(atlas.jurisdictions)} jurisdictions, {len(atlas.questions)} questions, "
            f"{len(atlas.cases)} cases, {len(atlas.events)} events"
            f"{f', {len(warnings)} warning(s)' if warnings else ''} ({time.perf_counter() - started:.2f} s)"
        )
    return OK


def _jurisdiction(atlas: Atlas, code: str) -> Jurisdiction:
    found = atlas.jurisdiction(code)
    if found is None:
        known = ", ".join(sorted(atlas.jurisdictions))
        raise UsageError(f"unknown jurisdiction '{code}'; known: {known}")
    return found


def _questions(atlas: Atlas, question_id: str | None) -> list[Question]:
    if question_id is None:
        return atlas.questions
    question = atlas.question(question_id)
    if question is None:
        raise UsageError(f"unknown question '{question_id}'; known: {', '.join(q.id for q in atlas.questions)}")
    return [question]


def _show(args: argparse.Namespace) -> int:
    atlas, _ = _load(args)
    jurisdiction = _jurisdiction(atlas, args.code)
    when = f" as of {args.as_of}" if args.as_of else ""
    out.print(f"[bold]{jurisdiction.name}[/] ({jurisdiction.code}){when} · reviewed {jurisdiction.reviewed}")
    out.print(jurisdiction.summary.strip(), soft_wrap=True)
    for question in _questions(atlas, args.question):
        answer = jurisdiction.answers[question.id]
        view = in_force(answer, args.as_of)
        out.print()
        out.print(f"[bold]{question.short}[/] [dim]({question.id})[/]")
        if view is None:
            out.print(f"  nothing recorded for {args.as_of}")
            continue
        option = question.option(view.value)
        period = _period(view.since, view.until)
        out.print(f"  [cyan]{option.label if option else view.value}[/]{period} · {answer.basis.value} · confidence {answer.confidence.value}")
        out.print(f"  {' '.join(view.summary.split())}", soft_wrap=True)
        for citation in view.citations:
            source = citation.instrument or citation.title
            out.print(f"  [dim]- {source}, {citation.pinpoint}: {citation.url}[/]", soft_wrap=True)
    return OK


def _period(since: dt.date | None, until: dt.date | None) -> str:
    if since and until:
        return f" ({since} to {until})"
    if since:
        return f" (since {since})"
    return f" (until {until})" if until else ""


def _compare(args: argparse.Namespace) -> int:
    if len(args.codes) < 2:
        raise UsageError("compare needs at least two jurisdiction codes")
    atlas, _ = _load(args)
    chosen = [_jurisdiction(atlas, code) for code in args.codes]
    title = "Comparison" + (f" as of {args.as_of}" if args.as_of else "")
    table = Table(title=title, show_lines=True, expand=False)
    table.add_column("Question", style="bold", max_width=28)
    for jurisdiction in chosen:
        table.add_column(f"{jurisdiction.name} ({jurisdiction.code})", max_width=36)
    for question in _questions(atlas, args.question):
        cells = []
        for jurisdiction in chosen:
            view = in_force(jurisdiction.answers[question.id], args.as_of)
            if view is None:
                cells.append("not recorded")
                continue
            option = question.option(view.value)
            since = f"\n[dim]since {view.since}[/]" if view.since else ""
            cells.append(f"[cyan]{option.label if option else view.value}[/]{since}")
        table.add_row(question.short, *cells)
    out.print(table)
    return OK


def _coverage(args: argparse.Namespace) -> int:
    atlas, problems = _load(args)
    if problems:
        raise DataError(problems)
    if args.weak:
        weak = weak_entries(atlas)
        if args.json:
            sys.stdout.write(json.dumps([asdict(w) for w in weak], indent=2, ensure_ascii=False) + "\n")
            return OK
        table = Table(title=f"Entries to treat with care ({len(weak)})", show_lines=False)
        for column in ("entry", "confidence", "why"):
            table.add_column(column, overflow="fold")
        for w in weak:
            table.add_row(w.where, w.confidence, w.why)
        out.print(table)
        return OK
    rows = coverage(atlas)
    if args.json:
        data = [{"code": r.code, "name": r.name, "reviewed": r.reviewed,
                 "answers": {q.id: asdict(c) for q, c in zip(atlas.questions, r.cells, strict=True)}} for r in rows]
        sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        return OK
    caption = "cell: sources/primary sources, confidence H M L; ? low, unverified or secondary only"
    table = Table(title="Coverage", caption=caption, box=box.SIMPLE, padding=(0, 0, 0, 1), pad_edge=False)
    table.add_column("code", no_wrap=True)
    for number, _ in enumerate(atlas.questions, 1):
        table.add_column(f"Q{number}", justify="right", no_wrap=True)
    colour = {"high": "green", "medium": "yellow", "low": "red"}
    for row in rows:
        cells = [f"[{colour[c.confidence]}]{c.sources}/{c.primary}{c.confidence[0].upper()}{'?' if c.weak else ''}[/]" for c in row.cells]
        table.add_row(row.code, *cells)
    out.print(table)
    out.print("  ".join(f"Q{n} {q.short}" for n, q in enumerate(atlas.questions, 1)), soft_wrap=True)
    counts = {level: sum(1 for r in rows for c in r.cells if c.confidence == level) for level in ("high", "medium", "low")}
    careful = sum(1 for r in rows for c in r.cells if c.weak)
    out.print(f"{len(rows)} jurisdictions, {sum(counts.values())} answers: {counts['high']} high, {counts['medium']} medium, "
              f"{counts['low']} low confidence; {careful} to treat with care (`rightsatlas coverage --weak`)")
    return OK


def _export(args: argparse.Namespace) -> int:
    atlas, _ = _load(args)
    text = to_json(atlas) if args.format == "json" else to_csv(atlas)
    if args.out is None:
        sys.stdout.write(text)
    else:
        _write_atomic(args.out, text)
        err.print(f"wrote {args.out}")
    return OK


def _write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.tmp")
    temp.write_text(text, "utf-8")
    temp.replace(path)


def _new(args: argparse.Namespace) -> int:
    code = args.code.upper()
    if not re.fullmatch(JURISDICTION_CODE, code):
        raise UsageError(f"'{args.code}' is not a jurisdiction code (ISO 3166-1 alpha-2 such as KR, or EU, or a subdivision such as US-CA)")
    target = args.data / "jurisdictions" / f"{code.lower()}.yaml"
    if target.exists():
        raise UsageError(f"{target} already exists")
    atlas_questions = load_questions(args.data)
    _write_atomic(target, new_jurisdiction(code, args.name, args.region, atlas_questions))
    out.print(f"created {target} with {len(atlas_questions)} questions to research; `rightsatlas validate` lists what is left")
    return OK


def _fmt(args: argparse.Namespace) -> int:
    load_atlas(args.data)  # never rewrite data that does not validate
    changed = [f for f in discover(args.data) if format_file(f.path, f.kind, write=not args.check)]
    for file in changed:
        out.print(f"{'would reformat' if args.check else 'reformatted'} {file.shown}")
    if not changed:
        out.print("all data files are already formatted")
    return INVALID if args.check and changed else OK


def _schema(args: argparse.Namespace) -> int:
    questions = load_questions(args.data)
    if args.check:
        stale = stale_schemas(args.out, questions)
        for name in stale:
            err.print(f"{args.out / name} is stale; run `rightsatlas schema`")
        return INVALID if stale else OK
    for name, text in render_all(questions).items():
        _write_atomic(args.out / name, text)
    out.print(f"wrote {len(render_all(questions))} schemas to {args.out}/")
    return OK


def _site(args: argparse.Namespace) -> int:
    from generator.site.build import build_site, serve_site

    if args.action == "build":
        started = time.perf_counter()
        build_site(args.data, Path.cwd())
        out.print(f"built site/ ({time.perf_counter() - started:.1f} s)")
        return OK
    return serve_site(args.data, Path.cwd(), args.addr)


def _kinds(args: argparse.Namespace) -> dict[str, LetterKind]:
    return load_kinds(args.data.resolve().parent / "templates" / "letters")


def _letters(args: argparse.Namespace) -> int:
    kinds = _kinds(args)
    if args.action == "list":
        table = Table(show_lines=False)
        for column in ("kind", "title", "languages", "invokes"):
            table.add_column(column)
        for kind in kinds.values():
            invokes = "any jurisdiction" if kind.jurisdictions == "any" else ", ".join(kind.jurisdictions[:6]) + ("…" if len(kind.jurisdictions) > 6 else "")
            table.add_row(kind.kind, kind.title["en"], ", ".join(kind.languages), invokes)
        out.print(table)
        return OK
    if args.kind not in kinds:
        raise UsageError(f"unknown letter kind '{args.kind}'; known: {', '.join(kinds)}")
    kind = kinds[args.kind]
    out.print(f"[bold]{kind.kind}[/]: {kind.title['en']}")
    out.print(" ".join(kind.purpose.split()), soft_wrap=True)
    out.print(f"languages: {', '.join(kind.languages)}; legal basis from: {', '.join(kind.legal_basis) or 'none'}")
    if kind.regime:
        out.print(f"checked against notice regime: {kind.regime} (a letter missing a required element is refused)")
    out.print("\n[bold]fields[/]")
    for spec in kind.fields:
        out.print(f"  {spec.name} ({spec.type}{', required' if spec.required else ''}): {spec.description}", soft_wrap=True)
    if kind.demands:
        out.print("\n[bold]demands[/] (ids for `demands:`)")
        for demand in kind.demands:
            out.print(f"  {demand.id}: {demand.en}", soft_wrap=True)
    return OK


def _letter(args: argparse.Namespace) -> int:
    kinds = _kinds(args)
    if args.example:
        return _letter_example(args, kinds)
    if args.case is None:
        raise UsageError("give a case file, or --example KIND for a starting one")
    atlas, _ = load_atlas(args.data)
    case, kind = load_case_file(args.case, kinds, set(atlas.jurisdictions))
    formats = _choice(args.format, list(case.formats), {"docx", "pdf", "html", "md"}, "format")
    languages = _choice(args.lang, list(case.languages), set(kind.languages), "language")
    outputs = plan(case, args.case.stem, args.out or Path("letters"), languages, formats)
    if args.letterhead and not args.letterhead.is_file():
        raise UsageError(f"no letterhead at {args.letterhead}")
    writer = DocxWriter(args.letterhead) if "docx" in formats else None
    templates = args.data.resolve().parent / "templates" / "letters"
    warnings = produce(case, kind, LetterRenderer(atlas, templates), outputs, writer, force=args.force, progress=lambda o: out.print(f"wrote {o.path}"))
    for warning in warnings:
        err.print(f"[yellow]warning[/]: {warning}", soft_wrap=True)
    return OK


def _choice(given: str | None, default: list[str], allowed: set[str], what: str) -> list[str]:
    chosen = [v.strip() for v in given.split(",") if v.strip()] if given else default
    unknown = [v for v in chosen if v not in allowed]
    if unknown:
        raise UsageError(f"unknown {what} {', '.join(unknown)}; choose from {', '.join(sorted(allowed))}")
    return chosen


def _letter_example(args: argparse.Namespace, kinds: dict[str, LetterKind]) -> int:
    if args.example not in kinds:
        raise UsageError(f"unknown letter kind '{args.example}'; known: {', '.join(kinds)}")
    source = args.data.resolve().parent / "examples" / f"{args.example}.yaml"
    target = args.out or Path(f"{args.example}.yaml")
    if target.exists() and not args.force:
        raise UsageError(f"{target} already exists; pass --force to replace it")
    kind = kinds[args.example]
    header = [f"# A starting case file for the {kind.kind} letter: {kind.title['en']}.", "# Fields (`rightsatlas letters show " + kind.kind + "`):"]
    header += [f"#   {f.name}{' (required)' if f.required else ''}: {f.description}" for f in kind.fields]
    header += ["# Replace every value below with your own; run `rightsatlas letter THIS_FILE` to write the letters.", ""]
    _write_atomic(target, "\n".join(header) + source.read_text("utf-8"))
    out.print(f"wrote {target}")
    return OK


def _batch(args: argparse.Namespace) -> int:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    match = re.fullmatch(r"(\d+)/(\d+)", args.shard)
    if not match or not 1 <= int(match.group(1)) <= int(match.group(2)):
        raise UsageError(f"--shard must look like 2/8 (share 2 of 8), not {args.shard!r}")
    shard = (int(match.group(1)), int(match.group(2)))
    if not args.rows.is_file():
        raise UsageError(f"no rows file at {args.rows}")
    kinds = _kinds(args)
    atlas, _ = load_atlas(args.data)
    base_text = args.base.read_text("utf-8") if args.base.is_file() else ""
    base = yamlfile.load(args.base, str(args.base)).data if base_text else None
    if not isinstance(base, dict) or base.get("kind") not in kinds:
        raise UsageError(f"{args.base} must be a case file whose `kind` is one of: {', '.join(kinds)}")
    kind = kinds[base["kind"]]
    if base.get("works_csv"):  # the base's own annex, read once for every letter
        works, problems = read_works_csv(args.base.parent / str(base.pop("works_csv")))
        if problems:
            raise DataError(problems)
        base["works"] = [*base.get("works", []), *(w.model_dump(exclude_none=True) for w in works)]
    formats = _choice(args.format, list(base.get("formats", ["docx"])), {"docx", "pdf", "html", "md"}, "format")
    languages = _choice(args.lang, list(base.get("languages", ["en"])), set(kind.languages), "language")
    templates = args.data.resolve().parent / "templates" / "letters"
    manifest_path = args.out / "manifest.json"
    previous = batch.read_manifest(manifest_path)
    total = sum(1 for _ in batch.jobs(base, batch.read_rows(args.rows), args.group_by, shard, ""))
    todo = batch.jobs(base, batch.read_rows(args.rows), args.group_by, shard, batch.fingerprint(templates, base_text))
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]}"), TimeRemainingColumn())
    started = time.perf_counter()
    with Progress(*columns, console=err, transient=False) as progress:
        task = progress.add_task("letters", total=total, rate="")

        def advance(_: object) -> None:
            done = progress.tasks[0].completed + 1
            progress.update(task, advance=1, rate=f"{done / max(time.perf_counter() - started, 1e-6):.0f} letters/s")

        outcomes = batch.run(todo, atlas, templates, kind, args.out, languages, formats, args.workers or os.cpu_count() or 1, previous, advance)
    batch.write_manifest(manifest_path, outcomes, previous)
    errors = [o for o in outcomes if o.status == "error"]
    if errors:
        lines = [f"{args.rows}:{','.join(map(str, o.rows))}: {o.error}" for o in errors]
        _write_atomic(args.out / "errors.txt", "\n".join(lines) + "\n")
        for line in lines[:20]:
            err.print(line, markup=False, soft_wrap=True)
    counts = {status: sum(1 for o in outcomes if o.status == status) for status in ("written", "skipped", "error")}
    summary = f"{counts['written']} written, {counts['skipped']} unchanged"
    if errors:
        summary += f", {counts['error']} with errors (see {args.out / 'errors.txt'})"
    out.print(f"{summary}; manifest: {manifest_path}", soft_wrap=True)
    return INVALID if errors else OK


def _check(args: argparse.Namespace) -> int:
    atlas, _ = load_atlas(args.data)
    regime = atlas.regimes.get(args.regime)
    if regime is None:
        raise UsageError(f"unknown regime '{args.regime}'; known: {', '.join(sorted(atlas.regimes))}")
    if not args.notice.is_file():
        raise UsageError(f"no notice at {args.notice}")
    try:
        findings = check_notice(notice_text(args.notice), regime)
    except NoticeReadError as error:
        raise UsageError(str(error)) from None
    if args.json:
        sys.stdout.write(notice_json(findings))
    else:
        table = Table(title=f"{regime.name}: {args.notice}")
        for column in ("element", "required", "verdict", "where"):
            table.add_column(column)
        for f in findings:
            colour = "green" if f.verdict == "present" else ("red" if f.required else "yellow")
            table.add_row(f"{f.element}\n{f.name}", "yes" if f.required else "customary", f"[{colour}]{f.verdict}[/]", (f.sentence or "")[:160])
        out.print(table)
        for f in findings:
            if f.defect:
                element = next(e for e in regime.elements if e.id == f.element)
                state = "missing" if f.verdict == "missing" else "unclear"
                advice = f"{state} {f.element} ({element.pinpoint}): {element.description} It is satisfied by: {element.satisfied_by}"
                err.print(advice, markup=False, soft_wrap=True)
        if regime.status.value == "unverified" and regime.status_note:
            err.print(f"note: this regime's elements are not yet verified against the primary text: {regime.status_note}", markup=False, soft_wrap=True)
    return INVALID if any(f.defect for f in findings) else OK


def _optout_parsers() -> tuple[argparse.ArgumentParser, argparse.ArgumentParser]:
    make = argparse.ArgumentParser(prog="rightsatlas optout", description="Write the opt-out artefacts for a policy.")
    make.add_argument("policy", type=Path, help="the policy file (YAML)")
    make.add_argument("--out", type=Path, default=Path("optout"), help="output folder (default: ./optout)")
    make.add_argument("--robots", type=Path, help="an existing robots.txt to merge the block into (kept as .bak)")
    make.add_argument("--force", action="store_true", help="replace files that already exist in the output folder")
    check = argparse.ArgumentParser(prog="rightsatlas optout check", description="Check a robots.txt or a folder of artefacts.")
    check.add_argument("path", type=Path, help="a robots.txt, or a folder with robots.txt and .well-known/tdmrep.json")
    check.add_argument("--path", dest="paths", action="append", metavar="URLPATH", help="URL path to test (repeatable; default /)")
    check.add_argument("--json", action="store_true", help="print the report as JSON")
    return make, check


def _optout(args: argparse.Namespace) -> int:
    make, check = _optout_parsers()
    atlas, _ = load_atlas(args.data)
    if args.rest[:1] == ["check"]:
        options = check.parse_args(args.rest[1:])
        paths = options.paths or ["/"]
        if options.path.is_dir():
            report = check_site(options.path, atlas.crawlers, paths)
        elif options.path.is_file():
            report = check_robots(options.path.read_text("utf-8", errors="replace"), atlas.crawlers, paths, str(options.path))
        else:
            raise UsageError(f"no file or folder at {options.path}")
        if options.json:
            sys.stdout.write(report.as_json())
        else:
            _print_check(report)
        return INVALID if report.findings or any(v.conflict for v in report.verdicts) else OK
    options = make.parse_args(args.rest)
    policy = load_policy(options.policy, atlas.crawlers, set(atlas.jurisdictions))
    tokens = chosen_crawlers(policy, atlas.crawlers)
    files = artefacts(policy, tokens, atlas, dt.date.today())
    if options.robots:
        existing = options.robots.read_text("utf-8")
        errors = syntax_errors(existing)
        if errors:
            shown = str(options.robots)
            raise DataError([Problem(shown, line, 1, "", f"not a robots.txt rule: {text.strip()!r}; fix it before merging") for line, text in errors])
        for token, line in named_elsewhere(existing, tokens):
            warning = f"a group there also names {token}; its rules combine with the opt-out block, and an Allow there can override it"
            err.print(f"warning: {options.robots}:{line}: {warning}", markup=False, soft_wrap=True)
        files["robots.txt"] = merge(existing, files["robots.txt"])
    targets = {options.out / name: text for name, text in files.items()}
    clashes = [p for p in targets if p.exists()] if not options.force else []
    if clashes:
        raise UsageError("already exists (pass --force to replace): " + ", ".join(str(p) for p in clashes))
    for path, text in targets.items():
        _write_atomic(path, text)
    if options.robots:
        backup = options.robots.with_name(options.robots.name + ".bak")
        backup.write_bytes(options.robots.read_bytes())
        _write_atomic(options.robots, files["robots.txt"])
        out.print(f"merged the opt-out block into {options.robots} (previous version: {backup})", soft_wrap=True)
    out.print(f"wrote {len(targets)} files to {options.out}/ blocking {len(tokens)} crawlers")
    return OK


def _print_check(report: Report) -> None:
    table = Table(title="AI crawlers: may they fetch?")
    for column in ("crawler", "path", "urllib.robotparser", "protego", "note"):
        table.add_column(column)
    for verdict in report.verdicts:
        note = verdict.conflict or verdict.note or ""
        table.add_row(verdict.token, verdict.path, "allowed" if verdict.stdlib else "blocked", "allowed" if verdict.protego else "blocked", note)
    out.print(table)
    for finding in report.findings:
        err.print(finding, markup=False, soft_wrap=True)
    blocked = sum(1 for v in report.verdicts if not v.protego)
    out.print(f"{blocked} of {len(report.verdicts)} crawler/path pairs blocked; {len(report.findings)} finding(s)")


_COMMANDS = {
    "validate": _validate,
    "show": _show,
    "compare": _compare,
    "export": _export,
    "coverage": _coverage,
    "new": _new,
    "fmt": _fmt,
    "schema": _schema,
    "site": _site,
    "letters": _letters,
    "letter": _letter,
    "optout": _optout,
    "batch": _batch,
    "check": _check,
}


if __name__ == "__main__":
    raise SystemExit(main())
