"""Render the site's generated files from the atlas: path under docs/ to text.

Decisions (which answers go where, colours, counts) are made here and arrive in the templates
as plain values; templates hold wording and layout only.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from generator.data.coverage import coverage
from generator.data.export import as_dict, to_csv
from generator.data.load import Atlas
from generator.data.models import Answer, Case, Citation, Event, Instrument, Jurisdiction, Question
from generator.data.schema import render_all
from generator.site.changes import Change
from generator.site.letter_kit import KitEntry
from generator.site.worldmap import HEIGHT, WIDTH, shapes

GENERATED = "atlas"
"""The git-ignored folder under docs/ that holds the generated pages."""

EU_MEMBERS = frozenset(
    "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split()
)
"""The 27 member states since 1 February 2020; members without their own entry link to the EU's page."""

MAP_QUESTION = "tdm_exception"
INDEX_COLUMNS = ("tdm_exception", "commercial_training", "opt_out")
"""The questions the jurisdiction list shows at a glance."""


def text(value: object) -> Markup:
    """Data text made safe for a Markdown table cell: HTML escaped, on one line, pipes escaped.

    >>> str(text("<script>alert(1)</script> a | b"))
    '&lt;script&gt;alert(1)&lt;/script&gt; a \\\\| b'
    """
    return Markup(str(escape(" ".join(str(value).split()))).replace("|", "\\|"))


def link(url: str) -> str:
    """A URL safe inside a Markdown link target.

    >>> link("https://en.wikipedia.org/wiki/Fair_use_(US)")
    'https://en.wikipedia.org/wiki/Fair_use_%28US%29'
    """
    return url.replace("(", "%28").replace(")", "%29").replace("<", "%3C").replace(">", "%3E").replace('"', "%22").replace(" ", "%20")


