"""The whole atlas in one stable shape, as JSON or as a CSV of answers (documented in docs/data.md)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from generator.data.load import Atlas

EXPORT_FORMAT = 1
"""Bumped when the exported shape changes in a way that breaks readers."""

CSV_COLUMNS = [
    "jurisdiction", "name", "region", "question", "value", "label", "since", "basis", "confidence",
    "status", "summary", "sources", "reviewed",
]


def as_dict(atlas: Atlas) -> dict[str, Any]:
    """Questions, jurisdictions (by code, answers in question order), cases (by id) and events (by date)."""
    order = [q.id for q in atlas.questions]
    jurisdictions = []
    for code in sorted(atlas.jurisdictions):
        record = atlas.jurisdictions[code].model_dump(mode="json")
        record["answers"] = {q: record["answers"][q] for q in order if q in record["answers"]}
        jurisdictions.append(record)
    return {
        "format": EXPORT_FORMAT,
        "questions": [q.model_dump(mode="json") for q in atlas.questions],
        "jurisdictions": jurisdictions,
        "cases": [atlas.cases[i].model_dump(mode="json") for i in sorted(atlas.cases)],
        "events": [e.model_dump(mode="json") for e in sorted(atlas.events, key=lambda e: (e.date, e.id))],
    }


def to_json(atlas: Atlas) -> str:
    return json.dumps(as_dict(atlas), ensure_ascii=False, indent=2) + "\n"


def to_csv(atlas: Atlas) -> str:
    """One row per jurisdiction and question; sources joined as `pinpoint <url>` separated by ` | `."""
    out = io.StringIO()
    writer = csv.DictWriter(out, CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for code in sorted(atlas.jurisdictions):
        jurisdiction = atlas.jurisdictions[code]
        for question in atlas.questions:
            answer = jurisdiction.answers[question.id]
            option = question.option(answer.value)
            writer.writerow({
                "jurisdiction": code,
                "name": jurisdiction.name,
                "region": jurisdiction.region.value,
                "question": question.id,
                "value": answer.value,
                "label": option.label if option else "",
                "since": answer.since.isoformat() if answer.since else "",
                "basis": answer.basis.value,
                "confidence": answer.confidence.value,
                "status": answer.status.value,
                "summary": " ".join(answer.summary.split()),
                "sources": " | ".join(f"{c.pinpoint} <{c.url}>" for c in answer.citations),
                "reviewed": jurisdiction.reviewed.isoformat(),
            })
    return out.getvalue()
