"""The web app never runs content from articles, checked in a real browser (headless Chromium).

Every string of a stored story — article ids, titles, outlets, authors, URLs, body lines,
removed lines and their reasons, and every field of the brief (summary, agreements,
divergences, quotes, speakers, timeline, entities, aliases, syndication) — carries script
tags, event handlers, javascript: links, iframes and CSS tricks. The pages are opened (and
their citations clicked) in Chromium; the test fails if any payload ran (``window.__pwned``
set, a dialog opened), became an element (``.pwned-marker``), or left a javascript: link.
"""
from __future__ import annotations

import datetime as dt
import os
from typing import Any

import pytest
from security_kit import TOKEN, LiveServer, make_config

from storyweave.model import Article, Removed

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
pytestmark = [pytest.mark.browser, pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"{CHROMIUM} is missing")]

PAYLOADS = [
    '<script>window.__pwned="script"</script>',
    '<img class="pwned-marker" src=x onerror="window.__pwned=\'img\'">',
    '<svg class="pwned-marker" onload="window.__pwned=\'svg\'"></svg>',
    '"><iframe class="pwned-marker" srcdoc="<script>parent.__pwned=\'iframe\'</script>"></iframe>',
    "'><a class=\"pwned-marker\" href=\"javascript:window.__pwned='link'\">x</a>",
    '<style>.hl{background:url("javascript:window.__pwned=\'css\'")} body{display:none}</style>',
    '<div class="pwned-marker" style="position:fixed;inset:0;background:red">overlay</div>',
    '</textarea></title><script>alert("pwned")</script>',
    "{{ 7*7 }}{% raw %}${alert(1)}",
]
JS_URL = "javascript:window.__pwned='href'"


def evil(text: str, n: int) -> str:
    return f"{text} {PAYLOADS[n % len(PAYLOADS)]}"


# ids are hostile too (no '#' or '/': the API refuses those, so a stored id can hold the rest)
IDS = ['a1"><img src=x onerror=window.__pwned=7>', "a2'><svg onload=window.__pwned=8>", "a3<script>window.__pwned=9</script>"]
SID = 's"><img src=x onerror=window.__pwned=10>'
BODIES = [
    ["Floodwater reached the centre of Valmora on Tuesday.", "The council opened two shelters in the old market hall."],
    ["Floodwater reached the centre of Valmora on Tuesday.", "Mayor Ilse Brandt said 40 families had left their homes."],
    ["The Sarn river rose two metres overnight.", "Schools in Valmora will stay closed until Friday."],
]


def hostile_articles() -> list[Article]:
    out = []
    for i, (aid, body) in enumerate(zip(IDS, BODIES)):
        lines = [evil(b, i + j) for j, b in enumerate(body)]
        removed = [Removed(evil("Read more: other news", i), evil("related-articles list", i + 1), 2)]
        out.append(Article(
            id=aid, text="\n".join(lines), outlet=evil(f"Outlet {i}", i + 2), title=evil(f"Flood title {i}", i + 3),
            url=JS_URL if i == 0 else f"https://news.example/{i}?q=\"><script>window.__pwned=11</script>",
            author=evil("Jane Reporter", i + 4), published=dt.date(2031, 1, 5 + i), language="en",
            body=lines, removed=removed, cleaned=True, meta={"note": PAYLOADS[0]},
        ))
    return out


def hostile_brief(arts: list[Article]) -> dict[str, Any]:
    sent = {a.id: [{"id": f"{a.id}#{k}", "paragraph": k, "text": line} for k, line in enumerate(a.body)] for a in arts}
    a1, a2, a3 = (a.id for a in arts)
    cite = lambda *ids: list(ids)  # noqa: E731
    return {
        "schema_version": "1.0",
        "title": evil("Valmora flood", 0),
        "articles": [{"id": a.id, "outlet": a.outlet, "title": a.title, "published": a.published.isoformat(), "url": a.url,
                      "author": a.author, "language": a.language, "body": a.body,
                      "removed": [{"text": r.text, "reason": r.reason, "line": r.line} for r in a.removed],
                      "sentences": sent[a.id]} for a in arts],
        "summary": [{"text": evil("Floodwater reached Valmora.", k), "citations": cite(a1, a2),
                     "sentence_ids": [f"{a1}#0", f"{a2}#0"], "model_written": False} for k in range(3)],
        "agreements": [{"text": evil("Floodwater reached the centre.", 4), "citations": cite(a1, a2), "independent_sources": 2,
                        "sentence_ids": [f"{a1}#0", f"{a2}#0"]}],
        "divergences": [{"about": evil("how many families left", 5), "kind": evil("contradiction", 6), "attribute": evil("count", 7),
                         "variants": [{"text": evil("40 families", 8), "value": evil("40", 1), "citations": cite(a2),
                                       "sentence_ids": [f"{a2}#1"], "sentences": []},
                                      {"text": evil("dozens", 2), "value": evil("~30", 3), "citations": cite(a3),
                                       "sentence_ids": [f"{a3}#0"], "sentences": []}]}],
        "unique": [{"text": evil("Schools will stay closed.", 4), "citations": cite(a3), "sentence_ids": [f"{a3}#1"]}],
        "quotes": [{"speaker": evil("Ilse Brandt", 5), "text": evil("We are doing everything we can", 6),
                    "citations": cite(a2), "sentence_ids": [f"{a2}#1"]}],
        "timeline": [{"date": "2031-01-05", "text": evil("The river rose.", 7), "citations": cite(a3), "sentence_ids": [],
                      "inferred": False}],
        "entities": [{"name": evil("Valmora", 8), "type": evil("place", 0), "aliases": [PAYLOADS[1], JS_URL],
                      "citations": cite(a1, a2, a3), "mentions": 3}],
        "syndication": [{"articles": [a1, a2], "shared_text": [evil("Floodwater reached", 1)], "overlap": 0.5}],
        "problems": [{"item": evil("bad.html", 2), "reason": evil("no article text", 3)}],
        "meta": {"title": evil("meta title", 4)},
    }


