"""Read YAML 1.2 data files fast, strictly, and with line numbers when an error needs them.

The data files use a small, safe subset of YAML: mappings, sequences and scalars. Anchors,
aliases and custom tags are refused (they are how "billion laughs" bombs work and the data
never needs them), duplicate keys are errors, and plain scalars follow the YAML 1.2 core
schema, so ``NO`` stays the string "NO". Dates stay strings; the models parse them.

Parsing walks libyaml's event stream (through ruamel.yaml's C extension when installed), which
is several times faster than building ruamel.yaml's node tree. Line numbers are recorded only
when asked for: the validator re-reads a file with marks only when it has an error to place.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError

from generator.errors import Problem

try:  # The C parser comes with ruamel.yaml.clib; the pure-Python parser gives the same events.
    from _ruamel_yaml import CParser as _CParser

    def _events(text: str) -> Iterator[Any]:
        parser = _CParser(text)
        while (event := parser.get_event()) is not None:
            yield event
            if type(event).__name__ == "StreamEndEvent":
                return

except ImportError:  # pragma: no cover - exercised only where the C extension is missing

    def _events(text: str) -> Iterator[Any]:
        return YAML(typ="safe", pure=True).parse(text)


MAX_BYTES = 5 * 1024 * 1024
"""The largest data file accepted. A real jurisdiction file is about 20 KB."""

Key = str | int
Location = tuple[int, int]


class YamlError(Exception):
    """A file that is not valid data YAML; carries the problem with its location."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))


@dataclass
class YamlDocument:
    """The plain data of one file, and where each value sits when that was recorded."""

    file: str
    data: Any
    locations: dict[tuple[Key, ...], Location] = field(default_factory=dict)
    keys: dict[tuple[Key, ...], Location] = field(default_factory=dict)
    """Where each mapping key itself sits: errors about a key (unknown, misspelt) point there."""

    def locate(self, path: tuple[Key, ...]) -> Location:
        """The 1-based (line, column) of the value at `path`, or of its nearest recorded parent."""
        for end in range(len(path), -1, -1):
            if (found := self.locations.get(path[:end])) is not None:
                return found
        return (1, 1)


_INT = re.compile(r"[-+]?[0-9]+$")
_OCT = re.compile(r"0o[0-7]+$")
_HEX = re.compile(r"0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_SPECIAL: dict[str, Any] = {
    "": None, "~": None, "null": None, "Null": None, "NULL": None,
    "true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False,
    ".inf": math.inf, ".Inf": math.inf, ".INF": math.inf, "+.inf": math.inf, "+.Inf": math.inf,
    "+.INF": math.inf, "-.inf": -math.inf, "-.Inf": -math.inf, "-.INF": -math.inf,
    ".nan": math.nan, ".NaN": math.nan, ".NAN": math.nan,
}


def resolve_plain(value: str) -> Any:
    """Resolve an unquoted scalar by the YAML 1.2 core schema.

    >>> [resolve_plain(v) for v in ("NO", "yes", "true", "42", "0x1F", "1.5", "~", "2019-01-01")]
    ['NO', 'yes', True, 42, 31, 1.5, None, '2019-01-01']
    """
    if value in _SPECIAL:
        return _SPECIAL[value]
    first = value[0]
    if first.isdigit() or first in "+-.":
        if _INT.match(value):
            return int(value)
        if _OCT.match(value):
            return int(value[2:], 8)
        if _HEX.match(value):
            return int(value[2:], 16)
        if _FLOAT.match(value):
            return float(value)
    return value


