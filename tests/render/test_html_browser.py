"""The brief page in headless Debian Chromium (Playwright drives the system browser: no downloads)."""
from __future__ import annotations

import os

import pytest

from storyweave.render.html import render_html

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
HIGHLIGHT = "rgb(255, 226, 122)"  # --hl in brief.css

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM),
                       reason=f"BROWSER TESTS NOT RUN: {CHROMIUM} is missing (apt-get install -y chromium)"),
]


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="BROWSER TESTS NOT RUN: playwright is missing")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page_file(brief, tmp_path):
    path = tmp_path / "brief.html"
    path.write_text(render_html(brief), "utf-8")
    return path


def _open(browser, path, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    fetched = []
    page.on("request", lambda r: fetched.append(r.url))
    page.goto(path.as_uri())
    return page, fetched


def test_clicking_a_summary_citation_highlights_the_cited_sentence(browser, page_file):
    page, fetched = _open(browser, page_file, 1280)
    target = page.locator("span.sent#" + "ledger\\ \\&\\ co\\.txt\\#0")
    assert target.evaluate("e => getComputedStyle(e).backgroundColor") != HIGHLIGHT
    page.locator(".summary a.cite").first.click()
    assert page.evaluate("decodeURIComponent(location.hash)") == "#ledger & co.txt#0"
    assert page.evaluate("document.querySelector(':target').id") == "ledger & co.txt#0"
    assert target.evaluate("e => getComputedStyle(e).backgroundColor") == HIGHLIGHT
    box = target.bounding_box()
    assert 0 <= box["y"] < 900  # scrolled into view
    assert fetched == [page_file.as_uri()]  # nothing but the page itself was loaded
    page.close()


def test_fits_a_phone_screen(browser, page_file):
    page, _ = _open(browser, page_file, 390)
    # nothing wider than the screen except inside the scrollable matrix box
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # divergence variants stack on a phone: B below A, not beside it
    a, b = page.locator(".variants th").nth(0).bounding_box(), page.locator(".variants th").nth(1).bounding_box()
    assert b["y"] > a["y"] + a["height"] and abs(b["x"] - a["x"]) < 2
    page.close()


PARTS = ("summary", "divergences", "agreements", "unique", "quotes", "timeline")


def _evidence_of(data, part):
    items = [v for d in data[part] for v in d["variants"]] if part == "divergences" else data[part]
    return {e["sentence"]: e["text"] for item in items for e in item["evidence"]}


def test_every_chip_of_every_kind_highlights_its_evidence_sentence(browser, evidence_dict, tmp_path):
    path = tmp_path / "brief.html"
    path.write_text(render_html(evidence_dict), "utf-8")
    page, _ = _open(browser, path, 1280)
    for part in PARTS:
        evidence = _evidence_of(evidence_dict, part)
        chips = page.locator(f"#{part} a.cite")
        assert chips.count(), part
        for i in range(chips.count()):
            chip = chips.nth(i)
            chip.click()
            target = page.locator(":target")
            assert target.count() == 1, part
            sid = target.evaluate("e => e.id")
            assert target.evaluate("e => e.classList.contains('sent')"), (part, sid)
            assert sid in evidence, (part, sid)  # the cited outlet's own sentence, not its article card
            assert target.inner_text().strip() == evidence[sid], part
            assert chip.get_attribute("title").endswith(evidence[sid]), part  # the chip says what it points at
            assert target.evaluate("e => getComputedStyle(e).backgroundColor") == HIGHLIGHT, part
            assert 0 <= target.bounding_box()["y"] < 900, part
    page.close()