@pytest.fixture
def page():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        pg = browser.new_page()
        pg.dialogs = []
        pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
        yield pg
        browser.close()


def assert_inert(page, where: str) -> None:
    page.wait_for_timeout(150)  # let onerror/onload handlers (if any could fire) fire
    pwned = page.evaluate("() => window.__pwned === undefined ? null : String(window.__pwned)")
    assert pwned is None, f"{where}: a payload ran ({pwned})"
    assert page.dialogs == [], f"{where}: a dialog opened: {page.dialogs}"
    markers = page.evaluate("() => document.querySelectorAll('.pwned-marker, iframe, script:not([src]), [onerror], [onload]').length")
    assert markers == 0, f"{where}: {markers} injected element(s) in the DOM"
    js_links = page.evaluate("() => [...document.querySelectorAll('[href],[src],[action]')]"
                             ".map(e => e.getAttribute('href') || e.getAttribute('src') || e.getAttribute('action'))"
                             ".filter(u => /^\\s*javascript:/i.test(u))")
    assert js_links == [], f"{where}: javascript: links {js_links}"


def test_no_field_of_a_story_can_run_script(tmp_path, page):
    from urllib.parse import quote

    from storyweave.store import open_store
    from storyweave.web import create_app

    arts = hostile_articles()
    with open_store(tmp_path / "xss.db") as store:
        store.add_articles(arts)
        store.assign({a.id: SID for a in arts})
        store.save_brief(SID, hostile_brief(arts))
        with LiveServer(create_app(make_config(), store, background=False)) as srv:
            urls = [srv.url + "/", f"{srv.url}/stories/{quote(SID, safe='')}",
                    *(f"{srv.url}/articles/{quote(a.id, safe='')}" for a in arts),
                    srv.url + "/?q=" + quote(PAYLOADS[0]) + "&entity=" + quote(PAYLOADS[1]),
                    srv.url + "/nothing/" + quote(PAYLOADS[1], safe=""), srv.url + "/docs"]
            for url in urls:
                resp = page.goto(url)
                assert resp is not None and resp.status < 500, f"{url}: HTTP {resp and resp.status}"
                assert_inert(page, url)
            # the story page: the story is really there (the payloads are shown as text) ...
            page.goto(f"{srv.url}/stories/{quote(SID, safe='')}")
            assert "<script>" in page.inner_text("body")
            # ... and clicking every citation (app.js looks up hostile ids) runs nothing
            for link in page.locator("a.cite").all()[:20]:
                link.click()
            assert_inert(page, "after clicking citations")


def test_articles_posted_through_the_api_stay_inert(tmp_path, page):
    from urllib.parse import quote

    import httpx

    from storyweave.store import open_store
    from storyweave.web import create_app

    record = {"id": "posted-1", "title": evil("Posted title", 0), "outlet": evil("Posted outlet", 1),
              "author": evil("Posted author", 2), "url": JS_URL, "published": "2031-01-07",
              "text": "\n\n".join(evil(line, k) for k, line in enumerate(BODIES[0] + BODIES[2]))}
    page_html = ("<html><head><title>" + PAYLOADS[7] + "</title></head><body><article>"
                 + "".join(f"<p>{evil(line, k)} Officials in Valmora said more on Tuesday.</p>" for k, line in enumerate(BODIES[1] * 3))
                 + "</article></body></html>")
    with open_store(tmp_path / "posted.db") as store:
        with LiveServer(create_app(make_config(), store, background=False)) as srv:
            auth = {"Authorization": f"Bearer {TOKEN}"}
            r1 = httpx.post(srv.url + "/api/articles", json=record, headers=auth, trust_env=False, timeout=60)
            r2 = httpx.post(srv.url + "/api/articles?id=posted-2&url=" + quote(JS_URL + "2", safe=""), content=page_html.encode(),
                            headers={**auth, "Content-Type": "text/html"}, trust_env=False, timeout=60)
            assert r1.status_code == 201 and r2.status_code == 201, (r1.text, r2.text)
            for aid in ("posted-1", "posted-2"):
                page.goto(f"{srv.url}/articles/{aid}")
                assert "Valmora" in page.inner_text("body")
                assert_inert(page, f"/articles/{aid}")
