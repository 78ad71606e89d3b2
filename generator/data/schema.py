"""JSON Schemas for the data files, generated from the models so editors check YAML as it is typed."""

from __future__ import annotations

import json
from typing import Any

from generator.data.models import MODEL_OF, Question

SCHEMA_FILES = {kind: f"{kind}.schema.json" for kind in MODEL_OF}


def schema_for(kind: str, questions: list[Question]) -> dict[str, Any]:
    """The schema of one file kind; a jurisdiction's answers are spelled out per question."""
    schema = MODEL_OF[kind].model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    if kind == "jurisdiction":
        schema["properties"]["answers"] = {
            "type": "object",
            "description": "One answer per question in data/questions.yaml.",
            "properties": {
                q.id: {
                    "allOf": [{"$ref": "#/$defs/Answer"}],
                    "properties": {"value": {"enum": [o.value for o in q.answers], "description": q.question}},
                }
                for q in questions
            },
            "required": [q.id for q in questions],
            "additionalProperties": False,
        }
    return schema


def render_all(questions: list[Question]) -> dict[str, str]:
    """File name to text for every schema, in a stable form."""
    return {name: json.dumps(schema_for(kind, questions), indent=2, ensure_ascii=False) + "\n" for kind, name in SCHEMA_FILES.items()}

