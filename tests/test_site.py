"""The site built from the small fixture atlas: what a reader finds on each kind of page."""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURE, ROOT

from generator.data import load_atlas
from generator.data.export import as_dict
from generator.errors import DataError
from generator.site.build import build_site, generate


def copy_project(target: Path) -> Path:
    """A copy of the project's site sources with the small fixture atlas as its data."""
    for name in ("docs", "templates"):
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("atlas"))
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(FIXTURE, target / "data")
    return target


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("site"))
    build_site(project / "data", project)
    return project / "site"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path)


def visible_text(page: Path) -> str:
    """The text a reader sees in the page's article, tags removed."""
    article = re.search(r"<article.*?</article>", page.read_text("utf-8"), re.S)
    assert article, page
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", article.group(0))))


def test_jurisdiction_page_shows_answers_sources_history_cases_and_events(built: Path) -> None:
    page = built / "atlas" / "jurisdictions" / "xa" / "index.html"
    text = visible_text(page)
    assert text.startswith(" Examplia (エグザンプリア)")
    assert "Broad, no opt-out since 2019-01-01 · basis: statute · confidence: high" in text
    assert "Copyright Act of Examplia, Art. 30-4 · retrieved 2026-11-01" in text
    assert "Broad, no opt-out 2010-01-01 to 2018-12-31: A narrower analysis exception." in text
    assert "Artist v Robot Co" in text and "Association asks Robot Co for prior permission (a party's position)" in text
    assert "Not legal advice" in text
    source = page.read_text("utf-8")
    assert 'href="https://example.org/xa/copyright-act#a30-4"' in source
    assert 'href="../../downloads/jurisdictions/xa.json"' in source
    assert json.loads((built / "atlas" / "downloads" / "jurisdictions" / "xa.json").read_text())["code"] == "XA"


def test_question_page_groups_jurisdictions_by_answer(built: Path) -> None:
    text = visible_text(built / "atlas" / "questions" / "opt_out" / "index.html")
    assert "No opt-out ¶ No opt-out No opt-out. Examplia · since 2019-01-01 · confidence medium" in text
    assert "Opt-in ¶ Opt-in Permission required. Testland · confidence high" in text


def test_matrix_has_a_row_per_jurisdiction_with_its_answers(built: Path) -> None:
    source = (built / "atlas" / "matrix" / "index.html").read_text("utf-8")
    rows = re.findall(r'<tr data-region="(\w+)" data-code="(\w+)" data-tdm-exception="(\w+)" data-opt-out="(\w+)">', source)
    assert rows == [("asia_pacific", "XA", "broad_no_optout", "no_optout"), ("europe", "XB", "none", "permission_required")]


def test_cases_timeline_and_case_page(built: Path) -> None:
    assert 'data-status="pending" data-jurisdiction="XA" data-issues="training"' in (built / "atlas" / "cases" / "index.html").read_text()
    case = visible_text(built / "atlas" / "cases" / "xa-v-robot" / "index.html")
    assert "Status: pending" in case and "Pending; no decision yet." in case and "Court docket, entry 1" in case
    timeline = visible_text(built / "atlas" / "timeline" / "index.html")
    assert "2025-10-27 industry demand XA Association asks Robot Co for prior permission (a party's position)" in timeline


def test_data_page_downloads_and_coverage(built: Path) -> None:
    exported = json.loads((built / "atlas" / "downloads" / "atlas.json").read_text())
    assert exported == as_dict(load_atlas(FIXTURE)[0])
    assert (built / "atlas" / "downloads" / "atlas.csv").read_text().startswith("jurisdiction,name,region,question")
    text = visible_text(built / "atlas" / "data" / "index.html")
    assert "Examplia 1 (1) high 1 (1) medium 2026-11-01 Testland 1 (1) high 1 (1) high" in text
    assert "no change history is available" in visible_text(built / "atlas" / "changes" / "index.html").lower()


def test_home_map_links_each_covered_country(built: Path) -> None:
    source = (built / "index.html").read_text("utf-8")
    assert "2 jurisdictions" in visible_text(built / "index.html").replace("  ", " ")
    assert source.count('class="ra-country ra-map-not_covered"') > 150  # fictional codes have no shape


def test_text_from_data_is_escaped(project: Path) -> None:
    path = project / "data" / "jurisdictions" / "xb.yaml"
    path.write_text(path.read_text().replace("summary: A fictional", "summary: <script>alert(1)</script> A fictional"))
    build_site(project / "data", project)
    page = (project / "site" / "atlas" / "jurisdictions" / "xb" / "index.html").read_text("utf-8")
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; A fictional" in page


def test_invalid_data_stops_the_build_and_writes_nothing(project: Path) -> None:
    generate(project / "data", project)
    before = (project / "docs" / "atlas" / "jurisdictions" / "xb.md").read_text()
    path = project / "data" / "jurisdictions" / "xb.yaml"
    path.write_text(path.read_text().replace("region: europe", "region: atlantis"))
    with pytest.raises(DataError) as caught:
        build_site(project / "data", project)
    assert "xb.yaml:3:9: region: 'atlantis' is not allowed" in str(caught.value)
    assert (project / "docs" / "atlas" / "jurisdictions" / "xb.md").read_text() == before


def test_regeneration_rewrites_only_what_changed(project: Path) -> None:
    total = generate(project / "data", project)
    assert generate(project / "data", project) == 0
    path = project / "data" / "jurisdictions" / "xb.yaml"
    path.write_text(path.read_text().replace("Permission is needed.", "Permission is always needed."))
    changed = generate(project / "data", project)
    assert 0 < changed < total / 2


def test_notices_page_lists_each_regime_with_its_elements(built: Path) -> None:
    text = visible_text(built / "atlas" / "notices" / "index.html")
    assert "Examplia takedown notice (fictional)" in text and "unverified" in text
    assert "Sworn statement xa.1.statement yes The sender swears the notice is accurate." in text
    assert "Courtesy xa.2.thanks customary" in text
    assert 'id="xa-notice"' in (built / "atlas" / "notices" / "index.html").read_text("utf-8")