def read_text(path: Path, shown: str) -> str:
    """The file's text, refusing files that are too large or not UTF-8."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise YamlError(Problem(shown, 1, 1, "", f"file is {size / 1048576:.1f} MB; data files are limited to {MAX_BYTES // 1048576} MB"))
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        column = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        raise YamlError(Problem(shown, line, column, "", f"not UTF-8 text (byte 0x{raw[err.start]:02x}); save the file as UTF-8")) from None
    return text.removeprefix("\ufeff")


def parse(text: str, file: str, *, with_locations: bool = False) -> YamlDocument:
    """Parse one YAML document of plain data.

    >>> parse("code: NO\\nanswers: [1, 'x']\\n", "f.yaml").data
    {'code': 'NO', 'answers': [1, 'x']}
    """
    doc = YamlDocument(file, None)
    builder = _Builder(doc, with_locations)
    try:
        doc.data = builder.build(_events(text))
    except MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise YamlError(Problem(file, line, column, "", _syntax_message(err, text, mark))) from None
    return doc


def load(path: Path, shown: str, *, with_locations: bool = False) -> YamlDocument:
    """Read and parse a data file; `shown` is the name used in error messages."""
    return parse(read_text(path, shown), shown, with_locations=with_locations)


def _syntax_message(err: MarkedYAMLError, text: str, mark: Any) -> str:
    if mark is not None and 0 <= mark.index < len(text) and text[mark.index] == "\t":
        return "tab character; YAML is indented with spaces only"
    parts = [p for p in (err.context, err.problem) if p]
    return "invalid YAML: " + ", ".join(parts) if parts else "invalid YAML"


class _Builder:
    """Turns the event stream into dicts, lists and scalars, refusing what data files never need."""

    def __init__(self, doc: YamlDocument, with_locations: bool) -> None:
        self.doc = doc
        self.with_locations = with_locations
        self.events: Iterator[Any] = iter(())

    def build(self, events: Iterator[Any]) -> Any:
        self.events = events
        next(self.events)  # StreamStart
        if type(next(self.events)).__name__ == "StreamEndEvent":
            raise YamlError(Problem(self.doc.file, 1, 1, "", "file is empty; expected a mapping of fields"))
        value = self._value(next(self.events), ())
        next(self.events)  # DocumentEnd
        following = next(self.events)
        if type(following).__name__ != "StreamEndEvent":
            line = following.start_mark.line + 1
            raise YamlError(Problem(self.doc.file, line, 1, "", "more than one YAML document; a data file holds exactly one"))
        return value

    def _refuse(self, event: Any, path: tuple[Key, ...], message: str) -> YamlError:
        mark = event.start_mark
        return YamlError(Problem(self.doc.file, mark.line + 1, mark.column + 1, dotted(path), message))

    def _value(self, event: Any, path: tuple[Key, ...]) -> Any:
        kind = type(event).__name__
        if kind == "AliasEvent" or getattr(event, "anchor", None):
            raise self._refuse(event, path, "anchors and aliases (&, *) are not allowed in data files; write the value out")
        tag = getattr(event, "tag", None)
        if tag is not None and tag not in _ALLOWED_TAGS:
            raise self._refuse(event, path, f"YAML tag {tag} is not allowed in data files")
        if self.with_locations:
            # A scalar is placed at its value; a mapping or list at the key that introduces it.
            where = (event.start_mark.line + 1, event.start_mark.column + 1)
            if kind == "ScalarEvent":
                self.doc.locations[path] = where
            else:
                self.doc.locations.setdefault(path, where)
        if kind == "ScalarEvent":
            plain = event.style in ("", None) and tag is None
            return resolve_plain(event.value) if plain else event.value
        if kind == "SequenceStartEvent":
            items: list[Any] = []
            while type(item := next(self.events)).__name__ != "SequenceEndEvent":
                items.append(self._value(item, (*path, len(items))))
            return items
        mapping: dict[Any, Any] = {}
        while type(key_event := next(self.events)).__name__ != "MappingEndEvent":
            if type(key_event).__name__ != "ScalarEvent":
                raise self._refuse(key_event, path, "keys must be plain text")
            key = key_event.value
            if key in mapping:
                raise self._refuse(key_event, (*path, key), f"duplicate key '{key}'; each key may appear once")
            if self.with_locations:
                where = (key_event.start_mark.line + 1, key_event.start_mark.column + 1)
                self.doc.locations[(*path, key)] = self.doc.keys[(*path, key)] = where
            mapping[key] = self._value(next(self.events), (*path, key))
        return mapping


_ALLOWED_TAGS = {"tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq", "!"}


def dotted(path: tuple[Key, ...]) -> str:
    """`('answers', 'opt_out', 'citations', 0)` as `answers.opt_out.citations[0]`."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out

