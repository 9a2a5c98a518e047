"""The API refuses what it must: writes without the token, oversized bodies, and it never
answers an error with a stack trace or a server path. Each refusal is also checked to have
stored nothing."""
from __future__ import annotations

import re

import httpx
import pytest
from security_kit import TOKEN, LiveServer, make_config

from storyweave.store import open_store
from storyweave.web import create_app

RECORD = {"id": "r1", "title": "Flood in Valmora", "outlet": "Valley Courier",
          "text": "Floodwater reached the centre of Valmora on Tuesday, officials said."}
LEAKS = re.compile(r"Traceback|File \"|/work/|/home/|/tmp/|site-packages|\.py\b|sqlalchemy|psycopg", re.I)


@pytest.fixture
def served(tmp_path):
    with open_store(tmp_path / "api.db") as store:
        with LiveServer(create_app(make_config(max_request_bytes=50_000), store, background=False)) as srv:
            with httpx.Client(base_url=srv.url, timeout=30, trust_env=False) as client:
                yield client, store


def no_leak(resp: httpx.Response) -> str:
    assert not LEAKS.search(resp.text), f"HTTP {resp.status_code} leaks internals: {resp.text[:300]}"
    return resp.text


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {TOKEN}"},
                                     {"X-Storyweave-Token": ""}, {"Cookie": f"storyweave_token={TOKEN}"}],
                         ids=["none", "wrong", "not-bearer", "empty", "cookie-only"])
def test_writes_without_the_token_are_refused(served, headers):
    client, store = served
    for path, body in (("/api/articles", RECORD), ("/api/feeds", {"url": "https://news.example/feed.xml"})):
        resp = client.post(path, json=body, headers=headers)
        assert resp.status_code == 401, (path, resp.status_code, resp.text)
        assert "token" in no_leak(resp)
    assert store.count_articles() == 0 and store.list_feeds() == []


def test_a_server_without_a_token_takes_no_writes(tmp_path):
    config = make_config().with_overrides({"server": {"token": ""}})
    with open_store(tmp_path / "ro.db") as store, LiveServer(create_app(config, store, background=False)) as srv:
        resp = httpx.post(srv.url + "/api/articles", json=RECORD, trust_env=False)
        assert resp.status_code == 403 and "--token" in resp.text
        assert store.count_articles() == 0


def test_oversized_bodies_are_refused_by_header_and_while_streaming(served):
    client, store = served
    auth = {"Authorization": f"Bearer {TOKEN}"}
    big = {**RECORD, "text": "Valmora flood. " * 10_000}  # ~150 kB over a 50 kB limit
    resp = client.post("/api/articles", json=big, headers=auth)
    assert resp.status_code == 413 and "max_request_bytes" in no_leak(resp)

    def chunks():  # no Content-Length: the limit must hold while the body streams in
        for _ in range(40):
            yield b"x" * 4096

    resp = client.post("/api/articles", content=chunks(), headers={**auth, "Content-Type": "text/plain"})
    assert resp.status_code == 413, resp.text
    assert store.count_articles() == 0


@pytest.mark.parametrize("body, ctype, status", [
    (b'{"text": "unterminated', "application/json", 400),
    (b"\xff\xfe\x00garbage", "application/json", 400),
    (b"[1, 2, 3]", "application/json", 422),
    (b"<xml/>", "application/x-evil", 415),
    (b"", "application/json", 400),
])
def test_bad_bodies_get_a_reason_not_a_trace(served, body, ctype, status):
    client, store = served
    resp = client.post("/api/articles", content=body, headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": ctype})
    assert resp.status_code == status, resp.text
    assert no_leak(resp) and ("error" in resp.json() or "problems" in resp.json())
    assert store.count_articles() == 0


def test_deeply_nested_json_body_is_a_400(served):
    client, _ = served
    resp = client.post("/api/articles", content=b"[" * 20_000 + b"]" * 20_000,
                       headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"})
    no_leak(resp)
    assert resp.status_code == 400


@pytest.mark.parametrize("path", ["/api/articles/..%2F..%2Fetc%2Fpasswd", "/api/stories/%00", "/stories/<script>",
                                  "/static/../../pyproject.toml", "/api/nothing"])
def test_not_found_names_no_internals(served, path):
    client, _ = served
    resp = client.get(path)
    assert resp.status_code in (400, 404), (path, resp.status_code)
    no_leak(resp)


def test_a_crash_inside_the_server_is_a_bare_500(served, monkeypatch):
    client, store = served

    def explode(*args, **kwargs):
        raise RuntimeError("disk failure at /var/lib/storyweave/secret/store.db (see /work/main/src/x.py)")

    monkeypatch.setattr(store, "list_stories", explode)
    resp = client.get("/api/stories")
    assert resp.status_code == 500
    assert "internal error" in no_leak(resp)
    page = client.get("/", headers={"Accept": "text/html"})
    assert page.status_code == 500 and "Traceback" not in page.text and "/var/lib" not in page.text
