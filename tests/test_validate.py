"""Validation: every problem reported at once, each with file, line, column, field and what fits."""

from __future__ import annotations

import datetime as dt

from conftest import FixtureAtlas

from generator.data import load_atlas
from generator.data.query import in_force


def test_fixture_atlas_is_valid(atlas_copy: FixtureAtlas) -> None:
    atlas, warnings = atlas_copy.load()
    assert sorted(atlas.jurisdictions) == ["XA", "XB"]
    assert atlas.jurisdictions["XA"].name_local == "エグザンプリア"
    assert list(atlas.cases) == ["xa-v-robot"]
    assert warnings == []


def test_answer_outside_the_allowed_set(atlas_copy: FixtureAtlas) -> None:
    atlas_copy.edit("jurisdictions/xa.yaml", "value: no_optout", "value: maybe")
    assert atlas_copy.errors() == ["data/jurisdictions/xa.yaml:48:12: answers.opt_out.value: 'maybe' is not one of: no_optout, permission_required"]


def test_unknown_field_is_an_error_with_a_suggestion(atlas_copy: FixtureAtlas) -> None:
    atlas_copy.edit("jurisdictions/xa.yaml", "    summary: Analysis is permitted", "    sumary: Analysis is permitted")
    assert atlas_copy.errors() == [
        "data/jurisdictions/xa.yaml:18:3: answers.tdm_exception.summary: required field is missing",
        "data/jurisdictions/xa.yaml:20:5: answers.tdm_exception.sumary: unknown field 'sumary' (did you mean 'summary'?)",
    ]


def test_all_errors_of_all_files_in_one_run(atlas_copy: FixtureAtlas) -> None:
    atlas_copy.edit("jurisdictions/xa.yaml", "confidence: high", "confidence: certain")
    atlas_copy.edit("jurisdictions/xb.yaml", "region: europe", "region: Europe")
    atlas_copy.edit("cases/xa-v-robot.yaml", "filed: 2024-01-10", "filed: 2024-02-30")
    assert atlas_copy.errors() == [
        "data/cases/xa-v-robot.yaml:9:8: filed: '2024-02-30' is not a valid date (YYYY-MM-DD)",
        "data/jurisdictions/xa.yaml:22:17: answers.tdm_exception.confidence: 'certain' is not allowed; input should be 'high', 'medium' or 'low'",
        "data/jurisdictions/xb.yaml:3:9: region: 'Europe' is not allowed; input should be 'asia_pacific', 'americas', 'europe' or 'middle_east_africa'",
    ]


def test_wrong_type_and_bad_url(atlas_copy: FixtureAtlas) -> None:
    atlas_copy.edit("jurisdictions/xb.yaml", "name: Testland", "name: 42")
    atlas_copy.edit("jurisdictions/xb.yaml", "url: https://example.org/xb/law#s1", "url: example.org/xb/law")
    assert atlas_copy.errors() == [
        "data/jurisdictions/xb.yaml:2:7: name: input should be a valid string, got 42",
        "data/jurisdictions/xb.yaml:20:14: answers.tdm_exception.citations[0].url: must be an absolute https:// URL without spaces, got 'example.org/xb/law'",
    ]


def test_a_claim_without_a_citation(atlas_copy: FixtureAtlas) -> None:
    text = (atlas_copy.root / "jurisdictions/xb.yaml").read_text()
    start = text.index("    citations:\n      - instrument: XA:")
    atlas_copy.write("jurisdictions/xb.yaml", text[:start] + "    citations: []\n")
    assert atlas_copy.errors() == ["data/jurisdictions/xb.yaml:27:5: answers.opt_out.citations: no source, no claim: at least one citation is required"]


def test_dangling_references(atlas_copy: FixtureAtlas) -> None:
    atlas_copy.edit("jurisdictions/xa.yaml", "      - instrument: copyright-act\n        pinpoint: Art. 30-4\n", "      - instrument: copyrite-act\n        pinpoint: Art. 30-4\n")
    atlas_copy.edit("jurisdictions/xb.yaml", "instrument: XA:copyright-act", "instrument: ZZ:copyright-act")
    atlas_copy.edit("cases/xa-v-robot.yaml", "related: [XB]", "related: [XC]")
    atlas_copy.edit("events.yaml", "cases: [xa-v-robot]", "cases: [xa-v-robots]")
    assert atlas_copy.errors() == [
        "data/cases/xa-v-robot.yaml:13:11: related[0]: unknown jurisdiction 'XC'; add data/jurisdictions/xc.yaml or fix the code",
        "data/events.yaml:10:13: events[0].cases[0]: unknown case 'xa-v-robots' (did you mean 'xa-v-robot'?)",
        "data/jurisdictions/xa.yaml:25:21: answers.tdm_exception.citations[0].instrument: unknown instrument 'copyrite-act' (did you mean 'copyright-act'?); XA lists: copyright-act",
        "data/jurisdictions/xb.yaml:28:21: answers.opt_out.citations[0].instrument: 'ZZ:copyright-act' names unknown jurisdiction 'ZZ'",
    ]


