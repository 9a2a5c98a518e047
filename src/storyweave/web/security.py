"""What keeps third-party content inert and writes authorised.

- Every response carries a strict Content-Security-Policy: scripts and styles only from our
  own static files (no inline script, no inline style, no eval), nothing framed, no form
  posting elsewhere. Article text is escaped by Jinja2's autoescape; this is the second wall.
- Request bodies are capped (``server.max_request_bytes``) before they reach a handler, also
  when the client sends no Content-Length (chunked).
- Writes need the token (``Authorization: Bearer T`` or ``X-Storyweave-Token: T``), compared
  in constant time. Reads need it too when ``server.protect_reads`` is on; browsers then
  carry it in an HttpOnly, SameSite=Strict cookie set by ``/login``. The cookie never
  authorises writes, so a cross-site form cannot post articles.
"""
from __future__ import annotations

import hmac
import json

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = "; ".join([
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
])
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]
COOKIE = "storyweave_token"


class SecurityHeaders:
    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (k, v) for k, v in SECURITY_HEADERS if k not in names
                ]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyLimit:
    """Refuse bodies over ``max_bytes`` with 413, by header or while streaming."""

    def __init__(self, app: ASGIApp, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for k, v in scope.get("headers", []):
            if k == b"content-length":
                try:
                    size = int(v)
                except ValueError:
                    await _json(send, 400, "Content-Length is not a number")
                    return
                if size > self.max_bytes:
                    await _json(send, 413, self._too_big(size))
                    return
        seen = 0
        started = False

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise _TooBig(self._too_big(seen))
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted, tracking_send)
        except _TooBig:
            if not started:
                await _json(send, 413, self._too_big(seen))

    def _too_big(self, size: int) -> str:
        return (f"request body of {size:,}+ bytes is over this server's limit of {self.max_bytes:,} bytes "
                "(server.max_request_bytes): send fewer articles per request")


class _TooBig(HTTPException):
    # An HTTPException so that FastAPI's body parsing re-raises it as is (it turns other
    # errors met while reading a body into a vague 400).
    def __init__(self, reason: str):
        super().__init__(413, reason)


async def _json(send: Send, status: int, reason: str) -> None:
    body = json.dumps({"error": reason}).encode()
    await send({"type": "http.response.start", "status": status, "headers": [
        (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
        (b"connection", b"close"),
    ]})
    await send({"type": "http.response.body", "body": body})


def token_matches(expected: str | None, given: str | None) -> bool:
    if not expected or not given:
        return False
    return hmac.compare_digest(expected.encode(), given.encode())


def token_from_headers(headers) -> str | None:
    auth = headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip()
    return headers.get("x-storyweave-token")
