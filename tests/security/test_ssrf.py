"""URL fetching must not be a way into our own network.

A real HTTP server on 127.0.0.1 plays both the "public" news site and the internal service
an attacker wants (``/secret``): it counts hits, so each test proves the request never
reached it, not only that an error came back.

No real DNS: name resolution is replaced by a table (``storyweave.ingest.url._resolve``, the
one function the fetcher resolves names through), IP literals are parsed numerically. To let
a *public* address lead to the local test server, the connect step maps the one public
address we use (93.184.216.34, checked as public by the guard) to 127.0.0.1 — so the guard
sees a public site, and everything after its first hop is the attacker's choice.
"""
from __future__ import annotations

import http.server
import socket
import threading
from typing import Iterator

import httpcore
import pytest

from storyweave.config import Config, IngestConfig
from storyweave.errors import InputError
from storyweave.ingest import read_articles
from storyweave.ingest import url as url_mod

PUBLIC = "93.184.216.34"
PRIVATE_ANSWERS = {
    "loopback": "127.0.0.1", "loopback-v6": "::1", "private-10": "10.0.0.8", "private-192": "192.168.1.1",
    "private-172": "172.16.0.1", "metadata": "169.254.169.254", "link-local-v6": "fe80::1", "unique-local-v6": "fd00::1",
    "cgnat": "100.64.0.1", "mapped-v4": "::ffff:127.0.0.1", "unspecified": "0.0.0.0", "multicast": "224.0.0.1",
}
PAGE = ("<html><head><title>Flood in Valmora</title></head><body><article><h1>Flood in Valmora</h1>"
        + "".join(f"<p>Floodwater reached the centre of Valmora on Tuesday, paragraph {i}, officials said today.</p>"
                  for i in range(8)) + "</article></body></html>")


class Site:
    def __init__(self) -> None:
        self.hits: list[str] = []
        self.redirects: dict[str, str] = {}
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                site.hits.append(self.path)
                if self.path in site.redirects:
                    self.send_response(302)
                    self.send_header("Location", site.redirects[self.path])
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                body = (PAGE if self.path != "/secret" else "internal credentials").encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    @property
    def secret_hits(self) -> int:
        return sum(1 for p in self.hits if p == "/secret")


@pytest.fixture
def site(monkeypatch) -> Iterator[Site]:
    s = Site()
    names = {"news.test": [PUBLIC], "rebind.test": [PUBLIC, "127.0.0.1"],
             **{f"{k}.test": [v] for k, v in PRIVATE_ANSWERS.items()}}

    def resolve(host: str, port: int) -> list[str]:
        if host in names:
            return names[host]
        try:  # IP literals in any spelling the OS accepts (2130706433, 0x7f.1, 127.1 ...)
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_NUMERICHOST)
        except socket.gaierror:
            raise InputError(host, "cannot resolve the host name (test resolver: no such name)") from None
        return [i[4][0] for i in infos]

    real_connect = httpcore.SyncBackend.connect_tcp

    def connect(self, host, port, *args, **kwargs):
        if host == PUBLIC:  # the "public" site is the local server
            host = "127.0.0.1"
        return real_connect(self, host, port, *args, **kwargs)

    monkeypatch.setattr(url_mod, "_resolve", resolve)
    monkeypatch.setattr(httpcore.SyncBackend, "connect_tcp", connect)
    yield s
    s.httpd.shutdown()
    s.httpd.server_close()


CONFIG = IngestConfig(timeout=2.0)  # allow_private is off, as in production


def fetch_problem(url: str, config: IngestConfig = CONFIG) -> str:
    arts, probs = read_articles([url], config)
    assert not arts, f"{url} was fetched: {arts[0].text[:80]!r}"
    assert len(probs) == 1 and probs[0].item == url, probs
    return probs[0].reason


def test_public_site_is_fetched(site):
    # the control: without it the refusals below could be a broken test set-up
    arts, probs = read_articles([f"http://news.test:{site.port}/story"], CONFIG)
    assert not probs and arts[0].title == "Flood in Valmora"


@pytest.mark.parametrize("name", sorted(PRIVATE_ANSWERS))
def test_names_resolving_to_non_public_addresses_are_refused(site, name):
    reason = fetch_problem(f"http://{name}.test:{site.port}/secret")
    assert reason.startswith("refused:") and "--allow-private" in reason
    assert site.hits == []


def test_a_name_with_one_private_answer_among_public_ones_is_refused(site):
    # DNS rebinding: the guard checks every answer, and connects only to checked addresses
    assert "refused" in fetch_problem(f"http://rebind.test:{site.port}/secret")
    assert site.secret_hits == 0


@pytest.mark.parametrize("target", [
    "http://127.0.0.1:{port}/secret", "http://localhost.test:{port}/secret", "http://loopback.test:{port}/secret",
    "http://metadata.test/latest/meta-data/", "http://169.254.169.254/latest/meta-data/", "http://[::1]:{port}/secret",
    "http://2130706433:{port}/secret", "http://0x7f.1:{port}/secret", "http://127.1:{port}/secret",
    "http://[::ffff:127.0.0.1]:{port}/secret", "http://private-10.test/secret",
])
def test_redirects_to_internal_targets_are_refused(site, target):
    site.redirects["/story"] = target.format(port=site.port)
    reason = fetch_problem(f"http://news.test:{site.port}/story")
    assert "refused" in reason or "cannot resolve" in reason, reason
    assert site.hits == ["/story"] and site.secret_hits == 0  # the first hop only


@pytest.mark.parametrize("target", ["file:///etc/passwd", "gopher://news.test/1", "ftp://news.test/x", "data:text/html,<p>x",
                                    "javascript:alert(1)", "dict://127.0.0.1:11211/"])
def test_redirects_to_other_schemes_are_refused(site, target):
    site.redirects["/story"] = target
    assert "only http and https" in fetch_problem(f"http://news.test:{site.port}/story")


@pytest.mark.parametrize("url", ["file:///etc/passwd", "gopher://127.0.0.1/", "ftp://news.test/", "dict://127.0.0.1:11211/"])
def test_other_schemes_are_never_fetched(site, url):
    assert "cannot read" in fetch_problem(url) and site.hits == []


def test_allow_private_is_the_only_way_in(site):
    arts, probs = read_articles([f"http://127.0.0.1:{site.port}/story"], IngestConfig(timeout=2.0, allow_private=True))
    assert arts and not probs


def test_the_api_refuses_internal_urls(site, tmp_path):
    """POST /api/articles {"urls": [...]}: the server fetches for its users; same guard."""
    import httpx

    from storyweave.store import open_store
    from storyweave.web import create_app
    from security_kit import TOKEN, LiveServer

    internal = [f"http://loopback.test:{site.port}/secret", f"http://127.0.0.1:{site.port}/secret",
                "http://169.254.169.254/latest/meta-data/", "file:///etc/passwd"]
    site.redirects["/story"] = f"http://127.0.0.1:{site.port}/secret"
    config = Config().with_overrides({"server": {"token": TOKEN}, "ingest": {"timeout": 2.0}})
    with open_store(tmp_path / "ssrf.db") as store, LiveServer(create_app(config, store, background=False)) as srv:
        resp = httpx.post(f"{srv.url}/api/articles", json={"urls": [*internal, f"http://news.test:{site.port}/story"]},
                          headers={"Authorization": f"Bearer {TOKEN}"}, timeout=30, trust_env=False)
    assert resp.status_code == 422, resp.text
    problems = resp.json()["problems"]
    assert len(problems) == 5 and all("refused" in p["reason"] or "cannot read" in p["reason"] for p in problems), problems
    assert site.secret_hits == 0