def test_missing_and_unknown_questions(atlas_copy: FixtureAtlas) -> None:
    atlas_copy.edit("jurisdictions/xb.yaml", "  opt_out:\n", "  opt_outt:\n")
    assert atlas_copy.errors() == [
        "data/jurisdictions/xb.yaml:11:1: answers: no answer to question 'opt_out'; every question needs an answer (use 'unclear' with an explanation when the law is unsettled)",
        "data/jurisdictions/xb.yaml:22:3: answers.opt_outt: unknown question 'opt_outt' (did you mean 'opt_out'?)",
    ]


def test_history_that_overlaps_or_runs_backwards(atlas_copy: FixtureAtlas) -> None:
    atlas_copy.edit("jurisdictions/xa.yaml", "since: 2010-01-01\n        until: 2018-12-31", "since: 2009-06-01\n        until: 2019-03-31")
    assert atlas_copy.errors() == [
        "data/jurisdictions/xa.yaml:23:12: answers.tdm_exception.since: current value starts 2019-01-01, but history runs until 2019-03-31",
        "data/jurisdictions/xa.yaml:38:9: answers.tdm_exception.history[1]: overlaps or runs backwards: starts 2009-06-01, but the previous entry ran until 2009-12-31; list history oldest first",
    ]


def test_file_name_must_match_code(atlas_copy: FixtureAtlas) -> None:
    (atlas_copy.root / "jurisdictions/xb.yaml").rename(atlas_copy.root / "jurisdictions/xc.yaml")
    assert atlas_copy.errors() == ["data/jurisdictions/xc.yaml:1:1: code: 'XB' does not match the file name; name the file xb.yaml"]


def test_empty_and_non_mapping_files(atlas_copy: FixtureAtlas) -> None:
    atlas_copy.write("cases/empty.yaml", "")
    atlas_copy.write("cases/list.yaml", "- a\n- b\n")
    assert atlas_copy.errors() == [
        "data/cases/empty.yaml:1:1: file is empty; expected a mapping of fields",
        "data/cases/list.yaml:1:1: expected a mapping of fields, found list",
    ]


def test_stale_review_is_a_warning_not_an_error(atlas_copy: FixtureAtlas) -> None:
    atlas_copy.edit("jurisdictions/xb.yaml", "reviewed: 2026-10-01", "reviewed: 2025-06-30")
    _, warnings = atlas_copy.load()
    assert [str(w) for w in warnings] == ["data/jurisdictions/xb.yaml:5:11: reviewed: stale: last reviewed 2025-06-30, more than a year ago"]


def test_future_review_date_is_an_error(atlas_copy: FixtureAtlas) -> None:
    atlas_copy.edit("jurisdictions/xb.yaml", "reviewed: 2026-10-01", "reviewed: 2027-01-01")
    assert atlas_copy.errors() == ["data/jurisdictions/xb.yaml:5:11: reviewed: review date 2027-01-01 is in the future"]


def test_answers_as_of_a_date(atlas_copy: FixtureAtlas) -> None:
    atlas, _ = atlas_copy.load()
    answer = atlas.jurisdictions["XA"].answers["tdm_exception"]
    assert in_force(answer, dt.date(2005, 1, 1)).value == "none"  # type: ignore[union-attr]
    assert in_force(answer, dt.date(2015, 1, 1)).until == dt.date(2018, 12, 31)  # type: ignore[union-attr]
    assert in_force(answer, dt.date(2019, 1, 1)).current  # type: ignore[union-attr]
    assert in_force(atlas.jurisdictions["XA"].answers["opt_out"], dt.date(2015, 1, 1)) is None


def test_parallel_and_serial_loading_agree(atlas_copy: FixtureAtlas) -> None:
    serial, _ = load_atlas(atlas_copy.root, workers=1, today=dt.date(2026, 11, 25))
    parallel, _ = load_atlas(atlas_copy.root, workers=2, today=dt.date(2026, 11, 25))
    assert serial.jurisdictions == parallel.jurisdictions
