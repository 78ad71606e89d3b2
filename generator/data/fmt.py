"""Rewrite data files in canonical key order and style, keeping every comment and value."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any, get_origin

from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from generator.data.models import MODEL_OF, nested_models


def _yaml() -> YAML:
    yaml = YAML()  # round trip: comments, quotes and flow style survive
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096  # never re-wrap a long line
    return yaml


def _order(node: Any, model: type[BaseModel] | None) -> None:
    """Put the keys of `node` in the order the model declares its fields, recursively."""
    if isinstance(node, CommentedSeq):
        for item in node:
            _order(item, model)
        return
    if not isinstance(node, CommentedMap) or model is None:
        return
    fields = model.model_fields
    for name in fields:
        if name in node:
            node.move_to_end(name)
    for key, value in node.items():
        info = fields.get(key)
        inner = nested_models(info.annotation) if info else []
        child = inner[0] if inner else None
        if info is not None and get_origin(info.annotation) is dict and isinstance(value, CommentedMap):
            for item in value.values():  # a mapping of records, e.g. answers by question id
                _order(item, child)
        else:
            _order(value, child)


def format_text(text: str, kind: str) -> str:
    """The canonical form of one file's text."""
    yaml = _yaml()
    data = yaml.load(text)
    _order(data, MODEL_OF[kind])
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def format_file(path: Path, kind: str, *, write: bool) -> bool:
    """Format one file; returns whether it changed. Writes atomically when `write` is set."""
    text = path.read_text("utf-8")
    formatted = format_text(text, kind)
    if formatted == text:
        return False
    if write:
        temp = path.with_name(f".{path.name}.tmp")
        temp.write_text(formatted, "utf-8")
        temp.replace(path)
    return True
