"""Turn model validation errors into problems a person can act on: file, line, field, and what fits."""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import BaseModel, ValidationError

from generator.data.models import JURISDICTION_CODE, MODEL_OF, QUESTION_ID, SLUG, nested_models
from generator.data.yamlfile import Key, YamlDocument, dotted
from generator.errors import Problem


def field_names(*models: type[BaseModel]) -> set[str]:
    """Every field name declared by the models and the models inside them (for suggestions)."""
    names: set[str] = set()
    seen: set[type[BaseModel]] = set()
    todo = list(models)
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, info in model.model_fields.items():
            names.add(name)
            todo.extend(nested_models(info.annotation))
    return names


_KNOWN_FIELDS = field_names(*MODEL_OF.values())


def suggest(word: str, choices: set[str] | list[str]) -> str:
    """' (did you mean 'x'?)' when a close match exists, else ''.

    >>> suggest("sumary", {"summary", "since"})
    " (did you mean 'summary'?)"
    """
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.75)
    return f" (did you mean '{match[0]}'?)" if match else ""


_PATTERN_HINTS = {
    JURISDICTION_CODE: "is not a jurisdiction code (ISO 3166-1 alpha-2 such as JP, or EU, or a subdivision such as US-CA)",
    SLUG: "is not an id: use lower-case letters and digits joined by hyphens (e.g. copyright-act)",
    QUESTION_ID: "is not a question id: use lower-case letters, digits and underscores",
}


def _describe(error: Any, known: set[str]) -> str:
    kind = error["type"]
    value = error.get("input")
    message = error["msg"].removeprefix("Value error, ")
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        return f"unknown field '{error['loc'][-1]}'" + suggest(str(error["loc"][-1]), known)
    if kind == "too_short" and error["loc"][-1] in ("citations", "sources"):
        return "no source, no claim: at least one citation is required"
    if kind == "too_short":
        return "must not be empty"
    if kind in ("date_from_datetime_parsing", "date_parsing", "date_type"):
        return f"{value!r} is not a valid date (YYYY-MM-DD)"
    if kind == "string_pattern_mismatch":
        return f"{value!r} {_PATTERN_HINTS.get(error['ctx']['pattern'], message)}"
    if kind == "enum":
        return f"{value!r} is not allowed; {message[0].lower()}{message[1:]}"
    if kind in ("string_type", "bool_type", "list_type", "dict_type", "model_type", "int_type"):
        return f"{message.lower()}, got {value!r}" if not isinstance(value, (dict, list)) else message.lower()
    described = message[0].lower() + message[1:]
    return f"{described}, got {value!r}" if isinstance(value, (str, int, float)) and len(repr(value)) < 300 else described


def from_validation_error(err: ValidationError, doc: YamlDocument, known: set[str] | None = None) -> list[Problem]:
    """One problem per pydantic error, placed at the line of the offending value.

    `known` is the field names an unknown field is compared with for a suggestion.
    """
    problems = []
    for error in err.errors():
        path: tuple[Key, ...] = tuple(p for p in error["loc"] if p != "[key]")
        line, column = doc.keys[path] if error["type"] == "extra_forbidden" and path in doc.keys else doc.locate(path)
        problems.append(Problem(doc.file, line, column, dotted(path), _describe(error, known or _KNOWN_FIELDS)))
    return problems
