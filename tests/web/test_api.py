"""The HTTP API against a live uvicorn server on 127.0.0.1, on SQLite and PostgreSQL."""
from __future__ import annotations

import json

import httpx
import pytest
from webkit import TOKEN, LiveServer, make_config

from storyweave.render.json import schema_errors
from storyweave.web import Service, create_app

AUTH = {"Authorization": f"Bearer {TOKEN}"}


def records(n: int, tag: str = "r") -> list[dict]:
    # fictional, generated text: distinct content per record
    return [{"id": f"{tag}{i}", "outlet": f"Outlet {i % 3}", "url": f"https://news{i % 3}.example/{tag}/{i}",
             "title": f"Harbour vote number {i}", "published": "2031-04-0%d" % (1 + i % 5),
             "text": f"Council members in Port Elsen voted {i} times on the harbour plan.\n\n"
                     f"The plan costs {i + 3} million crowns, officials said on Tuesday."} for i in range(n)]


@pytest.fixture
def live(store):
    # background work off: these tests are about the HTTP surface, not about clustering
    app = create_app(make_config(), store, background=False)
    with LiveServer(app) as srv:
        yield srv


def test_writes_need_the_token(live):
    with live.client() as c:
        r = c.post("/api/articles", json=records(1))
        assert r.status_code == 401 and "token" in r.json()["error"]
        r = c.post("/api/articles", json=records(1), headers={"Authorization": "Bearer wrong"})
        assert r.status_code == 401
        r = c.post("/api/feeds", json={"url": "https://feeds.example/rss"})
        assert r.status_code == 401


def test_without_a_configured_token_no_write_is_accepted(store):
    app = create_app(make_config(token=None), store, background=False)
    with LiveServer(app) as srv, srv.client() as c:
        r = c.post("/api/articles", json=records(1), headers={"Authorization": "Bearer anything"})
        assert r.status_code == 403 and "--token" in r.json()["error"]


def test_post_records_then_read_them_back_idempotently(live):
    with live.client(TOKEN) as c:
        r = c.post("/api/articles", json={"articles": records(3)})
        assert r.status_code == 201, r.text
        body = r.json()
        assert body["created"] == 3 and body["duplicates"] == 0 and body["problems"] == []
        again = c.post("/api/articles", json=records(3))
        assert again.status_code == 200 and again.json()["created"] == 0 and again.json()["duplicates"] == 3
        art = c.get("/api/articles/r1").json()
        assert art["outlet"] == "Outlet 1" and art["published"] == "2031-04-02"
        assert any("harbour plan" in p for p in art["body"])
        assert c.get("/api/articles/nope").status_code == 404


def test_post_jsonl_text_and_html(live):
    with live.client(TOKEN) as c:
        lines = "\n".join(json.dumps(r) for r in records(2, "j")) + "\n{broken\n"
        r = c.post("/api/articles", content=lines, headers={"Content-Type": "application/x-ndjson"})
        assert r.status_code == 201 and r.json()["created"] == 2
        assert r.json()["problems"][0]["item"] == "line 3"
        r = c.post("/api/articles?id=plain1&outlet=Desk", content="A plain article about the Port Elsen harbour.",
                   headers={"Content-Type": "text/plain"})
        assert r.status_code == 201 and c.get("/api/articles/plain1").json()["outlet"] == "Desk"
        page = ("<html><head><title>Harbour</title></head><body><article><h1>Harbour plan passes</h1>"
                + "<p>The council of Port Elsen approved the harbour plan after a long debate on Tuesday evening.</p>" * 4
                + "</article></body></html>")
        r = c.post("/api/articles?id=page1&url=https://news.example/harbour", content=page,
                   headers={"Content-Type": "text/html"})
        if r.status_code == 501:
            pytest.skip(f"HTML reader not built yet: {r.json()['error']}")
        assert r.status_code == 201, r.text
        got = c.get("/api/articles/page1").json()
        assert got["url"] == "https://news.example/harbour" and "harbour plan" in " ".join(got["body"])


@pytest.mark.parametrize("body,ctype,status,words", [
    (b"{not json", "application/json", 400, "not valid JSON"),
    (b"", "application/json", 400, "empty"),
    (b"42", "application/json", 400, "expected a JSON object"),
    (b'{"urls": "https://x.example"}', "application/json", 400, "must be lists"),
    (b"%PDF-1.4", "application/pdf", 415, "application/pdf"),
    (json.dumps([{"id": "x1", "title": "no text"}]).encode(), "application/json", 422, "no 'text'"),
    (json.dumps([{"id": "a#1", "text": "t"}]).encode(), "application/json", 422, "may not contain"),
])
def test_bad_bodies_get_a_clear_4xx(live, body, ctype, status, words):
    with live.client(TOKEN) as c:
        r = c.post("/api/articles", content=body, headers={"Content-Type": ctype})
        assert r.status_code == status, r.text
        assert words in r.text


def test_oversized_requests_are_refused(store):
    app = create_app(make_config(max_request_bytes=10_000), store, background=False)
    with LiveServer(app) as srv, srv.client(TOKEN) as c:
        r = c.post("/api/articles", content=b"x" * 20_000, headers={"Content-Type": "text/plain"})
        assert r.status_code == 413 and "max_request_bytes" in r.json()["error"]

        def chunks():  # no Content-Length: the limit holds while streaming
            for _ in range(30):
                yield b"y" * 1000

        r = c.post("/api/articles", content=chunks(), headers={"Content-Type": "text/plain"})
        assert r.status_code == 413
        assert c.get("/api/stories").status_code == 200  # and the server is fine


