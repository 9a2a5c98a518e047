"""The pages in headless Debian Chromium (Playwright drives the system browser: no downloads)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from webkit import REPO, LiveServer, make_config

from storyweave.web import create_app

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM),
                       reason=f"BROWSER TESTS NOT RUN: {CHROMIUM} is missing (apt-get install -y chromium)"),
]


@pytest.fixture(params=["sqlite"])  # the browser checks the pages; both stores are covered by test_api
def store_url(request, tmp_path):
    return f"sqlite:///{tmp_path / 'web.db'}"


@pytest.fixture
def browser_page():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        errors: list[str] = []
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.errors = errors
        yield page
        browser.close()


def test_open_list_open_story_click_citation_highlights_sentence(store, fixture_story, browser_page):
    page = browser_page
    with LiveServer(create_app(make_config(), store, background=False)) as srv:
        page.goto(srv.url + "/")
        page.click("a.story-title")
        page.wait_for_selector("#summary")
        assert page.title().startswith("Norrvik ferry returns")
        # the second summary sentence is cited by three outlets; click the Island Wire citation
        link = page.locator("#summary a.cite", has_text="Island Wire").first
        target = link.get_attribute("data-targets")
        link.click()
        sentence = page.locator(f"#{target}")
        page.wait_for_function("id => document.getElementById(id).classList.contains('hl')", arg=target)
        assert "Engineers replaced two mooring posts." in sentence.inner_text()
        assert page.locator(".hl").count() == 1
        # it is inside its article, and scrolled into the article pane's view
        assert sentence.evaluate("el => el.closest('section.source').id") == "a2"
        page.wait_for_timeout(700)  # smooth scrolling
        box, pane = sentence.bounding_box(), page.locator("#sources").bounding_box()
        assert pane["y"] <= box["y"] <= pane["y"] + pane["height"]
        # the highlight is visible: a background colour is applied
        bg = sentence.evaluate("el => getComputedStyle(el).backgroundColor")
        assert bg not in ("rgba(0, 0, 0, 0)", "transparent")
        page.screenshot(path=str(_shots() / "story.png"), full_page=False)
        # nothing from a source ran: hostile markup in titles/aliases stayed text
        assert page.evaluate("window.__pwned === undefined")
        page.goto(srv.url + "/articles/wire-ferry.txt")
        assert page.evaluate("window.__pwned === undefined")
        assert page.locator("script").count() == 1
        assert not [e for e in page.errors if "Content Security Policy" not in e], page.errors


def _shots() -> Path:
    """Screenshots go to a temp folder; STORYWEAVE_UPDATE_SCREENSHOTS=1 refreshes the README's.
    (A test run must not change the working tree.)"""
    import os
    import tempfile

    if os.environ.get("STORYWEAVE_UPDATE_SCREENSHOTS"):
        folder = REPO / "docs" / "screenshots"
    else:
        folder = Path(tempfile.gettempdir()) / "storyweave-screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_story_page_is_readable_on_a_phone(store, fixture_story, browser_page):
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    with LiveServer(create_app(make_config(), store, background=False)) as srv:
        page.goto(srv.url + "/stories/s-ferry")
        # one column, no sideways scrolling of the page (the matrix scrolls in its own box)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 1
        page.locator("#summary a.cite").first.click()
        page.wait_for_selector(".hl")
        page.screenshot(path=str(_shots() / "story-phone.png"))


def test_every_citation_kind_highlights_its_evidence_sentence(store, browser_page):
    import story_fixture

    arts = story_fixture.articles()
    store.add_articles(arts)
    store.assign({a.id: "s-ferry" for a in arts})
    brief = story_fixture.brief_with_evidence()
    store.save_brief("s-ferry", brief)
    evidence = {e["text"] for k in ("summary", "agreements", "unique", "quotes", "timeline")
                for item in brief[k] for e in item["evidence"]}
    page = browser_page
    with LiveServer(create_app(make_config(), store, background=False)) as srv:
        page.goto(srv.url + "/stories/s-ferry")
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")  # long lists fold
        for part in ("summary", "divergences", "agreements", "unique", "quotes", "timeline"):
            chips = page.locator(f"#{part} a.cite")
            assert chips.count(), part
            for i in range(chips.count()):
                chip = chips.nth(i)
                chip.click()
                lit = page.locator(".hl")
                assert lit.count() == 1, (part, i)
                # a sentence of the cited outlet's article, the one its evidence names
                assert lit.evaluate("e => e.matches('section.source span.s')"), (part, i)
                outlet = lit.evaluate("e => e.closest('section.source').querySelector('.chip').textContent")
                assert outlet == chip.inner_text(), (part, i)
                said = lit.inner_text().strip()
                if part == "divergences":
                    variant = chip.evaluate("e => e.closest('.variant').querySelector('p').textContent")
                    assert variant in said, (part, i)
                else:
                    assert said in evidence, (part, i)
        assert not [e for e in page.errors if "Content Security Policy" not in e], page.errors


def test_searching_a_body_word_finds_its_story(store, fixture_story, browser_page):
    page = browser_page
    with LiveServer(create_app(make_config(), store, background=False)) as srv:
        page.goto(srv.url + "/")
        page.fill("input[name=q]", "mooring")  # a word of the article text, in no title or name
        page.press("input[name=q]", "Enter")
        page.wait_for_url("**/?q=mooring*")
        assert page.locator(".story-card").count() == 1
        assert page.locator(".story-card .snippet mark").first.inner_text().lower() == "mooring"
        page.click(".story-card a.story-title")
        page.wait_for_selector("#summary")
        assert page.url.endswith("/stories/s-ferry")
        page.goto(srv.url + "/?q=" + "volcano")
        assert page.locator(".story-card").count() == 0


def test_the_example_story_page_is_under_four_screens(store, example_brief, example_dir, browser_page):
    """Issue 18's target: the example's story page at 1280 px is at most 4,000 px tall."""
    from storyweave.ingest import read_articles
    from storyweave.render.json import brief_to_dict

    arts, _ = read_articles([example_dir])
    added = store.add_articles(arts)
    store.assign({r.article_id: "s-example" for r in added})
    store.save_brief("s-example", brief_to_dict(example_brief))
    page = browser_page
    with LiveServer(create_app(make_config(), store, background=False)) as srv:
        page.goto(srv.url + "/stories/s-example")
        height = page.evaluate("document.documentElement.scrollHeight")
        print(f"story page height at 1280 px: {height}")
        assert height <= 4000, height
        # every citation still leads to a sentence of the cited article, not to its card
        # (the copied-text section links outlets to their whole articles, on purpose)
        hrefs = page.evaluate("Array.from(document.querySelectorAll('article.brief section:not(#syndication) a.cite'))"
                              ".map(a => a.getAttribute('href'))")
        assert hrefs and all(h.startswith("#s") for h in hrefs), [h for h in hrefs if not h.startswith("#s")]


def test_new_articles_since_the_last_visit_are_marked(store, browser_page):
    import story_fixture

    arts = story_fixture.articles()
    store.add_articles(arts)
    store.assign({a.id: "s-ferry" for a in arts})
    first = story_fixture.brief()
    first["articles"] = first["articles"][:2]  # the wire copy has not come in yet
    for part in ("summary", "agreements", "unique", "quotes", "timeline", "entities", "syndication"):
        first[part] = []
    first["divergences"] = []
    store.save_brief("s-ferry", first)
    page = browser_page
    with LiveServer(create_app(make_config(), store, background=False)) as srv:
        page.goto(srv.url + "/stories/s-ferry")
        assert page.locator("#since").is_hidden() and page.locator("section.source.new").count() == 0
        store.save_brief("s-ferry", story_fixture.brief())  # the third article joined
        page.reload()
        assert page.locator("#since").inner_text() == "1 new article since your last visit"
        assert page.locator("section.source.new").get_attribute("data-article") == "wire-ferry.txt"
        page.reload()  # seen now
        assert page.locator("#since").is_hidden() and page.locator("section.source.new").count() == 0
