"""``rumour report``: the static site, read as HTML and opened in a real headless Chromium.

The browser tests use Debian's ``chromium`` (``.ci/run`` installs it) driven by
Playwright; where no browser is installed they are skipped, and say so.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from schedules.cli import cli
from schedules.report import build_report
from tests.schedules.test_alerts import T0, T1, make_config, official, record, rumour
from verifier.store import Store
from verifier.store.repository import StatementSpec
from verifier.windows import Window

CHROMIUM = os.environ.get("RUMOUR_TEST_CHROMIUM") or shutil.which("chromium")
EVIL = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def claim(title: str, value: str, quote: str, url: str = "https://news.example/a",
          season: int | None = 2) -> StatementSpec:  # fmt: skip
    return StatementSpec(
        title, season, Window.from_value(value), "rumour",
        quotes=({"text": quote, "start": 0, "end": len(quote), "field": "text"},),
        source_url=url, announced=dt.date(2026, 3, 10),
    )  # fmt: skip


@pytest.fixture
def site_dir(store: Store, tmp_path: Path) -> Path:
    """A report of two titles: one with four claims (one open-ended) and an official date,
    one whose scraped text tries to add markup and a script link."""
    config = make_config({}, titles="all")
    record(store, config, [rumour(), rumour(value="2027"), rumour(value="2027-Q1"),
                           claim("All of Us Are Dead", "2027..", "It returns in 2027 or later.")],
           "claim", T0)  # fmt: skip
    record(store, config, [official()], "official", T1)
    record(store, config, [claim(f"Night {EVIL} Harbor", "2026-11", f"Insiders: {EVIL}",
                                 url="javascript:alert(1)")], "claim", T1)  # fmt: skip
    out = tmp_path / "site"
    with store.transaction() as session:
        report = build_report(session, out, now=T1)
    assert (report.titles, report.claims) == (2, 5)
    return out


def test_the_site_is_plain_files_with_scraped_text_escaped(site_dir: Path) -> None:
    index = (site_dir / "index.html").read_text()
    pages = sorted(p.name for p in (site_dir / "titles").iterdir())
    assert pages == ["all-of-us-are-dead.html", "night-script-alert-x-script-img-src-x-onerror-"
                     "alert-1-harbor.html"]  # fmt: skip
    assert 'href="titles/all-of-us-are-dead.html"' in index
    evil_page = (site_dir / "titles" / pages[1]).read_text()
    for text in (index, evil_page):
        assert "<script" not in text and "<img" not in text
        assert "&lt;script&gt;" in text
    assert 'href="javascript' not in evil_page  # no link for a URL that is not http(s)
    page = (site_dir / "titles" / pages[0]).read_text()
    assert page.count('class="bar"') == 4
    assert page.count('class="official-mark"') == 1
    assert page.count('class="arrow"') == 1  # the open-ended claim
    # labels in words, not colour alone: each row and each claim says its label
    assert re.findall(r'class="row-label"[^>]*>(\w+)<', page) == [
        "CONTRADICTED",
        "CONFIRMED",
        "CONFIRMED",
        "CONFIRMED",
    ]
    assert 'role="img"' in page and '<title id="timeline-title">' in page


def test_rumour_report_writes_the_site_and_prints_its_path(
    site_dir: Path, tmp_path: Path, database_url: str
) -> None:
    out = tmp_path / "again"
    result = CliRunner().invoke(cli, ["--database", database_url, "report", "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"wrote 2 title pages (5 claims): {(out / 'index.html').resolve().as_uri()}\n"
    )
    blocked = tmp_path / "file"
    blocked.write_text("not a directory")
    result = CliRunner().invoke(cli, ["--database", database_url, "report", "-o", str(blocked)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


@pytest.fixture
def browser() -> Iterator[Any]:
    if CHROMIUM is None:
        pytest.skip("no chromium: install Debian's chromium package (.ci/run does)")
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM,
                                              args=["--no-sandbox"])  # fmt: skip
        try:
            yield launched
        finally:
            launched.close()


def test_in_chromium_the_pages_load_from_disk_cleanly_with_one_bar_per_claim(
    site_dir: Path, browser: Any, tmp_path: Path
) -> None:
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning")
            else None)  # fmt: skip
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url}"))
    page.on("dialog", lambda d: problems.append(f"dialog: {d.message}"))
    page.goto((site_dir / "index.html").as_uri())
    assert page.title() == "Release-date claims and their verdicts"
    assert page.locator("tbody tr").count() == 2
    page.get_by_role("link", name="All of Us Are Dead").click()
    page.wait_for_load_state()
    assert page.url.endswith("/titles/all-of-us-are-dead.html")
    assert page.locator("svg.timeline rect.bar").count() == 4
    assert page.locator("svg.timeline").get_attribute("role") == "img"
    box = page.locator("svg.timeline").bounding_box()
    assert box is not None and box["width"] > 800  # the SVG scales to the page
    # the stylesheet loaded from disk: a contradicted bar is red
    fill = page.locator(".label-contradicted rect.bar").evaluate("e => getComputedStyle(e).fill")
    assert fill == "rgb(207, 34, 46)"
    shot = tmp_path / "report.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    page.goto(next((site_dir / "titles").glob("night-*")).as_uri())
    assert page.locator("svg.timeline rect.bar").count() == 1
    assert page.locator("script, img").count() == 0
    assert problems == []
