"""Reading data YAML: YAML 1.2 scalars, strictness, and errors with their locations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.data.yamlfile import MAX_BYTES, YamlError, load, parse


def problem(text: str) -> str:
    with pytest.raises(YamlError) as caught:
        parse(text, "f.yaml")
    return str(caught.value.problem)


def test_yaml_1_2_keeps_norway_a_string() -> None:
    data = parse("code: NO\nother: [yes, no, on, off, y, n]\nflag: true\nn: 012\n", "f.yaml").data
    assert data == {"code": "NO", "other": ["yes", "no", "on", "off", "y", "n"], "flag": True, "n": 12}


def test_quoted_scalars_stay_strings() -> None:
    assert parse("a: '42'\nb: \"true\"\nc: |\n  lit\n", "f.yaml").data == {"a": "42", "b": "true", "c": "lit\n"}


def test_duplicate_key_is_an_error_at_its_line() -> None:
    assert problem("code: JP\nname: Japan\ncode: NO\n") == "f.yaml:3:1: code: duplicate key 'code'; each key may appear once"


def test_nested_duplicate_key_names_its_path() -> None:
    text = "answers:\n  opt_out:\n    value: a\n    value: b\n"
    assert problem(text) == "f.yaml:4:5: answers.opt_out.value: duplicate key 'value'; each key may appear once"


def test_tab_indentation_is_explained() -> None:
    assert problem("a:\n\tb: 1\n") == "f.yaml:2:1: tab character; YAML is indented with spaces only"


def test_alias_bomb_is_refused_before_expansion() -> None:
    bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n'
    assert problem(bomb) == "f.yaml:1:4: a: anchors and aliases (&, *) are not allowed in data files; write the value out"


def test_custom_tags_are_refused() -> None:
    assert problem("a: !!python/object:os.system x\n") == (
        "f.yaml:1:4: a: YAML tag tag:yaml.org,2002:python/object:os.system is not allowed in data files"
    )


def test_empty_file() -> None:
    assert problem("") == "f.yaml:1:1: file is empty; expected a mapping of fields"
    assert problem("# only a comment\n") == "f.yaml:1:1: file is empty; expected a mapping of fields"


def test_two_documents() -> None:
    assert problem("a: 1\n---\nb: 2\n") == "f.yaml:2:1: more than one YAML document; a data file holds exactly one"


def test_malformed_yaml_gives_line_and_column() -> None:
    assert problem("a: [1, 2\nb: 3\n").startswith("f.yaml:2:")
    assert problem("a: b: c\n") == "f.yaml:1:5: invalid YAML: mapping values are not allowed in this context"


def test_non_utf8_bytes(tmp_path: Path) -> None:
    path = tmp_path / "latin.yaml"
    path.write_bytes("name: ok\ntitle: Caf\xe9\n".encode("latin-1"))
    with pytest.raises(YamlError) as caught:
        load(path, "latin.yaml")
    assert str(caught.value.problem) == "latin.yaml:2:11: not UTF-8 text (byte 0xe9); save the file as UTF-8"


def test_oversized_file_is_refused_without_parsing(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: " + b"x" * (50 * 1024 * 1024) + b"\n")
    with pytest.raises(YamlError) as caught:
        load(path, "big.yaml")
    assert str(caught.value.problem) == f"big.yaml:1:1: file is 50.0 MB; data files are limited to {MAX_BYTES // 1048576} MB"


def test_locations_are_recorded_only_when_asked() -> None:
    text = "a:\n  b:\n    - x\n    - y: 1\n"
    assert parse(text, "f.yaml").locations == {}
    doc = parse(text, "f.yaml", with_locations=True)
    assert doc.locate(("a", "b", 1, "y")) == (4, 10)  # a scalar: where its value starts
    assert doc.locate(("a", "b", 1, "missing")) == (4, 7)


@given(st.text())
def test_any_string_survives_a_double_quoted_scalar(value: str) -> None:
    # Every string a user can type either parses back unchanged or is refused with a located error.
    text = "value: " + json.dumps(value) + "\n"
    try:
        assert parse(text, "f.yaml").data == {"value": value}
    except YamlError as error:
        assert error.problem.file == "f.yaml" and error.problem.line >= 1
