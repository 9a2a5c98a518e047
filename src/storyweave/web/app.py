"""The newsroom server: ``create_app(config, store)`` -> a FastAPI app.

Pages at ``/``, the API under ``/api`` (OpenAPI at ``/openapi.json``, a readable list at
``/docs``), static CSS/JS under ``/static``. A background worker clusters stored articles
into stories and rebuilds briefs; a feed poller reads registered feeds on their intervals.
"""
from __future__ import annotations

import asyncio
import logging
from contextlib import asynccontextmanager
from pathlib import Path
from typing import AsyncIterator

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..config import Config
from ..store.base import Store
from . import api, pages
from .deps import AppState
from .service import Service
from .feeds import FeedPoller
from .security import BodyLimit, SecurityHeaders
from .worker import BriefWorker

log = logging.getLogger("storyweave.web")


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("storyweave")
    except Exception:  # running from a source tree without an install
        return "0.0.0"


def create_app(config: Config, store: Store, service: Service | None = None, *, background: bool = True,
               feed_tick_seconds: float = 30.0, work: bool = True) -> FastAPI:
    """``background=False`` keeps the worker and poller off (tests that drive them by hand);
    ``work=False`` keeps only the worker off (a thin web tier: ``storyweave worker`` processes
    on the same database do the work)."""
    service = service or Service.default(config)
    worker = BriefWorker(store, service, config=config.server)
    poller = FeedPoller(store, service, worker, tick_seconds=feed_tick_seconds)
    st = AppState(config=config, store=store, service=service, worker=worker)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if background:
            if work:
                worker.start()
            poller.start()
            loop = asyncio.get_running_loop()
            # a newly registered feed is read now, not at the next tick
            st.poke_feeds = lambda: loop.call_soon_threadsafe(lambda: loop.create_task(poller.poll_due()))
        try:
            yield
        finally:
            await poller.stop()
            await asyncio.to_thread(worker.stop)
            service.close()

    app = FastAPI(
        title="storyweave", version=_version(), lifespan=lifespan, docs_url=None, redoc_url=None,
        description="Articles in, stories and cited cross-source briefs out. Writes need the server token "
                    "(`Authorization: Bearer <token>`).",
    )
    app.state.storyweave = st
    app.state.poller = poller
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=str(Path(__file__).parent / "static")), name="static")
    app.add_api_route("/healthz", lambda: {"ok": True}, include_in_schema=False)
    _install_error_handlers(app)
    # outermost last: headers on every response, including the body-limit refusals
    app.add_middleware(_CatchAll)
    app.add_middleware(BodyLimit, max_bytes=config.server.max_request_bytes)
    app.add_middleware(SecurityHeaders)
    return app


class _CatchAll:
    """An unexpected error becomes a clean 500 (JSON or page, no traceback) inside the
    security headers. Starlette's own catch-all answers and then re-raises, and the client
    saw a reset connection instead (found by tests/security)."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking(message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking)
        except Exception:  # noqa: BLE001 - the point of this middleware
            log.exception("unhandled error on %s %s", scope.get("method"), scope.get("path"))
            if started:
                return  # the response is under way: end it rather than reset the connection
            response = _error(Request(scope), 500, "internal error: the server log has the details")
            await response(scope, receive, send)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api") or request.url.path == "/openapi.json" \
        or "text/html" not in request.headers.get("accept", "")


def _error(request: Request, status: int, reason: str, headers: dict[str, str] | None = None) -> Response:
    if _wants_json(request):
        return JSONResponse({"error": reason}, status_code=status, headers=headers)
    return pages.render(request, "error.html", status=status, code=status, reason=reason)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        reason = exc.detail if isinstance(exc.detail, str) else "request refused"
        if exc.status_code == 404 and reason == "Not Found":
            reason = f"nothing at {request.url.path[:200]}"
        return _error(request, exc.status_code, reason, getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        # name the field and the rule; never echo the (possibly huge) input back
        parts = []
        for err in exc.errors()[:10]:
            where = ".".join(str(x) for x in err.get("loc", ()) if x != "body")
            parts.append(f"{where}: {err.get('msg', 'invalid')}" if where else str(err.get("msg", "invalid")))
        return _error(request, 422, "; ".join(parts) or "invalid request")

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return _error(request, 500, "internal error: the server log has the details")



