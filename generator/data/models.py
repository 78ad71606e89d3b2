"""The typed knowledge base: what each data file holds, declared once.

The JSON Schemas in ``schema/`` are generated from these classes, so the declarations here are
the single description of the data format (see ``data/README.md`` for the prose version).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StrictBool, StringConstraints, model_validator

SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"
QUESTION_ID = r"^[a-z][a-z0-9_]*$"
JURISDICTION_CODE = r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$"
"""ISO 3166-1 alpha-2 (or EU), optionally with an ISO 3166-2 subdivision: JP, EU, US-CA."""

Slug = Annotated[str, StringConstraints(pattern=SLUG)]
"""An identifier: lower-case letters and digits, words joined by hyphens."""

QuestionId = Annotated[str, StringConstraints(pattern=QUESTION_ID)]
JurisdictionCode = Annotated[str, StringConstraints(pattern=JURISDICTION_CODE)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


def _https(url: str) -> str:
    if not url.startswith("https://") or len(url) < 12 or any(c.isspace() for c in url):
        raise ValueError("must be an absolute https:// URL without spaces")
    return url


Url = Annotated[str, AfterValidator(_https)]


def _iso_date(value: object) -> object:
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        return value
    if isinstance(value, dt.date):
        return value
    raise ValueError("must be a date written YYYY-MM-DD")


Date = Annotated[dt.date, BeforeValidator(_iso_date)]
"""A calendar date written in ISO form; `2019` or `1 Jan 2019` are refused, `2019-02-30` too."""


class StrictModel(BaseModel):
    """Unknown fields are errors: a typo must never be ignored silently."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


class Region(StrEnum):
    asia_pacific = "asia_pacific"
    americas = "americas"
    europe = "europe"
    middle_east_africa = "middle_east_africa"


class Basis(StrEnum):
    """How strong the ground of an answer is, strongest first."""

    statute = "statute"
    regulation = "regulation"
    case_law = "case_law"
    official_guidance = "official_guidance"
    party_position = "party_position"
    secondary_source = "secondary_source"


class Confidence(StrEnum):
    high = "high"
    medium = "medium"
    low = "low"


class Status(StrEnum):
    verified = "verified"
    unverified = "unverified"


class InstrumentType(StrEnum):
    statute = "statute"
    regulation = "regulation"
    directive = "directive"
    treaty = "treaty"
    bill = "bill"
    judgment = "judgment"
    guidance = "guidance"
    report = "report"
    consultation = "consultation"
    code_of_practice = "code_of_practice"
    statement = "statement"
    other = "other"


class AnswerOption(StrictModel):
    value: Text
    label: Text
    label_ja: Text | None = Field(default=None, description="The label in Japanese, for letters written in Japanese.")
    definition: Text


class Question(StrictModel):
    id: QuestionId
    question: Text
    short: Text
    short_ja: Text | None = Field(default=None, description="The short heading in Japanese, for letters written in Japanese.")
    explanation: Text
    answers: list[AnswerOption] = Field(min_length=2)

    def option(self, value: str) -> AnswerOption | None:
        return next((o for o in self.answers if o.value == value), None)


class QuestionsFile(StrictModel):
    questions: list[Question] = Field(min_length=1)


class Citation(StrictModel):
    """Where a claim comes from: an instrument of the jurisdiction (or a titled source) and a pinpoint."""

    instrument: str | None = Field(default=None, description="An instrument id in this file, or CODE:id for another jurisdiction's.")
    title: Text | None = Field(default=None, description="For a source that is not a listed instrument.")
    pinpoint: Text = Field(description="Article, section, paragraph, item or proviso.")
    url: Url
    retrieved: Date
    quote: Annotated[str, StringConstraints(max_length=300)] | None = None
    secondary: StrictBool = False

    @model_validator(mode="after")
    def _names_its_source(self) -> Citation:
        if (self.instrument is None) == (self.title is None):
            raise ValueError("a citation names either an `instrument` or a `title`, not both and not neither")
        return self


