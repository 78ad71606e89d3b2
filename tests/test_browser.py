"""The real site in a real browser: Debian's Chromium driven by Playwright, served on localhost."""

from __future__ import annotations

import functools
import http.server
import io
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import ROOT
from docx import Document
from playwright.sync_api import Browser, Page, sync_playwright

from generator.data import load_atlas
from generator.site.build import build_site

CHROMIUM = "/usr/bin/chromium"  # Debian's package; .ci/run and `make test` install it
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's site, built from the real data in a scratch copy of the project."""
    project = tmp_path_factory.mktemp("real")
    for name in ("docs", "templates", "examples"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("atlas"))
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    build_site(ROOT / "data", project)
    return project / "site"


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


ATLAS = load_atlas(ROOT / "data")[0]


def point_inside(page: Page, selector: str) -> tuple[float, float]:
    """A point on screen where the shape itself (not the sea around it) receives the click."""
    page.locator(selector).scroll_into_view_if_needed()
    found = page.evaluate(
        """selector => {
            const target = document.querySelector(selector);
            const box = target.getBoundingClientRect();
            for (let i = 1; i < 20; i++) for (let j = 1; j < 20; j++) {
                const x = box.left + box.width * i / 20, y = box.top + box.height * j / 20;
                const hit = document.elementFromPoint(x, y);
                if (hit && hit.closest(selector) === target) return [x, y];
            }
            return null;
        }""",
        selector,
    )
    assert found, f"no clickable point inside {selector}"
    return found[0], found[1]


def test_home_map_has_a_shape_per_covered_country_and_opens_japan(page: Page, base_url: str) -> None:
    page.goto(base_url + "/")
    codes = set(page.eval_on_selector_all("a.ra-country", "nodes => nodes.map(n => n.dataset.code)"))
    covered = set(ATLAS.jurisdictions) - {"EU"}
    assert covered <= codes
    assert page.locator("a.ra-country[data-code=JP] path").count() == 1
    x, y = point_inside(page, "a.ra-country[data-code=JP]")
    page.mouse.click(x, y)
    page.wait_for_url("**/atlas/jurisdictions/jp/")
    assert page.locator("h1").inner_text().startswith("Japan")


def test_matrix_filter_by_answer_leaves_the_right_rows(page: Page, base_url: str) -> None:
    page.goto(base_url + "/atlas/matrix/")
    page.select_option('[data-filter="question"]', "opt_out")
    page.select_option('[data-filter="answer"]', "machine_readable_reservation")
    visible = page.eval_on_selector_all("[data-ra-matrix] tbody tr:not([hidden])", "rows => rows.map(r => r.dataset.code)")
    expected = sorted(c for c, j in ATLAS.jurisdictions.items() if j.answers["opt_out"].value == "machine_readable_reservation")
    assert sorted(visible) == expected and expected
    assert page.locator("[data-ra-count]").inner_text() == f"{len(expected)} jurisdictions"
    page.select_option('[data-filter="region"]', "europe")
    visible = page.eval_on_selector_all("[data-ra-matrix] tbody tr:not([hidden])", "rows => rows.map(r => r.dataset.code)")
    in_europe = sorted(c for c in expected if ATLAS.jurisdictions[c].region.value == "europe")
    assert sorted(visible) == in_europe and len(in_europe) < len(expected)  # the region filter narrows the answer filter


def test_matrix_sorts_by_a_column(page: Page, base_url: str) -> None:
    page.goto(base_url + "/atlas/matrix/")
    page.click('button[data-sort="0"]')
    page.click('button[data-sort="0"]')
    names = page.eval_on_selector_all("[data-ra-matrix] tbody th", "cells => cells.map(c => c.innerText.trim())")
    assert names == sorted(names, key=str.lower, reverse=True)


