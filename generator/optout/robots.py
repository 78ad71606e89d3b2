"""robots.txt: the block that names AI crawlers, merged into an existing file without touching its
other rules, and a lenient reader that reports lines no parser could make sense of."""

from __future__ import annotations

import re
from dataclasses import dataclass

BEGIN = "# BEGIN rightsatlas AI opt-out"
END = "# END rightsatlas AI opt-out"
_FIELD = re.compile(r"^\s*([A-Za-z-]+)\s*:(.*)$")


@dataclass(frozen=True)
class Group:
    """A robots.txt group: the user agents it names, its rules, and the line it starts on."""

    agents: tuple[str, ...]
    rules: tuple[tuple[str, str], ...]
    line: int


def syntax_errors(text: str) -> list[tuple[int, str]]:
    """Lines that are neither blank, comments nor `field: value` (1-based line, the line)."""
    errors = []
    for number, line in enumerate(text.splitlines(), 1):
        content = line.split("#", 1)[0].strip()
        if content and not _FIELD.match(content):
            errors.append((number, line))
    return errors


def groups(text: str) -> list[Group]:
    """The groups of a robots.txt, read as RFC 9309 describes (consecutive user-agent lines start one)."""
    found: list[Group] = []
    agents: list[str] = []
    rules: list[tuple[str, str]] = []
    start = 0
    last_was_agent = False
    for number, line in enumerate(text.splitlines(), 1):
        match = _FIELD.match(line.split("#", 1)[0].strip())
        if not match:
            continue
        field, value = match.group(1).lower(), match.group(2).strip()
        if field == "user-agent":
            if not last_was_agent and agents:
                found.append(Group(tuple(agents), tuple(rules), start))
                agents, rules = [], []
            if not agents:
                start = number
            agents.append(value)
            last_was_agent = True
        elif field in ("allow", "disallow", "content-usage") and agents:
            rules.append((field, value))
            last_was_agent = False
        else:
            last_was_agent = False
    if agents:
        found.append(Group(tuple(agents), tuple(rules), start))
    return found


def block(tokens: list[str], paths: list[str], stamp: str, content_usage: bool) -> str:
    """The opt-out group: the chosen crawlers may not fetch the reserved paths."""
    lines = [BEGIN, f"# {stamp}", "# AI crawlers named below may not fetch the reserved paths."]
    lines += [f"User-agent: {token}" for token in tokens]
    lines += [f"Disallow: {path}" for path in paths]
    if content_usage:
        lines += [
            "",
            "# IETF AIPREF (draft-ietf-aipref-attach-05, a draft, not yet a standard): no AI training.",
            "User-agent: *",
            "Allow: /",
            *[f"Content-Usage: {path} train-ai=n" for path in paths],
        ]
    lines.append(END)
    return "\n".join(lines) + "\n"


def merge(existing: str, new_block: str) -> str:
    """`existing` with the opt-out block replaced, or appended after a blank line if it has none.

    Every other line keeps its place and its text.
    """
    lines = existing.splitlines(keepends=True)
    begin = next((i for i, line in enumerate(lines) if line.strip() == BEGIN), None)
    end = next((i for i, line in enumerate(lines) if line.strip() == END), None) if begin is not None else None
    if begin is not None and end is not None and end > begin:
        return "".join(lines[:begin]) + new_block + "".join(lines[end + 1:])
    if not existing:
        return new_block
    separator = "" if existing.endswith("\n\n") else ("\n" if existing.endswith("\n") else "\n\n")
    return existing + separator + new_block


def named_elsewhere(existing: str, tokens: list[str]) -> list[tuple[str, int]]:
    """Chosen crawlers that a group outside our block already names (token, line): its rules
    combine with ours, and an `Allow` there can win over our `Disallow`."""
    lines = [line.strip() for line in existing.splitlines()]
    ours = range(lines.index(BEGIN) + 1, lines.index(END) + 2) if BEGIN in lines and END in lines else range(0)
    wanted = {t.lower(): t for t in tokens}
    return [(wanted[a.lower()], g.line) for g in groups(existing) if g.line not in ours for a in g.agents if a.lower() in wanted]
