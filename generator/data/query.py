"""Views of the atlas as of a date: the answer in force then, from `since` and `history`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.data.models import Answer, Citation


@dataclass(frozen=True)
class AnswerInForce:
    """The value of one answer on one date, with the sources for that period."""

    value: str
    summary: str
    since: dt.date | None
    until: dt.date | None
    citations: tuple[Citation, ...]
    current: bool


def in_force(answer: Answer, on: dt.date | None = None) -> AnswerInForce | None:
    """The value that applied on `on` (today's value when `on` is None); None if nothing was recorded then.

    An answer without `since` is taken to hold for any date after its history ends.
    """
    current = AnswerInForce(answer.value, answer.summary, answer.since, None, tuple(answer.citations), True)
    if on is None or answer.since is None and not answer.history or answer.since is not None and on >= answer.since:
        return current
    for entry in reversed(answer.history):
        if on <= entry.until and (entry.since is None or on >= entry.since):
            return AnswerInForce(entry.value, entry.summary, entry.since, entry.until, tuple(entry.citations), False)
    if answer.since is None and answer.history and on > answer.history[-1].until:
        return current
    return None