Citations = Annotated[list[Citation], Field(min_length=1, description="At least one source: no source, no claim.")]


class Instrument(StrictModel):
    id: Slug
    title: Text
    title_local: Text | None = None
    type: InstrumentType
    url: Url
    date: Date | None = None


class HistoryEntry(StrictModel):
    """An earlier value of an answer, kept when the law changed."""

    value: Text
    since: Date | None = None
    until: Date
    summary: Text
    citations: Citations


class Answer(StrictModel):
    value: Text
    summary: Text
    basis: Basis
    confidence: Confidence
    status: Status = Status.verified
    since: Date | None = None
    citations: Citations
    history: list[HistoryEntry] = Field(default_factory=list)
    notes: Text | None = None


class Transposition(StrictModel):
    """For an EU member state: the national provisions that transposed Arts. 3 and 4 of the DSM Directive."""

    art3_provision: Text = Field(description="The national provision transposing Art. 3 (research TDM), e.g. '§ 60d UrhG'.")
    art4_provision: Text = Field(description="The national provision transposing Art. 4 (general TDM), e.g. '§ 44b UrhG'.")
    in_force: Date | None = None
    departures: Text = Field(description="How the national text departs from the Directive, or that it does not.")
    citations: Citations


class Jurisdiction(StrictModel):
    code: JurisdictionCode
    name: Text
    name_local: Text | None = None
    region: Region
    member_of: list[JurisdictionCode] = Field(default_factory=list)
    summary: Text
    reviewed: Date
    instruments: list[Instrument] = Field(min_length=1)
    answers: dict[QuestionId, Answer]
    transposition: Transposition | None = None

    def instrument(self, instrument_id: str) -> Instrument | None:
        return next((i for i in self.instruments if i.id == instrument_id), None)


class CaseStatus(StrEnum):
    pending = "pending"
    decided = "decided"
    appeal_pending = "appeal_pending"
    settled = "settled"
    dismissed = "dismissed"
    withdrawn = "withdrawn"


class CaseIssue(StrEnum):
    training = "training"
    outputs = "outputs"
    retrieval = "retrieval"
    fair_use = "fair_use"
    tdm_exception = "tdm_exception"
    pirated_sources = "pirated_sources"
    trademark = "trademark"
    cmi_removal = "cmi_removal"
    secondary_liability = "secondary_liability"
    press_publishers_right = "press_publishers_right"
    output_protection = "output_protection"
    territoriality = "territoriality"
    class_action = "class_action"


class Parties(StrictModel):
    claimants: list[Text] = Field(min_length=1)
    defendants: list[Text] = Field(min_length=1)


class Decision(StrictModel):
    date: Date
    court: Text
    summary: Text
    citations: Citations


class Case(StrictModel):
    id: Slug
    title: Text
    jurisdiction: JurisdictionCode
    court: Text
    docket: Text | None = None
    parties: Parties
    filed: Date | None = None
    status: CaseStatus
    issues: list[CaseIssue] = Field(min_length=1)
    decisions: list[Decision] = Field(default_factory=list)
    holding: Text
    related: list[JurisdictionCode] = Field(default_factory=list)
    confidence: Confidence
    reviewed: Date
    sources: Citations


class EventKind(StrEnum):
    statute = "statute"
    regulation = "regulation"
    guidance = "guidance"
    consultation = "consultation"
    consultation_outcome = "consultation_outcome"
    code_of_practice = "code_of_practice"
    official_statement = "official_statement"
    industry_demand = "industry_demand"
    judgment = "judgment"
    bill = "bill"
    report = "report"
    filing = "filing"
    settlement = "settlement"


