"""Fetching URLs safely: pages and feeds over http(s), for users who hand us links.

This module only fetches (bytes and headers); turning what it fetched into Articles is
:mod:`.remote`'s job (pages, feeds), so the feed reader can fetch without a cycle back here.

A service that fetches URLs for its users must not become a way into its own network, so
unless ``IngestConfig.allow_private`` is set we refuse every target that is not a public
address: loopback, private, link-local (including cloud metadata at 169.254.169.254),
shared/carrier-grade, multicast, reserved, unspecified. The check runs on the addresses the
name resolves to, at connect time, on every hop of a redirect chain: the socket is opened
to the very address we checked, so a DNS answer that changes between check and connect
(DNS rebinding) cannot slip through.

Limits, all from IngestConfig: a timeout per request, a size cap on the body (read as a
stream, never buffered past the cap), a bounded redirect count, a clear User-Agent, and a
bounded number of concurrent fetches (``concurrency``, at most 2 per host so we stay polite).
"""
from __future__ import annotations

import ipaddress
import socket
import threading
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Iterable, Iterator
from urllib.parse import urljoin, urlsplit

from ..config import IngestConfig
from ..errors import InputError
from ..model import Problem

PER_HOST = 2
_REDIRECTS = {301, 302, 303, 307, 308}
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json", "application/xml", "text/xml")


@dataclass(slots=True)
class Fetched:
    url: str  # the URL asked for
    final_url: str  # after redirects
    content_type: str
    charset: str | None
    body: bytes


# ---- address policy ----------------------------------------------------------------------------

def refusal(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why this address is not a public one we may fetch from, or None."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    for test, what in (
        (ip.is_loopback, "a loopback address"),
        (ip.is_link_local, "a link-local address (cloud metadata lives there)"),
        (ip.is_private, "a private-network address"),
        (ip.is_multicast, "a multicast address"),
        (ip.is_unspecified, "an unspecified address"),
        (ip.is_reserved, "a reserved address"),
        (not ip.is_global, "not a public address"),
    ):
        if test:
            return what
    return None


