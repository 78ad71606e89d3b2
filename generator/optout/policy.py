"""The opt-out policy file: what to reserve, from which crawlers, on which paths, and who to contact."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError

from generator.data.models import Crawler, JurisdictionCode, StrictModel, Text, Url
from generator.data.problems import field_names, from_validation_error, suggest
from generator.data.yamlfile import YamlError, dotted, load
from generator.errors import DataError, Problem, display_path

Reserve = Literal["training", "search", "user_fetch", "agent", "other", "all"]



class Contact(StrictModel):
    email: Text | None = None
    url: Url | None = None
    telephone: Text | None = None


class OptoutPolicy(StrictModel):
    site: Url
    rightsholder: Text
    paths: list[Text] = Field(default=["/"], min_length=1, description="Paths reserved, each starting with /.")
    reserve: list[Reserve] = Field(default=["training"], min_length=1, description="Crawler purposes to block, or `all`.")
    allow: list[Text] = Field(default_factory=list, description="Crawler tokens to leave allowed, e.g. search crawlers.")
    block: list[Text] = Field(default_factory=list, description="Further crawler tokens to block.")
    aipref: bool = Field(default=True, description="Also write the IETF AIPREF Content-Usage header and robots.txt rule (a draft).")
    tdm_policy: Url | None = Field(default=None, description="Where the TDM policy will be published; a TDMRep ODRL policy is written for it.")
    contact: Contact = Field(default_factory=Contact)
    jurisdictions: list[JurisdictionCode] = Field(default_factory=lambda: ["EU"], description="Whose law the terms-of-use sentence addresses.")


def load_policy(path: Path, crawlers: list[Crawler], known_jurisdictions: set[str]) -> OptoutPolicy:
    """Read and check a policy; unknown crawler names get the closest known token as a suggestion."""
    shown = display_path(path)
    try:
        doc = load(path, shown)
        policy = OptoutPolicy.model_validate(doc.data)
    except YamlError as error:
        raise DataError([error.problem]) from None
    except ValidationError as error:
        raise DataError(from_validation_error(error, load(path, shown, with_locations=True), field_names(OptoutPolicy))) from None
    located = load(path, shown, with_locations=True)
    tokens = {c.token.lower() for c in crawlers} | {t.lower() for c in crawlers for t in c.also_listed_as}
    names = [c.token for c in crawlers]
    problems = []
    for field in ("allow", "block"):
        for index, token in enumerate(getattr(policy, field)):
            if token.lower() not in tokens:
                line, column = located.locate((field, index))
                message = f"unknown crawler '{token}'{suggest(token, names)}; see data/crawlers.yaml"
                problems.append(Problem(shown, line, column, dotted((field, index)), message))
    for index, value in enumerate(policy.paths):
        if not value.startswith("/"):
            line, column = located.locate(("paths", index))
            problems.append(Problem(shown, line, column, dotted(("paths", index)), f"'{value}' must start with /"))
    for index, code in enumerate(policy.jurisdictions):
        if code not in known_jurisdictions:
            line, column = located.locate(("jurisdictions", index))
            problems.append(Problem(shown, line, column, dotted(("jurisdictions", index)), f"no jurisdiction '{code}' in the atlas"))
    if problems:
        raise DataError(problems)
    return policy


def chosen_crawlers(policy: OptoutPolicy, crawlers: list[Crawler]) -> list[str]:
    """The tokens to block: every crawler whose purpose is reserved, plus `block`, minus `allow`.

    Only product tokens a robots.txt group can name are returned: a listed token with a version
    or a space in it ("iaskspider/2.0") is matched through its name ("iaskspider").
    """
    allowed = {t.lower() for t in policy.allow}
    reserved = set(policy.reserve)
    wanted = [c.token for c in crawlers if ("all" in reserved or c.purpose.value in reserved) and c.token.lower() not in allowed]
    for token in policy.block:
        wanted.append(next((c.token for c in crawlers if token.lower() in {c.token.lower(), *(t.lower() for t in c.also_listed_as)}), token))
    chosen: list[str] = []
    for token in wanted:
        name = re.split(r"[/\s]", token, maxsplit=1)[0]
        if name.lower() not in {c.lower() for c in chosen} and name.lower() not in allowed:
            chosen.append(name)
    return chosen