def test_compare_from_the_url_shows_three_columns_with_the_right_answers(page: Page, base_url: str) -> None:
    page.goto(base_url + "/atlas/compare/?j=JP,EU,US")
    headers = page.eval_on_selector_all("[data-ra-compare] thead th", "cells => cells.map(c => c.innerText.trim())")
    assert headers == ["Question", "Japan", "European Union", "United States"]
    for code in ("JP", "EU", "US"):
        question = ATLAS.question("opt_out")
        assert question is not None
        expected = question.option(ATLAS.jurisdictions[code].answers["opt_out"].value).label  # type: ignore[union-attr]
        row = page.locator("[data-ra-compare] tbody tr", has_text="Opt-out mechanism")
        assert row.locator(f'td[data-code="{code}"] .ra-answer').inner_text() == expected
    page.select_option('select[name="j3"]', "GB")
    assert page.url.endswith("?j=JP%2CEU%2CUS%2CGB")


@pytest.mark.parametrize(("query", "expected"), [("30-4", "Japan"), ("opt-out", "Opt-out mechanism")])
def test_search_finds_the_right_pages(page: Page, base_url: str, query: str, expected: str) -> None:
    page.goto(base_url + "/")
    page.locator(".md-search__input").fill(query)
    results = page.locator(".md-search-result__item")
    results.first.wait_for()
    assert expected in " ".join(results.all_inner_texts()[:5])


def test_matrix_is_usable_on_a_phone(browser: Browser, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(base_url + "/atlas/matrix/")
    # The page itself does not scroll sideways: the table scrolls inside its own box.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.evaluate("document.querySelector('.ra-table-scroll').scrollWidth > document.querySelector('.ra-table-scroll').clientWidth")
    page.select_option('[data-filter="region"]', "europe")
    assert page.locator("[data-ra-matrix] tbody tr:not([hidden])").count() == sum(1 for j in ATLAS.jurisdictions.values() if j.region.value == "europe")
    context.close()


def test_timeline_filters_by_jurisdiction_from_the_url(page: Page, base_url: str) -> None:
    page.goto(base_url + "/atlas/timeline/?j=JP")
    shown = page.eval_on_selector_all(".ra-timeline li:not([hidden])", "items => items.map(i => i.dataset.jurisdictions)")
    assert shown and all("JP" in entry.split() for entry in shown)
    assert any("coda" in text.lower() for text in page.locator(".ra-timeline li:not([hidden]) .ra-title").all_inner_texts())


def test_no_console_errors_and_no_request_leaves_localhost(browser: Browser, base_url: str, site: Path) -> None:
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    foreign: list[str] = []
    page.on("console", lambda message: errors.append(f"{page.url}: {message.text}") if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))
    page.on("request", lambda request: foreign.append(request.url) if urlparse(request.url).hostname not in ("127.0.0.1", None) and not request.url.startswith("data:") else None)
    pages = sorted(p.parent.relative_to(site).as_posix() for p in site.rglob("index.html"))
    assert len(pages) > len(ATLAS.jurisdictions) + len(ATLAS.cases)
    for relative in pages:
        page.goto(f"{base_url}/{'' if relative == '.' else relative + '/'}")
        page.wait_for_load_state("networkidle")
    context.close()
    assert errors == []
    assert foreign == []


@pytest.mark.parametrize("path", ["/", "/atlas/jurisdictions/jp/", "/atlas/matrix/", "/atlas/compare/?j=JP,EU,US"])
def test_no_serious_accessibility_violations(page: Page, base_url: str, path: str) -> None:
    page.goto(base_url + path)
    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], [(v["id"], v["help"], [n["target"] for n in v["nodes"][:3]]) for v in serious]


def test_letter_kit_offers_example_letters_that_open(page: Page, base_url: str) -> None:
    page.goto(base_url + "/atlas/letters/")
    link = page.locator("a", has_text="ja DOCX").first
    href = link.get_attribute("href")
    assert href and href.endswith(".ja.docx")
    response = page.request.get(urljoin(page.url, href))
    assert response.status == 200, (response.status, href)
    document = Document(io.BytesIO(response.body()))
    assert any(p.style.name == "Heading 1" for p in document.paragraphs)
    assert page.locator("h2", has_text="Notice that prior permission is required for machine learning").count() == 1


def test_optout_page_shows_where_it_works_the_standards_and_the_crawlers(page: Page, base_url: str) -> None:
    page.goto(base_url + "/atlas/optout/")
    text = page.locator("article").inner_text()
    assert "Machine-readable reservation" in text and "TDM Reservation Protocol (TDMRep)" in text
    assert page.locator("td code", has_text="GPTBot").count() == 1
    assert "MIT" in text
