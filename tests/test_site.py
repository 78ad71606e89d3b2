"""The minimal site: generated pages from the data, built by MkDocs in strict mode."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURE, ROOT

from generator.errors import DataError
from generator.site.build import build_site, generate


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project's site sources with the small fixture atlas as its data."""
    for name in ("docs", "templates"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("atlas"))
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(FIXTURE, tmp_path / "data")
    return tmp_path


def visible_text(page: Path) -> str:
    """The text a reader sees in the page's article, tags removed."""
    article = re.search(r"<article.*?</article>", page.read_text("utf-8"), re.S)
    assert article, page
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", article.group(0))))


def test_jurisdiction_page_shows_answers_sources_and_history(project: Path) -> None:
    build_site(project / "data", project)
    text = visible_text(project / "site" / "atlas" / "xa" / "index.html")
    assert "Examplia (エグザンプリア)" in text
    assert "Broad, no opt-out — since 2019-01-01 · basis: statute · confidence: high" in text
    assert "Copyright Act of Examplia, Art. 30-4" in text
    assert "Broad, no opt-out (2010-01-01 to 2018-12-31): A narrower analysis exception." in text
    assert "Not legal advice" in text
    page = (project / "site" / "atlas" / "xa" / "index.html").read_text("utf-8")
    assert 'href="https://example.org/xa/copyright-act#a30-4"' in page


def test_index_links_every_jurisdiction(project: Path) -> None:
    build_site(project / "data", project)
    page = (project / "site" / "atlas" / "index.html").read_text("utf-8")
    assert 'href="xa/"' in page and 'href="xb/"' in page


def test_text_from_data_is_escaped(project: Path) -> None:
    path = project / "data" / "jurisdictions" / "xb.yaml"
    path.write_text(path.read_text().replace("summary: A fictional", "summary: <script>alert(1)</script> A fictional"))
    build_site(project / "data", project)
    page = (project / "site" / "atlas" / "xb" / "index.html").read_text("utf-8")
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; A fictional" in page


def test_invalid_data_stops_the_build_and_writes_nothing(project: Path) -> None:
    generate(project / "data", project)
    before = (project / "docs" / "atlas" / "xb.md").read_text()
    path = project / "data" / "jurisdictions" / "xb.yaml"
    path.write_text(path.read_text().replace("region: europe", "region: atlantis"))
    with pytest.raises(DataError) as caught:
        build_site(project / "data", project)
    assert "xb.yaml:3:9: region: 'atlantis' is not allowed" in str(caught.value)
    assert (project / "docs" / "atlas" / "xb.md").read_text() == before


def test_regeneration_rewrites_only_what_changed(project: Path) -> None:
    assert generate(project / "data", project) == 3
    assert generate(project / "data", project) == 0
    path = project / "data" / "jurisdictions" / "xb.yaml"
    path.write_text(path.read_text().replace("Permission is needed.", "Permission is always needed."))
    assert generate(project / "data", project) == 1
