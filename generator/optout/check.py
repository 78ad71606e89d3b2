"""Check a site's opt-out artefacts: which AI crawlers each robots.txt parser lets in, conflicts,
and whether the TDMRep file and the headers are present and agree."""

from __future__ import annotations

import json
import re
import urllib.robotparser
from dataclasses import asdict, dataclass, field
from pathlib import Path

from protego import Protego

from generator.data.models import Crawler
from generator.optout.robots import groups, syntax_errors


@dataclass(frozen=True)
class Verdict:
    token: str
    path: str
    stdlib: bool
    """urllib.robotparser: may the crawler fetch the path?"""
    protego: bool
    """Protego (Google-compatible matching): may the crawler fetch the path?"""
    conflict: str | None = None
    """Why the crawler gets in although a rule seems to block it (makes `optout check` fail)."""
    note: str | None = None
    """Something to know that is not a failure, such as the two parsers disagreeing."""


@dataclass
class Report:
    verdicts: list[Verdict] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)
    """Problems found, each a sentence with its file and line where there is one."""

    def as_json(self) -> str:
        return json.dumps({"verdicts": [asdict(v) for v in self.verdicts], "findings": self.findings}, indent=2) + "\n"


def product_tokens(crawlers: list[Crawler]) -> list[str]:
    """The product tokens crawlers match robots.txt groups with: the name before any version or space."""
    seen: dict[str, str] = {}
    for crawler in crawlers:
        token = re.split(r"[/\s]", crawler.token, maxsplit=1)[0]
        seen.setdefault(token.lower(), token)
    return list(seen.values())


def check_robots(text: str, crawlers: list[Crawler], paths: list[str], shown: str = "robots.txt") -> Report:
    report = Report()
    for line, content in syntax_errors(text):
        report.findings.append(f"{shown}:{line}: not a robots.txt rule: {content.strip()!r}")
    stdlib = urllib.robotparser.RobotFileParser()
    stdlib.parse(text.splitlines())
    google = Protego.parse(text)
    parsed = groups(text)
    disallow_all = [g for g in parsed if "*" in g.agents and any(f == "disallow" and v == "/" for f, v in g.rules)]
    for token in product_tokens(crawlers):
        own = [g for g in parsed if token.lower() in (a.lower() for a in g.agents)]
        for path in paths:
            url = f"https://example.invalid{path}"
            allowed_stdlib = stdlib.can_fetch(token, url)
            allowed_google = google.can_fetch(url, token)
            conflict = note = None
            if allowed_google and own and disallow_all:
                conflict = f"allowed by its own group (line {own[0].line}) although the * group (line {disallow_all[0].line}) disallows everything"
            if allowed_stdlib != allowed_google:
                # urllib.robotparser applies a group whose name occurs anywhere in the crawler's name.
                note = "the parsers disagree: urllib.robotparser matches group names as substrings, Google-style parsers do not"
            report.verdicts.append(Verdict(token, path, allowed_stdlib, allowed_google, conflict, note))
    return report


def check_site(folder: Path, crawlers: list[Crawler], paths: list[str]) -> Report:
    """Check a folder of artefacts: robots.txt, .well-known/tdmrep.json and headers.txt."""
    robots = folder / "robots.txt"
    report = check_robots(robots.read_text("utf-8"), crawlers, paths, str(robots)) if robots.exists() else Report([], [f"{folder}: no robots.txt"])
    tdmrep = folder / ".well-known" / "tdmrep.json"
    reservation = None
    if not tdmrep.exists():
        report.findings.append(f"{tdmrep}: missing (TDMRep expects /.well-known/tdmrep.json)")
    else:
        try:
            rules = json.loads(tdmrep.read_text("utf-8"))
        except json.JSONDecodeError as error:
            report.findings.append(f"{tdmrep}:{error.lineno}:{error.colno}: malformed JSON: {error.msg}")
            rules = None
        if rules is not None:
            if not isinstance(rules, list):
                report.findings.append(f"{tdmrep}: must be a JSON array of rules, even for one rule")
            else:
                for index, rule in enumerate(rules):
                    if not isinstance(rule, dict) or "location" not in rule or rule.get("tdm-reservation") not in (0, 1):
                        report.findings.append(f"{tdmrep}: rule {index + 1} needs `location` and `tdm-reservation` 0 or 1")
                    elif rule["location"] == "/":
                        reservation = rule["tdm-reservation"]
    headers_file = folder / "headers.txt"
    if headers_file.exists() and reservation is not None:
        for number, line in enumerate(headers_file.read_text("utf-8").splitlines(), 1):
            name, _, value = line.partition(":")
            if name.strip().lower() == "tdm-reservation" and value.strip() != str(reservation):
                report.findings.append(f"{headers_file}:{number}: tdm-reservation header says {value.strip()} but tdmrep.json says {reservation} for /")
    return report
