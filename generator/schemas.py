"""Every JSON Schema the project publishes: the data files', plus case files, letter manifests and
opt-out policies, generated from their models so editors can check YAML as it is typed."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from generator.data.models import Question
from generator.data.schema import render_all as data_schemas
from generator.letters.casefile import CaseFile
from generator.letters.kinds import LetterKind
from generator.optout.policy import OptoutPolicy

_OTHERS: dict[str, type[BaseModel]] = {
    "case-file.schema.json": CaseFile,
    "letter-kind.schema.json": LetterKind,
    "optout-policy.schema.json": OptoutPolicy,
}


def render_all(questions: list[Question]) -> dict[str, str]:
    """File name to text for every schema, in a stable form."""
    schemas = data_schemas(questions)
    for name, model in _OTHERS.items():
        schema = model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schemas[name] = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    return schemas


def stale_schemas(folder: Path, questions: list[Question]) -> list[str]:
    """Names of schema files in `folder` that differ from what the models generate now."""
    return [name for name, text in render_all(questions).items() if not (folder / name).exists() or (folder / name).read_text("utf-8") != text]