def _resolve(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as e:
        raise InputError(host, f"cannot resolve the host name ({e.strerror})") from None
    return list(dict.fromkeys(info[4][0] for info in infos))


def checked_addresses(host: str, port: int, allow_private: bool) -> list[str]:
    """The addresses to connect to; raises when any of them is off-limits."""
    addresses = _resolve(host, port)
    if not allow_private:
        for addr in addresses:
            why = refusal(ipaddress.ip_address(addr.split("%", 1)[0]))
            if why:
                raise InputError(
                    host, f"refused: {host} resolves to {addr}, {why}; pass --allow-private "
                          "(ingest.allow_private) to fetch from your own network"
                )
    return addresses


class _GuardedBackend:
    """httpcore network backend that opens sockets only to checked addresses."""

    def __init__(self, allow_private: bool):
        import httpcore

        self._inner = httpcore.SyncBackend()
        self._allow_private = allow_private

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        import httpcore

        last: Exception | None = None
        for addr in checked_addresses(host, port, self._allow_private):
            try:  # connect to the address we checked, not to the name (no second DNS lookup)
                return self._inner.connect_tcp(addr, port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as e:
                last = e
        raise last or httpcore.ConnectError(f"no address for {host}")

    def connect_unix_socket(self, *args, **kwargs):  # pragma: no cover - never used for URLs
        raise InputError("unix socket", "refused: only http(s) URLs are fetched")

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


def make_client(config: IngestConfig):
    import httpx

    transport = httpx.HTTPTransport(retries=0)
    # httpx has no public hook for the connect step; its pool takes a network backend.
    transport._pool._network_backend = _GuardedBackend(config.allow_private)
    return httpx.Client(
        transport=transport,
        timeout=httpx.Timeout(config.timeout),
        follow_redirects=False,  # we follow them ourselves, checking every hop
        headers={"User-Agent": config.user_agent, "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.5"},
        trust_env=False,  # no proxies from the environment: the checks must see the real target
    )


# ---- fetching ------------------------------------------------------------------------------------

def _check_url(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise InputError(url, f"refused: only http and https URLs are fetched, not '{parts.scheme}:'")
    if not parts.hostname:
        raise InputError(url, "not a valid URL: no host name")


def fetch(url: str, config: IngestConfig, client=None) -> Fetched:
    """GET one URL within the limits; raises InputError naming the URL and the reason."""
    import httpx

    own = client is None
    client = client or make_client(config)
    try:
        current = url
        seen: set[str] = set()
        for _ in range(config.max_redirects + 1):
            _check_url(current)
            if current in seen:
                raise InputError(url, f"redirect loop (back to {current})")
            seen.add(current)
            with client.stream("GET", current) as resp:
                if resp.status_code in _REDIRECTS and "location" in resp.headers:
                    current = urljoin(current, resp.headers["location"])
                    continue
                if resp.status_code >= 400:
                    raise InputError(url, f"HTTP {resp.status_code} {resp.reason_phrase}".strip())
                body = _read_capped(resp, config.max_bytes, url)
                ctype = resp.headers.get("content-type", "")
                return Fetched(url, current, ctype.split(";")[0].strip().lower(), resp.charset_encoding, body)
        raise InputError(url, f"more than {config.max_redirects} redirects (ingest.max_redirects)")
    except InputError as e:
        if e.item != url:  # a refusal found at connect time names the host: name the URL too
            raise InputError(url, e.reason) from None
        raise
    except httpx.TimeoutException:
        raise InputError(url, f"timed out after {config.timeout:g} s (ingest.timeout)") from None
    except httpx.InvalidURL as e:
        # httpx parses a redirect's Location even with follow_redirects off, and InvalidURL
        # is no HTTPError: a page redirecting to "javascript:..." ended the whole batch
        # (found by tests/security)
        raise InputError(url, f"refused: redirect to an invalid URL ({e}); only http and https URLs are fetched") from None
    except httpx.HTTPError as e:
        raise InputError(url, f"cannot fetch ({type(e).__name__}: {e})") from None
    finally:
        if own:
            client.close()


def _read_capped(resp, limit: int, url: str) -> bytes:
    declared = resp.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise InputError(url, f"page is {int(declared):,} bytes, over the {limit:,}-byte limit (ingest.max_bytes)")
    chunks, size = [], 0
    for chunk in resp.iter_bytes():
        size += len(chunk)
        if size > limit:
            raise InputError(url, f"page is over the {limit:,}-byte limit (ingest.max_bytes); not read")
        chunks.append(chunk)
    return b"".join(chunks)


def is_feed(fetched: Fetched) -> bool:
    if fetched.content_type in _FEED_TYPES:
        head = fetched.body[:2048].lstrip().lower()
        return b"<rss" in head or b"<feed" in head or b"<rdf" in head or fetched.content_type.endswith(("rss+xml", "atom+xml"))
    return False


class _HostLimiter:
    """At most ``per_host`` requests to one host at a time, whatever the total concurrency."""

    def __init__(self, per_host: int):
        self._locks: dict[str, threading.BoundedSemaphore] = defaultdict(lambda: threading.BoundedSemaphore(per_host))
        self._guard = threading.Lock()

    def __call__(self, url: str) -> threading.BoundedSemaphore:
        with self._guard:
            return self._locks[urlsplit(url).hostname or ""]


def fetch_many(urls: Iterable[str], config: IngestConfig) -> Iterator[Fetched | Problem]:
    """Fetch URLs concurrently (config.concurrency threads, PER_HOST per host); yields in input order."""
    urls = list(urls)
    limiter = _HostLimiter(PER_HOST)
    client = make_client(config)

    def one(u: str) -> Fetched | Problem:
        with limiter(u):
            try:
                return fetch(u, config, client)
            except InputError as e:
                return Problem(e.item, e.reason)

    try:
        with ThreadPoolExecutor(max_workers=max(1, config.concurrency)) as pool:
            yield from pool.map(one, urls)
    finally:
        client.close()
