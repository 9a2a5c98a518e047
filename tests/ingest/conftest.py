"""Shared builders for the ingest tests: synthetic news pages and a local HTTP server."""
from __future__ import annotations

import http.server
import threading
from typing import Callable, Iterator

import pytest

from storyweave.config import IngestConfig

STORY = [
    "The city council voted on Tuesday to expand the harbour ferry service to three new stops, "
    "a plan that officials said would cut commuting times for thousands of residents.",
    "The vote passed by seven votes to two after a debate that lasted more than four hours, "
    "with several members questioning the cost of the new piers and the timetable for building them.",
    "Supporters argued that the ferries would take pressure off the crowded bridge and give the "
    "waterfront neighbourhoods a reliable link to the centre during the long construction works.",
    "The transport department expects the first of the new boats to enter service next spring, "
    "while the remaining stops are due to open in stages over the following eighteen months.",
    "Opponents warned that fares could rise to pay for the expansion, and asked the council to "
    "publish a full estimate of running costs before any contracts are signed with builders.",
]


def news_page(
    title: str = "Council expands harbour ferry service",
    paragraphs: list[str] | None = None,
    site: str | None = "Harbour Herald",
    date: str | None = "2023-06-19",
    author: str | None = "Jane Example",
    related: list[str] | None = None,
    lang: str = "en",
    charset: str = "utf-8",
) -> str:
    paragraphs = STORY if paragraphs is None else paragraphs
    meta = [f'<meta charset="{charset}">', f"<title>{title}</title>"]
    if site:
        meta.append(f'<meta property="og:site_name" content="{site}">')
    if date:
        meta.append(f'<meta property="article:published_time" content="{date}T08:00:00Z">')
    if author:
        meta.append(f'<meta name="author" content="{author}">')
    nav = "".join(f'<li><a href="/s/{i}">Section {i}</a></li>' for i in range(8))
    rel = ""
    if related:
        items = "".join(f'<li><a href="/r/{i}">{h}</a></li>' for i, h in enumerate(related))
        rel = f"<h3>Related</h3><ul>{items}</ul>"
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head>{"".join(meta)}</head><body>'
        f"<header><nav><ul>{nav}</ul></nav></header>"
        f"<main><article><h1>{title}</h1><div class='byline'>By {author or 'Staff'}</div>"
        f"<div class='article-body'>{body}{rel}</div></article></main>"
        f"<footer><p>Contact us | Privacy | Terms</p></footer></body></html>"
    )


Route = Callable[[http.server.BaseHTTPRequestHandler], None]


class LocalServer:
    """A real HTTP server on 127.0.0.1 whose routes the test sets: path -> handler."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        routes = self.routes

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                route = routes.get(self.path.split("?")[0])
                if route is None:
                    self.send_error(404, "Not Found")
                else:
                    route(self)

            def log_message(self, *args) -> None:  # keep test output clean
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def send(self, path: str, body: bytes | str, ctype: str = "text/html; charset=utf-8", status: int = 200) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body

        def route(h: http.server.BaseHTTPRequestHandler) -> None:
            h.send_response(status)
            h.send_header("Content-Type", ctype)
            h.send_header("Content-Length", str(len(data)))
            h.end_headers()
            h.wfile.write(data)

        self.routes[path] = route

    def redirect(self, path: str, to: str) -> None:
        def route(h: http.server.BaseHTTPRequestHandler) -> None:
            h.send_response(302)
            h.send_header("Location", to)
            h.send_header("Content-Length", "0")
            h.end_headers()

        self.routes[path] = route


@pytest.fixture
def server() -> Iterator[LocalServer]:
    srv = LocalServer()
    srv.thread.start()
    try:
        yield srv
    finally:
        srv.httpd.shutdown()
        srv.httpd.server_close()


@pytest.fixture
def local_config() -> IngestConfig:
    """Tests fetch from 127.0.0.1, which needs allow_private; short timeouts keep them fast."""
    return IngestConfig(allow_private=True, timeout=2.0)


@pytest.fixture
def make_page() -> Callable[..., str]:
    """The page builder, as a fixture (test modules cannot import one of several conftest.py)."""
    return news_page
