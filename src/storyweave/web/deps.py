"""Per-app state and the auth dependencies shared by the API and the pages."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from fastapi import HTTPException, Request

from ..config import Config
from ..store.base import Store
from .service import Service
from .security import COOKIE, token_from_headers, token_matches
from .worker import BriefWorker


@dataclass(slots=True)
class AppState:
    config: Config
    store: Store
    service: Service
    worker: BriefWorker
    poke_feeds: Callable[[], None] = field(default=lambda: None)


def state(request: Request) -> AppState:
    return request.app.state.storyweave


def require_write(request: Request) -> None:
    token = state(request).config.server.token
    if not token:
        raise HTTPException(403, "this server accepts no writes: start it with --token T (or STORYWEAVE_SERVER_TOKEN)")
    if not token_matches(token, token_from_headers(request.headers)):
        raise HTTPException(401, "writes need the server token: send 'Authorization: Bearer <token>'",
                            headers={"WWW-Authenticate": "Bearer"})


def require_read(request: Request) -> None:
    server = state(request).config.server
    if not server.protect_reads:
        return
    given = token_from_headers(request.headers) or request.cookies.get(COOKIE)
    if not token_matches(server.token, given):
        raise HTTPException(401, "reading needs the server token on this server: send 'Authorization: Bearer <token>' "
                                 "or sign in at /login", headers={"WWW-Authenticate": "Bearer"})
