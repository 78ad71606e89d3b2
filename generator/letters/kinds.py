"""Letter kinds: each a folder in templates/letters/ with a manifest and one template per language."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError

from generator.data.models import StrictModel
from generator.data.problems import from_validation_error
from generator.data.yamlfile import YamlError, load
from generator.errors import DataError, Problem, display_path

Language = Literal["en", "ja"]
FieldType = Literal["text", "date", "party", "list", "works", "signatory", "terms", "codes", "mapping", "flag"]



class FieldSpec(StrictModel):
    """One field a case file of this kind holds."""

    name: str
    type: FieldType
    required: bool = False
    description: str


class Demand(StrictModel):
    """A demand the letter can make, chosen by id in the case file."""

    id: str
    en: str
    ja: str


class LetterKind(StrictModel):
    """A kind of letter as its manifest declares it."""

    kind: str
    title: dict[Language, str]
    purpose: str
    languages: list[Language] = Field(min_length=1)
    fields: list[FieldSpec]
    legal_basis: list[str] = Field(default_factory=list, description="Question ids whose answers state the law, per invoked jurisdiction.")
    jurisdictions: list[str] | Literal["any"] = "any"
    demands: list[Demand] = Field(default_factory=list)
    regime: str | None = Field(
        default=None, description="A notice regime in data/notice_regimes/: a letter that lacks one of its required elements is refused."
    )
    folder: Path = Field(default=Path("."), exclude=True, description="Set by the loader: the kind's folder; never written in a manifest.")

    def field(self, name: str) -> FieldSpec | None:
        return next((f for f in self.fields if f.name == name), None)

    def template(self, language: str) -> Path:
        return self.folder / f"{language}.md.j2"


def load_kinds(folder: Path) -> dict[str, LetterKind]:
    """Every kind under templates/letters/, by name; raises `DataError` for a broken manifest."""
    kinds: dict[str, LetterKind] = {}
    problems: list[Problem] = []
    for manifest in sorted(folder.glob("*/manifest.yaml")):
        shown = display_path(manifest)
        try:
            doc = load(manifest, shown)
            kind = LetterKind.model_validate({**doc.data, "folder": manifest.parent})
        except YamlError as error:
            problems.append(error.problem)
            continue
        except ValidationError as error:
            problems.extend(from_validation_error(error, load(manifest, shown, with_locations=True)))
            continue
        if kind.kind != manifest.parent.name:
            problems.append(Problem(shown, 1, 1, "kind", f"'{kind.kind}' does not match its folder '{manifest.parent.name}'"))
        for language in kind.languages:
            if not kind.template(language).exists():
                problems.append(Problem(shown, 1, 1, "languages", f"no template {kind.template(language).name} for language '{language}'"))
        kinds[kind.kind] = kind
    if problems:
        raise DataError(problems)
    return kinds
