"""A new jurisdiction file with every question as a to-do, so `validate` lists what is left."""

from __future__ import annotations

from generator.data.models import Question, Region


def new_jurisdiction(code: str, name: str | None, region: str | None, questions: list[Question]) -> str:
    """The text of `data/jurisdictions/<code>.yaml` for a jurisdiction not yet researched."""
    regions = " | ".join(r.value for r in Region)
    lines = [
        "# yaml-language-server: $schema=../../schema/jurisdiction.schema.json",
        "# TODO: research every answer from primary sources, then delete the TODO lines. See data/README.md.",
        f"code: {code}",
        f"name: {_scalar(name) if name else 'TODO'}",
        f"region: {region or 'TODO'}  # {regions}",
        "member_of: []",
        "summary: TODO",
        "reviewed: TODO  # YYYY-MM-DD: the day you checked the sources",
        "instruments:",
        "  - id: copyright-act  # lower-case id that citations refer to",
        "    title: TODO",
        "    type: statute",
        "    url: https://TODO.invalid/  # the official text",
        "answers:",
    ]
    for question in questions:
        allowed = " | ".join(o.value for o in question.answers)
        lines += [
            f"  {question.id}:",
            f"    # TODO: {question.question}",
            f"    # One of: {allowed}",
            "    value: unclear",
            "    summary: TODO",
            "    basis: statute",
            "    confidence: low",
            "    status: unverified",
            "    citations: []  # TODO: instrument, pinpoint, url, retrieved",
        ]
    return "\n".join(lines) + "\n"


def _scalar(text: str) -> str:
    """A name as a YAML scalar, quoted so that any text survives."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