def test_stories_and_the_brief_contract(live, fixture_story):
    story_id, brief = fixture_story
    with live.client() as c:
        listing = c.get("/api/stories").json()["stories"]
        assert [s["id"] for s in listing] == [story_id]
        assert listing[0]["size"] == 3 and set(listing[0]["outlets"]) == {"Coastal Herald", "Norrvik Post", "Island Wire"}
        got = c.get(f"/api/stories/{story_id}").json()
        assert schema_errors(got) == [] and got["divergences"] == brief["divergences"]
        r = c.get("/api/stories/s-none")
        assert r.status_code == 404 and "s-none" in r.json()["error"]
        assert c.get("/api/stories", params={"from": "2031-05-01"}).json()["stories"] == []
        assert c.get("/api/stories", params={"from": "not-a-date"}).status_code == 422
        assert c.get("/api/stories", params={"limit": 100000}).status_code == 422


def test_reads_can_be_protected(store, fixture_story):
    app = create_app(make_config(protect_reads=True), store, background=False)
    with LiveServer(app) as srv, srv.client() as c:
        assert c.get("/api/stories").status_code == 401
        assert c.get("/", headers={"Accept": "text/html"}).status_code == 401
        assert c.get("/api/stories", headers=AUTH).status_code == 200
        bad = c.post("/login", data={"token": "nope"})
        assert bad.status_code == 401
        ok = c.post("/login", data={"token": TOKEN})
        assert ok.status_code == 303 and "httponly" in ok.headers["set-cookie"].lower()
        assert c.get("/stories/s-ferry").status_code == 200  # the cookie now reads
        # ... but never writes: a cross-site form cannot post with it
        assert c.post("/api/articles", json=records(1)).status_code == 401


def test_feeds_register_poll_and_report_status(store):
    seen: list[str] = []

    def read_feed(urls):
        seen.extend(urls)
        if "broken" in urls[0]:
            raise RuntimeError("feed XML is not well-formed (line 3)")
        from storyweave.ingest.jsonl import record_to_article

        return iter([record_to_article(r, "entry", r["id"]) for r in records(2, "f")])

    service = Service.default(make_config())
    service.read_feed = read_feed
    service.clean = lambda arts: arts
    app = create_app(make_config(), store, service, background=False)
    with LiveServer(app) as srv, srv.client(TOKEN) as c:
        assert c.post("/api/feeds", json={"url": "file:///etc/passwd"}).status_code == 400
        assert c.post("/api/feeds", json={"url": "https://feeds.example/rss", "interval_minutes": 0}).status_code == 422
        assert c.post("/api/feeds", json={"url": "https://feeds.example/rss"}).status_code == 201
        assert c.post("/api/feeds", json={"url": "https://broken.example/rss", "interval_minutes": 5}).status_code == 201
        import asyncio

        asyncio.run(app.state.poller.poll_due())
        feeds = {f["url"]: f for f in c.get("/api/feeds").json()}
        assert feeds["https://feeds.example/rss"]["last_status"] == "ok: 2 new, 0 already stored"
        assert feeds["https://broken.example/rss"]["last_status"].startswith("error:")
        assert "not well-formed" in feeds["https://broken.example/rss"]["last_error"]
        assert feeds["https://feeds.example/rss"]["last_fetch"] is not None
        assert c.get("/api/articles/f1").status_code == 200
        asyncio.run(app.state.poller.poll_due())  # not due again yet
        assert sorted(seen) == ["https://broken.example/rss", "https://feeds.example/rss"]


def test_errors_leak_no_traceback(store):
    service = Service.default(make_config())

    def boom(arts):
        raise ValueError("secret /srv/storyweave/internal/path.py detail")

    service.clean = boom
    app = create_app(make_config(), store, service, background=False)
    with LiveServer(app) as srv, srv.client(TOKEN) as c:
        r = c.post("/api/articles", json=records(1))
        assert r.status_code == 500
        assert r.json() == {"error": "internal error: the server log has the details"}
        assert "Traceback" not in r.text and "/srv/" not in r.text


def test_openapi_documents_the_api(live):
    with live.client() as c:
        spec = c.get("/openapi.json").json()
        for path in ("/api/articles", "/api/stories", "/api/stories/{story_id}", "/api/articles/{article_id}", "/api/feeds"):
            assert path in spec["paths"], path
        assert "text/html" in spec["paths"]["/api/articles"]["post"]["requestBody"]["content"]
        docs = c.get("/docs")
        assert docs.status_code == 200 and "/api/feeds" in docs.text


def test_every_response_carries_the_strict_csp(live):
    with live.client() as c:
        for path in ("/", "/api/stories", "/static/style.css", "/nothing-here"):
            csp = c.get(path).headers["content-security-policy"]
            assert "default-src 'none'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp


def test_search_answers_with_marked_snippets(store, fixture_story, live):
    with live.client() as c:
        hits = c.get("/api/search", params={"q": "mooring posts"}).json()["hits"]
        assert [h["story_id"] for h in hits] == ["s-ferry"]
        assert "[[mooring]] [[posts]]" in hits[0]["snippet"] and "rowid" not in hits[0]
        assert c.get("/api/search", params={"q": "milk", "outlet": "Island Wire"}).json()["hits"] == []
        assert c.get("/api/search", params={"q": "milk", "from": "never"}).status_code in (400, 422)
        assert c.get("/api/search").status_code in (400, 422)  # q is required