def json_script(value: Any) -> Markup:
    """JSON that can sit inside a <script> element: no `</script>` can close it early."""
    raw = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return Markup(raw.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def _tone(question: Question, value: str) -> str:
    """The colour of an answer's tag: its place in the question's list, so each answer keeps one colour."""
    index = next((i for i, o in enumerate(question.answers) if o.value == value), 5)
    return "unclear" if value == "unclear" else str(min(index, 5))


def badge(question: Question, value: str) -> Markup:
    """An answer's label in a coloured tag."""
    option = question.option(value)
    label = escape(option.label if option else value)
    return Markup(f'<span class="ra-answer ra-tone-{_tone(question, value)}" data-value="{escape(value)}">{label}</span>')


def citation(c: Citation, instruments: dict[str, Instrument] | None = None) -> Markup:
    """A citation as a Markdown list item's text: linked source and pinpoint, retrieval date."""
    known = (instruments or {}).get(c.instrument or "")
    source = known.title if known else (c.instrument or c.title or "")
    secondary = " *(secondary source)*" if c.secondary else ""
    return Markup(f"[{text(source)}, {text(c.pinpoint)}]({link(c.url)}){secondary} · retrieved {c.retrieved}")


def _json(value: Any) -> str:
    """Compact JSON for downloads (the C encoder; indenting would take most of the build time)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"


def environment(templates: Path) -> Environment:
    env = Environment(
        loader=FileSystemLoader(templates),
        undefined=StrictUndefined,
        autoescape=True,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(text=text, link=link, json_script=json_script, label=lambda value: value.replace("_", " "))
    env.globals.update(badge=badge, citation=citation)
    return env


@dataclass(frozen=True)
class MapShape:
    code: str
    name: str
    path: str
    value: str
    label: str
    href: str
    marker: tuple[float, float] | None


def _map(atlas: Atlas, question: Question) -> list[MapShape]:
    """Every country shape with what the map shows for it: its own answer, the EU's, or nothing."""
    eu = atlas.jurisdictions.get("EU")
    result = []
    for shape in shapes():
        own = atlas.jurisdictions.get(shape.code)
        source = own or (eu if shape.code in EU_MEMBERS else None)
        if source is None:
            value, label, href = "not_covered", "Not covered yet", ""
        else:
            value = source.answers[question.id].value
            option = question.option(value)
            label = (option.label if option else value) + ("" if own else " (EU law; no national entry yet)")
            href = f"{GENERATED}/jurisdictions/{source.code.lower()}/"
        tiny = source is not None and shape.size < 4
        result.append(MapShape(shape.code, own.name if own else shape.name, shape.path, value, label, href, shape.centre if tiny else None))
    return result


def _answer_counts(questions: list[Question], jurisdictions: list[Jurisdiction]) -> dict[str, list[tuple[Any, int]]]:
    """Per question, each answer given by at least one jurisdiction and how many give it."""
    counts = {}
    for q in questions:
        given = [j.answers[q.id].value for j in jurisdictions]
        counts[q.id] = [(o, given.count(o.value)) for o in q.answers if o.value in given]
    return counts


def _optout_groups(atlas: Atlas, jurisdictions: list[Jurisdiction]) -> list[tuple[Any, list[Jurisdiction]]]:
    question = atlas.question("opt_out")
    if question is None:
        return []
    return [(o, [j for j in jurisdictions if j.answers[question.id].value == o.value]) for o in question.answers]


def _updates(changes: list[Change]) -> list[list[Change]]:
    """Changes grouped by the update (commit) they came in, newest update first."""
    groups: dict[str, list[Change]] = {}
    for change in changes:
        groups.setdefault(change.commit, []).append(change)
    return list(groups.values())


def _cases_of(atlas: Atlas, code: str) -> list[Case]:
    return sorted((c for c in atlas.cases.values() if c.jurisdiction == code or code in c.related), key=lambda c: c.title)


def _events_of(atlas: Atlas, code: str) -> list[Event]:
    return sorted((e for e in atlas.events if code in e.jurisdictions), key=lambda e: e.date, reverse=True)


def _compare_data(atlas: Atlas, jurisdictions: list[Jurisdiction]) -> dict[str, Any]:
    """What the compare page's script needs: labels, answers and first sources, nothing more."""
    return {
        "questions": [{"id": q.id, "short": q.short, "question": q.question} for q in atlas.questions],
        "jurisdictions": {
            j.code: {
                "name": j.name,
                "href": f"../jurisdictions/{j.code.lower()}/",
                "reviewed": j.reviewed.isoformat(),
                "answers": {q.id: _compare_answer(q, j.answers[q.id]) for q in atlas.questions},
            }
            for j in jurisdictions
        },
    }


def _compare_answer(question: Question, answer: Answer) -> dict[str, Any]:
    option = question.option(answer.value)
    return {
        "value": answer.value,
        "label": option.label if option else answer.value,
        "tone": _tone(question, answer.value),
        "summary": " ".join(answer.summary.split()),
        "since": answer.since.isoformat() if answer.since else None,
        "confidence": answer.confidence.value,
        "sources": [{"pinpoint": c.pinpoint, "url": c.url} for c in answer.citations[:3]],
    }


def render_pages(atlas: Atlas, templates: Path, changes: list[Change], today: dt.date, kit: list[KitEntry] | None = None) -> dict[str, str]:
    """Every generated text file, keyed by its path under docs/."""
    env = environment(templates)
    questions = atlas.questions
    by_name = sorted(atlas.jurisdictions.values(), key=lambda j: j.name)
    cases = sorted(atlas.cases.values(), key=lambda c: (c.decisions[-1].date if c.decisions else c.filed or dt.date.min), reverse=True)
    events = sorted(atlas.events, key=lambda e: (e.date, e.id), reverse=True)
    names = {j.code: j.name for j in by_name}
    map_question = atlas.question(MAP_QUESTION) or questions[0]
    common = {"questions": questions, "names": names, "today": today}
    g = GENERATED
    pages: dict[str, str] = {
        f"{g}/_home.html": env.get_template("home.html.j2").render(
            **common, shapes=_map(atlas, map_question), map_question=map_question, width=WIDTH, height=HEIGHT,
            jurisdictions=by_name, cases=cases, events=events[:6], event_count=len(events),
        ),
        f"{g}/jurisdictions/index.md": env.get_template("jurisdictions.md.j2").render(
            **common, jurisdictions=by_name, columns=[q for q in questions if q.id in INDEX_COLUMNS] or questions[:2],
        ),
        f"{g}/questions/index.md": env.get_template("questions.md.j2").render(**common, counts=_answer_counts(questions, by_name)),
        f"{g}/matrix.md": env.get_template("matrix.md.j2").render(**common, jurisdictions=by_name),
        f"{g}/compare.md": env.get_template("compare.md.j2").render(**common, data=_compare_data(atlas, by_name), jurisdictions=by_name),
        f"{g}/cases/index.md": env.get_template("cases.md.j2").render(**common, cases=cases),
        f"{g}/timeline.md": env.get_template("timeline.md.j2").render(**common, items=_timeline(atlas, events)),
        f"{g}/data.md": env.get_template("data.md.j2").render(**common, coverage=coverage(atlas), jurisdictions=by_name),
        f"{g}/changes.md": env.get_template("changes.md.j2").render(**common, changes=changes, updates=_updates(changes)),
        f"{g}/downloads/atlas.json": _json(as_dict(atlas)),
        f"{g}/downloads/atlas.csv": to_csv(atlas),
        f"{g}/feed.xml": env.get_template("feed.xml.j2").render(**common, changes=changes[:30]),
        f"{g}/optout.md": env.get_template("optout.md.j2").render(
            **common, groups=_optout_groups(atlas, by_name), standards=atlas.standards, crawlers=sorted(atlas.crawlers, key=lambda c: c.token.lower()),
            crawler_source=atlas.crawler_source,
        ),
        f"{g}/notices.md": env.get_template("notices.md.j2").render(**common, regimes=sorted(atlas.regimes.values(), key=lambda r: r.id)),
        f"{g}/letters.md": env.get_template("letters.md.j2").render(
            **common, entries=kit or [], folder=f"{g}/letters", question_names={q.id: q.short for q in questions},
        ),
    }
    for name, schema in render_all(questions).items():
        pages[f"{g}/downloads/{name}"] = schema
    for j in by_name:
        pages[f"{g}/jurisdictions/{j.code.lower()}.md"] = env.get_template("jurisdiction.md.j2").render(
            **common, j=j, instruments={i.id: i for i in j.instruments}, cases=_cases_of(atlas, j.code), events=_events_of(atlas, j.code),
            eu=atlas.jurisdictions.get("EU") if "EU" in j.member_of else None,
        )
        pages[f"{g}/downloads/jurisdictions/{j.code.lower()}.json"] = _json(j.model_dump(mode="json"))
    for q in questions:
        groups = [(option, [j for j in by_name if j.answers[q.id].value == option.value]) for option in q.answers]
        pages[f"{g}/questions/{q.id}.md"] = env.get_template("question.md.j2").render(**common, q=q, groups=groups)
    for case in cases:
        pages[f"{g}/cases/{case.id}.md"] = env.get_template("case.md.j2").render(
            **common, case=case, events=[e for e in events if case.id in e.cases]
        )
    return pages


@dataclass(frozen=True)
class TimelineItem:
    date: dt.date
    kind: str
    title: str
    summary: str
    jurisdictions: list[str]
    href: str | None
    sources: list[Any]
    party_position: bool


def _timeline(atlas: Atlas, events: list[Event]) -> list[TimelineItem]:
    """Events and court decisions together, newest first."""
    items = [
        TimelineItem(e.date, e.kind.value, e.title, e.summary, list(e.jurisdictions),
                     f"../cases/{e.cases[0]}/" if e.cases else None, list(e.sources), e.party_position)
        for e in events
    ]
    for case in atlas.cases.values():
        for decision in case.decisions:
            items.append(TimelineItem(decision.date, "decision", f"{case.title}: {decision.court}", decision.summary,
                                      [case.jurisdiction], f"../cases/{case.id}/", list(decision.citations), False))
    return sorted(items, key=lambda i: (i.date, i.title), reverse=True)