class Event(StrictModel):
    id: Slug
    date: Date
    kind: EventKind
    jurisdictions: list[JurisdictionCode] = Field(min_length=1)
    title: Text
    summary: Text
    actors: list[Text] = Field(default_factory=list)
    party_position: StrictBool = False
    cases: list[Slug] = Field(default_factory=list)
    confidence: Confidence
    sources: Citations


class EventsFile(StrictModel):
    events: list[Event]


class CrawlerPurpose(StrEnum):
    training = "training"
    search = "search"
    user_fetch = "user_fetch"
    agent = "agent"
    other = "other"


class Crawler(StrictModel):
    """An AI crawler or agent as robots.txt names it."""

    token: Text = Field(description="The user-agent product token used in robots.txt.")
    operator: Text
    purpose: CrawlerPurpose = Field(description="Our classification of `function`.")
    honours_robots_txt: Literal["yes", "no", "unclear"] = Field(description="Whether the operator says it honours robots.txt.")
    function: Text = Field(description="What the source says the crawler does, verbatim.")
    also_listed_as: list[Text] = Field(default_factory=list, description="Other spellings of the token in the source.")
    documentation: Url | None = None
    reviewed: Date


class CrawlerSource(StrictModel):
    title: Text
    url: Url
    licence: Text
    version: Text
    retrieved: Date


class CrawlersFile(StrictModel):
    source: CrawlerSource
    crawlers: list[Crawler] = Field(min_length=1)


class StandardStatus(StrEnum):
    standard = "standard"
    final_report = "final_report"
    draft = "draft"
    convention = "convention"


class LegalWeight(StrictModel):
    """What a standard counts for in one jurisdiction's law."""

    jurisdiction: JurisdictionCode
    effect: Text
    citations: Citations


class OptoutStandard(StrictModel):
    id: Slug
    name: Text
    status: StandardStatus
    version: Text = Field(description="The version the kit implements, pinned.")
    expresses: Text = Field(description="What a rights holder can say with it.")
    syntax: Text = Field(description="A minimal example.")
    legal_weight: list[LegalWeight] = Field(default_factory=list)
    confidence: Confidence
    status_note: Text | None = None
    sources: Citations


class OptoutStandardsFile(StrictModel):
    standards: list[OptoutStandard] = Field(min_length=1)


class NoticeElement(StrictModel):
    """One thing a notice must (or customarily does) contain, with the words that show it is there."""

    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(\.[A-Za-z0-9-]+)+$")]
    pinpoint: Text
    required: StrictBool
    name: Text
    description: Text = Field(description="What the element is, in our words.")
    satisfied_by: Text = Field(description="What in a notice satisfies it.")
    signals: list[Text] = Field(min_length=1, description="Regular expressions (case-insensitive) that find the element in a notice's sentences.")
    weak_signals: list[Text] = Field(
        default_factory=list,
        description="Regular expressions for wording that points at the element without meeting it (e.g. 'good faith' without 'belief'): verdict 'unclear'.",
    )


class NoticeRegime(StrictModel):
    """What a valid notice must contain under one instrument."""

    id: Slug
    name: Text
    jurisdiction: JurisdictionCode
    recipient: Text
    deadlines: Text
    penalty: Text
    confidence: Confidence
    status: Status = Status.verified
    status_note: Text | None = None
    elements: list[NoticeElement] = Field(min_length=1)
    reviewed: Date
    sources: Citations


def nested_models(annotation: Any) -> list[type[BaseModel]]:
    """The model classes inside a field's type, e.g. `Citation` in `list[Citation] | None`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found: list[type[BaseModel]] = []
    for arg in getattr(annotation, "__args__", ()) or ():
        found.extend(nested_models(arg))
    return found

MODEL_OF: dict[str, type[BaseModel]] = {
    "questions": QuestionsFile,
    "jurisdiction": Jurisdiction,
    "case": Case,
    "events": EventsFile,
    "crawlers": CrawlersFile,
    "optout_standards": OptoutStandardsFile,
    "notice_regime": NoticeRegime,
}
